import Testing
@testable import FazhiCore

struct ValidCreditCodeCase: Sendable, CustomTestStringConvertible {
    let input: String
    let value: String
    let authority: Character
    let type: Character
    let division: String
    let authorityName: String?
    let typeName: String?
    var testDescription: String { input.debugDescription }
}

@Suite("统一社会信用代码 GB 32100-2015")
struct UnifiedSocialCreditCodeTests {
    static let valid: [ValidCreditCodeCase] = [
        // The example printed in GB 32100-2015.
        .init(input: "91350100M000100Y43", value: "91350100M000100Y43", authority: "9", type: "1", division: "350100", authorityName: "工商", typeName: "企业"),
        // Codes published on public business licences.
        .init(input: "91330100799655058B", value: "91330100799655058B", authority: "9", type: "1", division: "330100", authorityName: "工商", typeName: "企业"),
        .init(input: "9144030071526726XG", value: "9144030071526726XG", authority: "9", type: "1", division: "440300", authorityName: "工商", typeName: "企业"),
        .init(input: "914403001922038216", value: "914403001922038216", authority: "9", type: "1", division: "440300", authorityName: "工商", typeName: "企业"),
        // Lower case, whitespace and full width are normalised.
        .init(input: "  9144030071526726xg ", value: "9144030071526726XG", authority: "9", type: "1", division: "440300", authorityName: "工商", typeName: "企业"),
        .init(input: "９１３５０１００Ｍ０００１００Ｙ４３", value: "91350100M000100Y43", authority: "9", type: "1", division: "350100", authorityName: "工商", typeName: "企业"),
        // Computed with an independent implementation of the check.
        .init(input: "12433100MB12345677", value: "12433100MB12345677", authority: "1", type: "2", division: "433100", authorityName: "机构编制", typeName: "事业单位"),
        .init(input: "11433123006000000W", value: "11433123006000000W", authority: "1", type: "1", division: "433123", authorityName: "机构编制", typeName: "机关"),
        .init(input: "52433123MJ00000004", value: "52433123MJ00000004", authority: "5", type: "2", division: "433123", authorityName: "民政", typeName: "民办非企业单位"),
        .init(input: "31433100MD0000000L", value: "31433100MD0000000L", authority: "3", type: "1", division: "433100", authorityName: "司法行政", typeName: "律师执业机构"),
    ]

    @Test(arguments: valid)
    func acceptsValidCodes(_ c: ValidCreditCodeCase) throws {
        let code = try UnifiedSocialCreditCode.validate(c.input).get()
        #expect(code.value == c.value)
        #expect(code.registrationAuthority == c.authority)
        #expect(code.organizationType == c.type)
        #expect(code.divisionCode == c.division)
        #expect(code.organizationCode == String(Array(c.value)[8..<17]))
        #expect(code.checkCharacter == c.value.last)
        #expect(code.registrationAuthorityName == c.authorityName)
        #expect(code.organizationTypeName == c.typeName)
        #expect(UnifiedSocialCreditCode(c.input) == code)
        #expect(code.description == c.value)
    }

    static let invalid: [IdentityInvalidCase] = [
        .init(input: "", kind: .empty),
        .init(input: " \u{3000} ", kind: .empty),
        .init(input: "91350100M000100Y4", kind: .wrongLength),
        .init(input: "91350100M000100Y433", kind: .wrongLength),
        .init(input: "91350100M000100Y44", kind: .checkCharacterMismatch),
        .init(input: "91350100M000100Y34", kind: .checkCharacterMismatch),  // transposed
        .init(input: "91330100799655058C", kind: .checkCharacterMismatch),
        .init(input: "91350100I000100Y43", kind: .invalidCharacter),        // I
        .init(input: "91350100O000100Y43", kind: .invalidCharacter),        // O
        .init(input: "91350100M000100Z43", kind: .invalidCharacter),        // Z
        .init(input: "91350100M000100S43", kind: .invalidCharacter),        // S
        .init(input: "91350100M000100V43", kind: .invalidCharacter),        // V
        .init(input: "91350100M-00100Y43", kind: .invalidCharacter),
        .init(input: "9135 0100 M000 100Y43", kind: .invalidCharacter),
        .init(input: "91350100Ｍ000100Y4３\u{0}", kind: .invalidCharacter),
        .init(input: "913501A0M000100Y43", kind: .invalidRegion),           // letter in the division code
        .init(input: "统一社会信用代码", kind: .invalidCharacter),
    ]

    @Test(arguments: invalid)
    func refusesInvalidCodes(_ c: IdentityInvalidCase) {
        switch UnifiedSocialCreditCode.validate(c.input) {
        case .success(let code): Issue.record("accepted \(code.value)")
        case .failure(let problem):
            #expect(problem.kind == c.kind)
            #expect(problem.subject == .unifiedSocialCreditCode)
            #expect(!problem.message.isEmpty)
        }
        #expect(UnifiedSocialCreditCode(c.input) == nil)
    }

    @Test(arguments: [
        ("91350100M000100Y4", Character("3")),
        ("91330100799655058", Character("B")),
        ("9144030071526726X", Character("G")),
        ("914403001922038216".dropLast().description, Character("6")),
        ("9144030071526726x", Character("G")),
    ])
    func checkCharacter(_ body: String, _ expected: Character) {
        #expect(UnifiedSocialCreditCode.checkCharacter(forBody: body) == expected)
    }

    @Test(arguments: ["", "91350100M000100Y", "91350100M000100Y43", "91350100I000100Y4", "９１３５０１００Ｍ０００１００Ｙ４"])
    func checkCharacterRefusesBadBodies(_ body: String) {
        #expect(UnifiedSocialCreditCode.checkCharacter(forBody: body) == nil)
    }

    @Test func unknownAuthorityIsAcceptedButUnnamed() throws {
        let body = "Q1433123MA0000001"
        let code = try UnifiedSocialCreditCode.validate(body + String(UnifiedSocialCreditCode.checkCharacter(forBody: body)!)).get()
        #expect(code.registrationAuthorityName == nil)
        #expect(code.organizationTypeName == nil)
        let odd = UnifiedSocialCreditCode.make(authority: "9", type: "8", division: "433123", organizationCode: "MA4L00001")
        #expect(odd.registrationAuthorityName == "工商")
        #expect(odd.organizationTypeName == nil)
    }

    /// `make` produces codes `validate` accepts, for every authority and a spread of organisation codes,
    /// and every single-character substitution in them is caught by the check character.
    @Test func madeCodesValidateAndSubstitutionsAreCaught() throws {
        let alphabet = UnifiedSocialCreditCode.alphabet
        for (index, authority) in Array("123456789ANY").enumerated() {
            let organization = String((0..<9).map { alphabet[($0 * 7 + index * 5) % alphabet.count] })
            let code = UnifiedSocialCreditCode.make(authority: authority, type: "1", division: "433123", organizationCode: organization)
            #expect(code.value.count == 18)
            #expect(try UnifiedSocialCreditCode.validate(code.value).get() == code)
            #expect(code.divisionCode == "433123")
            #expect(code.organizationCode == organization)
            var characters = Array(code.value)
            for position in [0, 1, 8, 12, 16] {
                let original = characters[position]
                for replacement in alphabet where replacement != original {
                    characters[position] = replacement
                    if case .success = UnifiedSocialCreditCode.validate(String(characters)) {
                        Issue.record("substitution at \(position) accepted: \(String(characters))")
                    }
                }
                characters[position] = original
            }
        }
        // Lower-case arguments are normalised.
        let lower = UnifiedSocialCreditCode.make(authority: "9", type: "1", division: "433123", organizationCode: "ma4l0abcd")
        #expect(lower.value.hasPrefix("91433123MA4L0ABCD"))
        #expect(UnifiedSocialCreditCode(lower.value) == lower)
    }
}
