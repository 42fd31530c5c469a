/// What a decision's file holds, filled by the App from its records, for the archive check.
public struct DecisionArchiveFile: Sendable, Hashable {
    /// 决策草案及其说明 (the draft and its explanation, art. 29's first material).
    public var draftAndExplanationOnFile: Bool
    /// Public participation, expert argument and risk assessment (the other two entries are ignored: they come
    /// from `legalityReview` and `discussionOnFile`).
    public var procedures: DecisionProcedureStatuses
    /// The public participation record, when complete: its feedback is checked.
    public var publicParticipation: PublicParticipationRecord?
    /// The latest legality review opinion (the shared Review).
    public var legalityReview: ReviewOpinion?
    /// The collective discussion record is on file.
    public var discussionOnFile: Bool
    public var decidedOn: LocalDate?
    /// The publication is recorded, or why it is not published (art. 32).
    public var publicationRecordedOrExempt: Bool
    /// A post-decision evaluation was started (art. 36; optional), and whether its report is on file.
    public var evaluationConducted: Bool
    public var evaluationReportOnFile: Bool

    public init(draftAndExplanationOnFile: Bool = false, procedures: DecisionProcedureStatuses = .init(),
                publicParticipation: PublicParticipationRecord? = nil, legalityReview: ReviewOpinion? = nil,
                discussionOnFile: Bool = false, decidedOn: LocalDate? = nil, publicationRecordedOrExempt: Bool = false,
                evaluationConducted: Bool = false, evaluationReportOnFile: Bool = false) {
        self.draftAndExplanationOnFile = draftAndExplanationOnFile
        self.procedures = procedures
        self.publicParticipation = publicParticipation
        self.legalityReview = legalityReview
        self.discussionOnFile = discussionOnFile
        self.decidedOn = decidedOn
        self.publicationRecordedOrExempt = publicationRecordedOrExempt
        self.evaluationConducted = evaluationConducted
        self.evaluationReportOnFile = evaluationReportOnFile
    }
}

/// The archive check (立卷归档): 决策机关应当建立重大行政决策过程记录和材料归档制度，由有关单位将履行决策程序形成的
/// 记录、材料及时完整归档 (重大行政决策程序暂行条例 art. 33; arts. 38–41 are the liability chapter).
public enum ArchiveCompleteness {
    /// Each missing record as a Chinese sentence, in the order of the procedure; empty = complete.
    public static func missing(_ file: DecisionArchiveFile) -> [String] {
        var missing: [String] = []
        if !file.draftAndExplanationOnFile { missing.append("缺少决策草案及其说明") }
        for procedure in DecisionProcedure.beforeDiscussion {
            if !file.procedures.isSettled(procedure) {
                missing.append(procedure.missingSentence)
            } else if procedure == .publicParticipation, file.procedures[procedure] == .complete {
                if file.publicParticipation == nil {
                    missing.append("缺少公众参与记录（征求意见起止日期、公布途径、收到意见数）")
                } else if file.publicParticipation?.feedbackOutstanding == true {
                    missing.append("缺少公众意见采纳情况的反馈")
                }
            }
        }
        switch file.legalityReview {
        case nil: missing.append(DecisionProcedure.legalityReview.missingSentence)
        case .disagree?: missing.append("缺少通过的合法性审查意见（现有意见为「不同意」）")
        default: break
        }
        if !file.discussionOnFile { missing.append(DecisionProcedure.collectiveDiscussion.missingSentence) }
        if file.decidedOn == nil { missing.append("缺少决定记录（决定日期）") }
        if !file.publicationRecordedOrExempt { missing.append("缺少决策公布记录或不予公开的理由") }
        if file.evaluationConducted && !file.evaluationReportOnFile { missing.append("缺少决策后评估报告") }
        return missing
    }
}
