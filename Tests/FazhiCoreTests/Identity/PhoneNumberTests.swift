import Testing
@testable import FazhiCore

@Suite("手机号码与固定电话号码")
struct PhoneNumberTests {
    @Test(arguments: [
        ("13812345678", "13812345678"),
        ("19912345678", "19912345678"),
        ("14512345678", "14512345678"),
        ("16612345678", "16612345678"),
        ("17712345678", "17712345678"),
        ("15012345678", "15012345678"),
        ("138 1234 5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("+8613812345678", "13812345678"),
        ("+86-138-1234-5678", "13812345678"),
        ("(+86) 13812345678", "13812345678"),
        ("8613812345678", "13812345678"),
        ("008613812345678", "13812345678"),
        ("0086 138 1234 5678", "13812345678"),
        (" 13812345678\n", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),
        ("＋８６　１３８－１２３４－５６７８", "13812345678"),
    ])
    func acceptsMobileNumbers(_ input: String, _ value: String) throws {
        let number = try MobileNumber.validate(input).get()
        #expect(number.value == value)
        #expect(MobileNumber(input) == number)
        #expect(number.description == Masking.mobile(value))
    }

    static let invalidMobiles: [IdentityInvalidCase] = [
        .init(input: "", kind: .empty),
        .init(input: "1381234567", kind: .wrongLength),
        .init(input: "138123456789", kind: .wrongLength),
        .init(input: "12812345678", kind: .invalidFormat),
        .init(input: "10812345678", kind: .invalidFormat),
        .init(input: "23812345678", kind: .invalidFormat),
        .init(input: "+1 415 555 0100", kind: .invalidFormat),
        .init(input: "+8512345678901", kind: .invalidFormat),
        .init(input: "(+1) 13812345678", kind: .invalidFormat),
        .init(input: "(+86 13812345678", kind: .invalidFormat),
        .init(input: "+86 0743 3221234", kind: .invalidFormat),
        .init(input: "138.1234.5678", kind: .invalidCharacter),
        .init(input: "138 1234 567a", kind: .invalidCharacter),
        .init(input: "138/1234/5678", kind: .invalidCharacter),
        .init(input: "手机13812345678", kind: .invalidCharacter),
        .init(input: "13812345678📱", kind: .invalidCharacter),
        .init(input: "861381234567", kind: .wrongLength),
        .init(input: "0743-3221234", kind: .invalidFormat),
    ]

    @Test(arguments: invalidMobiles)
    func refusesInvalidMobileNumbers(_ c: IdentityInvalidCase) {
        switch MobileNumber.validate(c.input) {
        case .success(let number): Issue.record("accepted \(number.value)")
        case .failure(let problem):
            #expect(problem.kind == c.kind)
            #expect(problem.subject == .mobileNumber)
        }
        #expect(MobileNumber(c.input) == nil)
    }

    @Test(arguments: [
        ("0743-3221234", "0743-3221234", "0743", "3221234", nil as String?),
        ("0743 3221234", "0743-3221234", "0743", "3221234", nil),
        ("(0743)3221234", "0743-3221234", "0743", "3221234", nil),
        ("(0743) 3221234", "0743-3221234", "0743", "3221234", nil),
        ("（0743）3221234", "0743-3221234", "0743", "3221234", nil),
        ("07433221234", "0743-3221234", "0743", "3221234", nil),
        ("0743-3221234-801", "0743-3221234-801", "0743", "3221234", "801"),
        ("0743-3221234转801", "0743-3221234-801", "0743", "3221234", "801"),
        ("0743-3221234 分机 801", "0743-3221234-801", "0743", "3221234", "801"),
        ("0743-3221234#801", "0743-3221234-801", "0743", "3221234", "801"),
        ("(0743)3221234-801", "0743-3221234-801", "0743", "3221234", "801"),
        ("07433221234转8", "0743-3221234-8", "0743", "3221234", "8"),
        ("010-65529988", "010-65529988", "010", "65529988", nil),
        ("010 6552 9988", "010-65529988", "010", "65529988", nil),
        ("01065529988", "010-65529988", "010", "65529988", nil),
        ("021-62345678", "021-62345678", "021", "62345678", nil),
        ("0731-84567890", "0731-84567890", "0731", "84567890", nil),
        ("+86 743 3221234", "0743-3221234", "0743", "3221234", nil),
        ("+86-10-65529988", "010-65529988", "010", "65529988", nil),
        ("０７４３－３２２１２３４", "0743-3221234", "0743", "3221234", nil),
    ])
    func acceptsLandlines(_ input: String, _ value: String, _ area: String, _ local: String, _ ext: String?) throws {
        let number = try LandlineNumber.validate(input).get()
        #expect(number.value == value)
        #expect(number.areaCode == area)
        #expect(number.localNumber == local)
        #expect(number.extensionNumber == ext)
        #expect(LandlineNumber(input) == number)
    }

    static let invalidLandlines: [IdentityInvalidCase] = [
        .init(input: "", kind: .empty),
        .init(input: "3221234", kind: .invalidFormat),             // no area code
        .init(input: "13812345678", kind: .invalidFormat),         // a mobile number
        .init(input: "0743-322123", kind: .wrongLength),           // 6 digits
        .init(input: "0743-322123456", kind: .wrongLength),        // 9 digits
        .init(input: "074332212345678", kind: .wrongLength),       // run together, too long
        .init(input: "743-3221234", kind: .invalidRegion),         // area code without 0
        .init(input: "07430-3221234", kind: .invalidRegion),       // 5-digit area code
        .init(input: "0743-0221234", kind: .invalidFormat),        // local number starting 0
        .init(input: "0743-1221234", kind: .invalidFormat),        // local number starting 1
        .init(input: "0100-65529988", kind: .invalidRegion),       // 010 has 3 digits
        .init(input: "0210-62345678", kind: .invalidRegion),       // 02x has 3 digits
        .init(input: "074-3221234", kind: .invalidRegion),         // 07xx has 4 digits
        .init(input: "0743-3221234-1234567", kind: .invalidFormat),// 7-digit extension
        .init(input: "0743-3221234转", kind: .invalidFormat),       // empty extension
        .init(input: "0743-3221234转1转2", kind: .invalidFormat),
        .init(input: "(0743-3221234", kind: .invalidFormat),
        .init(input: "0743)3221234", kind: .invalidFormat),
        .init(input: "0743(3221234)", kind: .invalidFormat),
        .init(input: "((0743))3221234", kind: .invalidFormat),
        .init(input: "#801", kind: .wrongLength),
        .init(input: "0743.3221234", kind: .invalidCharacter),
        .init(input: "电话0743-3221234", kind: .invalidCharacter),
        .init(input: "0743-3221234☎️", kind: .invalidCharacter),
        .init(input: "+1 212 5550100", kind: .invalidFormat),
        .init(input: "()3221234", kind: .invalidFormat),
    ]

    @Test(arguments: invalidLandlines)
    func refusesInvalidLandlines(_ c: IdentityInvalidCase) {
        switch LandlineNumber.validate(c.input) {
        case .success(let number): Issue.record("accepted \(number.value)")
        case .failure(let problem):
            #expect(problem.kind == c.kind)
            #expect(problem.subject == .landlineNumber)
        }
        #expect(LandlineNumber(c.input) == nil)
    }

    @Test func landlineDescriptionIsMasked() throws {
        let number = try LandlineNumber.validate("0743-3221234-801").get()
        #expect(number.description == "0743-*****34-***")
        #expect("\(number)" == "0743-*****34-***")
        #expect(!String(reflecting: number).contains("3221234"))
        let mobile = try MobileNumber.validate("13812345678").get()
        #expect("\(mobile)" == "138****5678")
        #expect(!String(reflecting: mobile).contains("1234"))
    }
}
