@testable import App
import FazhiCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// legal advisers (法律顾问) through the real pages — the roster with sealed contacts, key projects,
/// 一村（社区）一法律顾问 coverage and assignments, advisers' part in decisions and contracts — and the 2020
/// figures of decisions, contracts and advisers against the seed report.
@Suite("Legal advisers")
struct AdvisersTests {
    // Today (test clock) is 2025-11-25, a Tuesday.
    /// 17 digits, first licensed in 2010 (digits 6–9).
    static let lawyerLicence = "14331201010123456"
    static let publicLawyerLicence = "14331201560123456"

    static func fields(name: String = "王明律师", type: AdviserType = .socialLawyer, organisation: String = "湖南沱江律师事务所",
                       licence: String = lawyerLicence, contact: String = "138-0013-8000", termStart: String = "2025-01-01",
                       termEnd: String = "") -> [(String, String)] {
        [("name", name), ("type", type.rawValue), ("organisation", organisation), ("licenceNumber", licence), ("contact", contact),
         ("termStart", termStart), ("termEnd", termEnd)]
    }

    /// Adds an adviser through the form as `legal` and returns the id.
    static func create(_ legal: Browser, _ fields: [(String, String)]) async throws -> UUID {
        try await legal.get(SiteURL.adviserNew.path)
        let created = try await legal.post(SiteURL.adviserNew.path, fields)
        #expect(created.status == .seeOther, "\(created.text.prefix(1500))")
        return try #require(PageTesting.id(in: created.location))
    }

    static func adviser(_ t: TestApp, _ id: UUID) async throws -> AdviserModel {
        try #require(try await AdviserModel.find(id, on: t.db))
    }

    /// What the pager says about `count` rows (50 a page).
    static func pagerText(_ count: Int) -> String {
        count > 50 ? "（\(count) 条）" : "共 \(count) 条"
    }

    @Test("Roster entries: licence numbers checked by type, duplicates refused, contact sealed and masked; edits keep a contact left blank")
    func createAndEdit() async throws {
        try await withTestApp { t in
            let staff = try await PageTesting.session(t, "staff")
            #expect(try await staff.get(SiteURL.adviserNew.path).status == .forbidden)
            #expect(try await staff.post(SiteURL.adviserNew.path, Self.fields()).status == .forbidden)

            let legal = try await PageTesting.session(t, "legal")
            try await legal.get(SiteURL.adviserNew.path)
            let cases: [([(String, String)], String)] = [
                (Self.fields(licence: ""), "请填写「律师执业证号」"),
                (Self.fields(licence: "1433120101012345"), "应为17位数字"),
                (Self.fields(licence: "1433120101012345X"), "只能由数字组成"),
                (Self.fields(licence: "14331203010123456"), "取得执业证的年份"),
                (Self.fields(type: .legalWorker, licence: "ab12"), "至少含6位数字"),
                (Self.fields(contact: "138001380001"), "手机"),
                (Self.fields(termStart: "2025-06-01", termEnd: "2025-05-31"), "不能早于开始日期"),
                (Self.fields(name: ""), "请填写「姓名」"),
            ]
            for (fields, message) in cases {
                let response = try await legal.post(SiteURL.adviserNew.path, fields)
                #expect(response.status == .unprocessableEntity, "\(message)")
                #expect(response.text.contains(message), "\(message)")
                #expect(response.text.contains("湖南沱江律师事务所"), "typed values kept")
            }
            #expect(try await AdviserModel.query(on: t.db).count() == 0)

            // Full-width digits from a Chinese input method are folded.
            let id = try await Self.create(legal, Self.fields(licence: "１４３３１２０１０１０１２３４５６"))
            var model = try await Self.adviser(t, id)
            #expect(model.licenceNumber == Self.lawyerLicence)
            let sealed = try #require(model.contactSealed)
            #expect(!sealed.contains("13800138000"))
            #expect(try t.app.fazhi.secretBox.open(sealed) == "13800138000")
            let page = try await legal.get(SiteURL.adviser(.value(id)).path)
            #expect(page.text.contains("138****8000"))
            #expect(!page.text.contains("13800138000"))
            #expect(try await PageTesting.audit(t, subject: id).map(\.action) == ["advisers.created"])

            // Types without a licence; a legal worker's looser number.
            _ = try await Self.create(legal, Self.fields(name: "李司法", type: .staff, organisation: "凤凰县司法局", licence: "", contact: ""))
            _ = try await Self.create(legal, Self.fields(name: "赵法务", type: .legalWorker, organisation: "沱江镇法律服务所", licence: "433123-2019-001"))
            // The same licence twice is refused, by the form and on edit.
            let duplicate = try await legal.post(SiteURL.adviserNew.path, Self.fields(name: "另一位律师", licence: Self.lawyerLicence))
            #expect(duplicate.status == .unprocessableEntity)
            #expect(duplicate.text.contains("已登记为「王明律师」"))
            #expect(try await AdviserModel.query(on: t.db).count() == 3)
            let other = try await Self.create(legal, Self.fields(name: "陈公职", type: .publicLawyer, organisation: "凤凰县司法局",
                                                                 licence: Self.publicLawyerLicence, contact: "chen@example.com"))
            try await legal.get(SiteURL.adviser(.value(other)).path)
            let clash = try await legal.post(SiteURL.adviser(.value(other)).path, Self.fields(name: "陈公职", type: .publicLawyer, organisation: "凤凰县司法局",
                                                                                             licence: Self.lawyerLicence, contact: ""))
            #expect(clash.status == .unprocessableEntity)
            #expect(try await Self.adviser(t, other).licenceNumber == Self.publicLawyerLicence)

            // Editing with the contact left blank keeps it; a new one replaces it.
            try await legal.get(SiteURL.adviser(.value(id)).path)
            let edited = try await legal.post(SiteURL.adviser(.value(id)).path, Self.fields(organisation: "湖南凤凰律师事务所", contact: ""))
            #expect(edited.status == .seeOther)
            model = try await Self.adviser(t, id)
            #expect(model.organisation == "湖南凤凰律师事务所")
            #expect(try t.app.fazhi.secretBox.open(try #require(model.contactSealed)) == "13800138000")
            let invalid = try await legal.post(SiteURL.adviser(.value(id)).path, Self.fields(organisation: "改了但无效的单位", licence: "123"))
            #expect(invalid.status == .unprocessableEntity)
            #expect(invalid.text.contains("改了但无效的单位"))
            #expect(try await Self.adviser(t, id).organisation == "湖南凤凰律师事务所")
            #expect(try await legal.post(SiteURL.adviser(.value(id)).path, Self.fields(organisation: "湖南凤凰律师事务所", contact: "0743-3221234")).status == .seeOther)
            #expect(try t.app.fazhi.secretBox.open(try #require(try await Self.adviser(t, id).contactSealed)) == "0743-3221234")
            #expect(try await PageTesting.audit(t, subject: id).map(\.action) == ["advisers.created", "advisers.updated", "advisers.updated"])
            #expect(try await staff.post(SiteURL.adviser(.value(id)).path, Self.fields()).status == .forbidden)
        }
    }

    @Test("The demo roster: pages, search and filters; no full contact anywhere in the list or the export; an unmasked contact is audited")
    func roster() async throws {
        try await withTestApp(records: true) { t in
            let advisers = try await AdviserModel.query(on: t.db).all()
            let mobiles = try DemoDocuments.table("advisers-fenghuang").compactMap { $0["mobile"] }.filter { !$0.isEmpty }
            #expect(mobiles.count >= 100)
            let legal = try await PageTesting.session(t, "legal")
            let pages = (advisers.count + 49) / 50
            #expect(pages >= 3)
            for page in 1...pages {
                let html = try await legal.get(SiteURL.advisers.path(query: [("page", String(page))])).text
                #expect(html.contains("第 \(page) 页，共 \(pages) 页（\(advisers.count) 条）"))
                #expect(html.contains("****"))
                #expect(!mobiles.contains { html.contains($0) }, "page \(page) shows a full mobile number")
            }

            // Search by name and by licence number; filters by type and by term.
            let nameCounts = advisers.reduce(into: [String: Int]()) { $0[$1.name, default: 0] += 1 }
            let candidates = advisers.filter { nameCounts[$0.name] == 1 && $0.licenceNumber != nil }.sorted { $0.name < $1.name }
            let target = try #require(candidates.first)
            func count(_ q: String) -> Int {
                advisers.filter { $0.name.contains(q) || $0.organisation.contains(q) || ($0.licenceNumber ?? "").contains(q) }.count
            }
            let byName = try await legal.get(SiteURL.advisers.path(query: [("q", target.name)])).text
            #expect(byName.contains(target.name) && byName.contains(Self.pagerText(count(target.name))))
            let byLicence = try await legal.get(SiteURL.advisers.path(query: [("q", target.licenceNumber!)])).text
            #expect(byLicence.contains(target.name) && byLicence.contains("共 1 条"))
            let publicLawyers = advisers.filter { $0.type == AdviserType.publicLawyer.rawValue }.count
            #expect(publicLawyers >= 12)
            #expect(try await legal.get(SiteURL.advisers.path(query: [("type", "publicLawyer")])).text.contains(Self.pagerText(publicLawyers)))
            let today = LocalDate(iso: "2025-11-25")!
            let active = advisers.filter { AdvisersController.term($0)?.isActive(on: today) ?? false }.count
            #expect(try await legal.get(SiteURL.advisers.path(query: [("status", "active")])).text.contains(Self.pagerText(active)))
            #expect(try await legal.get(SiteURL.advisers.path(query: [("status", "ended")])).text.contains(Self.pagerText(advisers.count - active)))

            // The exports leave the contacts out, and are audited.
            let csv = try await legal.get(SiteURL.advisersExport(.csv).path)
            let table = try CSVReader.table(Array(csv.body.readableBytesView))
            #expect(table.rows.count == advisers.count)
            #expect(table.header.contains("执业证号") && !table.header.contains("联系方式"))
            let csvText = String(decoding: csv.body.readableBytesView, as: UTF8.self)
            #expect(!mobiles.contains { csvText.contains($0) })
            let xlsx = try await legal.get(SiteURL.advisersExport(.xlsx).path(query: [("type", "publicLawyer")]))
            let sheet = try XLSXReader.firstSheet(Array(xlsx.body.readableBytesView))
            #expect(sheet.rows.count == publicLawyers)
            #expect(!sheet.rows.contains { row in row.contains { cell in mobiles.contains(cell) } })
            let exports = try await PageTesting.audit(t, action: "advisers.exported")
            #expect(exports.count == 2 && exports.allSatisfy { $0.detail.contains("不含联系方式") })

            // Unmasking: the legal office, audited; unit staff and leaders are refused.
            let row = try #require(try DemoDocuments.table("advisers-fenghuang").first { $0["name"] == target.name })
            let mobile = try #require(row["mobile"])
            let contactPath = SiteURL.adviserContact(.value(target.id!)).path
            let detail = try await legal.get(SiteURL.adviser(.value(target.id!)).path)
            #expect(detail.text.contains(Masking.mobile(mobile)) && !detail.text.contains(mobile))
            #expect(try await PageTesting.session(t, "staff").post(contactPath).status == .forbidden)
            #expect(try await PageTesting.session(t, "leader").post(contactPath).status == .forbidden)
            #expect(try await PageTesting.audit(t, action: "personal.view").isEmpty)
            try await legal.get(SiteURL.adviser(.value(target.id!)).path)
            let revealed = try await legal.post(contactPath)
            #expect(revealed.status == .ok && revealed.text.contains(mobile))
            let views = try await PageTesting.audit(t, action: "personal.view")
            #expect(views.count == 1 && views.first?.subjectType == "adviser")
            #expect(views.first.flatMap { UUID(uuidString: $0.subjectID) } == target.id)
        }
    }

    @Test("The administrator, who reads no case records, cannot unmask an adviser's contact")
    func adminCannotRevealAdviserContact() async throws {
        try await withTestApp { t in
            let legal = try await PageTesting.session(t, "legal")
            let id = try await Self.create(legal, Self.fields())
            let admin = try await PageTesting.session(t, "admin")
            #expect(try await admin.get(SiteURL.adviser(.value(id)).path).status == .forbidden)
            let response = try await admin.post(SiteURL.adviserContact(.value(id)).path)
            #expect(response.status == .forbidden || response.status == .notFound)
            #expect(!response.text.contains("13800138000"))
            #expect(try await PageTesting.audit(t, action: "personal.view").isEmpty)
        }
    }

    @Test("Key projects and advisers' participation: validated, shown on both pages, counted in the statistics")
    func keyProjects() async throws {
        try await withTestApp { t in
            let legal = try await PageTesting.session(t, "legal")
            let adviser = try await Self.create(legal, Self.fields(name: "陈公职", type: .publicLawyer, organisation: "凤凰县司法局", licence: Self.publicLawyerLicence))
            let unit = try await PageTesting.unit(t, "凤凰县自然资源局").id!.uuidString
            let staff = try await PageTesting.session(t, "staff")
            #expect(try await staff.post(SiteURL.projectNew.path, [("name", "某项目"), ("unit", unit), ("startDate", "2025-01-01")]).status == .forbidden)

            try await legal.get(SiteURL.projectNew.path)
            for (fields, message) in [
                ([("name", "项"), ("unit", unit), ("startDate", "2025-01-01")], "至少 2 个字"),
                ([("name", "凤凰古城全域旅游转型升级项目"), ("unit", ""), ("startDate", "2025-01-01")], "请选择「项目单位」"),
                ([("name", "凤凰古城全域旅游转型升级项目"), ("unit", unit), ("startDate", "2025-01-01"), ("endDate", "2024-12-31")], "不能早于开始日期"),
            ] as [([(String, String)], String)] {
                let response = try await legal.post(SiteURL.projectNew.path, fields)
                #expect(response.status == .unprocessableEntity && response.text.contains(message), "\(message)")
            }
            #expect(try await KeyProjectModel.query(on: t.db).count() == 0)
            let created = try await legal.post(SiteURL.projectNew.path, [("name", "凤凰古城全域旅游转型升级项目"), ("unit", unit), ("startDate", "2025-01-01"),
                                                                         ("description", "古城景区提质改造。")])
            #expect(created.status == .seeOther)
            let project = try #require(PageTesting.id(in: created.location))
            let again = try await legal.post(SiteURL.projectNew.path, [("name", "凤凰古城全域旅游转型升级项目"), ("unit", unit), ("startDate", "2025-01-01")])
            #expect(again.status == .unprocessableEntity && again.text.contains("已登记"))

            let path = SiteURL.projectParticipation(.value(project)).path
            try await legal.get(SiteURL.project(.value(project)).path)
            for (fields, message) in [
                ([("adviser", ""), ("from", "2025-03-01"), ("opinionsCount", "0")], "请选择「法律顾问」"),
                ([("adviser", adviser.uuidString), ("from", "2025-03-01"), ("opinionsCount", "2"), ("opinionsSummary", "")], "法律意见摘要"),
                ([("adviser", adviser.uuidString), ("from", "2024-12-31"), ("opinionsCount", "0")], "不能早于项目开始日期"),
                ([("adviser", adviser.uuidString), ("from", "2025-11-26"), ("opinionsCount", "0")], "不能晚于今天"),
                ([("adviser", adviser.uuidString), ("from", "2025-03-01"), ("opinionsCount", "两条")], "应为整数"),
                ([("adviser", adviser.uuidString), ("from", "2025-03-01"), ("to", "2025-02-01"), ("opinionsCount", "0")], "不能早于开始日期"),
            ] as [([(String, String)], String)] {
                let response = try await legal.post(path, fields)
                #expect(response.status == .unprocessableEntity && response.text.contains(message), "\(message)")
            }
            #expect(try await ProjectParticipationModel.query(on: t.db).count() == 0)
            #expect(try await legal.post(path, [("adviser", adviser.uuidString), ("from", "2025-03-01"), ("opinionsCount", "2"),
                                                ("opinionsSummary", "出具法律意见书2份：建议完善特许经营期限条款。")]).status == .seeOther)
            // A contract of the project is linked to it.
            let contract = try await ContractsTests.submit(staff, ContractsTests.fields(title: "古城景区游客中心建设工程合同",
                                                                                        unit: try await PageTesting.staffUnit(t).id!, project: project.uuidString))
            #expect(try await ContractsTests.contract(t, contract).projectID == project)

            let projectPage = try await legal.get(SiteURL.project(.value(project)).path)
            #expect(projectPage.text.contains("陈公职") && projectPage.text.contains("2 条") && projectPage.text.contains("古城景区游客中心建设工程合同"))
            let adviserPage = try await legal.get(SiteURL.adviser(.value(adviser)).path)
            #expect(adviserPage.text.contains("凤凰古城全域旅游转型升级项目") && adviserPage.text.contains("建议完善特许经营期限条款"))
            let list = try await legal.get(SiteURL.projects.path).text
            #expect(list.contains("凤凰古城全域旅游转型升级项目") && list.contains("1 人") && list.contains("2 条") && list.contains("1 份"))
            #expect(try await AdviserStatistics.keyProjects(StatisticPeriod(year: 2025), on: t.db).value.numerator == 1)
            #expect(try await AdviserStatistics.keyProjects(StatisticPeriod(year: 2024), on: t.db).value.numerator == 0)
            #expect(try await PageTesting.audit(t, action: "advisers.project.created").count == 1)
            #expect(try await PageTesting.audit(t, action: "advisers.project.joined").count == 1)
        }
    }

    @Test("Coverage on 2020-12-31 in the demo county: 256 villages and 26 communities covered by 109 advisers, per township and on the grid")
    func demoCoverage() async throws {
        try await withTestApp(records: true) { t in
            let page = try await PageTesting.session(t, "leader").get(SiteURL.coverage.path(query: [("date", "2020-12-31")]))
            #expect(page.status == .ok)
            let villages = try #require(PageTesting.counter("覆盖村", in: page.text))
            let communities = try #require(PageTesting.counter("覆盖社区", in: page.text))
            #expect(villages.hasPrefix("256 / "))
            #expect(communities.hasPrefix("26 / "))
            #expect(PageTesting.counter("村（社区）法律顾问", in: page.text) == "109 人")
            #expect(page.text.contains("其中社会律师 24 人、公职律师 12 人、法律工作者 2 人、机关工作人员 71 人"))
            #expect(page.text.contains("按乡镇统计") && page.text.contains("coverage-map"))
            // Every township of the county has its row and its block on the grid.
            let townships = try await RegionModel.query(on: t.db).filter(\.$level == RegionLevel.township.rawValue).all()
            #expect(!townships.isEmpty)
            for township in townships {
                #expect(page.text.contains("<td>\(township.name)</td>"), "\(township.name) in the table")
                #expect(page.text.contains("<h3>\(township.name) "), "\(township.name) on the grid")
            }
            // A leader reads the map but gets no assignment form.
            #expect(!page.text.contains("分派法律顾问"))
            // The figures follow the date.
            let (report, _) = try await CoverageController.report(on: LocalDate(iso: "2020-12-31")!, db: t.db)
            #expect(report.villagesCovered == 256 && report.communitiesCovered == 26 && report.advisers == 109)
            #expect(PageTesting.counter("覆盖村", in: try await PageTesting.session(t, "leader").get(SiteURL.coverage.path(query: [("date", "2019-12-31")])).text)?.hasPrefix("256 / ") == false)
        }
    }

    @Test("Assigning a new adviser to a village ends the previous assignment the day before; townships and overlaps are refused")
    func assignVillage() async throws {
        try await withTestApp { t in
            let legal = try await PageTesting.session(t, "legal")
            let first = try await Self.create(legal, Self.fields(name: "甲顾问", type: .staff, organisation: "凤凰县司法局", licence: "", contact: ""))
            let second = try await Self.create(legal, Self.fields(name: "乙顾问", type: .staff, organisation: "凤凰县司法局", licence: "", contact: ""))
            let village = try #require(try await RegionModel.query(on: t.db).filter(\.$level == RegionLevel.village.rawValue).sort(\.$code).first())
            let township = try #require(try await RegionModel.query(on: t.db).filter(\.$level == RegionLevel.township.rawValue).sort(\.$code).first())
            let staff = try await PageTesting.session(t, "staff")
            #expect(try await staff.post(SiteURL.coverageAssign.path, [("region", village.id!.uuidString), ("adviser", first.uuidString), ("from", "2025-06-01")])
                .status == .forbidden)

            try await legal.get(SiteURL.coverage.path)
            func assign(_ region: UUID, _ adviser: UUID, _ from: String) async throws -> TestingHTTPResponse {
                try await legal.post(SiteURL.coverageAssign.path, [("region", region.uuidString), ("adviser", adviser.uuidString), ("from", from)])
            }
            #expect(try await assign(village.id!, first, "2025-06-01").status == .seeOther)
            let toTownship = try await assign(township.id!, second, "2025-11-25")
            #expect(toTownship.status == .unprocessableEntity)
            #expect(toTownship.text.contains("不能分派到乡镇"))
            #expect(try await assign(village.id!, second, "2024-12-01").status == .unprocessableEntity, "before the adviser's term")
            #expect(try await assign(village.id!, second, "2025-06-01").status == .unprocessableEntity, "the same day as the current one")
            #expect(try await AdviserAssignmentModel.query(on: t.db).count() == 1)

            #expect(try await assign(village.id!, second, "2025-11-25").status == .seeOther)
            let rows = try await AdviserAssignmentModel.query(on: t.db).filter(\.$region.$id == village.id!).all().sorted { $0.from < $1.from }
            #expect(rows.count == 2)
            #expect(rows[0].$adviser.id == first && rows[0].from == "2025-06-01" && rows[0].to == "2025-11-24")
            #expect(rows[1].$adviser.id == second && rows[1].from == "2025-11-25" && rows[1].to == nil)
            let again = try await assign(village.id!, second, "2025-11-26")
            #expect(again.status == .unprocessableEntity && again.text.contains("已在为这个村（社区）服务"))
            #expect(try await assign(village.id!, first, "2025-11-01").status == .unprocessableEntity, "a later assignment exists")
            #expect(try await AdviserAssignmentModel.query(on: t.db).count() == 2)

            // Who serves the village depends on the date.
            let today = try await legal.get(SiteURL.coverage.path).text
            #expect(today.contains("\(village.name)（村）：乙顾问"))
            #expect(PageTesting.counter("村（社区）法律顾问", in: today) == "1 人")
            let october = try await legal.get(SiteURL.coverage.path(query: [("date", "2025-10-01")])).text
            #expect(october.contains("\(village.name)（村）：甲顾问"))
            let before = try await legal.get(SiteURL.coverage.path(query: [("date", "2025-05-31")])).text
            #expect(before.contains("\(village.name)（村）：未配备法律顾问"))
            let firstPage = try await legal.get(SiteURL.adviser(.value(first)).path).text
            #expect(firstPage.contains(village.name) && firstPage.contains("已结束"))
            #expect(try await legal.get(SiteURL.adviser(.value(second)).path).text.contains("服务中"))
            let audit = try await PageTesting.audit(t, action: "advisers.assigned")
            #expect(audit.count == 2 && audit.allSatisfy { UUID(uuidString: $0.subjectID) == village.id })
        }
    }

    @Test("An adviser's part in a decision or a contract shows on that record and on the adviser's page; bad input answers 422 with the typed values")
    func engagements() async throws {
        try await withTestApp { t in
            let legal = try await PageTesting.session(t, "legal")
            let adviser = try await Self.create(legal, Self.fields())
            let staff = try await PageTesting.session(t, "staff")
            let unit = try await PageTesting.staffUnit(t).id!
            let decision = try await DecisionsTests.create(staff, unit: unit, title: "凤凰县城区学校布局调整方案")
            let contract = try await ContractsTests.submit(staff, ContractsTests.fields(title: "凤凰县智慧停车系统采购合同", unit: unit))
            func engage(_ browser: Browser, _ type: String, _ subject: UUID, adviser: String = adviser.uuidString, date: String = "2025-11-20",
                        summary: String = "出具法律意见书一份，建议补充听证程序。") async throws -> TestingHTTPResponse {
                try await browser.post(SiteURL.adviserEngagements.path, [("subjectType", type), ("subjectID", subject.uuidString), ("adviser", adviser),
                                                                         ("date", date), ("summary", summary)])
            }
            #expect(try await engage(staff, "decision", decision).status == .forbidden)

            let future = try await engage(legal, "decision", decision, date: "2025-11-26", summary: "这段文字应当保留在表单里。")
            #expect(future.status == .unprocessableEntity)
            #expect(future.text.contains("不能晚于今天") && future.text.contains("这段文字应当保留在表单里。"))
            let outOfTerm = try await engage(legal, "decision", decision, date: "2024-06-01")
            #expect(outOfTerm.status == .unprocessableEntity && outOfTerm.text.contains("不在聘期内"))
            let noAdviser = try await engage(legal, "decision", decision, adviser: "")
            #expect(noAdviser.status == .unprocessableEntity && noAdviser.text.contains("请选择「法律顾问」"))
            #expect(try await engage(legal, "decision", decision, summary: "").status == .unprocessableEntity)
            #expect(try await engage(legal, "decision", UUID()).status == .notFound)
            #expect(try await engage(legal, "enforcement", decision).status == .notFound)
            #expect(try await engage(legal, "contract", decision).status == .notFound, "the id is not a contract's")
            #expect(try await AdviserEngagementModel.query(on: t.db).count() == 0)

            let onDecision = try await engage(legal, "decision", decision)
            #expect(onDecision.status == .seeOther)
            #expect(onDecision.location.hasPrefix(SiteURL.decision(.value(decision)).path) && onDecision.location.hasSuffix("#advisers"))
            #expect(try await engage(legal, "contract", contract, date: "2025-11-24", summary: "审查合同违约条款，提出修改意见3条。").status == .seeOther)
            // Shown on the records (to their unit's staff too) and on the adviser's page.
            let decisionPage = try await staff.get(SiteURL.decision(.value(decision)).path).text
            #expect(decisionPage.contains("王明律师") && decisionPage.contains("出具法律意见书一份，建议补充听证程序。"))
            let contractPage = try await staff.get(SiteURL.contract(.value(contract)).path).text
            #expect(contractPage.contains("王明律师") && contractPage.contains("审查合同违约条款，提出修改意见3条。"))
            let adviserPage = try await legal.get(SiteURL.adviser(.value(adviser)).path).text
            #expect(adviserPage.contains("凤凰县城区学校布局调整方案") && adviserPage.contains("凤凰县智慧停车系统采购合同"))
            #expect(adviserPage.contains("审查合同违约条款，提出修改意见3条。"))
            let audit = try await PageTesting.audit(t, action: "advisers.engaged")
            #expect(audit.count == 2)
            #expect(Set(audit.compactMap { UUID(uuidString: $0.subjectID) }) == [decision, contract])
        }
    }

    // MARK: The report's figures

    @Test("The 2020 decisions, contracts and advisers figures computed from the demo records equal the seed report's")
    func figures2020() async throws {
        try await withTestApp(records: true) { t in
            let expected = try PageTesting.seedFigures(prefixes: ["decisions.", "contracts.", "advisers."])
            #expect(expected.count == 11)
            let report = try JSONSerialization.jsonObject(with: try await StatisticsCatalogue.json(year: 2020, on: t.db)) as? [String: Any]
            let computed = try #require(report?["figures"] as? [String: Any])
            for figure in expected {
                #expect(PageTesting.satisfies(computed[figure.key] as? Int, figure), "\(figure.key): \(String(describing: computed[figure.key])) vs \(figure.comparator) \(figure.value)")
            }
            #expect(report?["year"] as? Int == 2020)
        }
    }

    @Test("CLI: fazhi report --year 2020 prints the same decisions, contracts and advisers figures", .enabled(if: CLITests.enabled))
    func commandLineFigures() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let demo = try await cli.run(["demo"])
        #expect(demo.status == 0, "\(demo.stderr)")
        let result = try await cli.run(["report", "--year", "2020", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let figures = try #require(object?["figures"] as? [String: Any])
        let expected = try PageTesting.seedFigures(prefixes: ["decisions.", "contracts.", "advisers."])
        #expect(expected.count == 11)
        for figure in expected {
            #expect(PageTesting.satisfies(figures[figure.key] as? Int, figure), "\(figure.key)")
        }
    }
}
