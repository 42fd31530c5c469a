import Foundation
import Vapor

/// A parsed `application/x-www-form-urlencoded` body (or query string): flat name → values.
///
/// Hand-written on purpose: keys are taken literally (no `a[b][c]` nesting, so no depth to exhaust),
/// bytes must be valid UTF-8 (else the whole body is refused), and sizes are bounded.
public struct FormBody: Sendable {
    public private(set) var values: [String: [String]] = [:]

    public static let maxFields = 2000

    public enum Problem: Error, Sendable {
        case invalidEncoding
        case tooManyFields
    }

    public init() {}

    public init(parsing buffer: ByteBuffer) throws {
        try self.init(parsing: Array(buffer.readableBytesView))
    }

    public init(parsing bytes: [UInt8]) throws {
        var fields = 0
        for pair in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            fields += 1
            if fields > Self.maxFields { throw Problem.tooManyFields }
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let name = try Self.decode(parts[0])
            let value = parts.count > 1 ? try Self.decode(parts[1]) : ""
            values[name, default: []].append(value)
        }
    }

    public init(_ values: [String: [String]]) {
        self.values = values
    }

    public subscript(name: String) -> String? {
        values[name]?.first
    }

    public func all(_ name: String) -> [String] {
        values[name] ?? []
    }

    static func decode(_ slice: ArraySlice<UInt8>) throws -> String {
        var out: [UInt8] = []
        out.reserveCapacity(slice.count)
        var index = slice.startIndex
        while index < slice.endIndex {
            let byte = slice[index]
            if byte == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%") {
                guard index + 2 < slice.endIndex, let high = hex(slice[index + 1]), let low = hex(slice[index + 2]) else {
                    throw Problem.invalidEncoding
                }
                out.append(high << 4 | low)
                index += 2
            } else {
                out.append(byte)
            }
            index += 1
        }
        guard let text = String(validating: out, as: UTF8.self) else { throw Problem.invalidEncoding }
        return text
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Percent-encodes for a query string or form body (RFC 3986 unreserved characters pass through).
    public static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(Character(UnicodeScalar(byte)))
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    public static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
    }
}

extension Request {
    /// The query string parsed with the same strict rules as form bodies; a malformed query is treated as empty.
    var queryForm: FormBody {
        guard let query = url.query else { return FormBody() }
        return (try? FormBody(parsing: Array(query.utf8))) ?? FormBody()
    }
}
