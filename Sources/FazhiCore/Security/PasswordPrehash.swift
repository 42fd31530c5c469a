import Crypto
import Foundation

/// Makes a password of any length fit bcrypt whole (docs/SECURITY.md item 1; ASVS 2.1.2, 2.4.x).
///
/// bcrypt reads only the first 72 bytes, and a 25-character Chinese passphrase already fills
/// them, so two long passphrases sharing a prefix would hash alike. Hashing first with SHA-256
/// gives a fixed 32 bytes that depend on every character; Base64 turns them into 44 ASCII bytes
/// with no NUL (bcrypt stops at NUL). NFC first, so the same text typed on systems that send
/// decomposed forms (NFD) still verifies.
public enum PasswordPrehash {
    /// Base64(SHA-256(UTF-8(NFC(password)))): always 44 ASCII characters. Pass this, not the
    /// raw password, to bcrypt, both when setting and when verifying.
    public static func prehash(_ password: String) -> String {
        let bytes = Array(password.precomposedStringWithCanonicalMapping.utf8)
        return Data(SHA256.hash(data: bytes)).base64EncodedString()
    }
}
