/// The format of the 统一登记号 (unified registration number) a province prescribes, e.g. `FHXR-2020-011`:
/// prefix, separator, year, separator, zero-padded sequence. The format varies by province
/// (docs/RULES.md "Normative documents"), so it is a setting, not code.
///
/// 三统一: a document is registered, numbered and published by the legal office; numbers run gapless and
/// unique within a year (湖南省规范性文件管理办法, 统一登记、统一编号、统一公布 provisions [verify article]).
public struct RegistrationNumberPattern: Codable, Sendable, Hashable {
    /// 1–12 upper-case ASCII letters or digits, e.g. FHXR (凤凰县 行政规范性文件).
    public let prefix: String
    /// 1–3 characters that are neither letters, digits nor whitespace, e.g. `-` or `—`.
    public let separator: String
    /// Digits of the sequence, zero-padded (1–8).
    public let sequenceWidth: Int

    public static let prefixLengthRange = 1...12
    public static let separatorLengthRange = 1...3
    public static let sequenceWidthRange = 1...8

    /// 凤凰县's pattern: FHXR-2020-011.
    public static let `default` = RegistrationNumberPattern(checkedPrefix: "FHXR", separator: "-", sequenceWidth: 3)

    /// Nil when a part breaks the rules `validate` states in words.
    public init?(prefix: String, separator: String, sequenceWidth: Int) {
        guard case .success(let pattern) = RegistrationNumberPattern.validate(
            prefix: prefix, separator: separator, sequenceWidth: String(sequenceWidth)) else { return nil }
        self = pattern
    }

    private init(checkedPrefix: String, separator: String, sequenceWidth: Int) {
        self.prefix = checkedPrefix
        self.separator = separator
        self.sequenceWidth = sequenceWidth
    }

    /// Reads the settings form fields `registrationPrefix`, `registrationSeparator`, `registrationSequenceWidth`.
    /// The prefix is upper-cased.
    public static func validate(prefix rawPrefix: String?, separator rawSeparator: String?, sequenceWidth rawWidth: String?)
        -> Result<RegistrationNumberPattern, FieldErrors> {
        var errors = FieldErrors()
        let prefix = TextRule(label: "统一登记号前缀", maxLength: prefixLengthRange.upperBound)
            .clean(rawPrefix, field: "registrationPrefix", into: &errors)?.uppercased()
        if let prefix, !prefix.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            errors.add("registrationPrefix", "「统一登记号前缀」只能由英文字母和数字组成，例如 FHXR。")
        }
        // Not TextRule: it trims, and a separator is nothing but punctuation that must be kept exactly.
        let separator = rawSeparator ?? ""
        if separator.isEmpty {
            errors.add("registrationSeparator", "请填写「分隔符」。")
        } else if !separatorLengthRange.contains(separator.count) {
            errors.add("registrationSeparator", "「分隔符」应为1至\(separatorLengthRange.upperBound)个字符。")
        } else if !separator.allSatisfy(isSeparatorCharacter) {
            errors.add("registrationSeparator", "「分隔符」只能使用标点符号（如 - 或 —），不能含字母、数字或空格。")
        }
        let width = IntegerRule(label: "序号位数", range: sequenceWidthRange)
            .clean(rawWidth, field: "registrationSequenceWidth", into: &errors)
        guard errors.isEmpty, let prefix, let width else { return .failure(errors) }
        return .success(RegistrationNumberPattern(checkedPrefix: prefix, separator: separator, sequenceWidth: width))
    }

    static func isSeparatorCharacter(_ character: Character) -> Bool {
        !character.isLetter && !character.isNumber && !character.isWhitespace
            && !character.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    }

    /// The largest sequence that fits the width without widening.
    public var capacity: Int {
        var value = 1
        for _ in 0..<sequenceWidth { value *= 10 }
        return value - 1
    }

    /// `FHXR-2020-011`. A sequence beyond `capacity` is written in full (never truncated: two documents must
    /// never share a number); `parse` reads it back.
    public func format(year: Int, sequence: Int) -> String {
        let digits = String(sequence)
        let padded = String(repeating: "0", count: max(0, sequenceWidth - digits.count)) + digits
        return "\(prefix)\(separator)\(year)\(separator)\(padded)"
    }

    /// An example for the settings page.
    public var example: String { format(year: 2020, sequence: 11) }

    /// The year and sequence of a number in this pattern, or nil. Accepts exactly what `format` writes;
    /// surrounding whitespace, a lower-case prefix and full-width letters and digits are tolerated.
    public func parse(_ text: String) -> (year: Int, sequence: Int)? {
        var characters = Array(text.map(RegistrationNumberPattern.foldingFullWidthAlphanumeric))
        while let first = characters.first, first.isWhitespace { characters.removeFirst() }
        while let last = characters.last, last.isWhitespace { characters.removeLast() }
        let prefixCharacters = Array(prefix)
        let separatorCharacters = Array(separator)
        guard characters.count > prefixCharacters.count,
              String(characters[..<prefixCharacters.count]).uppercased() == prefix
        else { return nil }
        var rest = characters[prefixCharacters.count...]
        func take(_ literal: [Character]) -> Bool {
            guard rest.starts(with: literal) else { return false }
            rest.removeFirst(literal.count)
            return true
        }
        guard take(separatorCharacters), rest.count >= 4 else { return nil }
        let yearText = rest.prefix(4)
        rest.removeFirst(4)
        guard yearText.allSatisfy(DocumentNumber.isASCIIDigit), let year = Int(String(yearText)),
              DocumentNumber.yearRange.contains(year), take(separatorCharacters) else { return nil }
        let sequenceText = rest
        guard !sequenceText.isEmpty, sequenceText.count <= 9, sequenceText.allSatisfy(DocumentNumber.isASCIIDigit),
              let sequence = Int(String(sequenceText)), sequence >= 1 else { return nil }
        // Canonical only: exactly `sequenceWidth` digits, or more without a leading zero.
        guard sequenceText.count == max(sequenceWidth, String(sequence).count) else { return nil }
        return (year, sequence)
    }

    /// The next number of a year: one past the highest used, so numbers stay gapless (1 for a new year).
    public static func nextSequence(existing: [Int]) -> Int {
        (existing.filter { $0 >= 1 }.max() ?? 0) + 1
    }

    /// Numbers missing from 1 up to the highest used: a register audit lists them (each should be explained,
    /// e.g. by a registration withdrawn before publication).
    public static func gaps(in sequences: [Int]) -> [Int] {
        let used = Set(sequences.filter { $0 >= 1 })
        guard let highest = used.max() else { return [] }
        // A corrupt huge number must not make the audit allocate without bound: report what it can.
        let limit = min(highest, 1_000_000)
        return (1...limit).filter { !used.contains($0) }
    }

    /// Numbers used more than once in a year (each appears once in the answer, ascending).
    public static func duplicates(in sequences: [Int]) -> [Int] {
        var seen = Set<Int>()
        var repeated = Set<Int>()
        for sequence in sequences where !seen.insert(sequence).inserted { repeated.insert(sequence) }
        return repeated.sorted()
    }

    /// Ａ–Ｚ, ａ–ｚ, ０–９ → ASCII.
    static func foldingFullWidthAlphanumeric(_ character: Character) -> Character {
        guard character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first else { return character }
        switch scalar.value {
        case 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A:
            return Unicode.Scalar(scalar.value - 0xFEE0).map(Character.init) ?? character
        default:
            return character
        }
    }

    enum CodingKeys: String, CodingKey { case prefix, separator, sequenceWidth }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let prefix = try container.decode(String.self, forKey: .prefix)
        let separator = try container.decode(String.self, forKey: .separator)
        let width = try container.decode(Int.self, forKey: .sequenceWidth)
        switch RegistrationNumberPattern.validate(prefix: prefix, separator: separator, sequenceWidth: String(width)) {
        case .success(let pattern): self = pattern
        case .failure(let errors):
            throw DecodingError.dataCorruptedError(forKey: .prefix, in: container, debugDescription: errors.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(prefix, forKey: .prefix)
        try container.encode(separator, forKey: .separator)
        try container.encode(sequenceWidth, forKey: .sequenceWidth)
    }
}
