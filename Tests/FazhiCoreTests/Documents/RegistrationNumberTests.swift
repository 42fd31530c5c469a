import Foundation
import Testing
@testable import FazhiCore

@Suite("Documents: 统一登记号 pattern and register")
struct RegistrationNumberTests {
    static let fenghuang = RegistrationNumberPattern.default
    static let hunan = RegistrationNumberPattern(prefix: "HNPR", separator: "—", sequenceWidth: 5)!

    @Test func defaultPattern() {
        #expect(Self.fenghuang.prefix == "FHXR")
        #expect(Self.fenghuang.separator == "-")
        #expect(Self.fenghuang.sequenceWidth == 3)
        #expect(Self.fenghuang.example == "FHXR-2020-011")
        #expect(Self.fenghuang.capacity == 999)
    }

    @Test(arguments: [
        (2020, 11, "FHXR-2020-011"), (2020, 1, "FHXR-2020-001"), (2021, 999, "FHXR-2021-999"),
        (2021, 1234, "FHXR-2021-1234"),
    ])
    func formats(year: Int, sequence: Int, expected: String) {
        #expect(Self.fenghuang.format(year: year, sequence: sequence) == expected)
    }

    @Test func otherProvincePattern() {
        #expect(Self.hunan.format(year: 2019, sequence: 1) == "HNPR—2019—00001")
        #expect(Self.hunan.parse("HNPR—2019—00001").map { [$0.year, $0.sequence] } == [2019, 1])
        #expect(Self.hunan.parse("HNPR-2019-00001") == nil)
    }

    @Test(arguments: [
        ("FHXR-2020-011", 2020, 11), ("fhxr-2020-011", 2020, 11), (" FHXR-2020-011 ", 2020, 11),
        ("ＦＨＸＲ-２０２０-０１１", 2020, 11), ("FHXR-2020-1234", 2020, 1234), ("FHXR-2021-999", 2021, 999),
    ])
    func parses(text: String, year: Int, sequence: Int) throws {
        let parsed = try #require(Self.fenghuang.parse(text))
        #expect(parsed.year == year)
        #expect(parsed.sequence == sequence)
    }

    @Test(arguments: [
        "FHXR-2020-11", "FHXR-2020-0011", "FHXR-2020-000", "FHXR-2020-01234", "FHXR—2020—011", "FHX-2020-011",
        "FHXRX-2020-011", "FHXR-1800-011", "FHXR-2020-011x", "FHXR-2020", "FHXR-2020-", "FHXR", "", "FHXR-20a0-011",
        "FHXR-2020--011", "FHXR-2020-9999999999",
    ])
    func refusesOtherSpellings(text: String) {
        #expect(Self.fenghuang.parse(text) == nil)
    }

    @Test(arguments: 1...8)
    func roundTripsEveryWidth(width: Int) throws {
        let pattern = try #require(RegistrationNumberPattern(prefix: "X1", separator: "/", sequenceWidth: width))
        for sequence in [1, 9, 10, 99, 100, 12_345, pattern.capacity, pattern.capacity + 1] {
            let text = pattern.format(year: 2024, sequence: sequence)
            let parsed = try #require(pattern.parse(text), "\(text)")
            #expect(parsed.year == 2024 && parsed.sequence == sequence)
        }
    }

    struct PatternCase: Sendable, CustomTestStringConvertible {
        var prefix: String?
        var separator: String?
        var width: String?
        var field: String?
        var message: String?
        var testDescription: String { "\(prefix ?? "nil") \(separator ?? "nil") \(width ?? "nil")" }
    }

    @Test(arguments: [
        PatternCase(prefix: "fhxr", separator: "-", width: "3"),
        PatternCase(prefix: "HNPR", separator: "—", width: "5"),
        PatternCase(prefix: "A", separator: "/", width: "8"),
        PatternCase(prefix: "", separator: "-", width: "3", field: "registrationPrefix", message: "请填写「统一登记号前缀」。"),
        PatternCase(prefix: nil, separator: "-", width: "3", field: "registrationPrefix"),
        PatternCase(prefix: "凤凰", separator: "-", width: "3", field: "registrationPrefix",
                    message: "「统一登记号前缀」只能由英文字母和数字组成，例如 FHXR。"),
        PatternCase(prefix: "FH-XR", separator: "-", width: "3", field: "registrationPrefix"),
        PatternCase(prefix: "ABCDEFGHIJKLM", separator: "-", width: "3", field: "registrationPrefix"),
        PatternCase(prefix: "FHXR", separator: "", width: "3", field: "registrationSeparator", message: "请填写「分隔符」。"),
        PatternCase(prefix: "FHXR", separator: " ", width: "3", field: "registrationSeparator"),
        PatternCase(prefix: "FHXR", separator: "x", width: "3", field: "registrationSeparator"),
        PatternCase(prefix: "FHXR", separator: "0", width: "3", field: "registrationSeparator"),
        PatternCase(prefix: "FHXR", separator: "----", width: "3", field: "registrationSeparator"),
        PatternCase(prefix: "FHXR", separator: "-", width: "0", field: "registrationSequenceWidth",
                    message: "「序号位数」应在 1 到 8 之间。"),
        PatternCase(prefix: "FHXR", separator: "-", width: "9", field: "registrationSequenceWidth"),
        PatternCase(prefix: "FHXR", separator: "-", width: "三", field: "registrationSequenceWidth",
                    message: "「序号位数」应为整数。"),
    ])
    func validatesThePattern(_ c: PatternCase) {
        switch RegistrationNumberPattern.validate(prefix: c.prefix, separator: c.separator, sequenceWidth: c.width) {
        case .success(let pattern):
            #expect(c.field == nil)
            #expect(pattern.prefix == c.prefix?.uppercased())
        case .failure(let errors):
            #expect(c.field != nil, "refused: \(errors)")
            #expect(errors.entries.map(\.field) == c.field.map { [$0] })
            if let message = c.message, let field = c.field { #expect(errors[field] == [message]) }
        }
    }

    @Test func codableValidates() throws {
        let data = try JSONEncoder().encode(Self.hunan)
        #expect(try JSONDecoder().decode(RegistrationNumberPattern.self, from: data) == Self.hunan)
        let bad = Data(#"{"prefix":"凤凰","separator":"-","sequenceWidth":3}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(RegistrationNumberPattern.self, from: bad) }
    }

    @Test(arguments: [
        ([Int](), 1), ([1, 2, 3], 4), ([3, 1], 4), ([0, -1], 1), ([1, 2, 4], 5),
    ] as [([Int], Int)])
    func nextSequenceIsOnePastTheHighest(existing: [Int], next: Int) {
        #expect(RegistrationNumberPattern.nextSequence(existing: existing) == next)
    }

    @Test(arguments: [
        ([1, 2, 4, 7], [3, 5, 6]), ([], []), ([2], [1]), ([1, 2, 3], []), ([3, 3, 1], [2]),
    ] as [([Int], [Int])])
    func gapsForTheRegisterAudit(sequences: [Int], gaps: [Int]) {
        #expect(RegistrationNumberPattern.gaps(in: sequences) == gaps)
    }

    @Test func duplicatesForTheRegisterAudit() {
        #expect(RegistrationNumberPattern.duplicates(in: [1, 2, 2, 3, 3, 3, 4]) == [2, 3])
        #expect(RegistrationNumberPattern.duplicates(in: [1, 2, 3]).isEmpty)
    }
}
