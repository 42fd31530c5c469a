import Foundation

/// The lifecycle of a normative document: 起草 → 征求意见 → 合法性审查 → 集体审议 → 登记编号 → 公布 → 备案.
/// Whether it is in force afterwards is not a workflow state: it is derived from dates and changes
/// (`DocumentStatusTimeline`).
public enum DocumentState: String, WorkflowState {
    case draft
    case publicComment
    case legalityReview
    case deliberation
    case registered
    case published
    case filed

    public var label: String {
        switch self {
        case .draft: "起草"
        case .publicComment: "征求意见"
        case .legalityReview: "合法性审查"
        case .deliberation: "集体审议"
        case .registered: "登记编号"
        case .published: "公布"
        case .filed: "已备案"
        }
    }
}

public enum DocumentEvent: String, WorkflowEvent {
    /// draft → publicComment.
    case openComment
    /// publicComment → legalityReview, once the period has run its minimum.
    case closeComment
    /// draft → legalityReview without public comment; only with a recorded exemption reason.
    case submitForReview
    /// legalityReview → deliberation: the review opinion is 同意 or 修改后同意.
    case recordReview
    /// Back to draft: withdrawn during comment, a 不同意 opinion, or not adopted at the meeting.
    case returnToDraft
    /// deliberation → deliberation: the meeting's record (type, date, minutes) is entered; audited like
    /// every other step.
    case recordDeliberation
    /// deliberation → registered: the unified registration number is assigned.
    case register
    /// registered → published.
    case publish
    /// published → filed with the higher-level government.
    case file

    public var label: String {
        switch self {
        case .openComment: "公开征求意见"
        case .closeComment: "结束征求意见并提交审查"
        case .submitForReview: "提交合法性审查"
        case .recordReview: "录入审查意见"
        case .returnToDraft: "退回起草"
        case .recordDeliberation: "录入集体审议"
        case .register: "登记编号"
        case .publish: "公布"
        case .file: "备案"
        }
    }

    /// The event a recorded review opinion fires: 同意 / 修改后同意 (`passed`) → `recordReview`,
    /// 不同意 → `returnToDraft`.
    public static func afterReview(passed: Bool) -> DocumentEvent {
        passed ? .recordReview : .returnToDraft
    }
}

/// What the guards need, filled by the App from the document's records. Plain values, so the table is
/// testable without a database.
public struct DocumentContext: Sendable, Hashable {
    /// The user who drafted the document (nil for an imported one).
    public var drafterUserID: UUID?
    /// The user firing the event (nil for the system, which cannot act as a reviewer).
    public var actingUserID: UUID?
    /// The comment period (opening day to end date) meets `CommentPeriodRule`.
    public var commentPeriodMeetsMinimum: Bool
    /// Today is after the comment period's end date (comments are accepted through the end date), so
    /// closing does not cut the period short.
    public var commentPeriodElapsed: Bool
    /// Why the document skips public comment (e.g. 涉及国家秘密); nil or blank = none recorded.
    public var commentExemptReason: String?
    /// The legality review opinion is 同意 or 修改后同意.
    public var reviewPassed: Bool
    /// The collective deliberation (meeting type, date, minutes reference) is recorded.
    public var deliberationRecorded: Bool
    /// A unified registration number has been assigned.
    public var registrationNumberAssigned: Bool
    /// The publication and effective dates pass `PublicationRule`.
    public var publicationDatesValid: Bool

    public init(drafterUserID: UUID? = nil, actingUserID: UUID? = nil, commentPeriodMeetsMinimum: Bool = false,
                commentPeriodElapsed: Bool = false, commentExemptReason: String? = nil, reviewPassed: Bool = false,
                deliberationRecorded: Bool = false, registrationNumberAssigned: Bool = false,
                publicationDatesValid: Bool = false) {
        self.drafterUserID = drafterUserID
        self.actingUserID = actingUserID
        self.commentPeriodMeetsMinimum = commentPeriodMeetsMinimum
        self.commentPeriodElapsed = commentPeriodElapsed
        self.commentExemptReason = commentExemptReason
        self.reviewPassed = reviewPassed
        self.deliberationRecorded = deliberationRecorded
        self.registrationNumberAssigned = registrationNumberAssigned
        self.publicationDatesValid = publicationDatesValid
    }

    /// The acting user is known and is not the drafter.
    public var reviewerIsNotDrafter: Bool {
        guard let actingUserID else { return false }
        return actingUserID != drafterUserID
    }

    public var hasCommentExemption: Bool {
        !(commentExemptReason ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }
}

/// The normative-document workflow table and its guards.
public enum DocumentWorkflow {
    public typealias Guard = WorkflowGuard<DocumentContext>
    public typealias Definition = WorkflowDefinition<DocumentState, DocumentEvent, DocumentContext>
    public typealias Transition = WorkflowTransition<DocumentState, DocumentEvent, DocumentContext>

    /// 公开征求意见: ≥ 7 working days, ≥ 30 days for market-related documents (see `CommentPeriodRule`).
    public static func commentPeriodMeetsMinimum(_ rules: DocumentRules = .default) -> Guard {
        Guard("征求意见期限不足：应不少于\(rules.commentMinimumWorkingDays)个工作日；与市场主体生产经营活动密切相关的，"
              + "不少于\(rules.marketCommentMinimumDays)日。") { $0.commentPeriodMeetsMinimum }
    }

    public static let commentPeriodElapsed = Guard("征求意见期限尚未届满，不能提前结束征求意见。") { $0.commentPeriodElapsed }

    /// Public comment is part of the lifecycle; skipping it needs a recorded reason.
    public static let commentExemptionRecorded = Guard("未经公开征求意见直接提交审查的，应当记录不征求意见的理由。") {
        $0.hasCommentExemption
    }

    /// 国办发〔2018〕115号: legality review before deliberation; a 不同意 opinion stops the draft.
    public static let legalityReviewPassed = Guard("合法性审查未通过（审查意见应为「同意」或「修改后同意」）。") { $0.reviewPassed }

    /// The reviewer may not review their own draft (docs/ARCHITECTURE.md "Workflow").
    public static let reviewerIsNotDrafter = Guard("审查人不能是该文件的起草人，请由法制机构其他工作人员审查。") {
        $0.reviewerIsNotDrafter
    }

    /// Collective deliberation before issue (湖南省规范性文件管理办法, 集体审议 provisions [verify article]).
    public static let deliberationRecorded = Guard("尚未录入集体审议记录（会议类型、日期、纪要文号）。") { $0.deliberationRecorded }

    /// A document is registered once (三统一).
    public static let notYetRegistered = Guard("该文件已经登记编号，不能重复登记。") { !$0.registrationNumberAssigned }

    /// 三统一: not registered and numbered = cannot be published.
    public static let registrationNumberPresent = Guard("尚未统一登记编号的文件不能公布。") { $0.registrationNumberAssigned }

    /// 湖南省规范性文件管理办法 art. 20 as amended by 省政府令第289号 (see `PublicationRule`).
    public static func publicationDatesValid(_ rules: DocumentRules = .default) -> Guard {
        Guard("公布日期和施行日期不符合规定：施行日期应在公布之日起\(rules.effectiveDelayDays)日以后；"
              + "自公布之日起施行的，应当说明理由。") { $0.publicationDatesValid }
    }

    /// The one table. Record-level ownership (unit staff act only on their own unit's documents) is
    /// checked by the App with `Actor.canWrite(recordOf:)` before the engine is asked.
    public static func definition(rules: DocumentRules = .default) -> Definition {
        let drafters: Set<Role> = [.unitStaff, .legalOffice]
        let office: Set<Role> = [.legalOffice]
        return Definition(caseType: "document", initial: .draft, transitions: [
            .init(.draft, .openComment, by: drafters, to: .publicComment, guards: [commentPeriodMeetsMinimum(rules)]),
            .init(.draft, .submitForReview, by: drafters, to: .legalityReview, guards: [commentExemptionRecorded]),
            .init(.publicComment, .closeComment, by: drafters, to: .legalityReview,
                  guards: [commentPeriodElapsed, commentPeriodMeetsMinimum(rules)]),
            .init(.publicComment, .returnToDraft, by: drafters, to: .draft),
            .init(.legalityReview, .recordReview, by: office, to: .deliberation,
                  guards: [reviewerIsNotDrafter, legalityReviewPassed]),
            .init(.legalityReview, .returnToDraft, by: office, to: .draft, guards: [reviewerIsNotDrafter]),
            .init(.deliberation, .recordDeliberation, by: drafters, to: .deliberation),
            .init(.deliberation, .returnToDraft, by: drafters, to: .draft),
            .init(.deliberation, .register, by: office, to: .registered,
                  guards: [legalityReviewPassed, deliberationRecorded, notYetRegistered]),
            .init(.registered, .publish, by: office, to: .published,
                  guards: [legalityReviewPassed, deliberationRecorded, registrationNumberPresent, publicationDatesValid(rules)]),
            .init(.published, .file, by: office, to: .filed),
        ])
    }
}
