import Crypto
import FazhiCore
import Fluent
import Foundation
import SQLKit

/// An open matter with a legal deadline, as a module reports it for the 待办 panel: its due date comes from its
/// Period on the legal calendar (docs/ARCHITECTURE.md "Deadlines").
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

/// A module's few matters computed on every read (the annual report's two dates, which run from 1 January
/// rather than from a record). Matters that come from records go in the 待办 index instead (`IndexedDeadlineSource`).
public protocol DeadlineSource: Sendable {
    func openMatters(for actor: Actor, today: LocalDate, on db: any Database) async throws -> [OpenMatter]
}

/// A module's matters from its records, kept in the 待办 index (table `deadlines`) with their due dates computed
/// when the record changes (and again whenever a rule or the calendar changes), so the home page and the dashboard
/// read one indexed table instead of deriving every record's deadlines on every request.
protocol IndexedDeadlineSource: Sendable {
    /// The source's key in the index: "documents".
    var id: String { get }
    /// 规范性文件.
    var title: String { get }
    /// The audit subjects whose entries mean one of its records changed.
    var subjectTypes: Set<String> { get }
    /// The records an audit entry's subject touches (nil: all); the default reads the subject id as a record id,
    /// and an entry naming no record touches none.
    func affected(subjectType: String, subjectID: String, on tx: any Database) async throws -> [UUID]?
    /// Every matter of these records (nil: all records), whatever today is: a matter open only for a time says so
    /// with `openFrom` / `openUntil`.
    func matters(of records: [UUID]?, on db: any Database) async throws -> [IndexedMatter]
}

extension IndexedDeadlineSource {
    func affected(subjectType: String, subjectID: String, on tx: any Database) async throws -> [UUID]? {
        UUID(uuidString: subjectID).map { [$0] } ?? []
    }
}

/// One row of the 待办 index.
struct IndexedMatter: Sendable {
    var record: UUID
    var module: String
    var title: String
    var ownerUnitID: UUID
    var path: String
    var due: OpenMatter.Due
    /// Open from this day (nil: already) until the day before `openUntil` (nil: until the record changes).
    var openFrom: LocalDate? = nil
    var openUntil: LocalDate? = nil
}

/// The 待办 index of one source as a derived index: its rows are replaced whenever its records change.
struct DeadlineIndex: DerivedIndex {
    let source: any IndexedDeadlineSource
    init(_ source: any IndexedDeadlineSource) { self.source = source }

    var title: String { "待办期限（\(source.title)）" }
    var subjectTypes: Set<String> { source.subjectTypes }

    func affected(subjectType: String, subjectID: String, on tx: any Database) async throws -> [UUID]? {
        try await source.affected(subjectType: subjectType, subjectID: subjectID, on: tx)
    }

    func refresh(_ records: [UUID]?, using inputs: DerivationInputs, on tx: any Database) async throws -> Int {
        let sql = tx.sql
        if let records {
            for chunk in records.chunked(500) {
                try await sql.delete(from: "deadlines").where("source", .equal, source.id).where("record_id", .in, chunk).run()
            }
        } else {
            try await sql.delete(from: "deadlines").where("source", .equal, source.id).run()
        }
        let matters = try await source.matters(of: records, on: tx)
        for chunk in matters.chunked(400) {
            let insert = sql.insert(into: "deadlines").columns("id", "source", "record_id", "module", "title", "owner_unit_id", "path",
                                                             "due_on", "problem", "open_from", "open_until")
            for matter in chunk {
                var due: LocalDate?
                var problem: String?
                switch matter.due {
                case .fixed(let date): due = date
                case .period(let period):
                    do { due = try inputs.calendar.dueDate(of: period) } catch let error as CalendarError { problem = error.message }
                }
                insert.values(SQLBind(Self.rowID(source.id, matter)), SQLBind(source.id), SQLBind(matter.record), SQLBind(matter.module), SQLBind(matter.title),
                              SQLBind(matter.ownerUnitID), SQLBind(matter.path), SQLBind(due?.description), SQLBind(problem),
                              SQLBind(matter.openFrom?.description), SQLBind(matter.openUntil?.description))
            }
            try await insert.run()
        }
        return matters.count
    }
}

extension DeadlineIndex {
    /// A row's id from what it is (source, record, title): rebuilding the index gives the same ids.
    static func rowID(_ source: String, _ matter: IndexedMatter) -> UUID {
        let digest = Array(SHA256.hash(data: Data("\(source)|\(matter.record.uuidString)|\(matter.title)".utf8)))
        var bytes = Array(digest.prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50  // a name-based UUID (version 5 layout)
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}

extension Array {
    /// Consecutive slices of at most `size` elements (bounded IN lists and multi-row inserts).
    func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}

/// A matter with its due date and status.
struct TrackedMatter: Sendable {
    let matter: OpenMatter
    /// nil when the calendar lacks a year the period needs (shown, never guessed).
    let due: LocalDate?
    let status: DeadlineStatus?
    let problem: String?
}

enum DeadlineBoard {
    enum Band: String, CaseIterable, Sendable {
        case overdue, dueSoon = "soon", normal = "todo"

        var title: String {
            switch self {
            case .overdue: "超期"
            case .dueSoon: "临期（3 个工作日内届满）"
            case .normal: "其他待办"
            }
        }
    }

    struct Summary: Sendable {
        /// The first matters of each band (all of them up to `limit`), by due date.
        var overdue: [TrackedMatter] = []
        var dueSoon: [TrackedMatter] = []
        var normal: [TrackedMatter] = []
        var uncomputable: [TrackedMatter] = []
        /// How many matters each band holds in all.
        var overdueCount = 0
        var dueSoonCount = 0
        var normalCount = 0
        var uncomputableCount = 0

        var total: Int { overdueCount + dueSoonCount + normalCount }

        func matters(_ band: Band) -> [TrackedMatter] {
            switch band {
            case .overdue: overdue
            case .dueSoon: dueSoon
            case .normal: normal
            }
        }

        func count(_ band: Band) -> Int {
            switch band {
            case .overdue: overdueCount
            case .dueSoon: dueSoonCount
            case .normal: normalCount
            }
        }
    }

    /// The bands as date ranges for today: overdue before today, due soon through the 3rd working day after it.
    struct Bands: Sendable {
        let today: LocalDate
        let dueSoonThrough: LocalDate?

        init(today: LocalDate, calendar: LegalCalendar) {
            self.today = today
            dueSoonThrough = DeadlineStatusRule().dueSoonThrough(today: today, calendar: calendar)
        }

        func status(due: LocalDate) -> DeadlineStatus {
            if due < today { return .overdue }
            if let dueSoonThrough, due <= dueSoonThrough { return .dueSoon }
            return .normal
        }

        func band(_ status: DeadlineStatus) -> Band? {
            switch status {
            case .overdue: .overdue
            case .dueSoon: .dueSoon
            case .normal: .normal
            case .done: nil
            }
        }

        /// The band's condition on `due_on` (today's dates bound once).
        func predicate(_ band: Band) -> SQLQueryString {
            let today = today.description
            let soon = dueSoonThrough?.description ?? today
            switch band {
            case .overdue: return "d.due_on < \(bind: today)"
            case .dueSoon: return dueSoonThrough == nil ? "1 = 0" : "d.due_on >= \(bind: today) AND d.due_on <= \(bind: soon)"
            case .normal: return dueSoonThrough == nil ? "d.due_on >= \(bind: today)" : "d.due_on > \(bind: soon)"
            }
        }
    }

    /// The index rows open today that the actor may read.
    static func openRows(_ actor: Actor, today: LocalDate) -> SQLQueryString {
        let day = today.description
        var sql: SQLQueryString = "FROM deadlines d JOIN units u ON u.id = d.owner_unit_id WHERE (d.open_from IS NULL OR d.open_from <= \(bind: day)) AND (d.open_until IS NULL OR d.open_until > \(bind: day))"
        switch actor.readScope {
        case .all: break
        case .unit(let unit): sql = sql + " AND d.owner_unit_id = \(bind: unit)"
        case .none: sql = sql + " AND 1 = 0"
        }
        return sql
    }

    private struct Row: Decodable {
        let module: String
        let title: String
        let owner_unit_id: UUID
        let unit_name: String
        let path: String
        let due_on: String?
        let problem: String?
    }

    private struct Counts: Decodable {
        let overdue: Int?
        let soon: Int?
        let todo: Int?
        let uncomputable: Int?
    }

    /// One band's matters, a page at a time, from the index (and the live sources, merged by due date).
    static func page(_ band: Band, for actor: Actor, sources: [any DeadlineSource], calendar: LegalCalendar, today: LocalDate,
                     offset: Int, limit: Int, on db: any Database) async throws -> [TrackedMatter] {
        let bands = Bands(today: today, calendar: calendar)
        let query = "SELECT d.module, d.title, d.owner_unit_id, u.name AS unit_name, d.path, d.due_on, d.problem " + openRows(actor, today: today)
            + " AND d.due_on IS NOT NULL AND " + bands.predicate(band)
            + " ORDER BY d.due_on, d.title, d.id LIMIT \(unsafeRaw: String(limit)) OFFSET \(unsafeRaw: String(offset))"
        var matters = try await db.sql.raw(query).all(decoding: Row.self).map { tracked($0, bands: bands) }
        if offset == 0 {
            matters += try await live(for: actor, sources: sources, calendar: calendar, today: today, on: db).filter { $0.status.flatMap(bands.band) == band }
            matters.sort { ($0.due ?? today, $0.matter.title) < ($1.due ?? today, $1.matter.title) }
            matters = Array(matters.prefix(limit))
        }
        return matters
    }

    /// The counts of every band and the first `limit` matters of each: what the 待办 panel shows.
    static func summary(for actor: Actor, sources: [any DeadlineSource], calendar: LegalCalendar, today: LocalDate,
                        limit: Int = 20, on db: any Database) async throws -> Summary {
        let bands = Bands(today: today, calendar: calendar)
        var summary = Summary()
        let counts = try await db.sql.raw("SELECT SUM(CASE WHEN d.due_on IS NOT NULL AND " + bands.predicate(.overdue) + " THEN 1 ELSE 0 END) AS overdue, "
            + "SUM(CASE WHEN d.due_on IS NOT NULL AND " + bands.predicate(.dueSoon) + " THEN 1 ELSE 0 END) AS soon, "
            + "SUM(CASE WHEN d.due_on IS NOT NULL AND " + bands.predicate(.normal) + " THEN 1 ELSE 0 END) AS todo, "
            + "SUM(CASE WHEN d.due_on IS NULL THEN 1 ELSE 0 END) AS uncomputable " + openRows(actor, today: today)).first(decoding: Counts.self)
        summary.overdueCount = counts?.overdue ?? 0
        summary.dueSoonCount = counts?.soon ?? 0
        summary.normalCount = counts?.todo ?? 0
        summary.uncomputableCount = counts?.uncomputable ?? 0
        let live = try await live(for: actor, sources: sources, calendar: calendar, today: today, on: db)
        for matter in live {
            switch matter.status {
            case .overdue?: summary.overdueCount += 1
            case .dueSoon?: summary.dueSoonCount += 1
            case .normal?: summary.normalCount += 1
            case nil: summary.uncomputableCount += 1; summary.uncomputable.append(matter)
            case .done?: break
            }
        }
        for band in Band.allCases where summary.count(band) > 0 && limit > 0 {
            let matters = try await page(band, for: actor, sources: sources, calendar: calendar, today: today, offset: 0, limit: limit, on: db)
            switch band {
            case .overdue: summary.overdue = matters
            case .dueSoon: summary.dueSoon = matters
            case .normal: summary.normal = matters
            }
        }
        if summary.uncomputableCount > summary.uncomputable.count {
            let query = "SELECT d.module, d.title, d.owner_unit_id, u.name AS unit_name, d.path, d.due_on, d.problem " + openRows(actor, today: today)
                + " AND d.due_on IS NULL ORDER BY d.title LIMIT \(unsafeRaw: String(limit))"
            summary.uncomputable += try await db.sql.raw(query).all(decoding: Row.self).map { tracked($0, bands: bands) }
        }
        return summary
    }

    /// Open overdue and due-soon matters per unit, for the dashboard (one grouped query plus the live sources).
    static func byUnit(for actor: Actor, sources: [any DeadlineSource], calendar: LegalCalendar, today: LocalDate,
                       on db: any Database) async throws -> [(unit: String, overdue: Int, dueSoon: Int)] {
        struct UnitRow: Decodable { let unit_name: String; let overdue: Int?; let soon: Int? }
        let bands = Bands(today: today, calendar: calendar)
        let rows = try await db.sql.raw("SELECT u.name AS unit_name, SUM(CASE WHEN d.due_on IS NOT NULL AND " + bands.predicate(.overdue)
            + " THEN 1 ELSE 0 END) AS overdue, SUM(CASE WHEN d.due_on IS NOT NULL AND " + bands.predicate(.dueSoon) + " THEN 1 ELSE 0 END) AS soon "
            + openRows(actor, today: today) + " GROUP BY u.name").all(decoding: UnitRow.self)
        var byUnit: [String: (overdue: Int, dueSoon: Int)] = [:]
        for row in rows { byUnit[row.unit_name] = (row.overdue ?? 0, row.soon ?? 0) }
        for matter in try await live(for: actor, sources: sources, calendar: calendar, today: today, on: db) {
            if matter.status == .overdue { byUnit[matter.matter.ownerUnitName, default: (0, 0)].overdue += 1 }
            if matter.status == .dueSoon { byUnit[matter.matter.ownerUnitName, default: (0, 0)].dueSoon += 1 }
        }
        return byUnit.filter { $0.value.overdue + $0.value.dueSoon > 0 }.map { ($0.key, $0.value.overdue, $0.value.dueSoon) }
    }

    private static func tracked(_ row: Row, bands: Bands) -> TrackedMatter {
        let due = row.due_on.flatMap(LocalDate.init(iso:))
        let matter = OpenMatter(module: row.module, title: row.title, ownerUnitID: row.owner_unit_id, ownerUnitName: row.unit_name,
                                path: row.path, due: .fixed(due ?? bands.today))
        return TrackedMatter(matter: matter, due: due, status: due.map(bands.status), problem: row.problem)
    }

    /// The live sources' matters the actor may read, with due dates derived now.
    static func live(for actor: Actor, sources: [any DeadlineSource], calendar: LegalCalendar, today: LocalDate,
                     on db: any Database) async throws -> [TrackedMatter] {
        var result: [TrackedMatter] = []
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
                    if status != .done { result.append(TrackedMatter(matter: matter, due: due, status: status, problem: nil)) }
                } catch let error as CalendarError {
                    result.append(TrackedMatter(matter: matter, due: nil, status: nil, problem: error.message))
                }
            }
        }
        return result
    }
}
