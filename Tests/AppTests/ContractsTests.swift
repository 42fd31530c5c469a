@testable import App
import FazhiCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// government contracts (政府合同) through the real pages — submission with several counterparties,
/// the legality review, signing, the filing deadline on the page and on the 待办 panel, filing, amendment,
/// termination, and the register with its filters and exports.
@Suite("Government contracts")
struct ContractsTests {
    // Today (test clock) is 2025-11-25, a Tuesday.
    static let creditCode = UnifiedSocialCreditCode.make(authority: "9", type: "1", division: "433123", organizationCode: "MA4L0XXX1").value
    static let otherCreditCode = UnifiedSocialCreditCode.make(authority: "1", type: "1", division: "433123", organizationCode: "006130272").value
    static let residentID = ResidentID.make(areaCode: "433123", birthDate: LocalDate(iso: "1985-06-15")!, sequenceNumber: 123)!.value

    typealias Party = (name: String, kind: String, identifier: String)
    static let company: Party = ("湖南凤凰古城旅游开发有限公司", "organisation", creditCode)

    static func fields(title: String = "凤凰县城区道路保洁服务采购合同", unit: UUID, amount: String = "1,234,567.89", parties: [Party] = [company],
                       termStart: String = "2025-12-01", termEnd: String = "2026-11-30", filing: Bool = true, project: String = "") -> [(String, String)] {
        var fields: [(String, String)] = [("title", title), ("unit", unit.uuidString), ("type", "service"), ("amount", amount),
                                          ("termStart", termStart), ("termEnd", termEnd), ("project", project)]
        for (index, party) in parties.enumerated() {
            fields += [("counterparties.\(index).name", party.name), ("counterparties.\(index).kind", party.kind),
                       ("counterparties.\(index).identifier", party.identifier)]
        }
        if filing { fields.append(("filingRequired", "on")) }
        return fields
    }

    /// Submits a contract through the form and returns its id.
    static func submit(_ browser: Browser, _ fields: [(String, String)]) async throws -> UUID {
        try await browser.get(SiteURL.contractNew.path)
        let created = try await browser.post(SiteURL.contractNew.path, fields)
        #expect(created.status == .seeOther, "\(created.text.prefix(1500))")
        return try #require(PageTesting.id(in: created.location))
    }

    static func step(_ browser: Browser, _ id: UUID, _ event: ContractEvent, _ fields: [(String, String)] = []) async throws -> TestingHTTPResponse {
        try await browser.get(SiteURL.contract(.value(id)).path)
        return try await browser.post(SiteURL.contractStep(.value(id), event).path, fields)
    }

    static func review(_ browser: Browser, _ id: UUID, opinion: ReviewOpinion, reasons: String = "", on date: String = "2025-11-25") async throws -> TestingHTTPResponse {
        try await browser.get(SiteURL.contract(.value(id)).path)
        return try await browser.post(SiteURL.contractReview(.value(id)).path, [
            ("received", date), ("decided", date), ("opinion", opinion.rawValue), ("reasons", reasons),
        ])
    }

    static func contract(_ t: TestApp, _ id: UUID) async throws -> ContractModel {
        try #require(try await ContractModel.find(id, on: t.db))
    }

    /// Submitted by `staff`, accepted and passed by `legal` (review dated `reviewedOn`), signed by `staff` today.
    static func signed(_ t: TestApp, title: String, reviewedOn: String = "2025-11-25", filing: Bool = true) async throws -> UUID {
        let staff = try await PageTesting.session(t, "staff")
        let legal = try await PageTesting.session(t, "legal")
        let id = try await submit(staff, fields(title: title, unit: try await PageTesting.staffUnit(t).id!, filing: filing))
        #expect(try await step(legal, id, .acceptForReview).status == .seeOther)
        #expect(try await review(legal, id, opinion: .agree, on: reviewedOn).status == .seeOther)
        #expect(try await step(staff, id, .recordSigning, [("signedOn", "2025-11-25")]).status == .seeOther)
        #expect(try await contract(t, id).state == "signed")
        return id
    }

    @Test("Submission: bad codes, inexact amounts and bad parties are refused with 422 and nothing stored; several parties, a natural person's ID sealed and masked")
    func submission() async throws {
        try await withTestApp { t in
            let unit = try await PageTesting.staffUnit(t).id!
            let staff = try await PageTesting.session(t, "staff")
            try await staff.get(SiteURL.contractNew.path)
            func refused(_ fields: [(String, String)], _ expected: String? = nil, _ comment: Comment) async throws {
                let response = try await staff.post(SiteURL.contractNew.path, fields)
                #expect(response.status == .unprocessableEntity, comment)
                if let expected { #expect(response.text.contains(expected), comment) }
            }
            let wrongCheck = String(Self.creditCode.dropLast()) + (Self.creditCode.last == "0" ? "1" : "0")
            try await refused(Self.fields(unit: unit, parties: [("某公司", "organisation", wrongCheck)]), nil, "credit code with a wrong check character")
            try await refused(Self.fields(unit: unit, parties: [("某公司", "organisation", "91433123MA4L0XXX")]), nil, "credit code too short")
            for amount in ["1e5", "12.345", "-1", "1.2.3", "一百万"] {
                try await refused(Self.fields(unit: unit, amount: amount), "「合同金额」", "amount \(amount)")
            }
            try await refused(Self.fields(unit: unit, parties: [Self.company, ("另一家", "organisation", Self.creditCode)]), "重复填写", "the same party twice")
            let wrongID = String(Self.residentID.dropLast()) + (Self.residentID.last == "0" ? "1" : "0")
            try await refused(Self.fields(unit: unit, parties: [("张三丰", "naturalPerson", wrongID)]), nil, "an ID with a wrong check digit")
            try await refused(Self.fields(unit: unit, parties: [("", "organisation", "")]), nil, "no counterparty")
            try await refused(Self.fields(unit: unit, termStart: "2025-12-01", termEnd: "2025-11-30"), "不能早于起始日期", "term ends before it starts")
            try await refused(Self.fields(unit: try await PageTesting.unit(t, "凤凰县财政局").id!), "单位填报员只能为本单位提交", "another unit's contract")
            #expect(try await ContractModel.query(on: t.db).count() == 0)
            #expect(try await ContractCounterpartyModel.query(on: t.db).count() == 0)

            let parties: [Party] = [Self.company, ("湖南沱江建设工程有限公司", "单位", Self.otherCreditCode), ("张三丰", "naturalPerson", Self.residentID)]
            let id = try await Self.submit(staff, Self.fields(unit: unit, parties: parties))
            let model = try await Self.contract(t, id)
            #expect(model.state == "submitted" && model.submittedOn == "2025-11-25")
            #expect(model.amount == "1234567.89", "stored exactly, in yuan with two decimals")
            #expect(model.filingRequired)
            #expect(model.counterpartyName == "湖南凤凰古城旅游开发有限公司；湖南沱江建设工程有限公司；张**")
            let stored = try await ContractCounterpartyModel.query(on: t.db).filter(\.$contract.$id == id).sort(\.$position).all()
            #expect(stored.map(\.kind) == ["organisation", "organisation", "naturalPerson"])
            #expect(stored[0].creditCode == Self.creditCode && stored[1].creditCode == Self.otherCreditCode)
            let sealed = try #require(stored[2].residentIDSealed)
            #expect(!sealed.contains(Self.residentID))
            #expect(try t.app.fazhi.secretBox.open(sealed) == Self.residentID)
            #expect(stored[2].creditCode == nil)

            // The page shows the person masked; unit staff cannot unmask.
            let page = try await staff.get(SiteURL.contract(.value(id)).path)
            #expect(page.text.contains("张**"))
            #expect(page.text.contains(Self.creditCode))
            #expect(page.text.contains("1,234,567.89 元"))
            #expect(!page.text.contains(Self.residentID))
            #expect(!page.text.contains("查看身份证号"))
            let revealPath = SiteURL.contractCounterparty(.value(id)).path
            #expect(try await staff.post(revealPath, [("party", stored[2].id!.uuidString)]).status == .forbidden)
            #expect(try await PageTesting.session(t, "leader").post(revealPath, [("party", stored[2].id!.uuidString)]).status == .forbidden)
            // The admin may unmask account data only, never a case record's.
            let admin = try await PageTesting.session(t, "admin")
            let adminReveal = try await admin.post(revealPath, [("party", stored[2].id!.uuidString)])
            #expect(adminReveal.status == .notFound)
            #expect(!adminReveal.text.contains(Self.residentID))
            #expect(try await PageTesting.audit(t, action: "personal.view").isEmpty)

            let legal = try await PageTesting.session(t, "legal")
            let legalPage = try await legal.get(SiteURL.contract(.value(id)).path)
            #expect(legalPage.text.contains("查看身份证号"))
            #expect(!legalPage.text.contains(Self.residentID))
            // A company's code is not personal data: there is nothing sealed to reveal.
            #expect(try await legal.post(revealPath, [("party", stored[0].id!.uuidString)]).status == .notFound)
            let revealed = try await legal.post(revealPath, [("party", stored[2].id!.uuidString)])
            #expect(revealed.status == .ok)
            #expect(revealed.text.contains(Self.residentID))
            let views = try await PageTesting.audit(t, action: "personal.view")
            #expect(views.count == 1 && views.first?.subjectType == "contract" && views.first?.username == "legal")
            #expect(views.first.flatMap { UUID(uuidString: $0.subjectID) } == id)
            #expect(try await PageTesting.audit(t, subject: id).map(\.action) == ["contracts.submitted", "personal.view"])
        }
    }

    @Test("A natural person's name is encrypted at rest like the ID number")
    func naturalPersonNameSealed() async throws {
        try await withTestApp { t in
            let staff = try await PageTesting.session(t, "staff")
            let id = try await Self.submit(staff, Self.fields(unit: try await PageTesting.staffUnit(t).id!, parties: [("张三丰", "naturalPerson", Self.residentID)]))
            let party = try #require(try await ContractCounterpartyModel.query(on: t.db).filter(\.$contract.$id == id).first())
            #expect(party.name != "张三丰" && !party.name.contains("三丰"))
            #expect(try await Self.contract(t, id).counterpartyName == "张**")
        }
    }

    @Test("A repeated counterparty is reported at the counterparties, where the summary's link points")
    func counterpartyErrorAtField() async throws {
        try await withTestApp { t in
            let staff = try await PageTesting.session(t, "staff")
            try await staff.get(SiteURL.contractNew.path)
            let refused = try await staff.post(SiteURL.contractNew.path, Self.fields(unit: try await PageTesting.staffUnit(t).id!, parties: [Self.company, Self.company]))
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("重复填写"))
            #expect(PageTesting.unplacedErrors(in: refused.text).isEmpty)
        }
    }

    @Test("Review: the legal office accepts and reviews, the submitter may not review, 不同意 returns it, signing only after a passed review")
    func reviewAndSigning() async throws {
        try await withTestApp { t in
            let staff = try await PageTesting.session(t, "staff")
            let legal = try await PageTesting.session(t, "legal")
            // Submitted by the legal office itself, for the staff's unit.
            let id = try await Self.submit(legal, Self.fields(unit: try await PageTesting.staffUnit(t).id!))
            let early = try await Self.step(staff, id, .recordSigning, [("signedOn", "2025-11-25")])
            #expect(early.status == .conflict)
            #expect(early.text.contains("应当先经合法性审查"))
            #expect(try await Self.step(staff, id, .acceptForReview).status == .conflict, "only the legal office accepts")
            #expect(try await Self.step(legal, id, .acceptForReview).status == .seeOther)
            var model = try await Self.contract(t, id)
            #expect(model.state == "underReview" && model.reviewRequestedOn == "2025-11-25")
            let page = try await legal.get(SiteURL.contract(.value(id)).path)
            #expect(page.text.contains("审查期限"))
            #expect(page.text.contains("2025年12月2日"), "5 working days after receipt")
            #expect(page.text.contains("您是该合同的送审人，不能审查"))

            let own = try await Self.review(legal, id, opinion: .agree)
            #expect(own.status == .conflict)
            #expect(own.text.contains("送审人"))
            #expect(try await ReviewModel.query(on: t.db).count() == 0)
            #expect(try await Self.review(staff, id, opinion: .agree).status == .forbidden)

            let reviewer = try await DocumentsTests.secondReviewer(t)
            #expect(try await Self.review(reviewer, id, opinion: .agreeWithChanges).status == .unprocessableEntity, "修改后同意 needs reasons")
            #expect(try await Self.review(reviewer, id, opinion: .disagree, reasons: "违约责任条款显失公平，应予修改。").status == .seeOther)
            #expect(try await Self.contract(t, id).state == "returned")
            #expect(try await Self.step(staff, id, .recordSigning, [("signedOn", "2025-11-25")]).status == .conflict)
            #expect(try await Self.step(staff, id, .resubmit).status == .seeOther)
            #expect(try await Self.contract(t, id).state == "submitted")
            #expect(try await Self.step(legal, id, .acceptForReview).status == .seeOther)
            t.clock.advance(60)
            #expect(try await Self.review(reviewer, id, opinion: .agree).status == .seeOther)
            #expect(try await Self.contract(t, id).state == "reviewed")
            #expect(try await ReviewModel.query(on: t.db).filter(\.$subjectID == id).count() == 2)

            #expect(try await Self.step(staff, id, .recordSigning, [("signedOn", "2025-11-24")]).status == .unprocessableEntity, "before the review")
            #expect(try await Self.step(staff, id, .recordSigning, [("signedOn", "2025-11-26")]).status == .unprocessableEntity, "in the future")
            #expect(try await Self.contract(t, id).state == "reviewed")
            #expect(try await Self.step(staff, id, .recordSigning, [("signedOn", "2025-11-25")]).status == .seeOther)
            model = try await Self.contract(t, id)
            #expect(model.state == "signed" && model.signedOn == "2025-11-25")

            let entries = try await PageTesting.audit(t, subject: id)
            #expect(entries.filter { $0.outcome == "success" }.map(\.action) == [
                "contracts.submitted", "workflow.contract.acceptForReview", "workflow.contract.returnForChanges", "workflow.contract.resubmit",
                "workflow.contract.acceptForReview", "workflow.contract.recordReview", "workflow.contract.recordSigning",
            ])
            #expect(entries.filter { $0.outcome == "refused" }.map(\.action) == [
                "workflow.contract.recordSigning", "workflow.contract.acceptForReview", "workflow.contract.recordReview", "workflow.contract.recordSigning",
            ])
        }
    }

    @Test("The filing deadline is on the page and on the 待办 panel, turns 临期 and 超期 as time passes, and closes on filing")
    func filingDeadline() async throws {
        try await withTestApp { t in
            let title = "凤凰县乡村振兴示范片区建设工程施工合同"
            let id = try await Self.signed(t, title: title)
            let page = try await PageTesting.session(t, "staff").get(SiteURL.contract(.value(id)).path)
            #expect(page.text.contains("备案期限"))
            #expect(page.text.contains("2025年12月25日"), "30 days after signing on 2025-11-25")
            var home = try await PageTesting.session(t, "legal").get(SiteURL.home.path)
            #expect(home.text.contains("合同备案：\(title)"))
            #expect(home.text.contains("其他待办（1）"))
            // The unit's own staff see it too.
            #expect(try await PageTesting.session(t, "staff").get(SiteURL.home.path).text.contains("合同备案：\(title)"))

            t.clock.set(Date(timeIntervalSince1970: 1_766_361_600))  // 2025-12-22 08:00 CST: three working days left
            home = try await PageTesting.session(t, "legal").get(SiteURL.home.path)
            #expect(home.text.contains("临期（3 个工作日内届满）（1）"))
            #expect(home.text.contains("合同备案：\(title)"))
            #expect(try await PageTesting.session(t, "legal").get(SiteURL.contracts.path).text.contains("临期"))

            t.clock.set(Date(timeIntervalSince1970: 1_766_707_200))  // 2025-12-26 08:00 CST: one day late
            let legal = try await PageTesting.session(t, "legal")
            home = try await legal.get(SiteURL.home.path)
            // In the overdue list (next to the 2024 annual report, also overdue on the legal office's panel).
            let late = home.text.components(separatedBy: "id=\"late\"").dropFirst().first?.components(separatedBy: "</section>").first ?? ""
            #expect(late.contains("合同备案：\(title)"))
            #expect(try await legal.get(SiteURL.contract(.value(id)).path).text.contains("超期"))

            #expect(try await Self.step(try await PageTesting.session(t, "staff"), id, .file, [("filedOn", "2025-12-26")]).status == .conflict, "the legal office files")
            #expect(try await Self.step(legal, id, .file, [("filedOn", "2025-11-24")]).status == .unprocessableEntity, "before signing")
            #expect(try await Self.step(legal, id, .file, [("filedOn", "2025-12-27")]).status == .unprocessableEntity, "in the future")
            #expect(try await Self.contract(t, id).state == "signed")
            #expect(try await Self.step(legal, id, .file, [("filedOn", "2025-12-26")]).status == .seeOther)
            let model = try await Self.contract(t, id)
            #expect(model.state == "filed" && model.filedOn == "2025-12-26")
            home = try await legal.get(SiteURL.home.path)
            #expect(!home.text.contains("合同备案：\(title)"))
            #expect(try await legal.get(SiteURL.contract(.value(id)).path).text.contains("已办结"))
            // Filed a day late: counted, not on time.
            let rate = try await ContractStatistics.filingOnTime(StatisticPeriod(year: 2025), on: t.db)
            #expect(rate.value.numerator == 0 && rate.value.denominator == 1)
            #expect(try await ContractStatistics.filed(StatisticPeriod(year: 2025), on: t.db).value.numerator == 1)
        }
    }

    @Test("Amendments keep the contract filed; an empty one is refused; termination needs a reason and a date")
    func amendAndTerminate() async throws {
        try await withTestApp { t in
            // Reviewed the day before signing.
            let id = try await Self.signed(t, title: "凤凰县污水处理厂特许经营协议", reviewedOn: "2025-11-24")
            let legal = try await PageTesting.session(t, "legal")
            let staff = try await PageTesting.session(t, "staff")
            #expect(try await Self.step(legal, id, .file, [("filedOn", "2025-11-25")]).status == .seeOther)

            #expect(try await Self.step(staff, id, .amend, [("date", "2025-11-25"), ("summary", "")]).status == .unprocessableEntity)
            #expect(try await ContractChangeModel.query(on: t.db).count() == 0)
            #expect(try await Self.step(staff, id, .amend, [("date", "2025-11-25"), ("summary", "变更项目负责人联系方式。")]).status == .seeOther)
            #expect(try await Self.contract(t, id).state == "filed")
            #expect(try await Self.step(staff, id, .terminate, [("date", "2025-11-25"), ("reason", "")]).status == .unprocessableEntity)
            #expect(try await Self.step(staff, id, .terminate, [("date", ""), ("reason", "双方协商一致解除。")]).status == .unprocessableEntity)
            #expect(try await Self.contract(t, id).state == "filed")
            #expect(try await Self.step(staff, id, .terminate, [("date", "2025-11-25"), ("reason", "双方协商一致解除。")]).status == .seeOther)
            let model = try await Self.contract(t, id)
            #expect(model.state == "terminated" && model.endedOn == "2025-11-25")
            let changes = try await ContractChangeModel.query(on: t.db).filter(\.$contract.$id == id).all().map(\.kind).sorted()
            #expect(changes == ["amended", "terminated"])
            let page = try await staff.get(SiteURL.contract(.value(id)).path)
            #expect(page.text.contains("变更与终止") && page.text.contains("双方协商一致解除。"))
            #expect(try await Self.step(staff, id, .amend, [("date", "2025-11-25"), ("summary", "终止后的变更。")]).status == .conflict)
            let actions = try await PageTesting.audit(t, subject: id).filter { $0.outcome == "success" }.map(\.action)
            #expect(actions.suffix(3) == ["workflow.contract.file", "workflow.contract.amend", "workflow.contract.terminate"])
        }
    }

    static func reviewAmendment(_ browser: Browser, _ id: UUID, change: UUID?, opinion: String, reasons: String = "") async throws -> TestingHTTPResponse {
        try await browser.get(SiteURL.contract(.value(id)).path)
        return try await browser.post(SiteURL.contractAmendmentReview(.value(id)).path, [
            ("change", change?.uuidString ?? ""), ("received", "2025-11-25"), ("decided", "2025-11-25"), ("opinion", opinion), ("reasons", reasons),
        ])
    }

    @Test("An amendment that changes what was reviewed waits for its own review: the original review does not clear it, its author cannot review it, 不同意 leaves the contract as signed")
    func amendmentReview() async throws {
        try await withTestApp { t in
            // Reviewed on the signing day: that review is the contract's, not the amendment's.
            let id = try await Self.signed(t, title: "凤凰县污水处理厂特许经营协议", reviewedOn: "2025-11-25")
            let staff = try await PageTesting.session(t, "staff")
            let legal = try await PageTesting.session(t, "legal")
            func changes() async throws -> [String] {
                try await ContractChangeModel.query(on: t.db).filter(\.$contract.$id == id).sort(\.$createdAt).all().map(\.kind)
            }
            let amount = [("date", "2025-11-25"), ("summary", "合同金额增加50万元。"), ("reviewRequired", "on")]
            #expect(try await Self.step(staff, id, .amend, [("date", "2025-11-26"), ("summary", "合同金额增加50万元。"), ("reviewRequired", "on")]).status == .unprocessableEntity)
            #expect(try await changes().isEmpty)
            let submitted = try await Self.step(staff, id, .amend, amount)
            #expect(submitted.status == .seeOther)
            #expect(try await changes() == [ContractChangeKind.pending])
            #expect(try await Self.contract(t, id).state == "signed")
            #expect(try await PageTesting.audit(t, action: "contracts.amendment.submitted").count == 1)
            #expect(!(try await PageTesting.audit(t, subject: id).map(\.action).contains("workflow.contract.amend")))
            // One at a time.
            let second = try await Self.step(staff, id, .amend, [("date", "2025-11-25"), ("summary", "再变更履约期限。"), ("reviewRequired", "on")])
            #expect(second.status == .conflict && second.text.contains("已有一项变更正在合法性审查"))
            #expect(try await changes().count == 1)
            let pendingID = try #require(try await ContractChangeModel.query(on: t.db).filter(\.$contract.$id == id).first()?.id)

            // Unit staff cannot review; the legal office sees the form on the page.
            #expect(try await Self.reviewAmendment(staff, id, change: pendingID, opinion: "agree").status == .forbidden)
            let page = try await legal.get(SiteURL.contract(.value(id)).path)
            #expect(page.text.contains("变更（待合法性审查）") && page.text.contains("审查变更：合同金额增加50万元。"))
            // Bad input changes nothing.
            let bad = try await Self.reviewAmendment(legal, id, change: pendingID, opinion: "")
            #expect(bad.status == .unprocessableEntity && PageTesting.unplacedErrors(in: bad.text).isEmpty)
            #expect(try await Self.reviewAmendment(legal, id, change: UUID(), opinion: "agree").status == .conflict)
            #expect(try await changes() == [ContractChangeKind.pending])

            // 不同意: the amendment does not take effect; the contract is unchanged.
            #expect(try await Self.reviewAmendment(legal, id, change: pendingID, opinion: "disagree", reasons: "增加金额缺少预算批复。").status == .seeOther)
            #expect(try await changes() == [ContractChangeKind.returned])
            #expect(try await Self.contract(t, id).state == "signed")
            let stored = try await ReviewModel.query(on: t.db).filter(\.$subjectType == ReviewSubjectType.contractAmendment.rawValue).all()
            #expect(stored.map(\.subjectID) == [pendingID] && stored.first?.opinion == "disagree")
            #expect(try await PageTesting.audit(t, action: "contracts.amendment.returned").count == 1)
            // A review already given cannot be given again.
            #expect(try await Self.reviewAmendment(legal, id, change: pendingID, opinion: "agree").status == .conflict)

            // Entered again, 同意: recorded through the workflow.
            #expect(try await Self.step(staff, id, .amend, amount).status == .seeOther)
            let again = try #require(try await ContractChangeModel.query(on: t.db).filter(\.$kind == ContractChangeKind.pending).first()?.id)
            #expect(try await Self.reviewAmendment(legal, id, change: again, opinion: "agree").status == .seeOther)
            #expect(try await changes() == [ContractChangeKind.returned, ContractChangeKind.amended])
            #expect(try await Self.contract(t, id).state == "signed")
            #expect(try await PageTesting.audit(t, subject: id).filter { $0.outcome == "success" }.map(\.action).last == "workflow.contract.amend")
            let shown = try await staff.get(SiteURL.contract(.value(id)).path).text
            #expect(shown.contains("变更（审查不同意，未生效）") && shown.contains("增加金额缺少预算批复。") && shown.contains("同意（"))

            // Whoever entered an amendment cannot review it, even in the legal office.
            #expect(try await Self.step(legal, id, .amend, [("date", "2025-11-25"), ("summary", "更换相对方。"), ("reviewRequired", "on")]).status == .seeOther)
            let own = try #require(try await ContractChangeModel.query(on: t.db).filter(\.$kind == ContractChangeKind.pending).first()?.id)
            #expect(try await legal.get(SiteURL.contract(.value(id)).path).text.contains("该变更由您录入，不能由您审查"))
            let refused = try await Self.reviewAmendment(legal, id, change: own, opinion: "agree")
            #expect(refused.status == .conflict && refused.text.contains("变更协议的审查人不能是录入该变更的人"))
            let refusedNo = try await Self.reviewAmendment(legal, id, change: own, opinion: "disagree", reasons: "不同意。")
            #expect(refusedNo.status == .conflict)
            #expect(try await changes().last == ContractChangeKind.pending)
        }
    }

    @Test("The register: search, filters by unit, state, year and project, pagination, record-level access; CSV and XLSX exports are audited")
    func register() async throws {
        try await withTestApp(records: true) { t in
            let all = try await ContractModel.query(on: t.db).all()
            #expect(all.count == 94)
            let legal = try await PageTesting.session(t, "legal")
            func total(_ query: [(String, String)]) async throws -> String {
                try await legal.get(SiteURL.contracts.path(query: query)).text
            }
            let first = try await total([])
            #expect(first.contains("共 94 份"))
            #expect(first.contains("第 1 页，共 2 页（94 条）"))
            let second = try await total([("page", "2")])
            #expect(second.contains("第 2 页，共 2 页（94 条）"))
            let sample = try #require(all.sorted { $0.title < $1.title }.first)
            #expect(first.contains(sample.title) || second.contains(sample.title))

            // Search by a word of a title or a counterparty's name.
            let word = String(sample.title.prefix(4))
            let matching = all.filter { $0.title.contains(word) || $0.counterpartyName.contains(word) }.count
            #expect(try await total([("q", word)]).contains("共 \(matching) 份"))
            let partyWord = String(sample.counterpartyName.prefix(6))
            let byParty = all.filter { $0.title.contains(partyWord) || $0.counterpartyName.contains(partyWord) }.count
            #expect(byParty >= 1)
            #expect(try await total([("q", partyWord)]).contains("共 \(byParty) 份"))
            #expect(try await total([("q", "没有这样的合同名称")]).contains("没有符合条件的合同"))

            let unitID = sample.$submittingUnit.id
            #expect(try await total([("unit", unitID.uuidString)]).contains("共 \(all.filter { $0.$submittingUnit.id == unitID }.count) 份"))
            let filed = all.filter { $0.state == "filed" }.count
            #expect(filed >= 13)
            #expect(try await total([("state", "filed")]).contains("共 \(filed) 份"))
            #expect(try await total([("year", "2020")]).contains("共 \(all.filter { $0.submittedOn.hasPrefix("2020") }.count) 份"))
            #expect(try await total([("year", "2019")]).contains("共 0 份"))
            let project = try #require(all.compactMap(\.projectID).first)
            let inProject = all.filter { $0.projectID == project }.count
            #expect(try await total([("project", project.uuidString)]).contains("共 \(inProject) 份"))
            #expect(try await total([("project", project.uuidString), ("state", "filed"), ("year", "2020")])
                .contains("共 \(all.filter { $0.projectID == project && $0.state == "filed" && $0.submittedOn.hasPrefix("2020") }.count) 份"))

            // Exports carry the same rows as the filtered register, and are audited.
            let csv = try await legal.get(SiteURL.contractsExport(.csv).path(query: [("state", "filed")]))
            #expect(csv.status == .ok)
            let table = try CSVReader.table(Array(csv.body.readableBytesView))
            #expect(table.header.contains("合同名称") && table.header.contains("金额（元）"))
            #expect(table.rows.count == filed)
            let xlsx = try await legal.get(SiteURL.contractsExport(.xlsx).path)
            #expect(xlsx.headers.first(name: .contentType)?.contains("spreadsheetml") == true)
            let sheet = try XLSXReader.firstSheet(Array(xlsx.body.readableBytesView))
            #expect(sheet.rows.count == 94)
            #expect(sheet.rows.contains { $0.contains { $0.contains(sample.title) } })
            let exports = try await PageTesting.audit(t, action: "contracts.exported")
            #expect(exports.count == 2 && exports.allSatisfy { $0.username == "legal" })

            // Unit staff see and export their own unit's contracts only.
            let staffUnit = try await PageTesting.staffUnit(t)
            let own = all.filter { $0.$submittingUnit.id == staffUnit.id! }
            let staff = try await PageTesting.session(t, "staff")
            #expect(try await staff.get(SiteURL.contracts.path).text.contains("共 \(own.count) 份"))
            let staffCSV = try CSVReader.table(Array(try await staff.get(SiteURL.contractsExport(.csv).path).body.readableBytesView))
            #expect(staffCSV.rows.count == own.count)
            if let foreign = all.first(where: { $0.$submittingUnit.id != staffUnit.id! }) {
                #expect(try await staff.get(SiteURL.contract(.value(foreign.id!)).path).status == .notFound)
            }
        }
    }
}
