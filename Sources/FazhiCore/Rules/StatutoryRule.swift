/// The statutory-rule catalogue: every period the software enforces is one named rule with its length, the
/// event it runs from, how it is counted and the article it comes from. Modules compute deadlines only
/// through these rules (docs/RULES.md is generated from them by `fazhi rules --format markdown`).

/// How long a rule's period is.
public enum RuleLength: Sendable, Hashable {
    /// 日: calendar days.
    case days(Int)
    /// 工作日: working days on the legal calendar (make-up working days count, holiday weekdays do not).
    case workingDays(Int)
    case months(Int)
    case years(Int)
    /// A date fixed in the year after the event's year: "before 1 April" → `.before(month: 4, day: 1)`, whose
    /// last day is 31 March.
    case before(month: Int, day: Int)

    /// 15日, 5个工作日, 6个月, 5年, 次年4月1日前.
    public var label: String {
        switch self {
        case .days(let n): "\(n)日"
        case .workingDays(let n): "\(n)个工作日"
        case .months(let n): "\(n)个月"
        case .years(let n): "\(n)年"
        case .before(let month, let day): "次年\(month)月\(day)日前"
        }
    }

    /// The same unit with another number (a setting the legal office changed); a fixed date keeps its date.
    public func with(_ number: Int) -> RuleLength {
        switch self {
        case .days: .days(number)
        case .workingDays: .workingDays(number)
        case .months: .months(number)
        case .years: .years(number)
        case .before: self
        }
    }

    public var number: Int? {
        switch self {
        case .days(let n), .workingDays(let n), .months(let n), .years(let n): n
        case .before: nil
        }
    }

    /// The unit's English name, for `fazhi rules --format json`.
    public var unitName: String {
        switch self {
        case .days: "calendarDays"
        case .workingDays: "workingDays"
        case .months: "months"
        case .years: "years"
        case .before: "fixedDateNextYear"
        }
    }
}

/// How the period is counted from its event.
public enum RuleCounting: String, Sendable, Hashable {
    /// The event's day is not counted; the period ends N units later; a last day that is a rest day moves to
    /// the next working day (民事诉讼法 2023 art. 85; 民法典 arts. 201–203; 行政复议法 2023 art. 88).
    /// Paused days (中止, waiting for 补正) are not counted and are added back.
    case statutory
    /// The event's day is not counted and nothing rolls over: an earliest date (施行日期 30 days after
    /// publication) that harms nobody when it falls on a rest day.
    case noRollOver
    /// A term in force that counts its first day: it ends the day before the same date N later (有效期5年 from
    /// 2020-06-01 ends 2025-05-31); no roll-over.
    case termIncludingStart
    /// N units before the event (the last day to re-publish before expiry, the start of an evaluation window);
    /// no roll-over, which would shorten the time the rule guarantees.
    case beforeEvent

    public var label: String {
        switch self {
        case .statutory: "次日起算，末日遇法定休假日顺延"
        case .noRollOver: "次日起算，不顺延"
        case .termIncludingStart: "含起始日，至对应日前一日"
        case .beforeEvent: "事件日前倒数"
        }
    }
}

/// What the computed date means.
public enum RuleBound: String, Sendable, Hashable {
    /// The last day to act (备案期限, 审查期限).
    case deadline
    /// The earliest end of something that must last at least this long (征求意见不少于30日).
    case minimum
    /// The earliest day something may happen (施行日期).
    case earliest
    /// The last day of a term (有效期).
    case termEnd
    /// The day from which something is due (评估期开始).
    case dueFrom

    public var label: String {
        switch self {
        case .deadline: "期限届满日"
        case .minimum: "最短期限届满日"
        case .earliest: "最早日期"
        case .termEnd: "有效期最后一日"
        case .dueFrom: "应办起始日"
        }
    }
}

/// Where a rule comes from.
public struct LegalSource: Sendable, Hashable {
    /// 《重大行政决策程序暂行条例》.
    public var statute: String
    /// 第十五条.
    public var article: String
    /// A one-line summary of what the article says about this period.
    public var summary: String

    public init(_ statute: String, _ article: String, _ summary: String) {
        self.statute = statute
        self.article = article
        self.summary = summary
    }

    public var citation: String { article.isEmpty ? statute : "\(statute)\(article)" }
}

/// One named statutory period.
public struct StatutoryRule: Sendable, Hashable, Identifiable {
    /// `module.rule`, lowerCamelCase: `documents.filing`.
    public let id: String
    /// 规范性文件报送备案.
    public let title: String
    public let length: RuleLength
    /// The statutory extension where the law allows one (延长), added after the period ends.
    public let extensionLength: RuleLength?
    public let counting: RuleCounting
    public let bound: RuleBound
    /// The event the period runs from, in Chinese: 公布之日.
    public let startEvent: String
    public let source: LegalSource
    /// The module-rules field that holds the legal office's value for this period, when it may change it
    /// (the figures marked [verify] in the sources, kept as settings with the statute's value as default).
    public let settingField: String?
    /// True when the figure or its article still needs checking against the current provincial text.
    public let needsVerification: Bool
    /// The first and last day a version of the rule applies (on the matter's start event); nil = open.
    public let inForceFrom: LocalDate?
    public let inForceUntil: LocalDate?
    /// A law version this rule belongs to when the catalogue keeps several (e.g. "2017", "2023").
    public let lawVersion: String?

    public init(_ id: String, _ title: String, length: RuleLength, extension extensionLength: RuleLength? = nil,
                counting: RuleCounting = .statutory, bound: RuleBound = .deadline, from startEvent: String, source: LegalSource,
                setting settingField: String? = nil, verify needsVerification: Bool = false,
                inForceFrom: LocalDate? = nil, inForceUntil: LocalDate? = nil, lawVersion: String? = nil) {
        self.id = id
        self.title = title
        self.length = length
        self.extensionLength = extensionLength
        self.counting = counting
        self.bound = bound
        self.startEvent = startEvent
        self.source = source
        self.settingField = settingField
        self.needsVerification = needsVerification
        self.inForceFrom = inForceFrom
        self.inForceUntil = inForceUntil
        self.lawVersion = lawVersion
    }

    /// The module part of the id: `documents`.
    public var module: String { String(id.prefix { $0 != "." }) }

    /// True when this version applies to a matter whose period starts on `date`.
    public func isInForce(on date: LocalDate) -> Bool {
        if let inForceFrom, date < inForceFrom { return false }
        if let inForceUntil, date > inForceUntil { return false }
        return true
    }

    /// The rule with the legal office's value for its number (a setting); nil keeps the statute's.
    public func with(length number: Int?) -> StatutoryRule {
        guard let number, number != length.number else { return self }
        return with(length: length.with(number))
    }

    /// The rule with another length (a term the drafter chose, within what the rules allow).
    public func with(length newLength: RuleLength) -> StatutoryRule {
        StatutoryRule(id, title, length: newLength, extension: extensionLength, counting: counting, bound: bound,
                      from: startEvent, source: source, setting: settingField, verify: needsVerification,
                      inForceFrom: inForceFrom, inForceUntil: inForceUntil, lawVersion: lawVersion)
    }

    /// The period as the legal calendar tracks it, for rules counted in days or working days from the event
    /// with the statutory roll-over (the ones the 待办 panel follows); nil for the others.
    public func period(from start: LocalDate, pauses: [Pause] = []) -> Period? {
        guard counting == .statutory else { return nil }
        switch length {
        case .days(let n): return Period(start: start, length: n, unit: .calendarDays, pauses: pauses)
        case .workingDays(let n): return Period(start: start, length: n, unit: .workingDays, pauses: pauses)
        case .months, .years, .before: return nil
        }
    }

    /// The date the rule gives for an event on `start`, with `pauses` (both ends included) not counted and,
    /// when `extended`, the statutory extension added after the period's end. Throws
    /// `CalendarError.yearNotCovered` when a year the count needs is not in the legal calendar, and
    /// `RuleError.noExtension` when `extended` is asked of a rule without one.
    public func dueDate(from start: LocalDate, pauses: [Pause] = [], extended: Bool = false, calendar: LegalCalendar) throws -> LocalDate {
        if let bad = pauses.first(where: { $0.from > $0.to }) { throw CalendarError.invalidPause(from: bad.from, to: bad.to) }
        let end = try Self.date(length, counting: counting, from: start, pauses: pauses, calendar: calendar)
        guard extended else { return end }
        guard let extensionLength else { throw RuleError.noExtension(id) }
        return try Self.date(extensionLength, counting: counting, from: end, pauses: pauses, calendar: calendar)
    }

    /// The date for rules that need no legal calendar (no working days, no roll-over, no pauses): a fixed date,
    /// an earliest date, a term or a "before" date. nil for the others.
    public func calendarFreeDate(from start: LocalDate) -> LocalDate? {
        switch (length, counting) {
        case (.before, _): return try? Self.date(length, counting: counting, from: start, pauses: [], calendar: nil)
        case (.workingDays, _), (_, .statutory): return nil
        default: return try? Self.date(length, counting: counting, from: start, pauses: [], calendar: nil)
        }
    }

    static func date(_ length: RuleLength, counting: RuleCounting, from start: LocalDate, pauses: [Pause],
                     calendar: LegalCalendar?) throws -> LocalDate {
        func needCalendar() throws -> LegalCalendar {
            guard let calendar else { throw CalendarError.yearNotCovered(start.year) }
            return calendar
        }
        switch (length, counting) {
        case (.before(let month, let day), _):
            return LocalDate(year: start.year + 1, month: month, day: day)!.adding(days: -1)
        case (.days(let n), .statutory):
            return try needCalendar().dueDate(of: Period(start: start, length: n, unit: .calendarDays, pauses: pauses))
        case (.workingDays(let n), .statutory), (.workingDays(let n), .noRollOver), (.workingDays(let n), .termIncludingStart):
            return try needCalendar().dueDate(of: Period(start: start, length: n, unit: .workingDays, pauses: pauses))
        case (.workingDays(let n), .beforeEvent):
            var day = start
            var counted = 0
            while counted < n {
                day = day.adding(days: -1)
                if try needCalendar().isWorkingDay(day) { counted += 1 }
            }
            return day
        case (.days(let n), .noRollOver):
            return start.adding(days: n + pausedDays(pauses, after: start, through: start.adding(days: n)))
        case (.days(let n), .termIncludingStart):
            return start.adding(days: n - 1)
        case (.days(let n), .beforeEvent):
            return start.adding(days: -n)
        case (.months(let n), _), (.years(let n), _):
            let months = length.isYears ? n * 12 : n
            switch counting {
            case .termIncludingStart:
                return start.termEnd(months: months)
            case .beforeEvent:
                return start.monthsEarlierClamped(months)
            case .noRollOver, .statutory:
                // 民法典 art. 202: ends on the corresponding day of the last month, or that month's last day.
                var day = start.monthsLaterClamped(months)
                day = day.adding(days: pausedDays(pauses, after: start, through: day))
                guard counting == .statutory else { return day }
                // art. 203: a last day that is a statutory rest day moves to the day after the rest ends.
                while try needCalendar().kind(of: day).isRestDay { day = day.adding(days: 1) }
                return day
            }
        }
    }

    /// Plain-language reasons for a date this rule gave, as a clerk would explain it.
    public func explanation(from start: LocalDate, due: LocalDate, pauses: [Pause] = [], extended: Bool = false, statuteLength: RuleLength? = nil) -> [String] {
        var lines = ["\(title)：\(source.citation)——\(source.summary)\(needsVerification ? "（本条数值以本省现行规定为准，可在规则设置中调整）" : "")。"]
        var period = "期间：\(length.label)"
        if let statuteLength, statuteLength != length { period += "（本级设置；法定或默认为\(statuteLength.label)）" }
        if extended, let extensionLength { period += "，依法延长\(extensionLength.label)" }
        lines.append(period + "，自\(startEvent)（\(start.chinese)）起计算；\(counting.label)。")
        for pause in pauses { lines.append("\(pause.from.chinese)至\(pause.to.chinese)中止，不计入期间。") }
        lines.append("\(bound.label)：\(due.chinese)（\(due.chineseWeekday)）。")
        return lines
    }

    /// Days of `pauses` inside (start, end], each counted once.
    static func pausedDays(_ pauses: [Pause], after start: LocalDate, through end: LocalDate) -> Int {
        guard !pauses.isEmpty else { return 0 }
        var count = 0
        var day = start.adding(days: 1)
        var last = end
        while day <= last {
            if pauses.contains(where: { $0.contains(day) }) {
                count += 1
                last = last.adding(days: 1)
            }
            day = day.adding(days: 1)
        }
        return count
    }
}

extension RuleLength {
    var isYears: Bool { if case .years = self { true } else { false } }
}

public enum RuleError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownRule(String, known: [String])
    case noExtension(String)
    case noVersion(String, LocalDate)
    case unknownLawVersion(String, String, known: [String])

    public var description: String {
        switch self {
        case .unknownRule(let id, let known): "未知的规则：\(id)。可用的规则：\(known.joined(separator: ", "))"
        case .noExtension(let id): "规则 \(id) 没有法定延长期限。"
        case .noVersion(let id, let date): "规则 \(id) 在 \(date) 没有施行中的版本。"
        case .unknownLawVersion(let id, let version, let known): "规则 \(id) 没有 \(version) 版本。可用的版本：\(known.joined(separator: ", "))"
        }
    }
}

extension LocalDate {
    /// The last day of a term of `months` months beginning on (and counting) `self`: the day before the same
    /// date `months` later; a missing same date rolls to the 1st of the next month first.
    func termEnd(months: Int) -> LocalDate {
        let total = year * 12 + (month - 1) + months
        let targetYear = total / 12
        let targetMonth = total % 12 + 1
        let anniversary = LocalDate(year: targetYear, month: targetMonth, day: day)
            ?? LocalDate(year: targetYear + (targetMonth == 12 ? 1 : 0), month: targetMonth % 12 + 1, day: 1)!
        return anniversary.adding(days: -1)
    }

    /// The same date `months` earlier, or the last day of that month when it is shorter.
    func monthsEarlierClamped(_ months: Int) -> LocalDate {
        monthsLaterClamped(-months)
    }

    /// The same date `months` later (or earlier, when negative), or the last day of that month when it is
    /// shorter (民法典 art. 202: 没有对应日的，月末日为期间的最后一日).
    func monthsLaterClamped(_ months: Int) -> LocalDate {
        let total = year * 12 + (month - 1) + months
        let targetYear = total / 12
        let targetMonth = total % 12 + 1
        let lastDay = LocalDate.daysInMonth(year: targetYear, month: targetMonth)
        return LocalDate(year: targetYear, month: targetMonth, day: min(day, lastDay))!
    }
}

/// A module's settings that hold the legal office's values for some of its rules (`StatutoryRule.settingField`).
public protocol PeriodSettings: Sendable {
    /// The number stored for a rule's setting field, nil when there is none.
    func settingValue(_ field: String) -> Int?
}

extension StatutoryRule {
    /// The rule with the legal office's value applied, when it has a setting.
    public func applying(_ settings: some PeriodSettings) -> StatutoryRule {
        with(length: settingField.flatMap { settings.settingValue($0) })
    }
}
