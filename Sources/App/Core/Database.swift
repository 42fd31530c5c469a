import FazhiCore
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit
import Vapor

/// Storage (docs/ARCHITECTURE.md "Architecture"): SQLite by default — one file, WAL, synchronous=FULL, foreign keys
/// on, a busy timeout — and PostgreSQL when FAZHI_DATABASE_URL is set. One set of migrations for both.
enum DatabaseSetup {
    static func configure(_ app: Application, settings: AppSettings) throws {
        if let url = settings.databaseURL {
            var configuration = try SQLPostgresConfiguration(url: url)
            if let schema = settings.databaseSchema {
                configuration.searchPath = [schema]
            }
            app.databases.use(
                .postgres(configuration: configuration, maxConnectionsPerEventLoop: settings.databasePoolSize, connectionPoolTimeout: .seconds(30)),
                as: .psql)
        } else {
            try FileManager.default.createDirectory(atPath: settings.dataDirectory, withIntermediateDirectories: true)
            // Foreign keys are switched on for every connection by SQLiteConfiguration; sqlite-nio compiles
            // SQLite with its default synchronous=FULL (SQLITE_DEFAULT_SYNCHRONOUS 2), which `verifySQLite`
            // checks at start-up rather than trusts.
            app.databases.use(
                .sqlite(.init(storage: .file(path: settings.sqlitePath), enableForeignKeys: true),
                        connectionPoolTimeout: .seconds(30), sqlLogLevel: .debug),
                as: .sqlite)
        }
    }

    /// WAL is a property of the file and persists; busy_timeout is per connection, so every write
    /// transaction sets it again (`Database.writeTransaction`); synchronous=FULL is SQLite's compiled default.
    static func prepare(_ db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        try await sql.raw("PRAGMA journal_mode = WAL").run()
        try await sql.raw("PRAGMA synchronous = FULL").run()
        try await sql.raw("PRAGMA busy_timeout = 15000").run()
    }

    struct SQLitePragmas: Sendable, Equatable {
        var journalMode: String
        var synchronous: Int
        var foreignKeys: Int
        var busyTimeout: Int
    }

    /// What the connection actually runs with (a test and `fazhi serve` check it).
    static func sqlitePragmas(_ db: any Database) async throws -> SQLitePragmas? {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" else { return nil }
        func value<T: Decodable>(_ pragma: String, _ type: T.Type) async throws -> T {
            let row = try await sql.raw(SQLQueryString(stringLiteral: "PRAGMA \(pragma)")).first()
            guard let row, let column = row.allColumns.first else { throw Abort(.internalServerError) }
            return try row.decode(column: column, as: T.self)
        }
        return SQLitePragmas(
            journalMode: try await value("journal_mode", String.self),
            synchronous: try await value("synchronous", Int.self),
            foreignKeys: try await value("foreign_keys", Int.self),
            busyTimeout: try await value("busy_timeout", Int.self))
    }

    static func isSQLite(_ db: any Database) -> Bool {
        (db as? any SQLDatabase)?.dialect.name == "sqlite"
    }
}

extension Database {
    /// Every state change runs here: one transaction that first takes the single write lock (the
    /// audit-chain head row), so audit entries form one chain even with several app servers on one
    /// PostgreSQL, and SQLite never has to upgrade a stale read snapshot to a write.
    ///
    /// On SQLite a writer that waited out the busy timeout under heavy load gets "database is locked"; the
    /// transaction was rolled back whole, so it is run again (twice at most) rather than answering 500.
    public func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        var attempt = 0
        while true {
            do {
                return try await writeTransactionOnce(body)
            } catch where attempt < 2 && !inTransaction && String(describing: error).contains("database is locked") {
                attempt += 1
                try await Task.sleep(nanoseconds: UInt64(50_000_000 * attempt))
            }
        }
    }

    private func writeTransactionOnce<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await transaction { tx in
            guard let sql = tx as? any SQLDatabase else { return try await body(tx) }
            if sql.dialect.name == "sqlite" {
                try await sql.raw("PRAGMA busy_timeout = 15000").run()
            }
            try await sql.raw("UPDATE audit_head SET id = id WHERE id = 1").run()
            // The outermost write transaction keeps the derived indexes in step with what its audit entries touched.
            if DerivedChangeLog.current != nil { return try await body(tx) }
            let log = DerivedChangeLog()
            return try await DerivedChangeLog.$current.withValue(log) {
                let result = try await body(tx)
                try await DerivedIndexes.refresh(log, on: tx)
                return result
            }
        }
    }

    var sql: any SQLDatabase {
        guard let sql = self as? any SQLDatabase else { fatalError("Fazhi needs an SQL database") }
        return sql
    }
}
