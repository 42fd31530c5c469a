import Foundation

/// What a date is under the State Council's schedule.
public enum DayKind: Sendable, Hashable {
    case workingDay
    case weekend
    /// A day of a 放假 range (weekend days inside the range included), with the holiday's name.
    case holiday(String)
    /// A Saturday or Sunday worked in exchange (调休上班), with its note.
    case makeUpWorkingDay(String)

    public var isWorkingDay: Bool {
        switch self {
        case .workingDay, .makeUpWorkingDay: return true
        case .weekend, .holiday: return false
        }
    }

    /// A statutory rest day in the sense of 民事诉讼法 art. 85: a holiday day, or a weekend day not worked.
    public var isRestDay: Bool { !isWorkingDay }
}

/// The holiday calendar every legal period in Fazhi is counted on: the bundled State Council schedules
/// plus any years an administrator imported at runtime.
public struct LegalCalendar: Sendable {
    private let byYear: [Int: CalendarYear]
    private let holidayOn: [LocalDate: String]
    private let workdayOn: [LocalDate: String]

    /// Later years with the same number replace earlier ones, so runtime imports override bundled data.
    /// Throws when a year's data is invalid or when two notices contradict each other on a date
    /// (a notice can reach into December of the year before).
    public init(years: [CalendarYear]) throws {
        var byYear: [Int: CalendarYear] = [:]
        for year in years {
            try year.validate()
            byYear[year.year] = year
        }
        var holidayOn: [LocalDate: String] = [:]
        var workdayOn: [LocalDate: String] = [:]
        var sourceOf: [LocalDate: Int] = [:]
        func claim(_ date: LocalDate, by year: Int) throws {
            if let other = sourceOf[date], other != year {
                throw CalendarError.conflictingYears(date: date, years: [other, year].sorted())
            }
            sourceOf[date] = year
        }
        for year in byYear.keys.sorted() {
            let data = byYear[year]!
            for holiday in data.holidays {
                for day in holiday.days {
                    try claim(day, by: year)
                    holidayOn[day] = holiday.name
                }
            }
            for workday in data.workdays {
                try claim(workday.date, by: year)
                workdayOn[workday.date] = workday.name
            }
        }
        self.byYear = byYear
        self.holidayOn = holidayOn
        self.workdayOn = workdayOn
    }

    /// The schedules shipped in Resources/calendar/holidays-cn.json.
    public static func bundled() throws -> LegalCalendar {
        try LegalCalendar(years: bundledYears())
    }

    /// The years of the bundled file, to combine with imported ones: `LegalCalendar(years: bundled + imported)`.
    public static func bundledYears() throws -> [CalendarYear] {
        guard let url = Bundle.module.url(
            forResource: "holidays-cn", withExtension: "json", subdirectory: "Resources/calendar")
        else { throw CalendarError.bundledDataMissing }
        return try CalendarYear.decode(Data(contentsOf: url))
    }

    /// The years in force, oldest first.
    public var years: [CalendarYear] { byYear.keys.sorted().map { byYear[$0]! } }

    public var coveredYears: [Int] { byYear.keys.sorted() }

    public func covers(_ year: Int) -> Bool { byYear[year] != nil }

    public func year(_ year: Int) -> CalendarYear? { byYear[year] }

    /// What the date is. A date named by a notice (even one dated in December of the year before) is
    /// answered from it; any other date needs its own year's notice, else `yearNotCovered` — never a guess.
    public func kind(of date: LocalDate) throws -> DayKind {
        if let name = holidayOn[date] { return .holiday(name) }
        if let name = workdayOn[date] { return .makeUpWorkingDay(name) }
        guard covers(date.year) else { throw CalendarError.yearNotCovered(date.year) }
        return date.isWeekend ? .weekend : .workingDay
    }

    public func isWorkingDay(_ date: LocalDate) throws -> Bool { try kind(of: date).isWorkingDay }

    /// True for a December date whose next year's notice is not in the calendar yet: that notice may
    /// still make it a holiday or a make-up working day (as the 2019 notice did for 2018-12-29…31).
    /// The answer for such a date stands on the current data; this only lets the caller say so.
    public func isProvisional(_ date: LocalDate) -> Bool {
        date.month == 12 && !covers(date.year + 1)
    }
}
