import Testing
@testable import FazhiCore

@Suite("行政区划代码 GB/T 2260 与统计用区划代码")
struct RegionCodeTests {
    @Test(arguments: [
        ("430000", RegionCode.Level.province, "43"),
        ("110000", .province, "11"),
        ("820000", .province, "82"),
        ("433100", .prefecture, "4331"),
        ("429000", .prefecture, "4290"),
        ("433123", .county, "433123"),
        ("110105", .county, "110105"),
        ("429004", .county, "429004"),
        (" 433123 ", .county, "433123"),
        ("４３３１２３", .county, "433123"),
        ("430000000000", .province, "43"),
        ("433100000000", .prefecture, "4331"),
        ("433123000000", .county, "433123"),
        ("433123100000", .township, "433123100"),
        ("433123218000", .township, "433123218"),
        ("433123100001", .village, "433123100001"),
        ("433123100201", .village, "433123100201"),
        ("441900003000", .township, "441900003"),   // 东莞市: towns directly under a prefecture-level city
        ("441900003001", .village, "441900003001"),
    ])
    func acceptsCodesAndInfersLevel(_ input: String, _ level: RegionCode.Level, _ prefix: String) throws {
        let code = try RegionCode.validate(input).get()
        #expect(code.level == level)
        #expect(code.significantPrefix == prefix)
        #expect(RegionCode(input) == code)
    }

    static let invalid: [IdentityInvalidCase] = [
        .init(input: "", kind: .empty),
        .init(input: "43312", kind: .wrongLength),
        .init(input: "4331230", kind: .wrongLength),
        .init(input: "43312310000", kind: .wrongLength),
        .init(input: "4331231000000", kind: .wrongLength),
        .init(input: "43312A", kind: .invalidCharacter),
        .init(input: "433-123", kind: .invalidCharacter),
        .init(input: "433123\u{0}", kind: .invalidCharacter),
        .init(input: "000000", kind: .invalidRegion),
        .init(input: "100000", kind: .invalidRegion),
        .init(input: "160000", kind: .invalidRegion),
        .init(input: "990000", kind: .invalidRegion),
        .init(input: "830000", kind: .invalidRegion),        // 83 is only a residence-permit prefix
        .init(input: "433123000201", kind: .invalidFormat),  // village without a township
        .init(input: "430000100000", kind: .invalidFormat),  // township directly under a province
    ]

    @Test(arguments: invalid)
    func refusesInvalidCodes(_ c: IdentityInvalidCase) {
        switch RegionCode.validate(c.input) {
        case .success(let code): Issue.record("accepted \(code.value)")
        case .failure(let problem):
            #expect(problem.kind == c.kind)
            #expect(problem.subject == .regionCode)
        }
        #expect(RegionCode(c.input) == nil)
    }

    @Test func provincePrefixes() {
        let expected: Set<Int> = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
                                  50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82]
        #expect(Set((0...99).filter(RegionCode.isProvinceCode)) == expected)
    }

    @Test func parentsAndContainment() throws {
        let village = try #require(RegionCode("433123100201"))
        let township = try #require(village.parent)
        #expect(township.value == "433123100000")
        let county = try #require(township.parent)
        #expect(county.value == "433123000000")
        #expect(county.parent?.value == "433100000000")
        #expect(county.parent?.parent?.value == "430000000000")
        #expect(county.parent?.parent?.parent == nil)
        #expect(RegionCode("433123")?.parent?.value == "433100")
        #expect(RegionCode("441900003000")?.parent?.value == "441900000000")

        #expect(county.contains(village))
        #expect(county.contains(township))
        #expect(township.contains(village))
        #expect(!village.contains(township))
        #expect(!township.contains(township))
        let sixDigitCounty = try #require(RegionCode("433123"))
        let otherCounty = try #require(RegionCode("433124"))
        let otherTownship = try #require(RegionCode("433123101000"))
        #expect(sixDigitCounty.contains(village))   // 6-digit contains 12-digit
        #expect(!otherCounty.contains(village))
        #expect(!otherTownship.contains(village))

        #expect(village.areaCode == "433123")
        #expect(sixDigitCounty.statisticsCode == "433123000000")
        #expect(village.isResidentsCommittee == false)
        #expect(RegionCode("433123100001")?.isResidentsCommittee == true)
        #expect(township.isResidentsCommittee == nil)
        #expect(RegionCode("433123")! < RegionCode("433123100000")!)
    }
}
