/// How a period's length is counted.
public enum PeriodUnit: String, Codable, Sendable {
    /// 日: calendar days, rolled over a rest day at the end (民事诉讼法 2023 art. 85).
    case calendarDays = "calendar"
    /// 工作日: working days only (行政复议法 2023 art. 88(2)).
    case workingDays = "working"
}

/// An interval during which a period does not run (中止, waiting for 补正), both ends included.
public struct Pause: Codable, Sendable, Hashable {
    public var from: LocalDate
    public var to: LocalDate

    public init(from: LocalDate, to: LocalDate) {
        self.from = from
        self.to = to
    }

    public func contains(_ date: LocalDate) -> Bool { from <= date && date <= to }
}

/// A legal period: `length` units counted from the day after `start`.
public struct Period: Codable, Sendable, Hashable {
    public var start: LocalDate
    public var length: Int
    public var unit: PeriodUnit
    public var pauses: [Pause]

    public static let lengthRange = 1...3650

    public init(start: LocalDate, length: Int, unit: PeriodUnit, pauses: [Pause] = []) {
        self.start = start
        self.length = length
        self.unit = unit
        self.pauses = pauses
    }

    enum CodingKeys: String, CodingKey { case start, length, unit, pauses }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        start = try container.decode(LocalDate.self, forKey: .start)
        length = try container.decode(Int.self, forKey: .length)
        unit = try container.decode(PeriodUnit.self, forKey: .unit)
        pauses = try container.decodeIfPresent([Pause].self, forKey: .pauses) ?? []
    }

    func isPaused(_ date: LocalDate) -> Bool { pauses.contains { $0.contains(date) } }
}

extension LegalCalendar {
    /// The last day of the period.
    ///
    /// - Calendar days (民事诉讼法 2023 art. 85, applied by 行政诉讼法 and 行政复议法 art. 88(1)): the start day
    ///   is not counted; the period ends on start + N; rest days inside are not deducted; a last day that
    ///   is a rest day (holiday, or weekend not worked) moves to the first working day after it.
    /// - Working days (行政复议法 2023 art. 88(2)): N working days after the start day; a make-up working
    ///   day counts, a weekday inside a holiday does not.
    /// - Pauses: a paused day is not counted and the paused days are added back; a calendar period's end
    ///   also rolls over paused days.
    ///
    /// Only the days the count examines must be covered: for calendar days the counted end day and any
    /// roll-over days; for working days every unpaused day walked.
    public func dueDate(of period: Period) throws -> LocalDate {
        guard Period.lengthRange.contains(period.length) else { throw CalendarError.invalidLength(period.length) }
        if let bad = period.pauses.first(where: { $0.from > $0.to }) {
            throw CalendarError.invalidPause(from: bad.from, to: bad.to)
        }
        var day = period.start
        var counted = 0
        switch period.unit {
        case .calendarDays:
            while counted < period.length {
                day = day.adding(days: 1)
                if !period.isPaused(day) { counted += 1 }
            }
            // 期间届满的最后一日是法定休假日的，以法定休假日后的第一日为期间届满的日期 (art. 85).
            while try kind(of: day).isRestDay {
                repeat { day = day.adding(days: 1) } while period.isPaused(day)
            }
        case .workingDays:
            while counted < period.length {
                day = day.adding(days: 1)
                if !period.isPaused(day), try isWorkingDay(day) { counted += 1 }
            }
        }
        return day
    }
}
