import Testing
@testable import FazhiCore

@Suite("Report: Chinese number styles")
struct ChineseNumberStyleTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var token: String
        var value: StatisticValue
        var expected: String
        var testDescription: String { "\(value.numerator)\(value.denominator.map { "/\($0)" } ?? "") |\(token) → \(expected)" }
    }

    static func count(_ token: String, _ value: Int, _ expected: String) -> Case {
        Case(token: token, value: StatisticValue(count: value), expected: expected)
    }

    static func rate(_ token: String, _ numerator: Int, _ denominator: Int, _ expected: String) -> Case {
        Case(token: token, value: StatisticValue(numerator: numerator, denominator: denominator), expected: expected)
    }

    /// Every approximate figure of the seed report, from a value just above the tsv's (`gte`: 余 means more)
    /// and from a typical real count, plus the exact and percentage figures it states.
    @Test(arguments: [
        count("余:10", 91, "90余"),          // 审查各类合同协议90余份
        count("余:10", 94, "90余"),
        count("余:10", 90, "90"),            // exactly 90 is not "more than 90"
        count("余:100", 301, "300余"),       // 轮训行政执法人员300余人
        count("余:100", 347, "300余"),
        count("余:1000", 20150, "20000余"),  // 《民法典》学习资料20000余份
        count("余:1000", 20000, "20000"),
        count("余:10", 327, "320余"),        // 法治宣传活动320余次
        count("余:10", 151, "150余"),        // 法治讲座150余次
        count("余:100", 512, "500余"),       // 法治宣传专栏500余个
        count("万余:1", 180500, "18万余"),   // 法律宣传资料18万余册
        count("万余:1", 180000, "18万"),
        count("万余:1", 189999, "18万余"),
        count("万余:0.1", 128300, "12.8万余"), // 受教育群众12.8万余人
        count("万余:0.1", 128000, "12.8万"),
        count("万余:0.1", 120500, "12万余"),  // 12.0 is written 12
        count("万余:0.01", 128345, "12.83万余"),
        count("余万:10", 805000, "80余万"),  // 挽回经济损失80余万元
        count("余万:10", 800000, "80万"),
        count("余万:10", 899999, "80余万"),
        count("余万:1", 805000, "80余万"),
        count("余万:1", 815000, "81余万"),
        // Below the step nothing can be floored: the exact count, never "0余".
        count("余:10", 7, "7"),
        count("万余:1", 5000, "5000"),
        count("余万:10", 0, "0"),
        // Exact: digits without separators, as the seed writes 113927.
        count("", 113927, "113927"),
        count("exact", 43, "43"),
        count("", 0, "0"),
        // Rates: 调解率100%, 成功率达98% (1330/1356 = 0.9808).
        rate("%", 1330, 1356, "98%"),
        rate("%", 1356, 1356, "100%"),
        rate("％", 8, 8, "100%"),
        rate("", 1330, 1356, "98%"),
        rate("%", 0, 0, "—"),                // a rate over nothing
        rate("%", 1, 3, "33%"),
    ])
    func formats(_ example: Case) throws {
        let style = try #require(ChineseNumberStyle(token: example.token))
        #expect(try style.format(example.value) == example.expected)
    }

    @Test(arguments: [
        ("", ChineseNumberStyle.exact),
        ("%", .percent),
        ("余:10", .over(step: 10)),
        ("余：10", .over(step: 10)),
        (" 余:1000 ", .over(step: 1000)),
        ("万余:1", .wanOver(stepUnits: 10_000)),
        ("万余:0.1", .wanOver(stepUnits: 1_000)),
        ("万余:0.0001", .wanOver(stepUnits: 1)),
        ("余万:10", .overWan(stepUnits: 100_000)),
    ])
    func parsesTokens(_ token: String, _ style: ChineseNumberStyle) {
        #expect(ChineseNumberStyle(token: token) == style)
    }

    @Test(arguments: ["余:x", "余:", "余:0", "余:-10", "余:1.5", "万余:0", "万余:0.00001", "万余:.5", "万余:1.",
                      "万余:1e3", "余万:0.5", "余万:", "约:10", "percent", "余10", "%%", "余:1234567890"])
    func refusesUnknownTokens(_ token: String) {
        #expect(ChineseNumberStyle(token: token) == nil)
    }

    @Test(arguments: [
        ChineseNumberStyle.exact, .percent, .over(step: 10), .over(step: 1000), .wanOver(stepUnits: 10_000),
        .wanOver(stepUnits: 1_000), .wanOver(stepUnits: 500), .overWan(stepUnits: 100_000),
    ])
    func tokenRoundTrips(_ style: ChineseNumberStyle) {
        #expect(ChineseNumberStyle(token: style.token) == style)
    }

    @Test func tokensAreWrittenAsTemplatesWriteThem() {
        #expect(ChineseNumberStyle.wanOver(stepUnits: 1_000).token == "万余:0.1")
        #expect(ChineseNumberStyle.overWan(stepUnits: 100_000).token == "余万:10")
        #expect(ChineseNumberStyle.unknownStyleMessage("余:x") == "未知的格式「余:x」：可用 余:N、万余:S、余万:N、万:S、%、%:1、%:2。")
    }

    /// Other counties' reports: one- and two-decimal percentages and rounded 万, computed in integers.
    @Test(arguments: [
        ("%:1", 1330, 1356, "98.1%"), ("%:2", 1330, 1356, "98.08%"), ("%:1", 1, 1, "100%"), ("%:1", 0, 7, "0%"),
        ("%:1", 2, 3, "66.7%"), ("%:2", 1, 3, "33.33%"), ("%:1", 1, 2000, "0.1%"), ("%:1", 1, 0, "—"), ("%:1", 956, 1000, "95.6%"),
    ] as [(String, Int, Int, String)])
    func decimalPercentages(_ token: String, _ numerator: Int, _ denominator: Int, _ expected: String) throws {
        let style = try #require(ChineseNumberStyle(token: token))
        #expect(try style.format(StatisticValue(numerator: numerator, denominator: denominator)) == expected)
        #expect(ChineseNumberStyle(token: style.token) == style)
    }

    @Test(arguments: [
        ("万:0.01", 113_927, "11.39万"), ("万:0.1", 128_600, "12.9万"), ("万:1", 184_999, "18万"), ("万:1", 185_000, "19万"),
        ("万:0.01", 30, "30"), ("万:1", 4_999, "4999"), ("万:1", 5_000, "1万"),
    ] as [(String, Int, String)])
    func roundedWan(_ token: String, _ count: Int, _ expected: String) throws {
        let style = try #require(ChineseNumberStyle(token: token))
        #expect(try style.format(StatisticValue(count: count)) == expected)
    }

    @Test func decimalStylesRefuseWhatTheyCannotWrite() {
        #expect(ChineseNumberStyle(token: "%:3") == nil && ChineseNumberStyle(token: "%:0") == nil && ChineseNumberStyle(token: "万:0") == nil)
        #expect(throws: ChineseNumberStyle.FormatError.self) { try ChineseNumberStyle.percentDecimals(1).format(StatisticValue(count: 43)) }
        #expect(throws: ChineseNumberStyle.FormatError.self) { try ChineseNumberStyle.wan(stepUnits: 100).format(StatisticValue(numerator: 1, denominator: 2)) }
    }

    @Test func refusesStylesThatDoNotFitTheValue() {
        #expect(throws: ChineseNumberStyle.FormatError(message: "格式「%」只能用于比率，不能用于数量 43。")) {
            try ChineseNumberStyle.percent.format(StatisticValue(count: 43))
        }
        #expect(throws: ChineseNumberStyle.FormatError(message: "格式「余:10」只能用于数量，不能用于比率；比率请用「%」或不写格式。")) {
            try ChineseNumberStyle.over(step: 10).format(StatisticValue(numerator: 1, denominator: 2))
        }
        #expect(throws: ChineseNumberStyle.FormatError(message: "负数 -5 不能写作「余」。")) {
            try ChineseNumberStyle.wanOver(stepUnits: 10_000).format(StatisticValue(count: -5))
        }
    }
}
