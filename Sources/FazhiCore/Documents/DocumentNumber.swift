/// A 文号 (发文字号) such as `凤政发〔2020〕11号`: issuer code, year, sequence.
///
/// GB/T 9704-2012 §7.2.4: 发文字号由发文机关代字、年份、发文顺序号组成；年份应标全称，用六角括号“〔〕”括入；
/// 发文顺序号不加“第”字，不编虚位（即1不编为01），在阿拉伯数字后加“号”。
public struct DocumentNumber: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    /// 发文机关代字, e.g. 凤政发, 凤政办函, 凤自然资发: Chinese characters only.
    public let issuerCode: String
    public let year: Int
    /// 发文顺序号, 1…9999.
    public let sequence: Int

    public static let issuerLengthRange = 1...12
    /// From the founding of the People's Republic to a bound no real number reaches.
    public static let yearRange = 1949...2100
    public static let sequenceRange = 1...9999

    /// Canonical form: `凤政发〔2020〕11号`.
    public var description: String { "\(issuerCode)\u{3014}\(year)\u{3015}\(sequence)号" }

    public init?(_ text: String) {
        guard case .success(let number) = DocumentNumber.validate(text) else { return nil }
        self = number
    }

    /// Builds a number from parts, nil when a part is outside its range.
    public init?(issuerCode: String, year: Int, sequence: Int) {
        guard DocumentNumber.issuerLengthRange.contains(issuerCode.count),
              issuerCode.unicodeScalars.allSatisfy(DocumentNumber.isIdeograph),
              DocumentNumber.yearRange.contains(year), DocumentNumber.sequenceRange.contains(sequence)
        else { return nil }
        self.issuerCode = issuerCode
        self.year = year
        self.sequence = sequence
    }

    /// Same issuer and year sort by sequence; otherwise by issuer, then year.
    public static func < (lhs: DocumentNumber, rhs: DocumentNumber) -> Bool {
        (lhs.issuerCode, lhs.year, lhs.sequence) < (rhs.issuerCode, rhs.year, rhs.sequence)
    }

    /// Brackets typed instead of 〔〕 (U+3014/U+3015). ﹝﹞ and 〖〗 look almost the same on screen, which is
    /// exactly why they slip in.
    static let wrongBrackets: Set<Character> = [
        "[", "]", "【", "】", "(", ")", "（", "）", "［", "］", "〈", "〉", "<", ">", "《", "》",
        "〖", "〗", "﹝", "﹞", "{", "}", "｛", "｝", "〘", "〙", "⦅", "⦆", "〚", "〛",
    ]

    static let maximumLength = 40

    /// Checks `text` as a 文号. Surrounding whitespace is ignored and full-width digits are folded;
    /// everything else must already be in the GB/T 9704 form, with a precise reason when it is not.
    public static func validate(_ text: String) -> Result<DocumentNumber, DocumentNumberProblem> {
        func fail(_ kind: DocumentNumberProblem.Kind, _ message: String) -> Result<DocumentNumber, DocumentNumberProblem> {
            .failure(DocumentNumberProblem(kind: kind, message: message))
        }
        let trimmed = text.trimmingWhitespace()
        if trimmed.isEmpty { return fail(.empty, "请填写文号。") }
        if trimmed.count > maximumLength { return fail(.tooLong, "文号过长，请检查是否粘贴了多余的内容。") }
        let characters = trimmed.map(foldingFullWidthDigit)
        if characters.contains(where: { $0.isWhitespace }) {
            return fail(.containsSpace, "文号中不能有空格。")
        }
        if characters.contains(where: { wrongBrackets.contains($0) }) {
            return fail(.wrongBrackets, "年份应使用六角括号〔〕，例如 凤政发〔2020〕11号。")
        }
        let opens = characters.indices.filter { characters[$0] == "\u{3014}" }
        let closes = characters.indices.filter { characters[$0] == "\u{3015}" }
        if opens.isEmpty && closes.isEmpty {
            return fail(.wrongBrackets, "年份应使用六角括号〔〕括入，例如 凤政发〔2020〕11号。")
        }
        guard opens.count == 1, closes.count == 1, let open = opens.first, let close = closes.first, open < close else {
            return fail(.wrongBrackets, "文号中应有且只有一对六角括号〔〕，且〔在前、〕在后。")
        }
        let issuer = String(characters[..<open])
        if issuer.isEmpty { return fail(.missingIssuer, "文号缺少发文机关代字，例如「凤政发」。") }
        guard issuer.unicodeScalars.allSatisfy(isIdeograph) else {
            return fail(.invalidIssuer, "发文机关代字只能由汉字组成，例如「凤政发」。")
        }
        guard issuerLengthRange.contains(issuer.count) else {
            return fail(.invalidIssuer, "发文机关代字不能超过\(issuerLengthRange.upperBound)个字。")
        }
        let yearText = characters[(open + 1)..<close]
        guard yearText.count == 4, yearText.allSatisfy(isASCIIDigit), let year = Int(String(yearText)) else {
            return fail(.invalidYear, "年份应标全称，为4位阿拉伯数字，例如〔2020〕。")
        }
        guard yearRange.contains(year) else {
            return fail(.yearOutOfRange, "年份应在\(yearRange.lowerBound)至\(yearRange.upperBound)之间。")
        }
        var tail = Array(characters[(close + 1)...])
        guard let hao = tail.firstIndex(of: "号") else {
            return fail(.missingHao, "文号应以「号」结尾，例如 凤政发〔2020〕11号。")
        }
        if hao != tail.count - 1 { return fail(.trailingText, "「号」字之后不能再有其他文字。") }
        tail.removeLast()
        if tail.first == "第" {
            return fail(.invalidSequence, "发文顺序号前不加「第」字，例如 凤政发〔2020〕11号。")
        }
        if tail.isEmpty { return fail(.invalidSequence, "文号缺少发文顺序号，例如 凤政发〔2020〕11号。") }
        guard tail.allSatisfy(isASCIIDigit) else {
            return fail(.invalidSequence, "发文顺序号只能是阿拉伯数字。")
        }
        let significant = tail.drop(while: { $0 == "0" })
        if significant.isEmpty || significant.count > 4 {
            return fail(.sequenceOutOfRange, "发文顺序号应在\(sequenceRange.lowerBound)至\(sequenceRange.upperBound)之间。")
        }
        let sequence = Int(String(significant))!
        if significant.count != tail.count {
            return fail(.leadingZero, "序号不能有前导零，应写作 \(sequence) 号。")
        }
        return .success(DocumentNumber(checkedIssuer: issuer, year: year, sequence: sequence))
    }

    private init(checkedIssuer: String, year: Int, sequence: Int) {
        self.issuerCode = checkedIssuer
        self.year = year
        self.sequence = sequence
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        switch DocumentNumber.validate(try container.decode(String.self)) {
        case .success(let number): self = number
        case .failure(let problem):
            throw DecodingError.dataCorruptedError(in: container, debugDescription: problem.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// CJK Unified Ideographs, Extension A, B–F and the compatibility block: every character an agency
    /// name can abbreviate to.
    static func isIdeograph(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2FA1F, 0xF900...0xFAFF: true
        default: false
        }
    }

    static func isASCIIDigit(_ character: Character) -> Bool {
        character.isASCII && character.isNumber
    }

    /// ０–９ → 0–9 (Chinese input methods and Word produce them).
    static func foldingFullWidthDigit(_ character: Character) -> Character {
        guard character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first,
              (0xFF10...0xFF19).contains(scalar.value), let folded = Unicode.Scalar(scalar.value - 0xFEE0)
        else { return character }
        return Character(folded)
    }
}

/// Why a 文号 was refused: a stable kind for code, a Chinese sentence for the form.
public struct DocumentNumberProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case empty, tooLong, containsSpace, wrongBrackets, missingIssuer, invalidIssuer
        case invalidYear, yearOutOfRange, missingHao, trailingText, invalidSequence, sequenceOutOfRange, leadingZero
    }

    public let kind: Kind
    public let message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

extension String {
    /// Without leading and trailing whitespace, the ideographic space U+3000 included.
    fileprivate func trimmingWhitespace() -> String {
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view.removeFirst() }
        while let last = view.last, last.isWhitespace { view.removeLast() }
        return String(view)
    }
}

extension DocumentNumber {
    /// A form field holding a 文号: trimmed, required, validated; the problem is reported on `field`. Returns the
    /// number as stored, or nil with the error added.
    public static func clean(_ raw: String?, field: String, label: String, into errors: inout FieldErrors) -> String? {
        let text = (raw ?? "").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else {
            errors.add(field, "请填写「\(label)」，例如 凤政发〔2020〕12号。")
            return nil
        }
        switch DocumentNumber.validate(text) {
        case .success(let number): return number.description
        case .failure(let problem):
            errors.add(field, problem.message)
            return nil
        }
    }
}
