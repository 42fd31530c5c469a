@testable import App
import FazhiCore
import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// docs/SECURITY.md item 13: after `kill -9` in the middle of a write loop, no acknowledged write is lost and
/// `PRAGMA integrity_check` says ok.
@Suite("Durability", .serialized)
struct DurabilityTests {
    @Test("kill -9 during a stream of logins loses no acknowledged session and leaves an intact database and chain",
          .enabled(if: CLITests.enabled))
    func killNine() async throws {
        let cli = try CLI(extra: ["FAZHI_COOKIE_SECURE": "false"])
        defer { cli.cleanUp() }
        let demo = try await cli.run(["demo"])
        let password = try #require(CLI.demoPassword("legal", in: demo.stdout))
        let port = Int.random(in: 50_000...59_000)
        let (server, _) = try cli.serve(port: port)
        try await waitForHealth(port: port)
        let base = "http://127.0.0.1:\(port)"
        let jar = (cli.directory as NSString).appendingPathComponent("jar.txt")
        let page = try await curl(["-s", "-c", jar, base + "/login"])
        let token = try #require(Browser.hiddenValue("_csrf", in: page.stdout))

        let acknowledged = NIOLockedValueBox<[String]>([])
        let stop = NIOLockedValueBox(false)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    while !stop.withLockedValue({ $0 }) {
                        let result = try await curl(["-s", "-o", "/dev/null", "-D", "-", "-b", jar,
                                               "--data-urlencode", "_csrf=\(token)", "--data-urlencode", "username=legal",
                                               "--data-urlencode", "password=\(password)", base + "/login"])
                        guard result.stdout.hasPrefix("HTTP/1.1 303") else { continue }
                        for line in result.stdout.split(separator: "\r\n") where line.lowercased().hasPrefix("set-cookie: fazhi_session=") {
                            let value = line.dropFirst("set-cookie: fazhi_session=".count).prefix { $0 != ";" }
                            acknowledged.withLockedValue { $0.append(String(value)) }
                        }
                    }
                }
            }
            group.addTask {
                try await Task.sleep(for: .seconds(3))
                kill(server.processIdentifier, SIGKILL)
                stop.withLockedValue { $0 = true }
            }
            // (The writers wait for curl off the cooperative pool, so this timer always gets to run.)
            try await group.waitForAll()
        }
        server.waitUntilExit()
        let tokens = acknowledged.withLockedValue { $0 }
        #expect(tokens.count >= 5, "the write loop produced too few acknowledged writes to mean anything")

        var settings = AppSettings(dataDirectory: cli.dataDirectory, bcryptCost: 4)
        settings.logLevel = "warning"
        try await Operations.withApp(settings, environment: "testing") { app in
            let row = try await app.db.sql.raw("PRAGMA integrity_check").first()
            #expect(try row?.decode(column: "integrity_check", as: String.self) == "ok")
            let ids = Set(try await SessionModel.query(on: app.db).all().compactMap(\.id))
            let lost = tokens.filter { !ids.contains(SessionStore.hash($0)) }
            #expect(lost.isEmpty, "\(lost.count) of \(tokens.count) acknowledged sessions were lost")
            let chain = try await AuditLog.verify(on: app.db)
            #expect(chain.ok, "\(chain.message)")
            let logins = try await AuditEntryModel.query(on: app.db).filter(\.$action == "auth.login.success").count()
            #expect(logins >= tokens.count)
        }
        // And the server starts again on the same file, accepting a session acknowledged before the kill.
        let (again, _) = try cli.serve(port: port + 1)
        defer { again.terminate() }
        try await waitForHealth(port: port + 1)
        let account = try await curl(["-s", "-H", "Cookie: fazhi_session=\(tokens.last!)", "http://127.0.0.1:\(port + 1)/account"])
        #expect(account.stdout.contains("张建华"))
    }
}
