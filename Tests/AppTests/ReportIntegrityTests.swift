@testable import App
@testable import FazhiCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The annual report's integrity: the annual report against cases its own tests do not cover — hostile input on every form,
/// other counties, other figures, the workflow's edges, the seal, the dashboard's calendar edges and the exports.
@Suite("Report integrity: hostile input, roles, workflow edges, the seal")
struct ReportIntegrityTests {
    // MARK: Helpers

    /// A 2024 report with every statutory item written (computed figures only), signed; finalized unless `finalize` is false.
    static func ready2024(_ t: TestApp, _ legal: Browser, finalize: Bool = true) async throws -> UUID {
        let id = try await ReportTests.create(legal, year: 2024)
        try await ReportTests.complete(legal, id)
        #expect(try await ReportTests.sign(legal, id).status == .seeOther)
        if finalize {
            let done = try await ReportTests.step(legal, id, .finalize)
            #expect(done.status == .seeOther, "\(PageTesting.problems(in: done.text))")
        }
        return id
    }

    static func newVersion(_ legal: Browser, of id: UUID) async throws -> UUID {
        try await legal.get(SiteURL.report(.value(id)).path)
        let response = try await legal.post(SiteURL.reportNewVersion(.value(id)).path)
        #expect(response.status == .seeOther)
        return try #require(PageTesting.id(in: response.location))
    }

    static func wellFormed(_ xml: String) -> Bool {
        XMLParser(data: Data(xml.utf8)).parse()
    }

    /// The DOCX of a response: its document part must be well-formed XML.
    static func docxDocument(_ response: TestingHTTPResponse) throws -> (document: String, figures: [String]) {
        #expect(response.status == .ok)
        let (document, styles, figures) = try ReportTests.docx(Array(response.body.readableBytesView))
        #expect(wellFormed(document), "word/document.xml is not well-formed")
        #expect(wellFormed(styles), "word/styles.xml is not well-formed")
        return (document, figures)
    }

    /// The instant of 08:00 in Beijing on a date.
    static func beijingMorning(_ iso: String) -> Date {
        let date = LocalDate(iso: iso)!
        var components = DateComponents()
        components.year = date.year
        components.month = date.month
        components.day = date.day
        components.hour = 0
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: components)!  // 00:00 UTC = 08:00 in Beijing
    }

    /// The dashboard tile whose label is `label`: from its <strong> to the end of its div.
    static func tile(_ label: String, in html: String) -> String? {
        guard let labelRange = html.range(of: "<span>\(escapeHTML(label))</span>") else { return nil }
        guard let open = html[..<labelRange.lowerBound].range(of: "<strong>", options: .backwards) else { return nil }
        let rest = html[open.lowerBound...]
        guard let end = rest.range(of: "</div>") else { return nil }
        return String(rest[..<end.lowerBound])
    }

    static func set(region name: String, _ t: TestApp) async throws {
        let county = try #require(try await RegionModel.query(on: t.db).filter(\.$level == RegionLevel.county.rawValue).first())
        county.name = name
        try await county.update(on: t.db)
    }

    // MARK: Workflow integrity

    @Test("Publishing an older finalized version never supersedes the newer correction")
    func olderVersionDoesNotSupersedeNewer() async throws {
        try await withTestApp { t in
            let legal = try await PageTesting.session(t, "legal")
            let first = try await Self.ready2024(t, legal)
            let second = try await Self.newVersion(legal, of: first)
            #expect(try await ReportTests.sign(legal, second, date: "2025-03-20").status == .seeOther)
            #expect(try await ReportTests.step(legal, second, .finalize).status == .seeOther)
            // The legal office (by mistake, or from an old tab) publishes version 1 after version 2 was finalized.
            _ = try await ReportTests.step(legal, first, .publish, [("publishedOn", "2025-11-25")])
            #expect(try await ReportTests.report(t, second).reportState != .superseded,
                    "version 2 (the correction) was superseded by publishing version 1")
        }
    }

    @Test("Publishing twice, publishing a superseded version, a new version while a draft exists, supersession only on publish; anonymous sees only what was published")
    func workflowEdges() async throws {
        try await withTestApp { t in
            let legal = try await PageTesting.session(t, "legal")
            let anonymous = t.browser()
            let draft = try await ReportTests.create(legal, year: 2024)
            #expect(try await anonymous.get(SiteURL.publicReport(.value(draft)).path).status == .notFound)
            #expect(try await anonymous.get(SiteURL.publicReportDocx(.value(draft)).path).status == .notFound)
            // Publishing a draft is refused.
            #expect(try await ReportTests.step(legal, draft, .publish, [("publishedOn", "2025-11-25")]).status == .conflict)
            // A new version of a draft is refused.
            try await legal.get(SiteURL.report(.value(draft)).path)
            #expect(try await legal.post(SiteURL.reportNewVersion(.value(draft)).path).status == .conflict)
            try await ReportTests.complete(legal, draft)
            #expect(try await ReportTests.sign(legal, draft).status == .seeOther)
            #expect(try await ReportTests.step(legal, draft, .finalize).status == .seeOther)
            let first = draft
            // Finalized, not published: not public.
            #expect(try await anonymous.get(SiteURL.publicReport(.value(first)).path).status == .notFound)
            #expect(try await anonymous.get(SiteURL.publicReportDocx(.value(first)).path).status == .notFound)
            #expect(!(try await anonymous.get(SiteURL.publicReports.path).text.contains(first.uuidString)))
            #expect(try await ReportTests.step(legal, first, .publish, [("publishedOn", "2025-11-25")]).status == .seeOther)
            // Publishing twice is refused and leaves the date.
            #expect(try await ReportTests.step(legal, first, .publish, [("publishedOn", "2025-11-24")]).status == .conflict)
            #expect(try await ReportTests.report(t, first).publishedOn == "2025-11-25")
            #expect(try await PageTesting.audit(t, subject: first).contains { $0.action == "workflow.report.publish" && $0.outcome == "refused" })
            // A new version; a second request for one lands on the same draft.
            let second = try await Self.newVersion(legal, of: first)
            try await legal.get(SiteURL.report(.value(first)).path)
            let again = try await legal.post(SiteURL.reportNewVersion(.value(first)).path)
            #expect(again.status == .seeOther && PageTesting.id(in: again.location) == second)
            #expect(try await ReportModel.query(on: t.db).filter(\.$year == 2024).count() == 2)
            // A new draft for the year through the list is refused.
            try await legal.get(SiteURL.reports.path)
            #expect(try await legal.post(SiteURL.reportNew.path, [("year", "2024")]).status == .unprocessableEntity)
            // Finalizing version 2 does not supersede version 1: only publishing does.
            #expect(try await ReportTests.sign(legal, second, date: "2025-03-20").status == .seeOther)
            #expect(try await ReportTests.step(legal, second, .finalize).status == .seeOther)
            #expect(try await ReportTests.report(t, first).reportState == .published)
            #expect(try await anonymous.get(SiteURL.publicReport(.value(second)).path).status == .notFound)
            #expect(try await ReportTests.step(legal, second, .publish, [("publishedOn", "2025-11-25")]).status == .seeOther)
            #expect(try await ReportTests.report(t, first).reportState == .superseded)
            // A superseded version cannot be published again, nor be the base of a new version.
            #expect(try await ReportTests.step(legal, first, .publish, [("publishedOn", "2025-11-25")]).status == .conflict)
            #expect(try await ReportTests.report(t, first).reportState == .superseded)
            // The supersede event has no route of its own.
            try await legal.get(SiteURL.report(.value(first)).path)
            #expect(try await legal.post(SiteURL.reportStep(.value(first), .supersede).path).status == .notFound)
            // Anonymous: the superseded one with its notice, the list with the new one only.
            let old = try await anonymous.get(SiteURL.publicReport(.value(first)).path)
            #expect(old.status == .ok && old.text.contains("修订版本取代") && old.text.contains(SiteURL.publicReport(.value(second)).path))
            // Every state change is audited.
            let actions = try await PageTesting.audit(t, subject: first).map(\.action) + (try await PageTesting.audit(t, subject: second).map(\.action))
            for action in ["workflow.report.finalize", "workflow.report.publish", "workflow.report.supersede"] {
                #expect(actions.contains(action), "\(action)")
            }
        }
    }

    @Test("A finalized report refuses every change; template and declared-figure changes made later do not reach its text, public page, print page or DOCX")
    func finalizedIsFrozen() async throws {
        try await withTestApp(records: true) { t in
            let legal = try await PageTesting.session(t, "legal")
            let report = try #require(try await ReportModel.query(on: t.db).filter(\.$year == 2020).first())
            let id = report.id!
            let before = try await t.browser().get(SiteURL.publicReport(.value(id)).path).text
            #expect(before.contains("320余"))
            let docxBefore = try Self.docxDocument(try await legal.get(SiteURL.reportDocx(.value(id)).path))
            // The declared 320余 (326) becomes 999; a template is rewritten.
            try await legal.get(SiteURL.reportDeclared.path(query: [("year", "2020")]))
            let declared = try await legal.post(SiteURL.reportDeclared.path, [
                ("year", "2020"), ("key", "publicity.activities"), ("label", "开展法治宣传活动"), ("kind", "count"), ("value", "999"),
                ("unit", "次"), ("asOf", "2020-12-31"), ("source", "更正"),
            ])
            #expect(declared.status == .seeOther)
            try await legal.get(SiteURL.reportTemplate(.value("publicity")).path)
            #expect(try await legal.post(SiteURL.reportTemplate(.value("publicity")).path, [("heading", "新标题"), ("text", "模板改写。")]).status == .seeOther)
            let after = try await t.browser().get(SiteURL.publicReport(.value(id)).path).text
            #expect(after.contains("320余") && !after.contains("990余") && !after.contains("模板改写"))
            let docxAfter = try Self.docxDocument(try await legal.get(SiteURL.reportDocx(.value(id)).path))
            #expect(docxAfter.figures == docxBefore.figures)
            let print = try await legal.get(SiteURL.reportPrint(.value(id)).path).text
            #expect(print.contains("320余") && !print.contains("990余"))
            // Every change to the finalized (published) report is refused and nothing is written.
            let versions = try await ReportSectionVersionModel.query(on: t.db).filter(\.$report.$id == id).count()
            try await legal.get(SiteURL.report(.value(id)).path)
            #expect(try await legal.post(SiteURL.reportSection(.value(id), .value("publicity")).path, [("heading", ""), ("text", "改")]).status == .conflict)
            #expect(try await legal.post(SiteURL.reportSignature(.value(id)).path,
                                         [("title", "改"), ("signatories", "甲"), ("signedOn", "2021-03-10")]).status == .conflict)
            #expect(try await legal.post(SiteURL.reportCutoffs(.value(id)).path, [("cutoff.documents.issued", "2020-11-30")]).status == .conflict)
            #expect(try await ReportCutoffModel.query(on: t.db).filter(\.$report.$id == id).count() == 0)
            #expect(try await ReportSectionVersionModel.query(on: t.db).filter(\.$report.$id == id).count() == versions)
            let stored = try await ReportTests.report(t, id)
            #expect(stored.title == report.title && stored.signatories == report.signatories && stored.snapshotHash == report.snapshotHash)
            let page = try await legal.get(SiteURL.report(.value(id)).path).text
            #expect(page.contains("校验一致"))
        }
    }

    @Test("Refused changes to a finalized report are audited like refused workflow steps")
    func refusalsAreAudited() async throws {
        try await withTestApp { t in
            let legal = try await PageTesting.session(t, "legal")
            let id = try await Self.ready2024(t, legal)
            try await legal.get(SiteURL.report(.value(id)).path)
            #expect(try await legal.post(SiteURL.reportSection(.value(id), .value("shortcomings")).path, [("heading", ""), ("text", "改")]).status == .conflict)
            #expect(try await legal.post(SiteURL.reportSignature(.value(id)).path,
                                         [("title", "改"), ("signatories", "甲"), ("signedOn", "2025-03-10")]).status == .conflict)
            #expect(try await legal.post(SiteURL.reportCutoffs(.value(id)).path, []).status == .conflict)
            let refused = try await PageTesting.audit(t, subject: id).filter { $0.outcome == "refused" }
            #expect(refused.count >= 3, "refused changes audited: \(refused.map(\.action))")
        }
    }

    @Test("The seal: a finalized report whose snapshot cannot be read is never shown with live figures")
    func unreadableSnapshotIsNotRenderedLive() async throws {
        try await withTestApp(records: true) { t in
            let report = try #require(try await ReportModel.query(on: t.db).filter(\.$year == 2020).first())
            let id = report.id!
            // A later release changes the snapshot format (or the column is damaged), and a declared figure changes.
            report.snapshot = try #require(report.snapshot).replacingOccurrences(of: ReportSnapshot.formatVersion, with: "fazhi-report-snapshot-v0")
            try await report.update(on: t.db)
            let declared = try #require(try await DeclaredFigureModel.query(on: t.db).filter(\.$year == 2020).filter(\.$key == "publicity.activities").first())
            declared.numerator = 999
            try await declared.update(on: t.db)
            let page = try await t.browser().get(SiteURL.publicReport(.value(id)).path)
            #expect(!page.text.contains("990余"), "a published report was rendered from live figures")
            let docx = try await t.browser().get(SiteURL.publicReportDocx(.value(id)).path)
            if docx.status == .ok {
                #expect(!(try ReportTests.docx(Array(docx.body.readableBytesView)).figures.contains("990余")))
            }
        }
    }

    @Test("The seal: a published report whose snapshot no longer matches its hash is not served to the public as if intact")
    func tamperedSnapshotIsNotPublished() async throws {
        try await withTestApp(records: true) { t in
            let report = try #require(try await ReportModel.query(on: t.db).filter(\.$year == 2020).first())
            let id = report.id!
            let snapshot = try #require(report.snapshot)
            #expect(snapshot.contains("\"numerator\":417"))
            report.snapshot = snapshot.replacingOccurrences(of: "\"numerator\":417", with: "\"numerator\":418")
            try await report.update(on: t.db)
            let legal = try await PageTesting.session(t, "legal")
            #expect(try await legal.get(SiteURL.report(.value(id)).path).text.contains("校验不一致"))
            let page = try await t.browser().get(SiteURL.publicReport(.value(id)).path)
            #expect(page.status != .ok || !page.text.contains(">418</span>"), "the altered figure is published without a word")
        }
    }

    // MARK: Other counties

    @Test("Another county (a district): signatories, region variable and the default templates speak of 区, not 县", arguments: [
        ("永定区", "中共永定区委", "我区"),
        ("吉首市", "中共吉首市委", "我市"),
    ])
    func otherCounty(_ region: String, _ party: String, _ we: String) async throws {
        try await withTestApp { t in
            try await Self.set(region: region, t)
            let legal = try await PageTesting.session(t, "legal")
            let id = try await ReportTests.create(legal, year: 2024)
            let report = try await ReportTests.report(t, id)
            #expect(report.regionName == region)
            #expect(report.signatoryList == [party, "\(region)人民政府"])
            #expect(try await ReportTests.saveSection(legal, id, .closing, text: "{{region}}人民政府专此报告。").status == .seeOther)
            let page = try await legal.get(SiteURL.report(.value(id)).path).text
            #expect(page.contains("\(region)人民政府专此报告。"))
            // The drafted prose must not call a district or city a county.
            let opening = try #require(try await ReportTests.versions(t, id, .opening).last).text
            #expect(opening.contains(we) && !opening.contains("我县"), "opening: \(opening.prefix(20))…")
            let all = try await ReportSectionVersionModel.query(on: t.db).filter(\.$report.$id == id).all().map(\.text).joined()
            #expect(!all.contains("全县") && !all.contains("我县"), "default templates hard-code 县")
        }
    }

    @Test("Another county: title, signatories and region in the exports; a report of a year with no records states 0")
    func otherCountyExports() async throws {
        try await withTestApp { t in
            try await Self.set(region: "城步苗族自治县", t)
            let legal = try await PageTesting.session(t, "legal")
            let id = try await ReportTests.create(legal, year: 2024)
            #expect(try await ReportTests.report(t, id).signatoryList == ["中共城步苗族自治县委", "城步苗族自治县人民政府"])
            try await ReportTests.complete(legal, id)
            try await legal.get(SiteURL.report(.value(id)).path)
            #expect(try await legal.post(SiteURL.reportSignature(.value(id)).path, [
                ("title", "{{region}}关于{{year}}年度法治政府建设情况的报告"), ("signatories", "中共城步苗族自治县委\n城步苗族自治县人民政府"), ("signedOn", "2025-03-10"),
            ]).status == .seeOther)
            let print = try await legal.get(SiteURL.reportPrint(.value(id)).path)
            #expect(print.status == .ok && print.text.contains("城步苗族自治县关于2024年度法治政府建设情况的报告"))
            #expect(print.text.contains("data-key=\"documents.issued\">0</span>"))
            let (document, figures) = try Self.docxDocument(try await legal.get(SiteURL.reportDocx(.value(id)).path))
            #expect(document.contains("城步苗族自治县人民政府") && document.contains("2025年3月10日"))
            #expect(figures.contains("0"))
            #expect(try await ReportTests.step(legal, id, .finalize).status == .seeOther)
        }
    }

    // MARK: Figures

    @Test("Cut-offs: 30 November counts fewer 2020 documents than 31 December; page, trace, print and DOCX all state the catalogue's value for the cut-off")
    func cutoffsChangeCountedValues() async throws {
        try await withTestApp(records: true) { t in
            let legal = try await PageTesting.session(t, "legal")
            let published = try #require(try await ReportModel.query(on: t.db).filter(\.$year == 2020).first())
            let id = try await Self.newVersion(legal, of: published.id!)
            let entry = try #require(StatisticsCatalogue.entry("documents.issued"))
            let november = try await entry.compute(StatisticPeriod(year: 2020, through: LocalDate(iso: "2020-11-30")), t.db)
            let december = try await entry.compute(StatisticPeriod(year: 2020), t.db)
            #expect(december.value.numerator == 43 && november.value.numerator < 43)
            try await legal.get(SiteURL.report(.value(id)).path)
            #expect(try await legal.post(SiteURL.reportCutoffs(.value(id)).path, [("cutoff.documents.issued", "2020-11-30")]).status == .seeOther)
            let n = november.value.numerator
            let page = try await legal.get(SiteURL.report(.value(id)).path).text
            #expect(page.contains("data-key=\"documents.issued\">\(n)</a>"))
            #expect(!page.contains("data-key=\"documents.issued\">43</a>"))
            let trace = try await legal.get(SiteURL.reportFigure(.value(id), .value("documents.issued")).path).text
            #expect(trace.contains("所统计的记录（\(n) 条）") && trace.contains("2020年11月30日"))
            let novemberRecords = try await november.loadRecords()
            for record in novemberRecords { #expect(trace.contains(record.path), "\(record.label)") }
            for record in try await december.loadRecords() where !novemberRecords.contains(record) { #expect(!trace.contains(record.path)) }
            let print = try await legal.get(SiteURL.reportPrint(.value(id)).path).text
            #expect(print.contains("data-key=\"documents.issued\">\(n)</span>"))
            // Every figure run of the DOCX is the catalogue's value at its cut-off.
            let stored = try await ReportTests.report(t, id)
            let content = try await ReportService.content(stored, on: t.db)
            let expected = ReportService.officialDocument(try content.rendered(), date: LocalDate(iso: "2025-11-25")!).blocks.flatMap { block -> [String] in
                guard case .paragraph(let runs) = block else { return [] }
                return runs.compactMap { if case .figure(_, let text) = $0 { text } else { nil } }
            }
            let (_, figures) = try Self.docxDocument(try await legal.get(SiteURL.reportDocx(.value(id)).path))
            #expect(figures == expected.map(escapeHTML) && expected.contains(String(n)))
            // Back to 31 December: 43 again, and the cut-off row is gone.
            try await legal.get(SiteURL.report(.value(id)).path)
            #expect(try await legal.post(SiteURL.reportCutoffs(.value(id)).path, [("cutoff.documents.issued", "2020-12-31")]).status == .seeOther)
            #expect(try await ReportCutoffModel.query(on: t.db).filter(\.$report.$id == id).count() == 0)
            #expect(try await legal.get(SiteURL.report(.value(id)).path).text.contains("data-key=\"documents.issued\">43</a>"))
        }
    }

    @Test("A declared figure put directly in the database under a computed key never overrides the computed value")
    func declaredNeverOverridesComputed() async throws {
        try await withTestApp(records: true) { t in
            let legal = try await PageTesting.session(t, "legal")
            let published = try #require(try await ReportModel.query(on: t.db).filter(\.$year == 2020).first())
            let id = try await Self.newVersion(legal, of: published.id!)
            let model = DeclaredFigureModel()
            model.fill(from: DeclaredFigure(year: 2020, key: "documents.issued", label: "伪造", kind: .count, value: StatisticValue(count: 999), unit: "件",
                                            source: "直接写入", asOf: LocalDate(iso: "2020-12-31")!), by: "x", at: t.clock.now)
            try await model.create(on: t.db)
            let page = try await legal.get(SiteURL.report(.value(id)).path).text
            #expect(page.contains("data-key=\"documents.issued\">43</a>") && !page.contains(">999<"))
            let trace = try await legal.get(SiteURL.reportFigure(.value(id), .value("documents.issued")).path).text
            #expect(trace.contains("所统计的记录（43 条）") && !trace.contains("直接写入"))
        }
    }

    @Test("A rate over nothing is not a figure a report can state: finalizing a text with 按时办结率— is refused")
    func rateWithoutDenominator() async throws {
        try await withTestApp { t in
            let legal = try await PageTesting.session(t, "legal")
            let id = try await Self.ready2024(t, legal, finalize: false)
            #expect(try await ReportTests.saveSection(legal, id, .reform, heading: "深化“放管服”改革",
                                                      text: "合同审查按时办结率{{contracts.reviewOnTimeRate|%}}。").status == .seeOther)
            let page = try await legal.get(SiteURL.report(.value(id)).path).text
            #expect(page.contains("合同审查按时办结率"))
            let finalize = try await ReportTests.step(legal, id, .finalize)
            #expect(finalize.status == .conflict, "a report stating a rate of nothing (—) was finalized")
        }
    }

    @Test("Figure links with odd keys answer 404, never 5xx")
    func oddFigureKeys() async throws {
        try await withTestApp { t in
            let legal = try await PageTesting.session(t, "legal")
            let id = try await ReportTests.create(legal, year: 2024)
            for key in ["documents..issued", "documents", "1a.b", "a.b", String(repeating: "a.", count: 200) + "a", "%3Cscript%3E.x", "documents.issued%00",
                        "%E5%B9%B4%E5%BA%A6.%E6%95%B0", "publicity.lectures"] {
                let response = try await legal.get(SiteURL.reportFigure(.value(id), .value("x")).path.replacingOccurrences(of: "/x", with: "/" + key))
                #expect(response.status == .notFound, "\(key) answered \(response.status)")
            }
            #expect(try await legal.get(SiteURL.reportSection(.value(id), .value("nosuch")).path).status == .notFound)
            #expect(try await legal.get(SiteURL.reportSectionVersions(.value(id), .value("opening")).path(query: [("v", "99999999999999999999")])).status == .ok)
            #expect(try await legal.get("/reports/not-a-uuid").status == .notFound)
            #expect(try await legal.get("/reports/\(UUID().uuidString)").status == .notFound)
            #expect(try await t.browser().get("/public/reports/not-a-uuid").status.code < 500)
        }
    }

    // MARK: Bad input

    @Test("Hostile text in sections, headings, title, signatories and declared figures is shown escaped on every page, in the print page and in well-formed DOCX XML")
    func hostileTextIsEscapedEverywhere() async throws {
        try await withTestApp { t in
            let legal = try await PageTesting.session(t, "legal")
            let id = try await Self.ready2024(t, legal, finalize: false)
            let script = "<script>alert(1)</script>"
            let hostile = "正文\(script)&amp;\"引号\"'单引号' ]]> <!-- --> <![CDATA[x]]> \\u0000 <w:p>"
            #expect(try await ReportTests.saveSection(legal, id, .shortcomings, text: "法治意识有待提高。\(hostile)").status == .seeOther)
            #expect(try await ReportTests.saveSection(legal, id, .leadership, heading: "标题<img src=x onerror=alert(2)>",
                                                      text: "第一责任人职责。").status == .seeOther)
            try await legal.get(SiteURL.report(.value(id)).path)
            #expect(try await legal.post(SiteURL.reportSignature(.value(id)).path, [
                ("title", "关于2024年度<b>法治</b>政府建设工作的报告&"), ("signatories", "中共凤凰县委<script>\n凤凰县人民政府&"), ("signedOn", "2025-03-10"),
            ]).status == .seeOther)
            try await legal.get(SiteURL.reportDeclared.path(query: [("year", "2024")]))
            #expect(try await legal.post(SiteURL.reportDeclared.path, [
                ("year", "2024"), ("key", "publicity.lectures"), ("label", "讲座<script>alert(3)</script>"), ("kind", "count"), ("value", "12"),
                ("unit", "次"), ("asOf", "2024-12-31"), ("source", "来源<img src=x onerror=alert(4)>"),
            ]).status == .seeOther)
            #expect(try await ReportTests.saveSection(legal, id, .publicity, heading: "普法", text: "讲座{{publicity.lectures}}次。").status == .seeOther)
            let raw = ["<script>alert", "<img src=x", "<b>法治</b>", "<w:p>"]
            func clean(_ text: String, _ what: String) {
                for needle in raw { #expect(!text.contains(needle), "\(what) contains \(needle)") }
            }
            clean(try await legal.get(SiteURL.report(.value(id)).path).text, "report page")
            clean(try await legal.get(SiteURL.reportSection(.value(id), .value("shortcomings")).path).text, "section form")
            clean(try await legal.get(SiteURL.reportSectionVersions(.value(id), .value("shortcomings")).path).text, "versions")
            clean(try await legal.get(SiteURL.reportFigure(.value(id), .value("publicity.lectures")).path).text, "trace")
            clean(try await legal.get(SiteURL.reportDeclared.path(query: [("year", "2024")])).text, "declared")
            let print = try await legal.get(SiteURL.reportPrint(.value(id)).path)
            clean(print.text, "print")
            #expect(print.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            let policy = print.headers.first(name: "Content-Security-Policy") ?? ""
            #expect(!policy.contains("script-src") && policy.contains("default-src 'none'"))
            #expect(print.headers.first(name: "X-Content-Type-Options") == "nosniff")
            let (document, _) = try Self.docxDocument(try await legal.get(SiteURL.reportDocx(.value(id)).path))
            #expect(document.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !document.contains("<w:p>\"") && document.contains("]]&gt;"))
            // Finalized and published, the public page and its DOCX too.
            #expect(try await ReportTests.step(legal, id, .finalize).status == .seeOther)
            #expect(try await ReportTests.step(legal, id, .publish, [("publishedOn", "2025-11-25")]).status == .seeOther)
            clean(try await t.browser().get(SiteURL.publicReport(.value(id)).path).text, "public page")
            clean(try await t.browser().get(SiteURL.publicReports.path).text, "public list")
            _ = try Self.docxDocument(try await t.browser().get(SiteURL.publicReportDocx(.value(id)).path))
        }
    }

    @Test("Control characters, `## ` lines and oversized text are refused at the field with the text kept; nothing is saved", arguments: [
        ("text", "正文\u{0}含NUL"), ("text", "正文\u{1B}[31m"), ("text", "第一段\n## opening\n第二段"), ("text", "### 小标题"),
        ("text", String(repeating: "字", count: 50_001)), ("heading", "标题\n换行"), ("heading", String(repeating: "题", count: 101)),
        ("heading", "标题{{documents.issued"), ("text", "{{截至:}}"), ("text", "{{documents.issued|余:0}}"), ("text", "{{documents.issued|万余:0.00001}}"),
        ("text", "{{documents.issued|余:-10}}"), ("text", "{{year|%}}"), ("text", "{{ documents.issued | 余:99999999999999999999 }}"),
    ])
    func sectionBadInput(_ field: String, _ value: String) async throws {
        try await withTestApp { t in
            let legal = try await PageTesting.session(t, "legal")
            let id = try await ReportTests.create(legal, year: 2024)
            let before = try await ReportSectionVersionModel.query(on: t.db).filter(\.$report.$id == id).count()
            try await legal.get(SiteURL.report(.value(id)).path)
            let fields = field == "text" ? [("heading", "导语"), ("text", value)] : [("heading", value), ("text", "正文。")]
            let response = try await legal.post(SiteURL.reportSection(.value(id), .value("leadership")).path, fields)
            #expect(response.status == .unprocessableEntity, "\(value.prefix(40)) answered \(response.status)")
            #expect(response.text.contains("id=\"f-\(field)-error\""))
            #expect(try await ReportSectionVersionModel.query(on: t.db).filter(\.$report.$id == id).count() == before)
        }
    }

    @Test("A section of 50,000 characters saves, renders, prints and exports")
    func largeSection() async throws {
        try await withTestApp { t in
            let legal = try await PageTesting.session(t, "legal")
            let id = try await Self.ready2024(t, legal, finalize: false)
            let paragraph = String(repeating: "推进法治政府建设，", count: 99) + "截至{{截至:documents.issued}}共{{documents.issued}}件。"
            var text = Array(repeating: paragraph, count: 60).joined(separator: "\n")
            text = String(text.prefix(50_000))
            let saved = try await ReportTests.saveSection(legal, id, .leadership, heading: "加强组织领导", text: text)
            #expect(saved.status == .seeOther || saved.status == .unprocessableEntity, "\(saved.status)")
            if saved.status == .unprocessableEntity {
                // Cut in the middle of a placeholder: shorten to whole paragraphs.
                let whole = Array(repeating: paragraph, count: 45).joined(separator: "\n")
                #expect(try await ReportTests.saveSection(legal, id, .leadership, heading: "加强组织领导", text: whole).status == .seeOther)
            }
            #expect(try await legal.get(SiteURL.report(.value(id)).path).status == .ok)
            #expect(try await legal.get(SiteURL.reportSection(.value(id), .value("leadership")).path).status == .ok)
            #expect(try await legal.get(SiteURL.reportSectionVersions(.value(id), .value("leadership")).path).status == .ok)
            #expect(try await legal.get(SiteURL.reportPrint(.value(id)).path).status == .ok)
            _ = try Self.docxDocument(try await legal.get(SiteURL.reportDocx(.value(id)).path))
            #expect(try await ReportTests.step(legal, id, .finalize).status == .seeOther)
        }
    }

    @Test("Signature form: bad titles, signatories and dates are refused at their fields", arguments: [
        [("title", ""), ("signatories", "中共凤凰县委"), ("signedOn", "2025-03-10")],
        [("title", String(repeating: "题", count: 101)), ("signatories", "中共凤凰县委"), ("signedOn", "2025-03-10")],
        [("title", "标题{{documents.issued}}"), ("signatories", "中共凤凰县委"), ("signedOn", "2025-03-10")],
        [("title", "标题{{year"), ("signatories", "中共凤凰县委"), ("signedOn", "2025-03-10")],
        [("title", "标题"), ("signatories", "甲\n乙\n丙\n丁\n戊"), ("signedOn", "2025-03-10")],
        [("title", "标题"), ("signatories", String(repeating: "机", count: 201)), ("signedOn", "2025-03-10")],
        [("title", "标题"), ("signatories", "甲\u{0}乙"), ("signedOn", "2025-03-10")],
        [("title", "标题"), ("signatories", "中共凤凰县委"), ("signedOn", "2025-02-30")],
        [("title", "标题"), ("signatories", "中共凤凰县委"), ("signedOn", "2024-12-31")],
        [("title", "标题"), ("signatories", "中共凤凰县委"), ("signedOn", "2025-11-26")],
        [("title", "标题"), ("signatories", "中共凤凰县委"), ("signedOn", "99999-01-01")],
        [("title", "标题"), ("signatories", "中共凤凰县委"), ("signedOn", "2025/03/10")],
    ])
    func signatureBadInput(_ fields: [(String, String)]) async throws {
        try await withTestApp { t in
            let legal = try await PageTesting.session(t, "legal")
            let id = try await ReportTests.create(legal, year: 2024)
            let before = try await ReportTests.report(t, id)
            try await legal.get(SiteURL.report(.value(id)).path)
            let response = try await legal.post(SiteURL.reportSignature(.value(id)).path, fields)
            #expect(response.status == .unprocessableEntity, "\(fields) answered \(response.status)")
            #expect(PageTesting.unplacedErrors(in: response.text).isEmpty)
            let after = try await ReportTests.report(t, id)
            #expect(after.title == before.title && after.signatories == before.signatories && after.signedOn == before.signedOn)
        }
    }

    @Test("Cut-off, publication date, new-report year and declared-figure forms refuse bad dates and numbers without 5xx")
    func datesAndNumbers() async throws {
        try await withTestApp { t in
            let legal = try await PageTesting.session(t, "legal")
            try await legal.get(SiteURL.reports.path)
            for year in ["2014", "0", "-1", "99999999999999999999", "2024.0", "２０２４", "2026"] {
                #expect(try await legal.post(SiteURL.reportNew.path, [("year", year)]).status == .unprocessableEntity, "\(year)")
            }
            let id = try await Self.ready2024(t, legal, finalize: false)
            try await legal.get(SiteURL.report(.value(id)).path)
            for date in ["2024-02-30", "2024-13-01", "2023-12-31", "2025-01-01", "99999-01-01", "abc", "2024-1-1x"] {
                let response = try await legal.post(SiteURL.reportCutoffs(.value(id)).path, [("cutoff.documents.issued", date)])
                #expect(response.status == .unprocessableEntity, "\(date) answered \(response.status)")
            }
            // Keys outside the catalogue are ignored, never stored.
            #expect(try await legal.post(SiteURL.reportCutoffs(.value(id)).path, [("cutoff.no.such", "2024-11-30"), ("cutoff.<x>", "2024-11-30")]).status == .seeOther)
            #expect(try await ReportCutoffModel.query(on: t.db).filter(\.$report.$id == id).count() == 0)
            #expect(try await ReportTests.step(legal, id, .finalize).status == .seeOther)
            for date in ["2025-02-30", "99999-01-01", "x", "2025-11-26"] {
                let response = try await ReportTests.step(legal, id, .publish, [("publishedOn", date)])
                #expect(response.status == .unprocessableEntity || response.status == .conflict, "\(date) answered \(response.status)")
            }
            #expect(try await ReportTests.report(t, id).reportState == .finalized)
            try await legal.get(SiteURL.reportDeclared.path(query: [("year", "2024")]))
            for (key, value, asOf) in [("a.b", "1e9", "2024-12-31"), ("a.b", "1000000001", "2024-12-31"), ("a.b", "-1", "2024-12-31"), ("a..b", "1", "2024-12-31"),
                                       ("a.b", "1", "2023-12-31"), ("a.b", "1", "2024-02-30"), ("a b.c", "1", "2024-12-31"), ("<a>.b", "1", "2024-12-31")] {
                let response = try await legal.post(SiteURL.reportDeclared.path, [
                    ("year", "2024"), ("key", key), ("label", "名称"), ("kind", "count"), ("value", value), ("unit", "件"), ("asOf", asOf), ("source", "来源"),
                ])
                #expect(response.status == .unprocessableEntity, "\(key) \(value) \(asOf) answered \(response.status)")
            }
            #expect(try await DeclaredFigureModel.query(on: t.db).count() == 0)
        }
    }

    @Test("Templates: hostile text is escaped; bad placeholders refused; an edited template drafts new reports only")
    func templates() async throws {
        try await withTestApp { t in
            let legal = try await PageTesting.session(t, "legal")
            let existing = try await ReportTests.create(legal, year: 2024)
            try await legal.get(SiteURL.reportTemplate(.value("shortcomings")).path)
            #expect(try await legal.post(SiteURL.reportTemplate(.value("shortcomings")).path,
                                         [("heading", ""), ("text", "{{region}}{{year}}年<script>alert(1)</script>不足。")]).status == .seeOther)
            let list = try await legal.get(SiteURL.reportTemplates.path).text
            #expect(!list.contains("<script>alert(1)") && list.contains("&lt;script&gt;"))
            #expect(try await ReportTests.versions(t, existing, .shortcomings).last?.text.contains("<script>") == false)
            try await legal.get(SiteURL.reportTemplate(.value("shortcomings")).path)
            #expect(try await legal.post(SiteURL.reportTemplate(.value("shortcomings")).path, [("heading", ""), ("text", "{{documents.issued")]).status == .unprocessableEntity)
            #expect(try await legal.post(SiteURL.reportTemplate(.value("nosuch")).path, [("heading", ""), ("text", "x")]).status == .notFound)
        }
    }

    @Test("Templates: a template the office saved with `## ` never makes a new report's section unsavable")
    func templateHashLineDoesNotLockSection() async throws {
        try await withTestApp { t in
            let legal = try await PageTesting.session(t, "legal")
            try await legal.get(SiteURL.reportTemplate(.value("shortcomings")).path)
            _ = try await legal.post(SiteURL.reportTemplate(.value("shortcomings")).path, [("heading", ""), ("text", "第一段\n## 第二段")])
            let id = try await ReportTests.create(legal, year: 2024)
            let drafted = try #require(try await ReportTests.versions(t, id, .shortcomings).last).text
            // Whatever the template held, the section as drafted can be saved again with one word added.
            let response = try await ReportTests.saveSection(legal, id, .shortcomings, text: drafted + "补充。")
            #expect(response.status == .seeOther, "the drafted section cannot be saved: \(PageTesting.problems(in: response.text).prefix(200))")
        }
    }

    // MARK: Roles and CSRF

    @Test("Every report route for every role: unit staff and admin read nothing, anonymous is sent to sign in, the leader reads but never writes")
    func roleMatrix() async throws {
        try await withTestApp(records: true) { t in
            let legal = try await PageTesting.session(t, "legal")
            let draft = try await Self.ready2024(t, legal, finalize: false)
            let published = try #require(try await ReportModel.query(on: t.db).filter(\.$year == 2020).first()).id!
            let declared = try #require(try await DeclaredFigureModel.query(on: t.db).first()).id!
            var reads = [SiteURL.dashboard.path, SiteURL.reports.path, SiteURL.reportTemplates.path, SiteURL.reportDeclared.path,
                         SiteURL.reportDeclaredExport(.csv).path, SiteURL.reportDeclaredExport(.xlsx).path]
            for id in [draft, published] {
                reads += [SiteURL.report(.value(id)).path, SiteURL.reportSectionVersions(.value(id), .value("opening")).path,
                          SiteURL.reportFigure(.value(id), .value("documents.issued")).path, SiteURL.reportDocx(.value(id)).path, SiteURL.reportPrint(.value(id)).path]
            }
            let editorReads = [SiteURL.reportTemplate(.value("opening")).path, SiteURL.reportSection(.value(draft), .value("opening")).path]
            let writes = [SiteURL.reportNew.path, SiteURL.reportTemplate(.value("opening")).path, SiteURL.reportDeclared.path,
                          SiteURL.reportDeclaredDelete(.value(declared)).path, SiteURL.reportSection(.value(draft), .value("opening")).path,
                          SiteURL.reportCutoffs(.value(draft)).path, SiteURL.reportSignature(.value(draft)).path,
                          SiteURL.reportStep(.value(draft), .finalize).path, SiteURL.reportStep(.value(published), .publish).path,
                          SiteURL.reportNewVersion(.value(published)).path]
            let before = try await ReportModel.query(on: t.db).count()
            for username in ["staff", "admin"] {
                let browser = try await PageTesting.session(t, username)
                for path in reads + editorReads {
                    let response = try await browser.get(path)
                    #expect(response.status == .forbidden || response.status == .notFound, "\(username) GET \(path): \(response.status)")
                }
                for path in writes {
                    try await browser.get(SiteURL.home.path)
                    let response = try await browser.post(path, [("year", "2023"), ("text", "x"), ("publishedOn", "2025-11-25")])
                    #expect(response.status == .forbidden || response.status == .notFound, "\(username) POST \(path): \(response.status)")
                }
                #expect(!(try await browser.get(SiteURL.home.path).text.contains("领导看板")), "\(username) home shows the dashboard")
            }
            let leader = try await PageTesting.session(t, "leader")
            for path in reads {
                #expect(try await leader.get(path).status == .ok, "leader GET \(path)")
            }
            for path in editorReads { #expect(try await leader.get(path).status == .forbidden, "leader GET \(path)") }
            for path in writes {
                try await leader.get(SiteURL.home.path)
                #expect(try await leader.post(path, [("year", "2023"), ("text", "x"), ("publishedOn", "2025-11-25")]).status == .forbidden, "leader POST \(path)")
            }
            let anonymous = t.browser()
            for path in reads + editorReads {
                let response = try await anonymous.get(path)
                #expect(response.status != .ok && response.status.code < 500, "anonymous GET \(path): \(response.status)")
                #expect(!response.text.contains("法治意识有待进一步提高"), "anonymous GET \(path) shows the draft")
            }
            for path in writes {
                let response = try await anonymous.post(path, [("year", "2023"), ("text", "x")])
                #expect(response.status.code < 500 && response.status != .ok, "anonymous POST \(path): \(response.status)")
            }
            #expect(try await ReportModel.query(on: t.db).count() == before)
            #expect(try await DeclaredFigureModel.query(on: t.db).filter(\.$id == declared).count() == 1)
            #expect(try await ReportSectionVersionModel.query(on: t.db).filter(\.$report.$id == draft).filter(\.$text == "x").count() == 0)
        }
    }

    @Test("Every report form without a CSRF token gets 403 and changes nothing")
    func csrfEverywhere() async throws {
        try await withTestApp(records: true) { t in
            let legal = try await PageTesting.session(t, "legal")
            let draft = try await Self.ready2024(t, legal, finalize: false)
            let published = try #require(try await ReportModel.query(on: t.db).filter(\.$year == 2020).first()).id!
            let declared = try #require(try await DeclaredFigureModel.query(on: t.db).first()).id!
            let posts: [(String, [(String, String)])] = [
                (SiteURL.reportNew.path, [("year", "2023")]),
                (SiteURL.reportTemplate(.value("opening")).path, [("heading", ""), ("text", "改")]),
                (SiteURL.reportDeclared.path, [("year", "2024"), ("key", "a.b"), ("label", "x"), ("kind", "count"), ("value", "1"), ("unit", "件"), ("asOf", "2024-12-31"), ("source", "x")]),
                (SiteURL.reportDeclaredDelete(.value(declared)).path, []),
                (SiteURL.reportSection(.value(draft), .value("opening")).path, [("heading", ""), ("text", "改")]),
                (SiteURL.reportCutoffs(.value(draft)).path, [("cutoff.documents.issued", "2024-11-30")]),
                (SiteURL.reportSignature(.value(draft)).path, [("title", "改"), ("signatories", "甲"), ("signedOn", "2025-03-10")]),
                (SiteURL.reportStep(.value(draft), .finalize).path, []),
                (SiteURL.reportNewVersion(.value(published)).path, []),
            ]
            let audit = try await AuditEntryModel.query(on: t.db).filter(\.$outcome == "success").count()
            for (path, fields) in posts {
                #expect(try await legal.post(path, fields, csrf: false).status == .forbidden, "\(path)")
                #expect(try await legal.post(path, fields + [("_csrf", "forged")], csrf: false).status == .forbidden, "\(path) forged")
            }
            #expect(try await AuditEntryModel.query(on: t.db).filter(\.$outcome == "success").count() == audit)
            #expect(try await ReportTests.report(t, draft).reportState == .draft)
        }
    }

    // MARK: Dashboard

    @Test("Dashboard on 29 February: this year to 29 February against last year to 28 February, equal to the catalogue")
    func dashboardLeapDay() async throws {
        try await withTestApp(records: true) { t in
            t.clock.set(Self.beijingMorning("2024-02-29"))
            let leader = try await PageTesting.session(t, "leader")
            let page = try await leader.get(SiteURL.dashboard.path)
            #expect(page.status == .ok)
            #expect(page.text.contains("截至 2 月 29 日") && page.text.contains("2023 年同期"))
            let entry = try #require(StatisticsCatalogue.entry("documents.issued"))
            let now = try await entry.compute(StatisticPeriod(year: 2024, through: LocalDate(iso: "2024-02-29")), t.db).value.numerator
            let before = try await entry.compute(StatisticPeriod(year: 2023, through: LocalDate(iso: "2023-02-28")), t.db).value.numerator
            let unit = entry.definition.unit
            #expect(Self.tile(entry.definition.label, in: page.text)?.contains("<strong>\(now) \(unit)</strong>") == true, "\(Self.tile(entry.definition.label, in: page.text) ?? "no tile")")
            #expect(Self.tile(entry.definition.label, in: page.text)?.contains("去年同期 \(before)\(unit)") == true)
            // The next year, 28 February compares with 28 February (29 February 2024 is not in it).
            t.clock.set(Self.beijingMorning("2025-02-28"))
            let again = try await PageTesting.session(t, "leader")
            let next = try await again.get(SiteURL.dashboard.path)
            let now2 = try await entry.compute(StatisticPeriod(year: 2025, through: LocalDate(iso: "2025-02-28")), t.db).value.numerator
            let before2 = try await entry.compute(StatisticPeriod(year: 2024, through: LocalDate(iso: "2024-02-28")), t.db).value.numerator
            #expect(next.status == .ok && next.text.contains("2024 年同期"))
            #expect(Self.tile(entry.definition.label, in: next.text)?.contains("<strong>\(now2) \(unit)</strong>") == true)
            #expect(Self.tile(entry.definition.label, in: next.text)?.contains("去年同期 \(before2)\(unit)") == true)
        }
    }

    @Test("The report countdown: 90 days on 1 January, 91 in a leap year, 1 on 31 March, overdue from 1 April; published shows when", arguments: [
        ("2025-01-01", "还剩 <strong>90</strong> 天"),
        ("2024-01-01", "还剩 <strong>91</strong> 天"),
        ("2025-03-31", "还剩 <strong>1</strong> 天"),
        ("2025-04-01", "已超期 1 天"),
        ("2025-12-31", "已超期 275 天"),
        ("2021-02-01", "已于 2021年3月17日公布"),
    ])
    func countdown(_ day: String, _ expected: String) async throws {
        try await withTestApp(records: true) { t in
            t.clock.set(Self.beijingMorning(day))
            let leader = try await PageTesting.session(t, "leader")
            let dashboard = try await leader.get(SiteURL.dashboard.path)
            #expect(dashboard.status == .ok && dashboard.text.contains(expected), "\(day)")
            let home = try await leader.get(SiteURL.home.path)
            #expect(home.text.contains(expected), "home \(day)")
        }
    }

    // MARK: Concurrency

    @Test("Two sessions save the same section from the same version: the second gets 409 and keeps its text")
    func twoSessionsSameSection() async throws {
        try await withTestApp { t in
            let one = try await PageTesting.session(t, "legal")
            let two = try await PageTesting.session(t, "legal")
            let id = try await ReportTests.create(one, year: 2024)
            let formOne = try await one.get(SiteURL.reportSection(.value(id), .value("shortcomings")).path)
            let formTwo = try await two.get(SiteURL.reportSection(.value(id), .value("shortcomings")).path)
            let base = try #require(Browser.hiddenValue("base", in: formOne.text))
            #expect(Browser.hiddenValue("base", in: formTwo.text) == base)
            #expect(try await one.post(SiteURL.reportSection(.value(id), .value("shortcomings")).path, [("heading", ""), ("text", "甲的修改。"), ("base", base)]).status == .seeOther)
            let second = try await two.post(SiteURL.reportSection(.value(id), .value("shortcomings")).path, [("heading", ""), ("text", "乙的修改。"), ("base", base)])
            #expect(second.status == .conflict && second.text.contains("乙的修改。"))
            #expect(try await ReportTests.versions(t, id, .shortcomings).last?.text == "甲的修改。")
            // The form now carries the newer base: saving again goes through.
            let newer = try #require(Browser.hiddenValue("base", in: second.text))
            #expect(try await two.post(SiteURL.reportSection(.value(id), .value("shortcomings")).path, [("heading", ""), ("text", "乙的修改。"), ("base", newer)]).status == .seeOther)
        }
    }

    @Test("Rapid double submits of finalize and publish: one wins, the other is refused, nothing answers 5xx")
    func doubleSubmits() async throws {
        try await withTestApp { t in
            let legal = try await PageTesting.session(t, "legal")
            let id = try await Self.ready2024(t, legal, finalize: false)
            try await legal.get(SiteURL.report(.value(id)).path)
            async let a = legal.post(SiteURL.reportStep(.value(id), .finalize).path)
            async let b = legal.post(SiteURL.reportStep(.value(id), .finalize).path)
            let finals = try await [a, b].map(\.status)
            #expect(finals.filter { $0 == .seeOther }.count == 1 && finals.allSatisfy { $0.code < 500 }, "\(finals)")
            #expect(try await PageTesting.audit(t, subject: id).filter { $0.action == "workflow.report.finalize" && $0.outcome == "success" }.count == 1)
            try await legal.get(SiteURL.report(.value(id)).path)
            async let c = legal.post(SiteURL.reportStep(.value(id), .publish).path, [("publishedOn", "2025-11-25")])
            async let d = legal.post(SiteURL.reportStep(.value(id), .publish).path, [("publishedOn", "2025-11-25")])
            let publishes = try await [c, d].map(\.status)
            #expect(publishes.filter { $0 == .seeOther }.count == 1 && publishes.allSatisfy { $0.code < 500 }, "\(publishes)")
        }
    }

    @Test("Rapid double submits of 新建修订版本 and of 起草 for one year: one report is made, nothing answers 5xx")
    func doubleCreates() async throws {
        try await withTestApp { t in
            let legal = try await PageTesting.session(t, "legal")
            let id = try await Self.ready2024(t, legal)
            try await legal.get(SiteURL.report(.value(id)).path)
            async let e = legal.post(SiteURL.reportNewVersion(.value(id)).path)
            async let f = legal.post(SiteURL.reportNewVersion(.value(id)).path)
            let versions = try await [e, f].map(\.status)
            #expect(versions.allSatisfy { $0.code < 500 }, "\(versions)")
            #expect(try await ReportModel.query(on: t.db).filter(\.$year == 2024).count() == 2)
            try await legal.get(SiteURL.reports.path)
            async let g = legal.post(SiteURL.reportNew.path, [("year", "2023")])
            async let h = legal.post(SiteURL.reportNew.path, [("year", "2023")])
            let creates = try await [g, h].map(\.status)
            #expect(creates.allSatisfy { $0.code < 500 }, "\(creates)")
            #expect(try await ReportModel.query(on: t.db).filter(\.$year == 2023).count() == 1)
        }
    }

    // MARK: DOCX

    @Test("DOCX of an odd report: a 100-character title, only the statutory minimum, a figure in a heading; well-formed, GB/T 9704 page, fonts")
    func docxEdges() async throws {
        try await withTestApp { t in
            let legal = try await PageTesting.session(t, "legal")
            let id = try await Self.ready2024(t, legal, finalize: false)
            let title = String(repeating: "关于法治政府建设工作的报告", count: 8).prefix(100)
            try await legal.get(SiteURL.report(.value(id)).path)
            #expect(try await legal.post(SiteURL.reportSignature(.value(id)).path, [
                ("title", String(title)), ("signatories", "中共凤凰县委\n凤凰县人民政府\n凤凰县政协\n凤凰县人大常委会"), ("signedOn", "2025-03-10"),
            ]).status == .seeOther)
            #expect(try await ReportTests.saveSection(legal, id, .decisionMaking, heading: "出台规范性文件{{documents.issued}}件", text: "正文\t制表符。").status == .seeOther)
            let (document, _) = try Self.docxDocument(try await legal.get(SiteURL.reportDocx(.value(id)).path))
            #expect(document.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>") && document.contains("w:linePitch=\"579\""))
            #expect(document.contains(String(title.prefix(20))) && document.contains("凤凰县人大常委会") && document.contains("2025年3月10日"))
            #expect(document.contains("出台规范性文件0件"))
            let print = try await legal.get(SiteURL.reportPrint(.value(id)).path)
            #expect(print.status == .ok && print.text.contains("出台规范性文件0件"))
            #expect(try await ReportTests.step(legal, id, .finalize).status == .seeOther)
            _ = try Self.docxDocument(try await legal.get(SiteURL.reportDocx(.value(id)).path))
        }
    }

    @Test("Bidi override characters never reach the published report: refused at the field or removed from the exports")
    func bidiControls() async throws {
        try await withTestApp { t in
            let legal = try await PageTesting.session(t, "legal")
            let id = try await Self.ready2024(t, legal, finalize: false)
            let response = try await ReportTests.saveSection(legal, id, .shortcomings, text: "法治意识\u{202E}高提步一进待有\u{202C}。")
            if response.status == .seeOther {
                let print = try await legal.get(SiteURL.reportPrint(.value(id)).path).text
                #expect(!print.contains("\u{202E}"), "a right-to-left override reaches the print page")
                let (document, _) = try Self.docxDocument(try await legal.get(SiteURL.reportDocx(.value(id)).path))
                #expect(!document.contains("\u{202E}"), "a right-to-left override reaches the DOCX")
            } else {
                #expect(response.status == .unprocessableEntity)
            }
        }
    }
}
