import FazhiCore
import Fluent
import Foundation
import Testing
import Vapor
@testable import App

/// A large register import: parsed and validated off the request threads, written in one transaction many rows a
/// statement, every new document derived, and the portal answering meanwhile.
@Suite("Documents: bulk import")
struct DocumentBulkImportTests {
    static func register(rows: Int) -> Data {
        var text = "标题,制定机关,公布日期,施行日期,文号,统一登记号,起草单位,有效期,备案日期\n"
        for i in 0..<rows {
            let month = 1 + i % 12, day = 1 + i % 28
            let date = String(format: "2021-%02d-%02d", month, day)
            text += "凤凰县测试管理办法第\(i)号,凤凰县人民政府,\(date),\(date),凤测发〔2021〕\(i + 1)号,,凤凰县城市管理和综合执法局,5年,\n"
        }
        return Data(text.utf8)
    }

    @Test("2,000 rows land whole, numbered in date order and derived; the portal answers during the import")
    func largeImport() async throws {
        try await withTestApp(records: true) { t in
            let before = try await DocumentModel.query(on: t.db).count()
            let legal = try await t.signedIn("legal")
            _ = try await legal.get(SiteURL.documentImport.path)
            let file = Self.register(rows: 2_000)
            let done = Flag()
            let importing = Task {
                defer { done.set() }
                return try await sendMultipart(legal, path: SiteURL.documentImport.path, file: file, name: "register.csv", fields: [("mode", "import")])
            }
            var answeredDuring = 0
            let reader = t.browser()
            while true {
                let page = try await reader.get(SiteURL.publicDocuments.path)
                #expect(page.status == .ok)
                if done.isSet { break }
                answeredDuring += 1
                if answeredDuring > 10_000 { break }
            }
            let response = try await importing.value
            #expect(response.status == .ok, "\(response.text.prefix(400))")
            #expect(response.text.contains("已导入 2000 件"))
            #expect(answeredDuring >= 1, "the portal answered while the import ran")
            #expect(try await DocumentModel.query(on: t.db).count() == before + 2_000)
            // Numbered in date order, gapless, after any earlier 2021 registration; each one derived.
            let imported = try await DocumentModel.query(on: t.db).filter(\.$documentNumber ~~ "凤测发").sort(\.$registrationSequence).all()
            let sequences = imported.compactMap(\.registrationSequence)
            #expect(Set(sequences).count == 2_000)
            #expect(sequences.last! - sequences.first! == 1_999)
            for pair in zip(imported, imported.dropFirst()) { #expect(pair.0.publishedOn! <= pair.1.publishedOn!) }
            #expect(imported.allSatisfy { $0.validUntilOn != nil && $0.endsOn != nil && $0.filingDueOn != nil })
            // Searchable at once, and the audit chain holds.
            let search = try await reader.get(SiteURL.publicDocuments.path(query: [("q", "测试管理办法第1999号")]))
            #expect(search.text.contains("凤凰县测试管理办法第1999号"))
            #expect(try await AuditLog.verify(on: t.db).ok)
        }
    }

}

final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.lock(); value = true; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
}
