import Foundation
import Testing
@testable import FazhiCore

@Suite("Decisions: procedure records")
struct DecisionRecordsTests {
    typealias F = DecisionFixtures

    // MARK: Public participation

    struct ParticipationCase: Sendable, CustomTestStringConvertible {
        var name: String
        var form: [String: String] = [:]
        var hearingHeld = false
        var field: String?
        var message: String?
        var testDescription: String { name }
    }

    static let participationForm: [String: String] = [
        "consultationStart": "2020-03-02", "consultationEnd": "2020-04-01", "channel": "凤凰县人民政府门户网站",
        "commentsReceived": "12", "feedbackPublishedOn": "2020-04-10",
    ]

    static func participation(_ row: ParticipationCase) -> Result<PublicParticipationRecord, FieldErrors> {
        let form = participationForm.merging(row.form) { $1 }
        return PublicParticipationRecord.validate(
            consultationStart: form["consultationStart"], consultationEnd: form["consultationEnd"],
            shortenedReason: form["shortenedReason"], channel: form["channel"], commentsReceived: form["commentsReceived"],
            feedbackPublishedOn: form["feedbackPublishedOn"], hearingHeld: row.hearingHeld, hearingDate: form["hearingDate"],
            today: F.today, calendar: F.calendar)
    }

    @Test(arguments: [
        ParticipationCase(name: "complete"),
        ParticipationCase(name: "no feedback yet", form: ["feedbackPublishedOn": ""]),
        ParticipationCase(name: "hearing held", form: ["hearingDate": "2020-03-20"], hearingHeld: true),
        ParticipationCase(name: "shortened with reason", form: ["consultationEnd": "2020-03-10", "feedbackPublishedOn": "2020-03-12",
                                                                "shortenedReason": "疫情防控情况紧急，缩短征求意见期限"]),
        ParticipationCase(name: "announced for the future", form: ["consultationStart": "2021-01-04", "consultationEnd": "2021-02-05",
                                                                   "feedbackPublishedOn": "", "commentsReceived": "0"]),
        ParticipationCase(name: "too short", form: ["consultationEnd": "2020-03-20"], field: "consultationEnd",
                          message: DecisionDatesTests.tooShort),
        ParticipationCase(name: "end before start", form: ["consultationEnd": "2020-02-01"], field: "consultationEnd",
                          message: "征求意见截止日期（2020年2月1日）不能早于开始日期（2020年3月2日）。"),
        ParticipationCase(name: "no channel", form: ["channel": " "], field: "channel", message: "请填写「公布途径」。"),
        ParticipationCase(name: "comments not a number", form: ["commentsReceived": "十二"], field: "commentsReceived",
                          message: "「收到意见数」应为整数。"),
        ParticipationCase(name: "negative comments", form: ["commentsReceived": "-1"], field: "commentsReceived",
                          message: "「收到意见数」应在 0 到 1000000 之间。"),
        ParticipationCase(name: "feedback before the end", form: ["feedbackPublishedOn": "2020-03-30"], field: "feedbackPublishedOn",
                          message: "「意见采纳情况反馈日期」不能早于征求意见截止日期（2020年4月1日）。"),
        ParticipationCase(name: "feedback in the future", form: ["feedbackPublishedOn": "2021-01-05"], field: "feedbackPublishedOn",
                          message: "「意见采纳情况反馈日期」不能晚于今天。"),
        ParticipationCase(name: "hearing without date", hearingHeld: true, field: "hearingDate", message: "请填写「听证会日期」。"),
        ParticipationCase(name: "hearing date without hearing", form: ["hearingDate": "2020-03-20"], field: "hearingDate",
                          message: "未举行听证会的，不应填写「听证会日期」。"),
        ParticipationCase(name: "hearing in the future", form: ["hearingDate": "2021-03-20"], hearingHeld: true, field: "hearingDate",
                          message: "「听证会日期」不能晚于今天；尚未举行的听证会请在举行后录入。"),
        ParticipationCase(name: "bad date", form: ["consultationStart": "2020-02-30"], field: "consultationStart",
                          message: "「征求意见开始日期」不是有效的日期，请按 年-月-日 填写，例如 2020-03-09。"),
    ])
    func publicParticipation(_ row: ParticipationCase) {
        switch Self.participation(row) {
        case .success(let record):
            #expect(row.field == nil)
            #expect(record.channel == "凤凰县人民政府门户网站")
            #expect(record.hearingHeld == row.hearingHeld)
        case .failure(let errors):
            #expect(errors[row.field ?? "-"] == [row.message ?? "accepted: \(errors)"])
            #expect(errors.entries.count == 1, "\(errors)")
        }
    }

    @Test func participationValues() throws {
        let record = try Self.participation(ParticipationCase(name: "", form: ["consultationEnd": "2020-03-10", "feedbackPublishedOn": "",
                                                                                 "shortenedReason": " 情况紧急，缩短期限 "])).get()
        #expect(record.consultationStart == F.date("2020-03-02"))
        #expect(record.shortenedReason == "情况紧急，缩短期限")
        #expect(record.commentsReceived == 12)
        #expect(record.feedbackOutstanding)
        #expect(record.consultationClosed(today: F.date("2020-03-11")))
        #expect(!record.consultationClosed(today: F.date("2020-03-10")))
        let none = PublicParticipationRecord(consultationStart: F.date("2020-03-02"), consultationEnd: F.date("2020-03-31"),
                                             channel: "网站", commentsReceived: 0)
        #expect(!none.feedbackOutstanding)
    }

    @Test func everyProblemAtOnce() {
        let result = PublicParticipationRecord.validate(
            consultationStart: "", consultationEnd: "x", shortenedReason: "a\u{1B}", channel: nil, commentsReceived: "",
            feedbackPublishedOn: nil, hearingHeld: true, hearingDate: nil, today: F.today, calendar: F.calendar)
        let errors = F.errorsOf(result)
        #expect(Set(errors?.entries.map(\.field) ?? []) == ["consultationStart", "consultationEnd", "shortenedReason", "channel",
                                                             "commentsReceived", "hearingDate"])
    }

    // MARK: Expert argument

    @Test(arguments: [
        ("张三\n李四、王五，赵六；孙七", 5),
        (" 湖南大学法学院 ", 1),
        ("张三,李四;王五", 3),
    ])
    func expertNames(_ text: String, _ count: Int) throws {
        let record = try ExpertArgumentRecord.validate(date: "2020-05-10", method: "meeting", experts: text,
                                                       conclusion: "方案必要、可行", opinionsReference: nil, today: F.today).get()
        #expect(record.expertCount == count)
        #expect(record.method == .meeting)
        #expect(record.experts.allSatisfy { !$0.isEmpty && $0 == $0.trimmingCharacters(in: .whitespaces) })
    }

    struct ExpertCase: Sendable, CustomTestStringConvertible {
        var change: [String: String]
        var field: String
        var message: String
        var testDescription: String { "\(field): \(message)" }
    }

    static let manyExperts = (0...100).map { "专家\($0)" }.joined(separator: "、")
    static let longName = String(repeating: "长", count: 61)

    @Test(arguments: [
        ExpertCase(change: ["experts": ""], field: "experts", message: "请填写「论证专家」。"),
        ExpertCase(change: ["experts": "、，；"], field: "experts", message: "请填写至少一名「论证专家」。"),
        ExpertCase(change: ["experts": "张三、李四、张三"], field: "experts", message: "「张三」重复填写。"),
        ExpertCase(change: ["experts": manyExperts], field: "experts", message: "「论证专家」不能超过 100 名。"),
        ExpertCase(change: ["experts": longName], field: "experts",
                   message: "专家或专业机构名称不能超过 60 个字：「" + String(repeating: "长", count: 20) + "…」。"),
        ExpertCase(change: ["date": "2021-01-01"], field: "date", message: "「论证日期」不能晚于今天。"),
        ExpertCase(change: ["method": "电话"], field: "method", message: "请选择「论证方式」：论证会、书面咨询或委托咨询论证。"),
        ExpertCase(change: ["conclusion": ""], field: "conclusion", message: "请填写「论证结论」。"),
        ExpertCase(change: ["opinionsReference": "第1号\n第2号"], field: "opinionsReference",
                   message: "「论证意见存档编号」只能填写一行文字，且不能含有控制字符。"),
    ])
    func expertArgumentRefuses(_ row: ExpertCase) {
        let form = ["date": "2020-05-10", "method": "", "experts": "张三、李四", "conclusion": "可行", "opinionsReference": ""]
            .merging(row.change) { $1 }
        let result = ExpertArgumentRecord.validate(date: form["date"], method: form["method"], experts: form["experts"],
                                                   conclusion: form["conclusion"], opinionsReference: form["opinionsReference"], today: F.today)
        #expect(F.errorsOf(result)?[row.field] == [row.message])
    }

    @Test func expertMethodsAreArticle20s() {
        #expect(ExpertArgumentRecord.Method.allCases.map(\.label) == ["论证会", "书面咨询", "委托咨询论证"])
    }

    // MARK: Risk assessment

    struct RiskCase: Sendable, CustomTestStringConvertible {
        var level = "low"
        var assessor = "县自然资源局"
        var report = "凤稳评〔2020〕3号"
        var measures: String?
        var completed = "2020-06-01"
        var field: String?
        var message: String?
        var testDescription: String { "\(level) measures=\(measures ?? "nil") → \(field ?? "ok")" }
    }

    @Test(arguments: [
        RiskCase(level: "high", measures: "设立补偿专项资金，分期实施"),
        RiskCase(level: "low", measures: ""),
        RiskCase(level: "medium"),
        RiskCase(level: "high", measures: "  ", field: "mitigationMeasures",
                 message: "风险等级为「高」的，应当填写「风险防范措施」和处置预案（《重大行政决策程序暂行条例》第二十三条、第二十四条）。"),
        RiskCase(level: "high", measures: "措施\u{0}", field: "mitigationMeasures", message: "「风险防范措施」含有不允许的控制字符。"),
        RiskCase(level: "很高", measures: "措施", field: "level", message: "请选择「风险等级」：高、中或低。"),
        RiskCase(level: "", field: "level", message: "请选择「风险等级」：高、中或低。"),
        RiskCase(assessor: "", field: "assessor", message: "请填写「评估单位」。"),
        RiskCase(report: "", field: "reportReference", message: "请填写「风险评估报告编号」。"),
        RiskCase(completed: "2021-06-01", field: "completedOn", message: "「评估完成日期」不能晚于今天。"),
    ])
    func riskAssessment(_ row: RiskCase) {
        let result = RiskAssessmentRecord.validate(level: row.level, assessor: row.assessor, reportReference: row.report,
                                                   mitigationMeasures: row.measures, completedOn: row.completed, today: F.today)
        switch result {
        case .success(let record):
            #expect(row.field == nil)
            #expect(record.level.rawValue == row.level)
            #expect(record.mitigationMeasures == row.measures.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 })
        case .failure(let errors):
            #expect(errors[row.field ?? "-"] == [row.message ?? "accepted"])
            #expect(errors.entries.count == 1)
        }
    }

    @Test func riskLevelLabels() throws {
        #expect(RiskAssessmentRecord.Level.allCases.map(\.label) == ["高", "中", "低"])
        // Forms send the code; import files the label.
        let record = try RiskAssessmentRecord.validate(level: "中", assessor: "县信访局", reportReference: "报告", mitigationMeasures: nil,
                                                       completedOn: "2020-06-01", today: F.today).get()
        #expect(record.level == .medium)
    }

    // MARK: Collective discussion

    struct DiscussionCase: Sendable, CustomTestStringConvertible {
        var name: String
        var form: [String: String] = [:]
        var headDiffered = false
        var reviewedOn: String? = "2020-06-10"
        var field: String?
        var message: String?
        var testDescription: String { name }
    }

    @Test(arguments: [
        DiscussionCase(name: "approved at the executive meeting"),
        DiscussionCase(name: "plenary, with changes", form: ["meetingType": "plenary", "outcome": "approvedWithChanges"]),
        DiscussionCase(name: "same day as the review", form: ["meetingDate": "2020-06-10"]),
        DiscussionCase(name: "no review date known", reviewedOn: nil),
        DiscussionCase(name: "head differed with reason", form: ["headReason": "兼顾长远利益"], headDiffered: true),
        DiscussionCase(name: "head differed without reason", headDiffered: true, field: "headReason", message: "请填写「行政首长说明的理由」。"),
        DiscussionCase(name: "meeting before review", form: ["meetingDate": "2020-06-09"], field: "meetingDate",
                       message: "「会议日期」不能早于合法性审查意见日期（2020年6月10日）：未经合法性审查的决策草案不得提交讨论（第二十五条）。"),
        DiscussionCase(name: "future meeting", form: ["meetingDate": "2021-01-01"], field: "meetingDate", message: "「会议日期」不能晚于今天。"),
        DiscussionCase(name: "party meeting", form: ["meetingType": "partyCommittee"], field: "meetingType",
                       message: "请选择「会议类型」：常务会议或全体会议（《重大行政决策程序暂行条例》第三十条）。"),
        DiscussionCase(name: "no outcome", form: ["outcome": ""], field: "outcome", message: "请选择「讨论结果」：通过、不通过、修改后通过或暂缓。"),
        DiscussionCase(name: "no minutes", form: ["minutesReference": ""], field: "minutesReference", message: "请填写「会议纪要文号」。"),
    ])
    func collectiveDiscussion(_ row: DiscussionCase) {
        let form = ["meetingType": "executive", "meetingDate": "2020-06-18", "outcome": "approved",
                    "minutesReference": "凤政常纪〔2020〕12号", "dissentingOpinions": "王某某：补偿标准偏低"].merging(row.form) { $1 }
        let result = CollectiveDiscussionRecord.validate(
            meetingType: form["meetingType"], meetingDate: form["meetingDate"], outcome: form["outcome"],
            minutesReference: form["minutesReference"], dissentingOpinions: form["dissentingOpinions"],
            headDifferedFromMajority: row.headDiffered, headReason: form["headReason"],
            legalityReviewDecidedOn: row.reviewedOn.map(F.date), today: F.today)
        switch result {
        case .success(let record):
            #expect(row.field == nil)
            #expect(record.dissentingOpinions == "王某某：补偿标准偏低")
            #expect(record.headReason == (row.headDiffered ? form["headReason"] : nil))
        case .failure(let errors):
            #expect(errors[row.field ?? "-"] == [row.message ?? "accepted: \(errors)"])
            #expect(errors.entries.count == 1)
        }
    }

    @Test func labelsAreAcceptedToo() throws {
        let record = try CollectiveDiscussionRecord.validate(
            meetingType: "常务会议", meetingDate: "2020-06-18", outcome: "修改后通过", minutesReference: "县十七届人民政府第83次常务会议纪要",
            dissentingOpinions: nil, headDifferedFromMajority: false, headReason: nil, legalityReviewDecidedOn: nil, today: F.today).get()
        #expect(record.meetingType == .executive && record.outcome == .approvedWithChanges)
        #expect(ExpertArgumentRecord.Method(codeOrLabel: "书面咨询") == .writtenConsultation)
        #expect(DecisionProcedure(codeOrLabel: "合法性审查") == .legalityReview)
        #expect(CollectiveDiscussionRecord.Outcome(codeOrLabel: "") == nil)
        #expect(CollectiveDiscussionRecord.Outcome(codeOrLabel: nil) == nil)
    }

    @Test func outcomes() {
        #expect(CollectiveDiscussionRecord.Outcome.allCases.map(\.label) == ["通过", "不通过", "修改后通过", "暂缓"])
        #expect(CollectiveDiscussionRecord.Outcome.allCases.filter(\.allowsDecision) == [.approved, .approvedWithChanges])
        #expect(CollectiveDiscussionRecord.MeetingType.allCases.map(\.label) == ["常务会议", "全体会议"])
    }

    /// The legality review record is the shared ReviewDraft (no second review type here).
    @Test func legalityReviewIsTheSharedReview() throws {
        let review = try ReviewDraft.validate(received: "2020-06-01", decided: "2020-06-10", opinion: "agreeWithChanges",
                                              reasons: "第五条补偿标准应与省定标准一致", today: F.today).get()
        #expect(review.opinion.passed)
        #expect(ReviewSubjectType.decision.label == "重大行政决策")
        let warning = try DecisionLegalityReviewRule().shortNoticeWarning(received: review.received, requestedBy: review.decided,
                                                                          calendar: F.calendar)
        #expect(warning == nil)
    }
}
