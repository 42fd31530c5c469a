import Testing
@testable import FazhiCore

@Suite("Report: placeholder templates")
struct ReportTemplateTests {
    static let context = ReportContext(year: 2020, region: "凤凰县")
    static let nov30 = LocalDate(year: 2020, month: 11, day: 30)!
    static let dec31 = LocalDate(year: 2020, month: 12, day: 31)!
    static let figures: [String: ResolvedFigure] = [
        "contracts.reviewed": ResolvedFigure(value: StatisticValue(count: 94), asOf: dec31),
        "contracts.filed": ResolvedFigure(value: StatisticValue(count: 13), asOf: dec31),
        "mediation.disputes": ResolvedFigure(value: StatisticValue(count: 1356), asOf: nov30),
        "mediation.successRate": ResolvedFigure(value: StatisticValue(numerator: 1330, denominator: 1356), asOf: nov30),
    ]
    static func resolve(_ key: String) -> ResolvedFigure? { figures[key] }

    @Test func parsesSegments() throws {
        let template = try ReportTemplate("截至{{截至:contracts.reviewed}},{{year}}年共审查各类合同协议{{contracts.reviewed|余:10}}份,政府合同备案{{contracts.filed}}份。")
        #expect(template.segments == [
            .text("截至"), .cutOffDate(key: "contracts.reviewed"), .text(","), .variable(.year),
            .text("年共审查各类合同协议"), .figure(key: "contracts.reviewed", style: .over(step: 10)),
            .text("份,政府合同备案"), .figure(key: "contracts.filed", style: .exact), .text("份。"),
        ])
        #expect(template.keys == ["contracts.reviewed", "contracts.filed"])
    }

    @Test func acceptsFullWidthSeparatorsAndSpaces() throws {
        let template = try ReportTemplate("{{ 截至：mediation.disputes }}{{mediation.successRate｜％}}{{ region }}")
        #expect(template.segments == [.cutOffDate(key: "mediation.disputes"), .figure(key: "mediation.successRate", style: .percent),
                                      .variable(.region)])
    }

    @Test func textWithoutPlaceholdersAndSingleBracesIsLiteral() throws {
        #expect(try ReportTemplate("专此报告。").segments == [.text("专此报告。")])
        #expect(try ReportTemplate("").segments == [])
        #expect(try ReportTemplate("a{b}c").segments == [.text("a{b}c")])
    }

    @Test func rendersFiguresDatesAndVariables() throws {
        let template = try ReportTemplate("截至{{截至:mediation.disputes}},{{region}}共调处各类矛盾纠纷{{mediation.disputes}}件,成功率达{{mediation.successRate|%}};{{prevYear}}—{{nextYear}}。")
        let rendered = template.render(context: Self.context, resolve: Self.resolve)
        #expect(rendered.plainText == "截至2020年11月30日,凤凰县共调处各类矛盾纠纷1356件,成功率达98%;2019—2021。")
        #expect(rendered.segments == [
            .text("截至"),
            .figure(RenderedFigure(key: "mediation.disputes", role: .cutOffDate, text: "2020年11月30日", problem: nil)),
            .text(",凤凰县共调处各类矛盾纠纷"),
            .figure(RenderedFigure(key: "mediation.disputes", role: .value, text: "1356", problem: nil)),
            .text("件,成功率达"),
            .figure(RenderedFigure(key: "mediation.successRate", role: .value, text: "98%", problem: nil)),
            .text(";2019—2021。"),
        ])
        #expect(rendered.problems.isEmpty)
    }

    @Test func unresolvedFiguresShowInsteadOfVanishing() throws {
        let template = try ReportTemplate("截至{{截至:legalAid.cases}},办理法律援助案件{{legalAid.cases}}件,审查合同{{contracts.reviewed|余:10}}份。")
        let rendered = template.render(context: Self.context, resolve: Self.resolve)
        #expect(rendered.plainText == "截至【未取得：legalAid.cases】,办理法律援助案件【未取得：legalAid.cases】件,审查合同90余份。")
        #expect(rendered.problems.map(\.key) == ["legalAid.cases", "legalAid.cases"])
        #expect(rendered.problems.map(\.role) == [.cutOffDate, .value])
        #expect(rendered.problems.first?.problem == "统计项「legalAid.cases」没有取得数值。")
    }

    @Test func aStyleThatDoesNotFitTheValueShowsAndIsReported() throws {
        let rendered = try ReportTemplate("合同{{contracts.filed|%}}份").render(context: Self.context, resolve: Self.resolve)
        #expect(rendered.plainText == "合同【格式不适用：contracts.filed|%】份")
        #expect(rendered.problems.map(\.problem) == ["「contracts.filed」：格式「%」只能用于比率，不能用于数量 13。"])
    }

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var source: String
        var messages: [String]
        var tokens: [String]
        var testDescription: String { source }
    }

    @Test(arguments: [
        ErrorCase(source: "截至2020年12月31日,共审查{{contracts.reviewed份。",
                  messages: ["第 18 个字符处的「{{」没有闭合。"], tokens: ["{{"]),
        ErrorCase(source: "{{a.b {{contracts.filed}}",
                  messages: ["第 1 个字符处的「{{」没有闭合。"], tokens: ["{{"]),
        ErrorCase(source: "共{{}}份",
                  messages: ["第 2 个字符处的「{{}}」没有写统计项的键。"], tokens: ["{{}}"]),
        ErrorCase(source: "共{{|余:10}}份,{{截至:}}",
                  messages: ["第 2 个字符处的「{{|余:10}}」没有写统计项的键。", "第 13 个字符处的「{{截至:}}」没有写统计项的键。"],
                  tokens: ["{{|余:10}}", "{{截至:}}"]),
        ErrorCase(source: "共{{contracts.reviewed|余:x}}份",
                  messages: ["第 2 个字符处：未知的格式「余:x」：可用 余:N、万余:S、余万:N、万:S、%、%:1、%:2。"], tokens: ["余:x"]),
        ErrorCase(source: "共{{contracts.reviewed|}}份",
                  messages: ["第 2 个字符处：未知的格式「」：可用 余:N、万余:S、余万:N、万:S、%、%:1、%:2。"], tokens: [""]),
        ErrorCase(source: "{{yaer}}年",
                  messages: ["第 1 个字符处：未知的变量「{{yaer}}」，可用 {{year}}、{{nextYear}}、{{prevYear}}、{{region}}、{{regionLevel}}。"], tokens: ["{{yaer}}"]),
        ErrorCase(source: "{{year|%}}年",
                  messages: ["第 1 个字符处：变量「{{year|%}}」不能带格式。"], tokens: ["{{year|%}}"]),
        ErrorCase(source: "{{documents..issued}}",
                  messages: ["第 1 个字符处：「{{documents..issued}}」中的键「documents..issued」写法不对，应为英文字母开头、用「.」连接的两段或多段，例如 documents.issued。"],
                  tokens: ["{{documents..issued}}"]),
        ErrorCase(source: "{{1documents.issued}}{{documents.2issued}}{{documents.issued.}}{{文件.数量}}{{截至:year}}",
                  messages: [
                      "第 1 个字符处：「{{1documents.issued}}」中的键「1documents.issued」写法不对，应为英文字母开头、用「.」连接的两段或多段，例如 documents.issued。",
                      "第 22 个字符处：「{{documents.2issued}}」中的键「documents.2issued」写法不对，应为英文字母开头、用「.」连接的两段或多段，例如 documents.issued。",
                      "第 43 个字符处：「{{documents.issued.}}」中的键「documents.issued.」写法不对，应为英文字母开头、用「.」连接的两段或多段，例如 documents.issued。",
                      "第 64 个字符处：「{{文件.数量}}」中的键「文件.数量」写法不对，应为英文字母开头、用「.」连接的两段或多段，例如 documents.issued。",
                      "第 73 个字符处：「{{截至:year}}」中的键「year」写法不对，应为英文字母开头、用「.」连接的两段或多段，例如 documents.issued。",
                  ],
                  tokens: ["{{1documents.issued}}", "{{documents.2issued}}", "{{documents.issued.}}", "{{文件.数量}}", "{{截至:year}}"]),
        ErrorCase(source: "共{contracts.filed}}份",
                  messages: ["第 18 个字符处的「}}」前面没有对应的「{{」。"], tokens: ["}}"]),
        ErrorCase(source: "第一段正常。\n第二段{{contracts.filed",
                  messages: ["第 2 段第 4 个字符处的「{{」没有闭合。"], tokens: ["{{"]),
    ])
    func reportsSyntaxErrors(_ example: ErrorCase) {
        do {
            _ = try ReportTemplate(example.source)
            Issue.record("parsed: \(example.source)")
        } catch {
            #expect(error.problems.map(\.message) == example.messages)
            #expect(error.problems.map(\.token) == example.tokens)
        }
        #expect(ReportTemplate.validate(example.source, knownKeys: ["contracts.filed"]).map(\.message) == example.messages)
    }

    @Test func problemPositionsCountCharactersAndParagraphs() throws {
        do {
            _ = try ReportTemplate("一是。\n二是{{a.b}}与{{x")
            Issue.record("parsed")
        } catch {
            let problem = try #require(error.problems.first)
            #expect((problem.offset, problem.line, problem.column) == (14, 2, 11))
        }
    }

    /// A pasted text full of stray braces: the first 100 problems, found in linear time.
    @Test func problemsAreCapped() {
        let source = String(repeating: "一}}\n", count: 20_000)
        let problems = ReportTemplate.validate(source, knownKeys: [])
        #expect(problems.count == 100)
        #expect(problems.last?.message == "第 100 段第 2 个字符处的「}}」前面没有对应的「{{」。")
    }

    @Test func placeholdersDoNotSpanParagraphs() {
        #expect(ReportTemplate.validate("{{contracts.\nfiled}}", knownKeys: ["contracts.filed"]).map(\.message)
            == ["第 1 段第 1 个字符处的「{{」没有闭合。", "第 2 段第 6 个字符处的「}}」前面没有对应的「{{」。"])
    }

    @Test func validateReportsUnknownKeysWhereTheyAre() throws {
        let source = "共{{contracts.reviewd|余:10}}份,备案{{contracts.filed}}份,截至{{截至:contracts.fild}}。"
        let template = try ReportTemplate(source)
        let known: Set = ["contracts.reviewed", "contracts.filed"]
        let problems = template.validate(knownKeys: known)
        #expect(problems.map(\.message) == ["第 2 个字符处：统计目录中没有「contracts.reviewd」。",
                                            "第 55 个字符处：统计目录中没有「contracts.fild」。"])
        #expect(problems.map(\.token) == ["{{contracts.reviewd|余:10}}", "{{截至:contracts.fild}}"])
        #expect(try ReportTemplate("共{{contracts.reviewed|余:10}}份").validate(knownKeys: known).isEmpty)
        // The static form reports syntax and unknown keys together.
        #expect(ReportTemplate.validate("{{contracts.x}}{{", knownKeys: known).map(\.message)
            == ["第 1 个字符处：统计目录中没有「contracts.x」。", "第 16 个字符处的「{{」没有闭合。"])
    }

    @Test(arguments: [
        ("documents.issued", true), ("documents.issued.government", true), ("a.b", true), ("A1.b2C", true),
        ("documents", false), ("documents.", false), (".issued", false), ("documents..issued", false),
        ("1a.b", false), ("a.1b", false), ("a-b.c", false), ("a.b c", false), ("", false), ("文件.数量", false),
    ])
    func keySyntax(_ key: String, _ valid: Bool) {
        #expect(ReportTemplate.isValidKey(key) == valid)
    }
}
