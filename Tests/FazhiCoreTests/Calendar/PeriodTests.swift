import Foundation
import Testing
@testable import FazhiCore

@Suite("Periods: LegalCalendar.dueDate(of:)")
struct PeriodTests {
    typealias F = CalendarFixtures

    struct Case: Sendable, CustomTestStringConvertible {
        var start: String
        var length: Int
        var unit: PeriodUnit
        var pauses: [(String, String)] = []
        var due: String
        var why: String
        var testDescription: String { "\(start) + \(length) \(unit.rawValue) → \(due): \(why)" }

        var period: Period {
            Period(start: CalendarFixtures.date(start), length: length, unit: unit,
                   pauses: pauses.map { Pause(from: CalendarFixtures.date($0.0), to: CalendarFixtures.date($0.1)) })
        }
    }

    // Every expectation below was counted by hand on a printed calendar against the notices.
    static let calendarDayCases: [Case] = [
        Case(start: "2024-03-01", length: 14, unit: .calendarDays, due: "2024-03-15", why: "ends on a Friday"),
        Case(start: "2024-03-01", length: 15, unit: .calendarDays, due: "2024-03-18", why: "Saturday rolls to Monday"),
        Case(start: "2024-03-01", length: 16, unit: .calendarDays, due: "2024-03-18", why: "Sunday rolls to Monday"),
        Case(start: "2024-01-05", length: 60, unit: .calendarDays, due: "2024-03-05", why: "rest days inside not deducted; leap February"),
        Case(start: "2025-01-20", length: 10, unit: .calendarDays, due: "2025-02-05", why: "ends inside Spring Festival 1-28…2-4"),
        Case(start: "2024-02-01", length: 10, unit: .calendarDays, due: "2024-02-18", why: "Spring Festival 2-10…2-17, first working day is make-up Sunday 2-18"),
        Case(start: "2024-01-25", length: 10, unit: .calendarDays, due: "2024-02-04", why: "ends on make-up Sunday, stands"),
        Case(start: "2026-02-13", length: 15, unit: .calendarDays, due: "2026-02-28", why: "ends on make-up Saturday, stands"),
        Case(start: "2024-09-20", length: 11, unit: .calendarDays, due: "2024-10-08", why: "National Day 10-1…10-7"),
        Case(start: "2020-01-22", length: 10, unit: .calendarDays, due: "2020-02-03", why: "2020-02-01 became a holiday by the extension"),
        Case(start: "2020-01-21", length: 10, unit: .calendarDays, due: "2020-02-03", why: "2020-01-31 added by the extension"),
        Case(start: "2014-12-25", length: 10, unit: .calendarDays, due: "2015-01-04", why: "make-up Sunday 2015-01-04; 2014 never examined"),
        Case(start: "2018-12-19", length: 10, unit: .calendarDays, due: "2018-12-29", why: "make-up Saturday set by the 2019 notice"),
        Case(start: "2018-12-20", length: 10, unit: .calendarDays, due: "2019-01-02", why: "2018-12-30…2019-01-01 元旦"),
        Case(start: "2022-12-21", length: 10, unit: .calendarDays, due: "2023-01-03", why: "2023 元旦 from 2022-12-31"),
        Case(start: "2026-12-21", length: 10, unit: .calendarDays, due: "2026-12-31", why: "Thursday; 2027 not needed"),
        Case(start: "2026-12-24", length: 2, unit: .calendarDays, due: "2026-12-28", why: "Saturday rolls within 2026; 2027 not needed"),
        Case(start: "2015-01-01", length: 3650, unit: .calendarDays, due: "2024-12-30", why: "maximum length; 2024-12-29 is a Sunday"),
        // Pauses (中止 / 补正): paused days are not counted.
        Case(start: "2024-03-01", length: 10, unit: .calendarDays, pauses: [("2024-03-04", "2024-03-06")],
             due: "2024-03-14", why: "3 paused days added back"),
        Case(start: "2024-03-01", length: 10, unit: .calendarDays, pauses: [("2024-03-02", "2024-03-06")],
             due: "2024-03-18", why: "paused 5 days, lands on Saturday, rolls"),
        Case(start: "2024-03-01", length: 5, unit: .calendarDays, pauses: [("2024-02-28", "2024-03-03")],
             due: "2024-03-08", why: "pause begun before the start"),
        Case(start: "2024-03-01", length: 15, unit: .calendarDays, pauses: [("2024-03-18", "2024-03-19")],
             due: "2024-03-20", why: "roll-over passes a weekend and paused days"),
        Case(start: "2024-03-01", length: 10, unit: .calendarDays, pauses: [("2024-03-04", "2024-03-05"), ("2024-03-05", "2024-03-06")],
             due: "2024-03-14", why: "overlapping pauses count each day once"),
    ]

    static let workingDayCases: [Case] = [
        Case(start: "2024-09-27", length: 5, unit: .workingDays, due: "2024-10-10", why: "make-up Sunday 9-29 counts, National Day does not"),
        Case(start: "2024-02-08", length: 5, unit: .workingDays, due: "2024-02-21", why: "除夕 2-9 worked in 2024; make-up Sunday 2-18"),
        Case(start: "2025-01-24", length: 3, unit: .workingDays, due: "2025-02-05", why: "make-up Sunday 1-26; Spring Festival 1-28…2-4"),
        Case(start: "2024-04-30", length: 10, unit: .workingDays, due: "2024-05-16", why: "Labour Day 5-1…5-5; make-up Saturday 5-11"),
        Case(start: "2020-01-23", length: 1, unit: .workingDays, due: "2020-02-03", why: "2020-02-01 no longer worked after the extension"),
        Case(start: "2014-12-31", length: 1, unit: .workingDays, due: "2015-01-04", why: "make-up Sunday; walk starts in 2015"),
        Case(start: "2018-12-28", length: 1, unit: .workingDays, due: "2018-12-29", why: "make-up Saturday set by the 2019 notice"),
        Case(start: "2024-03-01", length: 5, unit: .workingDays, due: "2024-03-08", why: "plain week"),
        Case(start: "2024-09-27", length: 5, unit: .workingDays, pauses: [("2024-10-08", "2024-10-09")],
             due: "2024-10-12", why: "two paused days; make-up Saturday 10-12 counts"),
        Case(start: "2024-03-01", length: 3, unit: .workingDays, pauses: [("2024-03-01", "2024-03-05")],
             due: "2024-03-08", why: "pause covering the start"),
    ]

    @Test(arguments: calendarDayCases + workingDayCases)
    func dueDate(_ c: Case) throws {
        #expect(try F.bundled.dueDate(of: c.period) == F.date(c.due))
    }

    @Test(arguments: [0, -5, 3651])
    func lengthOutOfRange(_ length: Int) {
        for unit in [PeriodUnit.calendarDays, .workingDays] {
            #expect(throws: CalendarError.invalidLength(length)) {
                try F.bundled.dueDate(of: Period(start: F.date("2024-03-01"), length: length, unit: unit))
            }
        }
    }

    @Test func reversedPauseRejected() {
        let period = Period(start: F.date("2024-03-01"), length: 5, unit: .calendarDays,
                            pauses: [Pause(from: F.date("2024-03-05"), to: F.date("2024-03-04"))])
        #expect(throws: CalendarError.invalidPause(from: F.date("2024-03-05"), to: F.date("2024-03-04"))) {
            try F.bundled.dueDate(of: period)
        }
    }

    @Test(arguments: [
        ("2026-12-20", 20, PeriodUnit.calendarDays, 2027),  // end day 2027-01-09 unknown
        ("2026-12-30", 5, .workingDays, 2027),               // walks into 2027
        ("2014-06-01", 10, .calendarDays, 2014),
    ])
    func uncoveredYearsThrow(start: String, length: Int, unit: PeriodUnit, missing: Int) throws {
        let period = Period(start: F.date(start), length: length, unit: unit)
        #expect(throws: CalendarError.yearNotCovered(missing)) { try F.bundled.dueDate(of: period) }
    }

    @Test func periodCodableUsesRawUnitsAndOptionalPauses() throws {
        let json = Data(#"{"start":"2024-09-27","length":5,"unit":"working"}"#.utf8)
        let period = try JSONDecoder().decode(Period.self, from: json)
        #expect(period == Period(start: F.date("2024-09-27"), length: 5, unit: .workingDays))
        let round = try JSONDecoder().decode(Period.self, from: JSONEncoder().encode(period))
        #expect(round == period)
    }
}
