import Foundation
import Testing
@testable import FazhiCore

@Suite("Decisions: comment moderation and rate limits")
struct CommentModerationTests {
    typealias F = DecisionFixtures
    static let workflow = CommentModeration.definition()
    static let reason = CommentModerationContext(rejectionReason: "含有他人个人信息")

    struct ModerationCase: Sendable, CustomTestStringConvertible {
        var from: CommentModerationState
        var event: CommentModerationEvent
        var roles: Set<Role> = [.legalOffice]
        var context: CommentModerationContext = CommentModerationTests.reason
        var to: CommentModerationState?
        var testDescription: String { "\(from.label) ×「\(event.label)」→ \(to?.label ?? "refused")" }
    }

    @Test(arguments: [
        ModerationCase(from: .pending, event: .approve, to: .approved),
        ModerationCase(from: .pending, event: .reject, to: .rejected),
        ModerationCase(from: .approved, event: .reject, to: .rejected),
        ModerationCase(from: .rejected, event: .approve, context: CommentModerationContext(), to: .approved),
        ModerationCase(from: .pending, event: .reject, context: CommentModerationContext(rejectionReason: " ")),
        ModerationCase(from: .pending, event: .approve, roles: [.unitStaff]),
        ModerationCase(from: .pending, event: .approve, roles: [.leader]),
        ModerationCase(from: .approved, event: .approve),
        ModerationCase(from: .rejected, event: .reject),
    ])
    func moderation(_ row: ModerationCase) {
        let result = Self.workflow.apply(row.event, from: row.from, roles: row.roles, context: row.context)
        #expect((try? result.get())?.to == row.to)
    }

    @Test func moderationShape() {
        #expect(Self.workflow.initial == .pending)
        #expect(Self.workflow.unreachableStates.isEmpty)
        #expect(CommentModerationState.allCases.filter(\.isPublic) == [.approved])
        let refused = Self.workflow.apply(.reject, from: .pending, roles: [.legalOffice], context: CommentModerationContext())
        #expect(decisionRefusalText(refused) == "不予公开的，应当填写理由。")
        #expect(CommentModeration.validateRejectionReason("  与本决策事项无关 ") == .success("与本决策事项无关"))
        #expect(F.errorsOf(CommentModeration.validateRejectionReason(""))?["rejectionReason"] == ["请填写「不予公开的理由」。"])
    }

    // MARK: Rate limits

    static let now = Date(timeIntervalSince1970: 1_600_000_000)

    static func ago(_ minutes: Double, _ decision: UUID = F.decisionA) -> CommentRateLimit.Submission {
        CommentRateLimit.Submission(decisionID: decision, at: now.addingTimeInterval(-minutes * 60))
    }

    struct RateCase: Sendable, CustomTestStringConvertible {
        var name: String
        var recent: [CommentRateLimit.Submission]
        var decision = F.decisionA
        /// Minutes from now until allowed; nil = allowed now.
        var retryInMinutes: Double?
        var testDescription: String { name }
    }

    @Test(arguments: [
        RateCase(name: "first comment", recent: []),
        RateCase(name: "two on A, one on B", recent: [ago(5), ago(10), ago(15, F.decisionB)]),
        RateCase(name: "third on A today", recent: [ago(100), ago(200), ago(300)], retryInMinutes: 24 * 60 - 300),
        RateCase(name: "third on A, one outside the day", recent: [ago(100), ago(200), ago(24 * 60)]),
        RateCase(name: "third on A, on B allowed", recent: [ago(100), ago(200), ago(300)], decision: F.decisionB),
        RateCase(name: "five in the hour", recent: [ago(1, F.decisionB), ago(2), ago(3, F.decisionB), ago(4), ago(50, F.decisionB)],
                 decision: UUID(), retryInMinutes: 10),
        RateCase(name: "five, oldest just an hour old", recent: [ago(1, F.decisionB), ago(2), ago(3, F.decisionB), ago(4, F.decisionB), ago(60, F.decisionB)],
                 decision: UUID()),
        // Back under the limit once two have aged out: the one 25 minutes old is an hour old in 35.
        RateCase(name: "six in the hour", recent: (1...6).map { ago(Double($0) * 5, UUID()) }, decision: UUID(), retryInMinutes: 35),
        RateCase(name: "future-dated counts as now", recent: [CommentRateLimit.Submission(decisionID: F.decisionA, at: now.addingTimeInterval(600)),
                                                                ago(1), ago(2)], retryInMinutes: 24 * 60 - 2),
        RateCase(name: "both limits: the later wins", recent: [ago(10), ago(20), ago(30), ago(40, F.decisionB), ago(50, F.decisionB)],
                 retryInMinutes: 24 * 60 - 30),
    ])
    func rateLimit(_ row: RateCase) {
        let outcome = CommentRateLimit().check(decisionID: row.decision, now: Self.now, recent: row.recent)
        switch (outcome, row.retryInMinutes) {
        case (.allowed, nil):
            break
        case (.limited(let retryAfter, let message), let minutes?):
            #expect(retryAfter == Self.now.addingTimeInterval(minutes * 60))
            #expect(message.hasPrefix("提交过于频繁：同一网络地址每小时最多提交5条意见，对同一决策事项每天最多提交3条。"))
        default:
            Issue.record("got \(outcome)")
        }
    }

    @Test func settingsDriveTheLimits() {
        let limit = CommentRateLimit(rules: DecisionRules(commentsPerAddressPerHour: 1, commentsPerAddressPerDecisionPerDay: 1))
        #expect(limit.check(decisionID: F.decisionA, now: Self.now, recent: []).isAllowed)
        guard case .limited(_, let message) = limit.check(decisionID: F.decisionB, now: Self.now, recent: [Self.ago(59)]) else {
            Issue.record("allowed")
            return
        }
        #expect(message == "提交过于频繁：同一网络地址每小时最多提交1条意见，对同一决策事项每天最多提交1条。请约1分钟后再提交。")
        guard case .limited(_, let dayMessage) = limit.check(decisionID: F.decisionA, now: Self.now, recent: [Self.ago(61)]) else {
            Issue.record("allowed")
            return
        }
        #expect(dayMessage.hasSuffix("请约23小时后再提交。"))
        #expect(CommentRateLimit() == CommentRateLimit(rules: .default))
    }
}
