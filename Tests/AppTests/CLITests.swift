@testable import App
import FazhiCore
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

/// The `fazhi` commands, run as a user runs them. SQLite only: they work on files.
@Suite("Command line", .serialized)
struct CLITests {
    static let enabled = TestDatabase.postgresURL == nil && CLI.executable != nil

    @Test("deadline prints only the date; bad input and uncovered years exit 2 with a message on stderr", .enabled(if: enabled),
          arguments: [
              (["--from", "2024-09-27", "--days", "5", "--unit", "working"], Int32(0), "2024-10-10\n"),
              (["--from", "2020-01-21", "--days", "10", "--unit", "calendar"], 0, "2020-02-03\n"),
              (["--from", "2025-09-26", "--days", "5", "--unit", "calendar"], 0, "2025-10-09\n"),
              (["--from", "2030-01-01", "--days", "3", "--unit", "calendar"], 2, ""),
              (["--from", "2014-06-01", "--days", "3", "--unit", "working"], 2, ""),
              (["--from", "2024-02-30", "--days", "3", "--unit", "calendar"], 2, ""),
              (["--from", "2024-01-01", "--days", "0", "--unit", "calendar"], 2, ""),
              (["--from", "2024-01-01", "--days", "99999999999999999999", "--unit", "calendar"], 2, ""),
              (["--from", "2024-01-01", "--days", "3", "--unit", "weeks"], 2, ""),
              (["--from", "2024-01-01", "--days", "3"], 2, ""),
              (["--bogus"], 2, ""),
          ] as [([String], Int32, String)])
    func deadline(_ arguments: [String], _ status: Int32, _ stdout: String) async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let result = try await cli.run(["deadline"] + arguments)
        #expect(result.status == status, "\(arguments): \(result.stderr)")
        #expect(result.stdout == stdout)
        if status != 0 { #expect(!result.stderr.isEmpty) }
        #expect(!FileManager.default.fileExists(atPath: cli.dataDirectory + "/fazhi.sqlite"), "deadline creates no database")
    }

    @Test("--help works for every command", .enabled(if: enabled))
    func help() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        for command in [[], ["serve"], ["migrate"], ["demo"], ["user"], ["user", "create"], ["user", "reset-password"], ["user", "disable"],
                        ["audit"], ["audit", "verify"], ["backup"], ["restore"], ["deadline"], ["calendar"], ["calendar", "import"]] {
            let result = try await cli.run(command + ["--help"])
            #expect(result.status == 0, "\(command) --help")
            #expect(result.stdout.contains("USAGE"), "\(command) --help")
        }
    }

    @Test("demo loads an empty database once, refuses one with data, and replaces it on request", .enabled(if: enabled))
    func demo() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let first = try await cli.run(["demo"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(CLI.demoPassword("legal", in: first.stdout) != nil)
        #expect(CLI.demoPassword("admin", in: first.stdout) != nil)
        let again = try await cli.run(["demo"])
        #expect(again.status == 2)
        #expect(again.stderr.contains("--replace"))
        let replaced = try await cli.run(["demo", "--replace"])
        #expect(replaced.status == 0)
        #expect(CLI.demoPassword("legal", in: replaced.stdout) != CLI.demoPassword("legal", in: first.stdout))
        #expect(try await cli.run(["migrate"]).status == 0)
    }

    @Test("user create, reset-password and disable", .enabled(if: enabled))
    func users() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try await cli.run(["demo"]).status == 0)
        let created = try await cli.run(["user", "create", "wangfang", "--name", "王芳", "--unit", "凤凰县财政局", "--role", "unit_staff"])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("初始密码"))
        let duplicate = try await cli.run(["user", "create", "wangfang", "--name", "王芳", "--unit", "凤凰县财政局", "--role", "unit_staff"])
        #expect(duplicate.status == 2)
        let badUnit = try await cli.run(["user", "create", "liqiang", "--name", "李强", "--unit", "不存在的局", "--role", "unit_staff"])
        #expect(badUnit.status == 2)
        #expect(badUnit.stderr.contains("不存在"))
        let weak = try await cli.run(["user", "create", "liqiang", "--name", "李强", "--unit", "凤凰县财政局", "--role", "unit_staff", "--password-stdin"],
                               stdin: "password\n")
        #expect(weak.status == 2)
        #expect(weak.stderr.contains("12"))
        let badRole = try await cli.run(["user", "create", "liqiang", "--name", "李强", "--unit", "凤凰县财政局", "--role", "god"])
        #expect(badRole.status == 2)
        let reset = try await cli.run(["user", "reset-password", "wangfang"])
        #expect(reset.status == 0)
        #expect(try await cli.run(["user", "reset-password", "nobody"]).status == 2)
        #expect(try await cli.run(["user", "disable", "wangfang"]).status == 0)
        #expect(try await cli.run(["audit", "verify"]).status == 0)
    }

    @Test("audit verify exits 0 on an intact chain and 1 naming the first altered entry", .enabled(if: enabled))
    func auditVerify() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try await cli.run(["demo"]).status == 0)
        #expect(try await cli.run(["user", "reset-password", "staff"]).status == 0)
        #expect(try await cli.run(["user", "reset-password", "leader"]).status == 0)
        let ok = try await cli.run(["audit", "verify"])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("审计链完整"))
        // Tamper with entry 2 the way someone with the database file would.
        var settings = AppSettings(dataDirectory: cli.dataDirectory, bcryptCost: 4)
        settings.logLevel = "warning"
        try await Operations.withApp(settings, environment: "testing") { app in
            try await app.db.sql.raw("DROP TRIGGER audit_entries_no_update").run()
            try await app.db.sql.raw("UPDATE audit_entries SET username = 'someone-else' WHERE seq = 2").run()
        }
        let broken = try await cli.run(["audit", "verify"])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("第 2 条"))
    }

    @Test("backup while serving, then restore into a new directory with every row and a verifying chain", .enabled(if: enabled))
    func backupAndRestore() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let port = Int.random(in: 41_000...49_000)
        let (server, out) = try cli.serve(port: port)
        defer { server.terminate() }
        try await waitForHealth(port: port)
        let backupPath = (cli.directory as NSString).appendingPathComponent("backup.sqlite")
        let backup = try await cli.run(["backup", "--to", backupPath])
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(try await cli.run(["backup", "--to", backupPath]).status == 2, "a backup never overwrites")
        server.terminate()
        server.waitUntilExit()
        _ = out

        let target = try CLI()
        defer { target.cleanUp() }
        let restored = try await target.run(["restore", "--from", backupPath])
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(try await target.run(["restore", "--from", backupPath]).status == 2, "an existing database needs --force")
        #expect(try await target.run(["audit", "verify"]).status == 0)
        var source = AppSettings(dataDirectory: cli.dataDirectory, bcryptCost: 4)
        source.logLevel = "warning"
        var copy = AppSettings(dataDirectory: target.dataDirectory, bcryptCost: 4)
        copy.logLevel = "warning"
        func counts(_ settings: AppSettings) async throws -> [Int] {
            try await Operations.withApp(settings, environment: "testing") { app in
                [try await RegionModel.query(on: app.db).count(), try await UnitModel.query(on: app.db).count(),
                 try await UserModel.query(on: app.db).count()]
            }
        }
        #expect(try await counts(source) == (try await counts(copy)))
        #expect(try await counts(copy)[0] == 300)

        // A damaged backup is refused and the live database is left alone.
        let damaged = (cli.directory as NSString).appendingPathComponent("damaged.sqlite")
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: damaged))
        let refused = try await target.run(["restore", "--from", damaged, "--force"])
        #expect(refused.status != 0)
        #expect(try await target.run(["audit", "verify"]).status == 0)
    }

    @Test("calendar import adds a year for every command; a bad file imports nothing", .enabled(if: enabled))
    func calendarImport() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let good = (cli.directory as NSString).appendingPathComponent("2027.json")
        try Data("""
            {"year": 2027, "notice": "国办发明电〔2026〕9号", "holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-03"}],
             "workdays": []}
            """.utf8).write(to: URL(fileURLWithPath: good))
        let bad = (cli.directory as NSString).appendingPathComponent("bad.json")
        try Data("""
            {"years": [{"year": 2028, "notice": "x", "holidays": [{"name": "元旦", "from": "2028-01-01", "to": "2028-01-01"}], "workdays": []},
                       {"year": 2029, "notice": "y", "holidays": [{"name": "元旦", "from": "2029-01-01", "to": "2029-01-01"}],
                        "workdays": [{"date": "2029-01-03"}]}]}
            """.utf8).write(to: URL(fileURLWithPath: bad))
        #expect(try await cli.run(["deadline", "--from", "2027-03-01", "--days", "3", "--unit", "working"]).status == 2)
        let imported = try await cli.run(["calendar", "import", good])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try await cli.run(["deadline", "--from", "2027-03-01", "--days", "3", "--unit", "working"]).stdout == "2027-03-04\n")
        let refused = try await cli.run(["calendar", "import", bad])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("2029"))
        #expect(try await cli.run(["deadline", "--from", "2028-03-01", "--days", "3", "--unit", "working"]).status == 2, "2028 was not imported")
    }
}

func waitForHealth(port: Int, seconds: Int = 60) async throws {
    for _ in 0..<(seconds * 4) {
        if (try? await httpStatus("http://127.0.0.1:\(port)/healthz")) == 200 { return }
        try await Task.sleep(for: .milliseconds(250))
    }
    Issue.record("server on port \(port) did not start")
    throw CancellationError()
}

/// A tiny HTTP client over curl, which CI installs with the system; keeps the tests free of client libraries.
func httpStatus(_ url: String) async throws -> Int {
    let result = try await curl(["-s", "-o", "/dev/null", "-w", "%{http_code}", url])
    return Int(result.stdout) ?? 0
}

func curl(_ arguments: [String]) async throws -> CLI.Result {
    try await offPool { try curlBlocking(arguments) }
}

func curlBlocking(_ arguments: [String]) throws -> CLI.Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
    process.arguments = ["--max-time", "20"] + arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CLI.Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
}
