import FazhiCore
import Fluent
import Foundation
import Vapor

/// Cleanup campaigns (清理): a notice, a scope, an outcome per document, and a result decision that
/// changes every document's status in one transaction.
enum CleanupController {
    enum CampaignState: String {
        case open, applied, published

        var label: String {
            switch self {
            case .open: "清理中"
            case .applied: "已作出清理决定"
            case .published: "已公布结果"
            }
        }
    }

    static func list(_ req: Request) async throws -> Response {
        let campaigns = try await CleanupCampaignModel.query(on: req.db).sort(\.$noticeDate, .descending).all()
        var tallies: [UUID: CampaignTally] = [:]
        for campaign in campaigns { tallies[campaign.id!] = try await tally(campaign.id!, on: req.db) }
        let frame = try await req.frame("规范性文件清理", crumbs: [Crumb("规范性文件", .documents), Crumb("清理")], nav: "documents")
        return htmlResponse(CleanupPages.list(frame, campaigns: campaigns, tallies: tallies, canWrite: req.currentUser?.has(.writeAllRecords) ?? false))
    }

    static func tally(_ campaignID: UUID, on db: any Database) async throws -> CampaignTally {
        let entries = try await CleanupEntryModel.query(on: db).filter(\.$campaign.$id == campaignID).all()
        var tally = CleanupCampaignRules.tally(outcomes: entries.compactMap { $0.outcome.flatMap(CleanupOutcome.init(rawValue:)) })
        tally.total = entries.count
        return tally
    }

    // MARK: New campaign

    static func new(_ req: Request) async throws -> Response {
        try await renderNew(req, values: ["scopeFrom": "2016-01-01"], errors: FieldErrors())
    }

    static func renderNew(_ req: Request, values: [String: String], errors: FieldErrors) async throws -> Response {
        let frame = try await req.frame("发起清理", crumbs: [Crumb("规范性文件", .documents), Crumb("清理", .cleanups), Crumb("发起清理")], nav: "documents")
        return htmlResponse(CleanupPages.new(frame, values: values, errors: errors), status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    static func create(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = req.form
        var errors = FieldErrors()
        let title = TextRule(label: "清理名称", maxLength: 100).clean(form["title"], field: "title", into: &errors)
        let notice = DocumentNumber.clean(form["noticeNumber"], field: "noticeNumber", label: "清理通知文号", into: &errors)
        let noticeDate = DateRule(label: "通知日期").clean(form["noticeDate"], field: "noticeDate", into: &errors)
        let from = DateRule(label: "范围起始（公布日期）").clean(form["scopeFrom"], field: "scopeFrom", into: &errors)
        let to = DateRule(label: "范围截止（公布日期）", required: false).clean(form["scopeTo"], field: "scopeTo", into: &errors)
        if let from, let to, to < from { errors.add("scopeTo", "范围截止日期不能早于起始日期。") }
        guard errors.isEmpty, let title, let notice, let noticeDate, let from else {
            return try await renderNew(req, values: form.flat, errors: errors)
        }
        let through = min(to ?? noticeDate, noticeDate)
        // Scope: every document published in the range and in force on the notice date.
        let rules = try await DocumentService.rules(on: req.db)
        let candidates = try await DocumentModel.query(on: req.db)
            .filter(\.$publishedOn >= from.description).filter(\.$publishedOn <= through.description).all()
        let changes = try await DocumentService.changes(of: candidates.compactMap(\.id), on: req.db)
        let scope = candidates.filter {
            DocumentService.legalStatus($0, changes: changes[$0.id!] ?? [], on: noticeDate, rules: rules)?.isInForce == true
        }
        guard !scope.isEmpty else {
            return try await renderNew(req, values: form.flat, errors: FieldErrors("scopeFrom", "该范围内没有在通知日仍然有效的规范性文件。"))
        }
        let scopeText = "\(from.chinese)至\(through.chinese)公布、截至\(noticeDate.chinese)仍然有效的规范性文件（\(scope.count) 件）"
        let campaign = CleanupCampaignModel()
        campaign.id = UUID()
        campaign.title = title
        campaign.noticeNumber = notice
        campaign.noticeDate = noticeDate.description
        campaign.scopeDescription = scopeText
        campaign.state = CampaignState.open.rawValue
        campaign.$ownerUnit.id = user.unitID
        campaign.createdAt = req.now
        let context = req.auditContext
        let now = req.now
        try await req.db.writeTransaction { tx in
            try await campaign.create(on: tx)
            for document in scope {
                let entry = CleanupEntryModel()
                entry.$campaign.id = campaign.id!
                entry.$document.id = document.id!
                entry.reason = ""
                try await entry.create(on: tx)
            }
            try await AuditLog.append(AuditEvent("documents.cleanup.created", subjectType: "cleanup", subjectID: campaign.id!.uuidString,
                                                 detail: "\(title)（\(notice)）：\(scopeText)"), context: context, at: now, on: tx)
        }
        return req.redirect(to: SiteURL.cleanup(.value(campaign.id!)).path(query: [("done", "created")]), redirectType: .normal)
    }

    // MARK: One campaign

    static func load(_ req: Request) async throws -> CleanupCampaignModel {
        guard let id = req.parameters.get("campaignID", as: UUID.self), let campaign = try await CleanupCampaignModel.find(id, on: req.db) else {
            throw Abort(.notFound)
        }
        return campaign
    }

    static func entries(_ campaignID: UUID, on db: any Database) async throws -> [CleanupEntryModel] {
        try await CleanupEntryModel.query(on: db).filter(\.$campaign.$id == campaignID)
            .with(\.$document) { $0.with(\.$issuingUnit) }.all()
            .sorted { ($0.document.publishedOn ?? "", $0.document.title) < ($1.document.publishedOn ?? "", $1.document.title) }
    }

    static func show(_ req: Request) async throws -> Response {
        let campaign = try await load(req)
        return try await renderShow(req, campaign: campaign, errors: FieldErrors())
    }

    static func renderShow(_ req: Request, campaign: CleanupCampaignModel, errors: FieldErrors, status: HTTPResponseStatus = .ok) async throws -> Response {
        let all = try await entries(campaign.id!, on: req.db)
        let outcomeFilter = req.queryForm["outcome"]
        let shown = all.filter { entry in
            switch outcomeFilter {
            case nil, "": true
            case "unset": entry.outcome == nil
            case let value?: entry.outcome == value
            }
        }
        let frame = try await req.frame(campaign.title, crumbs: [Crumb("规范性文件", .documents), Crumb("清理", .cleanups), Crumb(campaign.title)], nav: "documents")
        return htmlResponse(CleanupPages.show(frame, campaign: campaign, entries: shown, tally: try await tally(campaign.id!, on: req.db),
                                              unset: all.filter { $0.outcome == nil }.count, outcomeFilter: outcomeFilter ?? "",
                                              canWrite: req.currentUser?.has(.writeAllRecords) ?? false, errors: errors),
                            status: status)
    }

    /// Adds a chosen document (by 文号 or registration number) to an open campaign's scope.
    static func addToScope(_ req: Request) async throws -> Response {
        let campaign = try await load(req)
        guard campaign.state == CampaignState.open.rawValue else { throw Abort(.conflict, reason: "清理决定已作出，范围不能再修改。") }
        let reference = (req.form["reference"] ?? "").trimmingCharacters(in: .whitespaces)
        guard !reference.isEmpty, reference.count <= 40,
              let document = try await DocumentModel.query(on: req.db).group(.or, { $0.filter(\.$documentNumber == reference).filter(\.$registrationNumber == reference) })
                .filter(\.$publishedOn != nil).first() else {
            return try await renderShow(req, campaign: campaign, errors: FieldErrors("reference", "找不到文号或统一登记号为「\(String(reference.prefix(40)))」的已公布文件。"),
                                        status: .unprocessableEntity)
        }
        let existing = try await CleanupEntryModel.query(on: req.db).filter(\.$campaign.$id == campaign.id!).all()
        let scope = Set(existing.map(\.$document.id))
        if scope.contains(document.id!) {
            return try await renderShow(req, campaign: campaign, errors: FieldErrors("reference", "该文件已在清理范围内。"), status: .unprocessableEntity)
        }
        let context = req.auditContext
        let now = req.now
        try await req.db.writeTransaction { tx in
            let entry = CleanupEntryModel()
            entry.$campaign.id = campaign.id!
            entry.$document.id = document.id!
            entry.reason = ""
            try await entry.create(on: tx)
            try await AuditLog.append(AuditEvent("documents.cleanup.scope", subjectType: "cleanup", subjectID: campaign.id!.uuidString,
                                                 detail: "纳入清理范围：\(document.documentNumber ?? document.registrationNumber ?? document.title)"),
                                      context: context, at: now, on: tx)
        }
        return req.redirect(to: SiteURL.cleanup(.value(campaign.id!)).path(query: [("done", "saved")]), redirectType: .normal)
    }

    /// Sets outcomes from the table form (`outcome.<entry id>`, `reason.<entry id>`); every row is validated
    /// and nothing is saved if any row is wrong.
    static func saveOutcomes(_ req: Request) async throws -> Response {
        let campaign = try await load(req)
        guard campaign.state == CampaignState.open.rawValue else { throw Abort(.conflict, reason: "清理决定已作出，结果不能再修改。") }
        let form = req.form
        let all = try await entries(campaign.id!, on: req.db)
        var errors = FieldErrors()
        var updates: [(CleanupEntryModel, CleanupOutcome, String)] = []
        for entry in all {
            let key = entry.id!.uuidString
            guard let raw = form["outcome.\(key)"], !raw.isEmpty else { continue }
            switch CleanupCampaignRules.validateEntry(documentID: entry.$document.id, outcome: raw, reason: form["reason.\(key)"]) {
            case .success(let valid):
                updates.append((entry, valid.outcome, valid.reason ?? ""))
            case .failure(let problems):
                for problem in problems.entries {
                    errors.add("reason-\(key)", "「\(entry.document.title)」：\(problem.message)")
                }
            }
        }
        guard errors.isEmpty else { return try await renderShow(req, campaign: campaign, errors: errors, status: .unprocessableEntity) }
        let changed = updates.filter { $0.0.outcome != $0.1.rawValue || $0.0.reason != $0.2 }
        let context = req.auditContext
        let now = req.now
        try await req.db.writeTransaction { tx in
            for (entry, outcome, reason) in changed {
                entry.outcome = outcome.rawValue
                entry.reason = reason
                try await entry.update(on: tx)
            }
            try await AuditLog.append(AuditEvent("documents.cleanup.outcomes", subjectType: "cleanup", subjectID: campaign.id!.uuidString,
                                                 detail: "登记清理意见 \(changed.count) 件"), context: context, at: now, on: tx)
        }
        return req.redirect(to: SiteURL.cleanup(.value(campaign.id!)).path(query: [("done", "saved")]), redirectType: .normal)
    }

    /// Applies the result decision: every outcome becomes a change dated on the decision, and each 重新公布
    /// creates its successor with a new registration number — all in one transaction.
    static func apply(_ req: Request) async throws -> Response {
        let campaign = try await load(req)
        guard campaign.state == CampaignState.open.rawValue else { throw Abort(.conflict, reason: "该清理已作出决定。") }
        let form = req.form
        var errors = FieldErrors()
        let number = DocumentNumber.clean(form["decisionNumber"], field: "decisionNumber", label: "清理结果决定文号", into: &errors)
        let date = DateRule(label: "决定日期").clean(form["decisionDate"], field: "decisionDate", into: &errors)
        if let date, let notice = LocalDate(iso: campaign.noticeDate), date < notice { errors.add("decisionDate", "决定日期不能早于清理通知日期。") }
        if let date, date > req.fazhi.clock.today { errors.add("decisionDate", "决定日期不能晚于今天。") }
        guard errors.isEmpty, let number, let date else { return try await renderShow(req, campaign: campaign, errors: errors, status: .unprocessableEntity) }
        try await applyDecision(campaign: campaign, number: number, date: date, context: req.auditContext, at: req.now,
                                rules: try await DocumentService.rules(on: req.db), on: req.db)
        return req.redirect(to: SiteURL.cleanup(.value(campaign.id!)).path(query: [("done", "saved")]), redirectType: .normal)
    }

    /// Shared by the page and the demo loader: one path for applying a decision.
    static func applyDecision(campaign: CleanupCampaignModel, number: String, date: LocalDate, context: AuditContext, at now: Date,
                              rules: DocumentRules, on db: any Database) async throws {
        let campaignID = try campaign.requireID()
        try await db.writeTransaction { tx in
            let rows = try await CleanupEntryModel.query(on: tx).filter(\.$campaign.$id == campaignID).with(\.$document).all()
            let entries = rows.compactMap { row in row.outcome.flatMap(CleanupOutcome.init(rawValue:)).map {
                CleanupEntry(documentID: row.$document.id, outcome: $0, reason: row.reason)
            } }
            let applications: [CleanupApplication]
            switch CleanupCampaignRules.apply(scope: rows.map(\.$document.id), entries: entries, decisionDate: date, decisionNumber: number) {
            case .failure(let refusal): throw Abort(.conflict, reason: refusal.description)
            case .success(let result): applications = result
            }
            let documents = Dictionary(uniqueKeysWithValues: rows.map { ($0.$document.id, $0.document) })
            for application in applications {
                var linked: UUID?
                if application.change.kind == .republished, let old = documents[application.documentID] {
                    linked = try await republish(old, on: date, basis: number, rules: rules, at: now, on: tx)
                }
                try await DocumentService.addChange(to: application.documentID, kind: application.change.kind, date: date, basis: number,
                                                    linked: linked, campaign: campaignID,
                                                    note: "清理：\(campaign.title)", at: now, on: tx)
            }
            campaign.decisionNumber = number
            campaign.decisionDate = date.description
            campaign.state = CampaignState.applied.rawValue
            try await campaign.update(on: tx)
            let tally = CleanupCampaignRules.tally(entries)
            try await AuditLog.append(AuditEvent(
                "documents.cleanup.applied", subjectType: "cleanup", subjectID: campaignID.uuidString,
                detail: "\(number)（\(date)）：清理 \(tally.total) 件，继续有效 \(tally.continued)、修改 \(tally.amended)、废止 \(tally.repealed)、宣布失效 \(tally.declaredInvalid)、重新公布 \(tally.republished)"),
                context: context, at: now, on: tx)
        }
    }

    /// 重新公布: a successor with a new registration number in the decision's year, linked to its predecessor,
    /// published and in force from the decision date.
    static func republish(_ old: DocumentModel, on date: LocalDate, basis: String, rules: DocumentRules, at now: Date,
                          on tx: any Database) async throws -> UUID {
        let next = try await DocumentService.nextRegistration(year: date.year, rules: rules, on: tx)
        let successor = DocumentModel()
        successor.id = UUID()
        successor.$draftingUnit.id = old.$draftingUnit.id
        successor.$issuingUnit.id = old.$issuingUnit.id
        successor.title = old.title
        successor.body = old.body
        successor.term = old.term
        successor.marketRelated = old.marketRelated
        successor.state = DocumentState.filed.rawValue
        successor.registrationNumber = next.number
        successor.registrationYear = date.year
        successor.registrationSequence = next.sequence
        successor.publishedOn = date.description
        successor.effectiveOn = date.description
        successor.immediateReason = "经清理重新公布，继续施行（\(basis)）"
        successor.predecessorID = old.id
        successor.createdAt = now
        successor.updatedAt = now
        try await successor.create(on: tx)
        try await DocumentService.index(successor, on: tx)
        return successor.id!
    }

    static func publish(_ req: Request) async throws -> Response {
        let campaign = try await load(req)
        guard campaign.state == CampaignState.applied.rawValue else { throw Abort(.conflict, reason: "应先作出清理决定，再公布结果。") }
        let context = req.auditContext
        let now = req.now
        try await req.db.writeTransaction { tx in
            campaign.state = CampaignState.published.rawValue
            try await campaign.update(on: tx)
            try await AuditLog.append(AuditEvent("documents.cleanup.published", subjectType: "cleanup", subjectID: campaign.id!.uuidString,
                                                 detail: "公布清理结果：\(campaign.title)"), context: context, at: now, on: tx)
        }
        return req.redirect(to: SiteURL.cleanup(.value(campaign.id!)).path(query: [("done", "saved")]), redirectType: .normal)
    }

    static func exportTable(_ campaign: CleanupCampaignModel, entries: [CleanupEntryModel]) -> ExportTable {
        ExportTable(title: "清理结果", header: ["序号", "文号", "统一登记号", "标题", "制定机关", "公布日期", "清理结果", "理由"],
                    rows: entries.enumerated().map { index, entry in
                        [.integer(index + 1), .optionalText(entry.document.documentNumber), .optionalText(entry.document.registrationNumber),
                         .text(entry.document.title), .text(entry.document.issuingUnit.name), .optionalDate(entry.document.published),
                         .text(entry.outcome.flatMap(CleanupOutcome.init(rawValue:))?.label ?? "未定"), .text(entry.reason)]
                    })
    }

    static func export(_ format: SiteURL.ExportFormat, publicOnly: Bool) -> @Sendable (Request) async throws -> Response {
        { req in
            let campaign = try await load(req)
            if publicOnly, campaign.state != CampaignState.published.rawValue { throw Abort(.notFound) }
            let rows = try await entries(campaign.id!, on: req.db)
            try await req.audit(AuditEvent("documents.cleanup.exported", subjectType: "cleanup", subjectID: campaign.id!.uuidString,
                                           detail: "导出清理结果 \(rows.count) 件（\(format.rawValue)）"))
            return try exportTable(campaign, entries: rows).response(format, filename: "\(campaign.title)结果")
        }
    }
}
