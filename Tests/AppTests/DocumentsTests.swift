@testable import App
import FazhiCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// the lifecycle of a normative document through the real pages, record access, changes of legal
/// force, cleanup campaigns, the public catalogue, import and export, and the statistics.
@Suite("Normative documents")
struct DocumentsTests {
    static let day: TimeInterval = 86_400

    /// Creates a draft as `staff` (凤凰县自然资源局) and returns its id.
    static func draft(_ t: TestApp, title: String = "凤凰县自然资源局关于规范农村村民建房审批的通知", marketRelated: Bool = false) async throws -> UUID {
        let staff = try await t.signedIn("staff")
        let unit = try #require(try await UnitModel.query(on: t.db).filter(\.$name == "凤凰县自然资源局").first())
        try await staff.get(SiteURL.documentNew.path)
        var fields = [("title", title), ("issuer", unit.id!.uuidString), ("draftingUnit", unit.id!.uuidString), ("term", "standard"),
                      ("body", "第一条 为规范农村村民建房审批……")]
        if marketRelated { fields.append(("marketRelated", "on")) }
        let created = try await staff.post(SiteURL.documentNew.path, fields)
        #expect(created.status == .seeOther, "\(created.text.prefix(2000))")
        return try #require(UUID(uuidString: String(created.location.split(separator: "/")[1].split(separator: "?")[0])))
    }

    static func step(_ browser: Browser, _ id: UUID, _ event: DocumentEvent, _ fields: [(String, String)] = []) async throws -> TestingHTTPResponse {
        try await browser.get(SiteURL.document(.value(id)).path)
        return try await browser.post(SiteURL.documentStep(.value(id), event).path, fields)
    }

    static func state(_ t: TestApp, _ id: UUID) async throws -> DocumentModel {
        try #require(try await DocumentModel.find(id, on: t.db))
    }

    @Test("The whole lifecycle through the pages: every rule checked, every step audited")
    func lifecycle() async throws {
        try await withTestApp { t in
            // Today (test clock) is 2025-11-25, a Tuesday.
            let id = try await Self.draft(t)
            var staff = try await t.signedIn("staff")
            // Opened yesterday (11-24): 7 working days from the day after, 11-25 … 12-03. 12-02 is one short.
            let short = try await Self.step(staff, id, .openComment, [("commentStart", "2025-11-24"), ("commentEnd", "2025-12-02"), ("commentChannel", "县政府门户网站")])
            #expect(short.status == .unprocessableEntity)
            #expect(short.text.contains("7"))
            let open = try await Self.step(staff, id, .openComment, [("commentStart", "2025-11-24"), ("commentEnd", "2025-12-03"), ("commentChannel", "县政府门户网站")])
            #expect(open.status == .seeOther)
            #expect(try await Self.state(t, id).state == "publicComment")
            try await staff.get(SiteURL.document(.value(id)).path)
            let comment = try await staff.post(SiteURL.documentComments(.value(id)).path, [
                ("receivedOn", "2025-11-25"), ("commenter", "廖家桥镇村民"), ("content", "建议明确审批时限。"), ("handling", "已采纳，第五条增加20个工作日时限。"),
            ])
            #expect(comment.status == .seeOther)
            // Closing before the end date is refused by the table's guard.
            let early = try await Self.step(staff, id, .closeComment)
            #expect(early.status == .conflict)
            #expect(early.text.contains("尚未届满"))
            t.clock.advance(9 * Self.day)  // 2025-12-04
            staff = try await t.signedIn("staff")
            #expect(try await Self.step(staff, id, .closeComment).status == .seeOther)
            #expect(try await Self.state(t, id).reviewRequestedOn == "2025-12-04")

            // The legal office reviews; staff cannot.
            #expect(try await staff.post(SiteURL.documentReview(.value(id)).path, [("received", "2025-12-04"), ("decided", "2025-12-04"), ("opinion", "agree")]).status == .forbidden)
            t.clock.advance(4 * Self.day)  // 2025-12-08
            let legal = try await t.signedIn("legal")
            try await legal.get(SiteURL.document(.value(id)).path)
            let noReason = try await legal.post(SiteURL.documentReview(.value(id)).path, [("received", "2025-12-04"), ("decided", "2025-12-08"), ("opinion", "agreeWithChanges")])
            #expect(noReason.status == .unprocessableEntity)
            let reviewed = try await legal.post(SiteURL.documentReview(.value(id)).path, [
                ("received", "2025-12-04"), ("decided", "2025-12-08"), ("opinion", "agreeWithChanges"), ("reasons", "第三条应与《土地管理法》第六十二条一致。"),
            ])
            #expect(reviewed.status == .seeOther)
            #expect(try await Self.state(t, id).state == "deliberation")

            let meeting = try await Self.step(legal, id, .recordDeliberation, [("meeting", "局务会议"), ("meetingDate", "2025-12-08"), ("minutes", "县自然资源局2025年第12次局务会议纪要")])
            #expect(meeting.status == .seeOther)
            let wrongBrackets = try await Self.step(legal, id, .register, [("documentNumber", "凤自然资发[2025]12号")])
            #expect(wrongBrackets.status == .unprocessableEntity)
            #expect(wrongBrackets.text.contains("〔〕"))
            let leadingZero = try await Self.step(legal, id, .register, [("documentNumber", "凤自然资发〔2025〕012号")])
            #expect(leadingZero.text.contains("前导零"))
            #expect(try await Self.step(legal, id, .register, [("documentNumber", "凤自然资发〔2025〕12号")]).status == .seeOther)
            var document = try await Self.state(t, id)
            #expect(document.registrationNumber == "FHXR-2025-001")
            #expect(document.documentNumber == "凤自然资发〔2025〕12号")
            // Registered once only: the table has no second registration.
            #expect(try await legal.post(SiteURL.documentStep(.value(id), DocumentEvent.register).path, [("documentNumber", "凤自然资发〔2025〕13号")]).status == .conflict)

            // Effective at least 30 days after publication, unless immediate with a reason.
            let tooSoon = try await Self.step(legal, id, .publish, [("publishedOn", "2025-12-08"), ("effectiveOn", "2025-12-20")])
            #expect(tooSoon.status == .unprocessableEntity)
            let immediateNoReason = try await Self.step(legal, id, .publish, [("publishedOn", "2025-12-08"), ("effectiveOn", "2025-12-08"), ("immediate", "on")])
            #expect(immediateNoReason.status == .unprocessableEntity)
            #expect(try await Self.step(legal, id, .publish, [("publishedOn", "2025-12-08"), ("effectiveOn", "2026-01-08")]).status == .seeOther)
            let page = try await legal.get(SiteURL.document(.value(id)).path)
            #expect(page.text.contains("备案期限"))
            #expect(page.text.contains("2025年12月23日"), "15 days from 2025-12-08")
            #expect(try await Self.step(legal, id, .file, [("filedOn", "2025-12-08")]).status == .seeOther)
            document = try await Self.state(t, id)
            #expect(document.state == "filed")

            let actions = try await AuditEntryModel.query(on: t.db).filter(\.$subjectID == id.uuidString).sort(\.$id).all()
                .filter { $0.outcome == "success" }.map(\.action)
            #expect(actions == ["documents.created", "workflow.document.openComment", "documents.comment.recorded", "workflow.document.closeComment",
                                "workflow.document.recordReview", "workflow.document.recordDeliberation", "workflow.document.register",
                                "workflow.document.publish", "workflow.document.file"])
            #expect(try await AuditLog.verify(on: t.db).ok)
            // Not yet in force before 2026-01-08; then in force, in the public catalogue.
            let before = try await t.browser().get(SiteURL.publicDocuments.path)
            #expect(!before.text.contains("规范农村村民建房审批"))
            t.clock.advance(32 * Self.day)
            let after = try await t.browser().get(SiteURL.publicDocuments.path)
            #expect(after.text.contains("规范农村村民建房审批"))
            let detail = try await t.browser().get(SiteURL.publicDocument(.value(id)).path(query: [("on", "2026-01-07")]))
            #expect(detail.text.contains("未生效"))
        }
    }

    @Test("The reviewer may not be the drafter; a 不同意 opinion sends the draft back")
    func reviewerIsNotDrafter() async throws {
        try await withTestApp { t in
            let legal = try await t.signedIn("legal")
            let office = try #require(try await UnitModel.query(on: t.db).filter(\.$isLegalOffice == true).first())
            try await legal.get(SiteURL.documentNew.path)
            let created = try await legal.post(SiteURL.documentNew.path, [
                ("title", "凤凰县司法局关于印发《凤凰县人民调解员管理办法》的通知"), ("issuer", office.id!.uuidString), ("draftingUnit", office.id!.uuidString), ("term", "standard"),
            ])
            let id = try #require(UUID(uuidString: String(created.location.split(separator: "/")[1].split(separator: "?")[0])))
            #expect(try await Self.step(legal, id, .submitForReview, [("commentExemptReason", "")]).status == .unprocessableEntity)
            #expect(try await Self.step(legal, id, .submitForReview, [("commentExemptReason", "内部管理规定，不涉及公众权利义务")]).status == .seeOther)
            try await legal.get(SiteURL.document(.value(id)).path)
            let own = try await legal.post(SiteURL.documentReview(.value(id)).path, [("received", "2025-11-25"), ("decided", "2025-11-25"), ("opinion", "agree")])
            #expect(own.status == .conflict)
            #expect(own.text.contains("起草人"))
            #expect(try await Self.state(t, id).state == "legalityReview")
            // Another member of the legal office reviews: 不同意 returns it to draft.
            let reviewer = try await Self.secondReviewer(t)
            try await reviewer.get(SiteURL.document(.value(id)).path)
            let refused = try await reviewer.post(SiteURL.documentReview(.value(id)).path, [
                ("received", "2025-11-25"), ("decided", "2025-11-25"), ("opinion", "disagree"), ("reasons", "设定了上位法没有规定的罚款，违反《行政处罚法》第十四条。"),
            ])
            #expect(refused.status == .seeOther)
            #expect(try await Self.state(t, id).state == "draft")
            #expect(try await ReviewModel.query(on: t.db).filter(\.$subjectID == id).count() == 1)
        }
    }

    @Test("Unit staff see only their unit's documents; another unit's draft is 404; the public sees only published ones")
    func recordAccess() async throws {
        try await withTestApp { t in
            let id = try await Self.draft(t, title: "凤凰县自然资源局关于加强耕地保护的通知（征求意见稿）")
            let finance = try #require(try await UnitModel.query(on: t.db).filter(\.$name == "凤凰县财政局").first())
            let admin = try await t.signedIn("admin")
            try await admin.get(SiteURL.adminUserNew.path)
            let made = try await admin.post(SiteURL.adminUserNew.path, [("username", "caizheng"), ("displayName", "王芳"), ("unit", finance.id!.uuidString), ("roles", "unit_staff")])
            let password = try #require(Browser.secretText(in: made.text))
            let other = t.browser()
            try await other.login("caizheng", password, clock: t.clock)
            try await other.get(SiteURL.accountPassword.path)
            #expect(try await other.post(SiteURL.accountPassword.path, [("current", password), ("new", "财政局王芳设置的一句长密码短语"), ("confirm", "财政局王芳设置的一句长密码短语")]).status == .seeOther)
            #expect(try await other.get(SiteURL.document(.value(id)).path).status == .notFound)
            #expect(try await other.post(SiteURL.documentStep(.value(id), .openComment).path, [("commentStart", "2025-11-25")]).status == .notFound)
            #expect(!(try await other.get(SiteURL.documents.path).text.contains("加强耕地保护")))
            #expect(try await t.signedIn("staff").get(SiteURL.documents.path).text.contains("加强耕地保护"))
            #expect(try await t.signedIn("leader").get(SiteURL.document(.value(id)).path).status == .ok)
            // The leader reads but writes nothing.
            let leader = try await t.signedIn("leader")
            try await leader.get(SiteURL.document(.value(id)).path)
            #expect(try await leader.post(SiteURL.documentStep(.value(id), .openComment).path, [("commentStart", "2025-11-25")]).status == .forbidden)
            let anonymous = t.browser()
            #expect(try await anonymous.get(SiteURL.publicDocument(.value(id)).path).status == .notFound)
            #expect(!(try await anonymous.get(SiteURL.publicDocuments.path(query: [("q", "耕地保护")])).text.contains("加强耕地保护")))
        }
    }

    @Test("Import: a GB18030 register lands whole; a file with bad rows imports nothing and names each row and column")
    func importRegister() async throws {
        try await withTestApp { t in
            let legal = try await t.signedIn("legal")
            let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
            let bad = try Data(contentsOf: fixtures.appendingPathComponent("register-bad.csv"))
            let badResult = try await upload(legal, path: SiteURL.documentImport.path, file: bad, name: "register.csv", fields: [("mode", "import")])
            #expect(badResult.status == .unprocessableEntity)
            for expected in ["第 2 行「文号」列", "第 3 行「制定机关」列", "第 4 行「标题」列", "第 4 行「公布日期」列", "第 4 行「文号」列", "第 5 行「文号」列"] {
                #expect(badResult.text.contains(expected), "missing: \(expected)")
            }
            #expect(try await DocumentModel.query(on: t.db).count() == 0)

            let good = try Data(contentsOf: fixtures.appendingPathComponent("register-gb18030.csv"))
            let dry = try await upload(legal, path: SiteURL.documentImport.path, file: good, name: "register.csv", fields: [("mode", "check")])
            #expect(dry.status == .ok)
            #expect(dry.text.contains("GB18030"))
            #expect(dry.text.contains("将新增 3 件"))
            #expect(try await DocumentModel.query(on: t.db).count() == 0)
            let done = try await upload(legal, path: SiteURL.documentImport.path, file: good, name: "register.csv", fields: [("mode", "import")])
            #expect(done.text.contains("已导入 3 件"))
            let documents = try await DocumentModel.query(on: t.db).sort(\.$publishedOn).all()
            #expect(documents.map(\.registrationNumber) == ["FHXR-2021-001", "FHXR-2021-002", "FHXR-2021-009"])
            #expect(documents[1].title.contains("暂行") && documents[1].term == "provisional")
            #expect(documents[0].documentNumber == "凤政发〔2021〕3号")
            // Importing the same file again refuses every row as already registered.
            let again = try await upload(legal, path: SiteURL.documentImport.path, file: good, name: "register.csv", fields: [("mode", "import")])
            #expect(again.status == .unprocessableEntity)
            #expect(try await DocumentModel.query(on: t.db).count() == 3)
        }
    }

    @Test("Search: Chinese substrings of two and more characters, filters, pagination; exports open with Chinese intact")
    func catalogueSearchAndExport() async throws {
        try await withTestApp(records: true) { t in
            // On 2021-06-01 the 2020 documents are in force (5-year terms); today they have lapsed by themselves.
            t.clock.set(Date(timeIntervalSince1970: 1_622_505_600))
            let anonymous = t.browser()
            let all = try await anonymous.get(SiteURL.publicDocuments.path)
            #expect(all.status == .ok)
            #expect(all.text.contains("第 1 页"))
            let two = try await anonymous.get(SiteURL.publicDocuments.path(query: [("q", "宅基")]))
            #expect(two.text.contains("凤凰县农村宅基地管理办法"))
            let phrase = try await anonymous.get(SiteURL.publicDocuments.path(query: [("q", "永久基本农田保护")]))
            #expect(phrase.text.contains("凤凰县永久基本农田保护管理办法"))
            #expect(!phrase.text.contains("宅基地管理办法"))
            let byNumber = try await anonymous.get(SiteURL.publicDocuments.path(query: [("q", "凤政发〔2020〕5号")]))
            #expect(byNumber.text.contains("复工复产"))
            let nothing = try await anonymous.get(SiteURL.publicDocuments.path(query: [("q", "没有这样的文件标题啊")]))
            #expect(nothing.text.contains("没有符合条件"))
            // Repealed documents are not in the current catalogue but can be found as such.
            let repealed = try await anonymous.get(SiteURL.publicDocuments.path(query: [("status", "not_in_force"), ("year", "2016")]))
            #expect(repealed.text.contains("已废止") || repealed.text.contains("已宣布失效"))

            let xlsx = try await anonymous.get(SiteURL.publicDocumentsExport(.xlsx).path(query: [("q", "宅基")]))
            #expect(xlsx.headers.first(name: .contentType)?.contains("spreadsheetml") == true)
            let sheet = try XLSXReader.firstSheet(Array(xlsx.body.readableBytesView))
            #expect(sheet.header.contains("标题"))
            #expect(sheet.rows.contains { $0.contains { $0.contains("宅基地管理办法") } })
            let csv = try await anonymous.get(SiteURL.publicDocumentsExport(.csv).path)
            let table = try CSVReader.table(Array(csv.body.readableBytesView))
            let inForce = try await DocumentFilter(FormBody(["status": ["in_force"]])).rows(for: nil, publicOnly: true, today: t.clock.appClock.today, on: t.db)
            #expect(table.rows.count == inForce.count)
            #expect(try await AuditEntryModel.query(on: t.db).filter(\.$action == "documents.public.exported").count() == 2)

            // Statistics from the records equal the seed's figures.
            let figures = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("FazhiCoreTests/Report/Fixtures/fenghuang-2020-figures.tsv"), encoding: .utf8)
            let report = try JSONSerialization.jsonObject(with: try await StatisticsCatalogue.json(year: 2020, on: t.db)) as? [String: Any]
            let computed = try #require(report?["figures"] as? [String: Any])
            var checked = 0
            for line in figures.split(separator: "\n") where line.hasPrefix("documents.") {
                let columns = line.split(separator: "\t")
                let key = String(columns[0])
                #expect((computed[key] as? Int) == Int(columns[1]), "\(key)")
                checked += 1
            }
            #expect(checked == 9)
            #expect(report?["region"] as? String == "凤凰县")
        }
    }

    @Test("Cleanup: scope, outcomes with reasons, one decision that changes every status, the public result page")
    func cleanupCampaign() async throws {
        try await withTestApp { t in
            let legal = try await t.signedIn("legal")
            let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
            _ = try await upload(legal, path: SiteURL.documentImport.path, file: try Data(contentsOf: fixtures.appendingPathComponent("register-gb18030.csv")),
                                 name: "register.csv", fields: [("mode", "import")])
            try await legal.get(SiteURL.cleanupNew.path)
            let empty = try await legal.post(SiteURL.cleanupNew.path, [("title", "测试清理"), ("noticeNumber", "凤政办函〔2025〕3号"), ("noticeDate", "2025-11-20"), ("scopeFrom", "2024-01-01")])
            #expect(empty.status == .unprocessableEntity)
            let created = try await legal.post(SiteURL.cleanupNew.path, [("title", "2025年规范性文件清理"), ("noticeNumber", "凤政办函〔2025〕3号"),
                                                                          ("noticeDate", "2025-11-20"), ("scopeFrom", "2021-01-01")])
            #expect(created.status == .seeOther)
            let campaign = try #require(try await CleanupCampaignModel.query(on: t.db).first())
            let entries = try await CleanupEntryModel.query(on: t.db).with(\.$document).all().sorted { ($0.document.publishedOn ?? "") < ($1.document.publishedOn ?? "") }
            // The provisional one (2 years from 2021-05-06) had lapsed by the notice date: not in scope.
            try #require(entries.count == 2)
            let page = try await legal.get(SiteURL.cleanup(.value(campaign.id!)).path)
            #expect(page.text.contains("尚有 2 件未提出意见"))
            let missingReason = try await legal.post(SiteURL.cleanupOutcomes(.value(campaign.id!)).path, [
                ("outcome.\(entries[0].id!)", "repeal"), ("reason.\(entries[0].id!)", ""),
            ])
            #expect(missingReason.status == .unprocessableEntity)
            #expect(try await CleanupEntryModel.query(on: t.db).filter(\.$outcome != nil).count() == 0)
            #expect(try await legal.post(SiteURL.cleanupOutcomes(.value(campaign.id!)).path, [
                ("outcome.\(entries[0].id!)", "repeal"), ("reason.\(entries[0].id!)", "上位法已修改"),
                ("outcome.\(entries[1].id!)", "republish"), ("reason.\(entries[1].id!)", "需修改后重新公布"),
            ]).status == .seeOther)
            let applied = try await legal.post(SiteURL.cleanupApply(.value(campaign.id!)).path, [("decisionNumber", "凤政发〔2025〕20号"), ("decisionDate", "2025-11-24")])
            #expect(applied.status == .seeOther)
            let rules = DocumentRules.default
            let today = LocalDate(iso: "2025-11-25")!
            func status(_ entry: CleanupEntryModel) async throws -> LegalStatus? {
                let changes = try await DocumentService.changes(of: entry.$document.id, on: t.db).compactMap(\.change)
                return DocumentService.legalStatus(entry.document, changes: changes, on: today, rules: rules)
            }
            #expect(try await status(entries[0]) == .repealed)
            #expect(try await status(entries[1]) == .superseded)
            let successor = try #require(try await DocumentModel.query(on: t.db).filter(\.$predecessorID == entries[1].$document.id).first())
            #expect(successor.registrationNumber == "FHXR-2025-001")
            // The day before the decision the repealed one was in force.
            let changes = try await DocumentService.changes(of: entries[0].$document.id, on: t.db).compactMap(\.change)
            #expect(DocumentService.legalStatus(entries[0].document, changes: changes, on: LocalDate(iso: "2025-11-23")!, rules: rules) == .inForce)
            #expect(try await t.browser().get(SiteURL.publicCleanup(.value(campaign.id!)).path).status == .notFound)
            #expect(try await legal.post(SiteURL.cleanupPublish(.value(campaign.id!)).path).status == .seeOther)
            let publicPage = try await t.browser().get(SiteURL.publicCleanup(.value(campaign.id!)).path)
            #expect(publicPage.text.contains("废止（1 件）"))
            #expect(publicPage.text.contains("上位法已修改"))
            let export = try await t.browser().get(SiteURL.publicCleanupExport(.value(campaign.id!), .xlsx).path)
            let sheet = try XLSXReader.firstSheet(Array(export.body.readableBytesView))
            #expect(sheet.rows.count == 2)
            #expect(try await AuditEntryModel.query(on: t.db).filter(\.$action == "documents.cleanup.applied").count() == 1)
        }
    }

    @Test("Changes of force: an amendment keeps it in force; a repeal ends it on its date; expiry needs no job")
    func changesAndExpiry() async throws {
        try await withTestApp { t in
            let legal = try await t.signedIn("legal")
            let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
            _ = try await upload(legal, path: SiteURL.documentImport.path, file: try Data(contentsOf: fixtures.appendingPathComponent("register-gb18030.csv")),
                                 name: "register.csv", fields: [("mode", "import")])
            let documents = try await DocumentModel.query(on: t.db).sort(\.$publishedOn).all()
            let target = documents[0]
            try await legal.get(SiteURL.document(.value(target.id!)).path)
            let noLink = try await legal.post(SiteURL.documentChanges(.value(target.id!)).path, [("kind", "amended"), ("date", "2024-01-01"), ("basis", "凤政发〔2024〕2号")])
            #expect(noLink.status == .unprocessableEntity)
            #expect(try await legal.post(SiteURL.documentChanges(.value(target.id!)).path, [
                ("kind", "amended"), ("date", "2024-01-01"), ("basis", "凤政发〔2024〕2号"), ("linked", documents[2].documentNumber ?? documents[2].registrationNumber!),
            ]).status == .seeOther)
            #expect(try await legal.post(SiteURL.documentChanges(.value(target.id!)).path, [("kind", "repealed"), ("date", "2025-06-30"), ("basis", "凤政发〔2025〕9号")]).status == .seeOther)
            let page = try await legal.get(SiteURL.document(.value(target.id!)).path(query: [("on", "2025-06-29")]))
            #expect(page.text.contains("2025年6月29日：有效（已修改）"))
            let after = try await legal.get(SiteURL.document(.value(target.id!)).path(query: [("on", "2025-06-30")]))
            #expect(after.text.contains("2025年6月30日：已废止"))
            // The amending document shows the link back.
            #expect(try await legal.get(SiteURL.document(.value(documents[2].id!)).path).text.contains("本文件修改了"))
            // A provisional document (2 years from 2021-05-06) lapsed by itself on 2023-05-05.
            let provisional = documents[1]
            let changes = try await DocumentService.changes(of: provisional.id!, on: t.db).compactMap(\.change)
            #expect(DocumentService.legalStatus(provisional, changes: changes, on: LocalDate(iso: "2023-05-05")!, rules: .default) == .inForce)
            #expect(DocumentService.legalStatus(provisional, changes: changes, on: LocalDate(iso: "2023-05-06")!, rules: .default) == .expired)
        }
    }

    @Test("Documents within 6 months of expiry are on the drafting unit's and the legal office's to-do list")
    func evaluationDue() async throws {
        try await withTestApp { t in
            let legal = try await t.signedIn("legal")
            let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
            _ = try await upload(legal, path: SiteURL.documentImport.path, file: try Data(contentsOf: fixtures.appendingPathComponent("register-gb18030.csv")),
                                 name: "register.csv", fields: [("mode", "import")])
            // 凤政发〔2021〕3号: effective 2021-04-06, five years → until 2026-04-05; evaluation from 2025-10-06.
            let home = try await t.signedIn("legal").get(SiteURL.home.path)
            #expect(home.text.contains("有效期届满前评估"))
            #expect(home.text.contains("城区门店招牌设置管理办法"))
        }
    }

    /// A second member of the legal office (reviews what `legal` drafted).
    static func secondReviewer(_ t: TestApp) async throws -> Browser {
        let unit = try #require(try await UnitModel.query(on: t.db).filter(\.$isLegalOffice == true).first())
        let admin = try await t.signedIn("admin")
        try await admin.get(SiteURL.adminUserNew.path)
        let made = try await admin.post(SiteURL.adminUserNew.path, [("username", "shencha"), ("displayName", "审查员"), ("unit", unit.id!.uuidString), ("roles", "legal_office")])
        let password = try #require(Browser.secretText(in: made.text))
        let reviewer = t.browser()
        try await reviewer.login("shencha", password, clock: t.clock)
        try await reviewer.get(SiteURL.accountPassword.path)
        #expect(try await reviewer.post(SiteURL.accountPassword.path, [("current", password), ("new", "审查员的新密码足够长了吧"), ("confirm", "审查员的新密码足够长了吧")]).status == .seeOther)
        return reviewer
    }

    @Test("重新公布: a successor draft goes through the lifecycle with a new registration number and ends its predecessor")
    func republication() async throws {
        try await withTestApp { t in
            let legal = try await t.signedIn("legal")
            let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
            _ = try await upload(legal, path: SiteURL.documentImport.path, file: try Data(contentsOf: fixtures.appendingPathComponent("register-gb18030.csv")),
                                 name: "register.csv", fields: [("mode", "import")])
            let old = try #require(try await DocumentModel.query(on: t.db).filter(\.$documentNumber == "凤政发〔2021〕3号").first())
            try await legal.get(SiteURL.document(.value(old.id!)).path)
            let created = try await legal.post(SiteURL.documentRepublish(.value(old.id!)).path)
            #expect(created.status == .seeOther)
            let draft = try #require(try await DocumentModel.query(on: t.db).filter(\.$predecessorID == old.id!).first())
            #expect(draft.state == "draft" && draft.title == old.title)
            let reviewer = try await Self.secondReviewer(t)
            #expect(try await Self.step(legal, draft.id!, .submitForReview, [("commentExemptReason", "原文件内容不变，仅重新公布")]).status == .seeOther)
            try await reviewer.get(SiteURL.document(.value(draft.id!)).path)
            #expect(try await reviewer.post(SiteURL.documentReview(.value(draft.id!)).path, [("received", "2025-11-25"), ("decided", "2025-11-25"), ("opinion", "agree")]).status == .seeOther)
            #expect(try await Self.step(legal, draft.id!, .recordDeliberation, [("meeting", "县政府常务会议"), ("meetingDate", "2025-11-25"), ("minutes", "县政府第30次常务会议纪要")]).status == .seeOther)
            #expect(try await Self.step(legal, draft.id!, .register, [("documentNumber", "凤政发〔2025〕30号")]).status == .seeOther)
            #expect(try await Self.step(legal, draft.id!, .publish, [("publishedOn", "2025-11-25"), ("effectiveOn", "2025-12-25")]).status == .seeOther)
            let successor = try #require(try await DocumentModel.find(draft.id!, on: t.db))
            #expect(successor.registrationNumber == "FHXR-2025-001")
            let changes = try await DocumentService.changes(of: old.id!, on: t.db).compactMap(\.change)
            #expect(changes.map(\.kind) == [.republished])
            #expect(changes.first?.linkedDocumentID == draft.id)
            // The predecessor gives way the day the successor takes effect.
            #expect(DocumentService.legalStatus(old, changes: changes, on: LocalDate(iso: "2025-12-24")!, rules: .default) == .inForce)
            #expect(DocumentService.legalStatus(old, changes: changes, on: LocalDate(iso: "2025-12-25")!, rules: .default) == .superseded)
            // A re-publication is not a newly issued document.
            let issued = try await DocumentStatistics.issued(StatisticPeriod(year: 2025), kinds: nil, on: t.db)
            #expect(issued.value.numerator == 0)
        }
    }

    @Test("A chosen document can be added to an open cleanup's scope, once")
    func cleanupScope() async throws {
        try await withTestApp { t in
            let legal = try await t.signedIn("legal")
            let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
            _ = try await upload(legal, path: SiteURL.documentImport.path, file: try Data(contentsOf: fixtures.appendingPathComponent("register-gb18030.csv")),
                                 name: "register.csv", fields: [("mode", "import")])
            try await legal.get(SiteURL.cleanupNew.path)
            #expect(try await legal.post(SiteURL.cleanupNew.path, [("title", "专项清理"), ("noticeNumber", "凤政办函〔2025〕4号"), ("noticeDate", "2025-11-20"),
                                                                    ("scopeFrom", "2021-06-01")]).status == .seeOther)
            let campaign = try #require(try await CleanupCampaignModel.query(on: t.db).first())
            #expect(try await CleanupEntryModel.query(on: t.db).count() == 1)
            try await legal.get(SiteURL.cleanup(.value(campaign.id!)).path)
            #expect(try await legal.post(SiteURL.cleanupScope(.value(campaign.id!)).path, [("reference", "凤政发〔2021〕3号")]).status == .seeOther)
            #expect(try await legal.post(SiteURL.cleanupScope(.value(campaign.id!)).path, [("reference", "凤政发〔2021〕3号")]).status == .unprocessableEntity)
            #expect(try await legal.post(SiteURL.cleanupScope(.value(campaign.id!)).path, [("reference", "凤政发〔2099〕1号")]).status == .unprocessableEntity)
            #expect(try await CleanupEntryModel.query(on: t.db).count() == 2)
        }
    }

    @Test("Attachments: checked type and size, downloaded as files, public only when marked and published")
    func attachments() async throws {
        try await withTestApp { t in
            let id = try await Self.draft(t)
            let staff = try await t.signedIn("staff")
            let exe = try await multipartUpload(staff, page: SiteURL.document(.value(id)).path, path: SiteURL.documentAttachments(.value(id)).path,
                                                file: Data("MZ".utf8), name: "setup.exe", fields: [])
            #expect(exe.status == .unsupportedMediaType)
            let pdf = Data("%PDF-1.4 起草说明".utf8)
            let ok = try await multipartUpload(staff, page: SiteURL.document(.value(id)).path, path: SiteURL.documentAttachments(.value(id)).path,
                                               file: pdf, name: "起草说明.pdf", fields: [("isPublic", "on")])
            #expect(ok.status == .seeOther)
            let file = try #require(try await AttachmentModel.query(on: t.db).first())
            let download = try await staff.get(SiteURL.documentAttachment(.value(id), .value(file.id!)).path)
            #expect(download.status == .ok)
            #expect(Data(download.body.readableBytesView) == pdf)
            #expect(download.headers.first(name: .contentDisposition)?.contains("attachment") == true)
            // Not published yet: nothing public, even though it is marked public.
            #expect(try await t.browser().get(SiteURL.publicAttachment(.value(id), .value(file.id!)).path).status == .notFound)
            #expect(try await AuditEntryModel.query(on: t.db).filter(\.$action == "documents.attachment.added").count() == 1)
        }
    }

    @Test("CLI: fazhi report prints the seed's documents figures; fazhi import documents refuses a bad file", .enabled(if: CLITests.enabled))
    func commandLine() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try await cli.run(["demo"]).status == 0)
        let report = try await cli.run(["report", "--year", "2020", "--format", "json"])
        #expect(report.status == 0, "\(report.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any]
        let figures = try #require(object?["figures"] as? [String: Any])
        #expect(figures["documents.issued"] as? Int == 43)
        #expect(figures["documents.cleanup.total"] as? Int == 417)
        #expect(object?["year"] as? Int == 2020)
        #expect(try await cli.run(["report", "--year", "2020", "--format", "pdf"]).status == 2)
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        let bad = try await cli.run(["import", "documents", fixtures.appendingPathComponent("register-bad.csv").path])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("第 3 行「制定机关」列"))
        // The demo register already holds 2021's numbers: the GB18030 file is refused row by row, and nothing lands.
        let clash = try await cli.run(["import", "documents", "--dry-run", fixtures.appendingPathComponent("register-gb18030.csv").path])
        #expect(clash.status == 2)
        #expect(clash.stderr.contains("已在系统中登记"))
    }
}

/// Loads `page` (for its CSRF token), then POSTs a multipart upload to `path`.
func multipartUpload(_ browser: Browser, page: String, path: String, file: Data, name: String, fields: [(String, String)]) async throws -> TestingHTTPResponse {
    try await browser.get(page)
    return try await sendMultipart(browser, path: path, file: file, name: name, fields: fields)
}

/// POSTs a multipart upload with the CSRF token from the last page.
func upload(_ browser: Browser, path: String, file: Data, name: String, fields: [(String, String)]) async throws -> TestingHTTPResponse {
    try await browser.get(path)
    return try await sendMultipart(browser, path: path, file: file, name: name, fields: fields)
}

func sendMultipart(_ browser: Browser, path: String, file: Data, name: String, fields: [(String, String)]) async throws -> TestingHTTPResponse {
    let boundary = "----fazhi\(UUID().uuidString)"
    var body = ByteBuffer()
    for (key, value) in fields + [("_csrf", browser.csrf ?? "")] {
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(key)\"\r\n\r\n\(value)\r\n")
    }
    body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: application/octet-stream\r\n\r\n")
    body.writeBytes(file)
    body.writeString("\r\n--\(boundary)--\r\n")
    return try await browser.send(.POST, path, headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)"], body: body)
}
