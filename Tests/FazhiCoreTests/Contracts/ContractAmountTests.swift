import Foundation
import Testing
@testable import FazhiCore

@Suite("Contracts: amounts (exact yuan, Chinese capitals)")
struct ContractAmountTests {
    typealias F = ContractFixtures

    struct ParseCase: Sendable, CustomTestStringConvertible {
        var input: String
        var fen: Int64
        var testDescription: String { "\(input) → \(fen) 分" }
    }

    @Test(arguments: [
        ParseCase(input: "1,234,567.89", fen: 123_456_789),
        ParseCase(input: "1234567.8", fen: 123_456_780),
        ParseCase(input: "1234567", fen: 123_456_700),
        ParseCase(input: "123万", fen: 123_000_000),
        ParseCase(input: "12.5万元", fen: 12_500_000),
        ParseCase(input: "1.234567万", fen: 1_234_567),
        ParseCase(input: "1,234.5万", fen: 1_234_500_000),
        ParseCase(input: "1.2亿", fen: 12_000_000_000),
        ParseCase(input: "１２３４．５６", fen: 123_456),
        ParseCase(input: "１，２３４，５６７．８９元", fen: 123_456_789),
        ParseCase(input: "￥1,000", fen: 100_000),
        ParseCase(input: "¥ 1000.00", fen: 100_000),
        ParseCase(input: "人民币5000元", fen: 500_000),
        ParseCase(input: "RMB 80万元整", fen: 80_000_000),
        ParseCase(input: " 1 234 567 ", fen: 123_456_700),
        ParseCase(input: "0", fen: 0),
        ParseCase(input: "0.00", fen: 0),
        ParseCase(input: ".5", fen: 50),
        ParseCase(input: "007", fen: 700),
        ParseCase(input: "1.230", fen: 123),
        ParseCase(input: "0.01", fen: 1),
        ParseCase(input: "999,999,999,999.99", fen: 99_999_999_999_999),
        ParseCase(input: "9999.9999万", fen: 9_999_999_900),
    ])
    func parses(_ row: ParseCase) throws {
        let amount = try ContractAmount.parse(row.input).get()
        #expect(amount.fen == row.fen)
        #expect(try ContractAmount.parse(amount.plain).get() == amount)
        #expect(try ContractAmount.parse(String(amount.formatted.dropLast(2))).get() == amount)
    }

    static let format = "「合同金额」格式不正确，应为数字，例如 1234567.89、1,234,567.89、123万 或 12.5万元。"
    static let precision = "「合同金额」最多精确到分（两位小数）。"
    static let grouping = "「合同金额」的千位分隔符位置不正确，例如 1,234,567.89。"
    static let tooLarge = "「合同金额」超出范围（不超过 999,999,999,999.99 元）。"

    @Test(arguments: [
        ("", "请填写「合同金额」。"),
        ("  ", "请填写「合同金额」。"),
        ("元", format),
        ("万", format),
        ("abc", format),
        ("1.2.3", format),
        ("1.", format),
        (".", format),
        ("1e5", format),
        ("0x10", format),
        ("1,5", grouping),
        ("12,34,567", grouping),
        ("1234,567", grouping),
        (",123", grouping),
        ("1.5,0", format),
        ("-5", "「合同金额」不能为负数。"),
        ("￥-5", "「合同金额」不能为负数。"),
        ("1.234", precision),
        ("0.001", precision),
        ("1.2345678万", precision),
        ("1000000000000", tooLarge),
        ("10000亿", tooLarge),
        ("99999999999999999999999999", tooLarge),
        ("1万万", format),
        ("十万", format),
        (String(repeating: "9", count: 65), "「合同金额」过长。"),
    ])
    func refuses(_ input: String, _ message: String) {
        #expect(F.errorsOf(ContractAmount.parse(input))?["amount"] == [message])
    }

    @Test func fieldAndLabelAreTheCallers() {
        #expect(F.errorsOf(ContractAmount.parse("x", field: "threshold", label: "起点"))?["threshold"].first?.hasPrefix("「起点」") == true)
        #expect(F.errorsOf(ContractAmount.parse(nil))?["amount"] == ["请填写「合同金额」。"])
    }

    @Test(arguments: [
        (Int64(123_456_789), "1,234,567.89 元", "1234567.89"),
        (0, "0.00 元", "0.00"),
        (5, "0.05 元", "0.05"),
        (100_000, "1,000.00 元", "1000.00"),
        (100_000_000, "1,000,000.00 元", "1000000.00"),
        (12_345, "123.45 元", "123.45"),
        (99_999_999_999_999, "999,999,999,999.99 元", "999999999999.99"),
    ])
    func formats(_ fen: Int64, _ formatted: String, _ plain: String) {
        let amount = ContractAmount(fen: fen)!
        #expect(amount.formatted == formatted)
        #expect(amount.plain == plain)
        #expect(amount.description == formatted)
    }

    /// 中国人民银行《正确填写票据和结算凭证的基本规定》 and its examples, plus the zero and 整 cases around them.
    @Test(arguments: [
        ("1234567.89", "壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分"),
        // The regulation's own examples.
        ("1409.50", "壹仟肆佰零玖元伍角"),
        ("6007.14", "陆仟零柒元壹角肆分"),
        ("1680.32", "壹仟陆佰捌拾元零叁角贰分"),
        ("107000.53", "壹拾万柒仟元零伍角叁分"),
        ("325.04", "叁佰贰拾伍元零肆分"),
        // 整 after 元 only.
        ("0", "零元整"),
        ("1", "壹元整"),
        ("10", "壹拾元整"),
        ("16", "壹拾陆元整"),
        ("20", "贰拾元整"),
        ("100", "壹佰元整"),
        ("1230000", "壹佰贰拾叁万元整"),
        ("20.3", "贰拾元零叁角"),
        ("20.03", "贰拾元零叁分"),
        ("20.33", "贰拾元零叁角叁分"),
        ("21.30", "贰拾壹元叁角"),
        ("21.03", "贰拾壹元零叁分"),
        // Below one yuan.
        ("0.5", "伍角"),
        ("0.05", "伍分"),
        ("0.55", "伍角伍分"),
        ("0.01", "壹分"),
        // Zeros inside.
        ("1004", "壹仟零肆元整"),
        ("1040", "壹仟零肆拾元整"),
        ("1400", "壹仟肆佰元整"),
        ("10010", "壹万零壹拾元整"),
        ("10001", "壹万零壹元整"),
        ("100100", "壹拾万零壹佰元整"),
        ("100010", "壹拾万零壹拾元整"),
        ("1007000", "壹佰万柒仟元整"),
        ("1000000", "壹佰万元整"),
        ("10000000", "壹仟万元整"),
        ("10050000", "壹仟零伍万元整"),
        ("100000000", "壹亿元整"),
        ("100007000", "壹亿零柒仟元整"),
        ("100000001", "壹亿零壹元整"),
        ("100010000", "壹亿零壹万元整"),
        ("101000000", "壹亿零壹佰万元整"),
        ("110000000", "壹亿壹仟万元整"),
        ("1010000000", "壹拾亿壹仟万元整"),
        ("1000000000.01", "壹拾亿元零壹分"),
        ("200000000.10", "贰亿元零壹角"),
        ("999999999999.99", "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
        ("12.5万", "壹拾贰万伍仟元整"),
    ])
    func chineseCapital(_ input: String, _ capital: String) {
        #expect(F.amount(input).chineseCapital == capital)
    }

    /// No capital form has two 零 in a row, starts with 零 (except 零元整), or ends in 零.
    @Test func capitalFormInvariants() {
        var generator = ContractSeededGenerator(seed: 20_201_231)
        for _ in 0..<5_000 {
            let digits = Int64.random(in: 1...14, using: &generator)
            var fen: Int64 = 0
            for _ in 0..<digits { fen = fen * 10 + (Int64.random(in: 0...9, using: &generator) < 4 ? 0 : Int64.random(in: 1...9, using: &generator)) }
            guard let amount = ContractAmount(fen: fen), fen > 0 else { continue }
            let text = amount.chineseCapital
            #expect(!text.contains("零零"), "\(amount.plain) → \(text)")
            #expect(!text.hasPrefix("零") && !text.hasSuffix("零"), "\(amount.plain) → \(text)")
            #expect(!text.contains("零元") && !text.contains("零万") && !text.contains("零亿"), "\(amount.plain) → \(text)")
            #expect(!text.contains("亿万"), "\(amount.plain) → \(text)")
            #expect(text.hasSuffix("整") == (fen % 100 == 0), "\(amount.plain) → \(text)")
        }
    }

    @Test func exactDecimal() throws {
        let amount = F.amount("1,234,567.89")
        #expect(amount.yuan == Decimal(string: "1234567.89"))
        #expect(ContractAmount(yuan: Decimal(string: "12.34")!)?.fen == 1234)
        #expect(ContractAmount(yuan: Decimal(string: "0.1")! + Decimal(string: "0.2")!)?.fen == 30)
        #expect(ContractAmount(yuan: Decimal(string: "1.234")!) == nil)
        #expect(ContractAmount(yuan: -1) == nil)
        #expect(ContractAmount(yuan: Decimal(string: "1000000000000")!) == nil)
        #expect(ContractAmount(fen: -1) == nil)
        #expect(ContractAmount(fen: ContractAmount.maximumFen + 1) == nil)
        #expect(F.amount("0.1").adding(F.amount("0.2")) == F.amount("0.3"))
        #expect(ContractAmount(fen: ContractAmount.maximumFen)!.adding(F.amount("0.01")) == nil)
        #expect(F.amount("123万") > F.amount("1,229,999.99"))
    }

    @Test func codableAsExactText() throws {
        let data = try JSONEncoder().encode(["amount": F.amount("12.5万")])
        #expect(String(decoding: data, as: UTF8.self) == #"{"amount":"125000.00"}"#)
        #expect(try JSONDecoder().decode([String: ContractAmount].self, from: data)["amount"] == F.amount("125000"))
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([ContractAmount].self, from: Data(#"["-1"]"#.utf8)) }
    }
}

/// A small deterministic generator (SplitMix64) so the invariant test is reproducible.
struct ContractSeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
