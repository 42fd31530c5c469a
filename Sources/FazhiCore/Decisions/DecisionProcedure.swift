/// The five statutory procedures of a major administrative decision (重大行政决策法定程序): 公众参与、专家论证、
/// 风险评估、合法性审查、集体讨论决定.
///
/// Source of the list: 中共中央关于全面推进依法治国若干重大问题的决定 (2014) 三(二) [verify the item] and 法治政府建设实施纲要
/// (2015—2020年), which the seed report follows. Decree 713 itself (重大行政决策程序暂行条例, 国务院令第713号)
/// does not, as read here, name the five in one article: it gives each its own section — public participation
/// arts. 14–18, expert argument arts. 19–21, risk assessment arts. 22–24 (chapter 2), legality review
/// arts. 25–28 and collective discussion arts. 29–33 (chapter 3) [verify the article numbers].
///
/// Which may be "not applicable", reading the Decree's text:
/// - 公众参与: art. 14 requires hearing the public "依法不予公开的决策事项除外" — so it may be skipped only for a
///   matter not to be disclosed by law, with that reason recorded.
/// - 专家论证: art. 19 requires it "对专业性、技术性较强的决策事项" — conditional.
/// - 风险评估: art. 22 requires it where implementation "可能对社会稳定、公共安全等方面造成不利影响", and not
///   again where a risk was already assessed under other rules — conditional.
/// - 合法性审查: art. 25 — every draft, before discussion; "未经合法性审查或者经审查不合法的，不得提交决策机关讨论".
///   Never not applicable.
/// - 集体讨论决定: art. 30 — every draft "应当经决策机关常务会议或者全体会议讨论". Never not applicable.
/// Art. 29 confirms the reading: the materials for the meeting include the public's comments, the experts'
/// opinions and the risk report only "履行…程序的".
public enum DecisionProcedure: String, CaseIterable, Codable, Sendable, Hashable {
    case publicParticipation
    case expertArgument
    case riskAssessment
    case legalityReview
    case collectiveDiscussion

    public var label: String {
        switch self {
        case .publicParticipation: "公众参与"
        case .expertArgument: "专家论证"
        case .riskAssessment: "风险评估"
        case .legalityReview: "合法性审查"
        case .collectiveDiscussion: "集体讨论决定"
        }
    }

    /// The articles of Decree 713 that govern the procedure [verify].
    public var articles: String {
        switch self {
        case .publicParticipation: "第十四条至第十八条"
        case .expertArgument: "第十九条至第二十一条"
        case .riskAssessment: "第二十二条至第二十四条"
        case .legalityReview: "第二十五条至第二十八条"
        case .collectiveDiscussion: "第二十九条至第三十三条"
        }
    }

    /// Whether the procedure may be marked not applicable (with a recorded legal reason). See the type comment.
    public var mayBeNotApplicable: Bool {
        switch self {
        case .publicParticipation, .expertArgument, .riskAssessment: true
        case .legalityReview, .collectiveDiscussion: false
        }
    }

    /// When a procedure may be skipped, in the Decree's words, to help the clerk write the reason.
    public var notApplicableHint: String? {
        switch self {
        case .publicParticipation: "依法不予公开的决策事项（第十四条）"
        case .expertArgument: "决策事项专业性、技术性不强，无需专家论证（第十九条）"
        case .riskAssessment: "决策实施不会对社会稳定、公共安全等方面造成不利影响，或者已按有关规定进行风险评价、评估（第二十二条）"
        case .legalityReview, .collectiveDiscussion: nil
        }
    }

    /// The procedures whose record (or not-applicable reason) must be settled before the draft goes to the
    /// meeting: the meeting receives their results (art. 29), and the legality review examines whether they
    /// were performed (art. 27). The legality review itself must also have passed (art. 25), checked apart.
    public static let beforeDiscussion: [DecisionProcedure] = [.publicParticipation, .expertArgument, .riskAssessment]

    /// The archive's sentence for a procedure with neither record nor reason.
    public var missingSentence: String {
        mayBeNotApplicable ? "缺少\(label)记录或不适用理由" : "缺少\(label)记录"
    }
}

/// Where one procedure of one decision stands.
public enum ProcedureStatus: Sendable, Hashable {
    /// Neither recorded nor declared not applicable.
    case pending
    /// Its record was entered and validated.
    case complete
    /// Declared not applicable, with the legal reason (validated by `ProcedureStatus.notApplicable(_:reason:)`).
    case notApplicable(reason: String)

    /// Stable text for a database column: `pending`, `complete`, `notApplicable` (the reason is stored apart).
    public var code: String {
        switch self {
        case .pending: "pending"
        case .complete: "complete"
        case .notApplicable: "notApplicable"
        }
    }

    /// Reads `code` and the stored reason; nil for an unknown code.
    public init?(code: String, reason: String? = nil) {
        switch code {
        case "pending": self = .pending
        case "complete": self = .complete
        case "notApplicable": self = .notApplicable(reason: reason ?? "")
        default: return nil
        }
    }

    public var label: String {
        switch self {
        case .pending: "未完成"
        case .complete: "已完成"
        case .notApplicable: "不适用"
        }
    }

    /// The shortest reason accepted: "无" or "不需要" says nothing about the law.
    public static let minimumReasonLength = 5

    /// Validates a declaration that `procedure` does not apply. Field: `notApplicableReason`.
    public static func notApplicable(_ procedure: DecisionProcedure, reason raw: String?) -> Result<ProcedureStatus, FieldErrors> {
        let field = "notApplicableReason"
        guard procedure.mayBeNotApplicable else {
            // Arts. 25 and 30: every major decision is reviewed and discussed.
            let article = procedure == .legalityReview ? "第二十五条" : "第三十条"
            return .failure(FieldErrors(field, "\(procedure.label)是每一项重大行政决策的必经程序（《重大行政决策程序暂行条例》\(article)），不能标记为不适用。"))
        }
        var errors = FieldErrors()
        let reason = TextRule(label: "不适用的法律理由", maxLength: 1000, multiline: true).clean(raw, field: field, into: &errors)
        if let reason, reason.count < minimumReasonLength {
            errors.add(field, "「不适用的法律理由」应写明依据，至少 \(minimumReasonLength) 个字。")
        }
        guard errors.isEmpty, let reason else { return .failure(errors) }
        return .success(.notApplicable(reason: reason))
    }

    /// Complete, or not applicable with a reason for a procedure that may be skipped. A stored "not
    /// applicable" on the legality review or the discussion (imported or tampered data) does not count.
    public func isSettled(for procedure: DecisionProcedure) -> Bool {
        switch self {
        case .pending: return false
        case .complete: return true
        case .notApplicable(let reason):
            return procedure.mayBeNotApplicable
                && reason.trimmingCharacters(in: .whitespacesAndNewlines).count >= ProcedureStatus.minimumReasonLength
        }
    }
}

/// The five procedures of one decision and their statuses (absent = pending).
public struct DecisionProcedureStatuses: Sendable, Hashable {
    private var statuses: [DecisionProcedure: ProcedureStatus]

    public init(_ statuses: [DecisionProcedure: ProcedureStatus] = [:]) {
        self.statuses = statuses
    }

    /// Every procedure complete.
    public static let allComplete = DecisionProcedureStatuses(
        Dictionary(uniqueKeysWithValues: DecisionProcedure.allCases.map { ($0, ProcedureStatus.complete) }))

    public subscript(procedure: DecisionProcedure) -> ProcedureStatus {
        get { statuses[procedure] ?? .pending }
        set { statuses[procedure] = newValue }
    }

    public func isSettled(_ procedure: DecisionProcedure) -> Bool {
        self[procedure].isSettled(for: procedure)
    }

    /// Procedures neither complete nor validly not applicable, in statutory order.
    public var unsettled: [DecisionProcedure] {
        DecisionProcedure.allCases.filter { !isSettled($0) }
    }

    /// Every procedure complete or validly not applicable: the decision may be recorded.
    public var allSettled: Bool { unsettled.isEmpty }

    /// The procedures that must be settled before the meeting, still open.
    public var unsettledBeforeDiscussion: [DecisionProcedure] {
        DecisionProcedure.beforeDiscussion.filter { !isSettled($0) }
    }
}
