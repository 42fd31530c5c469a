import Foundation

/// One amendment (变更) of a signed or filed contract, an entry of its 变更与终止 list. An amendment that
/// changes what was reviewed (amount, parties, main obligations) waits for its own legality review and takes
/// effect only if that passes; one that does not is in effect as soon as it is entered.
///
/// The raw values are what `contract_changes.kind` has always stored; they must not change (an existing
/// database keeps its rows as they are).
public enum ContractAmendmentState: String, WorkflowState {
    /// Being entered. Never stored: the row is written in the state its first event leads to.
    case entered = "amendment.entered"
    /// Waiting for its legality review.
    case pendingReview = "amendment.pending"
    /// In effect (without review, or after a review of 同意 / 修改后同意).
    case inEffect = "amended"
    /// The review did not pass (不同意); the contract stays as signed. A changed amendment is entered anew.
    case returned = "amendment.returned"

    public var label: String {
        switch self {
        case .entered: "变更（录入中）"
        case .pendingReview: "变更（待合法性审查）"
        case .inEffect: "变更"
        case .returned: "变更（审查不同意，未生效）"
        }
    }
}

public enum ContractAmendmentEvent: String, WorkflowEvent {
    /// entered → in effect: an amendment that leaves what was reviewed as it was.
    case record
    /// entered → pending review: an amendment that changes what was reviewed.
    case submit
    /// pending review → in effect: the review opinion is 同意 or 修改后同意.
    case approve
    /// pending review → returned: the review opinion is 不同意.
    case reject = "return"

    public var label: String {
        switch self {
        case .record: "录入变更"
        case .submit: "变更送合法性审查"
        case .approve: "变更审查通过"
        case .reject: "变更审查不同意"
        }
    }

    /// The event a recorded review opinion fires: passed → `approve`, 不同意 → `reject`.
    public static func afterReview(passed: Bool) -> ContractAmendmentEvent {
        passed ? .approve : .reject
    }
}

/// What the amendment guards need, filled by the App from the amendment and the acting user.
public struct ContractAmendmentContext: Sendable, Hashable {
    /// Who entered the amendment.
    public var authorUserID: UUID?
    public var actingUserID: UUID?
    /// The amendment changes what was reviewed (amount, parties, main obligations) and so needs a review.
    public var reviewRequired: Bool
    /// The opinion of the amendment's own review, nil before it is given.
    public var reviewOpinion: ReviewOpinion?

    public init(authorUserID: UUID? = nil, actingUserID: UUID? = nil, reviewRequired: Bool = false, reviewOpinion: ReviewOpinion? = nil) {
        self.authorUserID = authorUserID
        self.actingUserID = actingUserID
        self.reviewRequired = reviewRequired
        self.reviewOpinion = reviewOpinion
    }

    /// The reviewer is known and is not whoever entered the amendment.
    public var reviewerIsNotAuthor: Bool {
        guard let actingUserID else { return false }
        return actingUserID != authorUserID
    }
}

/// The amendment workflow table and its guards.
public enum ContractAmendmentWorkflow {
    public typealias Guard = WorkflowGuard<ContractAmendmentContext>
    public typealias Definition = WorkflowDefinition<ContractAmendmentState, ContractAmendmentEvent, ContractAmendmentContext>
    public typealias Transition = WorkflowTransition<ContractAmendmentState, ContractAmendmentEvent, ContractAmendmentContext>

    /// Separation of duties: the same sentence as the contract table's guard on its `amend` step.
    public static let reviewerIsNotAuthor = Guard(ContractWorkflow.amendmentReviewerIsNotSubmitter.failure) { $0.reviewerIsNotAuthor }

    /// An amendment changing what was reviewed does not take effect by being entered.
    public static let reviewNotRequired = Guard(ContractWorkflow.amendmentReviewPassed.failure) { !$0.reviewRequired }

    public static let reviewRequired = Guard("该变更不涉及合同金额、当事人或主要权利义务，无需送合法性审查，直接录入即可。") { $0.reviewRequired }

    public static let reviewPassed = Guard("审查意见不是「同意」或「修改后同意」，变更不能生效。") { $0.reviewOpinion?.passed == true }

    public static let reviewNotPassed = Guard("审查意见为「同意」或「修改后同意」的，变更应当生效，不能退回。") {
        $0.reviewOpinion.map { !$0.passed } ?? false
    }

    /// The one table. Whoever may amend the contract enters amendments (the contract table's `amend` row
    /// decides that); the legal office reviews those that need it, never its own.
    public static func definition() -> Definition {
        let drafters: Set<Role> = [.unitStaff, .legalOffice]
        let office: Set<Role> = [.legalOffice]
        return Definition(caseType: "contractAmendment", initial: .entered, transitions: [
            .init(.entered, .record, by: drafters, to: .inEffect, guards: [reviewNotRequired]),
            .init(.entered, .submit, by: drafters, to: .pendingReview, guards: [reviewRequired]),
            .init(.pendingReview, .approve, by: office, to: .inEffect, guards: [reviewerIsNotAuthor, reviewPassed]),
            .init(.pendingReview, .reject, by: office, to: .returned, guards: [reviewerIsNotAuthor, reviewNotPassed]),
        ])
    }

    /// The event that enters an amendment: `submit` when it needs a review, `record` when it does not.
    public static func entry(reviewRequired: Bool) -> ContractAmendmentEvent {
        reviewRequired ? .submit : .record
    }
}
