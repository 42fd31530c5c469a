/// A small pull parser for the XML inside an XLSX package. Hand-written rather than Foundation's
/// XMLParser so FazhiCore needs no libxml2, and so hostile input meets only rules we control: no DTD at
/// all (so no entity expansion or external entities), bounded nesting, and tags checked for balance.
struct XMLScanner {
    struct Element {
        /// The local name: `x:row` and `row` are the same element (some producers prefix the namespace).
        let name: String
        /// By local name: `r:id` is stored as "id" (no SpreadsheetML element has two attributes that differ
        /// only by prefix among those read here).
        let attributes: [(name: String, value: String)]

        func attribute(_ local: String) -> String? {
            attributes.first { $0.name == local }?.value
        }
    }

    enum Event {
        case start(Element)
        case end(String)
        case text(String)
    }

    struct Failure: Error {
        let line: Int
        let reason: String
    }

    static let maxDepth = 256

    private let bytes: [UInt8]
    private var index = 0
    /// Open elements' qualified names, as ranges into `bytes`.
    private var stack: [Range<Int>] = []
    private var pendingEnd: String?
    private var sawRoot = false
    /// Text is decoded and reported only while this is true; otherwise it is skipped cheaply.
    var wantsText = false

    init(_ data: [UInt8]) {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes.removeFirst(3)
        } else if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            // UTF-16 parts are allowed by the OPC; re-encode so the scanner sees UTF-8 (nil → empty → error).
            let decoded = TextDecoding.decode(bytes)?.text ?? ""
            bytes = Array(decoded.utf8)
        }
        self.bytes = bytes
    }

    /// The part of a qualified name after its last colon.
    private func localName(_ range: Range<Int>) -> String {
        var start = range.lowerBound
        for position in range where bytes[position] == UInt8(ascii: ":") { start = position + 1 }
        return String(decoding: bytes[start..<range.upperBound], as: UTF8.self)
    }

    private func sameName(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        guard a.count == b.count else { return false }
        var i = a.lowerBound, j = b.lowerBound
        while i < a.upperBound {
            if bytes[i] != bytes[j] { return false }
            i += 1
            j += 1
        }
        return true
    }

    /// The next event, or nil at the end of a well-formed document.
    mutating func next() throws(Failure) -> Event? {
        if let name = pendingEnd {
            pendingEnd = nil
            return .end(name)
        }
        while index < bytes.count {
            if bytes[index] != UInt8(ascii: "<") {
                let start = index
                while index < bytes.count && bytes[index] != UInt8(ascii: "<") { index += 1 }
                let slice = bytes[start..<index]
                if stack.isEmpty {
                    guard slice.allSatisfy(Self.isSpace) else { throw fail("根元素之外有文字") }
                    continue
                }
                if wantsText { return .text(try decodeText(slice)) }
                guard !slice.contains(UInt8(ascii: "&")) || (try? decodeText(slice)) != nil else {
                    throw fail("无效的字符引用")
                }
                continue
            }
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            if next == UInt8(ascii: "?") {
                try skip(past: "?>")
            } else if next == UInt8(ascii: "!") {
                if has("<!--") {
                    try skip(past: "-->")
                } else if has("<![CDATA[") {
                    guard !stack.isEmpty else { throw fail("根元素之外有 CDATA") }
                    index += 9
                    let start = index
                    try skip(past: "]]>")
                    if wantsText { return .text(String(decoding: bytes[start..<(index - 3)], as: UTF8.self)) }
                } else {
                    // DOCTYPE and other declarations never appear in OOXML; refusing them closes entity attacks.
                    throw fail("含有 DTD 或声明，已拒绝")
                }
            } else if next == UInt8(ascii: "/") {
                index += 2
                let name = try readName()
                skipSpaces()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ">") else { throw fail("结束标签不完整") }
                index += 1
                guard let open = stack.popLast(), sameName(open, name) else { throw fail("开始和结束标签不匹配") }
                return .end(localName(name))
            } else {
                return try readStartTag()
            }
        }
        guard stack.isEmpty else { throw fail("文件在元素结束前中断") }
        guard sawRoot else { throw fail("没有根元素") }
        return nil
    }

    /// Skips everything up to the end of the element that was just started (its end event included).
    mutating func skipElement() throws(Failure) {
        var depth = 1
        let saved = wantsText
        wantsText = false
        defer { wantsText = saved }
        while depth > 0, let event = try next() {
            switch event {
            case .start: depth += 1
            case .end: depth -= 1
            case .text: break
            }
        }
    }

    private mutating func readStartTag() throws(Failure) -> Event {
        if stack.isEmpty && sawRoot { throw fail("有多个根元素") }
        index += 1
        let name = try readName()
        var attributes: [(name: String, value: String)] = []
        while true {
            let hadSpace = skipSpaces()
            guard index < bytes.count else { throw fail("开始标签不完整") }
            if bytes[index] == UInt8(ascii: ">") {
                index += 1
                try push(name)
                return .start(Element(name: localName(name), attributes: attributes))
            }
            if bytes[index] == UInt8(ascii: "/") {
                guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ">") else { throw fail("开始标签不完整") }
                index += 2
                sawRoot = true
                let local = localName(name)
                pendingEnd = local
                return .start(Element(name: local, attributes: attributes))
            }
            guard hadSpace else { throw fail("属性之间缺少空格") }
            let attributeName = try readName()
            skipSpaces()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { throw fail("属性缺少等号") }
            index += 1
            skipSpaces()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
                throw fail("属性值缺少引号")
            }
            let quote = bytes[index]
            index += 1
            let start = index
            while index < bytes.count && bytes[index] != quote {
                guard bytes[index] != UInt8(ascii: "<") else { throw fail("属性值中有 <") }
                index += 1
            }
            guard index < bytes.count else { throw fail("属性值没有结束引号") }
            var value = try decodeText(bytes[start..<index])
            index += 1
            // Attribute-value normalisation (XML 1.0 §3.3.3): literal tab/CR/LF read as spaces.
            if value.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
                value = String(value.map { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
            }
            attributes.append((localName(attributeName), value))
        }
    }

    private mutating func push(_ name: Range<Int>) throws(Failure) {
        guard stack.count < Self.maxDepth else { throw fail("元素嵌套过深") }
        stack.append(name)
        sawRoot = true
    }

    private mutating func readName() throws(Failure) -> Range<Int> {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if Self.isSpace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=")
                || byte == UInt8(ascii: "<") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") { break }
            index += 1
        }
        guard index > start else { throw fail("缺少名称") }
        return start..<index
    }

    @discardableResult
    private mutating func skipSpaces() -> Bool {
        let start = index
        while index < bytes.count && Self.isSpace(bytes[index]) { index += 1 }
        return index > start
    }

    private func has(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return literal.withUTF8Buffer { buffer in
            for offset in 0..<count where bytes[index + offset] != buffer[offset] { return false }
            return true
        }
    }

    private mutating func skip(past literal: StaticString) throws(Failure) {
        while index < bytes.count {
            if has(literal) {
                index += literal.utf8CodeUnitCount
                return
            }
            index += 1
        }
        throw fail("注释、处理指令或 CDATA 没有结束")
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Text with the five predefined entities and numeric character references decoded.
    private func decodeText(_ slice: ArraySlice<UInt8>) throws(Failure) -> String {
        guard slice.contains(UInt8(ascii: "&")) else { return String(decoding: slice, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(slice.count)
        var position = slice.startIndex
        while position < slice.endIndex {
            let byte = slice[position]
            guard byte == UInt8(ascii: "&") else {
                out.append(byte)
                position += 1
                continue
            }
            guard let semicolon = slice[position...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else {
                throw fail("& 后缺少实体名")
            }
            let entity = slice[(position + 1)..<semicolon]
            switch String(decoding: entity, as: UTF8.self) {
            case "lt": out.append(UInt8(ascii: "<"))
            case "gt": out.append(UInt8(ascii: ">"))
            case "amp": out.append(UInt8(ascii: "&"))
            case "quot": out.append(UInt8(ascii: "\""))
            case "apos": out.append(UInt8(ascii: "'"))
            case let name where name.hasPrefix("#"):
                let hex = name.hasPrefix("#x")
                let digits = name.dropFirst(hex ? 2 : 1)
                guard !digits.isEmpty, digits.count <= 8, let value = UInt32(digits, radix: hex ? 16 : 10),
                      let scalar = Unicode.Scalar(value),
                      value == 0x9 || value == 0xA || value == 0xD || (value >= 0x20 && value != 0xFFFE && value != 0xFFFF)
                else { throw fail("无效的字符引用 &\(name);") }
                out.append(contentsOf: String(scalar).utf8)
            default:
                throw fail("未定义的实体 &\(String(decoding: entity, as: UTF8.self));")
            }
            position = semicolon + 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private func fail(_ reason: String) -> Failure {
        let line = bytes[..<min(index, bytes.count)].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        return Failure(line: line, reason: reason)
    }
}
