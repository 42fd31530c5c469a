import Testing
@testable import FazhiCore

/// The engine against a small table shaped like the modules' (draft → review → decided).
enum SampleState: String, WorkflowState {
    case draft, inReview, approved, rejected, withdrawn
    var label: String { rawValue }
}

enum SampleEvent: String, WorkflowEvent {
    case submit, approve, reject, withdraw, reopen
    var label: String { rawValue }
}

struct SampleContext: Sendable {
    var reviewPassed = true
    var reviewerIsDrafter = false
}

let sampleWorkflow = WorkflowDefinition<SampleState, SampleEvent, SampleContext>(
    caseType: "sample", initial: .draft,
    transitions: [
        .init(.draft, .submit, by: [.unitStaff, .legalOffice], to: .inReview),
        .init(.draft, .withdraw, by: [.unitStaff], to: .withdrawn),
        .init(.inReview, .approve, by: [.legalOffice], to: .approved, guards: [
            .init("合法性审查未通过。") { $0.reviewPassed },
            .init("审查人不能是起草人。") { !$0.reviewerIsDrafter },
        ]),
        .init(.inReview, .reject, by: [.legalOffice], to: .rejected),
    ])

@Suite("Workflow engine")
struct WorkflowEngineTests {
    @Test(arguments: [
        (SampleState.draft, SampleEvent.submit, Set<Role>([.unitStaff]), SampleContext(), SampleState?.some(.inReview), WorkflowRefusal.Reason?.none),
        (.draft, .submit, [.legalOffice], SampleContext(), .inReview, nil),
        (.draft, .submit, [.leader], SampleContext(), nil, .roleNotAllowed),
        (.draft, .submit, [], SampleContext(), nil, .roleNotAllowed),
        (.draft, .approve, [.legalOffice], SampleContext(), nil, .notInTable),
        (.inReview, .approve, [.legalOffice], SampleContext(), .approved, nil),
        (.inReview, .approve, [.legalOffice], SampleContext(reviewPassed: false), nil, .guardFailed),
        (.inReview, .approve, [.legalOffice], SampleContext(reviewerIsDrafter: true), nil, .guardFailed),
        (.inReview, .approve, [.unitStaff, .leader], SampleContext(), nil, .roleNotAllowed),
        (.inReview, .approve, [.unitStaff, .legalOffice], SampleContext(), .approved, nil),
        (.approved, .reject, [.legalOffice], SampleContext(), nil, .notInTable),
        (.withdrawn, .reopen, [.admin, .legalOffice, .unitStaff, .leader], SampleContext(), nil, .notInTable),
    ] as [(SampleState, SampleEvent, Set<Role>, SampleContext, SampleState?, WorkflowRefusal.Reason?)])
    func table(from: SampleState, event: SampleEvent, roles: Set<Role>, context: SampleContext, to: SampleState?, refusal: WorkflowRefusal.Reason?) {
        switch sampleWorkflow.apply(event, from: from, roles: roles, context: context) {
        case .success(let transition):
            #expect(transition.to == to)
            #expect(refusal == nil)
        case .failure(let error):
            #expect(error.reason == refusal)
            #expect(to == nil)
            #expect(!error.message.isEmpty)
        }
    }

    @Test func refusalsNameWhatIsMissing() {
        let guardFailure = sampleWorkflow.apply(.approve, from: .inReview, roles: [.legalOffice], context: SampleContext(reviewerIsDrafter: true))
        #expect(guardFailure.failureMessage == "审查人不能是起草人。")
        let role = sampleWorkflow.apply(.approve, from: .inReview, roles: [.unitStaff], context: SampleContext())
        #expect(role.failureMessage?.contains("法制机构") == true)
        let table = sampleWorkflow.apply(.approve, from: .draft, roles: [.legalOffice], context: SampleContext())
        #expect(table.failureMessage?.contains("draft") == true)
    }

    @Test func availableEventsFollowRolesAndGuards() {
        #expect(sampleWorkflow.available(from: .draft, roles: [.unitStaff], context: SampleContext()).map(\.event) == [.submit, .withdraw])
        #expect(sampleWorkflow.available(from: .draft, roles: [.leader], context: SampleContext()).isEmpty)
        #expect(sampleWorkflow.available(from: .inReview, roles: [.legalOffice], context: SampleContext(reviewPassed: false)).map(\.event) == [.reject])
    }

    @Test func tableShape() {
        #expect(sampleWorkflow.terminalStates == [.approved, .rejected, .withdrawn])
        #expect(sampleWorkflow.unreachableStates.isEmpty)
        let partial = WorkflowDefinition<SampleState, SampleEvent, SampleContext>(
            caseType: "partial", initial: .draft, transitions: [.init(.draft, .submit, by: [.unitStaff], to: .inReview)])
        #expect(partial.unreachableStates == [.approved, .rejected, .withdrawn])
    }
}

extension Result where Failure == WorkflowRefusal {
    var failureMessage: String? {
        if case .failure(let refusal) = self { return refusal.message }
        return nil
    }
}
