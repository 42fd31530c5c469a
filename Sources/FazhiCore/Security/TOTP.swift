import Crypto
import Foundation

/// Time-based one-time passwords (RFC 6238) over HOTP (RFC 4226) with HMAC-SHA1, the variant
/// every authenticator app supports. The second factor required of administrators
/// (docs/SECURITY.md item 3; MLPS 8.1.4.1 d; ASVS 4.3.1).
///
/// T0 is the Unix epoch. SHA-1 is acceptable here: HOTP relies on HMAC's pseudo-randomness,
/// which collisions in SHA-1 do not break (RFC 4226 Appendix A.4; RFC 6238 §1.2).
public struct TOTP: Sendable, CustomStringConvertible {
    /// The shared secret. Store it encrypted at rest; never log it.
    public let secret: [UInt8]
    public let digits: Int
    /// The time step in seconds.
    public let period: Int

    /// The secret length authenticator apps expect: the 160-bit HMAC-SHA1 key size (RFC 4226 §4 R6).
    public static let secretLength = 20

    public init(secret: [UInt8], digits: Int = 6, period: Int = 30) {
        // RFC 4226 §5.3: at least 6 digits; a 31-bit truncated value has at most 10.
        precondition((6...10).contains(digits), "TOTP digits must be 6...10")
        precondition(period > 0, "TOTP period must be positive")
        self.secret = secret
        self.digits = digits
        self.period = period
    }

    /// Keeps the secret out of logs and string interpolation.
    public var description: String { "TOTP(digits: \(digits), period: \(period), secret: <redacted>)" }

    // MARK: Codes

    /// The time-step counter T = floor((now - T0) / X) of RFC 6238 §4.2.
    public func counter(at date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / Double(period)).rounded(.down))
    }

    /// The code an authenticator app shows at `date`.
    public func code(at date: Date) -> String {
        code(counter: counter(at: date))
    }

    /// The HOTP value for one counter (RFC 4226 §5.3), zero-padded to `digits`.
    public func code(counter: Int64) -> String {
        var message = [UInt8](repeating: 0, count: 8)
        var value = UInt64(bitPattern: counter)
        for index in stride(from: 7, through: 0, by: -1) {
            message[index] = UInt8(truncatingIfNeeded: value)
            value >>= 8
        }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: secret)))
        // Dynamic truncation (RFC 4226 §5.4).
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let binary = (UInt32(mac[offset] & 0x7F) << 24)
            | (UInt32(mac[offset + 1]) << 16)
            | (UInt32(mac[offset + 2]) << 8)
            | UInt32(mac[offset + 3])
        var modulus: UInt64 = 1
        for _ in 0..<digits { modulus *= 10 }
        let number = String(UInt64(binary) % modulus)
        return String(repeating: "0", count: digits - number.count) + number
    }

    // MARK: Verification

    /// Checks a submitted code against the steps within `window` of `date`.
    ///
    /// Returns the matched counter, which the caller must store and pass back as
    /// `lastUsedCounter`: steps at or before it are refused, so an observed code cannot be
    /// replayed (RFC 6238 §5.2). The window tolerates clock drift (RFC 6238 §6).
    /// Surrounding whitespace is ignored and full-width digits (typed by Chinese input methods
    /// in full-width mode) count as digits; any other character, or the wrong length, is refused.
    public func verify(_ code: String, at date: Date, window: Int = 1, after lastUsedCounter: Int64?) -> Int64? {
        precondition((0...10).contains(window), "TOTP window must be 0...10 steps")
        guard let submitted = Self.asciiDigits(code), submitted.count == digits else { return nil }
        let current = counter(at: date)
        var matched: Int64?
        for candidate in (current - Int64(window))...(current + Int64(window)) {
            guard candidate >= 0 else { continue }
            if let lastUsedCounter, candidate <= lastUsedCounter { continue }
            // Compare every candidate in full, so timing reveals neither which step nor how many
            // leading digits matched.
            let isMatch = Self.constantTimeEquals(Array(self.code(counter: candidate).utf8), submitted)
            if isMatch && matched == nil { matched = candidate }
        }
        return matched
    }

    private static func asciiDigits(_ text: String) -> [UInt8]? {
        var result: [UInt8] = []
        for scalar in text.trimmingCharacters(in: .whitespacesAndNewlines).unicodeScalars {
            switch scalar.value {
            case 0x30...0x39: result.append(UInt8(scalar.value))
            case 0xFF10...0xFF19: result.append(UInt8(scalar.value - 0xFF10 + 0x30))
            default: return nil
            }
        }
        return result
    }

    private static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }

    // MARK: Enrolment

    /// A new random secret of `secretLength` bytes. Pass a cryptographically secure generator
    /// (`SystemRandomNumberGenerator`) in production; tests pass a seeded one.
    public static func generateSecret(using rng: inout some RandomNumberGenerator) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(secretLength)
        while bytes.count < secretLength {
            var word = rng.next()
            for _ in 0..<8 where bytes.count < secretLength {
                bytes.append(UInt8(truncatingIfNeeded: word))
                word >>= 8
            }
        }
        return bytes
    }

    /// A new random secret from the system's cryptographically secure generator.
    public static func generateSecret() -> [UInt8] {
        var rng = SystemRandomNumberGenerator()
        return generateSecret(using: &rng)
    }

    /// The key URI authenticator apps read from the enrolment QR code (Google Authenticator
    /// "Key Uri Format"): `otpauth://totp/ISSUER:ACCOUNT?secret=…&issuer=…&algorithm=SHA1&digits=…&period=…`.
    /// Issuer and account are percent-encoded as UTF-8, leaving only RFC 3986 unreserved
    /// characters bare, so Chinese names, spaces, `:`, `@`, `&` and `?` cannot break the URI.
    public func provisioningURI(issuer: String, account: String) -> String {
        let encodedIssuer = Self.percentEncode(issuer)
        return "otpauth://totp/\(encodedIssuer):\(Self.percentEncode(account))"
            + "?secret=\(Base32.encode(secret))&issuer=\(encodedIssuer)"
            + "&algorithm=SHA1&digits=\(digits)&period=\(period)"
    }

    static func percentEncode(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var output: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                output.append(byte)
            default:
                output.append(UInt8(ascii: "%"))
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
