import Foundation

/// Moderation of public comments (held for moderation by the legal office, never lost). A comment is
/// stored as submitted and only its state changes; a rejected comment stays on file with the reason, it is
/// just not shown on the portal. Every comment counts in `commentsReceived`, whatever its state.
public enum CommentModerationState: String, WorkflowState {
    case pending
    case approved
    case rejected

    public var label: String {
        switch self {
        case .pending: "待审核"
        case .approved: "已公开"
        case .rejected: "不予公开"
        }
    }

    /// Shown on the public portal.
    public var isPublic: Bool { self == .approved }
}

public enum CommentModerationEvent: String, WorkflowEvent {
    case approve
    case reject

    public var label: String {
        switch self {
        case .approve: "公开"
        case .reject: "不予公开"
        }
    }
}

public struct CommentModerationContext: Sendable, Hashable {
    /// Why the comment is not published (e.g. 含有个人信息、与决策事项无关、含有违法内容); nil or blank = none.
    public var rejectionReason: String?

    public init(rejectionReason: String? = nil) {
        self.rejectionReason = rejectionReason
    }
}

public enum CommentModeration {
    public typealias Definition = WorkflowDefinition<CommentModerationState, CommentModerationEvent, CommentModerationContext>

    public static let rejectionReasonRecorded = WorkflowGuard<CommentModerationContext>("不予公开的，应当填写理由。") {
        !($0.rejectionReason ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }

    /// The legal office moderates. A decision can be revised either way (an approved comment later found to
    /// hold someone's personal information is withdrawn; a rejection made in error is undone).
    public static func definition() -> Definition {
        let office: Set<Role> = [.legalOffice]
        return Definition(caseType: "decision_comment", initial: .pending, transitions: [
            .init(.pending, .approve, by: office, to: .approved),
            .init(.pending, .reject, by: office, to: .rejected, guards: [rejectionReasonRecorded]),
            .init(.approved, .reject, by: office, to: .rejected, guards: [rejectionReasonRecorded]),
            .init(.rejected, .approve, by: office, to: .approved),
        ])
    }

    /// The rejection reason as typed on the moderation form. Field: `rejectionReason`.
    public static func validateRejectionReason(_ raw: String?) -> Result<String, FieldErrors> {
        var errors = FieldErrors()
        let reason = TextRule(label: "不予公开的理由", maxLength: 500, multiline: true).clean(raw, field: "rejectionReason", into: &errors)
        guard errors.isEmpty, let reason else { return .failure(errors) }
        return .success(reason)
    }
}

/// Rate limits on the comment form, per source address (the client's IP address as the App sees it):
/// at most `perAddressPerHour` comments in any 60 minutes, and at most `perAddressPerDecisionPerDay` on the
/// same decision in any 24 hours. Sliding windows, so nothing resets at midnight or on the hour.
public struct CommentRateLimit: Sendable, Hashable, Codable {
    /// One earlier submission from the same source address.
    public struct Submission: Sendable, Hashable {
        public var decisionID: UUID
        public var at: Date

        public init(decisionID: UUID, at: Date) {
            self.decisionID = decisionID
            self.at = at
        }
    }

    public enum Outcome: Sendable, Hashable {
        case allowed
        /// Refused; `retryAfter` is the first instant a submission would be accepted, `message` says so.
        case limited(retryAfter: Date, message: String)

        public var isAllowed: Bool { self == .allowed }
    }

    public var perAddressPerHour: Int
    public var perAddressPerDecisionPerDay: Int

    public static let hour: TimeInterval = 3600
    public static let day: TimeInterval = 24 * 3600

    public init(perAddressPerHour: Int = 5, perAddressPerDecisionPerDay: Int = 3) {
        self.perAddressPerHour = perAddressPerHour
        self.perAddressPerDecisionPerDay = perAddressPerDecisionPerDay
    }

    public init(rules: DecisionRules) {
        self.init(perAddressPerHour: rules.commentsPerAddressPerHour,
                  perAddressPerDecisionPerDay: rules.commentsPerAddressPerDecisionPerDay)
    }

    /// Whether one more comment on `decisionID` from the address whose earlier submissions are `recent` may be
    /// accepted at `now`. Only submissions in the last 24 hours matter; the App may pass more. Submissions
    /// dated after `now` (clock skew between app servers) count as made now.
    public func check(decisionID: UUID, now: Date, recent: [Submission]) -> Outcome {
        var limitedUntil: Date?
        let times = recent.map { min($0.at, now) }
        let lastHour = times.filter { now.timeIntervalSince($0) < CommentRateLimit.hour }.sorted()
        if lastHour.count >= perAddressPerHour {
            // The window frees up when the oldest submission that keeps it full turns an hour old.
            limitedUntil = lastHour[lastHour.count - perAddressPerHour].addingTimeInterval(CommentRateLimit.hour)
        }
        let sameDecision = recent.filter { $0.decisionID == decisionID }
            .map { min($0.at, now) }
            .filter { now.timeIntervalSince($0) < CommentRateLimit.day }
            .sorted()
        if sameDecision.count >= perAddressPerDecisionPerDay {
            let until = sameDecision[sameDecision.count - perAddressPerDecisionPerDay].addingTimeInterval(CommentRateLimit.day)
            limitedUntil = max(limitedUntil ?? until, until)
        }
        guard let retryAfter = limitedUntil else { return .allowed }
        let minutes = max(1, Int((retryAfter.timeIntervalSince(now) / 60).rounded(.up)))
        let wait = minutes >= 60 ? "\(Int((Double(minutes) / 60).rounded(.up)))小时" : "\(minutes)分钟"
        return .limited(retryAfter: retryAfter, message: "提交过于频繁：同一网络地址每小时最多提交\(perAddressPerHour)条意见，"
            + "对同一决策事项每天最多提交\(perAddressPerDecisionPerDay)条。请约\(wait)后再提交。")
    }
}
