@testable import App
import FazhiCore
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

/// A database made by an earlier release migrates forward with no change to its data. The fixture in
/// Fixtures/previous-main was made by `fazhi demo` on the main branch before the module registry (2026-12-04):
/// its SQLite file, its secret key, and what `fazhi report --year 2020 --format json` printed on it then.
@Suite("Migrating a database made by an earlier release")
struct MigrationForwardTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/previous-main")

    /// Every row of every table, as SQLite quotes it, sorted: equal text means equal data. With `columns`, only
    /// those tables and columns (what an earlier release had), so columns a migration added are left out.
    static func contents(_ db: any Database, columns given: [String: [String]]? = nil) async throws -> (dumps: [String: String], columns: [String: [String]]) {
        let sql = db as! any SQLDatabase
        struct Name: Decodable { let name: String }
        let tables = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all(decoding: Name.self)
        var dumps: [String: String] = [:]
        var columnsByTable: [String: [String]] = [:]
        for table in tables.map(\.name) where given == nil || given?[table] != nil {
            var columns = given?[table] ?? []
            if given == nil {
                columns = try await sql.raw("SELECT name FROM pragma_table_info(\(bind: table))").all(decoding: Name.self).map(\.name)
            }
            columnsByTable[table] = columns
            let quoted = columns.map { "quote(\"\($0)\")" }.joined(separator: " || '|' || ")
            struct Dump: Decodable { let n: Int; let dump: String? }
            let dump = try await sql.raw(SQLQueryString("SELECT count(*) AS n, group_concat(line, char(10)) AS dump FROM (SELECT \(unsafeRaw: quoted) AS line FROM \"\(unsafeRaw: table)\" ORDER BY line)"))
                .first(decoding: Dump.self)
            dumps[table] = "\(dump?.n ?? 0)\n\(dump?.dump ?? "")"
        }
        return (dumps, columnsByTable)
    }

    @Test("Migrates forward: every earlier row unchanged, the audit chain intact, every 2020 figure as before")
    func migratesForward() async throws {
        let directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("fazhi-forward-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var settings = AppSettings(dataDirectory: directory, bcryptCost: 4)
        settings.logLevel = "warning"
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("fazhi.db"), to: URL(fileURLWithPath: settings.sqlitePath))
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("secret.key"), to: URL(fileURLWithPath: settings.secretKeyPath))
        let app = try await FazhiApp.make(.testing, dependencies: AppDependencies(settings: settings))
        do {
            let (before, columns) = try await Self.contents(app.db)
            #expect(before["documents"]?.hasPrefix("0\n") == false, "the fixture holds the demo")
            try await FazhiApp.migrate(app)
            let after = try await Self.contents(app.db, columns: columns).dumps
            for (table, rows) in before where table != "_fluent_migrations" {
                #expect(after[table] == rows, "\(table) changed when migrating")
            }
            // The migrations already run stay recorded as they were; the new ones are added, each once.
            let applied = Set(try #require(before["_fluent_migrations"]).split(separator: "\n").dropFirst())
            let now = Set(try #require(after["_fluent_migrations"]).split(separator: "\n").dropFirst())
            #expect(applied.isSubset(of: now))
            #expect(now.count == ModuleRegistry.migrations.count)
            #expect(try await AuditLog.verify(on: app.db).ok)

            let expected = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.fixtures.appendingPathComponent("report-2020.json"))) as? [String: Any])
            let actual = try #require(try JSONSerialization.jsonObject(with: try await StatisticsCatalogue.json(year: 2020, on: app.db)) as? [String: Any])
            let expectedFigures = try #require(expected["figures"] as? [String: Any])
            let actualFigures = try #require(actual["figures"] as? [String: Any])
            for (key, value) in expectedFigures {
                #expect(actualFigures[key].map { "\($0)" } == "\(value)", "\(key): \(String(describing: actualFigures[key])) ≠ \(value)")
            }
            #expect(NSDictionary(dictionary: actual["declared"] as? [String: Any] ?? [:]).isEqual(to: expected["declared"] as? [String: Any] ?? [:]))
            #expect(actual["region"] as? String == expected["region"] as? String)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
