/// A unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters over
/// `0123456789ABCDEFGHJKLMNPQRTUWXY` — registration authority (1), organisation type (1), the
/// registering office's division code (6), the organisation's identifier (9, the former 组织机构代码)
/// and a check character (1).
public struct UnifiedSocialCreditCode: Hashable, Sendable, CustomStringConvertible {
    /// The 31 characters of GB 32100-2015 §4.1, in value order (I, O, Z, S and V are left out because
    /// they are read as 1, 0, 2, 5 and U).
    public static let alphabet: [Character] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")

    /// The 18 characters, upper case.
    public let value: String

    /// Character 1: the registration authority (1 机构编制, 5 民政, 9 工商 / 市场监管, Y 其他, …).
    public var registrationAuthority: Character { value.first! }
    /// Character 2: the organisation type within that authority (e.g. 91 企业, 92 个体工商户, 31 律师执业机构).
    public var organizationType: Character { Array(value)[1] }
    /// Characters 3–8: the GB/T 2260 code of the registering office's division (100000 for national).
    public var divisionCode: String { String(Array(value)[2..<8]) }
    /// Characters 9–17: the organisation's own identifier (主体标识码, the GB 11714 organisation code).
    public var organizationCode: String { String(Array(value)[8..<17]) }
    /// Character 18.
    public var checkCharacter: Character { value.last! }

    /// The authority's name from GB 32100-2015 annex A and its later additions; nil for a code the table
    /// does not know (the code is still accepted: new authorities are added by notice, not by amendment).
    public var registrationAuthorityName: String? {
        UnifiedSocialCreditCode.authorities[registrationAuthority]?.name
    }

    /// The organisation type's name, nil when unknown (see `registrationAuthorityName`).
    public var organizationTypeName: String? {
        UnifiedSocialCreditCode.authorities[registrationAuthority]?.types[organizationType]
    }

    public var description: String { value }

    public init?(_ text: String) {
        guard case .success(let code) = UnifiedSocialCreditCode.validate(text) else { return nil }
        self = code
    }

    private init(value: String) {
        self.value = value
    }

    /// Checks `text` (surrounding whitespace, lower case and full-width characters are accepted and
    /// normalised) as a unified social credit code.
    public static func validate(_ text: String) -> Result<UnifiedSocialCreditCode, IdentityProblem> {
        func problem(_ kind: IdentityProblem.Kind, _ message: String) -> Result<UnifiedSocialCreditCode, IdentityProblem> {
            .failure(IdentityProblem(subject: .unifiedSocialCreditCode, kind: kind, message: message))
        }
        let bytes: [UInt8]
        switch IdentityText.asciiBytes(text, subject: .unifiedSocialCreditCode) {
        case .failure(let problem): return .failure(problem)
        case .success(let folded): bytes = folded.map(IdentityText.uppercased)
        }
        for byte in bytes where values[Int(byte)] < 0 {
            switch byte {
            case UInt8(ascii: "I"), UInt8(ascii: "O"), UInt8(ascii: "Z"), UInt8(ascii: "S"), UInt8(ascii: "V"):
                return problem(.invalidCharacter, "统一社会信用代码不使用字母I、O、Z、S、V，请检查是否把数字1、0、2、5或字母U输成了字母。")
            default:
                return problem(.invalidCharacter, "统一社会信用代码只能由数字和大写字母组成。")
            }
        }
        guard bytes.count == 18 else {
            return problem(.wrongLength, "统一社会信用代码应为18位，现为\(bytes.count)位。")
        }
        // GB 32100-2015 §4.2: characters 3–8 are the registering office's division code, digits only.
        guard bytes[2..<8].allSatisfy(IdentityText.isDigit) else {
            return problem(.invalidRegion, "统一社会信用代码第3至8位应为登记管理机关的行政区划代码（6位数字）。")
        }
        guard bytes[17] == checkCharacterByte(bytes[0..<17]) else {
            return problem(.checkCharacterMismatch, "统一社会信用代码校验码不符，请逐位核对是否输错。")
        }
        return .success(UnifiedSocialCreditCode(value: IdentityText.string(bytes)))
    }

    /// The check character for the first 17 characters (GB 32100-2015 §5: weights 3^(i−1) mod 31,
    /// check = (31 − Σ mod 31) mod 31), or nil when `body` is not 17 characters of the alphabet
    /// (lower case accepted).
    public static func checkCharacter(forBody body: String) -> Character? {
        let bytes = Array(body.utf8).map(IdentityText.uppercased)
        guard bytes.count == 17, bytes.allSatisfy({ values[Int($0)] >= 0 }) else { return nil }
        return Character(UnicodeScalar(checkCharacterByte(bytes[...])))
    }

    /// Builds a valid code, for demo data and tests. Every argument must already be over the alphabet:
    /// `authority` and `type` one character each, `division` 6 digits, `organizationCode` 9 characters.
    /// A wrong argument is a programming error in the caller and traps; user input goes to `validate`.
    public static func make(authority: Character, type: Character, division: String, organizationCode: String) -> UnifiedSocialCreditCode {
        let body = String(authority) + String(type) + division + organizationCode
        guard division.utf8.count == 6, division.utf8.allSatisfy(IdentityText.isDigit),
              let check = checkCharacter(forBody: body) else {
            preconditionFailure("UnifiedSocialCreditCode.make: arguments are not over the GB 32100 alphabet or have the wrong lengths")
        }
        return UnifiedSocialCreditCode(value: body.uppercased() + String(check))
    }

    /// GB 32100-2015 §5 weights for positions 1…17.
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    static let alphabetBytes: [UInt8] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".utf8)

    /// Value of each ASCII byte in the alphabet, −1 for bytes outside it; indexed by byte (0…255).
    static let values: [Int] = {
        var table = [Int](repeating: -1, count: 256)
        for (value, byte) in alphabetBytes.enumerated() { table[Int(byte)] = value }
        return table
    }()

    static func checkCharacterByte(_ body: ArraySlice<UInt8>) -> UInt8 {
        var sum = 0
        for (weight, byte) in zip(weights, body) { sum += weight * values[Int(byte)] }
        return alphabetBytes[(31 - sum % 31) % 31]
    }

    /// 登记管理部门代码 and 机构类别代码, GB 32100-2015 annex A with the additions published since
    /// (司法行政, 文化, 旅游, 宗教, 工会, 中央军委改革和编制办公室, 农业).
    static let authorities: [Character: (name: String, types: [Character: String])] = [
        "1": ("机构编制", ["1": "机关", "2": "事业单位", "3": "中央编办直接管理机构编制的群众团体", "9": "其他"]),
        "2": ("外交", ["1": "外国常驻新闻机构", "9": "其他"]),
        "3": ("司法行政", ["1": "律师执业机构", "2": "外国律师事务所驻华代表机构", "3": "司法鉴定机构",
                        "4": "仲裁委员会", "5": "公证处", "6": "基层法律服务所", "9": "其他"]),
        "4": ("文化", ["1": "外国在华文化中心", "9": "其他"]),
        "5": ("民政", ["1": "社会团体", "2": "民办非企业单位", "3": "基金会", "9": "其他"]),
        "6": ("旅游", ["1": "外国旅游部门常驻代表机构", "2": "港澳台地区旅游部门常驻内地（大陆）代表机构", "9": "其他"]),
        "7": ("宗教", ["1": "宗教活动场所", "2": "宗教院校", "9": "其他"]),
        "8": ("工会", ["1": "基层工会", "9": "其他"]),
        "9": ("工商", ["1": "企业", "2": "个体工商户", "3": "农民专业合作社"]),
        "A": ("中央军委改革和编制办公室", ["1": "军队事业单位", "9": "其他"]),
        "N": ("农业", ["1": "组级集体经济组织", "2": "村级集体经济组织", "3": "乡镇级集体经济组织", "9": "其他"]),
        "Y": ("其他", ["1": "其他"]),
    ]
}
