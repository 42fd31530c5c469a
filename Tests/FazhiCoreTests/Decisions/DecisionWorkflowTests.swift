import Foundation
import Testing
@testable import FazhiCore

@Suite("Decisions: workflow table")
struct DecisionWorkflowTests {
    typealias F = DecisionFixtures
    static let workflow = DecisionWorkflow.definition()

    static let threeDone: DecisionProcedureStatuses = {
        var statuses = DecisionProcedureStatuses()
        statuses[.publicParticipation] = .complete
        statuses[.expertArgument] = .notApplicable(reason: "专业性、技术性不强，无需专家论证")
        statuses[.riskAssessment] = .complete
        return statuses
    }()

    /// Everything in order, reviewed by someone other than the drafter.
    static let ready = DecisionContext(
        drafterUserID: F.drafter, actingUserID: F.reviewer, procedures: threeDone, legalityReview: .agree,
        discussionOutcome: .approved, withdrawalReason: "经研究，暂不实施该决策事项", publicationRecorded: true,
        partyReportRecorded: true, executingUnitAssigned: true, evaluationRecorded: true, archiveMissing: [])

    static func ready(_ change: (inout DecisionContext) -> Void) -> DecisionContext {
        var context = ready
        change(&context)
        return context
    }

    static let notThrough = "合法性审查未通过（审查意见应为「同意」或「修改后同意」）：未经合法性审查或者经审查不合法的决策草案，不得提交决策机关讨论（第二十五条）。"
    static let noParticipation = "公众参与程序尚未完成，也未记录不适用的法律理由（《重大行政决策程序暂行条例》第十四条至第十八条）。"
    static let noExperts = "专家论证程序尚未完成，也未记录不适用的法律理由（《重大行政决策程序暂行条例》第十九条至第二十一条）。"
    static let noRisk = "风险评估程序尚未完成，也未记录不适用的法律理由（《重大行政决策程序暂行条例》第二十二条至第二十四条）。"
    static let noDiscussion = "尚未录入集体讨论决定记录（会议类型、日期、结果、纪要文号）（《重大行政决策程序暂行条例》第三十条）。"
    static let notApproved = "集体讨论结果为「通过」或「修改后通过」的，才能录入决定。"
    static let sameReviewer = "审查人不能是该决策的起草人，请由法制机构其他工作人员审查。"
    static let partyReport = "尚未记录向同级党委请示报告的情况（《重大行政决策程序暂行条例》第三十一条：重大行政决策出台前应当按照规定向同级党委请示报告）；按规定不需要请示报告的，应当记录理由。"

    struct Row: Sendable, CustomTestStringConvertible {
        var from: DecisionState
        var event: DecisionEvent
        var roles: Set<Role>
        var context: DecisionContext
        var to: DecisionState?
        var refusal: WorkflowRefusal.Reason?
        var message: String?
        var testDescription: String {
            "\(from.label) ×「\(event.label)」× \(roles.sorted().map(\.label)) → \(to?.label ?? message ?? "\(refusal.map { "\($0)" } ?? "")")"
        }
    }

    static let rows: [Row] = [
        // The happy path, by unit staff where they may act.
        Row(from: .draft, event: .startProcedures, roles: [.unitStaff], context: ready, to: .procedures),
        Row(from: .procedures, event: .recordProcedure, roles: [.unitStaff], context: ready { $0.procedures = .init() }, to: .procedures),
        Row(from: .procedures, event: .recordReview, roles: [.legalOffice], context: ready { $0.legalityReview = nil }, to: .procedures),
        Row(from: .procedures, event: .submitForDiscussion, roles: [.unitStaff], context: ready { $0.discussionOutcome = nil }, to: .discussion),
        Row(from: .discussion, event: .recordDiscussion, roles: [.unitStaff], context: ready { $0.discussionOutcome = nil }, to: .discussion),
        Row(from: .discussion, event: .recordDecision, roles: [.unitStaff], context: ready, to: .decided),
        Row(from: .discussion, event: .recordDecision, roles: [.legalOffice], context: ready { $0.discussionOutcome = .approvedWithChanges }, to: .decided),
        Row(from: .decided, event: .publish, roles: [.unitStaff], context: ready, to: .published),
        Row(from: .decided, event: .publish, roles: [.legalOffice],
            context: ready { $0.publicationRecorded = false; $0.publicationExemptReason = "涉及国家秘密，依法不予公开" }, to: .published),
        Row(from: .decided, event: .publish, roles: [.unitStaff],
            context: ready { $0.partyReportRecorded = false; $0.partyReportNotRequiredReason = "同级党委规定此类事项无需请示报告" }, to: .published),
        Row(from: .published, event: .startImplementation, roles: [.unitStaff], context: ready, to: .implementing),
        Row(from: .implementing, event: .recordEvaluation, roles: [.unitStaff], context: ready, to: .evaluated),
        Row(from: .implementing, event: .archive, roles: [.unitStaff], context: ready { $0.evaluationRecorded = false }, to: .archived),
        Row(from: .evaluated, event: .archive, roles: [.legalOffice], context: ready, to: .archived),
        // Back and out.
        Row(from: .procedures, event: .returnToDraft, roles: [.unitStaff], context: ready, to: .draft),
        Row(from: .discussion, event: .returnToProcedures, roles: [.unitStaff], context: ready { $0.discussionOutcome = .deferred }, to: .procedures),
        Row(from: .discussion, event: .returnToDraft, roles: [.legalOffice], context: ready, to: .draft),
        Row(from: .discussion, event: .withdraw, roles: [.unitStaff], context: ready { $0.discussionOutcome = .rejected }, to: .withdrawn),
        Row(from: .draft, event: .withdraw, roles: [.unitStaff], context: ready, to: .withdrawn),

        // Art. 25: no discussion without a passed legality review.
        Row(from: .procedures, event: .submitForDiscussion, roles: [.legalOffice], context: ready { $0.legalityReview = nil },
            refusal: .guardFailed, message: notThrough),
        Row(from: .procedures, event: .submitForDiscussion, roles: [.unitStaff], context: ready { $0.legalityReview = .disagree },
            refusal: .guardFailed, message: notThrough),
        Row(from: .procedures, event: .submitForDiscussion, roles: [.unitStaff], context: ready { $0.legalityReview = .agreeWithChanges },
            to: .discussion),
        // Arts. 27, 29: the other procedures are settled before the meeting.
        Row(from: .procedures, event: .submitForDiscussion, roles: [.unitStaff], context: ready { $0.procedures[.publicParticipation] = .pending },
            refusal: .guardFailed, message: noParticipation),
        Row(from: .procedures, event: .submitForDiscussion, roles: [.unitStaff],
            context: ready { $0.procedures[.expertArgument] = .notApplicable(reason: " ") }, refusal: .guardFailed, message: noExperts),
        Row(from: .procedures, event: .submitForDiscussion, roles: [.unitStaff], context: ready { $0.procedures[.riskAssessment] = .pending },
            refusal: .guardFailed, message: noRisk),
        // The decision: every procedure settled, and the meeting approved.
        Row(from: .discussion, event: .recordDecision, roles: [.unitStaff], context: ready { $0.discussionOutcome = nil },
            refusal: .guardFailed, message: noDiscussion),
        Row(from: .discussion, event: .recordDecision, roles: [.unitStaff], context: ready { $0.discussionOutcome = .deferred },
            refusal: .guardFailed, message: notApproved),
        Row(from: .discussion, event: .recordDecision, roles: [.unitStaff], context: ready { $0.discussionOutcome = .rejected },
            refusal: .guardFailed, message: notApproved),
        Row(from: .discussion, event: .recordDecision, roles: [.unitStaff], context: ready { $0.procedures[.riskAssessment] = .pending },
            refusal: .guardFailed, message: noRisk),
        Row(from: .discussion, event: .recordDecision, roles: [.unitStaff], context: ready { $0.legalityReview = .disagree },
            refusal: .guardFailed, message: notThrough),
        // A stored "not applicable" on the mandatory procedures changes nothing.
        Row(from: .discussion, event: .recordDecision, roles: [.unitStaff],
            context: ready {
                $0.discussionOutcome = nil
                $0.procedures[.collectiveDiscussion] = .notApplicable(reason: "主要负责人已同意，无需开会")
            }, refusal: .guardFailed, message: noDiscussion),
        Row(from: .procedures, event: .submitForDiscussion, roles: [.unitStaff],
            context: ready {
                $0.legalityReview = nil
                $0.procedures[.legalityReview] = .notApplicable(reason: "本事项无需合法性审查")
            }, refusal: .guardFailed, message: notThrough),
        // Review by someone else.
        Row(from: .procedures, event: .recordReview, roles: [.legalOffice], context: ready { $0.actingUserID = F.drafter },
            refusal: .guardFailed, message: sameReviewer),
        Row(from: .procedures, event: .recordReview, roles: [.legalOffice], context: ready { $0.actingUserID = nil },
            refusal: .guardFailed, message: sameReviewer),
        // Later steps.
        Row(from: .decided, event: .publish, roles: [.unitStaff], context: ready { $0.publicationRecorded = false },
            refusal: .guardFailed, message: "尚未录入决策公布情况（公布日期、途径）；依法不予公开的，应当记录理由（第三十二条）。"),
        // Art. 31: no publication before the 请示报告 is recorded or marked not required with a reason.
        Row(from: .decided, event: .publish, roles: [.unitStaff], context: ready { $0.partyReportRecorded = false },
            refusal: .guardFailed, message: partyReport),
        Row(from: .decided, event: .publish, roles: [.unitStaff], context: ready { $0.partyReportRecorded = false; $0.partyReportNotRequiredReason = " \n" },
            refusal: .guardFailed, message: partyReport),
        Row(from: .published, event: .startImplementation, roles: [.unitStaff], context: ready { $0.executingUnitAssigned = false },
            refusal: .guardFailed, message: "尚未明确决策执行单位（第三十四条）。"),
        Row(from: .implementing, event: .recordEvaluation, roles: [.unitStaff], context: ready { $0.evaluationRecorded = false },
            refusal: .guardFailed, message: "尚未录入决策后评估报告（第三十六条）。"),
        Row(from: .evaluated, event: .archive, roles: [.unitStaff], context: ready { $0.archiveMissing = ["缺少专家论证记录或不适用理由"] },
            refusal: .guardFailed, message: "归档材料不完整，请先补齐缺项清单所列材料（第三十三条）。"),
        Row(from: .procedures, event: .withdraw, roles: [.unitStaff], context: ready { $0.withdrawalReason = "\n" },
            refusal: .guardFailed, message: "终止决策应当记录理由。"),

        // Roles: leaders and administrators write nothing; only the legal office reviews.
        Row(from: .draft, event: .startProcedures, roles: [.leader], context: ready, refusal: .roleNotAllowed,
            message: "「启动法定程序」只能由法制机构、单位填报员执行。"),
        Row(from: .discussion, event: .recordDecision, roles: [.admin], context: ready, refusal: .roleNotAllowed),
        Row(from: .procedures, event: .recordReview, roles: [.unitStaff], context: ready, refusal: .roleNotAllowed,
            message: "「录入合法性审查意见」只能由法制机构执行。"),
        Row(from: .decided, event: .publish, roles: [], context: ready, refusal: .roleNotAllowed),

        // Not in the table: no skipping the procedures or the meeting; nothing after archiving or withdrawal.
        Row(from: .draft, event: .submitForDiscussion, roles: [.legalOffice], context: ready, refusal: .notInTable,
            message: "当前状态为「起草」，不能执行「提请集体讨论」。"),
        Row(from: .procedures, event: .recordDecision, roles: [.legalOffice], context: ready, refusal: .notInTable),
        Row(from: .draft, event: .recordDecision, roles: [.legalOffice], context: ready, refusal: .notInTable),
        Row(from: .decided, event: .archive, roles: [.legalOffice], context: ready, refusal: .notInTable),
        Row(from: .published, event: .recordEvaluation, roles: [.legalOffice], context: ready, refusal: .notInTable),
        Row(from: .discussion, event: .recordProcedure, roles: [.legalOffice], context: ready, refusal: .notInTable),
        Row(from: .archived, event: .returnToDraft, roles: [.legalOffice], context: ready, refusal: .notInTable),
        Row(from: .withdrawn, event: .startProcedures, roles: [.legalOffice], context: ready, refusal: .notInTable),
        Row(from: .decided, event: .withdraw, roles: [.legalOffice], context: ready, refusal: .notInTable),
    ]

    @Test(arguments: rows)
    func table(_ row: Row) {
        switch Self.workflow.apply(row.event, from: row.from, roles: row.roles, context: row.context) {
        case .success(let transition):
            #expect(transition.to == row.to)
            #expect(row.refusal == nil)
        case .failure(let refusal):
            #expect(row.to == nil, "refused: \(refusal.message)")
            #expect(refusal.reason == row.refusal)
            if let message = row.message { #expect(refusal.message == message) }
        }
    }

    /// Contexts that differ from `ready` in one respect each.
    static let oneThingWrong: [DecisionContext] = {
        var variants: [DecisionContext] = []
        for procedure in DecisionProcedure.beforeDiscussion {
            variants.append(ready { $0.procedures[procedure] = .pending })
        }
        let changes: [(inout DecisionContext) -> Void] = [
            { $0.legalityReview = nil }, { $0.legalityReview = .disagree }, { $0.discussionOutcome = nil },
            { $0.discussionOutcome = .rejected }, { $0.discussionOutcome = .deferred }, { $0.withdrawalReason = nil },
            { $0.publicationRecorded = false }, { $0.partyReportRecorded = false }, { $0.executingUnitAssigned = false }, { $0.evaluationRecorded = false },
            { $0.archiveMissing = ["缺少决策草案及其说明"] }, { $0.actingUserID = $0.drafterUserID }, { $0.actingUserID = nil },
        ]
        for change in changes { variants.append(ready(change)) }
        return variants
    }()

    /// Each guard of each row is reachable as the first failing one, and refuses with its own sentence.
    @Test func everyGuardRefusesWithItsSentence() {
        for transition in Self.workflow.transitions {
            for (index, guardRule) in transition.guards.enumerated() {
                let first = Self.oneThingWrong.filter { context in
                    !guardRule.holds(context) && transition.guards[..<index].allSatisfy { $0.holds(context) }
                }
                #expect(!first.isEmpty, "no context reaches「\(guardRule.failure)」on \(transition.event)")
                for context in first {
                    let result = Self.workflow.apply(transition.event, from: transition.from, roles: transition.roles, context: context)
                    #expect(decisionRefusalText(result) == guardRule.failure)
                }
                #expect(guardRule.failure.hasSuffix("。"))
            }
        }
    }

    /// Every row fires for each of its roles when its guards hold, and for no other role.
    @Test func everyRowFiresForItsRolesOnly() {
        for transition in Self.workflow.transitions {
            for role in Role.allCases {
                let result = Self.workflow.apply(transition.event, from: transition.from, roles: [role], context: Self.ready)
                if transition.roles.contains(role) {
                    #expect((try? result.get())?.to == transition.to, "\(transition.from) \(transition.event) by \(role)")
                } else {
                    guard case .failure(let refusal) = result else {
                        Issue.record("\(transition.from) \(transition.event) accepted from \(role)")
                        continue
                    }
                    #expect(refusal.reason == .roleNotAllowed)
                }
            }
        }
    }

    @Test func leadersAndAdminsFireNothing() {
        for transition in Self.workflow.transitions {
            #expect(!transition.roles.contains(.leader))
            #expect(!transition.roles.contains(.admin))
        }
        #expect(Self.workflow.transitions.filter { $0.roles == [.legalOffice] }.map(\.event) == [.recordReview])
    }

    @Test func everythingNotInTheTableIsRefused() {
        let pairs = Set(Self.workflow.transitions.map { "\($0.from.rawValue)|\($0.event.rawValue)" })
        for state in DecisionState.allCases {
            for event in DecisionEvent.allCases where !pairs.contains("\(state.rawValue)|\(event.rawValue)") {
                let result = Self.workflow.apply(event, from: state, roles: Set(Role.allCases), context: Self.ready)
                guard case .failure(let refusal) = result else {
                    Issue.record("\(state) \(event) accepted")
                    continue
                }
                #expect(refusal.reason == .notInTable)
            }
        }
    }

    @Test func shape() {
        #expect(Self.workflow.caseType == "decision")
        #expect(Self.workflow.initial == .draft)
        #expect(Self.workflow.unreachableStates.isEmpty)
        #expect(Self.workflow.terminalStates == [.archived, .withdrawn])
        #expect(DecisionState.allCases.map(\.label) == ["起草", "履行程序", "集体讨论", "已决定", "已公布", "实施中", "已评估", "已归档", "不予通过/终止"])
    }

    /// From draft to archive, recording each procedure as it is done.
    @Test func fullLifecycle() throws {
        var state = DecisionState.draft
        var context = DecisionContext(drafterUserID: F.drafter, actingUserID: F.drafter)
        func fire(_ event: DecisionEvent, _ roles: Set<Role>) throws {
            state = try Self.workflow.apply(event, from: state, roles: roles, context: context).get().to
        }
        try fire(.startProcedures, [.unitStaff])
        #expect(throws: WorkflowRefusal.self) { try fire(.submitForDiscussion, [.unitStaff]) }
        for procedure in DecisionProcedure.beforeDiscussion {
            if procedure == .riskAssessment {
                context.procedures[procedure] = try ProcedureStatus.notApplicable(procedure, reason: "已按有关规定进行社会稳定风险评估，不重复评估").get()
            } else {
                context.procedures[procedure] = .complete
            }
            try fire(.recordProcedure, [.unitStaff])
        }
        #expect(throws: WorkflowRefusal.self) { try fire(.submitForDiscussion, [.unitStaff]) }
        context.actingUserID = F.reviewer
        context.legalityReview = .agreeWithChanges
        try fire(.recordReview, [.legalOffice])
        try fire(.submitForDiscussion, [.unitStaff])
        #expect(throws: WorkflowRefusal.self) { try fire(.recordDecision, [.unitStaff]) }
        context.discussionOutcome = .approved
        try fire(.recordDiscussion, [.unitStaff])
        try fire(.recordDecision, [.unitStaff])
        context.publicationRecorded = true
        #expect(throws: WorkflowRefusal.self) { try fire(.publish, [.unitStaff]) }
        context.partyReportRecorded = true
        try fire(.publish, [.unitStaff])
        context.executingUnitAssigned = true
        try fire(.startImplementation, [.unitStaff])
        context.archiveMissing = ["缺少决策草案及其说明"]
        #expect(throws: WorkflowRefusal.self) { try fire(.archive, [.unitStaff]) }
        context.archiveMissing = []
        try fire(.archive, [.unitStaff])
        #expect(state == .archived)
    }

    @Test func effectiveProceduresComeFromTheirRecords() {
        let context = Self.ready { $0.legalityReview = .disagree; $0.procedures[.legalityReview] = .complete }
        #expect(context.effectiveProcedures[.legalityReview] == .pending)
        #expect(Self.ready.effectiveProcedures.allSettled)
        #expect(!Self.ready { $0.discussionOutcome = nil }.effectiveProcedures.allSettled)
    }

    @Test func buttonsFollowRolesAndGuards() {
        let procedures = Self.workflow.available(from: .procedures, roles: [.unitStaff], context: Self.ready { $0.legalityReview = nil })
        #expect(procedures.map(\.event) == [.recordProcedure, .returnToDraft, .withdraw])
        #expect(Self.workflow.available(from: .procedures, roles: [.leader], context: Self.ready).isEmpty)
    }
}
