import FazhiCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// A document as lists show it: the record, its issuer, and what is derived from it today.
struct DocumentRow: Sendable {
    let id: UUID
    let title: String
    let documentNumber: String?
    let registrationNumber: String?
    let issuerName: String
    let issuerKind: UnitKind?
    let draftingUnitName: String
    let state: DocumentState
    let publishedOn: LocalDate?
    let effectiveOn: LocalDate?
    let validUntil: LocalDate?
    let status: LegalStatus?
    let filedOn: LocalDate?
    let isRepublication: Bool
}

/// The filters of the register, the public catalogue, the exports and the API, applied in one place.
struct DocumentFilter: Sendable {
    enum StatusFilter: String, CaseIterable, Sendable {
        case inForce = "in_force"
        case notInForce = "not_in_force"
        case unpublished

        var label: String {
            switch self {
            case .inForce: "现行有效"
            case .notInForce: "已失效（废止、失效、到期、被替代）"
            case .unpublished: "未公布（办理中）"
            }
        }
    }

    var query: String = ""
    var issuerID: UUID?
    var year: Int?
    var state: DocumentState?
    var status: StatusFilter?
    /// One document only (the API's document endpoint reads it by id, not by loading the catalogue).
    var id: UUID?

    init() {}

    init(_ form: FormBody) {
        query = String((form["q"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(100))
        issuerID = form["issuer"].flatMap(UUID.init(uuidString:))
        year = form["year"].flatMap { $0.count == 4 ? Int($0) : nil }.flatMap { (1949...2100).contains($0) ? $0 : nil }
        state = DocumentState(rawValue: form["state"] ?? "")
        status = StatusFilter(rawValue: form["status"] ?? "")
    }

    var pairs: [(String, String)] {
        [("q", query), ("issuer", issuerID?.uuidString ?? ""), ("year", year.map(String.init) ?? ""),
         ("state", state?.rawValue ?? ""), ("status", status?.rawValue ?? "")]
    }

    /// The rows an actor may see (record level: unit staff see their own unit's documents), newest first (drafts last), a page
    /// at a time, with the number of all matching rows. Filtering, access, status, order and paging happen in SQL
    /// against the stored derived dates, so a page costs the same at 70,000 documents as at 700.
    /// `publicOnly` keeps published documents only, for the portal.
    func page(for actor: Actor?, publicOnly: Bool, today: LocalDate, offset: Int, limit: Int,
              on db: any Database) async throws -> (rows: [DocumentRow], total: Int) {
        let condition = whereClause(for: actor, publicOnly: publicOnly, today: today, on: db)
        struct Count: Decodable { let n: Int }
        let total = try await db.sql.raw("SELECT COUNT(*) AS n FROM documents d WHERE " + condition).first(decoding: Count.self)?.n ?? 0
        guard total > offset, limit > 0 else { return ([], total) }
        return (try await select(condition, today: today, limit: limit, offset: offset, on: db), total)
    }

    /// Every matching row (exports), in the register's order.
    func rows(for actor: Actor?, publicOnly: Bool, today: LocalDate, on db: any Database) async throws -> [DocumentRow] {
        try await select(whereClause(for: actor, publicOnly: publicOnly, today: today, on: db), today: today, limit: nil, offset: 0, on: db)
    }

    private struct Row: Decodable {
        let id: UUID
        let title: String
        let document_number: String?
        let registration_number: String?
        let issuer_name: String
        let issuer_kind: String
        let drafting_name: String
        let state: String
        let published_on: String?
        let effective_on: String?
        let valid_until: String?
        let ends_on: String?
        let ending_status: String?
        let amended_on: String?
        let filed_on: String?
        let predecessor_id: UUID?
    }

    private func select(_ condition: SQLQueryString, today: LocalDate, limit: Int?, offset: Int, on db: any Database) async throws -> [DocumentRow] {
        // Newest publication first, then registration number: the order of the index documents_published_order, so
        // a page is read by walking the index and stops after its rows. Unpublished drafts (no date) come last, as
        // SQLite orders NULL under DESC; PostgreSQL is told so.
        let postgres = db.sql.dialect.name != "sqlite"
        let nullsLast: SQLQueryString = postgres ? " NULLS LAST" : ""
        let binary: SQLQueryString = postgres ? " COLLATE \"C\"" : ""
        var query: SQLQueryString = """
            SELECT d.id, d.title, d.document_number, d.registration_number, i.name AS issuer_name, i.kind AS issuer_kind,
            dr.name AS drafting_name, d.state, d.published_on, d.effective_on, d.valid_until, d.ends_on, d.ending_status, d.amended_on,
            d.filed_on, d.predecessor_id
            FROM documents d JOIN units i ON i.id = d.issuing_unit_id JOIN units dr ON dr.id = d.drafting_unit_id WHERE
            """
        query = query + " " + condition + " ORDER BY d.published_on DESC" + nullsLast + ", d.registration_number" + binary + " DESC" + nullsLast
            + ", d.title" + binary + " DESC, d.id DESC"
        if let limit { query = query + " LIMIT \(unsafeRaw: String(limit)) OFFSET \(unsafeRaw: String(offset))" }
        return try await db.sql.raw(query).all(decoding: Row.self).map { row in
            let effective = row.effective_on.flatMap(LocalDate.init(iso:))
            let dates = DocumentDerivedDates(validUntil: row.valid_until.flatMap(LocalDate.init(iso:)), endsOn: row.ends_on.flatMap(LocalDate.init(iso:)),
                                             endingStatus: row.ending_status.flatMap(LegalStatus.init(rawValue:)),
                                             amendedOn: row.amended_on.flatMap(LocalDate.init(iso:)), filingDue: nil)
            return DocumentRow(
                id: row.id, title: row.title, documentNumber: row.document_number, registrationNumber: row.registration_number,
                issuerName: row.issuer_name, issuerKind: UnitKind(rawValue: row.issuer_kind), draftingUnitName: row.drafting_name,
                state: DocumentState(rawValue: row.state) ?? .draft, publishedOn: row.published_on.flatMap(LocalDate.init(iso:)),
                effectiveOn: effective, validUntil: dates.validUntil,
                status: dates.status(on: today, published: row.published_on != nil, effective: effective),
                filedOn: row.filed_on.flatMap(LocalDate.init(iso:)), isRepublication: row.predecessor_id != nil)
        }
    }

    /// The filters as one SQL condition on `documents d`; the status branches mirror `DocumentDerivedDates.status`.
    private func whereClause(for actor: Actor?, publicOnly: Bool, today: LocalDate, on db: any Database) -> SQLQueryString {
        let day = today.description
        var parts: [SQLQueryString] = ["1 = 1"]
        if publicOnly { parts.append("d.published_on IS NOT NULL") }
        if let id { parts.append("d.id = \(bind: id)") }
        if let issuerID { parts.append("d.issuing_unit_id = \(bind: issuerID)") }
        if let year { parts.append("d.published_on >= \(bind: "\(year)-01-01") AND d.published_on <= \(bind: "\(year)-12-31")") }
        if let state { parts.append("d.state = \(bind: state.rawValue)") }
        if let search = DocumentService.searchCondition(query, on: db) { parts.append(search) }
        if let actor, !publicOnly {
            switch actor.readScope {
            case .all: break
            case .unit(let unit): parts.append("d.drafting_unit_id = \(bind: unit)")
            case .none: parts.append("1 = 0")
            }
        }
        switch status {
        case .inForce?:
            parts.append("d.published_on IS NOT NULL AND (d.ends_on IS NULL OR d.ends_on > \(bind: day)) AND d.effective_on IS NOT NULL AND d.effective_on <= \(bind: day)")
        case .notInForce?: parts.append("d.published_on IS NOT NULL AND d.ends_on IS NOT NULL AND d.ends_on <= \(bind: day)")
        case .unpublished?: parts.append("d.published_on IS NULL")
        case nil: break
        }
        return parts.dropFirst().reduce(parts[0]) { $0 + " AND " + $1 }
    }

    /// The units that issue documents (county government, its office, departments), for the issuer filter.
    static func issuers(on db: any Database) async throws -> [UnitModel] {
        try await UnitModel.query(on: db)
            .filter(\.$kind ~~ [UnitKind.countyGovernment.rawValue, UnitKind.governmentOffice.rawValue, UnitKind.department.rawValue,
                                UnitKind.township.rawValue])
            .sort(\.$kind).sort(\.$name).all()
    }
}
