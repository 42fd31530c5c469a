import Foundation
import Testing
@testable import FazhiCore

@Suite("Contracts: workflow table")
struct ContractWorkflowTests {
    typealias F = ContractFixtures
    static let workflow = ContractWorkflow.definition()

    static let ready = ContractContext(
        drafterUserID: F.drafter, actingUserID: F.reviewer, reviewRequired: true, reviewOpinion: .agree, signingRecorded: true,
        filingRequired: true, amendmentRecorded: true, amendmentReviewRequired: false, amendmentReviewPassed: false,
        terminationReason: "对方违约，依约解除", withdrawalReason: "项目取消")

    static func ready(_ change: (inout ContractContext) -> Void) -> ContractContext {
        var context = ready
        change(&context)
        return context
    }

    static let notPassed = "合法性审查未通过（审查意见应为「同意」或「修改后同意」），合同不能签订。"

    struct Row: Sendable, CustomTestStringConvertible {
        var from: ContractState
        var event: ContractEvent
        var roles: Set<Role>
        var context: ContractContext = ContractWorkflowTests.ready
        var to: ContractState?
        var refusal: WorkflowRefusal.Reason?
        var message: String?
        var testDescription: String {
            "\(from.label) ×「\(event.label)」× \(roles.sorted().map(\.label)) → \(to?.label ?? message ?? "\(refusal.map { "\($0)" } ?? "")")"
        }
    }

    static let rows: [Row] = [
        Row(from: .submitted, event: .acceptForReview, roles: [.legalOffice], to: .underReview),
        Row(from: .underReview, event: .recordReview, roles: [.legalOffice], to: .reviewed),
        Row(from: .underReview, event: .recordReview, roles: [.legalOffice], context: ready { $0.reviewOpinion = .agreeWithChanges }, to: .reviewed),
        Row(from: .underReview, event: .returnForChanges, roles: [.legalOffice], context: ready { $0.reviewOpinion = .disagree }, to: .returned),
        Row(from: .returned, event: .resubmit, roles: [.unitStaff], to: .submitted),
        Row(from: .reviewed, event: .recordSigning, roles: [.unitStaff], to: .signed),
        Row(from: .signed, event: .file, roles: [.legalOffice], to: .filed),
        Row(from: .filed, event: .amend, roles: [.unitStaff], to: .filed),
        Row(from: .signed, event: .amend, roles: [.unitStaff], context: ready { $0.amendmentReviewRequired = true; $0.amendmentReviewPassed = true }, to: .signed),
        Row(from: .filed, event: .complete, roles: [.unitStaff], to: .completed),
        Row(from: .filed, event: .terminate, roles: [.unitStaff], to: .terminated),
        Row(from: .signed, event: .terminate, roles: [.legalOffice], to: .terminated),
        Row(from: .signed, event: .complete, roles: [.unitStaff], context: ready { $0.filingRequired = false }, to: .completed),
        Row(from: .submitted, event: .recordSigning, roles: [.unitStaff], context: ready { $0.reviewRequired = false; $0.reviewOpinion = nil }, to: .signed),
        Row(from: .submitted, event: .withdraw, roles: [.unitStaff], to: .withdrawn),
        Row(from: .returned, event: .withdraw, roles: [.unitStaff], to: .withdrawn),

        // Guards.
        Row(from: .underReview, event: .recordReview, roles: [.legalOffice], context: ready { $0.reviewOpinion = .disagree },
            refusal: .guardFailed, message: notPassed),
        Row(from: .underReview, event: .recordReview, roles: [.legalOffice], context: ready { $0.reviewOpinion = nil },
            refusal: .guardFailed, message: notPassed),
        Row(from: .underReview, event: .recordReview, roles: [.legalOffice], context: ready { $0.actingUserID = F.drafter },
            refusal: .guardFailed, message: "审查人不能是该合同的送审人，请由法制机构其他工作人员审查。"),
        Row(from: .reviewed, event: .recordSigning, roles: [.unitStaff], context: ready { $0.reviewOpinion = .disagree },
            refusal: .guardFailed, message: notPassed),
        Row(from: .reviewed, event: .recordSigning, roles: [.unitStaff], context: ready { $0.signingRecorded = false },
            refusal: .guardFailed, message: "尚未录入签订日期，或签订日期早于审查意见日期。"),
        Row(from: .submitted, event: .recordSigning, roles: [.unitStaff],
            refusal: .guardFailed, message: "合同金额达到须经法制机构审查的数额，应当先经合法性审查再签订。"),
        Row(from: .signed, event: .complete, roles: [.unitStaff], refusal: .guardFailed, message: "该合同须备案，请先办理备案。"),
        Row(from: .filed, event: .amend, roles: [.unitStaff], context: ready { $0.amendmentRecorded = false },
            refusal: .guardFailed, message: "尚未录入变更内容和变更日期。"),
        Row(from: .filed, event: .amend, roles: [.unitStaff], context: ready { $0.amendmentReviewRequired = true },
            refusal: .guardFailed, message: "变更涉及合同金额、当事人或主要权利义务的，变更协议应当经合法性审查通过。"),
        Row(from: .filed, event: .amend, roles: [.legalOffice],
            context: ready { $0.amendmentReviewRequired = true; $0.amendmentReviewPassed = true; $0.amendmentSubmitterID = F.reviewer },
            refusal: .guardFailed, message: "变更协议的审查人不能是录入该变更的人，请由法制机构其他工作人员审查。"),
        Row(from: .signed, event: .amend, roles: [.legalOffice],
            context: ready { $0.amendmentReviewRequired = true; $0.amendmentReviewPassed = true; $0.actingUserID = nil },
            refusal: .guardFailed, message: "变更协议的审查人不能是录入该变更的人，请由法制机构其他工作人员审查。"),
        Row(from: .filed, event: .amend, roles: [.legalOffice],
            context: ready { $0.amendmentReviewRequired = true; $0.amendmentReviewPassed = true; $0.amendmentSubmitterID = F.drafter }, to: .filed),
        // An amendment needing no review is entered by whoever is acting; no reviewer to separate.
        Row(from: .signed, event: .amend, roles: [.unitStaff], context: ready { $0.amendmentSubmitterID = F.reviewer }, to: .signed),
        Row(from: .filed, event: .terminate, roles: [.unitStaff], context: ready { $0.terminationReason = " " },
            refusal: .guardFailed, message: "终止合同应当记录理由。"),
        Row(from: .submitted, event: .withdraw, roles: [.unitStaff], context: ready { $0.withdrawalReason = nil },
            refusal: .guardFailed, message: "撤回合同应当记录理由。"),

        // Roles.
        Row(from: .submitted, event: .acceptForReview, roles: [.unitStaff], refusal: .roleNotAllowed, message: "「受理审查」只能由法制机构执行。"),
        Row(from: .signed, event: .file, roles: [.unitStaff], refusal: .roleNotAllowed),
        Row(from: .reviewed, event: .recordSigning, roles: [.leader], refusal: .roleNotAllowed),
        Row(from: .filed, event: .complete, roles: [.admin], refusal: .roleNotAllowed),

        // Not in the table.
        Row(from: .submitted, event: .file, roles: [.legalOffice], refusal: .notInTable, message: "当前状态为「已提交」，不能执行「备案」。"),
        Row(from: .returned, event: .recordSigning, roles: [.legalOffice], refusal: .notInTable),
        Row(from: .underReview, event: .recordSigning, roles: [.legalOffice], refusal: .notInTable),
        Row(from: .reviewed, event: .file, roles: [.legalOffice], refusal: .notInTable),
        Row(from: .signed, event: .withdraw, roles: [.legalOffice], refusal: .notInTable),
        Row(from: .completed, event: .amend, roles: [.legalOffice], refusal: .notInTable),
        Row(from: .terminated, event: .complete, roles: [.legalOffice], refusal: .notInTable),
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
    static func passing(_ transition: ContractWorkflow.Transition) -> ContractContext {
        ready {
            if transition.from == .submitted && transition.event == .recordSigning { $0.reviewRequired = false }
            if transition.from == .signed && transition.event == .complete { $0.filingRequired = false }
        }
    }

    static func oneThingWrong(_ base: ContractContext) -> [ContractContext] {
        let changes: [(inout ContractContext) -> Void] = [
            { $0.reviewOpinion = .disagree }, { $0.reviewOpinion = nil }, { $0.actingUserID = $0.drafterUserID }, { $0.actingUserID = nil },
            { $0.reviewRequired.toggle() }, { $0.signingRecorded = false }, { $0.filingRequired.toggle() }, { $0.amendmentRecorded = false },
            { $0.amendmentReviewRequired = true; $0.amendmentReviewPassed = false },
            { $0.amendmentReviewRequired = true; $0.amendmentReviewPassed = true; $0.amendmentSubmitterID = $0.actingUserID }, { $0.terminationReason = nil }, { $0.withdrawalReason = nil },
        ]
        return changes.map { change in
            var context = base
            change(&context)
            return context
        }
    }

    @Test func everyGuardRefusesWithItsSentence() {
        for transition in Self.workflow.transitions {
            for (index, guardRule) in transition.guards.enumerated() {
                let first = Self.oneThingWrong(Self.passing(transition)).filter { context in
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

    @Test func shape() {
        #expect(Self.workflow.caseType == "contract")
        #expect(Self.workflow.initial == .submitted)
        #expect(Self.workflow.unreachableStates.isEmpty)
        #expect(Self.workflow.terminalStates == [.terminated, .completed, .withdrawn])
        #expect(ContractEvent.afterReview(passed: true) == .recordReview)
        #expect(ContractEvent.afterReview(passed: false) == .returnForChanges)
        #expect(ContractState.allCases.map(\.label) == ["已提交", "审查中", "审查完毕", "退回修改", "已签订", "已备案", "终止", "履行完毕", "已撤回"])
    }

    /// Submitted, returned once with 不同意, resubmitted, reviewed, signed, filed, amended, completed.
    @Test func fullLifecycle() throws {
        var state = ContractState.submitted
        var context = ContractContext(drafterUserID: F.drafter, actingUserID: F.reviewer)
        func fire(_ event: ContractEvent, _ roles: Set<Role>) throws {
            state = try Self.workflow.apply(event, from: state, roles: roles, context: context).get().to
        }
        try fire(.acceptForReview, [.legalOffice])
        context.reviewOpinion = .disagree
        try fire(ContractEvent.afterReview(passed: false), [.legalOffice])
        #expect(state == .returned)
        try fire(.resubmit, [.unitStaff])
        try fire(.acceptForReview, [.legalOffice])
        context.reviewOpinion = .agreeWithChanges
        try fire(ContractEvent.afterReview(passed: true), [.legalOffice])
        #expect(throws: WorkflowRefusal.self) { try fire(.recordSigning, [.unitStaff]) }
        context.signingRecorded = true
        try fire(.recordSigning, [.unitStaff])
        try fire(.file, [.legalOffice])
        context.amendmentRecorded = true
        try fire(.amend, [.unitStaff])
        try fire(.complete, [.unitStaff])
        #expect(state == .completed)
    }
}
