import FazhiCore
import Fluent
import Foundation
import Vapor

/// /api/v1/reports: the published annual reports, each as it was frozen at finalization (text, every figure with
/// its value, cut-off and source, and the SHA-256 of the snapshot), for the provincial platforms that collect them.
enum ReportsAPI {
    struct SummaryDTO: Content {
        let id: UUID
        let year: Int
        let version: Int
        let title: String
        let state: String
        let publishedOn: LocalDate?
        let snapshotHash: String?
    }

    struct SectionDTO: Content {
        let key: String
        let label: String
        let heading: String?
        let text: String
    }

    struct FigureDTO: Content {
        let key: String
        let label: String
        let display: String
        let numerator: Int
        let denominator: Int?
        let asOf: LocalDate
        let source: String
    }

    struct ReportDTO: Content {
        let id: UUID
        let year: Int
        let version: Int
        let region: String
        let title: String
        let state: String
        let signatories: [String]
        let signedOn: LocalDate?
        let publishedOn: LocalDate?
        let snapshotHash: String
        let sections: [SectionDTO]
        let figures: [FigureDTO]
    }

    static func summary(_ report: ReportModel) -> SummaryDTO {
        SummaryDTO(id: report.id!, year: report.year, version: report.version, title: report.title, state: report.state,
                   publishedOn: report.publishedOn.flatMap(LocalDate.init(iso:)), snapshotHash: report.snapshotHash)
    }

    /// Published reports and the versions later ones superseded, newest year first.
    static func list(_ req: Request) async throws -> Response {
        let reports = try await ReportModel.query(on: req.db).filter(\.$publishedOn != nil)
            .filter(\.$state ~~ [ReportState.published.rawValue, ReportState.superseded.rawValue])
            .sort(\.$year, .descending).sort(\.$version, .descending).all()
        return try OrganisationAPI.json(OrganisationAPI.PageDTO(items: reports.map(summary), page: 1, per: max(reports.count, 1), total: reports.count))
    }

    static func show(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("reportID", as: UUID.self), let report = try await ReportModel.find(id, on: req.db),
              report.publishedOn != nil, report.reportState == .published || report.reportState == .superseded,
              let stored = report.snapshot, let hash = report.snapshotHash,
              let snapshot = try? ReportSnapshot(canonicalJSON: Data(stored.utf8)) else {
            throw Abort(.notFound, reason: "没有该报告（或尚未公布）。")
        }
        try ReportService.requireSeal(report)
        return try OrganisationAPI.json(ReportDTO(
            id: id, year: report.year, version: report.version, region: snapshot.region, title: snapshot.title, state: report.state,
            signatories: snapshot.signatories, signedOn: snapshot.date, publishedOn: report.publishedOn.flatMap(LocalDate.init(iso:)), snapshotHash: hash,
            sections: snapshot.sections.map { SectionDTO(key: $0.key.rawValue, label: $0.key.label, heading: $0.heading, text: $0.text) },
            figures: snapshot.figures.map { FigureDTO(key: $0.key, label: $0.label, display: $0.display, numerator: $0.numerator,
                                                      denominator: $0.denominator, asOf: $0.asOf, source: $0.source.rawValue) }))
    }
}
