import Foundation
import Testing
@testable import FazhiCore

@Suite("Decisions: the five statutory procedures")
struct DecisionProcedureTests {
    @Test func fiveProceduresInStatutoryOrder() {
        #expect(DecisionProcedure.allCases.map(\.label) == ["公众参与", "专家论证", "风险评估", "合法性审查", "集体讨论决定"])
        #expect(DecisionProcedure.beforeDiscussion == [.publicParticipation, .expertArgument, .riskAssessment])
    }

    /// Arts. 14, 19, 22 are conditional; arts. 25 and 30 apply to every decision.
    @Test func whichMayBeNotApplicable() {
        #expect(DecisionProcedure.allCases.filter(\.mayBeNotApplicable) == [.publicParticipation, .expertArgument, .riskAssessment])
        #expect(DecisionProcedure.legalityReview.notApplicableHint == nil)
        #expect(DecisionProcedure.expertArgument.notApplicableHint?.contains("第十九条") == true)
    }

    struct DeclarationCase: Sendable, CustomTestStringConvertible {
        var procedure: DecisionProcedure
        var reason: String?
        var message: String?
        var testDescription: String { "\(procedure.label) reason=\(reason ?? "nil")" }
    }

    @Test(arguments: [
        DeclarationCase(procedure: .expertArgument, reason: "决策事项专业性、技术性不强，依第十九条无需专家论证"),
        DeclarationCase(procedure: .publicParticipation, reason: "  涉及国家秘密，依法不予公开（第十四条）\n"),
        DeclarationCase(procedure: .riskAssessment, reason: "已按规定开展社会稳定风险评估，不重复评估"),
        DeclarationCase(procedure: .riskAssessment, reason: nil, message: "请填写「不适用的法律理由」。"),
        DeclarationCase(procedure: .riskAssessment, reason: " \n\t", message: "请填写「不适用的法律理由」。"),
        DeclarationCase(procedure: .expertArgument, reason: "不需要", message: "「不适用的法律理由」应写明依据，至少 5 个字。"),
        DeclarationCase(procedure: .expertArgument, reason: "理由\u{7}写明依据", message: "「不适用的法律理由」含有不允许的控制字符。"),
        DeclarationCase(procedure: .expertArgument, reason: String(repeating: "理", count: 1001),
                        message: "「不适用的法律理由」不能超过 1000 个字（当前 1001 个）。"),
        DeclarationCase(procedure: .legalityReview, reason: "本决策事项无需审查，理由充分",
                        message: "合法性审查是每一项重大行政决策的必经程序（《重大行政决策程序暂行条例》第二十五条），不能标记为不适用。"),
        DeclarationCase(procedure: .collectiveDiscussion, reason: "已经主要负责人同意，无需开会",
                        message: "集体讨论决定是每一项重大行政决策的必经程序（《重大行政决策程序暂行条例》第三十条），不能标记为不适用。"),
    ])
    func notApplicableDeclaration(_ row: DeclarationCase) {
        switch ProcedureStatus.notApplicable(row.procedure, reason: row.reason) {
        case .success(let status):
            #expect(row.message == nil)
            guard case .notApplicable(let reason) = status else { Issue.record("not notApplicable"); return }
            #expect(reason == row.reason?.trimmingCharacters(in: .whitespacesAndNewlines))
            #expect(status.isSettled(for: row.procedure))
        case .failure(let errors):
            #expect(errors["notApplicableReason"] == [row.message ?? "accepted"])
        }
    }

    @Test func settledness() {
        let reason = ProcedureStatus.notApplicable(reason: "依法不予公开的决策事项")
        for procedure in DecisionProcedure.allCases {
            #expect(!ProcedureStatus.pending.isSettled(for: procedure))
            #expect(ProcedureStatus.complete.isSettled(for: procedure))
            // A stored "not applicable" on a mandatory procedure (imported or tampered data) never counts.
            #expect(reason.isSettled(for: procedure) == procedure.mayBeNotApplicable)
        }
        #expect(!ProcedureStatus.notApplicable(reason: " 无 ").isSettled(for: .expertArgument))
    }

    @Test func statusCodesRoundTrip() {
        for status in [ProcedureStatus.pending, .complete, .notApplicable(reason: "依法不予公开的决策事项")] {
            let reason: String? = if case .notApplicable(let text) = status { text } else { nil }
            #expect(ProcedureStatus(code: status.code, reason: reason) == status)
        }
        #expect(ProcedureStatus(code: "done") == nil)
        #expect(ProcedureStatus.complete.label == "已完成")
    }

    @Test func statusesOfADecision() {
        var statuses = DecisionProcedureStatuses()
        #expect(statuses.unsettled == DecisionProcedure.allCases)
        statuses[.publicParticipation] = .complete
        statuses[.expertArgument] = .notApplicable(reason: "专业性、技术性不强，无需论证")
        #expect(statuses.unsettledBeforeDiscussion == [.riskAssessment])
        statuses[.riskAssessment] = .complete
        #expect(statuses.unsettledBeforeDiscussion.isEmpty)
        #expect(statuses.unsettled == [.legalityReview, .collectiveDiscussion])
        statuses[.legalityReview] = .notApplicable(reason: "不需要审查的理由很充分")
        #expect(!statuses.allSettled)
        #expect(DecisionProcedureStatuses.allComplete.allSettled)
    }

    @Test func archiveSentences() {
        #expect(DecisionProcedure.expertArgument.missingSentence == "缺少专家论证记录或不适用理由")
        #expect(DecisionProcedure.legalityReview.missingSentence == "缺少合法性审查记录")
        #expect(DecisionProcedure.collectiveDiscussion.missingSentence == "缺少集体讨论决定记录")
    }
}
