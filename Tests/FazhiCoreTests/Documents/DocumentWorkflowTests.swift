import Foundation
import Testing
@testable import FazhiCore

@Suite("Documents: lifecycle workflow table")
struct DocumentWorkflowTests {
    typealias F = DocumentFixtures
    static let workflow = DocumentWorkflow.definition()

    /// Everything in order, reviewed by someone other than the drafter.
    static let ready = DocumentContext(
        drafterUserID: F.drafter, actingUserID: F.reviewer, commentPeriodMeetsMinimum: true, commentPeriodElapsed: true,
        commentExemptReason: nil, reviewPassed: true, deliberationRecorded: true, registrationNumberAssigned: false,
        publicationDatesValid: true)

    static func ready(_ change: (inout DocumentContext) -> Void) -> DocumentContext {
        var context = ready
        change(&context)
        return context
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var from: DocumentState
        var event: DocumentEvent
        var roles: Set<Role>
        var context: DocumentContext
        var to: DocumentState?
        var refusal: WorkflowRefusal.Reason?
        var message: String?
        var testDescription: String {
            "\(from.label) ×「\(event.label)」× \(roles.sorted().map(\.label)) → \(to?.label ?? message ?? "\(refusal.map { "\($0)" } ?? "")")"
        }
    }

    static let commentMinimum = "征求意见期限不足：应不少于7个工作日；与市场主体生产经营活动密切相关的，不少于30日。"
    static let commentElapsed = "征求意见期限尚未届满，不能提前结束征求意见。"
    static let exemption = "未经公开征求意见直接提交审查的，应当记录不征求意见的理由。"
    static let reviewFailed = "合法性审查未通过（审查意见应为「同意」或「修改后同意」）。"
    static let sameReviewer = "审查人不能是该文件的起草人，请由法制机构其他工作人员审查。"
    static let noDeliberation = "尚未录入集体审议记录（会议类型、日期、纪要文号）。"
    static let registeredTwice = "该文件已经登记编号，不能重复登记。"
    static let noNumber = "尚未统一登记编号的文件不能公布。"
    static let badDates = "公布日期和施行日期不符合规定：施行日期应在公布之日起30日以后；自公布之日起施行的，应当说明理由。"

    static let rows: [Row] = [
        // Accepted, each row with each of its roles.
        Row(from: .draft, event: .openComment, roles: [.unitStaff], context: ready, to: .publicComment),
        Row(from: .draft, event: .openComment, roles: [.legalOffice], context: ready, to: .publicComment),
        Row(from: .draft, event: .submitForReview, roles: [.unitStaff], context: ready { $0.commentExemptReason = "涉及国家秘密" }, to: .legalityReview),
        Row(from: .draft, event: .submitForReview, roles: [.legalOffice], context: ready { $0.commentExemptReason = "涉及国家秘密" }, to: .legalityReview),
        Row(from: .publicComment, event: .closeComment, roles: [.unitStaff], context: ready, to: .legalityReview),
        Row(from: .publicComment, event: .closeComment, roles: [.legalOffice], context: ready, to: .legalityReview),
        Row(from: .publicComment, event: .returnToDraft, roles: [.unitStaff], context: ready, to: .draft),
        Row(from: .publicComment, event: .returnToDraft, roles: [.legalOffice], context: ready, to: .draft),
        Row(from: .legalityReview, event: .recordReview, roles: [.legalOffice], context: ready, to: .deliberation),
        Row(from: .legalityReview, event: .returnToDraft, roles: [.legalOffice], context: ready { $0.reviewPassed = false }, to: .draft),
        Row(from: .deliberation, event: .recordDeliberation, roles: [.unitStaff], context: ready { $0.deliberationRecorded = false }, to: .deliberation),
        Row(from: .deliberation, event: .recordDeliberation, roles: [.legalOffice], context: ready, to: .deliberation),
        Row(from: .deliberation, event: .returnToDraft, roles: [.unitStaff], context: ready, to: .draft),
        Row(from: .deliberation, event: .returnToDraft, roles: [.legalOffice], context: ready, to: .draft),
        Row(from: .deliberation, event: .register, roles: [.legalOffice], context: ready, to: .registered),
        Row(from: .registered, event: .publish, roles: [.legalOffice], context: ready { $0.registrationNumberAssigned = true }, to: .published),
        Row(from: .published, event: .file, roles: [.legalOffice], context: ready { $0.registrationNumberAssigned = true }, to: .filed),
        // The legal office may also draft: then someone else in the office reviews.
        Row(from: .legalityReview, event: .recordReview, roles: [.legalOffice, .unitStaff], context: ready, to: .deliberation),

        // Roles.
        Row(from: .draft, event: .openComment, roles: [.leader], context: ready, refusal: .roleNotAllowed,
            message: "「公开征求意见」只能由法制机构、单位填报员执行。"),
        Row(from: .draft, event: .openComment, roles: [.admin], context: ready, refusal: .roleNotAllowed),
        Row(from: .draft, event: .openComment, roles: [], context: ready, refusal: .roleNotAllowed),
        Row(from: .legalityReview, event: .recordReview, roles: [.unitStaff], context: ready, refusal: .roleNotAllowed,
            message: "「录入审查意见」只能由法制机构执行。"),
        Row(from: .legalityReview, event: .returnToDraft, roles: [.unitStaff], context: ready, refusal: .roleNotAllowed),
        Row(from: .deliberation, event: .register, roles: [.unitStaff], context: ready, refusal: .roleNotAllowed),
        Row(from: .registered, event: .publish, roles: [.unitStaff, .leader], context: ready { $0.registrationNumberAssigned = true }, refusal: .roleNotAllowed),
        Row(from: .published, event: .file, roles: [.unitStaff], context: ready, refusal: .roleNotAllowed),

        // Guards, each with its sentence.
        Row(from: .draft, event: .openComment, roles: [.unitStaff], context: ready { $0.commentPeriodMeetsMinimum = false },
            refusal: .guardFailed, message: commentMinimum),
        Row(from: .publicComment, event: .closeComment, roles: [.unitStaff], context: ready { $0.commentPeriodElapsed = false },
            refusal: .guardFailed, message: commentElapsed),
        Row(from: .publicComment, event: .closeComment, roles: [.unitStaff], context: ready { $0.commentPeriodMeetsMinimum = false },
            refusal: .guardFailed, message: commentMinimum),
        Row(from: .draft, event: .submitForReview, roles: [.unitStaff], context: ready, refusal: .guardFailed, message: exemption),
        Row(from: .draft, event: .submitForReview, roles: [.unitStaff], context: ready { $0.commentExemptReason = " \n　" },
            refusal: .guardFailed, message: exemption),
        Row(from: .legalityReview, event: .recordReview, roles: [.legalOffice], context: ready { $0.reviewPassed = false },
            refusal: .guardFailed, message: reviewFailed),
        Row(from: .legalityReview, event: .recordReview, roles: [.legalOffice], context: ready { $0.actingUserID = F.drafter },
            refusal: .guardFailed, message: sameReviewer),
        Row(from: .legalityReview, event: .recordReview, roles: [.legalOffice], context: ready { $0.actingUserID = nil },
            refusal: .guardFailed, message: sameReviewer),
        Row(from: .legalityReview, event: .returnToDraft, roles: [.legalOffice], context: ready { $0.actingUserID = F.drafter },
            refusal: .guardFailed, message: sameReviewer),
        Row(from: .deliberation, event: .register, roles: [.legalOffice], context: ready { $0.deliberationRecorded = false },
            refusal: .guardFailed, message: noDeliberation),
        Row(from: .deliberation, event: .register, roles: [.legalOffice], context: ready { $0.registrationNumberAssigned = true },
            refusal: .guardFailed, message: registeredTwice),
        Row(from: .deliberation, event: .register, roles: [.legalOffice], context: ready { $0.reviewPassed = false },
            refusal: .guardFailed, message: reviewFailed),
        Row(from: .registered, event: .publish, roles: [.legalOffice], context: ready,
            refusal: .guardFailed, message: noNumber),
        Row(from: .registered, event: .publish, roles: [.legalOffice],
            context: ready { $0.registrationNumberAssigned = true; $0.reviewPassed = false }, refusal: .guardFailed, message: reviewFailed),
        Row(from: .registered, event: .publish, roles: [.legalOffice],
            context: ready { $0.registrationNumberAssigned = true; $0.deliberationRecorded = false }, refusal: .guardFailed, message: noDeliberation),
        Row(from: .registered, event: .publish, roles: [.legalOffice],
            context: ready { $0.registrationNumberAssigned = true; $0.publicationDatesValid = false }, refusal: .guardFailed, message: badDates),

        // Not in the table: no skipping ahead, no registering twice, nothing after filing.
        Row(from: .draft, event: .publish, roles: [.legalOffice], context: ready, refusal: .notInTable,
            message: "当前状态为「起草」，不能执行「公布」。"),
        Row(from: .draft, event: .recordReview, roles: [.legalOffice], context: ready, refusal: .notInTable),
        Row(from: .publicComment, event: .submitForReview, roles: [.legalOffice], context: ready, refusal: .notInTable),
        Row(from: .legalityReview, event: .register, roles: [.legalOffice], context: ready, refusal: .notInTable),
        Row(from: .registered, event: .register, roles: [.legalOffice], context: ready, refusal: .notInTable,
            message: "当前状态为「登记编号」，不能执行「登记编号」。"),
        Row(from: .published, event: .register, roles: [.legalOffice], context: ready, refusal: .notInTable),
        Row(from: .filed, event: .returnToDraft, roles: [.legalOffice], context: ready, refusal: .notInTable),
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

    /// A context in which every guard of `transition` holds.
    static func passing(_ transition: DocumentWorkflow.Transition) -> DocumentContext {
        ready {
            $0.registrationNumberAssigned = transition.event != .register
            $0.commentExemptReason = "涉及国家秘密"
        }
    }

    /// Contexts that differ from `base` in one respect each.
    static func oneThingWrong(_ base: DocumentContext) -> [DocumentContext] {
        let flags: [WritableKeyPath<DocumentContext, Bool>] = [
            \.commentPeriodMeetsMinimum, \.commentPeriodElapsed, \.reviewPassed, \.deliberationRecorded,
            \.registrationNumberAssigned, \.publicationDatesValid,
        ]
        var variants = flags.map { flag -> DocumentContext in
            var context = base
            context[keyPath: flag].toggle()
            return context
        }
        for change in [{ (c: inout DocumentContext) in c.actingUserID = c.drafterUserID },
                       { (c: inout DocumentContext) in c.actingUserID = nil },
                       { (c: inout DocumentContext) in c.commentExemptReason = nil }] {
            var context = base
            change(&context)
            variants.append(context)
        }
        return variants
    }

    /// Every row of the table fires for each of its roles when its guards hold, and for no other role.
    @Test func everyRowFiresForItsRolesOnly() {
        for transition in Self.workflow.transitions {
            let context = Self.passing(transition)
            for role in Role.allCases {
                let result = Self.workflow.apply(transition.event, from: transition.from, roles: [role], context: context)
                if transition.roles.contains(role) {
                    #expect((try? result.get())?.to == transition.to, "\(transition.from) \(transition.event) by \(role)")
                } else {
                    guard case .failure(let refusal) = result else {
                        Issue.record("\(transition.from) \(transition.event) accepted from \(role)")
                        continue
                    }
                    #expect(refusal.reason == .roleNotAllowed)
                }
            }
        }
    }

    /// Each guard of each row refuses on its own, with its own sentence.
    @Test func everyGuardRefusesWithItsSentence() {
        for transition in Self.workflow.transitions {
            for guardRule in transition.guards {
                let alone = Self.oneThingWrong(Self.passing(transition)).filter { context in
                    !guardRule.holds(context) && transition.guards.allSatisfy { $0.failure == guardRule.failure || $0.holds(context) }
                }
                #expect(!alone.isEmpty, "no context fails only「\(guardRule.failure)」on \(transition.event)")
                for context in alone {
                    let result = Self.workflow.apply(transition.event, from: transition.from, roles: transition.roles, context: context)
                    #expect(documentRefusalText(result) == guardRule.failure)
                }
                #expect(guardRule.failure.hasSuffix("。"))
            }
        }
    }

    @Test func everythingNotInTheTableIsRefused() {
        let pairs = Set(Self.workflow.transitions.map { "\($0.from.rawValue)|\($0.event.rawValue)" })
        for state in DocumentState.allCases {
            for event in DocumentEvent.allCases where !pairs.contains("\(state.rawValue)|\(event.rawValue)") {
                let result = Self.workflow.apply(event, from: state, roles: Set(Role.allCases), context: Self.ready)
                guard case .failure(let refusal) = result else {
                    Issue.record("\(state) \(event) accepted")
                    continue
                }
                #expect(refusal.reason == .notInTable)
            }
        }
    }

    @Test func shape() {
        #expect(Self.workflow.caseType == "document")
        #expect(Self.workflow.initial == .draft)
        #expect(Self.workflow.unreachableStates.isEmpty)
        #expect(Self.workflow.terminalStates == [.filed])
        #expect(Self.workflow.transitions.count == 11)
    }

    /// The happy path from draft to filed, through public comment.
    @Test func fullLifecycle() throws {
        var state = DocumentState.draft
        var context = Self.ready
        let steps: [(DocumentEvent, Set<Role>)] = [
            (.openComment, [.unitStaff]), (.closeComment, [.unitStaff]), (.recordReview, [.legalOffice]),
            (.recordDeliberation, [.legalOffice]), (.register, [.legalOffice]), (.publish, [.legalOffice]), (.file, [.legalOffice]),
        ]
        for (event, roles) in steps {
            state = try Self.workflow.apply(event, from: state, roles: roles, context: context).get().to
            if event == .register { context.registrationNumberAssigned = true }
        }
        #expect(state == .filed)
    }

    @Test func reviewOpinionPicksTheEvent() {
        #expect(DocumentEvent.afterReview(passed: true) == .recordReview)
        #expect(DocumentEvent.afterReview(passed: false) == .returnToDraft)
    }

    @Test func buttonsFollowRolesAndGuards() {
        let noExemption = Self.workflow.available(from: .draft, roles: [.unitStaff], context: Self.ready)
        #expect(noExemption.map(\.event) == [.openComment])
        #expect(Self.workflow.available(from: .draft, roles: [.leader], context: Self.ready).isEmpty)
        let unit = Self.workflow.available(from: .legalityReview, roles: [.unitStaff], context: Self.ready)
        #expect(unit.isEmpty)
    }

    @Test func sentencesUseTheSettings() {
        var rules = DocumentRules()
        rules.commentMinimumWorkingDays = 10
        rules.effectiveDelayDays = 20
        let workflow = DocumentWorkflow.definition(rules: rules)
        let comment = workflow.apply(.openComment, from: .draft, roles: [.unitStaff], context: Self.ready { $0.commentPeriodMeetsMinimum = false })
        #expect(documentRefusalText(comment)?.contains("不少于10个工作日") == true)
        let publish = workflow.apply(.publish, from: .registered, roles: [.legalOffice],
                                     context: Self.ready { $0.registrationNumberAssigned = true; $0.publicationDatesValid = false })
        #expect(documentRefusalText(publish)?.contains("20日以后") == true)
    }

    @Test func labelsAreChinese() {
        #expect(DocumentState.allCases.map(\.label) == ["起草", "征求意见", "合法性审查", "集体审议", "登记编号", "公布", "已备案"])
        #expect(DocumentEvent.allCases.allSatisfy { !$0.label.isEmpty })
        // Stored codes: changing one needs a migration.
        #expect(DocumentState.allCases.map(\.rawValue)
                == ["draft", "publicComment", "legalityReview", "deliberation", "registered", "published", "filed"])
    }
}

/// The refusal's sentence, nil when accepted.
private func documentRefusalText<T>(_ result: Result<T, WorkflowRefusal>) -> String? {
    if case .failure(let refusal) = result { return refusal.message }
    return nil
}
