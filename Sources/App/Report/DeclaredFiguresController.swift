import FazhiCore
import Fluent
import Foundation
import Vapor

/// 申报数字: figures no module tracks, declared for a year by the legal office with their source. The report marks
/// them apart; a key the catalogue computes is refused (a declaration never overrides a computed figure).
enum DeclaredFiguresController {
    static func year(_ req: Request) -> Int {
        req.queryForm["year"].flatMap { $0.count == 4 ? Int($0) : nil }.flatMap { (2000...2100).contains($0) ? $0 : nil }
            ?? (req.fazhi.clock.today.year - 1)
    }

    static func list(_ req: Request) async throws -> Response {
        try await render(req, year: year(req), values: [:], errors: FieldErrors())
    }

    static func render(_ req: Request, year: Int, values: [String: String], errors: FieldErrors) async throws -> Response {
        let user = try req.requireUser()
        let figures = try await DeclaredFigureModel.query(on: req.db).filter(\.$year == year).sort(\.$key).all()
        let years = Set(try await DeclaredFigureModel.query(on: req.db).all().map(\.year)).union([year, req.fazhi.clock.today.year - 1]).sorted(by: >)
        let frame = try await req.frame("申报数字", crumbs: [Crumb("年度报告", .reports), Crumb("申报数字")], nav: "reports")
        return htmlResponse(ReportPages.declared(frame, year: year, years: years, figures: figures, canWrite: user.has(.writeAllRecords),
                                                 values: values, errors: errors),
                            status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    /// Adds a figure, or replaces the year's figure under the same key (both audited).
    static func save(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = req.form
        var errors = FieldErrors()
        let year = IntegerRule(label: "年度", range: 2000...2100).clean(form["year"], field: "year", into: &errors)
        guard let year else { return try await render(req, year: Self.year(req), values: form.flat, errors: errors) }
        let figure: DeclaredFigure
        switch DeclaredFigure.validate(year: year, key: form["key"], label: form["label"], kind: form["kind"], value: form["value"], unit: form["unit"],
                                       source: form["source"], asOf: form["asOf"], computedKeys: ReportFigures.computedKeys) {
        case .failure(let more): return try await render(req, year: year, values: form.flat, errors: more)
        case .success(let valid): figure = valid
        }
        let now = req.now
        let context = req.auditContext
        let name = user.displayName
        try await req.db.writeTransaction { tx in
            let existing = try await DeclaredFigureModel.query(on: tx).filter(\.$year == year).filter(\.$key == figure.key).first()
            let model = existing ?? DeclaredFigureModel()
            model.fill(from: figure, by: name, at: now)
            try await model.save(on: tx)
            try await AuditLog.append(AuditEvent(existing == nil ? "report.declared.added" : "report.declared.updated", subjectType: "declared_figure",
                                                 subjectID: model.id!.uuidString,
                                                 detail: "\(year) 年申报数字 \(figure.key)「\(figure.label)」= \(figure.value.display)\(figure.kind == .count ? figure.unit : "")，来源：\(figure.source)"),
                                      context: context, at: now, on: tx)
        }
        return req.redirect(to: SiteURL.reportDeclared.path(query: [("year", String(year)), ("done", "saved")]), redirectType: .normal)
    }

    static func delete(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("figureID", as: UUID.self), let model = try await DeclaredFigureModel.find(id, on: req.db) else {
            throw Abort(.notFound)
        }
        let now = req.now
        let context = req.auditContext
        try await req.db.writeTransaction { tx in
            try await model.delete(on: tx)
            try await AuditLog.append(AuditEvent("report.declared.deleted", subjectType: "declared_figure", subjectID: id.uuidString,
                                                 detail: "删除 \(model.year) 年申报数字 \(model.key)「\(model.label)」"), context: context, at: now, on: tx)
        }
        return req.redirect(to: SiteURL.reportDeclared.path(query: [("year", String(model.year)), ("done", "saved")]), redirectType: .normal)
    }

    static func export(_ format: SiteURL.ExportFormat) -> @Sendable (Request) async throws -> Response {
        { req in
            let year = year(req)
            let figures = try await DeclaredFigureModel.query(on: req.db).filter(\.$year == year).sort(\.$key).all()
            try await req.audit(AuditEvent("report.declared.exported", subjectType: "declared_figure", detail: "导出 \(year) 年申报数字 \(figures.count) 项（\(format.rawValue)）"))
            let table = ExportTable(title: "\(year)年申报数字", header: ["指标代码", "指标名称", "数值", "单位", "截至日期", "数据来源", "录入人"],
                                    rows: figures.map { model in
                                        [.text(model.key), .text(model.label), .text(model.figure?.value.display ?? String(model.numerator)), .text(model.unit),
                                         .optionalDate(LocalDate(iso: model.asOf)), .text(model.source), .text(model.enteredBy)]
                                    })
            return try table.response(format, filename: "\(year)年申报数字")
        }
    }
}
