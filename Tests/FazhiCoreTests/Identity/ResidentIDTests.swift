import Testing
@testable import FazhiCore

private let today = LocalDate(year: 2021, month: 3, day: 15)!

private func date(_ y: Int, _ m: Int, _ d: Int) -> LocalDate { LocalDate(year: y, month: m, day: d)! }

struct ValidResidentIDCase: Sendable, CustomTestStringConvertible {
    let input: String
    let value: String
    let birthDate: LocalDate
    let sex: ResidentID.Sex
    let areaCode: String
    var testDescription: String { input.debugDescription }
}

struct IdentityInvalidCase: Sendable, CustomTestStringConvertible {
    let input: String
    let kind: IdentityProblem.Kind
    var testDescription: String { String(input.prefix(40)).debugDescription }
}

@Suite("公民身份号码 GB 11643-1999")
struct ResidentIDTests {
    static let valid: [ValidResidentIDCase] = [
        // The example printed in GB 11643-1999 itself.
        .init(input: "11010519491231002X", value: "11010519491231002X", birthDate: date(1949, 12, 31), sex: .female, areaCode: "110105"),
        .init(input: "11010519491231002x", value: "11010519491231002X", birthDate: date(1949, 12, 31), sex: .female, areaCode: "110105"),
        .init(input: "  11010519491231002X\n", value: "11010519491231002X", birthDate: date(1949, 12, 31), sex: .female, areaCode: "110105"),
        .init(input: "１１０１０５１９４９１２３１００２Ｘ", value: "11010519491231002X", birthDate: date(1949, 12, 31), sex: .female, areaCode: "110105"),
        .init(input: "\u{3000}11010519491231002ｘ\u{3000}", value: "11010519491231002X", birthDate: date(1949, 12, 31), sex: .female, areaCode: "110105"),
        // Computed with an independent implementation of the MOD 11-2 check.
        .init(input: "433123199001011232", value: "433123199001011232", birthDate: date(1990, 1, 1), sex: .male, areaCode: "433123"),
        .init(input: "433123198506150049", value: "433123198506150049", birthDate: date(1985, 6, 15), sex: .female, areaCode: "433123"),
        .init(input: "433123200002290013", value: "433123200002290013", birthDate: date(2000, 2, 29), sex: .male, areaCode: "433123"),
        .init(input: "110101190001010014", value: "110101190001010014", birthDate: date(1900, 1, 1), sex: .male, areaCode: "110101"),
        .init(input: "710000199001010015", value: "710000199001010015", birthDate: date(1990, 1, 1), sex: .male, areaCode: "710000"),
        // 港澳台居民居住证 numbers.
        .init(input: "810000198010100011", value: "810000198010100011", birthDate: date(1980, 10, 10), sex: .male, areaCode: "810000"),
        .init(input: "830000199202020022", value: "830000199202020022", birthDate: date(1992, 2, 2), sex: .female, areaCode: "830000"),
    ]

    @Test(arguments: valid)
    func acceptsValidNumbers(_ c: ValidResidentIDCase) throws {
        let id = try ResidentID.validate(c.input, asOf: today).get()
        #expect(id.value == c.value)
        #expect(id.birthDate == c.birthDate)
        #expect(id.sex == c.sex)
        #expect(id.areaCode == c.areaCode)
        #expect(ResidentID(c.input, asOf: today) == id)
    }

    static let invalid: [IdentityInvalidCase] = [
        .init(input: "", kind: .empty),
        .init(input: "   \t\n", kind: .empty),
        .init(input: "1101051949123100", kind: .wrongLength),          // 16 digits
        .init(input: "1101051949123100X", kind: .invalidCharacter),    // X not in the 18th place
        .init(input: "11010519491231002", kind: .wrongLength),         // 17 digits
        .init(input: "11010519491231002X1", kind: .invalidCharacter),  // X in the middle of 19
        .init(input: "1101051949123100201", kind: .wrongLength),       // 19 digits
        .init(input: "110105491231002", kind: .wrongLength),           // the old 15-digit form
        .init(input: "11010519491231002Y", kind: .invalidCharacter),
        .init(input: "110105-19491231-002X", kind: .invalidCharacter),
        .init(input: "110105 19491231 002X", kind: .invalidCharacter),
        .init(input: "A1010519491231002X", kind: .invalidCharacter),
        .init(input: "001234199001011234", kind: .invalidRegion),
        .init(input: "991234199001011234", kind: .invalidRegion),
        .init(input: "161234199001011234", kind: .invalidRegion),
        .init(input: "721234199001011234", kind: .invalidRegion),
        .init(input: "433123199013011234", kind: .invalidDate),         // month 13
        .init(input: "433123199000011234", kind: .invalidDate),         // month 0
        .init(input: "433123199002301234", kind: .invalidDate),         // 30 February
        .init(input: "433123190002290017", kind: .invalidDate),         // 1900 is not a leap year
        .init(input: "433123202103160022", kind: .dateOutOfRange),      // born the day after `today`
        .init(input: "433123202112310029", kind: .dateOutOfRange),
        .init(input: "440524188001010014", kind: .dateOutOfRange),      // valid check, born 1880
        .init(input: "11010519491231002Y".replacingLast("3"), kind: .checkCharacterMismatch),
        .init(input: "110105194912310021", kind: .checkCharacterMismatch),
        .init(input: "433123199001011233", kind: .checkCharacterMismatch),
        .init(input: "433123199001011231", kind: .checkCharacterMismatch),
        .init(input: "433123199001012132", kind: .checkCharacterMismatch),  // adjacent digits swapped
        .init(input: "433123199001011322", kind: .checkCharacterMismatch),  // adjacent digits swapped
    ]

    @Test(arguments: invalid)
    func refusesInvalidNumbers(_ c: IdentityInvalidCase) {
        switch ResidentID.validate(c.input, asOf: today) {
        case .success(let id):
            Issue.record("accepted \(id.value)")
        case .failure(let problem):
            #expect(problem.kind == c.kind)
            #expect(problem.subject == .residentID)
            #expect(!problem.message.isEmpty)
            #expect(!problem.message.contains(c.input.isEmpty ? "\u{0}" : c.input))   // never echoes the input
        }
        #expect(ResidentID(c.input, asOf: today) == nil)
    }

    @Test func bornTodayIsAccepted() {
        let id = ResidentID.make(areaCode: "433123", birthDate: today, sequenceNumber: 7)
        #expect(id != nil)
        #expect(ResidentID(id!.value, asOf: today) != nil)
        #expect(ResidentID(id!.value, asOf: today.adding(days: -1)) == nil)
    }

    @Test(arguments: [
        ("11010519491231002", Character("X")),
        ("43312319900101123", Character("2")),
        ("43312319850615004", Character("9")),
        ("44052418800101001", Character("4")),
        ("43312320000229001", Character("3")),
    ])
    func checkCharacter(_ body: String, _ expected: Character) {
        #expect(ResidentID.checkCharacter(forBody: body) == expected)
    }

    @Test(arguments: ["", "1234567890123456", "123456789012345678", "1101051949123100A", "１１０１０５１９４９１２３１００２"])
    func checkCharacterRefusesBadBodies(_ body: String) {
        #expect(ResidentID.checkCharacter(forBody: body) == nil)
    }

    /// Every one of the 1,000 sequence numbers on one day gives a valid number with the right sex, and
    /// changing any single digit of it is detected.
    @Test func generatedNumbersRoundTripAndSingleDigitErrorsAreCaught() throws {
        for sequence in 0...999 {
            let id = try #require(ResidentID.make(areaCode: "433123", birthDate: date(1975, 8, 9), sequenceNumber: sequence))
            #expect(id.sequenceNumber == sequence)
            #expect(id.sex == (sequence % 2 == 1 ? .male : .female))
            #expect(ResidentID(id.value, asOf: today) == id)
            if sequence % 97 == 0 {
                var characters = Array(id.value)
                for position in 0..<17 {
                    let original = characters[position]
                    for digit in "0123456789" where digit != original {
                        characters[position] = digit
                        let altered = String(characters)
                        if case .success = ResidentID.validate(altered, asOf: today) {
                            Issue.record("single-digit change at \(position) accepted: \(altered)")
                        }
                    }
                    characters[position] = original
                }
            }
        }
    }

    @Test(arguments: [
        ("43312", 1, 1990),          // area code too short
        ("4331231", 1, 1990),        // too long
        ("43312a", 1, 1990),
        ("001234", 1, 1990),         // no such province
        ("433123", -1, 1990),
        ("433123", 1000, 1990),
        ("433123", 1, 1899),
    ])
    func makeRefusesImpossibleArguments(_ area: String, _ sequence: Int, _ year: Int) {
        #expect(ResidentID.make(areaCode: area, birthDate: date(year, 5, 5), sequenceNumber: sequence) == nil)
    }

    @Test func exposesAgeAndMasksItsDescription() throws {
        let id = try ResidentID.validate("433123200002290013", asOf: today).get()
        #expect(id.age(on: date(2018, 2, 28)) == 17)
        #expect(id.age(on: date(2018, 3, 1)) == 18)
        #expect(id.age(on: date(2020, 2, 29)) == 20)
        #expect(id.checkCharacter == "3")
        #expect(id.description == "4331**********0013")
        #expect("\(id)" == "4331**********0013")
        #expect(!String(reflecting: id).contains("200002"))
        #expect(id.masked == "4331**********0013")
        #expect(ResidentID.Sex.male.chinese == "男")
        #expect(ResidentID.Sex.female.chinese == "女")
    }
}

private extension String {
    func replacingLast(_ character: Character) -> String { String(dropLast()) + String(character) }
}
