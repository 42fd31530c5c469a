/// The records the statutory procedures of a major decision leave (重大行政决策程序暂行条例, 国务院令第713号).
/// Each validates the form as entered (raw text, as the web layer and the API receive it) and returns the
/// record or every problem at once, in Chinese, named by field. The legality review is not here: it is the
/// shared `ReviewDraft` (Reviews/Review.swift), with `DecisionLegalityReviewRule` for its period.

/// 公众参与 (arts. 14–18 [verify the numbering of 16–18]): the public consultation, how it was announced, the
/// comments received, the feedback on them, and any hearing.
public struct PublicParticipationRecord: Sendable, Hashable {
    public var consultationStart: LocalDate
    /// The last day comments are accepted.
    public var consultationEnd: LocalDate
    /// Why the period is shorter than 30 days, stated when the consultation opened (art. 15); nil if it is not.
    public var shortenedReason: String?
    /// How the draft was made public: 政府网站、政务新媒体以及报刊、广播、电视等 (art. 15).
    public var channel: String
    public var commentsReceived: Int
    /// When the account of how the comments were handled was published (nil: not yet). Art. 32 requires it
    /// with the decision where the public is widely concerned [verify]; the archive check asks for it
    /// whenever comments were received.
    public var feedbackPublishedOn: LocalDate?
    /// A hearing (听证会) was held (arts. 16–18 [verify]).
    public var hearingHeld: Bool
    public var hearingDate: LocalDate?

    public init(consultationStart: LocalDate, consultationEnd: LocalDate, shortenedReason: String? = nil, channel: String,
                commentsReceived: Int, feedbackPublishedOn: LocalDate? = nil, hearingHeld: Bool = false,
                hearingDate: LocalDate? = nil) {
        self.consultationStart = consultationStart
        self.consultationEnd = consultationEnd
        self.shortenedReason = shortenedReason
        self.channel = channel
        self.commentsReceived = commentsReceived
        self.feedbackPublishedOn = feedbackPublishedOn
        self.hearingHeld = hearingHeld
        self.hearingDate = hearingDate
    }

    /// The consultation is over (comments are accepted through the end date).
    public func consultationClosed(today: LocalDate) -> Bool { today > consultationEnd }

    /// Comments were received and no feedback has been published yet.
    public var feedbackOutstanding: Bool { commentsReceived > 0 && feedbackPublishedOn == nil }

    /// Fields: `consultationStart`, `consultationEnd`, `shortenedReason`, `channel`, `commentsReceived`,
    /// `feedbackPublishedOn`, `hearingDate`. A consultation may be recorded before it opens (the portal lists it
    /// from its start date); the feedback and the hearing are facts, so not in the future.
    public static func validate(consultationStart rawStart: String?, consultationEnd rawEnd: String?, shortenedReason: String?,
                                channel rawChannel: String?, commentsReceived rawComments: String?,
                                feedbackPublishedOn rawFeedback: String?, hearingHeld: Bool, hearingDate rawHearing: String?,
                                today: LocalDate, calendar: LegalCalendar,
                                rules: DecisionRules = .default) -> Result<PublicParticipationRecord, FieldErrors> {
        var errors = FieldErrors()
        let start = DateRule(label: "征求意见开始日期").clean(rawStart, field: "consultationStart", into: &errors)
        let end = DateRule(label: "征求意见截止日期").clean(rawEnd, field: "consultationEnd", into: &errors)
        let channel = TextRule(label: "公布途径", maxLength: 200).clean(rawChannel, field: "channel", into: &errors)
        let comments = IntegerRule(label: "收到意见数", range: 0...1_000_000)
            .clean(rawComments, field: "commentsReceived", into: &errors)
        let feedback = DateRule(label: "意见采纳情况反馈日期", required: false)
            .clean(rawFeedback, field: "feedbackPublishedOn", into: &errors)
        let hearing = DateRule(label: "听证会日期", required: hearingHeld).clean(rawHearing, field: "hearingDate", into: &errors)
        let reasonRule = TextRule(label: "缩短征求意见期限的理由", required: false, maxLength: 1000, multiline: true)
        var reason: String?
        if let start, let end {
            // The period rule validates the reason too; its errors are taken once, from there.
            let periodErrors = ConsultationPeriodRule(rules: rules)
                .check(start: start, end: end, shortenedReason: shortenedReason, calendar: calendar)
            errors.merge(periodErrors)
            var ignored = FieldErrors()
            reason = reasonRule.clean(shortenedReason, field: "shortenedReason", into: &ignored)
        } else {
            reason = reasonRule.clean(shortenedReason, field: "shortenedReason", into: &errors)
        }
        if let feedback {
            if let end, feedback < end {
                errors.add("feedbackPublishedOn", "「意见采纳情况反馈日期」不能早于征求意见截止日期（\(end.chinese)）。")
            }
            if feedback > today { errors.add("feedbackPublishedOn", "「意见采纳情况反馈日期」不能晚于今天。") }
        }
        if let hearing {
            if !hearingHeld {
                errors.add("hearingDate", "未举行听证会的，不应填写「听证会日期」。")
            } else if hearing > today {
                errors.add("hearingDate", "「听证会日期」不能晚于今天；尚未举行的听证会请在举行后录入。")
            }
        }
        guard errors.isEmpty, let start, let end, let channel, let comments else { return .failure(errors) }
        return .success(PublicParticipationRecord(
            consultationStart: start, consultationEnd: end, shortenedReason: reason, channel: channel,
            commentsReceived: comments, feedbackPublishedOn: feedback, hearingHeld: hearingHeld,
            hearingDate: hearingHeld ? hearing : nil))
    }
}

/// 专家论证 (arts. 19–21): for a specialised or technical matter, experts or expert bodies argue its necessity,
/// feasibility and soundness; written opinions are signed (art. 19).
public struct ExpertArgumentRecord: Sendable, Hashable {
    /// 论证会、书面咨询、委托咨询论证 (art. 20 [verify]).
    public enum Method: String, CaseIterable, Codable, Sendable, Hashable {
        case meeting
        case writtenConsultation
        case commissioned

        public var label: String {
            switch self {
            case .meeting: "论证会"
            case .writtenConsultation: "书面咨询"
            case .commissioned: "委托咨询论证"
            }
        }
    }

    public var date: LocalDate
    public var method: Method?
    /// The experts (or expert bodies), in the order entered.
    public var experts: [String]
    public var conclusion: String
    /// Where the signed written opinions are kept (attachment or file number).
    public var opinionsReference: String?

    public init(date: LocalDate, method: Method? = nil, experts: [String], conclusion: String, opinionsReference: String? = nil) {
        self.date = date
        self.method = method
        self.experts = experts
        self.conclusion = conclusion
        self.opinionsReference = opinionsReference
    }

    public var expertCount: Int { experts.count }

    public static let maximumExperts = 100
    public static let maximumNameLength = 60

    /// Splits the experts field: one name a line, or separated by 、，,；; and full-width spaces are trimmed.
    public static func splitNames(_ text: String) -> [String] {
        let separators: Set<Character> = ["\n", "\r", "、", "，", ",", "；", ";"]
        return text.split(whereSeparator: { separators.contains($0) })
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    /// Fields: `date`, `method`, `experts`, `conclusion`, `opinionsReference`.
    public static func validate(date rawDate: String?, method rawMethod: String?, experts rawExperts: String?,
                                conclusion rawConclusion: String?, opinionsReference rawReference: String?,
                                today: LocalDate) -> Result<ExpertArgumentRecord, FieldErrors> {
        var errors = FieldErrors()
        let date = DateRule(label: "论证日期").clean(rawDate, field: "date", into: &errors)
        if let date, date > today { errors.add("date", "「论证日期」不能晚于今天。") }
        var method: Method?
        if !(rawMethod ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            method = Method(codeOrLabel: rawMethod)
            if method == nil { errors.add("method", "请选择「论证方式」：论证会、书面咨询或委托咨询论证。") }
        }
        var experts: [String] = []
        if let text = TextRule(label: "论证专家", maxLength: 8000, multiline: true).clean(rawExperts, field: "experts", into: &errors) {
            experts = splitNames(text)
            if experts.isEmpty {
                errors.add("experts", "请填写至少一名「论证专家」。")
            } else if experts.count > maximumExperts {
                errors.add("experts", "「论证专家」不能超过 \(maximumExperts) 名。")
            } else if let long = experts.first(where: { $0.count > maximumNameLength }) {
                errors.add("experts", "专家或专业机构名称不能超过 \(maximumNameLength) 个字：「\(long.prefix(20))…」。")
            } else {
                var seen = Set<String>()
                if let duplicate = experts.first(where: { !seen.insert($0).inserted }) {
                    errors.add("experts", "「\(duplicate)」重复填写。")
                }
            }
        }
        let conclusion = TextRule(label: "论证结论", maxLength: 4000, multiline: true).clean(rawConclusion, field: "conclusion", into: &errors)
        let reference = TextRule(label: "论证意见存档编号", required: false, maxLength: 100)
            .clean(rawReference, field: "opinionsReference", into: &errors)
        guard errors.isEmpty, let date, let conclusion else { return .failure(errors) }
        return .success(ExpertArgumentRecord(date: date, method: method, experts: experts, conclusion: conclusion,
                                             opinionsReference: reference))
    }
}

/// 风险评估 (arts. 22–24): the risk report states the risk points and the measures to prevent and handle them
/// (art. 23); the decision may be made once the risk is controllable (art. 24).
public struct RiskAssessmentRecord: Sendable, Hashable {
    public enum Level: String, CaseIterable, Codable, Sendable, Hashable {
        case high
        case medium
        case low

        public var label: String {
            switch self {
            case .high: "高"
            case .medium: "中"
            case .low: "低"
            }
        }
    }

    public var level: Level
    /// Who assessed: the proposing unit, another unit, or a third party (art. 22).
    public var assessor: String
    /// The report's file number or attachment name.
    public var reportReference: String
    /// 风险防范措施和处置预案 (art. 23). Required for a high risk (this system's rule, after art. 24: a
    /// decision on an uncontrolled risk may be made only after measures make it controllable).
    public var mitigationMeasures: String?
    public var completedOn: LocalDate

    public init(level: Level, assessor: String, reportReference: String, mitigationMeasures: String? = nil, completedOn: LocalDate) {
        self.level = level
        self.assessor = assessor
        self.reportReference = reportReference
        self.mitigationMeasures = mitigationMeasures
        self.completedOn = completedOn
    }

    /// Fields: `level`, `assessor`, `reportReference`, `mitigationMeasures`, `completedOn`.
    public static func validate(level rawLevel: String?, assessor rawAssessor: String?, reportReference rawReport: String?,
                                mitigationMeasures rawMeasures: String?, completedOn rawCompleted: String?,
                                today: LocalDate) -> Result<RiskAssessmentRecord, FieldErrors> {
        var errors = FieldErrors()
        let level = Level(codeOrLabel: rawLevel)
        if level == nil { errors.add("level", "请选择「风险等级」：高、中或低。") }
        let assessor = TextRule(label: "评估单位", maxLength: 100).clean(rawAssessor, field: "assessor", into: &errors)
        let report = TextRule(label: "风险评估报告编号", maxLength: 100).clean(rawReport, field: "reportReference", into: &errors)
        let measuresErrorsBefore = errors["mitigationMeasures"].count
        let measures = TextRule(label: "风险防范措施", required: false, maxLength: 4000, multiline: true)
            .clean(rawMeasures, field: "mitigationMeasures", into: &errors)
        if level == .high, measures == nil, errors["mitigationMeasures"].count == measuresErrorsBefore {
            errors.add("mitigationMeasures", "风险等级为「高」的，应当填写「风险防范措施」和处置预案（《重大行政决策程序暂行条例》第二十三条、第二十四条）。")
        }
        let completed = DateRule(label: "评估完成日期").clean(rawCompleted, field: "completedOn", into: &errors)
        if let completed, completed > today { errors.add("completedOn", "「评估完成日期」不能晚于今天。") }
        guard errors.isEmpty, let level, let assessor, let report, let completed else { return .failure(errors) }
        return .success(RiskAssessmentRecord(level: level, assessor: assessor, reportReference: report,
                                             mitigationMeasures: measures, completedOn: completed))
    }
}

/// 集体讨论决定 (arts. 29–30): the draft is discussed at the government's executive or plenary meeting; the head
/// decides on that basis, speaking last; a decision against the majority's view is explained at the meeting;
/// the discussion is recorded truthfully and dissenting opinions are stated (art. 30).
public struct CollectiveDiscussionRecord: Sendable, Hashable {
    /// 决策机关常务会议或者全体会议 (art. 30).
    public enum MeetingType: String, CaseIterable, Codable, Sendable, Hashable {
        case executive
        case plenary

        public var label: String {
            switch self {
            case .executive: "常务会议"
            case .plenary: "全体会议"
            }
        }
    }

    public enum Outcome: String, CaseIterable, Codable, Sendable, Hashable {
        case approved
        case rejected
        case approvedWithChanges
        case deferred

        public var label: String {
            switch self {
            case .approved: "通过"
            case .rejected: "不通过"
            case .approvedWithChanges: "修改后通过"
            case .deferred: "暂缓"
            }
        }

        /// 通过 and 修改后通过 let the decision be recorded.
        public var allowsDecision: Bool { self == .approved || self == .approvedWithChanges }
    }

    public var meetingType: MeetingType
    public var meetingDate: LocalDate
    public var outcome: Outcome
    /// The minutes' number (会议纪要文号) or file reference.
    public var minutesReference: String
    /// 不同意见应当如实载明 (art. 30): nil when none was voiced.
    public var dissentingOpinions: String?
    /// The head decided against the majority of the members; then `headReason` is the reason he gave (art. 30).
    public var headDifferedFromMajority: Bool
    public var headReason: String?

    public init(meetingType: MeetingType, meetingDate: LocalDate, outcome: Outcome, minutesReference: String,
                dissentingOpinions: String? = nil, headDifferedFromMajority: Bool = false, headReason: String? = nil) {
        self.meetingType = meetingType
        self.meetingDate = meetingDate
        self.outcome = outcome
        self.minutesReference = minutesReference
        self.dissentingOpinions = dissentingOpinions
        self.headDifferedFromMajority = headDifferedFromMajority
        self.headReason = headReason
    }

    /// Fields: `meetingType`, `meetingDate`, `outcome`, `minutesReference`, `dissentingOpinions`, `headReason`.
    /// `legalityReviewDecidedOn`: the date of the passed legality review, when known — the meeting cannot
    /// precede it (art. 25).
    public static func validate(meetingType rawType: String?, meetingDate rawDate: String?, outcome rawOutcome: String?,
                                minutesReference rawMinutes: String?, dissentingOpinions rawDissent: String?,
                                headDifferedFromMajority: Bool, headReason rawHeadReason: String?,
                                legalityReviewDecidedOn: LocalDate?, today: LocalDate) -> Result<CollectiveDiscussionRecord, FieldErrors> {
        var errors = FieldErrors()
        let type = MeetingType(codeOrLabel: rawType)
        if type == nil { errors.add("meetingType", "请选择「会议类型」：常务会议或全体会议（《重大行政决策程序暂行条例》第三十条）。") }
        let date = DateRule(label: "会议日期").clean(rawDate, field: "meetingDate", into: &errors)
        if let date {
            if date > today { errors.add("meetingDate", "「会议日期」不能晚于今天。") }
            if let reviewed = legalityReviewDecidedOn, date < reviewed {
                errors.add("meetingDate", "「会议日期」不能早于合法性审查意见日期（\(reviewed.chinese)）：未经合法性审查的决策草案不得提交讨论（第二十五条）。")
            }
        }
        let outcome = Outcome(codeOrLabel: rawOutcome)
        if outcome == nil { errors.add("outcome", "请选择「讨论结果」：通过、不通过、修改后通过或暂缓。") }
        let minutes = TextRule(label: "会议纪要文号", maxLength: 100).clean(rawMinutes, field: "minutesReference", into: &errors)
        let dissent = TextRule(label: "不同意见", required: false, maxLength: 4000, multiline: true)
            .clean(rawDissent, field: "dissentingOpinions", into: &errors)
        let headReason = TextRule(label: "行政首长说明的理由", required: headDifferedFromMajority, maxLength: 2000, multiline: true)
            .clean(rawHeadReason, field: "headReason", into: &errors)
        guard errors.isEmpty, let type, let date, let outcome, let minutes else { return .failure(errors) }
        return .success(CollectiveDiscussionRecord(
            meetingType: type, meetingDate: date, outcome: outcome, minutesReference: minutes, dissentingOpinions: dissent,
            headDifferedFromMajority: headDifferedFromMajority, headReason: headDifferedFromMajority ? headReason : nil))
    }
}
