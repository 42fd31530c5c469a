import FazhiCore
import Foundation
import Vapor

/// Password hashing: bcrypt over the SHA-256 prehash, so every byte of a long passphrase counts
/// (docs/SECURITY.md item 1: bcrypt reads only 72 bytes). Runs off the event loop.
enum PasswordHasher {
    static func hash(_ password: String, cost: Int, on app: Application) async throws -> String {
        let prehashed = PasswordPrehash.prehash(password)
        return try await app.threadPool.runIfActive {
            try Bcrypt.hash(prehashed, cost: cost)
        }
    }

    static func verify(_ password: String, against hash: String, on app: Application) async -> Bool {
        let prehashed = PasswordPrehash.prehash(password)
        return (try? await app.threadPool.runIfActive {
            try Bcrypt.verify(prehashed, created: hash)
        }) ?? false
    }
}

/// Usernames: 3–32 lower-case letters, digits, dot, underscore or hyphen, starting with a letter.
enum UsernameRule {
    static func clean(_ raw: String?, into errors: inout FieldErrors) -> String? {
        let text = (raw ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        guard !text.isEmpty else {
            errors.add("username", "请填写「用户名」。")
            return nil
        }
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-")
        guard (3...32).contains(text.count), text.allSatisfy({ allowed.contains($0) }), text.first!.isLetter else {
            errors.add("username", "「用户名」应为 3 到 32 位小写英文字母、数字、点、下划线或连字符，并以字母开头。")
            return nil
        }
        return text
    }
}

/// Readable random passwords for new accounts and resets: 4 groups of 4 from an alphabet without look-alikes.
enum GeneratedPassword {
    static let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789")

    static func make(_ random: AppRandom) -> String {
        var groups: [String] = []
        var bytes = random.bytes(64)
        var index = 0
        for _ in 0..<4 {
            var group = ""
            while group.count < 4 {
                if index == bytes.count {
                    bytes = random.bytes(64)
                    index = 0
                }
                let byte = Int(bytes[index])
                index += 1
                // Rejection sampling keeps the distribution uniform.
                guard byte < (256 / alphabet.count) * alphabet.count else { continue }
                group.append(alphabet[byte % alphabet.count])
            }
            groups.append(group)
        }
        return groups.joined(separator: "-")
    }
}
