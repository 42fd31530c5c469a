import FazhiCore
import Fluent
import Foundation
import Vapor

/// Stored data derived from the records — a document's end date and legal-status inputs, the 待办 index of
/// due dates — so lists filter, sort and page in SQL instead of deriving every record on every read.
///
/// Still derived, never entered: an index is recomputed inside the write transaction that changed its records.
/// Which records changed is read from the transaction's audit entries (every state change writes one, with its
/// subject), so no write path can forget to keep an index in step. A changed setting or legal-calendar year
/// recomputes every index whole, in the same transaction, with an audit entry saying what was recomputed.
protocol DerivedIndex: Sendable {
    /// A name for the audit entry of a whole recomputation: "规范性文件效力日期".
    var title: String { get }
    /// The records this index derives from, named by the subjects of audit entries.
    var subjectTypes: Set<String> { get }
    /// The records of this index touched by an audit entry's subject (`nil` = all of them). The default reads the
    /// subject id as the record's id; an entry naming no record touches none (a bulk write, audited as one entry,
    /// names its records with `DerivedChangeLog.touch`).
    func affected(subjectType: String, subjectID: String, on tx: any Database) async throws -> [UUID]?
    /// Recomputes the rows of these records (nil: all) and returns how many rows it wrote.
    @discardableResult
    func refresh(_ records: [UUID]?, using inputs: DerivationInputs, on tx: any Database) async throws -> Int
}

extension DerivedIndex {
    func affected(subjectType: String, subjectID: String, on tx: any Database) async throws -> [UUID]? {
        UUID(uuidString: subjectID).map { [$0] } ?? []
    }
}

/// What derivations compute with, read once per transaction: the legal calendar in force.
struct DerivationInputs: Sendable {
    let calendar: LegalCalendar
}

/// The audit subjects a write transaction touched (collected by `AuditLog.append`).
final class DerivedChangeLog: @unchecked Sendable {
    @TaskLocal static var current: DerivedChangeLog?
    /// For standalone audit entries (a failed login, an export, a view of personal data): nothing changed.
    static let ignoring = DerivedChangeLog(ignoring: true)

    private let ignores: Bool
    private let lock = NSLock()
    private var subjects: [(type: String, id: String)] = []
    private(set) var context: AuditContext?
    private(set) var time: Date?

    init(ignoring: Bool = false) { ignores = ignoring }

    func record(_ event: AuditEvent, context: AuditContext, at time: Date) {
        guard !ignores else { return }
        lock.lock()
        defer { lock.unlock() }
        guard event.subjectType != DerivedIndexes.subjectType else { return }
        subjects.append((event.subjectType, event.subjectID))
        if self.context == nil {
            self.context = context
            self.time = time
        }
    }

    /// Records written in bulk under one audit entry (an import): name them, so only they are derived.
    func touch(_ subjectType: String, _ ids: [UUID]) {
        guard !ignores else { return }
        lock.lock()
        defer { lock.unlock() }
        subjects += ids.map { (subjectType, $0.uuidString) }
    }

    func drain() -> [(type: String, id: String)] {
        lock.lock()
        defer { lock.unlock() }
        let drained = subjects
        subjects = []
        return drained
    }
}

enum DerivedIndexes {
    /// Audit subject of the entries that record a whole recomputation.
    static let subjectType = "derived_index"
    /// Changes of these subjects change every derivation (a rule's length, a holiday).
    static let globalSubjects: Set<String> = ["setting", "calendar_year"]

    static var all: [any DerivedIndex] { ModuleRegistry.modules.flatMap(\.derivedIndexes) }

    static func inputs(on db: any Database) async throws -> DerivationInputs {
        DerivationInputs(calendar: try await CalendarService.calendar(on: db))
    }

    /// Runs at the end of every write transaction: refreshes what its audit entries touched.
    static func refresh(_ log: DerivedChangeLog, on tx: any Database) async throws {
        let subjects = log.drain()
        guard !subjects.isEmpty else { return }
        if subjects.contains(where: { globalSubjects.contains($0.type) }) {
            try await rebuildAll(on: tx, audit: log.context, at: log.time, reason: "设置或法定日历变更")
            return
        }
        var inputs: DerivationInputs?
        for index in all {
            var ids: Set<UUID> = []
            var whole = false
            for subject in subjects where index.subjectTypes.contains(subject.type) {
                guard let affected = try await index.affected(subjectType: subject.type, subjectID: subject.id, on: tx) else {
                    whole = true
                    break
                }
                ids.formUnion(affected)
            }
            guard whole || !ids.isEmpty else { continue }
            if inputs == nil { inputs = try await Self.inputs(on: tx) }
            try await index.refresh(whole ? nil : Array(ids), using: inputs!, on: tx)
        }
    }

    /// Recomputes every index whole (a rule or the calendar changed, a migration added an index, the demo was
    /// loaded), with one audit entry naming what was recomputed when `audit` is given.
    static func rebuildAll(on tx: any Database, audit: AuditContext? = nil, at time: Date? = nil, reason: String) async throws {
        let inputs = try await Self.inputs(on: tx)
        var counts: [String] = []
        for index in all {
            let rows = try await index.refresh(nil, using: inputs, on: tx)
            counts.append("\(index.title) \(rows) 条")
        }
        if let audit, let time {
            try await AuditLog.append(AuditEvent("derived.recomputed", subjectType: subjectType, subjectID: "",
                                                 detail: "\(reason)，重新计算：\(counts.joined(separator: "，"))"),
                                      context: audit, at: time, on: tx)
        }
    }
}

extension DerivedIndexes {
    /// Bump when what is derived changes (a new index, a new column, a corrected derivation): the next start
    /// recomputes every index once.
    static let version = "2026-12-04.2"
    private struct VersionRow: Decodable { let version: String }

    /// After the migrations: fills the indexes of a database made before they existed, or by a release that
    /// derived differently. Runs with every migration applied, so the derivations read the current schema.
    static func ensureCurrent(on db: any Database) async throws {
        let stored = try await db.sql.raw("SELECT version FROM derived_versions WHERE name = 'all'").first(decoding: VersionRow.self)
        if stored?.version == version { return }
        try await db.writeTransaction { tx in
            try await rebuildAll(on: tx, reason: "升级")
            try await tx.sql.raw("DELETE FROM derived_versions WHERE name = 'all'").run()
            try await tx.sql.raw("INSERT INTO derived_versions (name, version) VALUES ('all', \(bind: version))").run()
        }
    }
}
