import Foundation

/// The lifecycle of a major administrative decision (重大行政决策程序暂行条例, 国务院令第713号):
/// 起草 → 履行程序 → 集体讨论 → 已决定 → 已公布 → 实施中 → 已评估 → 已归档, or 不予通过/终止.
public enum DecisionState: String, WorkflowState {
    case draft
    /// 公众参与、专家论证、风险评估 and the legality review are being carried out and recorded.
    case procedures
    /// Submitted to the executive or plenary meeting (art. 30).
    case discussion
    case decided
    case published
    case implementing
    case evaluated
    case archived
    /// Not adopted at the meeting, or dropped by the proposing unit.
    case withdrawn

    public var label: String {
        switch self {
        case .draft: "起草"
        case .procedures: "履行程序"
        case .discussion: "集体讨论"
        case .decided: "已决定"
        case .published: "已公布"
        case .implementing: "实施中"
        case .evaluated: "已评估"
        case .archived: "已归档"
        case .withdrawn: "不予通过/终止"
        }
    }
}

public enum DecisionEvent: String, WorkflowEvent {
    /// draft → procedures.
    case startProcedures
    /// procedures → procedures: a procedure's record, or its not-applicable reason, is entered (audited).
    case recordProcedure
    /// procedures → procedures: the legal office enters its review opinion (the shared Review).
    case recordReview
    /// procedures or discussion → draft.
    case returnToDraft
    /// procedures → discussion (arts. 25, 29).
    case submitForDiscussion
    /// discussion → discussion: the meeting's record is entered (art. 30).
    case recordDiscussion
    /// discussion → procedures: deferred (暂缓) or sent back for more work before another meeting.
    case returnToProcedures
    /// discussion → decided: the head's decision on the basis of the discussion (art. 30).
    case recordDecision
    /// draft, procedures or discussion → withdrawn.
    case withdraw
    /// decided → published (art. 32), after the 请示报告 to the Party committee (art. 31).
    case publish
    /// published → implementing (art. 34).
    case startImplementation
    /// implementing → evaluated (art. 36).
    case recordEvaluation
    /// implementing or evaluated → archived (art. 33).
    case archive

    public var label: String {
        switch self {
        case .startProcedures: "启动法定程序"
        case .recordProcedure: "录入程序记录"
        case .recordReview: "录入合法性审查意见"
        case .returnToDraft: "退回起草"
        case .submitForDiscussion: "提请集体讨论"
        case .recordDiscussion: "录入集体讨论情况"
        case .returnToProcedures: "退回补充程序"
        case .recordDecision: "录入决定"
        case .withdraw: "终止决策"
        case .publish: "公布决策"
        case .startImplementation: "开始实施"
        case .recordEvaluation: "录入决策后评估"
        case .archive: "立卷归档"
        }
    }
}

/// What the guards need, filled by the App from the decision's records. Plain values, so the table is
/// testable without a database.
public struct DecisionContext: Sendable, Hashable {
    /// The user who created the decision (nil for an imported one).
    public var drafterUserID: UUID?
    /// The user firing the event (nil for the system, which cannot act as a reviewer).
    public var actingUserID: UUID?
    /// The statuses of public participation, expert argument and risk assessment. The entries for the legality
    /// review and the discussion are taken from `legalityReview` and `discussionOutcome` (one source each).
    public var procedures: DecisionProcedureStatuses
    /// The latest legality review opinion on file (the shared Review), nil if none.
    public var legalityReview: ReviewOpinion?
    /// The outcome of the collective discussion on file, nil if no meeting is recorded.
    public var discussionOutcome: CollectiveDiscussionRecord.Outcome?
    /// Why the decision is dropped; nil or blank = none recorded.
    public var withdrawalReason: String?
    /// The publication (date and channel) is recorded (art. 32).
    public var publicationRecorded: Bool
    /// Why the decision is not published (依法不予公开, art. 32); nil or blank = none.
    public var publicationExemptReason: String?
    /// The 请示报告 to the same-level Party committee is recorded (art. 31).
    public var partyReportRecorded: Bool
    /// Why no 请示报告 is required for this decision; nil or blank = none.
    public var partyReportNotRequiredReason: String?
    /// The unit responsible for carrying out the decision is named (决策执行单位, art. 34).
    public var executingUnitAssigned: Bool
    /// The post-decision evaluation report is recorded (art. 36).
    public var evaluationRecorded: Bool
    /// `ArchiveCompleteness.missing(_:)` for the decision's file; empty = complete.
    public var archiveMissing: [String]

    public init(drafterUserID: UUID? = nil, actingUserID: UUID? = nil, procedures: DecisionProcedureStatuses = .init(),
                legalityReview: ReviewOpinion? = nil, discussionOutcome: CollectiveDiscussionRecord.Outcome? = nil,
                withdrawalReason: String? = nil, publicationRecorded: Bool = false, publicationExemptReason: String? = nil,
                partyReportRecorded: Bool = false, partyReportNotRequiredReason: String? = nil, executingUnitAssigned: Bool = false, evaluationRecorded: Bool = false, archiveMissing: [String] = []) {
        self.drafterUserID = drafterUserID
        self.actingUserID = actingUserID
        self.procedures = procedures
        self.legalityReview = legalityReview
        self.discussionOutcome = discussionOutcome
        self.withdrawalReason = withdrawalReason
        self.publicationRecorded = publicationRecorded
        self.publicationExemptReason = publicationExemptReason
        self.partyReportRecorded = partyReportRecorded
        self.partyReportNotRequiredReason = partyReportNotRequiredReason
        self.executingUnitAssigned = executingUnitAssigned
        self.evaluationRecorded = evaluationRecorded
        self.archiveMissing = archiveMissing
    }

    /// 同意 or 修改后同意 (art. 25: 经审查不合法的，不得提交决策机关讨论).
    public var legalityReviewPassed: Bool { legalityReview?.passed == true }

    /// `procedures` with the legality review and the discussion filled from their own records.
    public var effectiveProcedures: DecisionProcedureStatuses {
        var statuses = procedures
        statuses[.legalityReview] = legalityReviewPassed ? .complete : .pending
        statuses[.collectiveDiscussion] = discussionOutcome == nil ? .pending : .complete
        return statuses
    }

    /// The acting user is known and is not the drafter.
    public var reviewerIsNotDrafter: Bool {
        guard let actingUserID else { return false }
        return actingUserID != drafterUserID
    }

    public var hasWithdrawalReason: Bool { !DecisionContext.isBlank(withdrawalReason) }

    public var publicationRecordedOrExempt: Bool { publicationRecorded || !DecisionContext.isBlank(publicationExemptReason) }

    public var partyReportRecordedOrNotRequired: Bool { partyReportRecorded || !DecisionContext.isBlank(partyReportNotRequiredReason) }

    static func isBlank(_ text: String?) -> Bool {
        (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }
}

/// The major-decision workflow table and its guards.
public enum DecisionWorkflow {
    public typealias Guard = WorkflowGuard<DecisionContext>
    public typealias Definition = WorkflowDefinition<DecisionState, DecisionEvent, DecisionContext>
    public typealias Transition = WorkflowTransition<DecisionState, DecisionEvent, DecisionContext>

    /// A procedure is complete or validly not applicable. For the legality review and the discussion only
    /// "complete" counts (arts. 25, 30).
    public static func procedureSettled(_ procedure: DecisionProcedure) -> Guard {
        let sentence: String = switch procedure {
        case .legalityReview: "尚未通过合法性审查（《重大行政决策程序暂行条例》第二十五条）。"
        case .collectiveDiscussion: "尚未录入集体讨论决定记录（会议类型、日期、结果、纪要文号）（《重大行政决策程序暂行条例》第三十条）。"
        default: "\(procedure.label)程序尚未完成，也未记录不适用的法律理由（《重大行政决策程序暂行条例》\(procedure.articles)）。"
        }
        return Guard(sentence) { $0.effectiveProcedures.isSettled(procedure) }
    }

    /// Art. 25: 决策草案未经合法性审查或者经审查不合法的，不得提交决策机关讨论.
    public static let legalityReviewPassed = Guard(
        "合法性审查未通过（审查意见应为「同意」或「修改后同意」）：未经合法性审查或者经审查不合法的决策草案，不得提交决策机关讨论（第二十五条）。"
    ) { $0.legalityReviewPassed }

    /// The reviewer may not review their own draft (docs/ARCHITECTURE.md "Workflow").
    public static let reviewerIsNotDrafter = Guard("审查人不能是该决策的起草人，请由法制机构其他工作人员审查。") {
        $0.reviewerIsNotDrafter
    }

    /// Art. 30: the head decides on the basis of the collective discussion; only 通过 or 修改后通过 allows it.
    public static let discussionApproved = Guard("集体讨论结果为「通过」或「修改后通过」的，才能录入决定。") {
        $0.discussionOutcome?.allowsDecision == true
    }

    public static let withdrawalReasonRecorded = Guard("终止决策应当记录理由。") { $0.hasWithdrawalReason }

    /// Art. 32: 决策机关应当…及时公布重大行政决策…依法不予公开的除外.
    public static let publicationRecordedOrExempt = Guard(
        "尚未录入决策公布情况（公布日期、途径）；依法不予公开的，应当记录理由（第三十二条）。"
    ) { $0.publicationRecordedOrExempt }

    /// Art. 31: 重大行政决策出台前应当按照规定向同级党委请示报告 — publication cannot be completed until the 请示报告
    /// is recorded, or marked not required with a reason.
    public static let partyReportRecordedOrNotRequired = Guard(
        "尚未记录向同级党委请示报告的情况（《重大行政决策程序暂行条例》第三十一条：重大行政决策出台前应当按照规定向同级党委请示报告）；按规定不需要请示报告的，应当记录理由。"
    ) { $0.partyReportRecordedOrNotRequired }

    /// Art. 34: 决策机关应当明确负责重大行政决策执行工作的单位.
    public static let executingUnitAssigned = Guard("尚未明确决策执行单位（第三十四条）。") { $0.executingUnitAssigned }

    /// Art. 36.
    public static let evaluationRecorded = Guard("尚未录入决策后评估报告（第三十六条）。") { $0.evaluationRecorded }

    /// Art. 33: 履行决策程序形成的记录、材料及时完整归档.
    public static let archiveComplete = Guard("归档材料不完整，请先补齐缺项清单所列材料（第三十三条）。") { $0.archiveMissing.isEmpty }

    /// The one table. Unit staff draft and record the procedures of their own unit's decisions (record-level
    /// ownership is checked by the App with `Actor.canWrite(recordOf:)`); the legal office reviews and may do
    /// everything; leaders and administrators fire nothing.
    public static func definition() -> Definition {
        let drafters: Set<Role> = [.unitStaff, .legalOffice]
        let office: Set<Role> = [.legalOffice]
        let beforeDiscussion = DecisionProcedure.beforeDiscussion.map(procedureSettled)
        let allProcedures = DecisionProcedure.allCases.filter { $0 != .legalityReview }.map(procedureSettled)
        return Definition(caseType: "decision", initial: .draft, transitions: [
            .init(.draft, .startProcedures, by: drafters, to: .procedures),
            .init(.draft, .withdraw, by: drafters, to: .withdrawn, guards: [withdrawalReasonRecorded]),
            .init(.procedures, .recordProcedure, by: drafters, to: .procedures),
            .init(.procedures, .recordReview, by: office, to: .procedures, guards: [reviewerIsNotDrafter]),
            .init(.procedures, .returnToDraft, by: drafters, to: .draft),
            .init(.procedures, .submitForDiscussion, by: drafters, to: .discussion,
                  guards: beforeDiscussion + [legalityReviewPassed]),
            .init(.procedures, .withdraw, by: drafters, to: .withdrawn, guards: [withdrawalReasonRecorded]),
            .init(.discussion, .recordDiscussion, by: drafters, to: .discussion),
            .init(.discussion, .returnToProcedures, by: drafters, to: .procedures),
            .init(.discussion, .returnToDraft, by: drafters, to: .draft),
            .init(.discussion, .recordDecision, by: drafters, to: .decided,
                  guards: [legalityReviewPassed] + allProcedures + [discussionApproved]),
            .init(.discussion, .withdraw, by: drafters, to: .withdrawn, guards: [withdrawalReasonRecorded]),
            .init(.decided, .publish, by: drafters, to: .published, guards: [partyReportRecordedOrNotRequired, publicationRecordedOrExempt]),
            .init(.published, .startImplementation, by: drafters, to: .implementing, guards: [executingUnitAssigned]),
            .init(.implementing, .recordEvaluation, by: drafters, to: .evaluated, guards: [evaluationRecorded]),
            // Evaluation is discretionary (art. 36: 可以组织), so a decision may be archived without one.
            .init(.implementing, .archive, by: drafters, to: .archived, guards: [archiveComplete]),
            .init(.evaluated, .archive, by: drafters, to: .archived, guards: [archiveComplete]),
        ])
    }
}
