@testable import App
import FazhiCore
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// docs/SECURITY.md item 11: every sign-in, failure, change is an entry; entries are hash-chained; the
/// database refuses UPDATE and DELETE; verification names the first altered entry.
@Suite("Audit trail")
struct AuditTrailTests {
    @Test("Entries carry time, user, unit, action, subject, outcome, request id and source address; the chain verifies")
    func entriesAndChain() async throws {
        try await withTestApp { t in
            let browser = try await t.signedIn("legal")
            try await browser.get(SiteURL.home.path)
            let entry = try #require(try await AuditEntryModel.query(on: t.db).filter(\.$action == "auth.login.success").first())
            #expect(entry.username == "legal")
            #expect(!entry.userID.isEmpty)
            #expect(!entry.unitID.isEmpty)
            #expect(!entry.requestID.isEmpty)
            #expect(!entry.sourceAddress.isEmpty)
            #expect(entry.outcome == "success")
            #expect(entry.occurredAtMillis == Int64(t.clock.now.timeIntervalSince1970 * 1000))
            let result = try await AuditLog.verify(on: t.db)
            #expect(result.ok)
            #expect(result.entries >= 2)
        }
    }

    @Test("The database refuses UPDATE and DELETE on audit entries")
    func appendOnly() async throws {
        try await withTestApp { t in
            let sql = t.db.sql
            await #expect(throws: (any Error).self) {
                try await sql.raw("UPDATE audit_entries SET detail = 'changed'").run()
            }
            await #expect(throws: (any Error).self) {
                try await sql.raw("DELETE FROM audit_entries").run()
            }
            if sql.dialect.name != "sqlite" {
                await #expect(throws: (any Error).self) {
                    try await sql.raw("TRUNCATE audit_entries").run()
                }
            }
            let intact = try await AuditLog.verify(on: t.db)
            #expect(intact.ok)
        }
    }

    @Test("Verification names the first altered, removed or truncated entry")
    func tamperDetection() async throws {
        try await withTestApp { t in
            for username in ["legal", "staff", "leader"] { _ = try await t.signedIn(username) }
            let total = try await AuditEntryModel.query(on: t.db).count()
            #expect(total >= 4)
            let sql = t.db.sql
            // An attacker with database access drops the guard first.
            if sql.dialect.name == "sqlite" {
                try await sql.raw("DROP TRIGGER audit_entries_no_update").run()
                try await sql.raw("DROP TRIGGER audit_entries_no_delete").run()
            } else {
                try await sql.raw("DROP TRIGGER audit_entries_no_change ON audit_entries").run()
            }
            try await sql.raw("UPDATE audit_entries SET detail = 'nothing happened' WHERE seq = 3").run()
            let altered = try await AuditLog.verify(on: t.db)
            #expect(altered.firstBreak == .contentAltered(sequence: 3))
            #expect(altered.message.contains("第 3 条"))

            // Restore the text but delete an entry in the middle: the gap is named.
            try await sql.raw("DELETE FROM audit_entries WHERE seq = 3").run()
            let removed = try await AuditLog.verify(on: t.db)
            #expect(removed.firstBreak == .gap(after: 2, found: 4))

            // Only the tail cut off: the head row disagrees.
            try await withTestApp { fresh in
                _ = try await fresh.signedIn("legal")
                let freshSQL = fresh.db.sql
                if freshSQL.dialect.name == "sqlite" {
                    try await freshSQL.raw("DROP TRIGGER audit_entries_no_delete").run()
                } else {
                    try await freshSQL.raw("DROP TRIGGER audit_entries_no_change ON audit_entries").run()
                }
                let last = try #require(try await AuditEntryModel.query(on: fresh.db).sort(\.$id, .descending).first()?.id)
                try await freshSQL.raw("DELETE FROM audit_entries WHERE seq = \(bind: last)").run()
                let cut = try await AuditLog.verify(on: fresh.db)
                #expect(!cut.ok)
                #expect(cut.headMismatch != nil)
            }
        }
    }

    @Test("Concurrent writers keep one unbroken chain")
    func concurrentAppends() async throws {
        try await withTestApp(demo: false) { t in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        try await AuditLog.record(AuditEvent("test.concurrent", subjectID: String(index)),
                                                  context: AuditContext(username: "test"), at: t.clock.now, on: t.db)
                    }
                }
                try await group.waitForAll()
            }
            let result = try await AuditLog.verify(on: t.db)
            #expect(result.ok)
            #expect(try await AuditEntryModel.query(on: t.db).filter(\.$action == "test.concurrent").count() == 40)
        }
    }

    @Test("The audit page filters entries and the verify page reports the chain")
    func pages() async throws {
        try await withTestApp { t in
            let browser = t.browser()
            try await browser.get(SiteURL.login.path)
            try await browser.post(SiteURL.login.path, [("username", "staff"), ("password", "wrong password!!")])
            let legal = try await t.signedIn("legal")
            let failures = try await legal.get(SiteURL.audit.path(query: [("category", "auth."), ("outcome", "failure")]))
            #expect(failures.status == .ok)
            #expect(failures.text.contains("登录失败"))
            #expect(!failures.text.contains("登录成功"))
            let byUser = try await legal.get(SiteURL.audit.path(query: [("user", "staff")]))
            #expect(byUser.text.contains("staff"))
            let verify = try await legal.get(SiteURL.auditVerify.path)
            #expect(verify.text.contains("审计链完整"))
            let csv = try await legal.get(SiteURL.auditExport.path(query: [("user", "staff")]))
            #expect(csv.headers.first(name: .contentType)?.hasPrefix("text/csv") == true)
            #expect(Array(csv.body.readableBytesView.prefix(3)) == CSV.byteOrderMark)
            #expect(csv.text.contains("登录失败"))
            #expect(!csv.text.contains(",legal,"))
            #expect(try await AuditEntryModel.query(on: t.db).filter(\.$action == "system.audit.exported").count() == 1)
            let entry = try await legal.get(SiteURL.auditEntry(.value(1)).path)
            #expect(entry.status == .ok)
            #expect(entry.text.contains("system.demo.loaded"))
        }
    }

    @Test("Every audit action written anywhere in the app has a Chinese name on the audit pages")
    func everyActionLabelled() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/App")
        let files = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)).compactMap { $0 as? URL }
            .filter { $0.pathExtension == "swift" }
        let patterns = [#"AuditEvent\(\s*"([a-z.\-]+)""#, #"action: "([a-z.\-]+)""#, #"AuditEvent\(\w+ == nil \? "([a-z.\-]+)" : "([a-z.\-]+)""#]
        var actions = Set<String>()
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for pattern in patterns {
                let regex = try NSRegularExpression(pattern: pattern)
                for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    for group in 1..<match.numberOfRanges {
                        if let range = Range(match.range(at: group), in: text) { actions.insert(String(text[range])) }
                    }
                }
            }
        }
        #expect(actions.count > 60)
        for action in actions.sorted() {
            #expect(AuditActions.label(action) != action, "no label for \(action)")
        }
        #expect(AuditActions.label("workflow.contract.file") == "政府合同：备案")
        #expect(AuditActions.label("documents.change.repealed").hasPrefix("录入规范性文件变动"))
    }
}
