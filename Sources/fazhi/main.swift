import App
import ArgumentParser
import Foundation
import Logging

/// `fazhi`: the Fazhi server and its maintenance commands. Bad arguments exit 2 with a message on stderr.
struct Fazhi: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fazhi",
        abstract: "Fazhi 法治政府建设管理平台 — the rule-of-law government management platform.",
        discussion: "环境变量 FAZHI_DATA_DIR（默认 ./data）和 FAZHI_DATABASE_URL（设置时使用 PostgreSQL）对每个命令都有效。",
        subcommands: [Serve.self, Migrate.self, Demo.self, User.self, Audit.self, Backup.self, Restore.self, Deadline.self, Rules.self, CalendarCommand.self,
                      Import.self, Report.self],
        defaultSubcommand: Serve.self)
}

func settings() throws -> AppSettings {
    do {
        var settings = try AppSettings.fromEnvironment()
        // Maintenance commands speak through their output; framework chatter only when asked for.
        let serving = CommandLine.arguments.count < 2 || CommandLine.arguments[1] == "serve" || CommandLine.arguments[1].hasPrefix("-")
        if !serving && ProcessInfo.processInfo.environment["FAZHI_LOG_LEVEL"] == nil { settings.logLevel = "warning" }
        return settings
    } catch {
        throw Operations.Failure("配置错误：\(error)")
    }
}

/// Runs an operation and prints its result; failures go to stderr with their exit code.
func runOperation(_ body: () async throws -> String) async throws {
    do {
        let output = try await body()
        if !output.isEmpty { print(output) }
    } catch let failure as Operations.Failure {
        FileHandle.standardError.write(Data((failure.message + "\n").utf8))
        throw ExitCode(failure.exitCode)
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "启动服务（默认命令）。首次运行时自动迁移数据库并载入演示县。 Start the server; a first run migrates and loads the demo county.")

    @Option(help: "监听地址 / address to listen on") var hostname = "127.0.0.1"
    @Option(help: "端口 / port") var port = 8080

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port 应在 1 到 65535 之间。") }
        guard !hostname.isEmpty, hostname.count <= 255 else { throw ValidationError("--hostname 无效。") }
    }

    func run() async throws {
        do {
            try await Operations.serve(try settings(), hostname: hostname, port: port)
        } catch let failure as Operations.Failure {
            FileHandle.standardError.write(Data((failure.message + "\n").utf8))
            throw ExitCode(failure.exitCode)
        }
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "把数据库迁移到最新结构。 Migrate the database to the latest schema.")
    func run() async throws { try await runOperation { try await Operations.migrate(try settings()) } }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "迁移并载入演示县（凤凰县）。 Migrate and load the demo county into an empty database.",
        discussion: """
            --scale N 在演示县之外再生成 N−1 个县的全部业务记录（演示县记录的确定性副本，单位名加「（样本k）」），用于性能测试；进度显示在标准错误输出。
            --scale N adds N−1 more counties' worth of every module's records (deterministic copies of the demo county's), for benchmarks.
            """)
    @Flag(help: "清空数据库（包括审计日志）后重新载入 / wipe the database first") var replace = false
    @Option(help: "县的个数 1–200，默认 1（只有演示县） / counties' worth of records, 1–200") var scale = "1"

    func validate() throws {
        do { _ = try Operations.demoScale(scale) } catch let failure as Operations.Failure { throw ValidationError(failure.message) }
    }

    func run() async throws {
        let counties = try Operations.demoScale(scale)
        try await runOperation {
            try await Operations.demo(try settings(), replace: replace, scale: counties) { message in
                FileHandle.standardError.write(Data((message + "\n").utf8))
            }
        }
    }
}

struct User: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "管理用户账户。 Manage user accounts.",
        subcommands: [Create.self, ResetPassword.self, Disable.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "创建用户；不给 --password 时生成初始密码并要求首次登录修改。")
        @Argument(help: "用户名（3–32 位小写字母、数字、._-）") var username: String
        @Option(help: "姓名") var name: String
        @Option(help: "所属单位全称，如 凤凰县司法局") var unit: String
        @Option(parsing: .upToNextOption, help: "角色：admin legal_office unit_staff leader") var role: [String]
        @Flag(help: "从标准输入读取密码（一行）") var passwordStdin = false

        func run() async throws {
            var password: String?
            if passwordStdin {
                password = readLine(strippingNewline: true)
                if password?.isEmpty ?? true { throw ValidationError("标准输入中没有密码。") }
            }
            try await runOperation {
                try await Operations.createUser(try settings(), username: username, displayName: name, unitName: unit,
                                                roles: role, password: password)
            }
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reset-password", abstract: "重置密码并结束该用户的所有登录。")
        @Argument(help: "用户名") var username: String
        func run() async throws { try await runOperation { try await Operations.resetPassword(try settings(), username: username) } }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "停用用户并结束其所有登录。")
        @Argument(help: "用户名") var username: String
        func run() async throws { try await runOperation { try await Operations.disableUser(try settings(), username: username) } }
    }
}

struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "审计日志。 The audit trail.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "校验审计哈希链：完整时退出码 0，否则指出第一条被篡改的记录并退出码 1。")
        func run() async throws {
            let result: (message: String, ok: Bool)
            do {
                result = try await Operations.auditVerify(try settings())
            } catch let failure as Operations.Failure {
                FileHandle.standardError.write(Data((failure.message + "\n").utf8))
                throw ExitCode(failure.exitCode)
            }
            if result.ok {
                print(result.message)
            } else {
                FileHandle.standardError.write(Data((result.message + "\n").utf8))
                throw ExitCode(1)
            }
        }
    }
}

struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "在线备份 SQLite 数据库（服务运行时也可执行）；PostgreSQL 请用 pg_dump。")
    @Option(help: "备份文件路径（不能已存在）") var to: String
    func run() async throws { try await runOperation { try await Operations.backup(try settings(), to: to) } }
}

struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "从备份恢复 SQLite 数据库（先停止服务）；先校验备份的完整性和审计链。")
    @Option(help: "备份文件路径") var from: String
    @Flag(help: "确认替换现有数据库") var force = false
    func run() async throws { try await runOperation { try await Operations.restore(try settings(), from: from, force: force) } }
}

struct Deadline: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "计算期间届满日。按天数时只输出 YYYY-MM-DD；按法定规则时先说明规则和依据，最后一行为 YYYY-MM-DD。",
        discussion: """
            例：fazhi deadline --from 2024-09-27 --days 5 --unit working
                fazhi deadline --rule documents.filing --from 2020-03-02
                fazhi deadline --rule decisions.publicComment --from 2020-03-02 --pause 2020-03-05..2020-03-07
            规则编号见 fazhi rules。未知规则退出码 64；法定日历缺少所需年度退出码 2。
            """)
    @Option(help: "起算日 YYYY-MM-DD（当日不计入）") var from: String?
    @Option(help: "天数 1–3650") var days: String?
    @Option(help: "calendar（日）或 working（工作日）") var unit: String?
    @Option(help: "法定规则编号，如 documents.filing（见 fazhi rules）") var rule: String?
    @Option(help: "中止期间 YYYY-MM-DD..YYYY-MM-DD，两端计入，可重复") var pause: [String] = []
    @Flag(help: "适用该规则的法定延长期限") var extended = false
    @Option(help: "指定法律版本（如 2017、2023）；默认按起算日适用施行中的版本") var lawVersion: String?

    func validate() throws {
        if rule == nil {
            if !pause.isEmpty || extended || lawVersion != nil { throw ValidationError("--pause、--extended、--law-version 须与 --rule 一起使用。") }
        } else if days != nil || unit != nil {
            throw ValidationError("--rule 与 --days/--unit 不能同时使用。")
        }
    }

    func run() async throws {
        try await runOperation {
            if let rule {
                return try await Operations.ruleDeadline(try settings(), rule: rule, from: from, pauses: pause, extended: extended, lawVersion: lawVersion)
            }
            return try await Operations.deadline(try settings(), from: from, days: days, unit: unit)
        }
    }
}

struct Rules: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "列出法定期限规则目录（编号、期限、单位、起算事件、依据）。 List the statutory-rule catalogue.",
        discussion: "--format markdown 的输出即 docs/RULES.md。")
    @Option(help: "text（默认）、json 或 markdown") var format: String?
    func run() async throws { try await runOperation { try Operations.rules(format: format) } }
}

struct CalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar", abstract: "法定节假日日历。 The legal calendar.", subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "导入一个或多个年度的节假日安排（JSON，格式见 README）。")
        @Argument(help: "JSON 文件") var file: String
        func run() async throws { try await runOperation { try await Operations.calendarImport(try settings(), file: file) } }
    }
}

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "导入数据。 Import records.", subcommands: [Documents.self])

    struct Documents: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "导入规范性文件登记簿（CSV：UTF-8 或 GB18030；XLSX）。整份文件检查通过才导入，列名见 README。")
        @Argument(help: "CSV 或 XLSX 文件") var file: String
        @Flag(help: "只检查并报告，不导入") var dryRun = false
        func run() async throws { try await runOperation { try await Operations.importDocuments(try settings(), file: file, dryRun: dryRun) } }
    }
}

struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "输出年度统计数字（json），或年度法治政府建设报告（docx：GB/T 9704 版式的 Word 文档；html：打印版网页）。",
        discussion: """
            例：fazhi report --year 2020 --format json
                fazhi report --year 2020 --format docx --out 2020年度报告.docx
            docx/html 取该年度已公布的版本，其次为最新定稿版本，再次为草稿；尚未起草时按报告模板即时起草。进度显示在标准错误输出。
            """)
    @Option(help: "年份") var year: Int
    @Option(help: "格式：json、docx 或 html") var format: String = "json"
    @Option(help: "写入文件（默认输出到终端）") var out: String?

    func run() async throws {
        guard let chosen = Operations.ReportFormat(rawValue: format) else {
            throw ValidationError("--format 目前支持：\(Operations.ReportFormat.allCases.map(\.rawValue).joined(separator: "、"))。")
        }
        try await runOperation {
            try await Operations.report(try settings(), year: year, format: chosen, out: out) { message in
                FileHandle.standardError.write(Data((message + "\n").utf8))
            }
        }
    }
}

/// Logs: logfmt (default) or JSON lines on stderr, with the request id Vapor attaches to each request's logger.
LoggingSystem.bootstrap { label in
    let format = ProcessInfo.processInfo.environment["FAZHI_LOG_FORMAT"] ?? "logfmt"
    var handler = StructuredLogHandler(label: label, json: format.lowercased() == "json")
    let serving = CommandLine.arguments.count < 2 || CommandLine.arguments[1] == "serve" || CommandLine.arguments[1].hasPrefix("-")
    let level = ProcessInfo.processInfo.environment["FAZHI_LOG_LEVEL"] ?? (serving ? "info" : "warning")
    handler.logLevel = Logger.Level(rawValue: level.lowercased()) ?? .info
    return handler
}

/// Opens the existential so the async `run()` is the one called (on `any` the synchronous requirement wins).
func runAsync<Command: AsyncParsableCommand>(_ command: inout Command) async throws {
    try await command.run()
}

// Argument errors exit 2 (not ArgumentParser's 64), like every other bad input.
do {
    var command = try Fazhi.parseAsRoot()
    if var asyncCommand = command as? any AsyncParsableCommand {
        try await runAsync(&asyncCommand)
    } else {
        try command.run()
    }
} catch {
    let code = Fazhi.exitCode(for: error)
    if code == .success {
        Fazhi.exit(withError: error)
    }
    let message = Fazhi.fullMessage(for: error)
    if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
    if let exit = error as? ExitCode { Foundation.exit(exit.rawValue) }
    Foundation.exit(code == .validationFailure ? 2 : code.rawValue == 64 ? 2 : code.rawValue)
}
