import FazhiCore
import Fluent
import Foundation
import Vapor

/// The section templates new reports start from: the built-in defaults, as the legal office edits them.
enum ReportTemplatesController {
    static func current(on db: any Database) async throws -> [ReportSectionKey: (heading: String?, text: String, edited: ReportTemplateModel?)] {
        let stored = try await ReportTemplateModel.query(on: db).all().reduce(into: [String: ReportTemplateModel]()) { $0[$1.section] = $1 }
        var result: [ReportSectionKey: (heading: String?, text: String, edited: ReportTemplateModel?)] = [:]
        for key in ReportSectionKey.allCases {
            if let model = stored[key.rawValue] {
                result[key] = (model.heading.isEmpty ? nil : model.heading, model.text, model)
            } else {
                result[key] = (DefaultReportTemplates.heading(for: key), DefaultReportTemplates.text(for: key), nil)
            }
        }
        return result
    }

    static func list(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let templates = try await current(on: req.db)
        let frame = try await req.frame("报告模板", crumbs: [Crumb("年度报告", .reports), Crumb("报告模板")], nav: "reports")
        return htmlResponse(ReportPages.templates(frame, templates: templates, canWrite: user.has(.writeAllRecords)))
    }

    static func sectionKey(_ req: Request) throws -> ReportSectionKey {
        guard let raw = req.parameters.get("section"), let key = ReportSectionKey(rawValue: raw) else { throw Abort(.notFound) }
        return key
    }

    static func edit(_ req: Request) async throws -> Response {
        let key = try sectionKey(req)
        let template = try await current(on: req.db)[key]!
        return try await render(req, key: key, values: ["heading": template.heading ?? "", "text": template.text], errors: FieldErrors(), status: .ok)
    }

    static func render(_ req: Request, key: ReportSectionKey, values: [String: String], errors: FieldErrors, status: HTTPResponseStatus) async throws -> Response {
        let frame = try await req.frame("模板：\(key.label)", crumbs: [Crumb("年度报告", .reports), Crumb("报告模板", .reportTemplates), Crumb(key.label)], nav: "reports")
        return htmlResponse(ReportPages.templateForm(frame, key: key, values: values, errors: errors,
                                                     available: StatisticsCatalogue.entries.map(\.definition)), status: status)
    }

    /// Saves the template (placeholders checked against the catalogue; declared keys are per year, so any
    /// well-formed key is accepted here); "restore" goes back to the built-in default.
    static func save(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let key = try sectionKey(req)
        let form = req.form
        let restore = form["restore"] == "on"
        var errors = FieldErrors()
        var heading = TextRule(label: "标题", required: false, maxLength: 100).clean(form["heading"], field: "heading", into: &errors) ?? ""
        var text = TextRule(label: "正文", required: false, maxLength: 50_000, multiline: true).clean(form["text"], field: "text", into: &errors) ?? ""
        if restore {
            errors = FieldErrors()
            heading = DefaultReportTemplates.heading(for: key) ?? ""
            text = DefaultReportTemplates.text(for: key)
        } else {
            // Syntax only: a template is for any year, and a declared figure's key exists only in its year.
            do { _ = try ReportTemplate(heading) } catch { for problem in error.problems { errors.add("heading", problem.message) } }
            do { _ = try ReportTemplate(text) } catch { for problem in error.problems { errors.add("text", problem.message) } }
            if text.split(separator: "\n").contains(where: { $0.hasPrefix("## ") || $0.hasPrefix("### ") }) {
                errors.add("text", "段落不能以「## 」或「### 」开头。")
            }
        }
        guard errors.isEmpty else { return try await render(req, key: key, values: form.flat, errors: errors, status: .unprocessableEntity) }
        let now = req.now
        let context = req.auditContext
        let name = user.displayName
        let (savedHeading, savedText) = (heading, text)
        try await req.db.writeTransaction { tx in
            let model = try await ReportTemplateModel.query(on: tx).filter(\.$section == key.rawValue).first() ?? ReportTemplateModel()
            model.section = key.rawValue
            model.heading = savedHeading
            model.text = savedText
            model.updatedBy = name
            model.updatedAt = now
            try await model.save(on: tx)
            try await AuditLog.append(AuditEvent("report.template.saved", subjectType: "report_template", subjectID: key.rawValue,
                                                 detail: restore ? "「\(key.label)」恢复默认模板" : "修改「\(key.label)」模板（\(savedText.count) 字）"),
                                      context: context, at: now, on: tx)
        }
        return req.redirect(to: SiteURL.reportTemplates.path(query: [("done", "saved")]) + "#template-\(key.rawValue)", redirectType: .normal)
    }
}
