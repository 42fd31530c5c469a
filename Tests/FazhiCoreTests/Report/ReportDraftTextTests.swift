import Foundation
import Testing
@testable import FazhiCore

@Suite("Report: draft text format and the demo county's 2020 report")
struct ReportDraftTextTests {
    /// The two figures of the tsv that the seed states by listing items rather than by a numeral
    /// (five decisions and nine projects are named one by one): no placeholder can stand in the text.
    static let figuresStatedByEnumeration: Set = ["decisions.major", "advisers.keyProjects"]

    @Test func loadsTheBundledReport() throws {
        let draft = try ReportDraftText.fenghuang2020()
        #expect(draft.title == "关于2020年度法治政府建设工作的报告")
        #expect(draft.region == "凤凰县")
        #expect(draft.year == 2020)
        #expect(draft.signatories == ["中共凤凰县委", "凤凰县人民政府"])
        #expect(draft.date == LocalDate(year: 2021, month: 3, day: 16))
        #expect(draft.sections.map(\.key) == ReportSectionKey.allCases)
        #expect(draft[.leadership].heading == "加强组织领导,强化法治政府建设保障")
        #expect(draft[.publicity].heading == "强化普法宣传教育,夯实法治政府建设基础")
        #expect(draft[.opening].heading == nil)
        #expect(draft[.otherMatters].isEmpty)
        #expect(draft[.closing].text == "专此报告。")
        let plan = draft[.nextYear].text.split(separator: "\n")
        #expect(plan.count == 18)
        #expect(plan.first == "(一)增强依法行政意识和法治思维能力培养")
        #expect(draft.problems().isEmpty)
    }

    @Test func theBundledReportUsesItsSectionsFigures() throws {
        let draft = try ReportDraftText.fenghuang2020()
        let keys = try ReportTemplate(draft[.decisionMaking].text).keys
        #expect(keys.prefix(3) == ["documents.issued", "documents.issued.government", "documents.issued.governmentOffice"])
        #expect(draft[.decisionMaking].text.contains("共审查各类合同协议{{contracts.reviewed|余:10}}份"))
        #expect(draft[.disputes].text.contains("截至{{截至:mediation.disputes}},全县共调处"))
        #expect(draft[.legalServices].text.contains("挽回经济损失{{legalAid.recoveredYuan|余万:10}}元"))
    }

    @Test
    func everyFigureOfTheSeedIsAPlaceholder() throws {
        let draft = try ReportDraftText.fenghuang2020()
        var used = Set<String>()
        for section in draft.sections { used.formUnion(try ReportTemplate(section.text).keys) }
        let tsvKeys = Set(try ReportFixtures.figureRows().map(\.key))
        #expect(used == tsvKeys.subtracting(Self.figuresStatedByEnumeration))
        #expect(draft.problems(knownKeys: tsvKeys).isEmpty)
    }

    /// The bundled report, rendered with the tsv's figures, is the seed's text paragraph by paragraph.
    /// Normalised on the seed's side only: trailing spaces (one plan paragraph ends in three), and the
    /// numbers of part 一's headings, which the seed writes half-width "(一)" and the app prints as the
    /// standard "（一）" (GB/T 9704-2012 7.3.3). Everything else — the seed's half-width commas, colons and
    /// parentheses in the text, and the plan's "(一)" lines, which are part of its text — is kept exactly.
    @Test
    func rendersTheSeedExactly() throws {
        let lines = try ReportFixtures.seedLines().map { line -> String in
            var line = line
            while let last = line.last, last.isWhitespace { line.removeLast() }
            return line
        }
        let start = try #require(lines.firstIndex { $0.hasPrefix("2020年,我县坚持以") })
        let end = try #require(lines.firstIndex(of: "专此报告。"))
        var expected: [String] = []
        var inPartOne = false
        for line in lines[start...end] where !line.isEmpty {
            if line.hasPrefix("一、") { inPartOne = true }
            if line.hasPrefix("二、") { inPartOne = false }
            if inPartOne, line.hasPrefix("("), let close = line.firstIndex(of: ")") {
                expected.append("（" + line[line.index(after: line.startIndex)..<close] + "）" + line[line.index(after: close)...])
            } else {
                expected.append(line)
            }
        }

        let report = try ReportDraftText.fenghuang2020().render(resolve: try ReportFixtures.tsvResolver())
        #expect(report.problems.isEmpty)
        let body = report.blocks.filter { ![.title, .signatory, .date].contains($0.kind) }.map(\.text)
        // 导语, 一、, seven headings and paragraphs, the shortcomings, 二、, eighteen plan lines, 专此报告。
        #expect(expected.count == 37)
        #expect(body.count == expected.count)
        for (index, (rendered, seed)) in zip(body, expected).enumerated() where rendered != seed {
            let common = zip(rendered, seed).prefix { $0 == $1 }.count
            Issue.record("paragraph \(index + 1) differs after \(common) characters:\nrendered: …\(rendered.dropFirst(max(0, common - 10)).prefix(60))\nseed:     …\(seed.dropFirst(max(0, common - 10)).prefix(60))")
        }

        // Title, signatories and date as the seed prints them.
        #expect(report.blocks.first?.text == lines[2])
        let trailer = lines[(end + 1)...].filter { !$0.isEmpty }.map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(report.blocks.filter { $0.kind == .signatory }.map(\.text) == Array(trailer.prefix(2)))
        #expect(report.blocks.last?.kind == .date)
        #expect(report.blocks.last?.text == trailer[2])
    }

    @Test func withoutFiguresEveryPlaceholderShows() throws {
        let report = try ReportDraftText.fenghuang2020().render { _ in nil }
        #expect(Set(report.problems.map(\.key)).count == 76)
        let disputes = try #require(report.blocks.first { $0.section == .disputes && $0.kind == .paragraph })
        #expect(disputes.text.contains("截至【未取得：mediation.disputes】,全县共调处各类矛盾纠纷【未取得：mediation.disputes】件"))
    }

    @Test func layoutNumbersHeadingsByPosition() throws {
        var draft = DefaultReportTemplates.draft(year: 2020, region: "凤凰县")
        draft[.decisionMaking] = .init(key: .decisionMaking, heading: nil, text: "")
        draft[.otherMatters] = .init(key: .otherMatters, heading: nil, text: "{{region}}无其他需要报告的情况。")
        draft.date = LocalDate(year: 2021, month: 3, day: 16)
        let report = try draft.render { _ in ResolvedFigure(value: StatisticValue(count: 1), asOf: LocalDate(year: 2020, month: 12, day: 31)!) }
        #expect(report.blocks.filter { $0.kind == .sectionHeading }.map { String($0.text.prefix(3)) }
            == ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）"])
        #expect(report.blocks.first { $0.section == .reform && $0.kind == .sectionHeading }?.text == "（二）深入推进“放管服”改革，加快政府职能转变")
        #expect(report.blocks.filter { $0.kind == .partHeading }.map(\.text)
            == ["一、工作开展情况", "二、2021年法治政府建设重点工作", "三、其他需要报告的情况"])
        #expect(report.blocks.map(\.kind).suffix(5) == [.paragraph, .paragraph, .signatory, .signatory, .date])
        #expect(report.blocks.last?.text == "2021年3月16日")
        #expect(report.blocks.contains { $0.section == .otherMatters && $0.text == "凤凰县无其他需要报告的情况。" })
        // The part heading comes right before its first printed section's heading.
        let workIndex = try #require(report.blocks.firstIndex { $0.kind == .partHeading })
        #expect(report.blocks[workIndex + 1].section == .leadership)
        #expect(report.blocks[workIndex + 1].kind == .sectionHeading)
    }

    @Test func renderRefusesBrokenTemplatesUnderTheirFields() {
        var draft = DefaultReportTemplates.draft(year: 2020, region: "凤凰县")
        draft[.reform] = .init(key: .reform, heading: "推进{{改革", text: "共{{contracts.filed|余:x}}份")
        do {
            _ = try draft.render { _ in nil }
            Issue.record("rendered")
        } catch {
            #expect(error["reform.heading"] == ["第 3 个字符处的「{{」没有闭合。"])
            #expect(error["reform"] == ["第 2 个字符处：未知的格式「余:x」：可用 余:N、万余:S、余万:N、万:S、%、%:1、%:2。"])
        }
        #expect(draft.problems(knownKeys: ["contracts.filed"])["reform"].count == 1)
        #expect(draft.problems(knownKeys: [])["leadership"].isEmpty)
        #expect(draft.problems(knownKeys: [])["decisionMaking"].count == 15)
    }

    @Test(arguments: [
        (RenderedReport.isSubheading("(一)增强依法行政意识和法治思维能力培养"), true),
        (RenderedReport.isSubheading("（十二）深化律师制度改革"), true),
        (RenderedReport.isSubheading("（一）加强培养。引进律师"), false),
        (RenderedReport.isSubheading("一是大力宣传"), false),
        (RenderedReport.isSubheading("(社区)政务服务"), false),
        (RenderedReport.isSubheading("()空"), false),
    ])
    func recognisesHeadingsWrittenInsideText(_ actual: Bool, _ expected: Bool) {
        #expect(actual == expected)
    }

    @Test func encodingRoundTrips() throws {
        let bundled = try ReportDraftText.fenghuang2020()
        #expect(try ReportDraftText(parsing: bundled.encoded()) == bundled)
        let fresh = DefaultReportTemplates.draft(year: 2024, region: "凤凰县")
        #expect(try ReportDraftText(parsing: fresh.encoded()) == fresh)
        let minimal = ReportDraftText(title: "关于2020年度法治政府建设工作的报告", region: "凤凰县", year: 2020,
                                      sections: [.init(key: .closing, text: "专此报告。")])
        #expect(minimal.encoded() == """
            title: 关于2020年度法治政府建设工作的报告
            region: 凤凰县
            year: 2020

            ## opening

            ## leadership

            ## decisionMaking

            ## reform

            ## enforcement

            ## disputes

            ## legalServices

            ## publicity

            ## shortcomings

            ## nextYear

            ## otherMatters

            ## closing
            专此报告。

            """)
    }

    @Test func parsesSectionsInAnyOrderAndDefaultsTheTitle() throws {
        let draft = try ReportDraftText(parsing: """
            region: 凤凰县\r
            year: 2021

            ## closing
            专此报告。   \r
            ## opening

            ### 不该有的标题

            第一段。

            第二段。
            """)
        #expect(draft.title == "关于2021年度法治政府建设工作的报告")
        #expect(draft[.opening] == .init(key: .opening, heading: "不该有的标题", text: "第一段。\n第二段。"))
        #expect(draft[.closing].text == "专此报告。")
        #expect(draft.signatories.isEmpty)
        #expect(draft.date == nil)
    }

    @Test(arguments: [
        ("region: 凤凰县\nyear: 2020\n## preface\n文字", "第 3 行：未知的章节「preface」，可用：opening、leadership、decisionMaking、reform、enforcement、disputes、legalServices、publicity、shortcomings、nextYear、otherMatters、closing。"),
        ("region: 凤凰县\nyear: 2020\n## opening\n一\n## closing\n二\n## opening\n三", "第 7 行：章节「opening」重复出现。"),
        ("region: 凤凰县\nyear: 2020\n## opening\n一\n### 标题", "第 5 行：「### 」标题只能紧跟在「## 章节」之后。"),
        ("### 标题\nregion: 凤凰县", "第 1 行：「### 」标题只能紧跟在「## 章节」之后。"),
        ("region: 凤凰县\nyear: 二〇二〇", "第 2 行：年度「二〇二〇」应为四位数的年份。"),
        ("region: 凤凰县\nyear: 2020\ndate: 2021-3-16", "第 3 行：日期「2021-3-16」应为 YYYY-MM-DD，例如 2021-03-16。"),
        ("region: 凤凰县\nyear: 2020\nsignatory:", "第 3 行：落款单位不能为空。"),
        ("region: 凤凰县\nauthor: 司法局", "第 2 行：未知的项目「author」，可用：title、region、year、signatory、date。"),
        ("region: 凤凰县\n这一行没有冒号", "第 2 行：应为「名称: 值」，或以「## 」开始一个章节。"),
        ("region: 凤凰县\n## opening\n文字", "第 3 行：缺少年度（year: 2020）。"),
        ("year: 2020\n## opening", "第 2 行：缺少行政区划（region: 凤凰县）。"),
    ])
    func reportsFormatErrorsByLine(_ text: String, _ message: String) {
        #expect(throws: (any Error).self) { try ReportDraftText(parsing: text) }
        do {
            _ = try ReportDraftText(parsing: text)
        } catch {
            #expect(error.description == message)
        }
    }
}
