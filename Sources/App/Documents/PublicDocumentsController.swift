import FazhiCore
import Fluent
import Foundation
import Vapor

/// The public portal's 现行有效规范性文件目录 and published cleanup results (no login). Only published
/// documents exist here; the catalogue lists those in force today.
enum PublicDocumentsController {
    static func catalogue(_ req: Request) async throws -> Response {
        let form = req.queryForm
        var filter = DocumentFilter(form)
        filter.state = nil
        if filter.status == nil || filter.status == .unpublished { filter.status = .inForce }
        let requested = PageInfo.requested(form, per: 20)
        var result = try await filter.page(for: nil, publicOnly: true, today: req.fazhi.clock.today, offset: requested.offset, limit: requested.per, on: req.db)
        let page = PageInfo.from(form, total: result.total, per: 20)
        if page.page != requested.page {
            result = try await filter.page(for: nil, publicOnly: true, today: req.fazhi.clock.today, offset: page.offset, limit: page.per, on: req.db)
        }
        let frame = try await req.frame("现行有效规范性文件目录", crumbs: [Crumb("现行有效规范性文件目录")])
        return htmlResponse(PublicDocumentPages.catalogue(frame, rows: result.rows, page: page,
                                                          filter: filter, issuers: try await DocumentFilter.issuers(on: req.db),
                                                          today: req.fazhi.clock.today))
    }

    static func export(_ format: SiteURL.ExportFormat) -> @Sendable (Request) async throws -> Response {
        { req in
            var filter = DocumentFilter(req.queryForm)
            filter.state = nil
            if filter.status == nil || filter.status == .unpublished { filter.status = .inForce }
            let rows = try await filter.rows(for: nil, publicOnly: true, today: req.fazhi.clock.today, on: req.db)
            try await req.audit(AuditEvent("documents.public.exported", subjectType: "document", detail: "公众导出规范性文件目录 \(rows.count) 件（\(format.rawValue)）"))
            return try PublicDocumentPages.exportTable(rows).response(format, filename: "现行有效规范性文件目录")
        }
    }

    static func loadPublished(_ req: Request) async throws -> DocumentModel {
        guard let id = req.parameters.get("documentID", as: UUID.self),
              let document = try await DocumentModel.query(on: req.db).filter(\.$id == id).filter(\.$publishedOn != nil)
                .with(\.$issuingUnit).first() else {
            throw Abort(.notFound)
        }
        return document
    }

    static func show(_ req: Request) async throws -> Response {
        let document = try await loadPublished(req)
        let id = document.id!
        let rules = try await DocumentService.rules(on: req.db)
        let today = req.fazhi.clock.today
        let changes = try await DocumentService.changes(of: id, on: req.db).compactMap(\.change)
        let attachments = try await Attachments.list("document", id, publicOnly: true, on: req.db)
        let relatedIDs = Set(changes.compactMap(\.linkedDocumentID) + [document.predecessorID].compactMap { $0 })
        var related: [UUID: DocumentModel] = [:]
        if !relatedIDs.isEmpty {
            for model in try await DocumentModel.query(on: req.db).filter(\.$id ~~ Array(relatedIDs)).filter(\.$publishedOn != nil).all() {
                related[model.id!] = model
            }
        }
        let successors = try await DocumentModel.query(on: req.db).filter(\.$predecessorID == id).filter(\.$publishedOn != nil).all()
        let validUntil = DocumentService.validUntil(document, rules: rules)
        let onDate = req.queryForm["on"].flatMap(LocalDate.init(iso:))
        let frame = try await req.frame(document.title, crumbs: [Crumb("现行有效规范性文件目录", .publicDocuments), Crumb(document.documentNumber ?? document.registrationNumber ?? "文件")])
        return htmlResponse(PublicDocumentPages.show(
            frame, document: document, status: DocumentService.legalStatus(document, changes: changes, on: today, rules: rules),
            validUntil: validUntil, timeline: DocumentStatusTimeline.timeline(published: document.published, effective: document.effective,
                                                                              validUntil: validUntil, changes: changes),
            related: related, successors: successors, attachments: attachments,
            statusOn: onDate.map { ($0, DocumentService.legalStatus(document, changes: changes, on: $0, rules: rules)) }, rules: rules))
    }

    static func attachment(_ req: Request) async throws -> Response {
        let document = try await loadPublished(req)
        return try await Attachments.download(req, subjectType: "document", subjectID: document.id!, publicOnly: true)
    }

    // MARK: Cleanup results

    static func cleanups(_ req: Request) async throws -> Response {
        let campaigns = try await CleanupCampaignModel.query(on: req.db).filter(\.$state == CleanupController.CampaignState.published.rawValue)
            .sort(\.$decisionDate, .descending).all()
        var tallies: [UUID: CampaignTally] = [:]
        for campaign in campaigns { tallies[campaign.id!] = try await CleanupController.tally(campaign.id!, on: req.db) }
        let frame = try await req.frame("规范性文件清理结果", crumbs: [Crumb("规范性文件清理结果")])
        return htmlResponse(PublicDocumentPages.cleanups(frame, campaigns: campaigns, tallies: tallies))
    }

    static func cleanup(_ req: Request) async throws -> Response {
        let campaign = try await CleanupController.load(req)
        guard campaign.state == CleanupController.CampaignState.published.rawValue else { throw Abort(.notFound) }
        let entries = try await CleanupController.entries(campaign.id!, on: req.db)
        let frame = try await req.frame(campaign.title, crumbs: [Crumb("规范性文件清理结果", .publicCleanups), Crumb(campaign.title)])
        return htmlResponse(PublicDocumentPages.cleanup(frame, campaign: campaign, entries: entries,
                                                        tally: try await CleanupController.tally(campaign.id!, on: req.db)))
    }
}
