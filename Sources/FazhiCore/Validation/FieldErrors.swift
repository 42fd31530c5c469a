/// Per-field validation messages, in Chinese, collected so a form can show every problem at once
/// (docs/SECURITY.md item 8: each field validated against its rule with a clear message).
public struct FieldErrors: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Entry: Sendable, Hashable {
        public let field: String
        public let message: String
    }

    public private(set) var entries: [Entry] = []

    public init() {}

    public init(_ field: String, _ message: String) {
        entries = [Entry(field: field, message: message)]
    }

    public var isEmpty: Bool { entries.isEmpty }

    public mutating func add(_ field: String, _ message: String) {
        entries.append(Entry(field: field, message: message))
    }

    public mutating func merge(_ other: FieldErrors) {
        entries.append(contentsOf: other.entries)
    }

    /// The same messages with `field` reported under `name` (a rule's field name differs from the form's).
    public func renamed(_ field: String, to name: String) -> FieldErrors {
        var copy = FieldErrors()
        copy.entries = entries.map { $0.field == field ? Entry(field: name, message: $0.message) : $0 }
        return copy
    }

    public subscript(field: String) -> [String] {
        entries.filter { $0.field == field }.map(\.message)
    }

    public var description: String {
        entries.map(\.message).joined(separator: "\n")
    }

    /// Throws self when anything was added.
    public func throwIfAny() throws {
        if !isEmpty { throw self }
    }
}

/// Rules for free text typed into a form or sent to the API.
public struct TextRule: Sendable {
    public var label: String
    public var required: Bool
    public var maxLength: Int
    public var multiline: Bool

    public init(label: String, required: Bool = true, maxLength: Int = 200, multiline: Bool = false) {
        self.label = label
        self.required = required
        self.maxLength = maxLength
        self.multiline = multiline
    }

    /// The cleaned value (trimmed, line ends normalised), nil when empty, or errors added for `field`.
    /// Refuses NUL and other control characters and bidi overrides everywhere, and CR/LF in single-line fields,
    /// so nothing typed can split a log line, a header or a CSV row, or read reversed.
    public func clean(_ raw: String?, field: String, into errors: inout FieldErrors) -> String? {
        var text = (raw ?? "").replacingOccurrences(of: "\r\n", with: "\n")
        text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty {
            if required { errors.add(field, "请填写「\(label)」。") }
            return nil
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let isControl = value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
            if isControl && !(multiline && (value == 0x0A || value == 0x09)) {
                errors.add(field, multiline ? "「\(label)」含有不允许的控制字符。" : "「\(label)」只能填写一行文字，且不能含有控制字符。")
                return nil
            }
            // Bidi overrides and isolates can make stored text read reversed ("Trojan Source"); Chinese text never needs them.
            if (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) || value == 0x200E || value == 0x200F {
                errors.add(field, "「\(label)」含有改变文字方向的控制字符，请删除后再提交。")
                return nil
            }
            if value == 0xFFFD {
                errors.add(field, "「\(label)」含有无法识别的字符（编码错误）。")
                return nil
            }
        }
        let count = text.count
        if count > maxLength {
            errors.add(field, "「\(label)」不能超过 \(maxLength) 个字（当前 \(count) 个）。")
            return nil
        }
        return text
    }
}

/// Whole numbers typed into a form: digits only, within a range; never traps on huge input.
public struct IntegerRule: Sendable {
    public var label: String
    public var range: ClosedRange<Int>
    public var required: Bool

    public init(label: String, range: ClosedRange<Int>, required: Bool = true) {
        self.label = label
        self.range = range
        self.required = required
    }

    public func clean(_ raw: String?, field: String, into errors: inout FieldErrors) -> Int? {
        let text = (raw ?? "").trimmingCharacters(in: .whitespaces)
        if text.isEmpty {
            if required { errors.add(field, "请填写「\(label)」。") }
            return nil
        }
        guard text.count <= 12, text.allSatisfy({ $0.isASCII && $0.isNumber }) || (text.first == "-" && text.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) && text.count > 1),
              let value = Int(text) else {
            errors.add(field, "「\(label)」应为整数。")
            return nil
        }
        guard range.contains(value) else {
            errors.add(field, "「\(label)」应在 \(range.lowerBound) 到 \(range.upperBound) 之间。")
            return nil
        }
        return value
    }
}

/// Dates typed into a form: `YYYY-MM-DD` (what an HTML date input sends).
public struct DateRule: Sendable {
    public var label: String
    public var required: Bool

    public init(label: String, required: Bool = true) {
        self.label = label
        self.required = required
    }

    public func clean(_ raw: String?, field: String, into errors: inout FieldErrors) -> LocalDate? {
        let text = (raw ?? "").trimmingCharacters(in: .whitespaces)
        if text.isEmpty {
            if required { errors.add(field, "请填写「\(label)」。") }
            return nil
        }
        guard let date = LocalDate(iso: text) else {
            errors.add(field, "「\(label)」不是有效的日期，请按 年-月-日 填写，例如 2020-03-09。")
            return nil
        }
        return date
    }
}
