/// Works out the encoding of an uploaded text file (docs/ARCHITECTURE.md "Import/export": UTF-8 with or without BOM,
/// and GB18030, which Excel writes for Chinese) and decodes it.
public enum TextDecoding {
    public enum Encoding: String, Sendable, Hashable, CaseIterable {
        case utf8
        case utf8WithBOM
        case gb18030
        case utf16LE
        case utf16BE

        /// How a clerk would name it.
        public var label: String {
            switch self {
            case .utf8: return "UTF-8"
            case .utf8WithBOM: return "UTF-8（带 BOM）"
            case .gb18030: return "GB18030（GBK）"
            case .utf16LE: return "UTF-16LE（Unicode 文本）"
            case .utf16BE: return "UTF-16BE"
            }
        }
    }

    public struct Decoded: Sendable, Hashable {
        /// The text without any byte-order mark.
        public let text: String
        public let encoding: Encoding

        public init(text: String, encoding: Encoding) {
            self.text = text
            self.encoding = encoding
        }
    }

    /// A UTF-16 BOM → UTF-16; else the UTF-8 BOM → UTF-8; else valid UTF-8 → UTF-8; else GB18030;
    /// nil when the chosen encoding does not decode the bytes. UTF-8 is tried before GB18030 because
    /// GBK text is practically never valid UTF-8, while the reverse is common.
    public static func decode(_ bytes: [UInt8]) -> Decoded? {
        if bytes.starts(with: [0xFF, 0xFE]) {
            return utf16(bytes.dropFirst(2), bigEndian: false).map { Decoded(text: $0, encoding: .utf16LE) }
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return utf16(bytes.dropFirst(2), bigEndian: true).map { Decoded(text: $0, encoding: .utf16BE) }
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return utf8(bytes.dropFirst(3)).map { Decoded(text: $0, encoding: .utf8WithBOM) }
        }
        if let text = utf8(bytes[...]) {
            return Decoded(text: text, encoding: .utf8)
        }
        return GB18030.decode(bytes).map { Decoded(text: $0, encoding: .gb18030) }
    }

    /// Strict UTF-8: nil on any ill-formed sequence (overlong, surrogate, truncated).
    static func utf8(_ bytes: ArraySlice<UInt8>) -> String? {
        var scalars = String.UnicodeScalarView()
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): scalars.append(Unicode.UTF8.decode(encoded))
            case .emptyInput: return String(scalars)
            case .error: return nil
            }
        }
    }

    /// UTF-16 with the given byte order: nil on an odd byte count or an unpaired surrogate.
    static func utf16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> String? {
        guard bytes.count % 2 == 0 else { return nil }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let first = UInt16(bytes[index]), second = UInt16(bytes[index + 1])
            units.append(bigEndian ? first << 8 | second : second << 8 | first)
            index += 2
        }
        var scalars = String.UnicodeScalarView()
        var parser = Unicode.UTF16.ForwardParser()
        var iterator = units.makeIterator()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): scalars.append(Unicode.UTF16.decode(encoded))
            case .emptyInput: return String(scalars)
            case .error: return nil
            }
        }
    }
}
