/// Date rules of the document lifecycle. Each `check` returns the problems as `FieldErrors` (empty when
/// the dates are lawful), so a form shows them next to the fields named in the doc comment.

/// Publication and effective dates.
///
/// 湖南省规范性文件管理办法 art. 20 as amended by 省政府令第289号 (2018): 规范性文件应当于统一公布之日起30日以后施行。
/// 但是，公布后不立即施行将有碍法律、法规、规章、上位规范性文件执行，或者不利于保障国家安全、公共利益的，应当明确
/// 自公布之日起施行。
public struct PublicationRule: Sendable, Hashable {
    public var rules: DocumentRules

    public init(rules: DocumentRules = .default) {
        self.rules = rules
    }

    /// The earliest ordinary effective date: publication + 30 days. "30日以后" includes the 30th day
    /// (the start day not counted, 民法典 art. 201; "以后" read with art. 1259's 包括本数), and no roll-over:
    /// an effective date on a rest day harms nobody, the roll-over of 民事诉讼法 art. 85 protects the last day
    /// to act, not the first day a rule applies.
    public func earliestEffective(published: LocalDate) -> LocalDate {
        // Rule `documents.effective`: no roll-over, so no calendar is needed.
        DocumentPeriods.effective.applying(rules).calendarFreeDate(from: published)!
    }

    /// Fields: `effective` (the dates), `immediateReason` (the stated reason).
    /// - `immediate`: the drafter chose 自公布之日起施行; then the effective date must be the publication date
    ///   and the reason must be recorded.
    public func check(published: LocalDate, effective: LocalDate, immediate: Bool, reason: String?) -> FieldErrors {
        var errors = FieldErrors()
        if effective < published {
            errors.add("effective", "施行日期（\(effective.chinese)）不能早于公布日期（\(published.chinese)）。")
            return errors
        }
        if immediate {
            if effective != published {
                errors.add("effective", "自公布之日起施行的，施行日期应与公布日期（\(published.chinese)）相同。")
            }
            let cleaned = TextRule(label: "立即施行的理由", maxLength: 500, multiline: true)
                .clean(reason, field: "immediateReason", into: &errors)
            if cleaned == nil && errors["immediateReason"].isEmpty {
                errors.add("immediateReason", "请填写「立即施行的理由」。")
            }
        } else if effective < earliestEffective(published: published) {
            let earliest = earliestEffective(published: published)
            errors.add("effective", "施行日期应在公布之日起\(rules.effectiveDelayDays)日以后，即不早于\(earliest.chinese)；"
                + "公布后不立即施行将有碍执行或者不利于保障国家安全、公共利益的，可选择自公布之日起施行并说明理由。")
        }
        return errors
    }
}

/// The public comment period (征求意见).
///
/// Minimum: rule `documents.publicComment` (一般不少于7个工作日, 法治政府建设示范指标体系 item 24 [verify]); for
/// documents closely tied to market entities' production and business also `documents.publicCommentMarket`
/// (一般不少于30日, 优化营商环境条例 art. 62(2)).
///
/// Counting: from the day after the comment period opens (民法典 art. 201: 按照日、月、年计算期间的，开始的当日不
/// 计入，自下一日开始计算), by the legal calendar's `Period` rules: N working days (make-up working days count,
/// holiday weekdays do not), or N calendar days whose last day rolls over a rest day (民事诉讼法 art. 85). The end
/// date must be on or after that last day.
public struct CommentPeriodRule: Sendable, Hashable {
    public var rules: DocumentRules

    public init(rules: DocumentRules = .default) {
        self.rules = rules
    }

    /// The periods the comment period must cover (the working-day minimum, and for market-related documents
    /// the calendar-day minimum too).
    public func minimumPeriods(start: LocalDate, marketRelated: Bool) -> [Period] {
        var periods = [DocumentPeriods.publicComment.applying(rules).period(from: start)!]
        if marketRelated {
            periods.append(DocumentPeriods.publicCommentMarket.applying(rules).period(from: start)!)
        }
        return periods
    }

    /// The earliest lawful end date. Throws `CalendarError.yearNotCovered` when the calendar lacks a year.
    public func minimumEnd(start: LocalDate, marketRelated: Bool, calendar: LegalCalendar) throws -> LocalDate {
        try minimumPeriods(start: start, marketRelated: marketRelated).map { try calendar.dueDate(of: $0) }.max()!
    }

    /// Fields: `commentEnd`. A calendar gap is reported on `commentEnd` with the calendar's own message
    /// (it tells the administrator which year's notice to import).
    public func check(start: LocalDate, end: LocalDate, marketRelated: Bool, calendar: LegalCalendar) -> FieldErrors {
        if end < start {
            return FieldErrors("commentEnd", "征求意见截止日期（\(end.chinese)）不能早于开始日期（\(start.chinese)）。")
        }
        let minimum: LocalDate
        do {
            minimum = try minimumEnd(start: start, marketRelated: marketRelated, calendar: calendar)
        } catch let error as CalendarError {
            return FieldErrors("commentEnd", error.message)
        } catch {
            return FieldErrors("commentEnd", "无法计算征求意见期限。")
        }
        guard end >= minimum else {
            let opening = "自开始之日的次日起算"
            let length = marketRelated
                ? "与市场主体生产经营活动密切相关的文件，征求意见期限应不少于\(rules.marketCommentMinimumDays)日且不少于\(rules.commentMinimumWorkingDays)个工作日"
                : "征求意见期限应不少于\(rules.commentMinimumWorkingDays)个工作日"
            return FieldErrors("commentEnd", "\(length)（\(opening)），截止日期不得早于\(minimum.chinese)。")
        }
        return FieldErrors()
    }
}

/// The time the legal office has for the legality review: 原则上不少于5个工作日，最长不超过15个工作日
/// (国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见, 国办发〔2018〕115号 [verify]).
public struct ReviewPeriodRule: Sendable, Hashable {
    public var rules: DocumentRules

    public init(rules: DocumentRules = .default) {
        self.rules = rules
    }

    /// The review deadline as a tracked period: 15 working days from the day the draft was received (the
    /// receiving day not counted, as every period). Its due date and status are derived when read
    /// (`LegalCalendar.dueDate(of:)`, `DeadlineStatusRule`), so no calendar is needed to build it.
    public func reviewDeadline(received: LocalDate) -> Period {
        DocumentPeriods.legalityReview.applying(rules).period(from: received)!
    }

    /// The working days the drafter left the legal office: those in (received, requestedBy].
    public func workingDaysAllowed(received: LocalDate, requestedBy: LocalDate, calendar: LegalCalendar) throws -> Int {
        var count = 0
        var day = received.adding(days: 1)
        // Only whether it reaches the minimum matters, so counting stops there.
        while day <= requestedBy && count < rules.reviewMinimumWorkingDays {
            if try calendar.isWorkingDay(day) { count += 1 }
            day = day.adding(days: 1)
        }
        return count
    }

    /// A warning (not a refusal: the minimum holds 原则上) when the drafter asked for the opinion in fewer
    /// than 5 working days; nil otherwise. Throws `CalendarError.yearNotCovered` on a calendar gap.
    public func shortNoticeWarning(received: LocalDate, requestedBy: LocalDate, calendar: LegalCalendar) throws -> String? {
        let allowed = try workingDaysAllowed(received: received, requestedBy: requestedBy, calendar: calendar)
        guard allowed < rules.reviewMinimumWorkingDays else { return nil }
        return "起草单位要求在\(requestedBy.chinese)前出具审查意见，只留给法制机构\(allowed)个工作日，"
            + "少于原则上不少于\(rules.reviewMinimumWorkingDays)个工作日的审查时间（国办发〔2018〕115号）。"
    }
}

/// Filing (备案) with the higher-level government: 政府规范性文件于公布之日起15日内报送备案 (湖南省规范性文件管理办法
/// art. 22(1)(1) as amended by 省政府令第289号, 2018; current text 省政府令第327号, 2025) [verify the department rule].
public struct FilingRule: Sendable, Hashable {
    public var rules: DocumentRules

    public init(rules: DocumentRules = .default) {
        self.rules = rules
    }

    /// 15 calendar days after publication (the publication day not counted), the last day rolled over a rest
    /// day (民事诉讼法 art. 85, the Periods rules).
    public func filingPeriod(published: LocalDate) -> Period {
        DocumentPeriods.filing.applying(rules).period(from: published)!
    }

    /// Late = filed after the due date; filing on the due date is on time.
    public func isLate(filedOn: LocalDate, due: LocalDate) -> Bool {
        filedOn > due
    }
}
