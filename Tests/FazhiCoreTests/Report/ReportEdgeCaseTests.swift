import Foundation
import Testing
@testable import FazhiCore
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The report core against hard cases, without a database: number styles for other counties' real figures, rates near the bounds,
/// the default signatories of other kinds of county-level regions, and the official document writers on odd input.
@Suite("Report core: hard cases")
struct ReportReviewCoreTests {
    @Test("Other counties' approximate figures: 3000余件, 1.2万余人, 2.5万余册, 80余万元, 1万人", arguments: [
        ("余:1000", 3456, "3000余"),
        ("余:1000", 3000, "3000"),
        ("万余:0.1", 12_345, "1.2万余"),
        ("万余:0.1", 25_001, "2.5万余"),
        ("余万:10", 812_345, "80余万"),
        ("万余:1", 10_000, "1万"),
        ("万余:1", 9_999, "9999"),
        ("余:10", 10, "10"),
    ])
    func approximateFigures(_ token: String, _ value: Int, _ expected: String) throws {
        let style = try #require(ChineseNumberStyle(token: token))
        #expect(try style.format(StatisticValue(count: value)) == expected)
    }

    @Test("A rate short of all is never written 100%, and a rate above nothing never 0%")
    func ratesNearTheBounds() throws {
        let percent = try #require(ChineseNumberStyle(token: "%"))
        #expect(try percent.format(StatisticValue(numerator: 1355, denominator: 1356)) != "100%")
        #expect(try percent.format(StatisticValue(numerator: 995, denominator: 1000)) != "100%")
        #expect(try percent.format(StatisticValue(numerator: 1, denominator: 1000)) != "0%")
        #expect(try percent.format(StatisticValue(numerator: 1356, denominator: 1356)) == "100%")
        #expect(try percent.format(StatisticValue(numerator: 1330, denominator: 1356)) == "98%")
    }

    @Test("One-decimal percentages (95.6%), as many county reports state them, can be written and declared")
    func oneDecimalPercentages() throws {
        let style = ["%:1", "%:0.1", "%.1"].lazy.compactMap { ChineseNumberStyle(token: $0) }.first
        let oneDecimal = try #require(style)
        #expect(try oneDecimal.format(StatisticValue(numerator: 956, denominator: 1000)) == "95.6%")
        let declared = DeclaredFigure.validate(year: 2024, key: "service.satisfaction", label: "群众满意率", kind: "rate", value: "95.6", unit: "%",
                                               source: "县统计局", asOf: "2024-12-31", computedKeys: [])
        // Declared exactly (956/1000) and written to one decimal; the JSON number keeps two places as every rate does.
        #expect((try? declared.get())?.value == StatisticValue(numerator: 956, denominator: 1000))
        #expect((try? declared.get())?.value.percent(digits: 1) == "95.6%")
    }

    @Test("County-level regions sign with their committee's short name", arguments: [
        ("凤凰县", "中共凤凰县委"), ("永定区", "中共永定区委"), ("吉首市", "中共吉首市委"), ("城步苗族自治县", "中共城步苗族自治县委"),
        ("神农架林区", "中共神农架林区委"), ("额尔古纳市", "中共额尔古纳市委"), ("科尔沁右翼前旗", "中共科尔沁右翼前旗委"),
    ])
    func signatories(_ region: String, _ party: String) {
        let draft = DefaultReportTemplates.draft(year: 2024, region: region)
        #expect(draft.signatories == [party, "\(region)人民政府"])
        #expect(draft.title == "关于2024年度法治政府建设工作的报告")
    }

    @Test("The official document writers on hostile text, a two-line title and no blocks: well-formed XML, escaped HTML, every line present")
    func writersOnOddInput() throws {
        let hostile = "<script>alert(1)</script> & \"q\" 'a' ]]> \u{0}\u{1F}\u{FFFE} \r\n第二行"
        let document = OfficialDocument(title: "关于2024年度法治政府建设\n工作的报告<b>", blocks: [
            .heading(level: 1, text: "一、" + hostile), .heading(level: 9, text: "（一）九级"), .paragraph([.text(hostile), .figure(key: "a.b", text: "<1>")]),
            .paragraph(""),
        ], signatories: ["中共凤凰县委<x>", "", "凤凰县人民政府&"], date: LocalDate(iso: "2025-03-10")!)
        let data = try DocxWriter.write(document)
        let archive = try ZipArchive([UInt8](data), maxEntries: 100)
        for entry in archive.entries where entry.path.hasSuffix(".xml") || entry.path.hasSuffix(".rels") {
            let xml = try archive.contents(of: entry, limit: 10_000_000)
            #expect(XMLParser(data: Data(xml)).parse(), "\(entry.path) is not well-formed")
        }
        let main = String(decoding: try archive.contents(of: try #require(archive.entries.first { $0.path == "word/document.xml" }), limit: 10_000_000), as: UTF8.self)
        #expect(main.contains("关于2024年度法治政府建设") && main.contains("工作的报告&lt;b&gt;") && main.contains("&lt;script&gt;"))
        let html = PrintHTML.render(document)
        #expect(!html.contains("<script>") && !html.contains("<b>") && !html.contains("<x>") && html.contains("&lt;1&gt;"))
        #expect(!html.unicodeScalars.contains { $0.value == 0 || $0.value == 0x1F || $0.value == 0xFFFE })
        let empty = OfficialDocument(title: "标题", blocks: [], signatories: [], date: LocalDate(iso: "2025-03-10")!)
        #expect(throws: Never.self) { _ = try DocxWriter.write(empty) }
        #expect(throws: DocxWriteError.missingTitle) { _ = try DocxWriter.write(OfficialDocument(title: " \n ", blocks: [], signatories: [], date: LocalDate(iso: "2025-03-10")!)) }
    }

    @Test("The publication countdown across years: 90 or 91 days from 1 January, 1 on 31 March, overdue from 1 April")
    func countdown() {
        let d2024 = ReportPublicationDeadline(reportYear: 2024)
        #expect(d2024.status(today: LocalDate(iso: "2024-12-31")!, publishedOn: nil) == .notStarted)
        #expect(d2024.status(today: LocalDate(iso: "2025-01-01")!, publishedOn: nil) == .running(daysLeft: 90))
        #expect(d2024.status(today: LocalDate(iso: "2025-03-31")!, publishedOn: nil) == .running(daysLeft: 1))
        #expect(d2024.status(today: LocalDate(iso: "2025-04-01")!, publishedOn: nil) == .overdue(days: 1))
        #expect(ReportPublicationDeadline(reportYear: 2023).status(today: LocalDate(iso: "2024-01-01")!, publishedOn: nil) == .running(daysLeft: 91))
        #expect(d2024.status(today: LocalDate(iso: "2025-05-01")!, publishedOn: LocalDate(iso: "2025-04-01")) == .published(on: LocalDate(iso: "2025-04-01")!, late: true))
        #expect(d2024.status(today: LocalDate(iso: "2025-05-01")!, publishedOn: LocalDate(iso: "2025-03-31")) == .published(on: LocalDate(iso: "2025-03-31")!, late: false))
    }
}
