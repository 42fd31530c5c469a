import FazhiCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// The bodies of the `fazhi` commands. The executable parses arguments and calls these; every one reads
/// FAZHI_DATA_DIR and FAZHI_DATABASE_URL through AppSettings.
public enum Operations {
    /// A failure to report on stderr with exit code 2 (bad input) or 1 (the check failed).
    public struct Failure: Error, CustomStringConvertible {
        public let message: String
        public let exitCode: Int32

        public init(_ message: String, exitCode: Int32 = 2) {
            self.message = message
            self.exitCode = exitCode
        }

        public var description: String { message }
    }

    /// Builds the app for a command, runs `body`, and always shuts it down.
    public static func withApp<T>(_ settings: AppSettings, arguments: [String] = ["fazhi"], environment: String = "production",
                                  _ body: (Application) async throws -> T) async throws -> T {
        let app = try await FazhiApp.make(Environment(name: environment, arguments: arguments),
                                          dependencies: AppDependencies(settings: settings))
        do {
            let result = try await body(app)
            try await app.asyncShutdown()
            return result
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    // MARK: serve

    /// Runs the HTTP server until SIGINT/SIGTERM.
    public static func serve(_ settings: AppSettings, hostname: String, port: Int) async throws {
        let app = try await FazhiApp.make(
            Environment(name: "production", arguments: ["fazhi", "serve", "--hostname", hostname, "--port", String(port)]),
            dependencies: AppDependencies(settings: settings))
        do {
            try await prepareForServing(app, hostname: hostname, port: port) { text in
                // Written unbuffered: the banner must appear even when stdout is a file or a pipe.
                FileHandle.standardOutput.write(Data((text + "\n").utf8))
            }
            try await app.execute()
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    /// First run on an empty database: migrate and load the demo county, printing the accounts once.
    public static func prepareForServing(_ app: Application, hostname: String, port: Int, print: (String) -> Void) async throws {
        try await FazhiApp.migrate(app)
        if try await FazhiApp.isEmpty(app) {
            let accounts = try await DemoCounty.load(on: app.db, context: app.fazhi, app: app)
            print(demoBanner(accounts))
        }
        if let pragmas = try await DatabaseSetup.sqlitePragmas(app.db) {
            guard pragmas.journalMode.lowercased() == "wal", pragmas.synchronous == 2, pragmas.foreignKeys == 1 else {
                throw Failure("SQLite 未按要求运行（journal_mode=\(pragmas.journalMode)，synchronous=\(pragmas.synchronous)，foreign_keys=\(pragmas.foreignKeys)）。", exitCode: 1)
            }
        }
        let shown = hostname == "0.0.0.0" || hostname == "::" ? "127.0.0.1" : hostname
        let url = "http://\(shown.contains(":") ? "[\(shown)]" : shown):\(port)"
        let storage = app.fazhi.settings.usesPostgres ? "PostgreSQL（FAZHI_DATABASE_URL）" : "SQLite \(app.fazhi.settings.sqlitePath)"
        print("""
            Fazhi 法治政府建设管理平台已启动 / Fazhi is running.
              登录地址 / Sign in:  \(url)\(SiteURL.login.path)
              数据库 / Database:   \(storage)
              停止 / Stop:         Ctrl+C
            """)
    }

    static func demoBanner(_ accounts: [DemoCounty.Account]) -> String {
        var lines = [
            "",
            "已载入演示县（凤凰县）。以下演示账户的密码只显示这一次，请妥善记录：",
            "Demo county loaded. These passwords are shown only once:",
            "",
        ]
        for account in accounts {
            let role = "\(account.role.label)"
            lines.append("  \(account.username.padding(toLength: 8, withPad: " ", startingAt: 0))  \(account.password)   \(role) · \(account.displayName) · \(account.unitName)")
        }
        lines.append("")
        lines.append("系统管理员首次登录时须设置两步验证（手机验证器应用）。忘记密码可运行：swift run fazhi user reset-password 用户名")
        lines.append("")
        return lines.joined(separator: "\n")
    }

    // MARK: migrate / demo

    public static func migrate(_ settings: AppSettings) async throws -> String {
        try await withApp(settings) { app in
            try await FazhiApp.migrate(app)
            return "数据库已迁移到最新结构。"
        }
    }

    /// `fazhi demo [--replace] [--scale N]`: the demo county, then (N > 1) N − 1 copies of its records (DemoScale),
    /// with progress on `progress`. A bad N is refused before the database is touched.
    public static func demo(_ settings: AppSettings, replace: Bool, scale: Int = 1,
                            progress: @escaping @Sendable (String) -> Void = { _ in }) async throws -> String {
        guard DemoScale.counties.contains(scale) else { throw Failure(DemoScale.rangeMessage) }
        let hasData = try await withApp(settings) { app in
            try await FazhiApp.migrate(app)
            return try await !FazhiApp.isEmpty(app)
        }
        if hasData {
            guard replace else {
                throw Failure("数据库中已有数据，未载入演示县。如确需清空并重新载入，请加 --replace（将删除全部数据，包括审计日志）。")
            }
            try await wipe(settings)
        }
        return try await withApp(settings) { app in
            try await FazhiApp.migrate(app)
            let accounts = try await DemoCounty.load(on: app.db, context: app.fazhi, app: app)
            guard scale > 1 else { return demoBanner(accounts) }
            let summary = try await DemoScale.scaleUp(to: scale, on: app.db, at: app.fazhi.clock.now(), progress: progress)
            return demoBanner(accounts) + "\n" + summary.line
        }
    }

    /// `--scale` as typed (1–200), or a Failure (exit 2) with the message in Chinese and English.
    public static func demoScale(_ text: String) throws -> Int {
        try DemoScale.parse(text).get()
    }

    /// Removes every table (SQLite: the file itself). Only `demo --replace` does this, on an operator's word.
    static func wipe(_ settings: AppSettings) async throws {
        guard settings.usesPostgres else {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: settings.sqlitePath + suffix) }
            return
        }
        try await withApp(settings) { app in
            let sql = app.db.sql
            struct Table: Decodable { let tablename: String }
            let tables = try await sql.raw("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()").all(decoding: Table.self)
            for table in tables {
                try await sql.raw("DROP TABLE IF EXISTS \(ident: table.tablename) CASCADE").run()
            }
            try await sql.raw("DROP FUNCTION IF EXISTS fazhi_audit_append_only() CASCADE").run()
        }
    }

    // MARK: users

    public static func createUser(_ settings: AppSettings, username rawUsername: String, displayName: String, unitName: String,
                                  roles: [String], password: String?) async throws -> String {
        try await withApp(settings) { app in
            try await FazhiApp.migrate(app)
            var errors = FieldErrors()
            let username = UsernameRule.clean(rawUsername, into: &errors)
            guard let unit = try await UnitModel.query(on: app.db).filter(\.$name == unitName).first() else {
                throw Failure("单位「\(unitName)」不存在。")
            }
            var draft: UserDraft?
            switch UserDraft.validate(displayName: displayName, roles: roles, mobile: nil, unitIsLegalOffice: unit.isLegalOffice) {
            case .failure(let more): errors.merge(more)
            case .success(let valid): draft = valid
            }
            if let username, try await UserModel.query(on: app.db).filter(\.$username == username).first() != nil {
                errors.add("username", "用户名「\(username)」已被使用。")
            }
            let chosen = password ?? GeneratedPassword.make(app.fazhi.random)
            if password != nil {
                for problem in app.fazhi.passwordPolicy.check(chosen, username: username) { errors.add("password", problem.message) }
            }
            guard errors.isEmpty, let username, let draft else { throw Failure(errors.description) }
            let hash = try await PasswordHasher.hash(chosen, cost: app.fazhi.settings.bcryptCost, on: app)
            let now = app.fazhi.clock.now()
            let user = UserModel()
            user.username = username
            user.displayName = draft.displayName
            user.$unit.id = try unit.requireID()
            user.roles = draft.roles
            user.passwordHash = hash
            user.passwordChangedAt = now
            user.mustChangePassword = password == nil
            user.active = true
            user.failedLogins = 0
            user.createdAt = now
            user.updatedAt = now
            try await app.db.writeTransaction { tx in
                try await user.create(on: tx)
                try await AuditLog.append(AuditEvent("account.user.created", subjectType: "user", subjectID: user.id?.uuidString ?? "",
                                                     detail: "命令行创建 \(username)（\(draft.displayName)），\(unit.name)，角色：\(Role.encodeList(draft.roles))"),
                                          context: .cli("user create"), at: now, on: tx)
            }
            return password == nil
                ? "已创建用户 \(username)。初始密码（只显示这一次，首次登录须修改）：\(chosen)"
                : "已创建用户 \(username)。"
        }
    }

    public static func resetPassword(_ settings: AppSettings, username: String) async throws -> String {
        try await withApp(settings) { app in
            try await FazhiApp.migrate(app)
            guard let user = try await UserModel.query(on: app.db).filter(\.$username == username.lowercased()).first() else {
                throw Failure("用户「\(username)」不存在。")
            }
            let password = GeneratedPassword.make(app.fazhi.random)
            let hash = try await PasswordHasher.hash(password, cost: app.fazhi.settings.bcryptCost, on: app)
            let now = app.fazhi.clock.now()
            let userID = try user.requireID()
            try await app.db.writeTransaction { tx in
                user.passwordHash = hash
                user.passwordChangedAt = now
                user.mustChangePassword = true
                user.failedLogins = 0
                user.lockedUntil = nil
                user.updatedAt = now
                try await user.update(on: tx)
                try await SessionStore.endAll(userID: userID, except: nil, reason: "password-reset", at: now, on: tx)
                try await AuditLog.append(AuditEvent("account.password.reset", subjectType: "user", subjectID: userID.uuidString,
                                                     detail: "命令行重置 \(user.username) 的密码"), context: .cli("user reset-password"), at: now, on: tx)
            }
            return "已重置 \(user.username) 的密码，其所有登录已结束。新密码（只显示这一次，登录后须修改）：\(password)"
        }
    }

    public static func disableUser(_ settings: AppSettings, username: String) async throws -> String {
        try await withApp(settings) { app in
            try await FazhiApp.migrate(app)
            guard let user = try await UserModel.query(on: app.db).filter(\.$username == username.lowercased()).first() else {
                throw Failure("用户「\(username)」不存在。")
            }
            let now = app.fazhi.clock.now()
            let userID = try user.requireID()
            try await app.db.writeTransaction { tx in
                user.active = false
                user.updatedAt = now
                try await user.update(on: tx)
                try await SessionStore.endAll(userID: userID, except: nil, reason: "disabled", at: now, on: tx)
                try await AuditLog.append(AuditEvent("account.user.disabled", subjectType: "user", subjectID: userID.uuidString,
                                                     detail: "命令行停用 \(user.username)"), context: .cli("user disable"), at: now, on: tx)
            }
            return "已停用 \(user.username)，其所有登录已结束。"
        }
    }

    // MARK: audit

    /// Exit code 0 when the chain holds, 1 with the first altered entry otherwise.
    public static func auditVerify(_ settings: AppSettings) async throws -> (message: String, ok: Bool) {
        try await withApp(settings) { app in
            let result = try await AuditLog.verify(on: app.db)
            return (result.message, result.ok)
        }
    }

    // MARK: backup / restore

    /// A consistent online copy of the SQLite database (VACUUM INTO reads one snapshot while others write).
    public static func backup(_ settings: AppSettings, to target: String) async throws -> String {
        guard !settings.usesPostgres else {
            throw Failure("当前使用 PostgreSQL：请用 pg_dump 备份（见 README「备份与恢复」）。")
        }
        guard FileManager.default.fileExists(atPath: settings.sqlitePath) else {
            throw Failure("数据库文件 \(settings.sqlitePath) 不存在。")
        }
        let path = (target as NSString).expandingTildeInPath
        guard !FileManager.default.fileExists(atPath: path) else {
            throw Failure("目标文件 \(path) 已存在，请换一个文件名（备份不会覆盖已有文件）。")
        }
        return try await withApp(settings) { app in
            let sql = app.db.sql
            try await sql.raw("VACUUM INTO \(bind: path)").run()
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            let entries = try await AuditEntryModel.query(on: app.db).count()
            try await AuditLog.record(AuditEvent("system.backup", subjectType: "database", detail: "备份到 \(path)"),
                                      context: .cli("backup"), at: app.fazhi.clock.now(), on: app.db)
            return "已备份到 \(path)（\(size / 1024) KB，审计记录 \(entries) 条）。"
        }
    }

    /// Replaces the SQLite database with a backup after checking the backup's integrity and audit chain.
    /// The server must be stopped first.
    public static func restore(_ settings: AppSettings, from source: String, force: Bool) async throws -> String {
        guard !settings.usesPostgres else {
            throw Failure("当前使用 PostgreSQL：请用 pg_restore 或 psql 恢复（见 README「备份与恢复」）。")
        }
        let manager = FileManager.default
        let path = (source as NSString).expandingTildeInPath
        guard manager.fileExists(atPath: path) else { throw Failure("备份文件 \(path) 不存在。") }
        if manager.fileExists(atPath: settings.sqlitePath) && !force {
            throw Failure("\(settings.sqlitePath) 已存在。恢复将用备份替换当前全部数据：请先停止服务，再加 --force 确认。")
        }
        // Check the backup in a scratch directory before touching the live file.
        let scratch = (NSTemporaryDirectory() as NSString).appendingPathComponent("fazhi-restore-\(UUID().uuidString)")
        try manager.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? manager.removeItem(atPath: scratch) }
        var check = settings
        check.dataDirectory = scratch
        check.secretKeyBase64 = try settings.loadSecretKey().withUnsafeBytes { Data($0).base64EncodedString() }
        try manager.copyItem(atPath: path, toPath: check.sqlitePath)
        let verdict = try await withApp(check) { app -> (Int, AuditLog.VerifyResult) in
            let sql = app.db.sql
            let row = try await sql.raw("PRAGMA integrity_check").first()
            let integrity = try row?.decode(column: "integrity_check", as: String.self) ?? "?"
            guard integrity == "ok" else { throw Failure("备份文件已损坏（integrity_check: \(integrity)），未恢复。", exitCode: 1) }
            let users = try await UserModel.query(on: app.db).count()
            return (users, try await AuditLog.verify(on: app.db))
        }
        guard verdict.1.ok else { throw Failure("备份文件的审计链校验失败：\(verdict.1.message)未恢复。", exitCode: 1) }
        try manager.createDirectory(atPath: settings.dataDirectory, withIntermediateDirectories: true)
        let staged = settings.sqlitePath + ".restoring"
        try? manager.removeItem(atPath: staged)
        try manager.copyItem(atPath: check.sqlitePath, toPath: staged)
        for suffix in ["-wal", "-shm"] { try? manager.removeItem(atPath: settings.sqlitePath + suffix) }
        if manager.fileExists(atPath: settings.sqlitePath) { try manager.removeItem(atPath: settings.sqlitePath) }
        try manager.moveItem(atPath: staged, toPath: settings.sqlitePath)
        try await withApp(settings) { app in
            try await FazhiApp.migrate(app)
            try await AuditLog.record(AuditEvent("system.restore", subjectType: "database", detail: "从 \(path) 恢复"),
                                      context: .cli("restore"), at: app.fazhi.clock.now(), on: app.db)
        }
        return "已从 \(path) 恢复：用户 \(verdict.0) 个；\(verdict.1.message)"
    }

    // MARK: deadline / calendar

    /// The due date only; an uncovered year or bad input is a Failure (exit 2).
    public static func deadline(_ settings: AppSettings, from: String?, days: String?, unit: String?) async throws -> String {
        var errors = FieldErrors()
        let start = DateRule(label: "--from").clean(from, field: "from", into: &errors)
        let length = IntegerRule(label: "--days", range: Period.lengthRange).clean(days, field: "days", into: &errors)
        let periodUnit = PeriodUnit(rawValue: unit ?? "")
        if periodUnit == nil { errors.add("unit", "--unit 应为 calendar（日）或 working（工作日）。") }
        guard errors.isEmpty, let start, let length, let periodUnit else { throw Failure(errors.description) }
        let calendar = try await calendarForCLI(settings)
        do {
            return try calendar.dueDate(of: Period(start: start, length: length, unit: periodUnit)).description
        } catch let error as CalendarError {
            throw Failure(error.message)
        }
    }

    /// `fazhi rules`: the statutory-rule catalogue as text (one rule a line), JSON or Markdown (docs/RULES.md).
    public static func rules(format: String?) throws -> String {
        let catalogue = ModuleRegistry.ruleCatalogue
        switch format ?? "text" {
        case "text": return catalogue.plainText
        case "json": return String(decoding: try catalogue.json(), as: UTF8.self)
        case "markdown": return String(catalogue.markdown.dropLast())
        default: throw Failure("--format 应为 text、json 或 markdown。")
        }
    }

    /// `fazhi deadline --rule ID --from DATE [--pause A..B]... [--extended] [--law-version V]`: the rule and its
    /// source, then the date as the last line. The rule's number is the legal office's setting when a database
    /// with one exists. Unknown id: exit 64 naming the known ids; a year not in the legal calendar: exit 2.
    public static func ruleDeadline(_ settings: AppSettings, rule id: String, from: String?, pauses: [String], extended: Bool,
                                    lawVersion: String?) async throws -> String {
        var errors = FieldErrors()
        let start = DateRule(label: "--from").clean(from, field: "from", into: &errors)
        var parsed: [Pause] = []
        for text in pauses {
            let parts = text.components(separatedBy: "..")
            if parts.count == 2, let a = LocalDate(iso: parts[0]), let b = LocalDate(iso: parts[1]), a <= b {
                parsed.append(Pause(from: a, to: b))
            } else {
                errors.add("pause", "--pause 应为 YYYY-MM-DD..YYYY-MM-DD（起日不晚于止日，两端都计入中止）：\(text)")
            }
        }
        guard errors.isEmpty, let start else { throw Failure(errors.description) }
        guard ModuleRegistry.ruleCatalogue.ids.contains(id) else {
            throw Failure(RuleError.unknownRule(id, known: ModuleRegistry.ruleCatalogue.ids).description, exitCode: 64)
        }
        let calendar = try await calendarForCLI(settings)
        do {
            let statute = try ModuleRegistry.ruleCatalogue.rule(id, on: start, lawVersion: lawVersion)
            let rule = try await storedRule(settings, id: id, on: start, lawVersion: lawVersion) ?? statute
            let due = try rule.dueDate(from: start, pauses: parsed, extended: extended, calendar: calendar)
            var lines = rule.explanation(from: start, due: due, pauses: parsed, extended: extended, statuteLength: statute.length)
            lines.append(due.description)
            return lines.joined(separator: "\n")
        } catch let error as CalendarError {
            throw Failure(error.message)
        } catch let error as RuleError {
            throw Failure(error.description)
        }
    }

    /// The rule with the legal office's stored value, when a migrated database exists; nil otherwise.
    static func storedRule(_ settings: AppSettings, id: String, on date: LocalDate, lawVersion: String?) async throws -> StatutoryRule? {
        if !settings.usesPostgres && !FileManager.default.fileExists(atPath: settings.sqlitePath) { return nil }
        return try await withApp(settings) { app in
            guard try await hasTable(app, "settings") else { return nil }
            return try await ModuleRegistry.rule(id, on: date, lawVersion: lawVersion, db: app.db)
        }
    }

    static func hasTable(_ app: Application, _ name: String) async throws -> Bool {
        let sql = app.db.sql
        return sql.dialect.name == "sqlite"
            ? try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name = \(bind: name)").first() != nil
            : try await sql.raw("SELECT 1 FROM information_schema.tables WHERE table_name = \(bind: name) AND table_schema = current_schema()").first() != nil
    }

    /// Bundled years plus imported ones, without creating a database that does not exist yet.
    static func calendarForCLI(_ settings: AppSettings) async throws -> LegalCalendar {
        let bundled = try LegalCalendar.bundledYears()
        if !settings.usesPostgres && !FileManager.default.fileExists(atPath: settings.sqlitePath) {
            return try LegalCalendar(years: bundled)
        }
        return try await withApp(settings) { app in
            // A database not yet migrated has no imported years; reading must not migrate it as a side effect.
            try await hasTable(app, "calendar_years") ? try await CalendarService.calendar(on: app.db, bundled: bundled) : try LegalCalendar(years: bundled)
        }
    }

    public static func calendarImport(_ settings: AppSettings, file: String) async throws -> String {
        let path = (file as NSString).expandingTildeInPath
        guard let data = FileManager.default.contents(atPath: path) else { throw Failure("无法读取文件 \(path)。") }
        let years: [CalendarYear]
        do {
            years = try CalendarYear.decode(data)
            _ = try LegalCalendar(years: years)
        } catch let error as CalendarError {
            throw Failure("未导入：\(error.message)")
        } catch {
            throw Failure("未导入：文件不是有效的日历 JSON（格式见 README「法定节假日日历」）。")
        }
        return try await withApp(settings) { app in
            try await FazhiApp.migrate(app)
            try await CalendarService.importYears(years, context: .cli("calendar import"), at: app.fazhi.clock.now(), on: app.db)
            return "已导入 \(years.map { "\($0.year) 年（\($0.notice)）" }.joined(separator: "、"))。"
        }
    }
}

// MARK: import / report

extension Operations {
    /// `fazhi import documents FILE [--dry-run]`: the same whole-file validation as the upload page.
    public static func importDocuments(_ settings: AppSettings, file: String, dryRun: Bool) async throws -> String {
        let path = (file as NSString).expandingTildeInPath
        guard let data = FileManager.default.contents(atPath: path) else { throw Failure("无法读取文件 \(path)。") }
        return try await withApp(settings) { app in
            try await FazhiApp.migrate(app)
            let outcome = try await DocumentImporter.run(Array(data), dryRun: dryRun, context: .cli("import documents"),
                                                         at: app.fazhi.clock.now(), on: app.db) { written, total in
                // Progress on stderr (stdout keeps the result line), every 10 % and at the end.
                let step = max(1, total / 10)
                if written == total || written / step != (written - min(written, 400)) / step {
                    FileHandle.standardError.write(Data("import: \(written)/\(total) rows written\n".utf8))
                }
            }
            guard outcome.problems.isEmpty else {
                throw Failure("未导入（\(outcome.encoding)），共 \(outcome.problems.count) 处问题：\n" + outcome.problems.map(\.description).joined(separator: "\n"))
            }
            return dryRun
                ? "检查通过（\(outcome.encoding)）：将新增 \(outcome.rows.count) 件规范性文件。去掉 --dry-run 正式导入。"
                : "已导入 \(outcome.rows.count) 件规范性文件（\(outcome.encoding)）。"
        }
    }

    public enum ReportFormat: String, CaseIterable, Sendable {
        case json
        case docx
        case html
    }

    /// `fazhi report --year Y [--format json|docx|html] [--out FILE]`. json: every figure of the statistics catalogue
    /// for the year (and, apart, the year's declared figures). docx/html: the year's annual report — the published
    /// version, else the latest finalized one, else the draft; with no report at all, drafted now from the templates.
    public static func report(_ settings: AppSettings, year: Int, format: ReportFormat, out: String?, progress: @escaping @Sendable (String) -> Void) async throws -> String {
        guard (2000...2100).contains(year) else { throw Failure("--year 应为 2000 到 2100 之间的年份。") }
        if format != .json && out == nil { throw Failure("--format \(format.rawValue) 须用 --out 指定输出文件。") }
        return try await withApp(settings) { app in
            try await FazhiApp.migrate(app)
            let data: Data
            switch format {
            case .json:
                progress("正在计算 \(year) 年的统计数字（\(StatisticsCatalogue.entries.count) 项）…")
                data = try await StatisticsCatalogue.json(year: year, on: app.db)
            case .docx, .html:
                let today = app.fazhi.clock.today
                let document = try await ReportExport.document(year: year, today: today, on: app.db, progress: progress)
                progress(format == .docx ? "正在生成 Word 文档（GB/T 9704-2012 版式）…" : "正在生成打印版网页…")
                data = format == .docx ? try DocxWriter.write(document) : Data(PrintHTML.render(document).utf8)
            }
            try await AuditLog.record(AuditEvent("report.exported", subjectType: "report", subjectID: String(year),
                                                 detail: "命令行导出 \(year) 年度报告（\(format.rawValue)）"),
                                      context: .cli("report"), at: app.fazhi.clock.now(), on: app.db)
            if let out {
                let path = (out as NSString).expandingTildeInPath
                guard FileManager.default.createFile(atPath: path, contents: data) else { throw Failure("无法写入 \(path)。") }
                progress("已写入 \(path)（\(data.count) 字节）")
                return ""
            }
            return String(decoding: data, as: UTF8.self)
        }
    }
}
