import Foundation
import Testing
@testable import FazhiCore

@Suite("Deadline status")
struct DeadlineStatusTests {
    typealias F = CalendarFixtures

    // Around National Day 2024: 9-29 (Sun) and 10-12 (Sat) worked, 10-1…10-7 off.
    @Test(arguments: [
        ("2024-10-10", "2024-10-11", nil, DeadlineStatus.overdue, "day after the due date"),
        ("2024-10-10", "2024-10-10", nil, .dueSoon, "due today"),
        ("2024-10-10", "2024-10-08", nil, .dueSoon, "two working days left: 10-9, 10-10"),
        ("2024-10-10", "2024-09-30", nil, .dueSoon, "three left: 10-8, 10-9, 10-10 (the holiday does not count)"),
        ("2024-10-10", "2024-09-29", nil, .normal, "four left: 9-30, 10-8, 10-9, 10-10"),
        ("2024-10-10", "2024-10-01", nil, .dueSoon, "nine calendar days away but three working days"),
        ("2024-10-10", "2024-10-07", nil, .dueSoon, "from a holiday"),
        ("2024-10-14", "2024-10-10", nil, .dueSoon, "make-up Saturday 10-12 counts: 10-11, 10-12, 10-14"),
        ("2024-10-14", "2024-10-09", nil, .normal, "four left: 10-10, 10-11, 10-12, 10-14"),
        ("2024-10-14", "2024-10-11", nil, .dueSoon, "10-12, 10-14 left"),
        ("2024-10-10", "2024-10-20", "2024-10-15", .done, "completed late is still done"),
        ("2024-10-10", "2024-09-01", "2024-09-02", .done, "completed early"),
        // The calendar lacks 2027: fall back to calendar days, never fail.
        ("2027-01-05", "2027-01-03", nil, .dueSoon, "fallback: 2 calendar days"),
        ("2027-01-05", "2027-01-01", nil, .normal, "fallback: 4 calendar days"),
        ("2027-01-04", "2026-12-31", nil, .normal, "walk hits 2027, fallback: 4 calendar days"),
        ("2027-01-05", "2027-01-06", nil, .overdue, "overdue needs no calendar"),
    ] as [(String, String, String?, DeadlineStatus, String)])
    func status(due: String, today: String, completed: String?, expected: DeadlineStatus, why: String) {
        let rule = DeadlineStatusRule()
        let status = rule.status(due: F.date(due), today: F.date(today), completedOn: completed.map(F.date),
                                 calendar: F.bundled)
        #expect(status == expected, "\(why)")
    }

    /// The band boundary a list's SQL uses agrees with `status` for every due date around holidays, make-up days
    /// and a year the calendar lacks.
    @Test(arguments: ["2024-09-27", "2024-09-29", "2024-09-30", "2024-10-01", "2024-10-07", "2024-10-10", "2024-12-27", "2026-12-28",
                      "2026-12-31", "2027-01-02"])
    func dueSoonBoundaryMatchesStatus(today: String) {
        for days in [0, 3] {
            let rule = DeadlineStatusRule(dueSoonWorkingDays: days)
            let day = F.date(today)
            let through = rule.dueSoonThrough(today: day, calendar: F.bundled)
            for offset in 0...20 {
                let due = day.adding(days: offset)
                let banded = through.map { due <= $0 } ?? false
                #expect((rule.status(due: due, today: day, completedOn: nil, calendar: F.bundled) == .dueSoon) == banded,
                        "today \(today), due \(due), threshold \(days)")
            }
        }
    }

    @Test func thresholdIsConfigurable() {
        let due = F.date("2024-10-10"), today = F.date("2024-09-30")
        #expect(DeadlineStatusRule(dueSoonWorkingDays: 4).status(due: due, today: today, completedOn: nil, calendar: F.bundled) == .dueSoon)
        #expect(DeadlineStatusRule(dueSoonWorkingDays: 2).status(due: due, today: today, completedOn: nil, calendar: F.bundled) == .normal)
        #expect(DeadlineStatusRule(dueSoonWorkingDays: 0).status(due: due, today: due, completedOn: nil, calendar: F.bundled) == .normal)
    }

    @Test func completedLate() {
        let rule = DeadlineStatusRule()
        #expect(rule.completedLate(due: F.date("2024-10-10"), completedOn: F.date("2024-10-11")))
        #expect(!rule.completedLate(due: F.date("2024-10-10"), completedOn: F.date("2024-10-10")))
    }

    @Test func remainingDays() throws {
        let rule = DeadlineStatusRule()
        #expect(rule.remainingDays(due: F.date("2024-10-10"), today: F.date("2024-09-30")) == 10)
        // 9-30, 10-8, 10-9, 10-10
        #expect(try rule.remainingWorkingDays(due: F.date("2024-10-10"), today: F.date("2024-09-30"), calendar: F.bundled) == 4)
        // Overdue: 10-11, 10-12 (make-up Saturday), 10-14
        #expect(try rule.remainingWorkingDays(due: F.date("2024-10-10"), today: F.date("2024-10-14"), calendar: F.bundled) == -3)
        #expect(throws: CalendarError.yearNotCovered(2027)) {
            try rule.remainingWorkingDays(due: F.date("2027-01-05"), today: F.date("2026-12-30"), calendar: F.bundled)
        }
    }

    @Test func rawValuesAreTheChineseLabels() {
        #expect(DeadlineStatus.allCases.map(\.rawValue) == ["正常", "临期", "超期", "已办结"])
    }
}
