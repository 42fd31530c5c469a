import Testing
@testable import FazhiCore

/// Every validator and masking function takes any string without trapping and refuses what is not an
/// identifier with a Chinese message.
@Suite("任意输入不崩溃")
struct HostileInputTests {
    static let inputs: [String] = [
        "",
        " ",
        "\u{0}",
        "43312319900101123\u{0}",
        "\u{0}433123199001011232",
        String(repeating: "1", count: 4_000),
        String(repeating: "中", count: 4_000),
        String(repeating: "😀", count: 4_000),
        String(repeating: "\u{0}", count: 4_000),
        String(repeating: " ", count: 4_000) + "13812345678",
        "😀",
        "👩‍👩‍👧‍👦",
        "１２３",
        "４３３１２３１９９００１０１１２３２",
        "\u{FEFF}433123199001011232",
        "433123199001011232\u{200B}",
        "e\u{301}",
        "\u{202E}433123199001011232",
        "\u{1F1E8}\u{1F1F3}",
        "\r\n\t",
        "(((((((((",
        ")))))))))",
        "--------",
        "#########",
        "转转转转",
        "分",
        "分机",
        "+",
        "+8",
        "+86",
        "(+86)",
        "(",
        ")",
        "0",
        "00000000000",
        "99999999999999999999",
        "X",
        "xxxxxxxxxxxxxxxxxx",
        "ℌ𝔢𝔩𝔩𝔬",
        "\u{D7FF}\u{E000}\u{FFFD}",
    ]

    @Test(arguments: inputs)
    func validatorsNeverTrap(_ input: String) {
        let today = LocalDate(year: 2021, month: 1, day: 1)!
        let results: [Result<Void, IdentityProblem>] = [
            ResidentID.validate(input, asOf: today).map { _ in () },
            UnifiedSocialCreditCode.validate(input).map { _ in () },
            RegionCode.validate(input).map { _ in () },
            MobileNumber.validate(input).map { _ in () },
            LandlineNumber.validate(input).map { _ in () },
        ]
        for result in results {
            if case .failure(let problem) = result {
                #expect(!problem.message.isEmpty)
                #expect(problem.message.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF })
                #expect(problem.message.count < 120)
            }
        }
        _ = ResidentID.checkCharacter(forBody: input)
        _ = UnifiedSocialCreditCode.checkCharacter(forBody: input)
        _ = Masking.residentID(input)
        _ = Masking.mobile(input)
        _ = Masking.landline(input)
        _ = Masking.name(input)
        _ = Masking.address(input)
    }

    @Test func longInputIsRefusedAsTooLong() {
        let long = String(repeating: "1", count: 4_000)
        let today = LocalDate(year: 2021, month: 1, day: 1)!
        #expect(ResidentID.validate(long, asOf: today).failureKind == .tooLong)
        #expect(UnifiedSocialCreditCode.validate(long).failureKind == .tooLong)
        #expect(RegionCode.validate(long).failureKind == .tooLong)
        #expect(MobileNumber.validate(long).failureKind == .tooLong)
        #expect(LandlineNumber.validate(long).failureKind == .tooLong)
        #expect(LandlineNumber.validate(String(repeating: "转", count: 4_000)).failureKind == .tooLong)
        #expect(LandlineNumber.validate(String(repeating: "分机", count: 40)).failureKind == .tooLong)
        // A valid number followed by enough padding to pass the limit is judged whole, not by its prefix.
        let padded = "0743-3221234分机801" + String(repeating: " ", count: 60) + "x"
        #expect(LandlineNumber.validate(padded).failureKind == .tooLong)
        #expect(MobileNumber.validate("13812345678" + String(repeating: " ", count: 60) + "x").failureKind == .tooLong)
        // At the limit itself, surrounding whitespace is still trimmed.
        let atLimit = String(repeating: " ", count: IdentityText.maximumScalars - 11) + "13812345678"
        #expect(MobileNumber(atLimit)?.value == "13812345678")
    }

    @Test func problemsDescribeThemselvesInChinese() {
        let problem = MobileNumber.validate("").failureProblem
        #expect(problem?.description == "请填写手机号码。")
        #expect(IdentityProblem.Subject.allCases.allSatisfy { !$0.chineseName.isEmpty })
    }
}

private extension Result where Failure == IdentityProblem {
    var failureProblem: IdentityProblem? {
        if case .failure(let problem) = self { return problem }
        return nil
    }

    var failureKind: IdentityProblem.Kind? { failureProblem?.kind }
}
