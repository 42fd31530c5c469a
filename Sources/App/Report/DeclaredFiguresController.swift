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

    static func render(_ req: Request, year: Int, values: [String: String], errors: FieldErrors, importReport: ImportReport? = nil,
                       status: HTTPResponseStatus? = nil) async throws -> Response {
        let user = try req.requireUser()
        let figures = try await DeclaredFigureModel.query(on: req.db).filter(\.$year == year).sort(\.$key).all()
        let years = Set(try await DeclaredFigureModel.query(on: req.db).all().map(\.year)).union([year, req.fazhi.clock.today.year - 1]).sorted(by: >)
        let frame = try await req.frame("申报数字", crumbs: [Crumb("年度报告", .reports), Crumb("申报数字")], nav: "reports")
        return htmlResponse(ReportPages.declared(frame, year: year, years: years, figures: figures, canWrite: user.has(.writeAllRecords),
                                                 values: values, errors: errors, importReport: importReport),
                            status: status ?? (errors.isEmpty ? .ok : .unprocessableEntity))
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

    /// What an upload found: the problems (nothing imported), or the figures checked or imported.
    struct ImportReport: Sendable {
        let encoding: String
        let problems: [String]
        let figures: [DeclaredFigure]
        let imported: Bool
    }

    /// A year's figures from a CSV or XLSX sheet with the export's columns: checked whole, then (mode=import) each
    /// added or replaced in one transaction, audited; one bad cell and nothing lands.
    static func importFile(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        struct Upload: Decodable { var file: File?; var mode: String?; var year: String? }
        let upload = try? req.content.decode(Upload.self, as: .formData)
        var errors = FieldErrors()
        guard let year = IntegerRule(label: "年度", range: 2000...2100).clean(upload?.year, field: "year", into: &errors) else {
            return try await render(req, year: Self.year(req), values: [:], errors: errors)
        }
        guard let file = upload?.file, file.data.readableBytes > 0 else {
            return try await render(req, year: year, values: [:], errors: FieldErrors("file", "请选择要导入的 CSV 或 XLSX 文件。"))
        }
        let table: SheetTable
        let encoding: String
        do { (table, encoding) = try UploadedSheet.table(Array(file.data.readableBytesView)) } catch let failure as Operations.Failure {
            return try await render(req, year: year, values: [:], errors: FieldErrors("file", failure.message))
        }
        switch DeclaredFigureImport.validate(table, year: year, computedKeys: ReportFigures.computedKeys) {
        case .failure(let problems):
            return try await render(req, year: year, values: [:], errors: FieldErrors(),
                                    importReport: ImportReport(encoding: encoding, problems: problems.messages, figures: [], imported: false),
                                    status: .unprocessableEntity)
        case .success(let figures):
            guard upload?.mode == "import" else {
                return try await render(req, year: year, values: [:], errors: FieldErrors(),
                                        importReport: ImportReport(encoding: encoding, problems: [], figures: figures, imported: false))
            }
            let now = req.now
            let context = req.auditContext
            let name = user.displayName
            try await req.db.writeTransaction { tx in
                let existing = try await DeclaredFigureModel.query(on: tx).filter(\.$year == year).all().reduce(into: [String: DeclaredFigureModel]()) { $0[$1.key] = $1 }
                for figure in figures {
                    let model = existing[figure.key] ?? DeclaredFigureModel()
                    model.fill(from: figure, by: name, at: now)
                    try await model.save(on: tx)
                }
                try await AuditLog.append(AuditEvent("report.declared.imported", subjectType: "declared_figure", subjectID: String(year),
                                                     detail: "导入 \(year) 年申报数字 \(figures.count) 项（\(encoding)），其中修改 \(figures.filter { existing[$0.key] != nil }.count) 项"),
                                          context: context, at: now, on: tx)
            }
            return req.redirect(to: SiteURL.reportDeclared.path(query: [("year", String(year)), ("done", "saved")]), redirectType: .normal)
        }
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
