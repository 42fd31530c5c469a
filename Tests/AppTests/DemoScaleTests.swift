@testable import App
import FazhiCore
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

/// `fazhi demo --scale N` (DemoScale): N counties' worth of the demo county's records, for the benchmarks.
@Suite("Demo at scale")
struct DemoScaleTests {
    struct Count: Decodable { let n: Int }

    static func count(_ table: String, on db: any Database) async throws -> Int {
        try await db.sql.raw("SELECT count(*) AS n FROM \(ident: table)").first(decoding: Count.self)?.n ?? 0
    }

    static func tables(on db: any Database) async throws -> [String] {
        struct Name: Decodable { let name: String }
        let sql = db.sql
        let query: SQLQueryString = sql.dialect.name == "sqlite"
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name"
        return try await sql.raw(query).all(decoding: Name.self).map(\.name)
    }

    @Test("--scale 3: three times every copied table, foreign keys and subject ids hold, the lists page, the chain verifies")
    func threeCounties() async throws {
        try await withTestApp(records: true) { t in
            var before: [String: Int] = [:]
            for table in DemoScale.tables.map(\.name) where try await Operations.hasTable(t.app, table) {
                before[table] = try await Self.count(table, on: t.db)
            }
            let auditBefore = try await AuditEntryModel.query(on: t.db).count()
            let progress = Lines()
            let summary = try await DemoScale.scaleUp(to: 3, on: t.db, at: t.clock.now) { progress.append($0) }
            #expect(summary.rows == 2 * before.values.reduce(0, +))
            #expect(progress.all.count == 2)
            #expect(progress.all.last?.hasPrefix("scale: county 3/3") == true)
            for (table, rows) in before {
                #expect(try await Self.count(table, on: t.db) == 3 * rows, "\(table)")
            }
            #expect(before["documents", default: 0] > 600 && before["decisions", default: 0] > 0 && before["contracts", default: 0] > 0)
            #expect(try await UserModel.query(on: t.db).count() == t.accounts.count, "accounts are not copied")
            #expect(try await UnitModel.query(on: t.db).filter(\.$isLegalOffice == true).count() == 1)

            // Every copy's records point at the copy's own units and records.
            let sql = t.db.sql
            if sql.dialect.name == "sqlite" {
                #expect(try await sql.raw("PRAGMA foreign_key_check").all().isEmpty)
            }
            let dangling: [(String, SQLQueryString)] = [
                ("documents' units", "SELECT count(*) AS n FROM documents d WHERE NOT EXISTS (SELECT 1 FROM units u WHERE u.id = d.issuing_unit_id) OR NOT EXISTS (SELECT 1 FROM units u WHERE u.id = d.drafting_unit_id)"),
                ("reviews' subjects", """
                    SELECT count(*) AS n FROM reviews r WHERE NOT EXISTS (SELECT 1 FROM documents x WHERE x.id = r.subject_id)
                    AND NOT EXISTS (SELECT 1 FROM decisions x WHERE x.id = r.subject_id) AND NOT EXISTS (SELECT 1 FROM contracts x WHERE x.id = r.subject_id)
                    AND NOT EXISTS (SELECT 1 FROM contract_changes x WHERE x.id = r.subject_id)
                    """),
                ("engagements' subjects", """
                    SELECT count(*) AS n FROM adviser_engagements e WHERE NOT EXISTS (SELECT 1 FROM documents x WHERE x.id = e.subject_id)
                    AND NOT EXISTS (SELECT 1 FROM decisions x WHERE x.id = e.subject_id) AND NOT EXISTS (SELECT 1 FROM contracts x WHERE x.id = e.subject_id)
                    """),
                ("comments' units", "SELECT count(*) AS n FROM decision_comments c WHERE NOT EXISTS (SELECT 1 FROM units u WHERE u.id = c.owner_unit_id)"),
                ("changes' campaigns", "SELECT count(*) AS n FROM document_changes c WHERE c.campaign_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM cleanup_campaigns x WHERE x.id = c.campaign_id)"),
                ("a copy's document in another county", """
                    SELECT count(*) AS n FROM documents d JOIN units u ON u.id = d.issuing_unit_id
                    WHERE substr(CAST(d.id AS TEXT), 1, 8) <> substr(CAST(u.id AS TEXT), 1, 8) AND (substr(CAST(d.id AS TEXT), 1, 6) = '000000' OR substr(CAST(u.id AS TEXT), 1, 6) = '000000')
                    """),
            ]
            for (what, query) in dangling {
                #expect(try await sql.raw(query).first(decoding: Count.self)?.n == 0, "\(what)")
            }
            // The register continues gapless: each year's sequences are 1…n with no gaps and no repeats.
            struct Register: Decodable { let year: Int; let n: Int; let maximum: Int; let numbers: Int }
            for year in try await sql.raw("""
                SELECT registration_year AS year, count(*) AS n, max(registration_sequence) AS maximum, count(DISTINCT registration_number) AS numbers
                FROM documents WHERE registration_year IS NOT NULL GROUP BY registration_year
                """).all(decoding: Register.self) {
                #expect(year.n == year.maximum && year.numbers == year.n, "\(year.year)")
            }

            let verify = try await AuditLog.verify(on: t.db)
            #expect(verify.ok, "\(verify.message)")
            #expect(try await AuditEntryModel.query(on: t.db).count() == auditBefore + 1, "one entry for the whole scale-up")

            // The legal office's lists page through three counties; a copy's 文号 is found by search.
            let legal = try await t.signedIn("legal")
            let first = try await legal.get(SiteURL.documents.path)
            #expect(first.status == .ok)
            let late = try await legal.get(SiteURL.documents.path(query: [("page", "30")]))
            #expect(late.status == .ok)
            #expect(late.text.contains("第 30 页"), "page 30 exists only with the copies")
            let found = try await legal.get(SiteURL.documents.path(query: [("q", "凤政发〔2020〕5号（样本3）")]))
            #expect(found.text.contains("复工复产"))
            for list in [SiteURL.decisions, SiteURL.contracts, SiteURL.advisers] {
                #expect(try await legal.get(list.path).status == .ok, "\(list.path)")
            }
        }
    }

    @Test("every table is copied or skipped with a reason; copied tables' references are all declared", .enabled(if: TestDatabase.postgresURL == nil))
    func everyTableDeclared() async throws {
        try await withTestApp(demo: false) { t in
            let copied = Set(DemoScale.tables.map(\.name))
            for table in try await Self.tables(on: t.db) {
                #expect(copied.contains(table) || DemoScale.isSkipped(table), "\(table): add it to DemoScale.tables or DemoScale.skipped")
            }
            struct ForeignKey: Decodable { let table: String; let from: String }
            for table in DemoScale.tables {
                let columns = try await DemoScale.columns(of: table.name, on: t.db.sql)
                try DemoScale.check(table, columns: columns)
                for key in try await t.db.sql.raw("SELECT \"table\", \"from\" FROM pragma_foreign_key_list(\(bind: table.name))").all(decoding: ForeignKey.self) {
                    if copied.contains(key.table) {
                        #expect(table.remapped.contains(key.from), "\(table.name).\(key.from) points at copied \(key.table): remap it")
                    } else {
                        #expect(table.shared.contains(key.from), "\(table.name).\(key.from) points at shared \(key.table): declare it shared")
                    }
                }
            }
        }
    }

    @Test("the same demo county gives the same copies", .enabled(if: TestDatabase.postgresURL == nil))
    func deterministic() async throws {
        try await withTestApp(records: true) { t in
            let twin = (t.directory as NSString).appendingPathComponent("twin")
            try FileManager.default.createDirectory(atPath: twin, withIntermediateDirectories: true)
            let twinFile = (twin as NSString).appendingPathComponent("fazhi.sqlite")
            try await t.db.sql.raw("VACUUM INTO \(bind: twinFile)").run()
            var settings = AppSettings(dataDirectory: twin, bcryptCost: 4)
            settings.secretKeyBase64 = Data(repeating: 7, count: 32).base64EncodedString()
            settings.logLevel = "warning"
            let at = t.clock.now
            _ = try await DemoScale.scaleUp(to: 3, on: t.db, at: at) { _ in }
            let mine = try await Self.contents(on: t.db)
            let theirs = try await Operations.withApp(settings, environment: "testing") { app in
                _ = try await DemoScale.scaleUp(to: 3, on: app.db, at: at) { _ in }
                return try await Self.contents(on: app.db)
            }
            #expect(mine.keys.sorted() == theirs.keys.sorted())
            for (table, rows) in mine {
                #expect(rows == theirs[table], "\(table)")
            }
            #expect(mine["documents"]?.count == 3 * 699)
        }
    }

    /// Every row of every table but the audit trail (its times differ), as sorted text.
    static func contents(on db: any Database) async throws -> [String: [String]] {
        struct Row: Decodable { let r: String? }
        var result: [String: [String]] = [:]
        for table in try await tables(on: db) where !table.hasPrefix("audit_") && !table.hasPrefix("documents_fts_") {
            let columns = try await DemoScale.columns(of: table, on: db.sql)
            let row = columns.map { "quote(\"\($0)\")" }.joined(separator: " || '|' || ")
            result[table] = try await db.sql.raw("SELECT \(unsafeRaw: row) AS r FROM \(ident: table)").all(decoding: Row.self).map { $0.r ?? "" }.sorted()
        }
        return result
    }

    @Test("fazhi demo --scale 2 prints progress and its rate; a bad --scale exits 2 and changes nothing", .enabled(if: CLITests.enabled))
    func commandLine() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let scaled = try await cli.run(["demo", "--scale", "2"])
        #expect(scaled.status == 0, "\(scaled.stderr)")
        #expect(CLI.demoPassword("legal", in: scaled.stdout) != nil)
        #expect(scaled.stdout.contains("已扩展为 2 个县"))
        #expect(scaled.stderr.contains("scale: county 2/2"))
        #expect(try await cli.run(["audit", "verify"]).status == 0)
        var settings = AppSettings(dataDirectory: cli.dataDirectory, bcryptCost: 4)
        settings.logLevel = "warning"
        func state() async throws -> [Int] {
            try await Operations.withApp(settings, environment: "testing") { app in
                [try await Self.count("documents", on: app.db), try await Self.count("units", on: app.db), try await AuditEntryModel.query(on: app.db).count()]
            }
        }
        let before = try await state()
        for bad in ["0", "201", "abc", "2.5", "", "-3"] {
            let refused = try await cli.run(["demo", "--replace", "--scale", bad])
            #expect(refused.status == 2, "--scale \(bad)")
            if bad != "-3" { #expect(refused.stderr.contains("--scale must be"), "--scale \(bad): \(refused.stderr)") }
        }
        #expect(try await state() == before)
        #expect(try await cli.run(["demo", "--scale", "3"]).status == 2, "a database with data still needs --replace")
        #expect(try await state() == before)
    }
}

/// Progress lines collected from a @Sendable callback.
final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) { lock.withLock { lines.append(line) } }

    var all: [String] { lock.withLock { lines } }
}
