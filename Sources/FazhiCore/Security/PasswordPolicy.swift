import Foundation

/// Why a proposed password is refused. Each carries the Chinese message shown beside the field.
public enum PasswordProblem: Hashable, Sendable {
    case tooShort(length: Int, minimum: Int)
    case tooLong(length: Int, maximum: Int)
    case common
    case containsUsername
    case controlCharacters

    public var message: String {
        switch self {
        case let .tooShort(length, minimum): "密码至少需要 \(minimum) 个字符（当前 \(length) 个）。"
        case let .tooLong(length, maximum): "密码最多 \(maximum) 个字符（当前 \(length) 个）。"
        case .common: "该密码属于常见密码，容易被猜中，请换一个。"
        case .containsUsername: "密码不能包含用户名。"
        case .controlCharacters: "密码不能包含换行、制表符等控制字符。"
        }
    }
}

/// The password rules of docs/SECURITY.md item 1 (OWASP ASVS 4.0.3 2.1.1–2.1.3, 2.1.7, 2.1.9):
/// length 12–128 characters, not a common password, not containing the username.
/// No composition rules (ASVS 2.1.9): any printable Unicode, spaces and Chinese included.
public struct PasswordPolicy: Sendable {
    /// ASVS 2.1.1: at least 12 characters.
    public let minLength = 12
    /// ASVS 2.1.2: at least 64 must be allowed; 128 bounds the work per attempt.
    public let maxLength = 128
    /// Lower-cased, NFC-normalized entries.
    public let commonPasswords: Set<String>

    public init(commonPasswords: Set<String>) {
        self.commonPasswords = Set(commonPasswords.map { Self.folded($0) })
    }

    /// The policy with the bundled list (Django's common passwords plus Chinese-context
    /// additions, ≥ 10,000 entries; ASVS 2.1.7). Reads a 200 kB file: build it once at startup.
    public static func bundled() throws -> PasswordPolicy {
        PasswordPolicy(commonPasswords: parseList(try String(contentsOf: bundledListURL(), encoding: .utf8)))
    }

    static func bundledListURL() throws -> URL {
        guard let url = Bundle.module.url(forResource: "common-passwords", withExtension: "txt",
                                          subdirectory: "Resources/security") else {
            throw PasswordPolicyError.listMissing
        }
        return url
    }

    /// One password per line; lines starting with `#` are comments; blank or whitespace-only
    /// lines are skipped.
    public static func parseList(_ text: String) -> Set<String> {
        var result = Set<String>()
        for line in text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline) {
            guard !line.hasPrefix("#"), !line.allSatisfy(\.isWhitespace) else { continue }
            result.insert(folded(String(line)))
        }
        return result
    }

    /// Every rule the password breaks, in display order; empty when it is acceptable.
    /// Length counts user-perceived characters (grapheme clusters) after NFC, so a Chinese
    /// passphrase of 12 characters counts 12, not its 36 UTF-8 bytes.
    public func check(_ password: String, username: String?) -> [PasswordProblem] {
        var problems: [PasswordProblem] = []
        let normalized = password.precomposedStringWithCanonicalMapping
        let length = normalized.count
        if length < minLength { problems.append(.tooShort(length: length, minimum: minLength)) }
        if length > maxLength { problems.append(.tooLong(length: length, maximum: maxLength)) }
        if normalized.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            problems.append(.controlCharacters)
        }
        let folded = Self.folded(normalized)
        // ASVS 2.1.7: exact match against the list, case-insensitively (the list is lower-case).
        if commonPasswords.contains(folded) { problems.append(.common) }
        // Short usernames ("li", "wu") would refuse too many good passwords by coincidence.
        if let username {
            let user = Self.folded(username.trimmingCharacters(in: .whitespacesAndNewlines))
            if user.count >= 3 && folded.contains(user) { problems.append(.containsUsername) }
        }
        return problems
    }

    static func folded(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping.lowercased().precomposedStringWithCanonicalMapping
    }
}

public enum PasswordPolicyError: Error, Equatable, Sendable {
    /// The bundled common-password list is missing from the resources.
    case listMissing
}
