@testable import App
import FazhiCore
import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Testing
import Vapor
import VaporTesting

/// A clock tests move by hand (sessions, lockouts, deadlines) — never by sleeping.
final class TestClock: Sendable {
    private let current: NIOLockedValueBox<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_764_000_000)) {  // 2025-11-24T16:00:00Z
        current = NIOLockedValueBox(start)
    }

    var now: Date { current.withLockedValue { $0 } }

    func advance(_ seconds: TimeInterval) {
        current.withLockedValue { $0 = $0.addingTimeInterval(seconds) }
    }

    func set(_ date: Date) {
        current.withLockedValue { $0 = date }
    }

    var appClock: AppClock { AppClock { [self] in self.now } }
}

/// Which database the suite runs on: SQLite files by default, PostgreSQL when FAZHI_TEST_DATABASE_URL is set.
enum TestDatabase {
    static var postgresURL: String? {
        let url = ProcessInfo.processInfo.environment["FAZHI_TEST_DATABASE_URL"]
        return (url?.isEmpty ?? true) ? nil : url
    }
}

/// A fresh app on a fresh database (its own SQLite file, or its own PostgreSQL schema), migrated, with the
/// demo county loaded unless `demo` is false. Accounts and their generated passwords are in `accounts`.
struct TestApp {
    let app: Application
    let clock: TestClock
    let directory: String
    let accounts: [String: String]
    let schema: String?

    var db: any Database { app.db }

    func password(_ username: String) -> String { accounts[username]! }

    func browser() -> Browser { Browser(app: app) }

    /// A browser signed in as the given demo account (admins complete TOTP enrolment first).
    func signedIn(_ username: String) async throws -> Browser {
        let browser = browser()
        try await browser.login(username, password(username), clock: clock)
        return browser
    }
}

func withTestApp<T>(demo: Bool = true, records: Bool = false, deadlineSources: [any DeadlineSource] = [], extraMigrations: [any Migration] = [],
                    settings adjust: (inout AppSettings) -> Void = { _ in },
                    _ body: (TestApp) async throws -> T) async throws -> T {
    let directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("fazhi-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    var settings = AppSettings(dataDirectory: directory, bcryptCost: 4)
    settings.secretKeyBase64 = Data(repeating: 7, count: 32).base64EncodedString()
    settings.logLevel = "warning"
    var schema: String?
    if let url = TestDatabase.postgresURL {
        settings.databaseURL = url
        schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        settings.databaseSchema = schema
        // Many test apps run at once; keep each one's share of the server's connections small.
        settings.databasePoolSize = 2
    }
    adjust(&settings)
    let clock = TestClock()
    let app = try await FazhiApp.make(.testing, dependencies: AppDependencies(settings: settings, clock: clock.appClock,
                                                                           deadlineSources: deadlineSources))
    app.logger.logLevel = .warning
    do {
        if let schema {
            try await app.db.sql.raw("CREATE SCHEMA \(ident: schema)").run()
        }
        app.migrations.add(extraMigrations)
        try await FazhiApp.migrate(app)
        var accounts: [String: String] = [:]
        if demo {
            for account in try await DemoCounty.load(on: app.db, context: app.fazhi, app: app, scope: records ? .full : .organisation) {
                accounts[account.username] = account.password
            }
        }
        let result = try await body(TestApp(app: app, clock: clock, directory: directory, accounts: accounts, schema: schema))
        try await cleanUp(app, schema: schema, directory: directory)
        return result
    } catch {
        try? await cleanUp(app, schema: schema, directory: directory)
        if !(error is any AbortError) { FileHandle.standardError.write(Data("test app error: \(String(reflecting: error))\n".utf8)) }
        throw error
    }
}

private func cleanUp(_ app: Application, schema: String?, directory: String) async throws {
    if let schema {
        try? await app.db.sql.raw("DROP SCHEMA \(ident: schema) CASCADE").run()
    }
    try await app.asyncShutdown()
    try? FileManager.default.removeItem(atPath: directory)
}
