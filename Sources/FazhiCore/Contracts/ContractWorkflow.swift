import Foundation

/// The lifecycle of a government contract: 已提交 → 审查中 → 审查完毕 (or 退回修改) → 已签订 → 已备案 →
/// 履行完毕 or 终止; amendments (变更) are recorded on a signed or filed contract without changing its state.
public enum ContractState: String, WorkflowState {
    case submitted
    case underReview
    case reviewed
    case returned
    case signed
    case filed
    case terminated
    case completed
    /// Dropped by the submitting unit before signing.
    case withdrawn

    public var label: String {
        switch self {
        case .submitted: "已提交"
        case .underReview: "审查中"
        case .reviewed: "审查完毕"
        case .returned: "退回修改"
        case .signed: "已签订"
        case .filed: "已备案"
        case .terminated: "终止"
        case .completed: "履行完毕"
        case .withdrawn: "已撤回"
        }
    }
}

public enum ContractEvent: String, WorkflowEvent {
    /// submitted → underReview: the legal office takes the contract in (the review period starts).
    case acceptForReview
    /// underReview → reviewed: the review opinion is 同意 or 修改后同意.
    case recordReview
    /// underReview → returned: a 不同意 opinion, or the materials need changes.
    case returnForChanges
    /// returned → submitted.
    case resubmit
    /// submitted or returned → withdrawn.
    case withdraw
    /// reviewed → signed; or submitted → signed for a contract below the review threshold.
    case recordSigning
    /// signed → filed.
    case file
    /// signed → signed, filed → filed: an amendment (变更协议) is recorded.
    case amend
    /// signed or filed → terminated.
    case terminate
    /// filed → completed; signed → completed when filing is not required.
    case complete

    public var label: String {
        switch self {
        case .acceptForReview: "受理审查"
        case .recordReview: "录入审查意见"
        case .returnForChanges: "退回修改"
        case .resubmit: "重新提交"
        case .withdraw: "撤回"
        case .recordSigning: "录入签订"
        case .file: "备案"
        case .amend: "录入变更"
        case .terminate: "终止合同"
        case .complete: "履行完毕"
        }
    }

    /// The event a recorded review opinion fires: passed → `recordReview`, 不同意 → `returnForChanges`.
    public static func afterReview(passed: Bool) -> ContractEvent {
        passed ? .recordReview : .returnForChanges
    }
}

/// What the guards need, filled by the App from the contract's records.
public struct ContractContext: Sendable, Hashable {
    public var drafterUserID: UUID?
    public var actingUserID: UUID?
    /// `ContractRules.requiresReview(amount:)` for the contract's amount.
    public var reviewRequired: Bool
    /// The latest review opinion on file (the shared Review), nil if none.
    public var reviewOpinion: ReviewOpinion?
    /// The signing date passes `ContractSigning.validate`.
    public var signingRecorded: Bool
    /// The contract is of a kind that must be filed (备案); a completed contract that must be filed was filed.
    public var filingRequired: Bool
    /// An amendment (date, content) is entered.
    public var amendmentRecorded: Bool
    /// The amendment changes what was reviewed (amount, parties, main obligations) and so needs a review.
    public var amendmentReviewRequired: Bool
    public var amendmentReviewPassed: Bool
    /// Who entered the amendment that needs a review; its reviewer must be someone else.
    public var amendmentSubmitterID: UUID?
    /// Why the contract ends early (解除、终止); nil or blank = none.
    public var terminationReason: String?
    /// Why the submitting unit withdraws it; nil or blank = none.
    public var withdrawalReason: String?

    public init(drafterUserID: UUID? = nil, actingUserID: UUID? = nil, reviewRequired: Bool = true,
                reviewOpinion: ReviewOpinion? = nil, signingRecorded: Bool = false, filingRequired: Bool = true,
                amendmentRecorded: Bool = false, amendmentReviewRequired: Bool = false, amendmentReviewPassed: Bool = false,
                amendmentSubmitterID: UUID? = nil, terminationReason: String? = nil, withdrawalReason: String? = nil) {
        self.drafterUserID = drafterUserID
        self.actingUserID = actingUserID
        self.reviewRequired = reviewRequired
        self.reviewOpinion = reviewOpinion
        self.signingRecorded = signingRecorded
        self.filingRequired = filingRequired
        self.amendmentRecorded = amendmentRecorded
        self.amendmentReviewRequired = amendmentReviewRequired
        self.amendmentReviewPassed = amendmentReviewPassed
        self.amendmentSubmitterID = amendmentSubmitterID
        self.terminationReason = terminationReason
        self.withdrawalReason = withdrawalReason
    }

    public var reviewPassed: Bool { reviewOpinion?.passed == true }

    /// An amendment that needs a review is reviewed by someone other than whoever entered it; one that needs
    /// none has no reviewer to check.
    public var amendmentReviewerIsNotSubmitter: Bool {
        guard amendmentReviewRequired else { return true }
        guard let actingUserID else { return false }
        return actingUserID != amendmentSubmitterID
    }

    public var reviewerIsNotDrafter: Bool {
        guard let actingUserID else { return false }
        return actingUserID != drafterUserID
    }

    static func isBlank(_ text: String?) -> Bool {
        (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }
}

/// The contract workflow table and its guards.
public enum ContractWorkflow {
    public typealias Guard = WorkflowGuard<ContractContext>
    public typealias Definition = WorkflowDefinition<ContractState, ContractEvent, ContractContext>
    public typealias Transition = WorkflowTransition<ContractState, ContractEvent, ContractContext>

    /// The legality review clears the contract before it is signed (docs/ARCHITECTURE.md "Legality review").
    public static let reviewPassed = Guard("合法性审查未通过（审查意见应为「同意」或「修改后同意」），合同不能签订。") { $0.reviewPassed }

    public static let reviewerIsNotDrafter = Guard("审查人不能是该合同的送审人，请由法制机构其他工作人员审查。") {
        $0.reviewerIsNotDrafter
    }

    /// Below the review threshold (`ContractRules.reviewThreshold`) a contract may be signed without review.
    public static let reviewNotRequired = Guard("合同金额达到须经法制机构审查的数额，应当先经合法性审查再签订。") { !$0.reviewRequired }

    public static let signingRecorded = Guard("尚未录入签订日期，或签订日期早于审查意见日期。") { $0.signingRecorded }

    public static let filingNotRequired = Guard("该合同须备案，请先办理备案。") { !$0.filingRequired }

    public static let amendmentRecorded = Guard("尚未录入变更内容和变更日期。") { $0.amendmentRecorded }

    public static let amendmentReviewPassed = Guard("变更涉及合同金额、当事人或主要权利义务的，变更协议应当经合法性审查通过。") {
        !$0.amendmentReviewRequired || $0.amendmentReviewPassed
    }

    public static let amendmentReviewerIsNotSubmitter = Guard("变更协议的审查人不能是录入该变更的人，请由法制机构其他工作人员审查。") {
        $0.amendmentReviewerIsNotSubmitter
    }

    public static let terminationReasonRecorded = Guard("终止合同应当记录理由。") { !ContractContext.isBlank($0.terminationReason) }

    public static let withdrawalReasonRecorded = Guard("撤回合同应当记录理由。") { !ContractContext.isBlank($0.withdrawalReason) }

    /// The one table. Unit staff submit, sign, amend and close their own unit's contracts (ownership checked
    /// by the App); the legal office reviews, files and may do everything; leaders and administrators nothing.
    public static func definition() -> Definition {
        let drafters: Set<Role> = [.unitStaff, .legalOffice]
        let office: Set<Role> = [.legalOffice]
        return Definition(caseType: "contract", initial: .submitted, transitions: [
            .init(.submitted, .acceptForReview, by: office, to: .underReview),
            .init(.submitted, .recordSigning, by: drafters, to: .signed, guards: [reviewNotRequired, signingRecorded]),
            .init(.submitted, .withdraw, by: drafters, to: .withdrawn, guards: [withdrawalReasonRecorded]),
            .init(.underReview, .recordReview, by: office, to: .reviewed, guards: [reviewerIsNotDrafter, reviewPassed]),
            .init(.underReview, .returnForChanges, by: office, to: .returned, guards: [reviewerIsNotDrafter]),
            .init(.returned, .resubmit, by: drafters, to: .submitted),
            .init(.returned, .withdraw, by: drafters, to: .withdrawn, guards: [withdrawalReasonRecorded]),
            .init(.reviewed, .recordSigning, by: drafters, to: .signed, guards: [reviewPassed, signingRecorded]),
            .init(.signed, .file, by: office, to: .filed),
            .init(.signed, .amend, by: drafters, to: .signed, guards: [amendmentRecorded, amendmentReviewPassed, amendmentReviewerIsNotSubmitter]),
            .init(.signed, .terminate, by: drafters, to: .terminated, guards: [terminationReasonRecorded]),
            .init(.signed, .complete, by: drafters, to: .completed, guards: [filingNotRequired]),
            .init(.filed, .amend, by: drafters, to: .filed, guards: [amendmentRecorded, amendmentReviewPassed, amendmentReviewerIsNotSubmitter]),
            .init(.filed, .terminate, by: drafters, to: .terminated, guards: [terminationReasonRecorded]),
            .init(.filed, .complete, by: drafters, to: .completed),
        ])
    }
}
