import Foundation
import Testing
@testable import FazhiCore

@Suite("Contracts: amendment workflow table")
struct ContractAmendmentWorkflowTests {
    typealias F = ContractFixtures
    typealias Context = ContractAmendmentContext
    static let workflow = ContractAmendmentWorkflow.definition()

    static let authorReviewer = "变更协议的审查人不能是录入该变更的人，请由法制机构其他工作人员审查。"

    /// Entered by the drafter, reviewed by someone else with 同意.
    static let ready = Context(authorUserID: F.drafter, actingUserID: F.reviewer, reviewRequired: true, reviewOpinion: .agree)

    static func ready(_ change: (inout Context) -> Void) -> Context {
        var context = ready
        change(&context)
        return context
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var from: ContractAmendmentState
        var event: ContractAmendmentEvent
        var roles: Set<Role>
        var context: Context = ContractAmendmentWorkflowTests.ready
        var to: ContractAmendmentState?
        var refusal: WorkflowRefusal.Reason?
        var message: String?
        var testDescription: String {
            "\(from.label) ×「\(event.label)」× \(roles.sorted().map(\.label)) → \(to?.label ?? message ?? "\(refusal.map { "\($0)" } ?? "")")"
        }
    }

    static let rows: [Row] = [
        // Entering: with or without a review, by whoever may amend the contract.
        Row(from: .entered, event: .submit, roles: [.unitStaff], to: .pendingReview),
        Row(from: .entered, event: .submit, roles: [.legalOffice], to: .pendingReview),
        Row(from: .entered, event: .record, roles: [.unitStaff], context: ready { $0.reviewRequired = false }, to: .inEffect),
        Row(from: .entered, event: .record, roles: [.unitStaff], refusal: .guardFailed,
            message: "变更涉及合同金额、当事人或主要权利义务的，变更协议应当经合法性审查通过。"),
        Row(from: .entered, event: .submit, roles: [.unitStaff], context: ready { $0.reviewRequired = false }, refusal: .guardFailed,
            message: "该变更不涉及合同金额、当事人或主要权利义务，无需送合法性审查，直接录入即可。"),

        // The review: 同意 and 修改后同意 put it in effect, 不同意 returns it.
        Row(from: .pendingReview, event: .approve, roles: [.legalOffice], to: .inEffect),
        Row(from: .pendingReview, event: .approve, roles: [.legalOffice], context: ready { $0.reviewOpinion = .agreeWithChanges }, to: .inEffect),
        Row(from: .pendingReview, event: .reject, roles: [.legalOffice], context: ready { $0.reviewOpinion = .disagree }, to: .returned),
        Row(from: .pendingReview, event: .approve, roles: [.legalOffice], context: ready { $0.reviewOpinion = .disagree }, refusal: .guardFailed,
            message: "审查意见不是「同意」或「修改后同意」，变更不能生效。"),
        Row(from: .pendingReview, event: .approve, roles: [.legalOffice], context: ready { $0.reviewOpinion = nil }, refusal: .guardFailed),
        Row(from: .pendingReview, event: .reject, roles: [.legalOffice], refusal: .guardFailed,
            message: "审查意见为「同意」或「修改后同意」的，变更应当生效，不能退回。"),

        // Its author may not review it, either way, even in the legal office; nor may an unknown reviewer.
        Row(from: .pendingReview, event: .approve, roles: [.legalOffice], context: ready { $0.actingUserID = F.drafter }, refusal: .guardFailed,
            message: authorReviewer),
        Row(from: .pendingReview, event: .reject, roles: [.legalOffice], context: ready { $0.actingUserID = F.drafter; $0.reviewOpinion = .disagree },
            refusal: .guardFailed, message: authorReviewer),
        Row(from: .pendingReview, event: .approve, roles: [.legalOffice], context: ready { $0.actingUserID = nil }, refusal: .guardFailed,
            message: authorReviewer),
        // The author check comes before the opinion check: an author is told why, whatever they chose.
        Row(from: .pendingReview, event: .approve, roles: [.legalOffice], context: ready { $0.actingUserID = F.drafter; $0.reviewOpinion = .disagree },
            refusal: .guardFailed, message: authorReviewer),

        // Roles.
        Row(from: .pendingReview, event: .approve, roles: [.unitStaff], refusal: .roleNotAllowed, message: "「变更审查通过」只能由法制机构执行。"),
        Row(from: .pendingReview, event: .reject, roles: [.unitStaff], context: ready { $0.reviewOpinion = .disagree }, refusal: .roleNotAllowed),
        Row(from: .entered, event: .submit, roles: [.leader], refusal: .roleNotAllowed),
        Row(from: .entered, event: .record, roles: [.admin], context: ready { $0.reviewRequired = false }, refusal: .roleNotAllowed),

        // Not in the table: a reviewed amendment is never reviewed again, nor entered again.
        Row(from: .inEffect, event: .approve, roles: [.legalOffice], refusal: .notInTable,
            message: "当前状态为「变更」，不能执行「变更审查通过」。"),
        Row(from: .returned, event: .approve, roles: [.legalOffice], refusal: .notInTable),
        Row(from: .returned, event: .reject, roles: [.legalOffice], context: ready { $0.reviewOpinion = .disagree }, refusal: .notInTable),
        Row(from: .returned, event: .submit, roles: [.unitStaff], refusal: .notInTable),
        Row(from: .pendingReview, event: .submit, roles: [.unitStaff], refusal: .notInTable),
        Row(from: .entered, event: .approve, roles: [.legalOffice], refusal: .notInTable),
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

    /// A context where every guard of `transition` holds.
    static func passing(_ transition: ContractAmendmentWorkflow.Transition) -> Context {
        ready {
            if transition.event == .record { $0.reviewRequired = false }
            if transition.event == .reject { $0.reviewOpinion = .disagree }
        }
    }

    @Test func everyGuardRefusesWithItsSentence() {
        let changes: [(inout Context) -> Void] = [
            { $0.reviewRequired.toggle() }, { $0.actingUserID = $0.authorUserID }, { $0.actingUserID = nil },
            { $0.reviewOpinion = nil }, { $0.reviewOpinion = .disagree }, { $0.reviewOpinion = .agree },
        ]
        for transition in Self.workflow.transitions {
            for (index, guardRule) in transition.guards.enumerated() {
                let first = changes.map { change in
                    var context = Self.passing(transition)
                    change(&context)
                    return context
                }.filter { context in
                    !guardRule.holds(context) && transition.guards[..<index].allSatisfy { $0.holds(context) }
                }
                #expect(!first.isEmpty, "no context reaches「\(guardRule.failure)」on \(transition.event)")
                for context in first {
                    let result = Self.workflow.apply(transition.event, from: transition.from, roles: transition.roles, context: context)
                    if case .failure(let refusal) = result { #expect(refusal.message == guardRule.failure) } else { Issue.record("accepted") }
                }
            }
        }
    }

    @Test func everyRowFiresForItsRolesOnly() {
        for transition in Self.workflow.transitions {
            for role in Role.allCases {
                let result = Self.workflow.apply(transition.event, from: transition.from, roles: [role], context: Self.passing(transition))
                if transition.roles.contains(role) {
                    #expect((try? result.get())?.to == transition.to, "\(transition.from) \(transition.event) by \(role)")
                } else if case .failure(let refusal) = result {
                    #expect(refusal.reason == .roleNotAllowed)
                } else {
                    Issue.record("\(transition.from) \(transition.event) accepted from \(role)")
                }
            }
            #expect(!transition.roles.contains(.leader) && !transition.roles.contains(.admin))
        }
    }

    /// What `contract_changes.kind` stores: exactly the strings of existing databases.
    @Test func storedValuesAreTheExistingOnes() {
        #expect(ContractAmendmentState.pendingReview.rawValue == "amendment.pending")
        #expect(ContractAmendmentState.inEffect.rawValue == "amended")
        #expect(ContractAmendmentState.returned.rawValue == "amendment.returned")
        // The entry state is never written: every row of the table leaving it lands on a stored state.
        #expect(Self.workflow.transitions.allSatisfy { $0.to != .entered })
    }

    @Test func shape() {
        #expect(Self.workflow.caseType == "contractAmendment")
        #expect(Self.workflow.initial == .entered)
        #expect(Self.workflow.unreachableStates.isEmpty)
        #expect(Self.workflow.terminalStates == [.inEffect, .returned])
        #expect(ContractAmendmentEvent.afterReview(passed: true) == .approve)
        #expect(ContractAmendmentEvent.afterReview(passed: false) == .reject)
        #expect(ContractAmendmentWorkflow.entry(reviewRequired: true) == .submit)
        #expect(ContractAmendmentWorkflow.entry(reviewRequired: false) == .record)
        // The amendment's guards speak the contract table's sentences where they say the same thing.
        #expect(ContractAmendmentWorkflow.reviewerIsNotAuthor.failure == ContractWorkflow.amendmentReviewerIsNotSubmitter.failure)
        #expect(ContractAmendmentWorkflow.reviewNotRequired.failure == ContractWorkflow.amendmentReviewPassed.failure)
    }

    /// Entered, returned with 不同意; entered again, passed with 修改后同意.
    @Test func lifecycle() throws {
        func fire(_ event: ContractAmendmentEvent, from state: ContractAmendmentState, _ roles: Set<Role>, _ context: Context) throws -> ContractAmendmentState {
            try Self.workflow.apply(event, from: state, roles: roles, context: context).get().to
        }
        let entering = Context(authorUserID: F.drafter, actingUserID: F.drafter, reviewRequired: true)
        var first = try fire(.submit, from: Self.workflow.initial, [.unitStaff], entering)
        #expect(first == .pendingReview)
        #expect(throws: WorkflowRefusal.self) { try fire(.reject, from: first, [.legalOffice], Self.ready { $0.actingUserID = F.drafter; $0.reviewOpinion = .disagree }) }
        first = try fire(ContractAmendmentEvent.afterReview(passed: false), from: first, [.legalOffice], Self.ready { $0.reviewOpinion = .disagree })
        #expect(first == .returned)
        var second = try fire(.submit, from: Self.workflow.initial, [.unitStaff], entering)
        second = try fire(ContractAmendmentEvent.afterReview(passed: true), from: second, [.legalOffice], Self.ready { $0.reviewOpinion = .agreeWithChanges })
        #expect(second == .inEffect)
        #expect(try fire(.record, from: Self.workflow.initial, [.unitStaff], Context(authorUserID: F.drafter, actingUserID: F.drafter)) == .inEffect)
    }
}
