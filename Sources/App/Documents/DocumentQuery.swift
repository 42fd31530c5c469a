import FazhiCore
import Fluent
import Foundation
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

    /// The rows an actor may see (record level: unit staff see their own unit's documents), newest first.
    /// `publicOnly` keeps published documents only, for the portal.
    func rows(for actor: Actor?, publicOnly: Bool, today: LocalDate, rules: DocumentRules, on db: any Database) async throws -> [DocumentRow] {
        var builder = DocumentModel.query(on: db).with(\.$issuingUnit).with(\.$draftingUnit)
        if publicOnly { builder = builder.filter(\.$publishedOn != nil) }
        if let id { builder = builder.filter(\.$id == id) }
        if let issuerID { builder = builder.filter(\.$issuingUnit.$id == issuerID) }
        if let year {
            builder = builder.filter(\.$publishedOn >= "\(year)-01-01").filter(\.$publishedOn <= "\(year)-12-31")
        }
        if let state { builder = builder.filter(\.$state == state.rawValue) }
        if let ids = try await DocumentService.search(query, on: db) {
            if ids.isEmpty { return [] }
            builder = builder.filter(\.$id ~~ ids)
        }
        var models = try await builder.all()
        if let actor, !publicOnly {
            models = models.filter { actor.canRead(recordOf: $0.ownerUnitID) }
        }
        let changes = try await DocumentService.changes(of: models.compactMap(\.id), on: db)
        var rows: [DocumentRow] = models.map { model in
            let status = DocumentService.legalStatus(model, changes: changes[model.id!] ?? [], on: today, rules: rules)
            return DocumentRow(
                id: model.id!, title: model.title, documentNumber: model.documentNumber, registrationNumber: model.registrationNumber,
                issuerName: model.issuingUnit.name, issuerKind: UnitKind(rawValue: model.issuingUnit.kind),
                draftingUnitName: model.draftingUnit.name, state: model.documentState, publishedOn: model.published,
                effectiveOn: model.effective, validUntil: DocumentService.validUntil(model, rules: rules), status: status,
                filedOn: model.filed, isRepublication: model.predecessorID != nil)
        }
        switch status {
        case .inForce?: rows = rows.filter { $0.status?.isInForce == true }
        case .notInForce?: rows = rows.filter { $0.status != nil && $0.status?.isInForce == false && $0.status != .notYetEffective }
        case .unpublished?: rows = rows.filter { $0.publishedOn == nil }
        case nil: break
        }
        rows.sort { lhs, rhs in
            switch (lhs.publishedOn, rhs.publishedOn) {
            case let (l?, r?) where l != r: return l > r
            case (nil, _?): return true
            case (_?, nil): return false
            default: return (lhs.registrationNumber ?? lhs.title) > (rhs.registrationNumber ?? rhs.title)
            }
        }
        return rows
    }

    /// The units that issue documents (county government, its office, departments), for the issuer filter.
    static func issuers(on db: any Database) async throws -> [UnitModel] {
        try await UnitModel.query(on: db)
            .filter(\.$kind ~~ [UnitKind.countyGovernment.rawValue, UnitKind.governmentOffice.rawValue, UnitKind.department.rawValue,
                                UnitKind.township.rawValue])
            .sort(\.$kind).sort(\.$name).all()
    }
}
