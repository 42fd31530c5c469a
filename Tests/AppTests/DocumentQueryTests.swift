import FazhiCore
import Fluent
import Foundation
import Testing
import Vapor
@testable import App

/// The register's SQL query (filters, record access, status from the stored dates, order, paging) gives exactly
/// what deriving every document in memory gives.
@Suite("Documents: the register query in SQL")
struct DocumentQueryTests {
    /// The register as it was computed before the query moved to SQL: every document loaded, derived, filtered, sorted.
    static func expected(_ filter: DocumentFilter, actor: Actor?, publicOnly: Bool, today: LocalDate, on db: any Database) async throws -> [(UUID, LegalStatus?)] {
        let rules = try await DocumentService.rules(on: db)
        let models = try await DocumentModel.query(on: db).all()
        let changes = try await DocumentService.changes(of: models.compactMap(\.id), on: db)
        var rows: [(model: DocumentModel, status: LegalStatus?)] = models.map { ($0, DocumentService.legalStatus($0, changes: changes[$0.id!] ?? [], on: today, rules: rules)) }
        rows = rows.filter { row in
            let m = row.model
            if publicOnly && m.publishedOn == nil { return false }
            if let actor, !publicOnly, !actor.canRead(recordOf: m.ownerUnitID) { return false }
            if let issuer = filter.issuerID, m.$issuingUnit.id != issuer { return false }
            if let year = filter.year, m.published?.year != year { return false }
            if let state = filter.state, m.state != state.rawValue { return false }
            if !filter.query.isEmpty, !(m.title.contains(filter.query) || (m.documentNumber ?? "").contains(filter.query) || m.body.contains(filter.query)) { return false }
            switch filter.status {
            case .inForce?: return row.status?.isInForce == true
            case .notInForce?: return row.status != nil && row.status?.isInForce == false && row.status != .notYetEffective
            case .unpublished?: return m.publishedOn == nil
            case nil: return true
            }
        }
        // Newest publication first, drafts last; then registration number, title and id, each descending (byte order).
        func bytes(_ text: String?) -> [UInt8]? { text.map { Array($0.utf8) } }
        func descending(_ l: [UInt8]?, _ r: [UInt8]?) -> Bool? {
            switch (l, r) {
            case let (l?, r?) where l != r: return r.lexicographicallyPrecedes(l)
            case (_?, nil): return true
            case (nil, _?): return false
            default: return nil
            }
        }
        rows.sort { lhs, rhs in
            let l = lhs.model, r = rhs.model
            return descending(bytes(l.publishedOn), bytes(r.publishedOn))
                ?? descending(bytes(l.registrationNumber), bytes(r.registrationNumber))
                ?? descending(bytes(l.title), bytes(r.title))
                ?? descending(bytes(l.id!.uuidString), bytes(r.id!.uuidString)) ?? false
        }
        return rows.map { ($0.model.id!, $0.status) }
    }

    @Test("Every filter, for the legal office, a unit's staff and the public, on several days")
    func sqlEqualsInMemory() async throws {
        try await withTestApp(records: true) { t in
            let issuers = try await DocumentFilter.issuers(on: t.db)
            let staffUnit = try #require(try await DocumentModel.query(on: t.db).first()).$draftingUnit.id
            let actors: [(Actor?, Bool)] = [
                (Actor(userID: nil, username: "legal", unitID: nil, roles: [.legalOffice]), false),
                (Actor(userID: nil, username: "staff", unitID: staffUnit, roles: [.unitStaff]), false),
                (nil, true),
            ]
            var filters: [DocumentFilter] = [DocumentFilter()]
            for status in DocumentFilter.StatusFilter.allCases { var f = DocumentFilter(); f.status = status; filters.append(f) }
            for year in [2016, 2020, 2024] { var f = DocumentFilter(); f.year = year; f.status = .inForce; filters.append(f) }
            for issuer in issuers.prefix(3) { var f = DocumentFilter(); f.issuerID = issuer.id; filters.append(f) }
            for q in ["管理", "管理办法", "实施意见", "凤政发"] { var f = DocumentFilter(); f.query = q; filters.append(f) }
            var filed = DocumentFilter(); filed.state = .filed; filters.append(filed)
            for day in ["2018-01-01", "2020-12-31", "2025-11-25", "2030-06-01"].compactMap(LocalDate.init(iso:)) {
                for (actor, publicOnly) in actors {
                    for filter in filters {
                        let expected = try await Self.expected(filter, actor: actor, publicOnly: publicOnly, today: day, on: t.db)
                        let all = try await filter.rows(for: actor, publicOnly: publicOnly, today: day, on: t.db)
                        #expect(all.map(\.id) == expected.map(\.0), "\(filter.pairs) \(actor?.username ?? "public") \(day)")
                        #expect(all.map(\.status) == expected.map(\.1))
                        let page = try await filter.page(for: actor, publicOnly: publicOnly, today: day, offset: 20, limit: 20, on: t.db)
                        #expect(page.total == expected.count)
                        #expect(page.rows.map(\.id) == Array(expected.dropFirst(20).prefix(20)).map(\.0))
                    }
                }
            }
        }
    }
}
