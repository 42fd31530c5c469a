@testable import FazhiCore
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import App

/// The annual report through HTTP: drafting from the templates, editing with versions and diffs, the figure link and trace,
/// declared figures, finalizing (and that a finalized report refuses changes), publication and supersession,
/// the public portal, the dashboard and the exports.
@Suite("Annual report")
struct ReportTests {
    static func create(_ legal: Browser, year: Int = 2025) async throws -> UUID {
        try await legal.get(SiteURL.reports.path)
        let response = try await legal.post(SiteURL.reportNew.path, [("year", String(year))])
        #expect(response.status == .seeOther, "\(PageTesting.problems(in: response.text))")
        return try #require(PageTesting.id(in: response.location))
    }

    static func report(_ t: TestApp, _ id: UUID) async throws -> ReportModel {
        try #require(try await ReportModel.find(id, on: t.db))
    }

    static func saveSection(_ browser: Browser, _ id: UUID, _ key: ReportSectionKey, heading: String = "", text: String) async throws -> TestingHTTPResponse {
        try await browser.get(SiteURL.report(.value(id)).path)
        return try await browser.post(SiteURL.reportSection(.value(id), .value(key.rawValue)).path, [("heading", heading), ("text", text)])
    }

    static func step(_ browser: Browser, _ id: UUID, _ event: ReportEvent, _ fields: [(String, String)] = []) async throws -> TestingHTTPResponse {
        try await browser.get(SiteURL.report(.value(id)).path)
        return try await browser.post(SiteURL.reportStep(.value(id), event).path, fields)
    }

    /// The year's report is signed after the year ends: a 2024 report on 10 March 2025.
    static func sign(_ browser: Browser, _ id: UUID, year: Int = 2024, date: String = "2025-03-10") async throws -> TestingHTTPResponse {
        try await browser.get(SiteURL.report(.value(id)).path)
        return try await browser.post(SiteURL.reportSignature(.value(id)).path, [
            ("title", "关于\(year)年度法治政府建设工作的报告"), ("signatories", "中共凤凰县委\n凤凰县人民政府"), ("signedOn", date),
        ])
    }

    /// Every section the templates hold for `key`, as saved: the 2025 report of a county with no 2025 records
    /// still asks for figures no module tracks, so the test declares them or writes them out of the text.
    static func versions(_ t: TestApp, _ id: UUID, _ key: ReportSectionKey) async throws -> [ReportSectionVersionModel] {
        try await ReportSectionVersionModel.query(on: t.db).filter(\.$report.$id == id).filter(\.$section == key.rawValue).sort(\.$number).all()
    }

    @Test("Drafting: the legal office drafts a year's report from the templates; duplicates, bad years and other roles are refused")
    func drafting() async throws {
        try await withTestApp { t in
            let legal = try await PageTesting.session(t, "legal")
            let id = try await Self.create(legal)
            let report = try await Self.report(t, id)
            #expect(report.year == 2025 && report.version == 1 && report.reportState == .draft && report.regionName == "凤凰县")
            #expect(report.signatoryList == ["中共凤凰县委", "凤凰县人民政府"])
            #expect(try await ReportSectionVersionModel.query(on: t.db).filter(\.$report.$id == id).count() == ReportSectionKey.allCases.count)
            let page = try await legal.get(SiteURL.report(.value(id)).path)
            #expect(page.status == .ok)
            #expect(page.text.contains("关于2025年度法治政府建设工作的报告") && page.text.contains("一、工作开展情况"))
            #expect(page.text.contains("（一）加强组织领导"))
            // Figures are links to their trace; no-module figures are missing until declared.
            #expect(page.text.contains(SiteURL.reportFigure(.value(id), .value("documents.issued")).path))
            #expect(page.text.contains("figure missing"))
            #expect(try await PageTesting.audit(t, action: "report.created").count == 1)

            for (year, message) in [("2025", "已经建立"), ("2026", "之间"), ("20x5", "整数"), ("", "请填写")] {
                let refused = try await legal.post(SiteURL.reportNew.path, [("year", year)])
                #expect(refused.status == .unprocessableEntity && refused.text.contains(message), "\(year)")
                #expect(PageTesting.unplacedErrors(in: refused.text).isEmpty)
            }
            #expect(try await ReportModel.query(on: t.db).count() == 1)
            let leader = try await PageTesting.session(t, "leader")
            #expect(try await leader.get(SiteURL.report(.value(id)).path).status == .ok)
            #expect(try await leader.post(SiteURL.reportNew.path, [("year", "2024")]).status == .forbidden)
            #expect(try await leader.get(SiteURL.reportSection(.value(id), .value("opening")).path).status == .forbidden)
            let staff = try await PageTesting.session(t, "staff")
            #expect(try await staff.get(SiteURL.reports.path).status == .forbidden)
            #expect(try await staff.get(SiteURL.report(.value(id)).path).status == .forbidden)
            #expect(try await t.browser().get(SiteURL.report(.value(id)).path).status != .ok)
        }
    }

    @Test("A long title may run to two lines (GB/T 9704 7.3.1), not three; the DOCX sets both lines as the title")
    func twoLineTitle() async throws {
        try await withTestApp { t in
            let legal = try await PageTesting.session(t, "legal")
            let id = try await Self.create(legal, year: 2024)
            try await legal.get(SiteURL.report(.value(id)).path)
            let three = try await legal.post(SiteURL.reportSignature(.value(id)).path, [
                ("title", "凤凰县人民政府\n关于2024年度法治政府建设\n工作情况的报告"), ("signatories", "凤凰县人民政府"), ("signedOn", "2025-03-10")])
            #expect(three.status == .unprocessableEntity && three.text.contains("最多分两行"))
            let two = try await legal.post(SiteURL.reportSignature(.value(id)).path, [
                ("title", "凤凰县人民政府关于2024年度\r\n  法治政府建设工作情况的报告  "), ("signatories", "凤凰县人民政府"), ("signedOn", "2025-03-10")])
            #expect(two.status == .seeOther)
            #expect(try await Self.report(t, id).title == "凤凰县人民政府关于2024年度\n法治政府建设工作情况的报告")
            let (document, _, _) = try Self.docx(Array(try await legal.get(SiteURL.reportDocx(.value(id)).path).body.readableBytesView))
            #expect(document.contains("凤凰县人民政府关于2024年度") && document.contains("法治政府建设工作情况的报告"))
        }
    }

    @Test("Editing: every save is a version with its author; unchanged text saves nothing; bad placeholders are refused at the field and nothing is lost; the diff shows what changed")
    func editing() async throws {
        try await withTestApp { t in
            let legal = try await PageTesting.session(t, "legal")
            let id = try await Self.create(legal)
            let before = try await Self.versions(t, id, .shortcomings)
            #expect(before.count == 1)
            let text = "{{year}}年，我县法治政府建设工作虽然取得了一定成绩，但仍然存在一些问题，主要是法治意识有待进一步提高。\n执法体制有待进一步理顺。"
            let saved = try await Self.saveSection(legal, id, .shortcomings, text: text)
            #expect(saved.status == .seeOther)
            var versions = try await Self.versions(t, id, .shortcomings)
            #expect(versions.map(\.number) == [1, 2] && versions.last?.text == text && versions.last?.authorName != nil)
            // The same text again: no new version.
            #expect(try await Self.saveSection(legal, id, .shortcomings, text: text).location.contains("unchanged"))
            #expect(try await Self.versions(t, id, .shortcomings).count == 2)
            // Bad placeholders: 422 with each problem at the text field, the typed text kept, nothing saved.
            for bad in ["共{{documents.issued件", "共{{documents.issued|约}}件", "共{{no.such.figure}}件", "共{{documents..issued}}件", "{{month}}"] {
                let refused = try await Self.saveSection(legal, id, .shortcomings, text: bad)
                #expect(refused.status == .unprocessableEntity, "\(bad)")
                #expect(refused.text.contains("id=\"f-text-error\""), "\(bad)")
                #expect(PageTesting.unplacedErrors(in: refused.text).isEmpty)
                #expect(refused.text.contains(escapeHTML(bad)), "\(bad) kept")
            }
            #expect(try await Self.versions(t, id, .shortcomings).count == 2)
            // A third version changes one sentence: the diff marks the deleted and inserted words.
            let third = text.replacingOccurrences(of: "有待进一步提高", with: "仍需加强")
            #expect(try await Self.saveSection(legal, id, .shortcomings, text: third).status == .seeOther)
            versions = try await Self.versions(t, id, .shortcomings)
            // A save from a form opened on an older version is refused with the typed text kept: nothing is overwritten.
            try await legal.get(SiteURL.report(.value(id)).path)
            let stale = try await legal.post(SiteURL.reportSection(.value(id), .value("shortcomings")).path,
                                             [("heading", ""), ("text", "基于旧版本的修改。"), ("base", "2")])
            #expect(stale.status == .conflict && stale.text.contains("已保存了本部分的第 3 版") && stale.text.contains("基于旧版本的修改。"))
            #expect(try await Self.versions(t, id, .shortcomings).count == 3)
            let diff = try await legal.get(SiteURL.reportSectionVersions(.value(id), .value("shortcomings")).path)
            #expect(diff.status == .ok)
            #expect(diff.text.contains("<del>有待进一步提高</del>") || diff.text.contains("<del>有待进一步提高"))
            #expect(diff.text.contains("<ins>仍需加强</ins>") || diff.text.contains("仍需加强</ins>"))
            #expect(diff.text.contains("第 2 版 → 第 3 版"))
            let first = try await legal.get(SiteURL.reportSectionVersions(.value(id), .value("shortcomings")).path(query: [("v", "1")]))
            #expect(first.text.contains("第 1 版（初稿）"))
            #expect(try await PageTesting.audit(t, action: "report.section.saved").count == 2)
            // The leader reads the history but cannot write.
            let leader = try await PageTesting.session(t, "leader")
            #expect(try await leader.get(SiteURL.reportSectionVersions(.value(id), .value("shortcomings")).path).status == .ok)
            #expect(try await Self.saveSection(leader, id, .shortcomings, text: "改写").status == .forbidden)
        }
    }

    @Test("Declared figures: validated, never over a computed key, edited and deleted with audit; they fill the report's figures and are marked apart")
    func declaredFigures() async throws {
        try await withTestApp { t in
            let legal = try await PageTesting.session(t, "legal")
            try await legal.get(SiteURL.reportDeclared.path(query: [("year", "2025")]))
            func declare(_ fields: [(String, String)]) async throws -> TestingHTTPResponse {
                try await legal.post(SiteURL.reportDeclared.path, [("year", "2025"), ("kind", "count"), ("unit", "次"), ("asOf", "2025-11-30"),
                                                                   ("source", "县普法办普法工作统计表")] + fields)
            }
            let computed = try await declare([("key", "documents.issued"), ("label", "出台规范性文件"), ("value", "99")])
            #expect(computed.status == .unprocessableEntity && computed.text.contains("不能申报"))
            let bad = try await declare([("key", "publicity.lectures"), ("label", ""), ("value", "十二")])
            #expect(bad.status == .unprocessableEntity && bad.text.contains("id=\"f-label-error\"") && bad.text.contains("id=\"f-value-error\""))
            #expect(try await DeclaredFigureModel.query(on: t.db).count() == 0)
            #expect(try await declare([("key", "publicity.lectures"), ("label", "开展法治讲座"), ("value", "152")]).status == .seeOther)
            #expect(try await declare([("key", "publicity.lectures"), ("label", "开展法治讲座"), ("value", "156")]).status == .seeOther)
            let stored = try await DeclaredFigureModel.query(on: t.db).all()
            #expect(stored.count == 1 && stored.first?.numerator == 156)
            #expect(try await PageTesting.audit(t, action: "report.declared.added").count == 1)
            #expect(try await PageTesting.audit(t, action: "report.declared.updated").count == 1)

            // In a report: the figure resolves, marked as declared, and its trace names the source.
            let id = try await Self.create(legal)
            #expect(try await Self.saveSection(legal, id, .publicity, heading: "强化普法宣传教育", text: "全年开展法治讲座{{publicity.lectures|余:10}}次。").status == .seeOther)
            let page = try await legal.get(SiteURL.report(.value(id)).path).text
            #expect(page.contains(">150余</a>") && page.contains("figure declared"))
            let trace = try await legal.get(SiteURL.reportFigure(.value(id), .value("publicity.lectures")).path)
            #expect(trace.status == .ok && trace.text.contains("县普法办普法工作统计表") && trace.text.contains("申报数字"))
            // The CSV export lists it; the leader may read but not declare.
            let csv = try await legal.get(SiteURL.reportDeclaredExport(.csv).path(query: [("year", "2025")]))
            #expect(csv.status == .ok && csv.text.contains("publicity.lectures"))
            let leader = try await PageTesting.session(t, "leader")
            #expect(try await leader.get(SiteURL.reportDeclared.path(query: [("year", "2025")])).status == .ok)
            #expect(try await leader.post(SiteURL.reportDeclared.path, [("year", "2025")]).status == .forbidden)
            try await legal.get(SiteURL.reportDeclared.path(query: [("year", "2025")]))
            #expect(try await legal.post(SiteURL.reportDeclaredDelete(.value(stored[0].id!)).path).status == .seeOther)
            #expect(try await DeclaredFigureModel.query(on: t.db).count() == 0)
            #expect(try await PageTesting.audit(t, action: "report.declared.deleted").count == 1)
            #expect(try await legal.get(SiteURL.report(.value(id)).path).text.contains("【未取得：publicity.lectures】"))
        }
    }

    @Test("Declared figures from a CSV (GB18030, as Excel saves it) or XLSX: checked whole, bad rows named and nothing kept; a good file adds and replaces, audited")
    func declaredImport() async throws {
        try await withTestApp { t in
            let legal = try await PageTesting.session(t, "legal")
            let page = SiteURL.reportDeclared.path(query: [("year", "2020")])
            let header = "指标代码,指标名称,数值,单位,截至日期,数据来源"
            let bad = [header, "documents.issued,出台规范性文件,43,件,2020-12-31,县政府办", "publicity.lectures,开展法治讲座,十五,次,2020-12-31,县普法办"]
                .joined(separator: "\r\n")
            let refused = try await multipartUpload(legal, page: page, path: SiteURL.reportDeclaredImport.path, file: Data(bad.utf8), name: "bad.csv",
                                                    fields: [("year", "2020"), ("mode", "import")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("第 2 行「指标代码」列") && refused.text.contains("第 3 行「数值」列") && refused.text.contains("未导入任何数字"))
            #expect(try await DeclaredFigureModel.query(on: t.db).count() == 0)

            let good = "\(header)\r\npublicity.lectures,开展法治讲座,156,次,2020-12-31,县普法办统计表\r\n"
            let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
            let encoded = try Data(contentsOf: fixtures.appendingPathComponent("declared-gb18030.csv"))
            let checked = try await multipartUpload(legal, page: page, path: SiteURL.reportDeclaredImport.path, file: Data(encoded), name: "good.csv",
                                                    fields: [("year", "2020"), ("mode", "check")])
            #expect(checked.status == .ok && checked.text.contains("检查通过：2 个数字可以导入") && checked.text.contains("GB18030"))
            #expect(try await DeclaredFigureModel.query(on: t.db).count() == 0)
            let imported = try await multipartUpload(legal, page: page, path: SiteURL.reportDeclaredImport.path, file: Data(encoded), name: "good.csv",
                                                     fields: [("year", "2020"), ("mode", "import")])
            #expect(imported.status == .seeOther)
            let stored = try await DeclaredFigureModel.query(on: t.db).sort(\.$key).all()
            #expect(stored.map(\.key) == ["mediation.successRate", "publicity.lectures"])
            #expect(stored.first?.kind == "rate" && stored.first?.numerator == 98 && stored.first?.denominator == 100)
            // The export of the year re-imports as it is (XLSX), replacing nothing but the same values.
            let xlsx = try await legal.get(SiteURL.reportDeclaredExport(.xlsx).path(query: [("year", "2020")]))
            let again = try await multipartUpload(legal, page: page, path: SiteURL.reportDeclaredImport.path, file: Data(xlsx.body.readableBytesView),
                                                  name: "2020.xlsx", fields: [("year", "2020"), ("mode", "import")])
            #expect(again.status == .seeOther)
            #expect(try await DeclaredFigureModel.query(on: t.db).count() == 2)
            #expect(try await PageTesting.audit(t, action: "report.declared.imported").count == 2)
            let staff = try await PageTesting.session(t, "staff")
            #expect(try await sendMultipart(staff, path: SiteURL.reportDeclaredImport.path, file: Data(good.utf8), name: "x.csv",
                                            fields: [("year", "2020"), ("mode", "import")]).status == .forbidden)
        }
    }

    /// A small, complete 2025 report: every statutory item written, only computed figures.
    static func complete(_ legal: Browser, _ id: UUID) async throws {
        let texts: [(ReportSectionKey, String, String)] = [
            (.opening, "", "{{year}}年，我县坚持依法行政，现将本年度法治政府建设工作开展情况报告如下："),
            (.leadership, "加强组织领导，强化法治政府建设保障", "压实法治政府建设第一责任人责任，党政主要负责人切实履行推进法治建设第一责任人职责。"),
            (.decisionMaking, "健全合法性审查工作机制，推行依法科学民主决策", "截至{{截至:documents.issued}}，全年出台规范性文件{{documents.issued}}件，审查合同{{contracts.reviewed}}份。"),
            (.reform, "", ""), (.enforcement, "", ""), (.disputes, "", ""), (.legalServices, "", ""), (.publicity, "", ""),
            (.shortcomings, "", "法治意识有待进一步提高。"),
            (.nextYear, "", "（一）增强依法行政意识\n抓住“关键少数”，加强领导干部依法行政能力培养。"),
            (.otherMatters, "", ""),
        ]
        for (key, heading, text) in texts {
            let response = try await saveSection(legal, id, key, heading: heading, text: text)
            #expect(response.status == .seeOther, "\(key): \(PageTesting.problems(in: response.text))")
        }
    }

    @Test("Finalizing freezes text and figures with a hash; a finalized report refuses every change; publication puts it on the portal; a new version supersedes it")
    func finalizeAndPublish() async throws {
        try await withTestApp { t in
            let legal = try await PageTesting.session(t, "legal")
            let id = try await Self.create(legal, year: 2024)
            // Not ready: figures no module computes are missing, and there is no date yet.
            let early = try await Self.step(legal, id, .finalize)
            #expect(early.status == .conflict)
            #expect(early.text.contains("没有取得数值") || early.text.contains("请先填写落款机关和成文日期"))
            #expect(try await Self.report(t, id).reportState == .draft)
            try await Self.complete(legal, id)
            let noDate = try await Self.step(legal, id, .finalize)
            #expect(noDate.status == .conflict && noDate.text.contains("请先填写落款机关和成文日期"))
            let badSign = try await legal.post(SiteURL.reportSignature(.value(id)).path, [("title", "报告"), ("signatories", ""), ("signedOn", "2024-12-01")])
            #expect(badSign.status == .unprocessableEntity && badSign.text.contains("id=\"f-signatories-error\"") && badSign.text.contains("id=\"f-signedOn-error\""))
            // The shortcomings emptied: a statutory item is missing.
            #expect(try await Self.saveSection(legal, id, .shortcomings, text: "").status == .seeOther)
            #expect(try await Self.sign(legal, id).status == .seeOther)
            let missing = try await Self.step(legal, id, .finalize)
            #expect(missing.status == .conflict && missing.text.contains("存在的不足和原因"))
            #expect(try await Self.saveSection(legal, id, .shortcomings, text: "法治意识有待进一步提高。").status == .seeOther)

            // A cut-off of 30 November for one figure, then finalize.
            try await legal.get(SiteURL.report(.value(id)).path)
            let badCutoff = try await legal.post(SiteURL.reportCutoffs(.value(id)).path, [("cutoff.documents.issued", "2023-11-30")])
            #expect(badCutoff.status == .unprocessableEntity)
            #expect(try await legal.post(SiteURL.reportCutoffs(.value(id)).path, [("cutoff.documents.issued", "2024-11-30")]).status == .seeOther)
            #expect(try await legal.get(SiteURL.report(.value(id)).path).text.contains("2024年11月30日</a>"))
            let finalized = try await Self.step(legal, id, .finalize)
            #expect(finalized.status == .seeOther, "\(PageTesting.problems(in: finalized.text))")
            var report = try await Self.report(t, id)
            #expect(report.reportState == .finalized)
            let hash = try #require(report.snapshotHash)
            let snapshot = try ReportSnapshot(canonicalJSON: Data(try #require(report.snapshot).utf8))
            #expect(snapshot.sha256Hex == hash && hash.count == 64)
            #expect(snapshot.figures.contains { $0.key == "documents.issued" && $0.asOf == LocalDate(iso: "2024-11-30") })
            #expect(try await PageTesting.audit(t, subject: id).contains { $0.action == "workflow.report.finalize" && $0.detail.contains(hash) })
            let page = try await legal.get(SiteURL.report(.value(id)).path).text
            #expect(page.contains(hash) && page.contains("校验一致"))

            // Frozen: every change is refused, and the figures stay as they were.
            #expect(try await Self.saveSection(legal, id, .shortcomings, text: "改动").status == .conflict)
            #expect(try await legal.post(SiteURL.reportSignature(.value(id)).path, [("title", "改"), ("signatories", "甲"), ("signedOn", "2025-03-10")]).status == .conflict)
            #expect(try await legal.post(SiteURL.reportCutoffs(.value(id)).path, []).status == .conflict)
            #expect(try await Self.step(legal, id, .finalize).status == .conflict)
            #expect(try await legal.get(SiteURL.reportSection(.value(id), .value("opening")).path).status == .conflict)
            #expect(try await Self.report(t, id).snapshotHash == hash)
            #expect(try await Self.versions(t, id, .shortcomings).count == 4)

            // Publication: not before the finalization, not in the future.
            #expect(try await Self.step(legal, id, .publish, [("publishedOn", "2025-11-01")]).status == .conflict)
            #expect(try await Self.step(legal, id, .publish, [("publishedOn", "2025-12-01")]).status == .conflict)
            #expect(try await Self.step(legal, id, .publish, [("publishedOn", "")]).status == .unprocessableEntity)
            #expect(try await Self.step(legal, id, .publish, [("publishedOn", "2025-11-25")]).status == .seeOther)
            report = try await Self.report(t, id)
            #expect(report.reportState == .published && report.publishedOn == "2025-11-25")
            let portal = try await t.browser().get(SiteURL.publicReports.path)
            #expect(portal.status == .ok && portal.text.contains("关于2024年度法治政府建设工作的报告"))
            let publicPage = try await t.browser().get(SiteURL.publicReport(.value(id)).path)
            #expect(publicPage.status == .ok && publicPage.text.contains("法治意识有待进一步提高") && !publicPage.text.contains(SiteURL.reportFigure(.value(id), .value("documents.issued")).path))
            #expect(try await t.browser().get(SiteURL.publicReportDocx(.value(id)).path).status == .ok)

            // A correction: version 2 starts from version 1's texts; publishing it supersedes version 1.
            try await legal.get(SiteURL.report(.value(id)).path)
            let versioned = try await legal.post(SiteURL.reportNewVersion(.value(id)).path)
            #expect(versioned.status == .seeOther)
            let second = try #require(PageTesting.id(in: versioned.location))
            #expect(try await Self.report(t, second).version == 2)
            #expect(try await Self.versions(t, second, .shortcomings).first?.text == "法治意识有待进一步提高。")
            #expect(try await Self.saveSection(legal, second, .shortcomings, text: "法治意识有待进一步提高，执法体制有待进一步理顺。").status == .seeOther)
            #expect(try await Self.sign(legal, second, date: "2025-03-20").status == .seeOther)
            #expect(try await Self.step(legal, second, .finalize).status == .seeOther)
            #expect(try await Self.step(legal, second, .publish, [("publishedOn", "2025-11-25")]).status == .seeOther)
            #expect(try await Self.report(t, id).reportState == .superseded)
            #expect(try await Self.report(t, second).reportState == .published)
            let old = try await t.browser().get(SiteURL.publicReport(.value(id)).path)
            #expect(old.status == .ok && old.text.contains("修订版本取代"))
            let list = try await t.browser().get(SiteURL.publicReports.path).text
            #expect(list.contains(SiteURL.publicReport(.value(second)).path) && !list.contains(SiteURL.publicReport(.value(id)).path))
            #expect(try await PageTesting.audit(t, subject: id).contains { $0.action == "workflow.report.supersede" })
        }
    }

    @Test("The dashboard: key figures against last year, deadlines by unit and the report countdown, as SVG charts with text alternatives; for leaders and the legal office only")
    func dashboard() async throws {
        try await withTestApp(records: true) { t in
            let leader = try await PageTesting.session(t, "leader")
            let page = try await leader.get(SiteURL.dashboard.path)
            #expect(page.status == .ok)
            #expect(page.text.contains("<svg") && page.text.contains("role=\"img\"") && page.text.contains("查看数据表"))
            #expect(page.text.contains("按月统计") && page.text.contains("2024 年同期"))
            // The test clock is 2025-11-25: the 2024 report was due by 31 March 2025 and the demo has none.
            #expect(page.text.contains("2024 年度法治政府建设报告") && page.text.contains("已超期"))
            let home = try await leader.get(SiteURL.home.path)
            #expect(home.text.contains("领导看板") && home.text.contains("<svg"))
            let staff = try await PageTesting.session(t, "staff")
            #expect(try await staff.get(SiteURL.dashboard.path).status == .forbidden)
            #expect(!(try await staff.get(SiteURL.home.path).text.contains("领导看板")))
            // The legal office sees the report's deadline on its 待办 panel.
            let legal = try await PageTesting.session(t, "legal")
            #expect(try await legal.get(SiteURL.home.path).text.contains("公布2024年度法治政府建设报告"))
        }
    }

    @Test("The report to the Party committee and people's congress (before 1 March, art. 23) is a deadline until it is recorded")
    func submissionToThePartyCommittee() async throws {
        try await withTestApp(records: true) { t in
            let legal = try await PageTesting.session(t, "legal")
            // The test clock is 2025-11-25: the 2024 report was due to the Party committee by 28 February 2025.
            #expect(try await legal.get(SiteURL.home.path).text.contains("向同级党委、人大常委会报告2024年度法治政府建设情况"))
            let id = try await Self.create(legal, year: 2024)
            let page = try await legal.get(SiteURL.report(.value(id)).path)
            #expect(page.text.contains("应于 2025年2月28日前报送"))
            let url = SiteURL.reportSubmission(.value(id)).path
            for (date, recipients, field) in [("2025-12-01", "中共凤凰县委、凤凰县人大常委会", "不能晚于今天"), ("2024-12-30", "中共凤凰县委", "报告年度"),
                                              ("2025-02-20", " ", "报送机关"), ("2025-02-30", "中共凤凰县委", "报送日期")] {
                let refused = try await legal.post(url, [("submittedOn", date), ("submittedTo", recipients)])
                #expect(refused.status == .unprocessableEntity, "\(date) \(recipients)")
                #expect(refused.text.contains(field), "\(date): \(PageTesting.problems(in: refused.text))")
            }
            #expect(try await Self.report(t, id).submittedOn == nil)
            #expect(try await PageTesting.session(t, "leader").post(url, [("submittedOn", "2025-02-20"), ("submittedTo", "县委")]).status == .forbidden)
            let saved = try await legal.post(url, [("submittedOn", "2025-02-20"), ("submittedTo", "中共凤凰县委、凤凰县人大常委会")])
            #expect(saved.status == .seeOther)
            let report = try await Self.report(t, id)
            #expect(report.submittedOn == "2025-02-20" && report.submittedTo == "中共凤凰县委、凤凰县人大常委会")
            let home = try await legal.get(SiteURL.home.path).text
            #expect(!home.contains("向同级党委、人大常委会报告2024年度"))
            #expect(home.contains("公布2024年度法治政府建设报告"), "publication is still due")
            #expect(try await AuditEntryModel.query(on: t.db).filter(\.$action == "report.submitted").filter(\.$subjectID == id.uuidString).count() == 1)
        }
    }

    /// The document part of a DOCX and the texts of its figure runs, in order.
    static func docx(_ bytes: [UInt8]) throws -> (document: String, styles: String, figures: [String]) {
        let archive = try ZipArchive(bytes, maxEntries: 100)
        func part(_ path: String) throws -> String {
            let entry = try #require(archive.entries.first { $0.path == path }, "\(path) missing")
            return String(decoding: try archive.contents(of: entry, limit: 10_000_000), as: UTF8.self)
        }
        let document = try part("word/document.xml")
        var figures: [String] = []
        var rest = document[...]
        while let run = rest.range(of: "<w:rStyle w:val=\"OfficialFigure\"/>") {
            let after = rest[run.upperBound...]
            guard let open = after.range(of: "<w:t"), let start = after[open.upperBound...].range(of: ">"),
                  let close = after[start.upperBound...].range(of: "</w:t>") else { break }
            figures.append(String(after[start.upperBound..<close.lowerBound]))
            rest = after[close.upperBound...]
        }
        return (document, try part("word/styles.xml"), figures)
    }

    @Test("The demo's 2020 report: published with the seed's structure and words; every figure equals the catalogue's (or the declaration) now; the DOCX is laid out per GB/T 9704")
    func demo2020() async throws {
        try await withTestApp(records: true) { t in
            let report = try #require(try await ReportModel.query(on: t.db).filter(\.$year == 2020).first())
            #expect(report.reportState == .published && report.publishedOn == "2021-03-17" && report.signedOn == "2021-03-16")
            let content = try await ReportService.content(report, on: t.db)
            let snapshot = try #require(content.snapshot)
            #expect(snapshot.sha256Hex == report.snapshotHash)
            // Recomputed from the records and declarations now, every figure equals the frozen one.
            let live = try await ReportFigures.resolve(ReportService.keys(of: content.draft), year: 2020, cutoffs: [:], on: t.db)
            #expect(snapshot.figures.count >= 70)
            for figure in snapshot.figures {
                #expect(live[figure.key]?.value == figure.value, "\(figure.key)")
            }
            #expect(snapshot.figures.filter { $0.source == .computed }.map(\.key).contains("documents.issued"))
            let liveContent = ReportService.Content(draft: content.draft, latest: [:], figures: live, snapshot: nil, problems: FieldErrors())
            let liveReport = try liveContent.rendered()
            let frozenReport = try content.rendered()
            #expect(liveReport.blocks.map(\.text) == frozenReport.blocks.map(\.text))
            let text = frozenReport.blocks.map(\.text).joined(separator: "\n")
            for phrase in ["2020年全县出台规范性文件共43件", "县政府规范性文件26件", "此次共清理规范性文件417件", "废止40件", "宣布失效136件", "继续有效227件", "重新公布14件",
                           "共审查各类合同协议90余份", "政府合同备案13份", "共109人", "256个村和26个社区", "社会律师24人", "公职律师12人", "法律工作者2人",
                           "截至2020年11月30日", "320余次", "18万余册", "12.8万余人", "80余万元", "成功率达98%", "二、2021年法治政府建设重点工作"] {
                #expect(text.contains(phrase), "\(phrase)")
            }
            #expect(frozenReport.blocks.first?.text == "关于2020年度法治政府建设工作的报告")
            #expect(frozenReport.blocks.filter { $0.kind == .signatory }.map(\.text) == ["中共凤凰县委", "凤凰县人民政府"])
            #expect(frozenReport.blocks.last?.text == "2021年3月16日")

            // The public page and the DOCX.
            #expect(try await t.browser().get(SiteURL.publicReport(.value(report.id!)).path).text.contains("data-key=\"documents.cleanup.total\">417</span>件"))
            let leader = try await PageTesting.session(t, "leader")
            let trace = try await leader.get(SiteURL.reportFigure(.value(report.id!), .value("contracts.filed")).path)
            #expect(trace.status == .ok && trace.text.contains("所统计的记录（13 条）") && trace.text.contains("与现在一致"))
            let download = try await leader.get(SiteURL.reportDocx(.value(report.id!)).path)
            #expect(download.status == .ok)
            #expect(download.headers.first(name: .contentType)?.contains("wordprocessingml") == true)
            let (document, styles, figures) = try Self.docx(Array(download.body.readableBytesView))
            #expect(document.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"))
            for margin in ["w:top=\"2098\"", "w:bottom=\"1984\"", "w:left=\"1588\"", "w:right=\"1474\""] { #expect(document.contains(margin), "\(margin)") }
            #expect(document.contains("w:linePitch=\"579\""))
            for font in ["仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312"] { #expect(styles.contains(font), "\(font)") }
            #expect(styles.contains("<w:sz w:val=\"32\"/>") && styles.contains("<w:sz w:val=\"44\"/>"))
            // Every figure run in the DOCX is the catalogue's value as the text states it, in order.
            let expected = ReportService.officialDocument(liveReport, date: LocalDate(iso: "2021-03-16")!).blocks.flatMap { block -> [String] in
                guard case .paragraph(let runs) = block else { return [] }
                return runs.compactMap { if case .figure(_, let text) = $0 { text } else { nil } }
            }
            #expect(!figures.isEmpty && figures == expected.map(escapeHTML))
            let print = try await leader.get(SiteURL.reportPrint(.value(report.id!)).path)
            #expect(print.status == .ok && print.text.contains("@page") && print.text.contains("此次共清理规范性文件") && print.text.contains(">417</span>"))
            #expect(print.headers.first(name: "Content-Security-Policy")?.contains("script") == false)
        }
    }

    @Test("API: /api/v1/reports lists the published reports and serves each as frozen, with every figure and the snapshot hash; drafts are not served")
    func api() async throws {
        try await withTestApp(records: true) { t in
            let admin = try await t.signedIn("admin")
            let office = try #require(try await UnitModel.query(on: t.db).filter(\.$isLegalOffice == true).first())
            try await admin.get(SiteURL.adminAPITokenNew.path)
            let created = try await admin.post(SiteURL.adminAPITokenNew.path, [("unit", office.id!.uuidString), ("name", "省平台"), ("scope", "county")])
            let token = try #require(Browser.secretText(in: created.text))
            let auth: HTTPHeaders = ["Authorization": "Bearer \(token)"]
            let client = t.browser()
            #expect(try await client.get(SiteURL.api(.reports).path).status == .unauthorized)
            let list = try await client.get(SiteURL.api(.reports).path, headers: auth)
            #expect(list.status == .ok)
            let items = try #require((try JSONSerialization.jsonObject(with: Data(list.text.utf8)) as? [String: Any])?["items"] as? [[String: Any]])
            let report = try #require(try await ReportModel.query(on: t.db).filter(\.$year == 2020).first())
            #expect(items.count == 1 && items.first?["year"] as? Int == 2020 && items.first?["snapshotHash"] as? String == report.snapshotHash)
            let one = try await client.get(SiteURL.api(.report(.value(report.id!))).path, headers: auth)
            #expect(one.status == .ok)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(one.text.utf8)) as? [String: Any])
            #expect(object["snapshotHash"] as? String == report.snapshotHash && object["signedOn"] as? String == "2021-03-16")
            let figures = try #require(object["figures"] as? [[String: Any]])
            #expect(figures.contains { $0["key"] as? String == "documents.issued" && $0["numerator"] as? Int == 43 && $0["source"] as? String == "computed" })
            #expect(figures.contains { $0["key"] as? String == "contracts.reviewed" && $0["display"] as? String == "90余" })
            #expect(figures.contains { $0["key"] as? String == "publicity.activities" && $0["source"] as? String == "declared" })
            #expect(((object["sections"] as? [[String: Any]]) ?? []).contains { ($0["text"] as? String)?.contains("此次共清理规范性文件417件") == true })
            // A draft is not served.
            let legal = try await PageTesting.session(t, "legal")
            let draft = try await Self.create(legal, year: 2024)
            #expect(try await client.get(SiteURL.api(.report(.value(draft))).path, headers: auth).status == .notFound)
            #expect(try await client.get(SiteURL.api(.report(.value(UUID()))).path, headers: auth).status == .notFound)
        }
    }

    @Test("CLI: fazhi report writes the 2020 report as DOCX and as print HTML with progress on stderr; bad arguments exit 2", .enabled(if: CLITests.enabled))
    func commandLine() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try await cli.run(["demo"]).status == 0)
        let out = cli.directory + "/2020.docx"
        let docx = try await cli.run(["report", "--year", "2020", "--format", "docx", "--out", out])
        #expect(docx.status == 0, "\(docx.stderr)")
        #expect(docx.stderr.contains("正在生成 Word 文档") && docx.stderr.contains("已写入"))
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: out)))
        #expect(bytes.starts(with: [0x50, 0x4B]))
        #expect(try Self.docx(bytes).figures.contains("417"))
        let html = try await cli.run(["report", "--year", "2020", "--format", "html", "--out", cli.directory + "/2020.html"])
        #expect(html.status == 0)
        #expect(try String(contentsOfFile: cli.directory + "/2020.html", encoding: .utf8).contains("关于2020年度法治政府建设工作的报告"))
        #expect(try await cli.run(["report", "--year", "2020", "--format", "docx"]).status == 2)
        // A year with no report is drafted from the templates on the spot.
        let draft = try await cli.run(["report", "--year", "2019", "--format", "html", "--out", cli.directory + "/2019.html"])
        #expect(draft.status == 0 && draft.stderr.contains("按报告模板起草"))
        let json = try await cli.run(["report", "--year", "2020"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((object?["declared"] as? [String: Any])?["publicity.activities"] as? Int == 326)
        #expect((object?["figures"] as? [String: Any])?["publicity.activities"] == nil)
    }
}

