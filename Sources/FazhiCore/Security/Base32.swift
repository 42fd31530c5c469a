/// Base32 as in RFC 4648 §6 (alphabet A–Z, 2–7), the encoding authenticator apps expect for
/// TOTP secrets.
///
/// Output carries no `=` padding, because the otpauth key-URI format omits it. Input is read
/// leniently, since people type secrets by hand: any letter case, optional trailing padding, and
/// whitespace anywhere are accepted. Anything else (foreign characters, padding in the middle,
/// a length no byte string can have, non-zero leftover bits) is refused with nil.
public enum Base32 {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    /// Encodes `bytes` without padding.
    public static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count * 8 + 4) / 5)
        var buffer: UInt32 = 0
        var bitCount = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bitCount += 8
            while bitCount >= 5 {
                bitCount -= 5
                output.append(alphabet[Int((buffer >> UInt32(bitCount)) & 0x1F)])
            }
        }
        if bitCount > 0 {
            output.append(alphabet[Int((buffer << UInt32(5 - bitCount)) & 0x1F)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes `text`, or returns nil when it is not valid Base32.
    public static func decode(_ text: String) -> [UInt8]? {
        var values: [UInt8] = []
        values.reserveCapacity(text.utf8.count)
        var seenPadding = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace { continue }
            if scalar == "=" {
                seenPadding = true
                continue
            }
            // Data after padding means the text was two values glued together, or garbage.
            guard !seenPadding, let value = value(of: scalar) else { return nil }
            values.append(value)
        }
        // 8 characters carry 5 bytes; a last group of 1, 3 or 6 characters cannot end on a byte.
        guard [0, 2, 4, 5, 7].contains(values.count % 8) else { return nil }

        var output: [UInt8] = []
        output.reserveCapacity(values.count * 5 / 8)
        var buffer: UInt32 = 0
        var bitCount = 0
        for value in values {
            buffer = (buffer << 5) | UInt32(value)
            bitCount += 5
            if bitCount >= 8 {
                bitCount -= 8
                output.append(UInt8((buffer >> UInt32(bitCount)) & 0xFF))
            }
        }
        // Canonical encodings leave the unused low bits zero (RFC 4648 §3.5); anything else
        // is a typo that would silently decode to a different secret.
        guard buffer & ((1 << UInt32(bitCount)) - 1) == 0 else { return nil }
        return output
    }

    private static func value(of scalar: Unicode.Scalar) -> UInt8? {
        switch scalar.value {
        case 0x41...0x5A: UInt8(scalar.value - 0x41)        // A–Z
        case 0x61...0x7A: UInt8(scalar.value - 0x61)        // a–z
        case 0x32...0x37: UInt8(scalar.value - 0x32 + 26)   // 2–7
        default: nil
        }
    }
}
