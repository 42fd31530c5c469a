import FazhiCore
import Fluent
import Foundation
import SQLKit

/// `fazhi demo --scale N`: after the demo county is loaded, N − 1 more counties' worth of records, each a
/// deterministic copy of every module's records of the demo county (样本2 … 样本N), for the benchmarks
/// (issue 11: 100 ≈ a province of 70,000 documents).
///
/// Each copy is one `INSERT … SELECT` per table from a snapshot of the demo county's rows, with the ids remapped
/// (copy c: the first 8 hex digits of every copied id become `c` in hex, so the same base gives the same database)
/// and the values that must stay unique made unique per copy. Columns not named below are copied as they are,
/// so a column a module adds later follows by itself; a new `…_id` column must be declared (it is refused otherwise).
/// Everything runs in one write transaction with one audit entry: the scale-up lands whole or not at all.
enum DemoScale {
    /// How many counties `--scale` accepts.
    static let counties = 1...200

    static let rangeMessage = "--scale 应为 1 到 200 之间的整数（县的个数）。 --scale must be a whole number of counties from 1 to 200."

    /// `--scale` as typed: a whole number in `counties`, or the message for stderr.
    static func parse(_ text: String) -> Result<Int, Operations.Failure> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.count <= 3, trimmed.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(trimmed), counties.contains(value) else {
            return .failure(Operations.Failure(rangeMessage))
        }
        return .success(value)
    }

    /// One copied table. `remapped`: columns holding ids of copied records (the row's own id first), rewritten for
    /// the copy; `shared`: columns referring to records every copy shares (users, regions, the year's catalogue);
    /// `values`: columns that get a per-copy value (names and numbers under a unique index).
    struct Table: Sendable {
        let name: String
        let remapped: [String]
        var shared: [String] = []
        var values: [String: @Sendable (Copy) -> SQLQueryString] = [:]
        /// Columns named like a reference that are none (copied as they are).
        var notReferences: [String] = []
        /// The column giving the rows a stable order (the same base inserts the same rows in the same order).
        var order = "id"
    }

    /// Tables in the order their foreign keys need: the platform's units, each module's tables (`FazhiModule.scaleTables`,
    /// in the demo's order, which already puts a module after those whose records it refers to), then the shared
    /// records that name a subject of any module (reviews, attachments).
    static var tables: [Table] {
        platformFirst + ModuleRegistry.demoSteps.flatMap { id, _ in ModuleRegistry.modules.first { $0.id == id }?.scaleTables ?? [] } + platformLast
    }

    static let platformFirst: [Table] = [
        // The county's units.
        Table(name: "units", remapped: ["id"], shared: ["region_id"], values: [
            "name": { $0.suffixed("name") },
            "short_name": { $0.suffixed("short_name") },
            "credit_code": { $0.creditCode },
            // One legal office for the region: the copies' 司法局 are ordinary departments (AdminOrganisation keeps one).
            "is_legal_office": { _ in "\(false)" },
        ]),
    ]

    static let platformLast: [Table] = [
        // Reviews and attachments name their subject (a document, decision, contract or amendment, all copied).
        Table(name: "reviews", remapped: ["id", "subject_id", "owner_unit_id"], shared: ["reviewer_id"]),
        Table(name: "attachments", remapped: ["id", "subject_id", "owner_unit_id"]),
    ]

    /// Tables no copy touches, and why.
    static let skipped: [String: String] = [
        "regions": "the copies share the demo county's region tree (units and village assignments point into it)",
        "users": "the demo accounts stay the only accounts; drafters and reviewers of the copies are theirs",
        "sessions": "accounts' state", "login_attempts": "accounts' state", "api_tokens": "accounts' state",
        "settings": "one set of rules for the region", "calendar_years": "one legal calendar",
        "_fluent_migrations": "the schema's history",
        "audit_entries": "the hash chain: the scale-up appends one entry of its own", "audit_head": "the hash chain",
        "decision_catalogues": "unique by year: the copies' catalogue items join the region's catalogue of the year",
        // The annual report is one per region and year (unique year + version, section, key): nothing to copy.
        "reports": "one report per region and year", "report_section_versions": "the report's text",
        "report_cutoffs": "the report's cut-off dates", "report_templates": "unique by section",
        "declared_figures": "unique by year and key: the region declares each figure once",
        "deadlines": "derived (the 待办 index): rebuilt from the copied records after the copy",
        "derived_versions": "which derivations the indexes hold: one for the database",
    ]

    /// Tables whose name starts with one of these are derived (rebuilt, never copied): the deadline indexes, and the
    /// storage SQLite keeps for the full-text index (documents_fts is copied through its own table).
    static let skippedPrefixes = ["deadline_", "documents_fts_"]

    static func isSkipped(_ table: String) -> Bool {
        skipped[table] != nil || skippedPrefixes.contains { table.hasPrefix($0) }
    }

    /// What the scale-up did, for the command's output.
    struct Summary: Sendable {
        let counties: Int
        let rows: Int
        let seconds: Double
        var rowsPerSecond: Int { seconds > 0 ? Int(Double(rows) / seconds) : rows }
        var line: String {
            "已扩展为 \(counties) 个县：复制记录 \(rows) 行，用时 \(String(format: "%.1f", seconds)) 秒（\(rowsPerSecond) 行/秒）。"
                + " Scaled to \(counties) counties: \(rows) rows copied in \(String(format: "%.1f", seconds)) s (\(rowsPerSecond) rows/s)."
        }
    }

    /// Copies the demo county's records N − 1 times (counties 2…N). The database must hold the demo county just
    /// loaded (and nothing copied yet). Progress goes to `progress` after each copy.
    static func scaleUp(to counties: Int, on db: any Database, at now: Date,
                        progress: @escaping @Sendable (String) -> Void) async throws -> Summary {
        guard Self.counties.contains(counties) else { throw Operations.Failure(rangeMessage) }
        guard counties > 1 else { return Summary(counties: 1, rows: 0, seconds: 0) }
        let started = ContinuousClock.now
        let rows = try await db.writeTransaction { tx -> Int in
            let sql = tx.sql
            let base = try await Base.read(on: tx)
            var present: [(table: Table, columns: [String])] = []
            for table in tables {
                let columns = try await Self.columns(of: table.name, on: sql)
                guard !columns.isEmpty else { continue }  // documents_fts exists on SQLite only
                try check(table, columns: columns)
                present.append((table, columns))
            }
            let helperIndexes = sql.dialect.name == "sqlite" ? try await indexForeignKeys(into: Set(present.map(\.table.name)), on: sql) : []
            // Snapshots of the demo county's rows, so each copy reads the base and never an earlier copy.
            var perCopy = 0
            for (table, _) in present {
                try await sql.raw("CREATE TEMP TABLE \(ident: snapshot(table.name)) AS SELECT * FROM \(ident: table.name)").run()
                struct Count: Decodable { let n: Int }
                perCopy += try await sql.raw("SELECT count(*) AS n FROM \(ident: snapshot(table.name))").first(decoding: Count.self)?.n ?? 0
            }
            for county in 2...counties {
                let copy = Copy(county: county, postgres: sql.dialect.name != "sqlite", base: base)
                for (table, columns) in present {
                    try await sql.raw(insert(table, columns: columns, copy: copy)).run()
                }
                let done = perCopy * (county - 1)
                let elapsed = seconds(since: started)
                progress("scale: county \(county)/\(counties) · \(done) rows · \(elapsed > 0 ? Int(Double(done) / elapsed) : done) rows/s")
            }
            for (table, _) in present {
                try await sql.raw("DROP TABLE \(ident: snapshot(table.name))").run()
            }
            for index in helperIndexes {
                try await sql.raw("DROP INDEX \(ident: index)").run()
            }
            let total = perCopy * (counties - 1)
            try await AuditLog.append(
                AuditEvent("system.demo.loaded", subjectType: "region", subjectID: base.countyCode,
                           detail: "扩展演示数据为 \(counties) 个县（样本2至样本\(counties)，每县复制演示县的全部业务记录）：\(present.count) 张表，共 \(total) 行"),
                context: .cli("demo"), at: now, on: tx)
            return total
        }
        // The derived indexes: the copies' derived columns came with their rows (same dates, same values); the 待办
        // index names records and paths, so it is derived again over every county.
        try await db.writeTransaction { tx in try await DerivedIndexes.rebuildAll(on: tx, reason: "扩展演示数据") }
        if db.sql.dialect.name == "sqlite" {
            // One large transaction leaves a large WAL; fold it into the database file so the server starts clean.
            try await db.sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
        }
        return Summary(counties: counties, rows: rows, seconds: seconds(since: started))
    }

    static func snapshot(_ table: String) -> String { "scale_source_" + table }

    /// SQLite checks, for every row an `INSERT … SELECT` adds to a parent table, whether child rows already point at
    /// it; through a child column without an index that is a scan of the child table per row, and the copies would
    /// grow quadratically. So the copy indexes those columns (of foreign keys into the copied tables) while it runs;
    /// the caller drops the returned indexes before the transaction commits.
    static func indexForeignKeys(into parents: Set<String>, on sql: any SQLDatabase) async throws -> [String] {
        struct Name: Decodable { let name: String }
        struct ForeignKey: Decodable { let table: String; let from: String }
        var created: [String] = []
        let tables = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .all(decoding: Name.self).map(\.name)
        for table in tables {
            let keys = try await sql.raw("SELECT \"table\", \"from\" FROM pragma_foreign_key_list(\(bind: table))").all(decoding: ForeignKey.self)
            guard keys.contains(where: { parents.contains($0.table) }) else { continue }
            let indexed = Set(try await sql.raw("""
                SELECT info.name AS name FROM pragma_index_list(\(bind: table)) AS list, pragma_index_info(list.name) AS info WHERE info.seqno = 0
                """).all(decoding: Name.self).map(\.name))
            for column in Set(keys.filter { parents.contains($0.table) }.map(\.from)).subtracting(indexed).sorted() {
                let name = "scale_fk_\(table)_\(column)"
                try await sql.raw("CREATE INDEX \(ident: name) ON \(ident: table) (\(ident: column))").run()
                created.append(name)
            }
        }
        return created
    }

    /// The table's columns in order; empty when the table does not exist.
    static func columns(of table: String, on sql: any SQLDatabase) async throws -> [String] {
        struct Column: Decodable { let name: String }
        if sql.dialect.name == "sqlite" {
            return try await sql.raw("SELECT name FROM pragma_table_info(\(bind: table)) ORDER BY cid").all(decoding: Column.self).map(\.name)
        }
        return try await sql.raw("""
            SELECT column_name AS name FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = \(bind: table) ORDER BY ordinal_position
            """).all(decoding: Column.self).map(\.name)
    }

    /// Refuses a table whose declaration no longer matches its columns: a declared column gone, or a reference
    /// column (`id`, `…_id`) nobody declared, which would be copied pointing at the demo county's record.
    static func check(_ table: Table, columns: [String]) throws {
        let declared = Set(table.remapped + table.shared + table.notReferences + Array(table.values.keys))
        let missing = declared.subtracting(columns).sorted()
        let undeclared = columns.filter { ($0 == "id" || $0.hasSuffix("_id")) && !declared.contains($0) }
        guard missing.isEmpty, undeclared.isEmpty else {
            throw Operations.Failure("演示数据扩展的表定义已过时 / DemoScale.tables is out of date: \(table.name) "
                                     + (missing.isEmpty ? "" : "has no column \(missing.joined(separator: ", ")); ")
                                     + (undeclared.isEmpty ? "" : "declares nothing for \(undeclared.joined(separator: ", "))"), exitCode: 1)
        }
    }

    /// `INSERT INTO t (columns) SELECT expressions FROM snapshot ORDER BY order` for one copy.
    static func insert(_ table: Table, columns: [String], copy: Copy) -> SQLQueryString {
        let remapped = Set(table.remapped)
        let values: [SQLQueryString] = columns.map { column in
            if remapped.contains(column) { return copy.remap(column) }
            if let value = table.values[column] { return value(copy) }
            return "\(ident: column)"
        }
        return """
            INSERT INTO \(ident: table.name) (\(idents: columns, joinedBy: ", "))
            SELECT \(values.joined(separator: ", ")) FROM \(ident: snapshot(table.name)) ORDER BY \(ident: table.order)
            """
    }

    /// What the copies derive from the demo county: the registration register's size per year, the register's
    /// number format, and the units' credit codes.
    struct Base: Sendable {
        let countyCode: String
        /// The highest 统一登记号 sequence of each year: copy c continues the register after copy c − 1, gapless.
        let registrationMaxima: [Int: Int]
        let pattern: RegistrationNumberPattern
        /// Units' ids in their stable order, and whether each has a credit code.
        let units: [(id: String, hasCode: Bool)]

        static func read(on db: any Database) async throws -> Base {
            let sql = db.sql
            struct County: Decodable { let code: String }
            let county = try await sql.raw("SELECT code FROM regions WHERE level = 'county' ORDER BY code").first(decoding: County.self)
            struct Maximum: Decodable { let year: Int; let maximum: Int }
            let maxima = try await sql.raw("""
                SELECT registration_year AS year, max(registration_sequence) AS maximum FROM documents
                WHERE registration_year IS NOT NULL AND registration_sequence IS NOT NULL GROUP BY registration_year
                """).all(decoding: Maximum.self)
            struct Unit: Decodable { let id: UUID; let credit_code: String? }
            let units = try await sql.raw("SELECT id, credit_code FROM units ORDER BY id").all(decoding: Unit.self)
            return Base(countyCode: county?.code ?? "",
                        registrationMaxima: Dictionary(uniqueKeysWithValues: maxima.map { ($0.year, $0.maximum) }),
                        pattern: try await DocumentService.rules(on: db).registrationPattern,
                        units: units.map { ($0.id.uuidString, $0.credit_code != nil) })
        }
    }

    /// The SQL expressions of one copy (county number `county`, 2…N) in the database's dialect.
    struct Copy: Sendable {
        let county: Int
        let postgres: Bool
        let base: Base

        /// Ids keep their last 28 hex digits; the first 8 become the county number, so copies never collide with
        /// each other and (short of a base id starting with 000000) not with the base.
        var prefix: String { String(format: "%08X", county) }

        func remap(_ column: String) -> SQLQueryString {
            postgres
                ? "CAST(\(literal: prefix) || substr(CAST(\(ident: column) AS text), 9) AS uuid)"
                : "\(literal: prefix) || substr(\(ident: column), 9)"
        }

        var suffix: String { "（样本\(county)）" }

        func suffixed(_ column: String) -> SQLQueryString { "\(ident: column) || \(literal: suffix)" }

        /// The sequence offset of each registration year: the demo county's register size times the copies before.
        var registrationOffset: SQLQueryString {
            let years = base.registrationMaxima.keys.sorted()
            guard !years.isEmpty else { return "0" }
            let cases: [SQLQueryString] = years.map { "WHEN \(literal: $0) THEN \(literal: base.registrationMaxima[$0]! * (county - 1))" }
            return "(CASE \(ident: "registration_year") \(cases.joined(separator: " ")) ELSE 0 END)"
        }

        var registrationSequence: SQLQueryString { "\(ident: "registration_sequence") + \(registrationOffset)" }

        /// The number for the new sequence in the register's format (RegistrationNumberPattern.format, in SQL).
        var registrationNumber: SQLQueryString {
            let sequence: SQLQueryString = "CAST(\(registrationSequence) AS TEXT)"
            let width = base.pattern.sequenceWidth
            let padded: SQLQueryString = postgres
                ? "lpad(\(sequence), \(literal: width), '0')"
                : "substr(\(literal: String(repeating: "0", count: width)) || \(sequence), \(literal: -width))"
            return """
                CASE WHEN \(ident: "registration_number") IS NULL THEN NULL
                WHEN \(ident: "registration_year") IS NULL OR \(ident: "registration_sequence") IS NULL THEN \(suffixed("registration_number"))
                ELSE \(literal: base.pattern.prefix + base.pattern.separator) || CAST(\(ident: "registration_year") AS TEXT) || \(literal: base.pattern.separator)
                  || CASE WHEN length(\(sequence)) >= \(literal: width) THEN \(sequence) ELSE \(padded) END END
                """
        }

        /// A valid 统一社会信用代码 per copied unit (GB 32100 check character), unique: the organisation part is
        /// 1 + the county number and the unit's place, where the demo county's start with 0 (DemoCounty.load).
        var creditCode: SQLQueryString {
            let cases: [SQLQueryString] = base.units.enumerated().compactMap { index, unit in
                guard unit.hasCode else { return nil }
                let organisation = "1" + String(format: "%07d", county * 1000 + index) + "X"
                let code = UnifiedSocialCreditCode.make(authority: "1", type: "1", division: "433123", organizationCode: organisation).value
                return "WHEN \(literal: unit.id) THEN \(literal: code)"
            }
            guard !cases.isEmpty else { return "NULL" }
            // Base ids are uuidString (upper case), as SQLite stores them; PostgreSQL prints uuids in lower case.
            let id: SQLQueryString = postgres ? "upper(CAST(\(ident: "id") AS text))" : "\(ident: "id")"
            return "CASE \(id) \(cases.joined(separator: " ")) ELSE NULL END"
        }

        /// 17-digit lawyers' licences keep their layout with the issuing region's 4 digits (2–5) standing for the
        /// copy's county (5000 + c; the demo's are 4331); other licences get `-c`. Both stay valid for AdviserLicence.
        var licenceNumber: SQLQueryString {
            let column: SQLQueryString = "\(ident: "licence_number")"
            return """
                CASE WHEN length(\(column)) = 17 THEN substr(\(column), 1, 1) || \(literal: String(5000 + county)) || substr(\(column), 6)
                ELSE \(column) || \(literal: "-\(county)") END
                """
        }
    }
}

private func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = (ContinuousClock.now - start).components
    return Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
}
