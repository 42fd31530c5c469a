/// A deadline's state, derived when read (never stored, so it cannot go stale).
public enum DeadlineStatus: String, Codable, Sendable, CaseIterable {
    case normal = "正常"
    case dueSoon = "临期"
    case overdue = "超期"
    case done = "已办结"
}

/// Derives `DeadlineStatus`. Status display must never fail, so where the calendar lacks a year it
/// falls back to calendar days instead of throwing.
public struct DeadlineStatusRule: Sendable, Hashable {
    /// A deadline is due soon (临期) when at most this many working days remain before it: counted from
    /// the day after today up to and including the due date, as a clerk counts "还剩 3 个工作日".
    public var dueSoonWorkingDays: Int = 3

    public init(dueSoonWorkingDays: Int = 3) {
        self.dueSoonWorkingDays = dueSoonWorkingDays
    }

    public func status(due: LocalDate, today: LocalDate, completedOn: LocalDate?, calendar: LegalCalendar) -> DeadlineStatus {
        if completedOn != nil { return .done }
        if today > due { return .overdue }
        return isDueSoon(due: due, today: today, calendar: calendar) ? .dueSoon : .normal
    }

    /// Whether a completed matter was completed after its last day.
    public func completedLate(due: LocalDate, completedOn: LocalDate) -> Bool { completedOn > due }

    /// Due soon = the working days in (today, due] number at most `dueSoonWorkingDays` (due today counts
    /// as 0 left). With a calendar gap, calendar days in (today, due] are counted instead.
    func isDueSoon(due: LocalDate, today: LocalDate, calendar: LegalCalendar) -> Bool {
        guard dueSoonWorkingDays > 0 else { return false }
        do {
            var workingDaysLeft = 0
            var day = today.adding(days: 1)
            while day <= due {
                if try calendar.isWorkingDay(day) {
                    workingDaysLeft += 1
                    if workingDaysLeft > dueSoonWorkingDays { return false }
                }
                day = day.adding(days: 1)
            }
            return true
        } catch {
            return today.days(to: due) <= dueSoonWorkingDays
        }
    }

    /// The last due date that counts as 临期 today: a matter is due soon when today <= due <= this date, the
    /// same answer as `status` gives day by day, so a list can band its matters with two date comparisons.
    public func dueSoonThrough(today: LocalDate, calendar: LegalCalendar) -> LocalDate? {
        guard dueSoonWorkingDays > 0 else { return nil }
        var workingDays = 0
        var day = today.adding(days: 1)
        while true {
            guard let working = try? calendar.isWorkingDay(day) else {
                // A year missing from the calendar: dues before it were counted; from it on, calendar days count.
                return max(day.adding(days: -1), today.adding(days: dueSoonWorkingDays))
            }
            if working {
                workingDays += 1
                if workingDays > dueSoonWorkingDays { return day.adding(days: -1) }
            }
            day = day.adding(days: 1)
        }
    }

    /// Calendar days from today to the due date; negative once overdue.
    public func remainingDays(due: LocalDate, today: LocalDate) -> Int { today.days(to: due) }

    /// Working days left: those in [today, due] while not overdue; once overdue, minus the working days
    /// in (due, today]. Throws `yearNotCovered` when a walked day's year is missing.
    public func remainingWorkingDays(due: LocalDate, today: LocalDate, calendar: LegalCalendar) throws -> Int {
        var count = 0
        if today <= due {
            var day = today
            while day <= due {
                if try calendar.isWorkingDay(day) { count += 1 }
                day = day.adding(days: 1)
            }
            return count
        }
        var day = due.adding(days: 1)
        while day <= today {
            if try calendar.isWorkingDay(day) { count += 1 }
            day = day.adding(days: 1)
        }
        return -count
    }
}
