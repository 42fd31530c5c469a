import FazhiCore
import Fluent
import Foundation
import Vapor

/// 年度报告: drafted from the section templates with figures from the statistics catalogue, edited section by
/// section (every save a version), finalized into a hashed snapshot, published, exported as DOCX and print HTML.
enum ReportsController {
    // MARK: List and creation

    static func list(_ req: Request) async throws -> Response {
        try await renderList(req, values: [:], errors: FieldErrors())
    }

    static func renderList(_ req: Request, values: [String: String], errors: FieldErrors) async throws -> Response {
        let user = try req.requireUser()
        let reports = try await ReportModel.query(on: req.db).sort(\.$year, .descending).sort(\.$version, .descending).all()
        let edits = try await ReportSectionVersionModel.query(on: req.db).all().reduce(into: [UUID: Int]()) { $0[$1.$report.id, default: 0] += 1 }
        var written: [UUID: Int] = [:]
        for report in reports where report.reportState == .draft {
            written[report.id!] = try await ReportService.latestSections(report, on: req.db).values.filter {
                !$0.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            }.count
        }
        let today = req.fazhi.clock.today
        let frame = try await req.frame("年度报告", crumbs: [Crumb("年度报告")], nav: "reports")
        return htmlResponse(ReportPages.list(frame, user: user, reports: reports, written: written, edits: edits,
                                             deadline: ReportPublicationDeadline.current(today: today), today: today, values: values, errors: errors),
                            status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    /// A new report for a year: every section starts from its template (the legal office's, or the default).
    static func create(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let today = req.fazhi.clock.today
        var errors = FieldErrors()
        let year = IntegerRule(label: "报告年度", range: 2015...today.year).clean(req.form["year"], field: "year", into: &errors)
        if let year, try await ReportModel.query(on: req.db).filter(\.$year == year).first() != nil {
            errors.add("year", "\(year) 年度的报告已经建立，请在原报告上修改；已定稿的报告可新建修订版本。")
        }
        guard errors.isEmpty, let year else { return try await renderList(req, values: req.form.flat, errors: errors) }
        let region = try await req.countyName()
        let defaults = DefaultReportTemplates.draft(year: year, region: region)
        let templates = try await ReportTemplateModel.query(on: req.db).all().reduce(into: [String: ReportTemplateModel]()) { $0[$1.section] = $1 }
        let sections = defaults.sections.map { section in
            templates[section.key.rawValue].map {
                ReportDraftText.Section(key: section.key, heading: $0.heading.isEmpty ? nil : DefaultReportTemplates.localized($0.heading, region: region),
                                        text: DefaultReportTemplates.localized($0.text, region: region))
            } ?? section
        }
        let draft = ReportDraftText(title: defaults.title, region: region, year: year, signatories: defaults.signatories, date: nil, sections: sections)
        let report = ReportModel()
        report.id = UUID()
        report.year = year
        report.version = 1
        report.regionName = region
        report.$ownerUnit.id = user.unitID
        report.title = draft.title
        report.signatories = draft.signatories.joined(separator: "\n")
        report.state = ReportState.draft.rawValue
        report.createdBy = user.id
        report.createdAt = req.now
        report.updatedAt = req.now
        let now = req.now
        let context = req.auditContext
        // Checked again under the write lock: a double submit finds the report the first one made.
        let existing: UUID? = try await req.db.writeTransaction { tx in
            if let existing = try await ReportModel.query(on: tx).filter(\.$year == year).first() { return existing.id }
            try await report.create(on: tx)
            try await addVersions(draft.sections, to: report.id!, user: user, at: now, on: tx)
            try await AuditLog.append(AuditEvent("report.created", subjectType: "report", subjectID: report.id!.uuidString,
                                                 detail: "新建 \(year) 年度法治政府建设报告（由模板起草）"), context: context, at: now, on: tx)
            return nil
        }
        if existing != nil {
            return try await renderList(req, values: req.form.flat, errors: FieldErrors("year", "\(year) 年度的报告已经建立，请在原报告上修改；已定稿的报告可新建修订版本。"))
        }
        return req.redirect(to: SiteURL.report(.value(report.id!)).path(query: [("done", "created")]), redirectType: .normal)
    }

    static func addVersions(_ sections: [ReportDraftText.Section], to reportID: UUID, user: CurrentUser, at now: Date, on tx: any Database) async throws {
        for section in sections {
            let version = ReportSectionVersionModel()
            version.$report.id = reportID
            version.section = section.key.rawValue
            version.number = 1
            version.heading = section.heading ?? ""
            version.text = section.text
            version.authorID = user.id
            version.authorName = user.displayName
            version.createdAt = now
            try await version.create(on: tx)
        }
    }

    // MARK: One report

    static func load(_ req: Request) async throws -> ReportModel {
        guard let id = req.parameters.get("reportID", as: UUID.self), let report = try await ReportModel.find(id, on: req.db) else {
            throw Abort(.notFound)
        }
        return report
    }

    static func show(_ req: Request) async throws -> Response {
        try await renderShow(req, report: try await load(req), errors: FieldErrors(), status: .ok)
    }

    static func renderShow(_ req: Request, report: ReportModel, errors: FieldErrors, values: [String: String] = [:], status: HTTPResponseStatus) async throws -> Response {
        let user = try req.requireUser()
        let content = try await ReportService.content(report, on: req.db)
        let rendered = try? content.rendered()
        let versions = try await ReportSectionVersionModel.query(on: req.db).filter(\.$report.$id == report.id!).all()
        let editCounts = versions.reduce(into: [String: Int]()) { $0[$1.section, default: 0] += 1 }
        let others = try await ReportModel.query(on: req.db).filter(\.$year == report.year).filter(\.$id != report.id!).sort(\.$version).all()
        let cutoffs = try await ReportService.cutoffs(report, on: req.db)
        let today = req.fazhi.clock.today
        let frame = try await req.frame(report.title, crumbs: [Crumb("年度报告", .reports), Crumb("\(report.year) 年度（第 \(report.version) 版）")], nav: "reports")
        return htmlResponse(ReportPages.show(frame, .init(
            report: report, user: user, content: content, rendered: rendered, editCounts: editCounts, otherVersions: others, cutoffs: cutoffs,
            sealIntact: report.snapshot.map { ReportService.sealIntact(report, snapshotJSON: $0) }, today: today,
            deadline: ReportPublicationDeadline(reportYear: report.year), errors: errors, values: values)), status: status)
    }

    /// A change asked of a report that is no longer a draft: refused (409) and audited like a refused workflow step.
    static func refuseFrozen(_ req: Request, _ report: ReportModel, action: String, message: String) async throws -> Response {
        try await req.audit(AuditEvent(action, subjectType: "report", subjectID: report.id!.uuidString, outcome: .refused,
                                       detail: "\(report.reportState.label)的报告不能修改：\(message)"))
        return try await renderShow(req, report: report, errors: FieldErrors("workflow", message), status: .conflict)
    }

    // MARK: Sections

    static func sectionKey(_ req: Request) throws -> ReportSectionKey {
        guard let raw = req.parameters.get("section"), let key = ReportSectionKey(rawValue: raw) else { throw Abort(.notFound) }
        return key
    }

    static func editSection(_ req: Request) async throws -> Response {
        let report = try await load(req)
        let key = try sectionKey(req)
        guard report.reportState == .draft else { throw Abort(.conflict, reason: "报告已定稿，不能修改；如需更正请新建修订版本。") }
        let latest = try await ReportService.latestSections(report, on: req.db)[key]
        return try await renderSection(req, report: report, key: key, values: ["heading": latest?.heading ?? "", "text": latest?.text ?? "",
                                                                            "base": String(latest?.number ?? 0)],
                                       errors: FieldErrors(), status: .ok)
    }

    static func renderSection(_ req: Request, report: ReportModel, key: ReportSectionKey, values: [String: String], errors: FieldErrors,
                              status: HTTPResponseStatus) async throws -> Response {
        let available = try await ReportFigures.available(year: report.year, on: req.db)
        let content = try await ReportService.content(report, on: req.db)
        let usedKeys = Set(available.map(\.key))
        let current = try await ReportFigures.resolve(usedKeys, year: report.year, cutoffs: try await ReportService.cutoffs(report, on: req.db), on: req.db)
        let versions = try await ReportSectionVersionModel.query(on: req.db).filter(\.$report.$id == report.id!).filter(\.$section == key.rawValue)
            .sort(\.$number, .descending).all()
        let preview: RenderedText? = content.draft.sections.first { $0.key == key }.flatMap { section in
            (try? ReportTemplate(section.text))?.render(context: content.draft.context, resolve: content.resolver)
        }
        let frame = try await req.frame("编辑：\(key.label)", crumbs: [Crumb("年度报告", .reports), Crumb("\(report.year) 年度", .report(.value(report.id!))),
                                                                    Crumb(key.label)], nav: "reports")
        return htmlResponse(ReportPages.section(frame, report: report, key: key, values: values, errors: errors, available: available, current: current,
                                                versions: versions, preview: preview), status: status)
    }

    /// Saves the section as a new version; an unchanged text saves nothing; a text with placeholder errors is
    /// refused with every problem and kept in the form.
    static func saveSection(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let report = try await load(req)
        let key = try sectionKey(req)
        guard report.reportState == .draft else {
            return try await refuseFrozen(req, report, action: "report.section.saved", message: "报告已定稿，不能修改；如需更正请新建修订版本。")
        }
        let form = req.form
        var errors = FieldErrors()
        let heading = TextRule(label: "标题", required: false, maxLength: 100).clean(form["heading"], field: "heading", into: &errors) ?? ""
        let text = TextRule(label: "正文", required: false, maxLength: 50_000, multiline: true).clean(form["text"], field: "text", into: &errors) ?? ""
        let known = ReportFigures.computedKeys.union(try await DeclaredFigureModel.query(on: req.db).filter(\.$year == report.year).all().map(\.key))
        for problem in ReportTemplate.validate(heading, knownKeys: known) { errors.add("heading", problem.message) }
        for problem in ReportTemplate.validate(text, knownKeys: known) { errors.add("text", problem.message) }
        if text.split(separator: "\n").contains(where: { $0.hasPrefix("## ") || $0.hasPrefix("### ") }) {
            errors.add("text", "段落不能以「## 」或「### 」开头。")
        }
        guard errors.isEmpty else {
            return try await renderSection(req, report: report, key: key, values: form.flat, errors: errors, status: .unprocessableEntity)
        }
        let now = req.now
        let context = req.auditContext
        let base = form["base"].flatMap { Int($0) }
        let saved: Bool
        do {
            saved = try await req.db.writeTransaction { tx in
                let previous = try await ReportSectionVersionModel.query(on: tx).filter(\.$report.$id == report.id!).filter(\.$section == key.rawValue)
                    .sort(\.$number, .descending).first()
                guard let fresh = try await ReportModel.find(report.id!, on: tx), fresh.reportState == .draft else { throw Abort(.conflict, reason: "报告已定稿。") }
                if previous?.text == text && previous?.heading == heading { return false }
                // Someone saved this section after the form was opened: saving now would silently drop their version.
                if let base, let previous, previous.number != base { throw EditConflict(version: previous.number, author: previous.authorName) }
                let version = ReportSectionVersionModel()
                version.$report.id = report.id!
                version.section = key.rawValue
                version.number = (previous?.number ?? 0) + 1
                version.heading = heading
                version.text = text
                version.authorID = user.id
                version.authorName = user.displayName
                version.createdAt = now
                try await version.create(on: tx)
                fresh.updatedAt = now
                try await fresh.update(on: tx)
                try await AuditLog.append(AuditEvent("report.section.saved", subjectType: "report", subjectID: report.id!.uuidString,
                                                     detail: "\(report.year) 年度报告「\(key.label)」第 \(version.number) 版（\(text.count) 字）"),
                                          context: context, at: now, on: tx)
                return true
            }
        } catch let conflict as EditConflict {
            var values = form.flat
            values["base"] = String(conflict.version)
            return try await renderSection(req, report: report, key: key, values: values, errors: FieldErrors(
                "text", "在您编辑期间，\(conflict.author) 已保存了本部分的第 \(conflict.version) 版。您的文字保留在下面；请对照修改记录合并后再保存。"),
                status: .conflict)
        }
        return req.redirect(to: SiteURL.report(.value(report.id!)).path(query: [("done", saved ? "saved" : "unchanged")]) + "#section-\(key.rawValue)",
                            redirectType: .normal)
    }

    struct EditConflict: Error { let version: Int; let author: String }

    static func versions(_ req: Request) async throws -> Response {
        let report = try await load(req)
        let key = try sectionKey(req)
        let versions = try await ReportSectionVersionModel.query(on: req.db).filter(\.$report.$id == report.id!).filter(\.$section == key.rawValue)
            .sort(\.$number).all()
        guard !versions.isEmpty else { throw Abort(.notFound) }
        let chosen = req.queryForm["v"].flatMap(Int.init).flatMap { number in versions.first { $0.number == number } } ?? versions.last!
        let previous = versions.last { $0.number < chosen.number }
        let diff = TextDiff.paragraphs(from: previous.map { headingAndText($0) } ?? "", to: headingAndText(chosen))
        let frame = try await req.frame("修改记录：\(key.label)", crumbs: [Crumb("年度报告", .reports), Crumb("\(report.year) 年度", .report(.value(report.id!))),
                                                                     Crumb("\(key.label) 修改记录")], nav: "reports")
        return htmlResponse(ReportPages.versions(frame, report: report, key: key, versions: versions, chosen: chosen, previous: previous, diff: diff))
    }

    static func headingAndText(_ version: ReportSectionVersionModel) -> String {
        version.heading.isEmpty ? version.text : "【标题】\(version.heading)\n" + version.text
    }

    // MARK: Figures

    /// One figure: its definition, value, cut-off and the records it counted (or, declared, its source), so a
    /// leader can check any number in the report.
    static func figure(_ req: Request) async throws -> Response {
        let report = try await load(req)
        guard let key = req.parameters.get("key"), DeclaredFigure.isValidKey(key) else { throw Abort(.notFound) }
        let cutoffs = try await ReportService.cutoffs(report, on: req.db)
        let live = try await ReportFigures.resolve([key], year: report.year, cutoffs: cutoffs, on: req.db)[key]
        let content = try await ReportService.content(report, on: req.db)
        let frozen = content.snapshot?.figures.first { $0.key == key }
        guard live != nil || frozen != nil else { throw Abort(.notFound) }
        let records = live?.isDeclared == false ? try await live?.records.load() ?? [] : []
        let page = PageInfo.from(req.queryForm, total: records.count, per: 100)
        let frame = try await req.frame("数字溯源：\(live?.label ?? frozen?.label ?? key)",
                                        crumbs: [Crumb("年度报告", .reports), Crumb("\(report.year) 年度", .report(.value(report.id!))), Crumb("数字溯源")], nav: "reports")
        return htmlResponse(ReportPages.figure(frame, report: report, key: key, live: live, frozen: frozen, records: records, page: page))
    }

    static func saveCutoffs(_ req: Request) async throws -> Response {
        let report = try await load(req)
        guard report.reportState == .draft else {
            return try await refuseFrozen(req, report, action: "report.cutoffs.saved", message: "报告已定稿，不能修改截至日期。")
        }
        let form = req.form
        var errors = FieldErrors()
        var chosen: [String: LocalDate] = [:]
        for entry in StatisticsCatalogue.entries {
            let key = entry.definition.key
            let field = "cutoff.\(key)"
            guard let raw = form[field], !raw.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            guard let date = DateRule(label: "「\(entry.definition.label)」的截至日期").clean(raw, field: field, into: &errors) else { continue }
            if date.year != report.year { errors.add(field, "「\(entry.definition.label)」的截至日期应在 \(report.year) 年内。"); continue }
            if date != LocalDate(year: report.year, month: 12, day: 31) { chosen[key] = date }
        }
        guard errors.isEmpty else { return try await renderShow(req, report: report, errors: errors, values: form.flat, status: .unprocessableEntity) }
        let now = req.now
        let context = req.auditContext
        let chosenCutoffs = chosen
        try await req.db.writeTransaction { tx in
            let chosen = chosenCutoffs
            try await ReportCutoffModel.query(on: tx).filter(\.$report.$id == report.id!).delete()
            for (key, date) in chosen.sorted(by: { $0.key < $1.key }) {
                let cutoff = ReportCutoffModel()
                cutoff.$report.id = report.id!
                cutoff.key = key
                cutoff.through = date.description
                try await cutoff.create(on: tx)
            }
            try await AuditLog.append(AuditEvent("report.cutoffs.saved", subjectType: "report", subjectID: report.id!.uuidString,
                                                 detail: chosen.isEmpty ? "全部数字截至 12 月 31 日"
                                                     : chosen.sorted { $0.key < $1.key }.map { "\($0.key) 截至 \($0.value)" }.joined(separator: "；")),
                                      context: context, at: now, on: tx)
        }
        return req.redirect(to: SiteURL.report(.value(report.id!)).path(query: [("done", "saved")]) + "#cutoffs", redirectType: .normal)
    }

    static func saveSignature(_ req: Request) async throws -> Response {
        let report = try await load(req)
        guard report.reportState == .draft else {
            return try await refuseFrozen(req, report, action: "report.signature.saved", message: "报告已定稿，不能修改落款。")
        }
        let form = req.form
        var errors = FieldErrors()
        // GB/T 9704-2012 7.3.1: a long title may run to two lines (分一行或多行居中排布); one break at most here.
        let title = TextRule(label: "报告标题", maxLength: 100, multiline: true).clean(form["title"], field: "title", into: &errors)
            .map { $0.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: "\n") }
        if let title, title.split(separator: "\n").count > 2 { errors.add("title", "「报告标题」最多分两行。") }
        if let title, title.contains("\t") { errors.add("title", "「报告标题」不能含有制表符。") }
        let signatories = TextRule(label: "落款机关", maxLength: 200, multiline: true).clean(form["signatories"], field: "signatories", into: &errors)
        let lines = (signatories ?? "").split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if signatories != nil, lines.count > 4 { errors.add("signatories", "落款机关最多 4 个，每行一个。") }
        let date = DateRule(label: "成文日期", required: false).clean(form["signedOn"], field: "signedOn", into: &errors)
        if let date, let problem = ReportDates.signingProblem(date, reportYear: report.year, today: req.fazhi.clock.today) {
            errors.add("signedOn", problem)
        }
        if let title { for problem in ReportTemplate.validate(title, knownKeys: []) { errors.add("title", problem.message) } }
        guard errors.isEmpty, let title else { return try await renderShow(req, report: report, errors: errors, values: form.flat, status: .unprocessableEntity) }
        let now = req.now
        let context = req.auditContext
        try await req.db.writeTransaction { tx in
            report.title = title
            report.signatories = lines.joined(separator: "\n")
            report.signedOn = date?.description
            report.updatedAt = now
            try await report.update(on: tx)
            try await AuditLog.append(AuditEvent("report.signature.saved", subjectType: "report", subjectID: report.id!.uuidString,
                                                 detail: "标题「\(title)」；落款：\(lines.joined(separator: "、"))；成文日期：\(date?.description ?? "未填")"),
                                      context: context, at: now, on: tx)
        }
        return req.redirect(to: SiteURL.report(.value(report.id!)).path(query: [("done", "saved")]) + "#signature", redirectType: .normal)
    }

    /// Records the report to the same-level Party committee and people's congress standing committee (督察工作规定
    /// art. 23, before 1 March; rule `report.submit`). A fact about the report's delivery, not its text: it may be
    /// recorded in any state, and a correction replaces it (audited).
    static func saveSubmission(_ req: Request) async throws -> Response {
        let report = try await load(req)
        let form = req.form
        var errors = FieldErrors()
        let today = req.fazhi.clock.today
        let date = DateRule(label: "报送日期").clean(form["submittedOn"], field: "submittedOn", into: &errors)
        let recipients = TextRule(label: "报送机关", maxLength: 200).clean(form["submittedTo"], field: "submittedTo", into: &errors)
        if let date, let problem = ReportDates.submissionProblem(date, reportYear: report.year, today: today) {
            errors.add("submittedOn", problem)
        }
        guard errors.isEmpty, let date, let recipients else {
            return try await renderShow(req, report: report, errors: errors, values: form.flat, status: .unprocessableEntity)
        }
        let now = req.now
        let context = req.auditContext
        try await req.db.writeTransaction { tx in
            report.submittedOn = date.description
            report.submittedTo = recipients
            report.updatedAt = now
            try await report.update(on: tx)
            try await AuditLog.append(AuditEvent("report.submitted", subjectType: "report", subjectID: report.id!.uuidString,
                                                 detail: "\(report.year) 年度报告于 \(date) 报送\(recipients)"),
                                      context: context, at: now, on: tx)
        }
        return req.redirect(to: SiteURL.report(.value(report.id!)).path(query: [("done", "saved")]) + "#submission", redirectType: .normal)
    }

    // MARK: Workflow

    static func step(_ event: ReportEvent) -> @Sendable (Request) async throws -> Response {
        { req in
            let user = try req.requireUser()
            let report = try await load(req)
            let today = req.fazhi.clock.today
            switch event {
            case .finalize:
                let content = try await ReportService.content(report, on: req.db)
                let rendered = try? content.rendered()
                let unresolved = Array(Set(rendered?.problems.map(\.key) ?? [])).sorted()
                let missing = content.missingItems
                let context = ReportWorkflowContext(
                    emptySections: missing.map(\.label), unresolvedFigures: unresolved,
                    templateErrors: content.problems.entries.map(\.message),
                    signatureRecorded: !report.signatoryList.isEmpty && report.signedOn != nil)
                let snapshot = try? ReportSnapshot.freeze(content.draft, resolve: content.resolver)
                let frozen = snapshot.map { (json: String(decoding: $0.canonicalJSON, as: UTF8.self), hash: $0.sha256Hex) }
                let detail = "定稿 \(report.year) 年度报告第 \(report.version) 版" + (frozen.map { "，快照 SHA-256 \($0.hash)" } ?? "")
                let name = user.displayName
                let now = req.now
                return try await req.workflowStep(
                    event, on: report.id!, of: ReportModel.self, definition: ReportWorkflow.definition(), actor: user.actor,
                    context: { record, tx in
                        // Under the write lock: a section saved since the page was read would be missing from the
                        // snapshot; the freeze is taken again and must be the one this request shows and audits.
                        if let frozen {
                            let now = try await ReportService.content(record, on: tx)
                            guard (try? ReportSnapshot.freeze(now.draft, resolve: now.resolver))?.sha256Hex == frozen.hash else {
                                throw Abort(.conflict, reason: "定稿的同时有人保存了修改，请刷新页面核对后再定稿。")
                            }
                        }
                        return context
                    },
                    changes: { record, _ in
                        guard let frozen else { throw Abort(.conflict, reason: "报告不能定稿。") }
                        record.snapshot = frozen.json
                        record.snapshotHash = frozen.hash
                        record.finalizedAt = now
                        record.finalizedBy = name
                    },
                    detail: detail, done: .report(.value(report.id!)),
                    refused: { refusal in
                        var errors = FieldErrors("workflow", refusal.message)
                        for item in missing { errors.add("workflow", "未撰写：\(item.label)。") }
                        var seen = Set<String>()
                        for figure in rendered?.problems ?? [] where seen.insert(figure.key).inserted {
                            errors.add("workflow", "\(figure.problem ?? "未取得数字：\(figure.key)")（可在「申报数字」中补录，或修改正文）")
                        }
                        for problem in content.problems.entries { errors.add("workflow", problem.message) }
                        return try await renderShow(req, report: report, errors: errors, status: .conflict)
                    })
            case .publish:
                var errors = FieldErrors()
                let date = DateRule(label: "公布日期").clean(req.form["publishedOn"], field: "publishedOn", into: &errors)
                guard errors.isEmpty, let date else { return try await renderShow(req, report: report, errors: errors, values: req.form.flat, status: .unprocessableEntity) }
                let finalizedOn = report.finalizedAt.map { LocalDate($0) }
                let valid = ReportDates.publicationValid(date, finalizedOn: finalizedOn, today: today)
                let others = try await ReportModel.query(on: req.db).filter(\.$year == report.year).filter(\.$id != report.id!).all()
                    .filter { $0.reportState == .published || $0.reportState == .finalized }
                // Publishing supersedes the earlier versions only; a later finalized or published version blocks it.
                let previous = others.filter { $0.version < report.version }
                let newer = others.contains { $0.version > report.version }
                let actor = user.actor
                let audit = req.auditContext
                let now = req.now
                return try await req.workflowStep(
                    event, on: report.id!, of: ReportModel.self, definition: ReportWorkflow.definition(), actor: actor,
                    context: { _, _ in ReportWorkflowContext(publicationDateValid: valid, newerVersionFinalized: newer) },
                    changes: { record, tx in
                        record.publishedOn = date.description
                        // The versions it corrects give way to it (GB/T 9704 has no notion of this; the portal shows the latest).
                        for old in previous {
                            _ = try await WorkflowRunner.apply(
                                ReportEvent.supersede, to: old.id!, of: ReportModel.self, definition: ReportWorkflow.definition(), actor: actor,
                                audit: audit, at: now, on: tx, context: { _, _ in ReportWorkflowContext(newerVersionPublished: true) },
                                changes: { superseded, tx in
                                    superseded.updatedAt = now
                                    try await superseded.update(on: tx)
                                },
                                detail: "由第 \(record.version) 版取代")
                        }
                    },
                    detail: "公布 \(report.year) 年度报告第 \(report.version) 版，公布日期 \(date)", done: .report(.value(report.id!)),
                    refused: { refusal in try await renderShow(req, report: report, errors: FieldErrors("publishedOn", refusal.message), status: .conflict) })
            case .supersede:
                throw Abort(.notFound)  // only by publishing a later version
            }
        }
    }

    /// A correction of a finalized report: a new draft version starting from its texts, cut-offs and signature.
    static func newVersion(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let report = try await load(req)
        guard report.reportState == .finalized || report.reportState == .published else {
            return try await renderShow(req, report: report, errors: FieldErrors("workflow", "只有已定稿或已公布的报告可以新建修订版本。"), status: .conflict)
        }
        if let draft = try await ReportModel.query(on: req.db).filter(\.$year == report.year).filter(\.$state == ReportState.draft.rawValue).first() {
            return req.redirect(to: SiteURL.report(.value(draft.id!)).path, redirectType: .normal)
        }
        let content = try await ReportService.content(report, on: req.db)
        let cutoffs = try await ReportService.cutoffs(report, on: req.db)
        let latestVersion = try await ReportModel.query(on: req.db).filter(\.$year == report.year).sort(\.$version, .descending).first()?.version ?? report.version
        let next = ReportModel()
        next.id = UUID()
        next.year = report.year
        next.version = latestVersion + 1
        next.regionName = report.regionName
        next.$ownerUnit.id = user.unitID
        next.title = report.title
        next.signatories = report.signatories
        next.signedOn = nil
        next.state = ReportState.draft.rawValue
        next.supersedesID = report.id
        next.createdBy = user.id
        next.createdAt = req.now
        next.updatedAt = req.now
        let now = req.now
        let context = req.auditContext
        // Checked again under the write lock: a double submit lands on the draft the first one made.
        let existingDraft: UUID? = try await req.db.writeTransaction { tx in
            let year = try await ReportModel.query(on: tx).filter(\.$year == report.year).all()
            if let draft = year.first(where: { $0.reportState == .draft }) { return draft.id }
            next.version = (year.map(\.version).max() ?? report.version) + 1
            try await next.create(on: tx)
            try await AuditLog.append(AuditEvent("report.versioned", subjectType: "report", subjectID: next.id!.uuidString,
                                                 detail: "新建 \(report.year) 年度报告第 \(next.version) 版（修订第 \(report.version) 版）"),
                                      context: context, at: now, on: tx)
            try await addVersions(content.draft.sections, to: next.id!, user: user, at: now, on: tx)
            for (key, date) in cutoffs {
                let cutoff = ReportCutoffModel()
                cutoff.$report.id = next.id!
                cutoff.key = key
                cutoff.through = date.description
                try await cutoff.create(on: tx)
            }
            return nil
        }
        if let existingDraft { return req.redirect(to: SiteURL.report(.value(existingDraft)).path, redirectType: .normal) }
        return req.redirect(to: SiteURL.report(.value(next.id!)).path(query: [("done", "created")]), redirectType: .normal)
    }

    // MARK: Exports

    static func document(_ report: ReportModel, today: LocalDate, on db: any Database) async throws -> OfficialDocument {
        try ReportService.requireSeal(report)
        let content = try await ReportService.content(report, on: db)
        let rendered: RenderedReport
        do { rendered = try content.rendered() } catch { throw Abort(.conflict, reason: "报告正文有格式错误的数字占位符，请先改正再导出。") }
        return ReportService.officialDocument(rendered, date: content.draft.date ?? today)
    }

    static func docx(_ req: Request) async throws -> Response {
        let report = try await load(req)
        return try await docxResponse(req, report: report)
    }

    static func docxResponse(_ req: Request, report: ReportModel) async throws -> Response {
        let data = try DocxWriter.write(try await document(report, today: req.fazhi.clock.today, on: req.db))
        if req.currentUser != nil {
            try await req.audit(AuditEvent("report.downloaded", subjectType: "report", subjectID: report.id!.uuidString, detail: "下载 DOCX（第 \(report.version) 版）"))
        }
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        let name = "\(report.year)年度法治政府建设报告.docx"
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "report.docx"
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"report-\(report.year).docx\"; filename*=UTF-8''\(encoded)")
        return response
    }

    static func print(_ req: Request) async throws -> Response {
        let report = try await load(req)
        return try await printResponse(req, report: report)
    }

    /// The print-ready page: a standalone document with its own inline style and no script at all, so its policy
    /// allows inline style and nothing else.
    static func printResponse(_ req: Request, report: ReportModel) async throws -> Response {
        let html = PrintHTML.render(try await document(report, today: req.fazhi.clock.today, on: req.db))
        let response = htmlResponse(html)
        response.headers.replaceOrAdd(name: "Content-Security-Policy",
                                      value: "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
        return response
    }
}

extension ReportService {
    /// A report past the draft is served only while its seal holds: the snapshot reads back and hashes to the
    /// stored hash. Otherwise it is withheld (503) rather than shown altered or re-rendered live.
    static func requireSeal(_ report: ReportModel) throws {
        guard report.reportState != .draft else { return }
        guard let stored = report.snapshot, sealIntact(report, snapshotJSON: stored) else {
            throw Abort(.serviceUnavailable, reason: "该报告的定稿内容校验不一致，已暂停提供，请联系县司法局核查。")
        }
    }

    /// The stored snapshot still hashes to the stored hash (the audit trail carries the same hash).
    static func sealIntact(_ report: ReportModel, snapshotJSON: String) -> Bool {
        guard let snapshot = try? ReportSnapshot(canonicalJSON: Data(snapshotJSON.utf8)) else { return false }
        return snapshot.sha256Hex == report.snapshotHash && String(decoding: snapshot.canonicalJSON, as: UTF8.self) == snapshotJSON
    }
}
