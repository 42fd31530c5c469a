import Foundation
import Testing
@testable import FazhiCore

@Suite("Decisions: archive completeness (art. 33)")
struct ArchiveCompletenessTests {
    typealias F = DecisionFixtures

    static let participation = PublicParticipationRecord(
        consultationStart: F.date("2020-03-02"), consultationEnd: F.date("2020-03-31"), channel: "凤凰县人民政府门户网站",
        commentsReceived: 12, feedbackPublishedOn: F.date("2020-04-10"))

    static let complete = DecisionArchiveFile(
        draftAndExplanationOnFile: true, procedures: DecisionWorkflowTests.threeDone, publicParticipation: participation,
        legalityReview: .agree, discussionOnFile: true, decidedOn: F.date("2020-06-18"), publicationRecordedOrExempt: true,
        evaluationConducted: false, evaluationReportOnFile: false)

    static func file(_ change: (inout DecisionArchiveFile) -> Void) -> DecisionArchiveFile {
        var file = complete
        change(&file)
        return file
    }

    @Test func completeFileHasNothingMissing() {
        #expect(ArchiveCompleteness.missing(Self.complete).isEmpty)
        #expect(ArchiveCompleteness.missing(Self.file { $0.evaluationConducted = true; $0.evaluationReportOnFile = true }).isEmpty)
    }

    struct MissingCase: Sendable, CustomTestStringConvertible {
        var name: String
        var file: DecisionArchiveFile
        var missing: [String]
        var testDescription: String { name }
    }

    @Test(arguments: [
        MissingCase(name: "no draft", file: file { $0.draftAndExplanationOnFile = false }, missing: ["缺少决策草案及其说明"]),
        MissingCase(name: "expert argument open", file: file { $0.procedures[.expertArgument] = .pending },
                    missing: ["缺少专家论证记录或不适用理由"]),
        MissingCase(name: "blank reason", file: file { $0.procedures[.riskAssessment] = .notApplicable(reason: "") },
                    missing: ["缺少风险评估记录或不适用理由"]),
        MissingCase(name: "participation status without record", file: file { $0.publicParticipation = nil },
                    missing: ["缺少公众参与记录（征求意见起止日期、公布途径、收到意见数）"]),
        MissingCase(name: "feedback outstanding", file: file { $0.publicParticipation?.feedbackPublishedOn = nil },
                    missing: ["缺少公众意见采纳情况的反馈"]),
        MissingCase(name: "no comments, no feedback needed",
                    file: file { $0.publicParticipation?.commentsReceived = 0; $0.publicParticipation?.feedbackPublishedOn = nil },
                    missing: []),
        MissingCase(name: "participation not applicable",
                    file: file { $0.procedures[.publicParticipation] = .notApplicable(reason: "涉及国家秘密，依法不予公开"); $0.publicParticipation = nil },
                    missing: []),
        MissingCase(name: "no review", file: file { $0.legalityReview = nil }, missing: ["缺少合法性审查记录"]),
        MissingCase(name: "review refused", file: file { $0.legalityReview = .disagree }, missing: ["缺少通过的合法性审查意见（现有意见为「不同意」）"]),
        MissingCase(name: "no meeting", file: file { $0.discussionOnFile = false }, missing: ["缺少集体讨论决定记录"]),
        MissingCase(name: "no decision date", file: file { $0.decidedOn = nil }, missing: ["缺少决定记录（决定日期）"]),
        MissingCase(name: "not published", file: file { $0.publicationRecordedOrExempt = false }, missing: ["缺少决策公布记录或不予公开的理由"]),
        MissingCase(name: "evaluation without report", file: file { $0.evaluationConducted = true }, missing: ["缺少决策后评估报告"]),
        MissingCase(name: "empty file", file: DecisionArchiveFile(), missing: [
            "缺少决策草案及其说明", "缺少公众参与记录或不适用理由", "缺少专家论证记录或不适用理由", "缺少风险评估记录或不适用理由",
            "缺少合法性审查记录", "缺少集体讨论决定记录", "缺少决定记录（决定日期）", "缺少决策公布记录或不予公开的理由",
        ]),
    ])
    func missing(_ row: MissingCase) {
        #expect(ArchiveCompleteness.missing(row.file) == row.missing)
    }

    /// The workflow's archive guard reads the same list.
    @Test func feedsTheArchiveGuard() {
        let missing = ArchiveCompleteness.missing(Self.file { $0.procedures[.expertArgument] = .pending })
        let context = DecisionWorkflowTests.ready { $0.archiveMissing = missing }
        let result = DecisionWorkflow.definition().apply(.archive, from: .implementing, roles: [.unitStaff], context: context)
        #expect(decisionRefusalText(result) == "归档材料不完整，请先补齐缺项清单所列材料（第三十三条）。")
    }
}
