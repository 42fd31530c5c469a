import Crypto
import Foundation

/// Encryption at rest for personal information and TOTP secrets (docs/SECURITY.md item 12; PIPL art. 51;
/// MLPS 8.1.4.8): AES-256-GCM with a key that lives outside the database (FAZHI_SECRET_KEY or the key file).
public struct SecretBox: Sendable {
    private let key: SymmetricKey

    public init(key: SymmetricKey) {
        self.key = key
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// `v1:` + base64(nonce ‖ ciphertext ‖ tag). The version prefix leaves room for key rotation.
    public func seal(_ plaintext: String) throws -> String {
        let box = try AES.GCM.seal(Data(plaintext.utf8), using: key)
        guard let combined = box.combined else { throw Failure(description: "加密失败") }
        return "v1:" + combined.base64EncodedString()
    }

    public func open(_ sealed: String) throws -> String {
        guard sealed.hasPrefix("v1:"), let data = Data(base64Encoded: String(sealed.dropFirst(3))) else {
            throw Failure(description: "密文格式不正确")
        }
        let box = try AES.GCM.SealedBox(combined: data)
        let plain = try AES.GCM.open(box, using: key)
        guard let text = String(data: plain, encoding: .utf8) else { throw Failure(description: "密文内容不是文本") }
        return text
    }

    /// A keyed digest for looking up or de-duplicating a sealed value without decrypting every row.
    public func blindIndex(_ value: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(("index:" + value).utf8), using: key)
        return Data(mac).base64EncodedString()
    }
}
