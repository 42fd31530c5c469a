/// Date rules of a major administrative decision. Each `check` returns the problems as `FieldErrors` (empty
/// when the dates are lawful), named after the form fields in the doc comment.

/// The public consultation (向社会公开征求意见).
///
/// 重大行政决策程序暂行条例 art. 15: 公开征求意见的期限一般不少于30日；因情况紧急等原因需要缩短期限的，公开征求
/// 意见时应当予以说明.
///
/// Counting: rule `decisions.publicComment`, from the day after the consultation opens (民法典 art. 201), 30
/// calendar days whose last day rolls over a rest day (民事诉讼法 art. 85) — the roll-over never shortens the
/// public's time. The end date is the last day comments are accepted and must be on or after that day.
public struct ConsultationPeriodRule: Sendable, Hashable {
    public var rules: DecisionRules

    public init(rules: DecisionRules = .default) {
        self.rules = rules
    }

    /// The period the consultation must cover, as the legal calendar counts it.
    public func minimumPeriod(start: LocalDate) -> Period {
        DecisionPeriods.publicComment.applying(rules).period(from: start)!
    }

    /// The earliest lawful end date without a shortening reason. Throws `CalendarError.yearNotCovered` on a
    /// calendar gap.
    public func minimumEnd(start: LocalDate, calendar: LegalCalendar) throws -> LocalDate {
        try calendar.dueDate(of: minimumPeriod(start: start))
    }

    /// Comments are accepted from the opening day through the end date, both included.
    public func isOpen(on date: LocalDate, start: LocalDate, end: LocalDate) -> Bool {
        start <= date && date <= end
    }

    /// Fields: `consultationEnd`, `shortenedReason`. A shorter period is lawful only with the reason stated
    /// (art. 15); the reason is validated whenever given.
    public func check(start: LocalDate, end: LocalDate, shortenedReason: String?, calendar: LegalCalendar) -> FieldErrors {
        if end < start {
            return FieldErrors("consultationEnd", "征求意见截止日期（\(end.chinese)）不能早于开始日期（\(start.chinese)）。")
        }
        var errors = FieldErrors()
        let reason = TextRule(label: "缩短征求意见期限的理由", required: false, maxLength: 1000, multiline: true)
            .clean(shortenedReason, field: "shortenedReason", into: &errors)
        let minimum: LocalDate
        do {
            minimum = try minimumEnd(start: start, calendar: calendar)
        } catch let error as CalendarError {
            errors.add("consultationEnd", error.message)
            return errors
        } catch {
            errors.add("consultationEnd", "无法计算征求意见期限。")
            return errors
        }
        if end < minimum && reason == nil && errors["shortenedReason"].isEmpty {
            let opening = "自开始之日的次日起算"
            errors.add("consultationEnd", "公开征求意见的期限一般不少于\(rules.consultationMinimumDays)日（\(opening)），截止日期不得早于"
                + "\(minimum.chinese)；因情况紧急等原因需要缩短期限的，应当填写缩短期限的理由（《重大行政决策程序暂行条例》第十五条）。")
        }
        return errors
    }
}

/// The time the proposing unit must leave the legal office for the legality review.
///
/// 重大行政决策程序暂行条例 art. 26(2): 送请合法性审查，应当保证必要的审查时间，一般不少于7个工作日. Working days are
/// counted as every working-day period (行政复议法 art. 88(2) method, docs/RULES.md "How a period is counted"): the
/// day the draft is received is not counted; make-up working days count, holiday weekdays do not.
public struct DecisionLegalityReviewRule: Sendable, Hashable {
    public var rules: DecisionRules

    public init(rules: DecisionRules = .default) {
        self.rules = rules
    }

    /// The minimum review time as a period from the day the legal office received the draft.
    public func minimumReviewPeriod(received: LocalDate) -> Period {
        DecisionPeriods.legalityReview.applying(rules).period(from: received)!
    }

    /// The earliest date the legal office can be asked to finish: the 7th working day after receipt.
    /// Throws `CalendarError.yearNotCovered` on a calendar gap.
    public func earliestCompletionDate(received: LocalDate, calendar: LegalCalendar) throws -> LocalDate {
        try calendar.dueDate(of: minimumReviewPeriod(received: received))
    }

    /// The working days in (received, requestedBy], counted up to the minimum (only reaching it matters).
    public func workingDaysAllowed(received: LocalDate, requestedBy: LocalDate, calendar: LegalCalendar) throws -> Int {
        var count = 0
        var day = received.adding(days: 1)
        while day <= requestedBy && count < rules.legalityReviewMinimumWorkingDays {
            if try calendar.isWorkingDay(day) { count += 1 }
            day = day.adding(days: 1)
        }
        return count
    }

    /// A warning (not a refusal: the Decree says 一般) when the unit asked for the opinion sooner than the
    /// minimum allows; nil otherwise.
    public func shortNoticeWarning(received: LocalDate, requestedBy: LocalDate, calendar: LegalCalendar) throws -> String? {
        let allowed = try workingDaysAllowed(received: received, requestedBy: requestedBy, calendar: calendar)
        guard allowed < rules.legalityReviewMinimumWorkingDays else { return nil }
        let earliest = try earliestCompletionDate(received: received, calendar: calendar)
        return "决策承办单位要求在\(requestedBy.chinese)前完成合法性审查，只留给法制机构\(allowed)个工作日；"
            + "送请合法性审查应当保证必要的审查时间，一般不少于\(rules.legalityReviewMinimumWorkingDays)个工作日"
            + "（《重大行政决策程序暂行条例》第二十六条），即不早于\(earliest.chinese)。"
    }
}

/// The post-decision evaluation (决策后评估).
///
/// 重大行政决策程序暂行条例 art. 36: 决策机关可以组织决策后评估 where the decision clearly falls short of its aim,
/// the public raises many objections, or the decision body thinks it necessary. The Decree sets no time; the due
/// date here is a reminder `DecisionRules.evaluationAfterMonths` after the decision (default 24, a local choice).
public struct PostDecisionEvaluationRule: Sendable, Hashable {
    public var rules: DecisionRules

    public init(rules: DecisionRules = .default) {
        self.rules = rules
    }

    /// The same day `evaluationAfterMonths` later; the last day of that month when it is shorter
    /// (2020-02-29 + 24 months → 2022-02-28, as 民法典 art. 203 puts a missing day). A reminder, not a legal
    /// period, so no roll-over over rest days.
    public func evaluationDue(decidedOn: LocalDate) -> LocalDate {
        DecisionPeriods.evaluation.applying(rules).calendarFreeDate(from: decidedOn)!
    }

    /// The date the decision body planned for this decision's evaluation when one was recorded (it decides
    /// whether and when to evaluate, art. 36), otherwise the default.
    public func evaluationDue(decidedOn: LocalDate, planned: LocalDate?) -> LocalDate {
        planned ?? evaluationDue(decidedOn: decidedOn)
    }
}

/// The 请示报告 before publication (重大行政决策程序暂行条例 art. 31: 重大行政决策出台前应当按照规定向同级党委请示报告):
/// a date not before the decision and not after publication, or — where the Party committee's rules require none —
/// the reason, never both. Fields: `partyReportedOn`, `partyReportNotRequiredReason`.
public enum PartyReportRule {
    public static func clean(reportedOn: String?, notRequiredReason: String?, decidedOn: LocalDate?, publishedOn: LocalDate?,
                             into errors: inout FieldErrors) -> (reportedOn: LocalDate?, notRequiredReason: String?) {
        let reported = DateRule(label: "请示报告日期", required: false).clean(reportedOn, field: "partyReportedOn", into: &errors)
        let reason = TextRule(label: "无需请示报告的理由", required: false, maxLength: 500, multiline: true)
            .clean(notRequiredReason, field: "partyReportNotRequiredReason", into: &errors)
        if let reported {
            if let decidedOn, reported < decidedOn { errors.add("partyReportedOn", "请示报告日期不能早于决定日期。") }
            if let publishedOn, reported > publishedOn { errors.add("partyReportedOn", "应当在公布前向同级党委请示报告：请示报告日期不能晚于公布日期。") }
            if reason != nil { errors.add("partyReportNotRequiredReason", "已填写请示报告日期的，不要再填写无需请示报告的理由。") }
        } else if reason == nil, errors["partyReportedOn"].isEmpty, errors["partyReportNotRequiredReason"].isEmpty {
            errors.add("partyReportedOn", "请填写向同级党委请示报告的日期；按规定不需要请示报告的，请填写理由（《重大行政决策程序暂行条例》第三十一条）。")
        }
        return (reported, reason)
    }
}
