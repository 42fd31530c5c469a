/// A citizen identity number (公民身份号码), GB 11643-1999: 6-digit area code, 8-digit birth date,
/// 3-digit sequence number (odd for men, even for women) and a check character (MOD 11-2).
///
/// `description` is the masked form (docs/SECURITY.md item 12), so an ID interpolated into a log line or a
/// page shows `4331**********123X`; read `value` only where the full number is allowed and audited.
public struct ResidentID: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public enum Sex: String, Hashable, Sendable, CaseIterable {
        case male
        case female

        public var chinese: String { self == .male ? "男" : "女" }
    }

    /// The 18 characters, upper-case X.
    public let value: String
    /// The birth date encoded in characters 7–14.
    public let birthDate: LocalDate
    /// Characters 15–17 as a number, 0…999.
    public let sequenceNumber: Int

    /// Characters 1–6: the GB/T 2260 code of the county where the number was first registered.
    public var areaCode: String { String(value.prefix(6)) }

    /// The check character (the 18th), `0`…`9` or `X`.
    public var checkCharacter: Character { value.last! }

    /// GB 11643-1999 §4.3: an odd sequence number is given to men, an even one to women.
    public var sex: Sex { sequenceNumber % 2 == 1 ? .male : .female }

    /// Full years of age on `date` (a 29 February birthday is reached on 1 March in common years).
    public func age(on date: LocalDate) -> Int {
        var years = date.year - birthDate.year
        if (date.month, date.day) < (birthDate.month, birthDate.day) { years -= 1 }
        return max(0, years)
    }

    /// Masked as docs/SECURITY.md item 12 requires: first 4 and last 4 characters.
    public var masked: String { Masking.residentID(value) }

    public var description: String { masked }
    public var debugDescription: String { "ResidentID(\(masked))" }

    /// Parses `text` (surrounding whitespace, full-width digits and a lower-case x allowed); nil when
    /// `validate(_:asOf:)` would report a problem.
    public init?(_ text: String, asOf today: LocalDate) {
        guard case .success(let id) = ResidentID.validate(text, asOf: today) else { return nil }
        self = id
    }

    private init(value: String, birthDate: LocalDate, sequenceNumber: Int) {
        self.value = value
        self.birthDate = birthDate
        self.sequenceNumber = sequenceNumber
    }

    /// Checks `text` as a citizen identity number issued on or before `today` (the office's date,
    /// passed in so tests and the demo generator control it).
    public static func validate(_ text: String, asOf today: LocalDate) -> Result<ResidentID, IdentityProblem> {
        func problem(_ kind: IdentityProblem.Kind, _ message: String) -> Result<ResidentID, IdentityProblem> {
            .failure(IdentityProblem(subject: .residentID, kind: kind, message: message))
        }
        let bytes: [UInt8]
        switch IdentityText.asciiBytes(text, subject: .residentID) {
        case .failure(let problem): return .failure(problem)
        case .success(let folded): bytes = folded.map(IdentityText.uppercased)
        }
        // Characters first, so "12345678901234567A" says "letter" rather than "check character".
        for (index, byte) in bytes.enumerated() {
            let isLastOfEighteen = index == 17 && bytes.count == 18
            guard IdentityText.isDigit(byte) || (isLastOfEighteen && byte == UInt8(ascii: "X")) else {
                return problem(.invalidCharacter, "公民身份号码只能由数字组成，最后一位可以是X。")
            }
        }
        if bytes.count == 15 {
            // The 1984 15-digit numbers were replaced by 18-digit ones (GB 11643-1999 supersedes GB 11643-1989).
            return problem(.wrongLength, "这是15位的旧身份证号码，请填写18位公民身份号码。")
        }
        guard bytes.count == 18 else {
            return problem(.wrongLength, "公民身份号码应为18位，现为\(bytes.count)位。")
        }
        let province = IdentityText.digitValue(bytes[0]) * 10 + IdentityText.digitValue(bytes[1])
        guard RegionCode.isProvinceCode(province) || residencePermitProvinceCodes.contains(province) else {
            return problem(.invalidRegion, "公民身份号码前6位地址码不正确：不存在以“\(province < 10 ? "0" : "")\(province)”开头的省级行政区划代码。")
        }
        func number(_ range: Range<Int>) -> Int {
            bytes[range].reduce(0) { $0 * 10 + IdentityText.digitValue($1) }
        }
        let year = number(6..<10), month = number(10..<12), day = number(12..<14)
        guard let birthDate = LocalDate(year: year, month: month, day: day) else {
            return problem(.invalidDate, "公民身份号码第7至14位的出生日期不是有效日期。")
        }
        guard year >= earliestBirthYear else {
            return problem(.dateOutOfRange, "公民身份号码中的出生日期早于\(earliestBirthYear)年，请核对。")
        }
        guard birthDate <= today else {
            return problem(.dateOutOfRange, "公民身份号码中的出生日期晚于今天，请核对。")
        }
        let expected = checkCharacterByte(bytes[0..<17])
        guard bytes[17] == expected else {
            return problem(.checkCharacterMismatch, "公民身份号码校验码不符，请逐位核对是否输错。")
        }
        return .success(ResidentID(value: IdentityText.string(bytes), birthDate: birthDate, sequenceNumber: number(14..<17)))
    }

    /// The check character for the first 17 digits (GB 11643-1999 §5.2, ISO 7064 MOD 11-2), or nil when
    /// `body` is not exactly 17 ASCII digits.
    public static func checkCharacter(forBody body: String) -> Character? {
        let bytes = Array(body.utf8)
        guard bytes.count == 17, bytes.allSatisfy(IdentityText.isDigit) else { return nil }
        return Character(UnicodeScalar(checkCharacterByte(bytes[...])))
    }

    /// Builds a valid number, for demo data and tests: `areaCode` 6 digits with a province prefix,
    /// `sequenceNumber` 0…999 (odd for a man). Nil for arguments no real number could have.
    public static func make(areaCode: String, birthDate: LocalDate, sequenceNumber: Int) -> ResidentID? {
        let area = Array(areaCode.utf8)
        guard area.count == 6, area.allSatisfy(IdentityText.isDigit),
              (0...999).contains(sequenceNumber), (earliestBirthYear...9999).contains(birthDate.year) else { return nil }
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: width - text.count) + text
        }
        let body = areaCode + pad(birthDate.year, 4) + pad(birthDate.month, 2) + pad(birthDate.day, 2) + pad(sequenceNumber, 3)
        guard let check = checkCharacter(forBody: body) else { return nil }
        // Validate against the birth date itself so "not in the future" never refuses a generated number.
        guard case .success(let id) = validate(body + String(check), asOf: birthDate) else { return nil }
        return id
    }

    /// The scheme starts with people alive when it was introduced; earlier years are typing errors.
    public static let earliestBirthYear = 1900

    /// 港澳台居民居住证 carry a GB 11643 number with area code 810000 (Hong Kong), 820000 (Macao) or
    /// 830000 (Taiwan) (《港澳台居民居住证申领发放办法》, 国办发〔2018〕81号); 83 is not a GB/T 2260 province code.
    static let residencePermitProvinceCodes: Set<Int> = [81, 82, 83]

    /// GB 11643-1999 §5.2: weights 2^(18−i) mod 11 for positions 1…17.
    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]

    /// Σ mod 11 → check character: 0→1, 1→0, 2→X, 3→9, … 10→2.
    static let checkCharacters = Array("10X98765432".utf8)

    static func checkCharacterByte(_ digits: ArraySlice<UInt8>) -> UInt8 {
        var sum = 0
        for (weight, byte) in zip(weights, digits) { sum += weight * IdentityText.digitValue(byte) }
        return checkCharacters[sum % 11]
    }
}
