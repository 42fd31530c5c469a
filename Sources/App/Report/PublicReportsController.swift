import FazhiCore
import Fluent
import Foundation
import Vapor

/// The published annual reports on the public portal (法治政府建设与责任落实督察工作规定 2019: public before 1 April).
enum PublicReportsController {
    static func list(_ req: Request) async throws -> Response {
        let reports = try await ReportModel.query(on: req.db).filter(\.$state == ReportState.published.rawValue)
            .sort(\.$year, .descending).all()
        let frame = try await req.frame("法治政府建设年度报告", crumbs: [Crumb("年度报告")])
        return htmlResponse(ReportPages.publicList(frame, reports: reports))
    }

    /// A published report, or one a later version superseded (still reachable, with a pointer to the new one).
    static func load(_ req: Request) async throws -> ReportModel {
        guard let id = req.parameters.get("reportID", as: UUID.self), let report = try await ReportModel.find(id, on: req.db),
              report.publishedOn != nil, report.reportState == .published || report.reportState == .superseded else { throw Abort(.notFound) }
        try ReportService.requireSeal(report)
        return report
    }

    static func show(_ req: Request) async throws -> Response {
        let report = try await load(req)
        let content = try await ReportService.content(report, on: req.db)
        guard let rendered = try? content.rendered() else { throw Abort(.internalServerError) }
        let newer = report.reportState == .superseded
            ? try await ReportModel.query(on: req.db).filter(\.$year == report.year).filter(\.$state == ReportState.published.rawValue).first()
            : nil
        let frame = try await req.frame(report.title, crumbs: [Crumb("年度报告", .publicReports), Crumb("\(report.year) 年度")])
        return htmlResponse(ReportPages.publicReport(frame, report: report, rendered: rendered, figures: content.figures, newer: newer))
    }

    static func docx(_ req: Request) async throws -> Response {
        try await ReportsController.docxResponse(req, report: try await load(req))
    }
}
