import FazhiCore
import Fluent
import Foundation
import Vapor

/// /api/v1/documents and /api/v1/statistics: published documents with their derived status, and the
/// statistics catalogue's figures for a year (the same JSON as `fazhi report --format json`).
enum DocumentsAPI {
    struct DocumentDTO: Content {
        let id: UUID
        let title: String
        let documentNumber: String?
        let registrationNumber: String?
        let issuer: String
        let issuerKind: String?
        let publishedOn: LocalDate?
        let effectiveOn: LocalDate?
        let validUntil: LocalDate?
        let status: String?
        let statusLabel: String?
        let filedOn: LocalDate?
        let republication: Bool
    }

    static func dto(_ row: DocumentRow) -> DocumentDTO {
        DocumentDTO(id: row.id, title: row.title, documentNumber: row.documentNumber, registrationNumber: row.registrationNumber,
                    issuer: row.issuerName, issuerKind: row.issuerKind?.rawValue, publishedOn: row.publishedOn, effectiveOn: row.effectiveOn,
                    validUntil: row.validUntil, status: row.status?.rawValue, statusLabel: row.status?.label, filedOn: row.filedOn,
                    republication: row.isRepublication)
    }

    static func list(_ req: Request) async throws -> Response {
        let form = req.queryForm
        let (page, per) = try OrganisationAPI.pageParameters(form)
        var filter = DocumentFilter(form)
        filter.state = nil
        if let raw = form["status"], !raw.isEmpty, DocumentFilter.StatusFilter(rawValue: raw) == nil {
            throw FieldErrors("status", "status 应为 in_force 或 not_in_force。")
        }
        if filter.status == .unpublished { filter.status = nil }
        let result = try await filter.page(for: nil, publicOnly: true, today: req.fazhi.clock.today, offset: (page - 1) * per, limit: per, on: req.db)
        return try OrganisationAPI.json(OrganisationAPI.PageDTO(items: result.rows.map(dto), page: page, per: per, total: result.total))
    }

    static func show(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("documentID", as: UUID.self) else { throw Abort(.notFound, reason: "没有该文件。") }
        var filter = DocumentFilter()
        filter.id = id
        let rows = try await filter.page(for: nil, publicOnly: true, today: req.fazhi.clock.today, offset: 0, limit: 1, on: req.db).rows
        guard let row = rows.first else { throw Abort(.notFound, reason: "没有该文件（或尚未公布）。") }
        return try OrganisationAPI.json(dto(row))
    }

    static func statistics(_ req: Request) async throws -> Response {
        var errors = FieldErrors()
        let year = IntegerRule(label: "year", range: 2000...2100).clean(req.queryForm["year"], field: "year", into: &errors)
        try errors.throwIfAny()
        let data = try await StatisticsCatalogue.json(year: year!, on: req.db)
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = .json
        return response
    }
}
