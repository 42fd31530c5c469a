import FazhiCore
import Fluent
import Foundation

/// An open matter with a legal deadline, as a module reports it for the 待办 panel. The due date is
/// computed from its Period on the legal calendar when read, never stored (docs/ARCHITECTURE.md "Deadlines").
public struct OpenMatter: Sendable {
    public var module: String
    public var title: String
    public var ownerUnitID: UUID
    public var ownerUnitName: String
    public var path: String
    public var due: Due
    public var completedOn: LocalDate?

    /// A legal period (computed on the calendar when read) or a fixed date (e.g. "evaluate before …").
    public enum Due: Sendable {
        case period(Period)
        case fixed(LocalDate)
    }

    public init(module: String, title: String, ownerUnitID: UUID, ownerUnitName: String, path: String,
                period: Period, completedOn: LocalDate? = nil) {
        self.init(module: module, title: title, ownerUnitID: ownerUnitID, ownerUnitName: ownerUnitName, path: path,
                  due: .period(period), completedOn: completedOn)
    }

    public init(module: String, title: String, ownerUnitID: UUID, ownerUnitName: String, path: String,
                due: Due, completedOn: LocalDate? = nil) {
        self.module = module
        self.title = title
        self.ownerUnitID = ownerUnitID
        self.ownerUnitName = ownerUnitName
        self.path = path
        self.due = due
        self.completedOn = completedOn
    }
}

/// A module's list of matters with deadlines. Each module registers one in configure.swift.
public protocol DeadlineSource: Sendable {
    func openMatters(for actor: Actor, today: LocalDate, on db: any Database) async throws -> [OpenMatter]
}

/// A matter with its due date and status derived now.
struct TrackedMatter: Sendable {
    let matter: OpenMatter
    /// nil when the calendar lacks a year the period needs (shown, never guessed).
    let due: LocalDate?
    let status: DeadlineStatus?
    let problem: String?
}

enum DeadlineBoard {
    struct Summary: Sendable {
        var overdue: [TrackedMatter] = []
        var dueSoon: [TrackedMatter] = []
        var normal: [TrackedMatter] = []
        var uncomputable: [TrackedMatter] = []
    }

    /// Every open matter the actor may read, from every source, with due dates derived on the legal calendar.
    static func summary(for actor: Actor, sources: [any DeadlineSource], calendar: LegalCalendar, today: LocalDate,
                        on db: any Database) async throws -> Summary {
        var summary = Summary()
        let rule = DeadlineStatusRule()
        for source in sources {
            for matter in try await source.openMatters(for: actor, today: today, on: db) where actor.canRead(recordOf: matter.ownerUnitID) {
                do {
                    let due: LocalDate
                    switch matter.due {
                    case .period(let period): due = try calendar.dueDate(of: period)
                    case .fixed(let date): due = date
                    }
                    let status = rule.status(due: due, today: today, completedOn: matter.completedOn, calendar: calendar)
                    let tracked = TrackedMatter(matter: matter, due: due, status: status, problem: nil)
                    switch status {
                    case .overdue: summary.overdue.append(tracked)
                    case .dueSoon: summary.dueSoon.append(tracked)
                    case .normal: summary.normal.append(tracked)
                    case .done: break
                    }
                } catch let error as CalendarError {
                    summary.uncomputable.append(TrackedMatter(matter: matter, due: nil, status: nil, problem: error.message))
                }
            }
        }
        summary.overdue.sort { ($0.due ?? today) < ($1.due ?? today) }
        summary.dueSoon.sort { ($0.due ?? today) < ($1.due ?? today) }
        summary.normal.sort { ($0.due ?? today) < ($1.due ?? today) }
        return summary
    }
}
