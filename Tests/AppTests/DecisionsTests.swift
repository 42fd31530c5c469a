@testable import App
import FazhiCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// major administrative decisions (重大行政决策) through the real pages — the five procedures, the
/// legality review and its guards, the collective discussion, decision to archive — and the public
/// participation portal (comments held for moderation, sealed contacts, rate limits per source address).
@Suite("Major administrative decisions")
struct DecisionsTests {
    // Today (test clock) is 2025-11-25, a Tuesday.

    /// Creates a decision through the form and returns its id.
    static func create(_ browser: Browser, unit: UUID, title: String = "凤凰县城区停车收费标准调整方案",
                       draftText: String = "第一条 为规范城区停车秩序……") async throws -> UUID {
        try await browser.get(SiteURL.decisionNew.path)
        let created = try await browser.post(SiteURL.decisionNew.path, [
            ("title", title), ("unit", unit.uuidString), ("year", "2025"), ("basis", "《中华人民共和国价格法》第十八条"),
            ("draftText", draftText), ("explanation", "调整城区停车收费标准的必要性和主要内容。"),
        ])
        #expect(created.status == .seeOther, "\(created.text.prefix(1500))")
        return try #require(PageTesting.id(in: created.location))
    }

    static func step(_ browser: Browser, _ id: UUID, _ event: DecisionEvent, _ fields: [(String, String)] = []) async throws -> TestingHTTPResponse {
        try await browser.get(SiteURL.decision(.value(id)).path)
        return try await browser.post(SiteURL.decisionStep(.value(id), event).path, fields)
    }

    static func procedure(_ browser: Browser, _ id: UUID, _ procedure: DecisionProcedure, _ fields: [(String, String)]) async throws -> TestingHTTPResponse {
        try await browser.get(SiteURL.decision(.value(id)).path)
        return try await browser.post(SiteURL.decisionProcedure(.value(id), procedure.rawValue).path, fields)
    }

    static func review(_ browser: Browser, _ id: UUID, opinion: ReviewOpinion, reasons: String = "", received: String = "2025-11-25",
                       decided: String = "2025-11-25") async throws -> TestingHTTPResponse {
        try await browser.get(SiteURL.decision(.value(id)).path)
        return try await browser.post(SiteURL.decisionReview(.value(id)).path, [
            ("received", received), ("decided", decided), ("opinion", opinion.rawValue), ("reasons", reasons),
        ])
    }

    static func decision(_ t: TestApp, _ id: UUID) async throws -> DecisionModel {
        try #require(try await DecisionModel.find(id, on: t.db))
    }

    static func participation(start: String, end: String, comments: String, feedback: String = "") -> [(String, String)] {
        [("consultationStart", start), ("consultationEnd", end), ("channel", "凤凰县人民政府门户网站"), ("commentsReceived", comments),
         ("feedbackPublishedOn", feedback), ("hearingHeld", "false")]
    }

    static let expertRecord: [(String, String)] = [
        ("date", "2025-11-20"), ("method", "meeting"), ("experts", "张教授、李研究员、王工程师"), ("conclusion", "方案必要、可行，收费标准适当。"),
        ("opinionsReference", "专家论证意见书（2025）1号"),
    ]
    static let riskRecord: [(String, String)] = [
        ("level", "medium"), ("assessor", "县社会稳定风险评估中心"), ("reportReference", "凤稳评〔2025〕3号"), ("completedOn", "2025-11-21"),
    ]
    static func discussion(_ outcome: CollectiveDiscussionRecord.Outcome, date: String = "2025-11-25") -> [(String, String)] {
        [("meetingType", "executive"), ("meetingDate", date), ("outcome", outcome.rawValue), ("minutesReference", "县人民政府2025年第30次常务会议纪要"),
         ("headDifferedFromMajority", "false")]
    }

    /// A decision of 凤凰县自然资源局 drafted by the legal office, with its public consultation open from today to
    /// 2025-12-31 (the portal takes comments).
    static func openConsultation(_ t: TestApp, title: String = "凤凰县城区停车收费标准调整方案") async throws -> UUID {
        let legal = try await PageTesting.session(t, "legal")
        let id = try await create(legal, unit: try await PageTesting.staffUnit(t).id!, title: title)
        #expect(try await step(legal, id, .startProcedures).status == .seeOther)
        let opened = try await procedure(legal, id, .publicParticipation, participation(start: "2025-11-25", end: "2025-12-31", comments: "0"))
        #expect(opened.status == .seeOther, "\(opened.text.prefix(1500))")
        return id
    }

    /// Submits a comment from the public as `browser` (loads the page first for the CSRF token).
    static func comment(_ browser: Browser, _ id: UUID, name: String = "张三", contact: String = "138 1234 5678",
                        content: String = "建议在第五条增加听证程序，保障村民参与。", headers: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        try await browser.get(SiteURL.publicDecision(.value(id)).path, headers: headers)
        return try await browser.post(SiteURL.publicDecisionComments(.value(id)).path, [("name", name), ("contact", contact), ("content", content)],
                                      headers: headers)
    }

    static func comments(_ t: TestApp, _ id: UUID) async throws -> [DecisionCommentModel] {
        try await DecisionCommentModel.query(on: t.db).filter(\.$decision.$id == id).all().sorted { $0.content < $1.content }
    }

    // MARK: Workflow

    @Test("From draft to decision through the pages: every procedure, guard and step; 422 changes nothing, 409 is audited")
    func lifecycle() async throws {
        try await withTestApp { t in
            let staffUnit = try await PageTesting.staffUnit(t)
            let staff = try await PageTesting.session(t, "staff")
            // Bad input: 422, nothing stored.
            try await staff.get(SiteURL.decisionNew.path)
            let noTitle = try await staff.post(SiteURL.decisionNew.path, [("title", ""), ("unit", staffUnit.id!.uuidString), ("year", "2025"), ("basis", "依据")])
            #expect(noTitle.status == .unprocessableEntity)
            #expect(noTitle.text.contains("决策事项名称"))
            let otherUnit = try await PageTesting.unit(t, "凤凰县财政局")
            let foreign = try await staff.post(SiteURL.decisionNew.path, [("title", "财政局的决策"), ("unit", otherUnit.id!.uuidString), ("year", "2025"), ("basis", "依据")])
            #expect(foreign.status == .unprocessableEntity, "unit staff create only for their own unit")
            #expect(try await DecisionModel.query(on: t.db).count() == 0)

            let id = try await Self.create(staff, unit: staffUnit.id!)
            #expect(try await Self.decision(t, id).state == "draft")
            #expect(try await Self.step(staff, id, .startProcedures).status == .seeOther)
            #expect(try await Self.decision(t, id).state == "procedures")

            // Not to the meeting before the procedures are settled.
            let early = try await Self.step(staff, id, .submitForDiscussion)
            #expect(early.status == .conflict)
            #expect(early.text.contains("公众参与程序尚未完成"))
            #expect(try await Self.decision(t, id).state == "procedures")

            // 公众参与: a period shorter than 30 days without a reason is refused (422, nothing stored).
            let short = try await Self.procedure(staff, id, .publicParticipation, Self.participation(start: "2025-09-01", end: "2025-09-20", comments: "3"))
            #expect(short.status == .unprocessableEntity)
            #expect(try await DecisionProcedureModel.query(on: t.db).count() == 0)
            let recorded = try await Self.procedure(staff, id, .publicParticipation,
                                                    Self.participation(start: "2025-09-01", end: "2025-10-10", comments: "3", feedback: "2025-10-15"))
            #expect(recorded.status == .seeOther, "\(recorded.text.prefix(1500))")
            #expect(try await Self.decision(t, id).consultationEnd == "2025-10-10")

            // 专家论证 not applicable: only with a reason of substance.
            let noReason = try await Self.procedure(staff, id, .expertArgument, [("notApplicable", "on"), ("reason", "")])
            #expect(noReason.status == .unprocessableEntity)
            let tooShort = try await Self.procedure(staff, id, .expertArgument, [("notApplicable", "on"), ("reason", "不需要")])
            #expect(tooShort.status == .unprocessableEntity)
            #expect(tooShort.text.contains("至少 5 个字"))
            // The collective discussion is never "not applicable" (art. 30).
            let mandatory = try await Self.procedure(staff, id, .collectiveDiscussion, [("notApplicable", "on"), ("reason", "本决策不需要集体讨论决定")])
            #expect(mandatory.status == .unprocessableEntity)
            #expect(mandatory.text.contains("必经程序"))
            // The legality review has no procedure form at all: it is the shared review.
            #expect(try await staff.post(SiteURL.decisionProcedure(.value(id), "legalityReview").path, [("notApplicable", "on"), ("reason", "理由理由理由")]).status == .notFound)
            #expect(try await DecisionProcedureModel.query(on: t.db).count() == 1)
            let notApplicable = try await Self.procedure(staff, id, .expertArgument, [("notApplicable", "on"), ("reason", "决策事项专业性、技术性不强，无需专家论证（第十九条）")])
            #expect(notApplicable.status == .seeOther)
            let stored = try #require(try await DecisionProcedureModel.query(on: t.db).filter(\.$procedure == "expertArgument").first())
            #expect(stored.status == "notApplicable" && stored.reason.contains("第十九条"))

            // 风险评估: a high risk needs the measures.
            var high = Self.riskRecord.filter { $0.0 != "level" }
            high.append(("level", "high"))
            #expect(try await Self.procedure(staff, id, .riskAssessment, high).status == .unprocessableEntity)
            #expect(try await Self.procedure(staff, id, .riskAssessment, Self.riskRecord).status == .seeOther)

            // Every procedure settled, but no legality review yet.
            let unreviewed = try await Self.step(staff, id, .submitForDiscussion)
            #expect(unreviewed.status == .conflict)
            #expect(unreviewed.text.contains("合法性审查未通过"))

            // Unit staff do not review; the legal office does, and a 不同意 opinion still blocks the meeting.
            #expect(try await Self.review(staff, id, opinion: .agree).status == .forbidden)
            let legal = try await PageTesting.session(t, "legal")
            #expect(try await Self.review(legal, id, opinion: .disagree).status == .unprocessableEntity, "不同意 needs reasons")
            #expect(try await Self.review(legal, id, opinion: .agree, received: "2025-11-25", decided: "2025-11-24").status == .unprocessableEntity)
            #expect(try await ReviewModel.query(on: t.db).count() == 0)
            #expect(try await Self.review(legal, id, opinion: .disagree, reasons: "收费标准未经价格听证，程序不合法。").status == .seeOther)
            let afterRefusal = try await Self.step(staff, id, .submitForDiscussion)
            #expect(afterRefusal.status == .conflict)
            #expect(afterRefusal.text.contains("合法性审查未通过"))
            t.clock.advance(60)  // the latest review is the later one
            #expect(try await Self.review(legal, id, opinion: .agreeWithChanges, reasons: "第三条收费上限应与省定价目录一致。").status == .seeOther)
            #expect(try await Self.decision(t, id).reviewRequestedOn == "2025-11-25")
            #expect(try await Self.step(staff, id, .submitForDiscussion).status == .seeOther)
            #expect(try await Self.decision(t, id).state == "discussion")

            // The decision waits for the meeting's record, and for an outcome that allows it.
            let noMeeting = try await Self.step(staff, id, .recordDecision, [("decidedOn", "2025-11-25")])
            #expect(noMeeting.status == .conflict)
            #expect(noMeeting.text.contains("尚未录入集体讨论决定记录"))
            let beforeReview = try await Self.procedure(staff, id, .collectiveDiscussion, Self.discussion(.approved, date: "2025-11-24"))
            #expect(beforeReview.status == .unprocessableEntity)
            #expect(beforeReview.text.contains("不能早于合法性审查意见日期"))
            #expect(try await Self.procedure(staff, id, .collectiveDiscussion, Self.discussion(.deferred)).status == .seeOther)
            let deferred = try await Self.step(staff, id, .recordDecision, [("decidedOn", "2025-11-25")])
            #expect(deferred.status == .conflict)
            #expect(deferred.text.contains("集体讨论结果为「通过」或「修改后通过」"))
            #expect(try await Self.procedure(staff, id, .collectiveDiscussion, Self.discussion(.approved)).status == .seeOther)
            #expect(try await DecisionProcedureModel.query(on: t.db).filter(\.$procedure == "collectiveDiscussion").count() == 1)

            #expect(try await Self.step(staff, id, .recordDecision, [("decidedOn", "2025-11-26")]).status == .unprocessableEntity, "not in the future")
            #expect(try await Self.decision(t, id).state == "discussion")
            #expect(try await Self.step(staff, id, .recordDecision, [("decidedOn", "2025-11-25")]).status == .seeOther)
            let decision = try await Self.decision(t, id)
            #expect(decision.state == "decided" && decision.decidedOn == "2025-11-25")
            #expect(decision.evaluationDue == "2027-11-25", "24 months after the decision by default")

            #expect(try await Self.step(staff, id, .publish, [("publishedOn", "2025-11-24")]).status == .unprocessableEntity, "not before the decision")
            #expect(try await Self.step(staff, id, .publish, [("publishedOn", "")]).status == .unprocessableEntity)
            #expect(try await Self.decision(t, id).publishedOn == nil)

            let entries = try await PageTesting.audit(t, subject: id)
            let successes = entries.filter { $0.outcome == "success" }.map(\.action)
            #expect(successes == [
                "decisions.created", "workflow.decision.startProcedures", "workflow.decision.recordProcedure", "workflow.decision.recordProcedure",
                "workflow.decision.recordProcedure", "workflow.decision.recordReview", "workflow.decision.recordReview",
                "workflow.decision.submitForDiscussion", "workflow.decision.recordDiscussion", "workflow.decision.recordDiscussion",
                "workflow.decision.recordDecision",
            ])
            // Each refused move (409) was audited with its reason; the 422s were not moves at all.
            let refused = entries.filter { $0.outcome == "refused" }
            #expect(refused.map(\.action) == [
                "workflow.decision.submitForDiscussion", "workflow.decision.submitForDiscussion", "workflow.decision.submitForDiscussion",
                "workflow.decision.recordDecision", "workflow.decision.recordDecision",
            ])
            #expect(refused.first?.detail.contains("公众参与") == true)
            #expect(try await AuditLog.verify(on: t.db).ok)
        }
    }

    @Test("The drafter may not review; leaders write nothing; a procedure that is not settled blocks the decision; the archive names what is missing")
    func guardsAndArchive() async throws {
        try await withTestApp { t in
            let legal = try await PageTesting.session(t, "legal")
            let id = try await Self.create(legal, unit: try await PageTesting.staffUnit(t).id!, title: "凤凰县农村人居环境整治三年行动方案")
            let leader = try await PageTesting.session(t, "leader")
            #expect(try await Self.step(leader, id, .startProcedures).status == .forbidden)
            #expect(try await Self.step(legal, id, .startProcedures).status == .seeOther)
            #expect(try await Self.procedure(legal, id, .publicParticipation,
                                             Self.participation(start: "2025-09-01", end: "2025-10-10", comments: "2")).status == .seeOther)
            #expect(try await Self.procedure(legal, id, .expertArgument, [("notApplicable", "on"), ("reason", "决策事项专业性、技术性不强（第十九条）")]).status == .seeOther)
            #expect(try await Self.procedure(legal, id, .riskAssessment, Self.riskRecord).status == .seeOther)

            // The drafter (legal) may not review his own draft: refused, audited, nothing recorded.
            let own = try await Self.review(legal, id, opinion: .agree)
            #expect(own.status == .conflict)
            #expect(own.text.contains("起草人"))
            #expect(try await ReviewModel.query(on: t.db).count() == 0)
            #expect(try await PageTesting.audit(t, subject: id).contains { $0.action == "workflow.decision.recordReview" && $0.outcome == "refused" })
            let reviewer = try await DocumentsTests.secondReviewer(t)
            #expect(try await Self.review(reviewer, id, opinion: .agree).status == .seeOther)
            #expect(try await Self.step(legal, id, .submitForDiscussion).status == .seeOther)
            #expect(try await Self.procedure(legal, id, .collectiveDiscussion, Self.discussion(.approvedWithChanges)).status == .seeOther)

            // A procedure whose "not applicable" lost its reason (imported or altered data) is not settled.
            let risk = try #require(try await DecisionProcedureModel.query(on: t.db).filter(\.$procedure == "riskAssessment").first())
            risk.status = "notApplicable"
            risk.reason = ""
            try await risk.update(on: t.db)
            let unsettled = try await Self.step(legal, id, .recordDecision, [("decidedOn", "2025-11-25")])
            #expect(unsettled.status == .conflict)
            #expect(unsettled.text.contains("风险评估程序尚未完成"))
            #expect(try await Self.decision(t, id).decidedOn == nil)
            risk.status = "complete"
            try await risk.update(on: t.db)
            #expect(try await Self.step(legal, id, .recordDecision, [("decidedOn", "2025-11-25")]).status == .seeOther)
            // The app refuses every publication and implementation (see `afterDecision`): put the decision where those steps lead.
            let model = try await Self.decision(t, id)
            model.publishedOn = "2025-11-25"
            model.implementation = "各乡镇人民政府组织实施。"
            model.state = DecisionState.implementing.rawValue
            try await model.update(on: t.db)
            // Written past the app (no audit entry), so the derived indexes are recomputed by hand here.
            try await t.db.writeTransaction { try await DerivedIndexes.rebuildAll(on: $0, reason: "测试") }
            // The post-decision evaluation is on the to-do panel by its planned date.
            #expect(try await PageTesting.session(t, "legal").get(SiteURL.home.path).text.contains("决策后评估：凤凰县农村人居环境整治三年行动方案"))

            // Two comments were received and no feedback was published: the file is incomplete.
            let page = try await legal.get(SiteURL.decision(.value(id)).path)
            #expect(page.text.contains("缺少公众意见采纳情况的反馈"))
            let incomplete = try await Self.step(legal, id, .archive, [("archivedOn", "2025-11-25")])
            #expect(incomplete.status == .conflict)
            #expect(incomplete.text.contains("归档材料不完整"))
            #expect(try await Self.decision(t, id).state == "implementing")
            try await legal.get(SiteURL.decision(.value(id)).path)
            #expect(try await legal.post(SiteURL.decisionFeedback(.value(id)).path, [("feedback", ""), ("feedbackPublishedOn", "2025-11-25")]).status == .unprocessableEntity)
            let feedback = try await legal.post(SiteURL.decisionFeedback(.value(id)).path, [
                ("feedback", "收到意见2条，采纳1条：增加村民议事程序；未采纳1条：超出本决策范围。"), ("feedbackPublishedOn", "2025-11-25"),
            ])
            #expect(feedback.status == .seeOther)
            #expect(try await PageTesting.audit(t, action: "decisions.feedback.published").count == 1)
            #expect(try await Self.step(legal, id, .archive, [("archivedOn", "2025-11-25")]).status == .seeOther)
            #expect(try await Self.decision(t, id).state == "archived")
        }
    }

    @Test("Errors on the procedure forms are shown at their fields")
    func procedureErrorsAtFields() async throws {
        try await withTestApp { t in
            let staff = try await PageTesting.session(t, "staff")
            let id = try await Self.create(staff, unit: try await PageTesting.staffUnit(t).id!)
            #expect(try await Self.step(staff, id, .startProcedures).status == .seeOther)
            let participation = try await Self.procedure(staff, id, .publicParticipation, [("consultationStart", "2025-13-01"), ("channel", "")])
            #expect(participation.status == .unprocessableEntity)
            #expect(participation.text.contains("id=\"f-consultationStart-error\"") && participation.text.contains("id=\"f-channel-error\""))
            #expect(PageTesting.unplacedErrors(in: participation.text).isEmpty)
            let risk = try await Self.procedure(staff, id, .riskAssessment, [("level", "极高")])
            #expect(risk.status == .unprocessableEntity)
            #expect(risk.text.contains("id=\"f-level-error\""))
            #expect(PageTesting.unplacedErrors(in: risk.text).isEmpty)
        }
    }

    @Test("A refused not-applicable declaration shows its message at the reason field")
    func notApplicableErrorAtField() async throws {
        try await withTestApp { t in
            let staff = try await PageTesting.session(t, "staff")
            let id = try await Self.create(staff, unit: try await PageTesting.staffUnit(t).id!)
            #expect(try await Self.step(staff, id, .startProcedures).status == .seeOther)
            let refused = try await Self.procedure(staff, id, .expertArgument, [("notApplicable", "on"), ("reason", "")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("id=\"f-reason-error\""))
            #expect(PageTesting.unplacedErrors(in: refused.text).isEmpty)
        }
    }

    @Test("The draft and its explanation are revised until the decision: validated, audited, another unit's staff and leaders refused, closed after the decision")
    func editDraft() async throws {
        try await withTestApp { t in
            let staff = try await PageTesting.session(t, "staff")
            let unit = try await PageTesting.staffUnit(t).id!
            let id = try await Self.create(staff, unit: unit, draftText: "")
            #expect(try await staff.get(SiteURL.decision(.value(id)).path).text.contains("修改决策草案和起草说明"))
            let form = try await staff.get(SiteURL.decisionEdit(.value(id)).path)
            #expect(form.status == .ok && form.text.contains("凤凰县城区停车收费标准调整方案"))
            #expect(try await Self.step(staff, id, .startProcedures).status == .seeOther)
            let fields: [(String, String)] = [
                ("title", "凤凰县城区停车收费标准调整方案（征求意见后修改稿）"), ("unit", unit.uuidString), ("year", "2025"),
                ("basis", "《中华人民共和国价格法》第十八条"), ("draftText", "第一条 根据公众意见修改……"), ("explanation", "吸收公众意见 3 条。"),
            ]
            // Bad input: each field named, the typed text kept, nothing stored.
            let bad = try await staff.post(SiteURL.decisionEdit(.value(id)).path, fields.map { $0.0 == "title" ? ($0.0, " ") : $0.0 == "year" ? ($0.0, "25") : $0 })
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("id=\"f-title-error\"") && bad.text.contains("id=\"f-year-error\"") && bad.text.contains("根据公众意见修改"))
            #expect(PageTesting.unplacedErrors(in: bad.text).isEmpty)
            #expect(try await Self.decision(t, id).draftText == "")
            // Leaders write nothing; another unit's staff does not see it.
            let leader = try await PageTesting.session(t, "leader")
            #expect(try await leader.post(SiteURL.decisionEdit(.value(id)).path, fields).status == .forbidden)
            #expect(try await Self.decision(t, id).draftText == "")

            #expect(try await staff.post(SiteURL.decisionEdit(.value(id)).path, fields).status == .seeOther)
            let edited = try await Self.decision(t, id)
            #expect(edited.title.hasSuffix("（征求意见后修改稿）") && edited.draftText == "第一条 根据公众意见修改……" && edited.explanation == "吸收公众意见 3 条。")
            #expect(try await PageTesting.audit(t, subject: id).map(\.action).contains("decisions.updated"))

            let decided = try await Self.decided(t, title: "已作出决定的决策")
            #expect(try await staff.get(SiteURL.decisionEdit(.value(decided)).path).status == .conflict)
            #expect(try await staff.post(SiteURL.decisionEdit(.value(decided)).path, fields).status == .conflict)
            #expect(try await Self.decision(t, decided).title == "已作出决定的决策")
            #expect(!(try await staff.get(SiteURL.decision(.value(decided)).path).text.contains("修改决策草案和起草说明")))
        }
    }

    /// A decision of the staff's unit taken through every step up to the recorded decision (2025-11-25).
    static func decided(_ t: TestApp, title: String = "凤凰县城区停车收费标准调整方案") async throws -> UUID {
        let staff = try await PageTesting.session(t, "staff")
        let id = try await create(staff, unit: try await PageTesting.staffUnit(t).id!, title: title)
        #expect(try await step(staff, id, .startProcedures).status == .seeOther)
        #expect(try await procedure(staff, id, .publicParticipation,
                                    participation(start: "2025-09-01", end: "2025-10-10", comments: "3", feedback: "2025-10-15")).status == .seeOther)
        #expect(try await procedure(staff, id, .expertArgument, expertRecord).status == .seeOther)
        #expect(try await procedure(staff, id, .riskAssessment, riskRecord).status == .seeOther)
        #expect(try await review(try await PageTesting.session(t, "legal"), id, opinion: .agree).status == .seeOther)
        #expect(try await step(staff, id, .submitForDiscussion).status == .seeOther)
        #expect(try await procedure(staff, id, .collectiveDiscussion, discussion(.approved)).status == .seeOther)
        #expect(try await step(staff, id, .recordDecision, [("decidedOn", "2025-11-25")]).status == .seeOther)
        #expect(try await decision(t, id).state == "decided")
        return id
    }

    @Test("After the decision: publication, implementation, evaluation and archive through the pages, each audited")
    func afterDecision() async throws {
        try await withTestApp { t in
            let id = try await Self.decided(t)
            let staff = try await PageTesting.session(t, "staff")
            // Art. 31: not published before the 请示报告 to the Party committee is recorded (or a reason why none is due).
            let unreported = try await Self.step(staff, id, .publish, [("publishedOn", "2025-11-25")])
            #expect(unreported.status == .unprocessableEntity)
            #expect(unreported.text.contains("第三十一条"))
            #expect(try await Self.step(staff, id, .publish, [("publishedOn", "2025-11-25"), ("partyReportedOn", "2025-11-24")]).status == .unprocessableEntity,
                    "not before the decision")
            #expect(try await Self.step(staff, id, .publish, [("publishedOn", "2025-11-25"), ("partyReportedOn", "2025-11-25"),
                                                               ("partyReportNotRequiredReason", "无需")]).status == .unprocessableEntity, "one or the other")
            #expect(try await Self.decision(t, id).publishedOn == nil)
            let published = try await Self.step(staff, id, .publish, [("publishedOn", "2025-11-25"), ("partyReportedOn", "2025-11-25")])
            #expect(published.status == .seeOther, "\(PageTesting.problems(in: published.text))")
            #expect(try await Self.decision(t, id).publishedOn == "2025-11-25")
            #expect(try await Self.decision(t, id).partyReportedOn == "2025-11-25")
            #expect(try await staff.get(SiteURL.decision(.value(id)).path).text.contains("向同级党委请示报告"))
            #expect(try await t.browser().get(SiteURL.publicDecisions.path).text.contains("凤凰县城区停车收费标准调整方案"))
            #expect(try await t.browser().get(SiteURL.publicDecision(.value(id)).path).text.contains("已作出决定并公布"))
            #expect(try await Self.step(staff, id, .startImplementation, [("implementation", "")]).status == .unprocessableEntity)
            #expect(try await Self.step(staff, id, .startImplementation, [("implementation", "由县自然资源局牵头，城管执法局配合实施。")]).status == .seeOther)
            #expect(try await staff.get(SiteURL.decision(.value(id)).path).text.contains("归档材料齐全"))
            #expect(try await Self.step(staff, id, .recordEvaluation, [("evaluatedOn", "2025-11-25"), ("evaluation", "实施效果良好，停车秩序明显改善。")]).status == .seeOther)
            #expect(try await Self.decision(t, id).state == "evaluated")
            #expect(try await Self.step(staff, id, .archive, [("archivedOn", "")]).status == .unprocessableEntity)
            #expect(try await Self.step(staff, id, .archive, [("archivedOn", "2025-11-25")]).status == .seeOther)
            let decision = try await Self.decision(t, id)
            #expect(decision.state == "archived" && decision.archivedOn == "2025-11-25")
            #expect(try await Self.step(staff, id, .publish, [("publishedOn", "2025-11-25"), ("partyReportedOn", "2025-11-25")]).status == .conflict)
            let actions = try await PageTesting.audit(t, subject: id).filter { $0.outcome == "success" }.map(\.action)
            #expect(actions.suffix(4) == ["workflow.decision.publish", "workflow.decision.startImplementation", "workflow.decision.recordEvaluation",
                                          "workflow.decision.archive"])
        }
    }

    // MARK: Public participation portal

    @Test("A citizen's comment is stored at once with a sealed contact, held for moderation, and shown with its handling only once approved")
    func commentHeldForModeration() async throws {
        try await withTestApp { t in
            // A draft is not public.
            let legal = try await PageTesting.session(t, "legal")
            let draft = try await Self.create(legal, unit: try await PageTesting.staffUnit(t).id!, title: "尚未公开的决策草案")
            #expect(try await t.browser().get(SiteURL.publicDecision(.value(draft)).path).status == .notFound)

            let id = try await Self.openConsultation(t)
            let citizen = t.browser()
            let list = try await citizen.get(SiteURL.publicDecisions.path)
            #expect(list.text.contains("凤凰县城区停车收费标准调整方案"))
            #expect(!list.text.contains("尚未公开的决策草案"))
            let page = try await citizen.get(SiteURL.publicDecision(.value(id)).path)
            #expect(page.status == .ok && page.text.contains("提出意见"))

            let sent = try await Self.comment(citizen, id)
            // Post/redirect/get: the acknowledgement is a page of its own, with the comment's reference.
            #expect(sent.status == .seeOther)
            let reference = try #require(sent.location.range(of: "received=").map { String(sent.location[$0.upperBound...].prefix(8)) })
            #expect(sent.location.hasPrefix(SiteURL.publicDecision(.value(id)).path))
            let acknowledgement = try await citizen.get(sent.location)
            #expect(acknowledgement.text.contains("您的意见已收到（编号 \(reference)）"))
            // Acknowledged means stored: the reference given is the stored comment's.
            let stored = try #require(try await Self.comments(t, id).first)
            #expect(stored.id!.uuidString.prefix(8).lowercased() == reference.lowercased())
            #expect(stored.state == "pending")
            #expect(stored.name == "张三")
            #expect(!stored.contactSealed.contains("13812345678") && !stored.contactSealed.contains("138 1234 5678"))
            #expect(try t.app.fazhi.secretBox.open(stored.contactSealed) == "13812345678")
            #expect(try await PageTesting.audit(t, action: "decisions.comment.received").count == 1)

            // Not public until approved.
            var publicPage = try await t.browser().get(SiteURL.publicDecision(.value(id)).path)
            #expect(!publicPage.text.contains("建议在第五条增加听证程序"))
            #expect(publicPage.text.contains("公开的意见（0 条）"))
            // The legal office sees it, the contact masked.
            let inside = try await legal.get(SiteURL.decision(.value(id)).path)
            #expect(inside.text.contains("建议在第五条增加听证程序"))
            #expect(inside.text.contains("138****5678"))
            #expect(!inside.text.contains("13812345678"))

            let approved = try await legal.post(SiteURL.decisionComment(.value(id), .value(stored.id!)).path, [
                ("action", "approve"), ("reason", ""), ("handling", "已采纳，第五条增加听证程序。"),
            ])
            #expect(approved.status == .seeOther)
            #expect(try await Self.comments(t, id).first?.state == "approved")
            publicPage = try await t.browser().get(SiteURL.publicDecision(.value(id)).path)
            #expect(publicPage.text.contains("公开的意见（1 条）"))
            #expect(publicPage.text.contains("建议在第五条增加听证程序"))
            #expect(publicPage.text.contains("已采纳，第五条增加听证程序。"))
            #expect(!publicPage.text.contains("5678"), "no part of the contact on the public page")
            #expect(try await PageTesting.audit(t, action: "workflow.decision_comment.approve").count == 1)
        }
    }

    @Test("Bad comments answer 422 with the typed text kept and store nothing; markup is shown as text; the limits are exact")
    func commentValidation() async throws {
        try await withTestApp { t in
            let id = try await Self.openConsultation(t)
            let citizen = t.browser()
            let noContact = try await Self.comment(citizen, id, contact: "")
            #expect(noContact.status == .unprocessableEntity)
            #expect(noContact.text.contains("请填写「联系方式」"))
            for bad in ["12345", "1381234567", "zhang@", "zhang@example", "电话号码"] {
                let response = try await Self.comment(citizen, id, contact: bad, content: "建议明确停车收费的减免情形。")
                #expect(response.status == .unprocessableEntity, "contact \(bad)")
                #expect(response.text.contains("建议明确停车收费的减免情形。"), "typed content kept")
            }
            let tooLong = try await Self.comment(citizen, id, content: String(repeating: "长", count: PublicComment.contentMaximumLength + 1))
            #expect(tooLong.status == .unprocessableEntity)
            #expect(tooLong.text.contains("不能超过 2000 个字"))
            let huge = try await Self.comment(citizen, id, content: String(repeating: "a\u{0301}", count: 20_000))
            #expect(huge.status == .unprocessableEntity)
            #expect(try await Self.comment(citizen, id, content: "好").status == .unprocessableEntity)
            let control = try await Self.comment(citizen, id, content: "建议\u{07}删除第三条")
            #expect(control.status == .unprocessableEntity)
            #expect(control.text.contains("控制字符"))
            #expect(try await Self.comment(citizen, id, name: "张\n三").status == .unprocessableEntity)
            #expect(try await Self.comment(citizen, id, name: String(repeating: "名", count: 31)).status == .unprocessableEntity)
            #expect(try await Self.comments(t, id).isEmpty)

            // Exactly the maximum is accepted; a landline and an e-mail are contacts too.
            let longest = String(repeating: "意", count: PublicComment.contentMaximumLength)
            #expect(try await Self.comment(citizen, id, name: "", contact: "0743-3221234", content: longest).status == .seeOther)
            let markup = "<script>alert(1)</script><b>加粗</b>建议公开听证"
            #expect(try await Self.comment(citizen, id, name: "<i>李四</i>", contact: "Zhang.San@Example.COM", content: markup).status == .seeOther)
            let stored = try await Self.comments(t, id)
            #expect(stored.count == 2)
            let withMarkup = try #require(stored.first { $0.content == markup }, "stored as typed")
            #expect(try t.app.fazhi.secretBox.open(withMarkup.contactSealed) == "Zhang.San@example.com")
            #expect(try t.app.fazhi.secretBox.open(try #require(stored.first { $0.content == longest }).contactSealed) == "0743-3221234")

            let legal = try await PageTesting.session(t, "legal")
            let inside = try await legal.get(SiteURL.decision(.value(id)).path)
            #expect(!inside.text.contains("<script>alert(1)"))
            #expect(inside.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(inside.text.contains("&lt;i&gt;李四&lt;/i&gt;"))
            #expect(try await legal.post(SiteURL.decisionComment(.value(id), .value(withMarkup.id!)).path, [("action", "approve")]).status == .seeOther)
            let publicPage = try await t.browser().get(SiteURL.publicDecision(.value(id)).path)
            #expect(publicPage.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;加粗&lt;/b&gt;建议公开听证"))
            #expect(!publicPage.text.contains("<script>alert(1)"))
            #expect(!publicPage.text.contains("<b>加粗</b>"))
        }
    }

    @Test("Simultaneous comments from one address cannot slip under the limit: of eight at once, exactly three are stored")
    func rateLimitUnderConcurrency() async throws {
        try await withTestApp { t in
            let id = try await Self.openConsultation(t, title: "凤凰县城区停车收费标准调整方案")
            let citizens = (0..<8).map { _ in t.browser() }
            for citizen in citizens { try await citizen.get(SiteURL.publicDecision(.value(id)).path) }
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for (n, citizen) in citizens.enumerated() {
                    group.addTask {
                        try await citizen.post(SiteURL.publicDecisionComments(.value(id)).path,
                                               [("name", ""), ("contact", "13812345678"), ("content", "第\(n)条意见：建议延长免费停车时间。")]).status
                    }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .seeOther }.count == 3)
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 5)
            #expect(try await Self.comments(t, id).count == 3)
            #expect(try await PageTesting.audit(t, action: "decisions.comment.limited").count == 5)
        }
    }

    @Test("Rate limits per source address: 3 a day on one decision, 5 an hour in all; X-Forwarded-For is not trusted by default")
    func rateLimit() async throws {
        try await withTestApp { t in
            let first = try await Self.openConsultation(t, title: "凤凰县城区停车收费标准调整方案")
            let second = try await Self.openConsultation(t, title: "凤凰县城区公共自行车管理办法")
            var citizen = t.browser()
            for n in 1...3 {
                #expect(try await Self.comment(citizen, first, content: "第\(n)条意见：建议延长免费停车时间。").status == .seeOther)
            }
            let fourth = try await Self.comment(citizen, first, content: "第4条意见：建议延长免费停车时间。")
            #expect(fourth.status == .tooManyRequests)
            #expect(fourth.text.contains("提交过于频繁"))
            // A made-up X-Forwarded-For does not open a new allowance.
            let spoofed = try await Self.comment(citizen, first, content: "第5条意见：换个地址再提交。", headers: ["X-Forwarded-For": "198.51.100.23"])
            #expect(spoofed.status == .tooManyRequests)
            #expect(try await Self.comments(t, first).count == 3)
            #expect(try await Self.comments(t, first).allSatisfy { $0.sourceAddress != "198.51.100.23" })
            let limited = try await PageTesting.audit(t, action: "decisions.comment.limited")
            #expect(limited.count == 2 && limited.allSatisfy { $0.outcome == "refused" })

            // Five an hour in all: two more on another decision, then no more.
            #expect(try await Self.comment(citizen, second, content: "建议增加投放点位。").status == .seeOther)
            #expect(try await Self.comment(citizen, second, content: "建议降低押金标准。").status == .seeOther)
            #expect(try await Self.comment(citizen, second, content: "建议延长运营时间。").status == .tooManyRequests)
            #expect(try await Self.comments(t, second).count == 2)

            // Sliding windows: after an hour the hourly limit frees up, the daily one on the first decision does not.
            t.clock.advance(61 * 60)
            citizen = t.browser()
            #expect(try await Self.comment(citizen, first, content: "第6条意见：一小时后再提交。").status == .tooManyRequests)
            #expect(try await Self.comment(citizen, second, content: "建议延长运营时间。").status == .seeOther)
            t.clock.advance(23 * 3600)
            citizen = t.browser()
            #expect(try await Self.comment(citizen, first, content: "第7条意见：一天后再提交。").status == .seeOther)
            #expect(try await Self.comments(t, first).count == 4)
            #expect(try await Self.comments(t, second).count == 3)
        }
    }

    @Test("Behind a trusted proxy the forwarded address is the one limited")
    func rateLimitBehindProxy() async throws {
        try await withTestApp(settings: { $0.trustProxy = true }) { t in
            let id = try await Self.openConsultation(t)
            let citizen = t.browser()
            let one: HTTPHeaders = ["X-Forwarded-For": "203.0.113.1"]
            for n in 1...3 {
                #expect(try await Self.comment(citizen, id, content: "第\(n)条意见：建议调整收费时段。", headers: one).status == .seeOther)
            }
            #expect(try await Self.comment(citizen, id, content: "第4条意见：建议调整收费时段。", headers: one).status == .tooManyRequests)
            #expect(try await Self.comment(citizen, id, content: "另一位市民的意见。", headers: ["X-Forwarded-For": "203.0.113.2"]).status == .seeOther)
            let addresses = try await Self.comments(t, id).map(\.sourceAddress).sorted()
            #expect(addresses == ["203.0.113.1", "203.0.113.1", "203.0.113.1", "203.0.113.2"])
        }
    }

    @Test("Behind a trusted proxy a client cannot pick its own address by sending an X-Forwarded-For of its own")
    func spoofedForwardedHop() async throws {
        try await withTestApp(settings: { $0.trustProxy = true }) { t in
            let id = try await Self.openConsultation(t)
            let citizen = t.browser()
            // What a reverse proxy that appends $remote_addr sends for a client at 203.0.113.9 that wrote its own header.
            for n in 1...3 {
                let headers: HTTPHeaders = ["X-Forwarded-For": "10.0.0.\(n), 203.0.113.9"]
                #expect(try await Self.comment(citizen, id, content: "第\(n)条意见：建议调整收费时段。", headers: headers).status == .seeOther)
            }
            let fourth = try await Self.comment(citizen, id, content: "第4条意见：建议调整收费时段。", headers: ["X-Forwarded-For": "10.0.0.4, 203.0.113.9"])
            #expect(fourth.status == .tooManyRequests)
            #expect(try await Self.comments(t, id).count == 3)
        }
    }

    @Test("Comments are refused outside the consultation period, and nothing is stored")
    func consultationClosed() async throws {
        try await withTestApp { t in
            let legal = try await PageTesting.session(t, "legal")
            let later = try await Self.create(legal, unit: try await PageTesting.staffUnit(t).id!, title: "下月才征求意见的决策")
            #expect(try await Self.step(legal, later, .startProcedures).status == .seeOther)
            #expect(try await Self.procedure(legal, later, .publicParticipation,
                                             Self.participation(start: "2025-12-01", end: "2026-01-05", comments: "0")).status == .seeOther)
            let id = try await Self.openConsultation(t)
            // A citizen with a valid form token (from the open consultation's page).
            let citizen = t.browser()
            try await citizen.get(SiteURL.publicDecision(.value(id)).path)
            #expect(citizen.csrf != nil)
            // Not yet open: not on the portal at all, and no comment is taken.
            #expect(try await t.browser().get(SiteURL.publicDecision(.value(later)).path).status == .notFound)
            #expect(!(try await t.browser().get(SiteURL.publicDecisions.path).text.contains("下月才征求意见的决策")))
            #expect(try await citizen.post(SiteURL.publicDecisionComments(.value(later)).path, [("contact", "13812345678"), ("content", "提前提交的意见。")]).status == .notFound)

            t.clock.set(Date(timeIntervalSince1970: 1_767_196_800 + 3600))  // 2026-01-01 01:00 CST: the day after the end
            let page = try await t.browser().get(SiteURL.publicDecision(.value(id)).path)
            #expect(page.status == .ok)
            #expect(page.text.contains("征求意见已结束"))
            #expect(!page.text.contains("提交意见"))
            let late = try await citizen.post(SiteURL.publicDecisionComments(.value(id)).path, [("contact", "13812345678"), ("content", "截止后提交的意见。")])
            #expect(late.status == .conflict)
            #expect(late.text.contains("征求意见已结束"))
            // The refusal itself is shown (the form is gone, so not at a field).
            #expect(late.text.contains("您的意见未能提交"))
            #expect(try await DecisionCommentModel.query(on: t.db).count() == 0)
        }
    }

    @Test("Only the legal office moderates; a rejection needs a reason; revealing a contact is audited and refused to unit staff")
    func moderationAndReveal() async throws {
        try await withTestApp { t in
            let id = try await Self.openConsultation(t)
            #expect(try await Self.comment(t.browser(), id).status == .seeOther)
            let comment = try #require(try await Self.comments(t, id).first)
            let commentPath = SiteURL.decisionComment(.value(id), .value(comment.id!)).path
            let contactPath = SiteURL.decisionCommentContact(.value(id), .value(comment.id!)).path

            // The decision belongs to the staff's unit, but moderation and personal data are the legal office's.
            let staff = try await PageTesting.session(t, "staff")
            let staffPage = try await staff.get(SiteURL.decision(.value(id)).path)
            #expect(staffPage.status == .ok && staffPage.text.contains("建议在第五条增加听证程序"))
            #expect(!staffPage.text.contains("不予公开的理由"), "no moderation form for unit staff")
            #expect(try await staff.post(commentPath, [("action", "approve")]).status == .forbidden)
            #expect(try await staff.post(contactPath).status == .forbidden)
            let leader = try await PageTesting.session(t, "leader")
            #expect(try await leader.post(contactPath).status == .forbidden)
            #expect(try await PageTesting.audit(t, action: "personal.view").isEmpty)

            let legal = try await PageTesting.session(t, "legal")
            let noChoice = try await legal.post(commentPath, [("action", ""), ("reason", "")])
            #expect(noChoice.status == .unprocessableEntity)
            let noReason = try await legal.post(commentPath, [("action", "reject"), ("reason", "")])
            #expect(noReason.status == .conflict)
            #expect(noReason.text.contains("不予公开的，应当填写理由"))
            #expect(try await Self.comments(t, id).first?.state == "pending")
            #expect(try await legal.post(commentPath, [("action", "reject"), ("reason", "含有他人个人信息")]).status == .seeOther)
            var stored = try #require(try await Self.comments(t, id).first)
            #expect(stored.state == "rejected" && stored.moderationReason == "含有他人个人信息")
            #expect(!(try await t.browser().get(SiteURL.publicDecision(.value(id)).path).text.contains("建议在第五条增加听证程序")))
            // A rejection made in error is undone.
            #expect(try await legal.post(commentPath, [("action", "approve")]).status == .seeOther)
            stored = try #require(try await Self.comments(t, id).first)
            #expect(stored.state == "approved" && stored.moderationReason == "")
            // The same decision again records the handling only.
            #expect(try await legal.post(commentPath, [("action", "approve"), ("handling", "已采纳。")]).status == .seeOther)
            stored = try #require(try await Self.comments(t, id).first)
            #expect(stored.state == "approved" && stored.handling == "已采纳。")
            #expect(try await PageTesting.audit(t, action: "decisions.comment.handled").count == 1)
            #expect(try await t.browser().get(SiteURL.publicDecision(.value(id)).path).text.contains("已采纳。"))
            #expect(try await legal.post(SiteURL.decisionComment(.value(id), .value(UUID())).path, [("action", "approve")]).status == .notFound)

            let revealed = try await legal.post(contactPath)
            #expect(revealed.status == .ok)
            #expect(revealed.text.contains("13812345678"))
            #expect(revealed.headers.first(name: .cacheControl) == "no-store")
            let views = try await PageTesting.audit(t, action: "personal.view")
            #expect(views.count == 1)
            #expect(views.first?.subjectType == "decision_comment")
            #expect(views.first.flatMap { UUID(uuidString: $0.subjectID) } == comment.id)
            #expect(views.first?.username == "legal")
            #expect(try await AuditLog.verify(on: t.db).ok)
        }
    }
}
