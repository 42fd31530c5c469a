import FazhiCore
import Fluent
import Foundation
import Vapor

/// The register of normative documents and each document's lifecycle. Handlers parse, check
/// record access, call the rules in FazhiCore through the workflow engine, and render.
enum DocumentsController {
    // MARK: Register

    static func register(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = req.queryForm
        let filter = DocumentFilter(form)
        let requested = PageInfo.requested(form)
        var result = try await filter.page(for: user.actor, publicOnly: false, today: req.fazhi.clock.today,
                                           offset: requested.offset, limit: requested.per, on: req.db)
        let page = PageInfo.from(form, total: result.total)
        if page.page != requested.page {
            result = try await filter.page(for: user.actor, publicOnly: false, today: req.fazhi.clock.today, offset: page.offset, limit: page.per, on: req.db)
        }
        let frame = try await req.frame("规范性文件登记簿", crumbs: [Crumb("规范性文件")], nav: "documents")
        return htmlResponse(DocumentPages.register(
            frame, user: user, rows: result.rows, page: page, filter: filter,
            issuers: try await DocumentFilter.issuers(on: req.db)))
    }

    static func export(_ format: SiteURL.ExportFormat) -> @Sendable (Request) async throws -> Response {
        { req in
            let user = try req.requireUser()
            let filter = DocumentFilter(req.queryForm)
            let rows = try await filter.rows(for: user.actor, publicOnly: false, today: req.fazhi.clock.today, on: req.db)
            try await req.audit(AuditEvent("documents.exported", subjectType: "document", detail: "导出规范性文件登记簿 \(rows.count) 件（\(format.rawValue)）"))
            return try DocumentPages.exportTable(rows, title: "规范性文件登记簿").response(format, filename: "规范性文件登记簿")
        }
    }

    // MARK: Create and edit drafts

    static func newDocument(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        return try await renderForm(req, document: nil, values: ["draftingUnit": user.unitID.uuidString, "term": "standard"], errors: FieldErrors())
    }

    static func edit(_ req: Request) async throws -> Response {
        let (document, _) = try await load(req, write: true)
        guard document.documentState == .draft else {
            throw Abort(.conflict, reason: "只有「起草」状态的文件可以修改；请先退回起草。")
        }
        return try await renderForm(req, document: document, values: [
            "title": document.title, "issuer": document.$issuingUnit.id.uuidString, "draftingUnit": document.$draftingUnit.id.uuidString,
            "term": document.term, "marketRelated": document.marketRelated ? "on" : "", "body": document.body,
        ], errors: FieldErrors())
    }

    static func renderForm(_ req: Request, document: DocumentModel?, values: [String: String], errors: FieldErrors) async throws -> Response {
        let user = try req.requireUser()
        let title = document == nil ? "起草规范性文件" : "修改草案"
        var crumbs = [Crumb("规范性文件", .documents)]
        if let document { crumbs.append(Crumb(document.title, .document(.value(document.id!)))) }
        crumbs.append(Crumb(title))
        let frame = try await req.frame(title, crumbs: crumbs, nav: "documents")
        let issuers = try await DocumentFilter.issuers(on: req.db)
        let drafters = user.has(.writeAllRecords)
            ? try await UnitModel.query(on: req.db).filter(\.$active == true).sort(\.$name).all()
            : try await UnitModel.query(on: req.db).filter(\.$id == user.unitID).all()
        return htmlResponse(DocumentPages.form(frame, document: document, values: values, errors: errors, issuers: issuers, drafters: drafters),
                            status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    /// Validates the draft form; the term follows the title (暂行/试行 → 2 years) per ValidityRule.
    static func parseDraft(_ req: Request, rules: DocumentRules) async throws -> (fields: DraftFields?, errors: FieldErrors) {
        let user = try req.requireUser()
        let form = req.form
        var errors = FieldErrors()
        let title = TextRule(label: "文件标题", maxLength: 200).clean(form["title"], field: "title", into: &errors)
        let body = TextRule(label: "文件正文", required: false, maxLength: 200_000, multiline: true).clean(form["body"], field: "body", into: &errors) ?? ""
        var issuer: UnitModel?
        if let id = form["issuer"].flatMap(UUID.init(uuidString:)), let unit = try await UnitModel.find(id, on: req.db) {
            issuer = unit
        } else {
            errors.add("issuer", "请选择「制定机关」。")
        }
        var drafting: UnitModel?
        if let id = form["draftingUnit"].flatMap(UUID.init(uuidString:)), let unit = try await UnitModel.find(id, on: req.db),
           user.actor.canWrite(recordOf: id) {
            drafting = unit
        } else {
            errors.add("draftingUnit", "请选择「起草单位」（单位填报员只能为本单位起草）。")
        }
        var term: ValidityTerm?
        if let title {
            let requested = ValidityTerm(code: form["term"] ?? "")
            switch ValidityRule(rules: rules).term(forTitle: title, requested: requested, phaseOfWork: form["term"] == "provisional",
                                                   repealOnly: form["term"] == "longTerm", effective: nil) {
            case .success(let value): term = value
            case .failure(let more): errors.merge(more)
            }
        }
        guard errors.isEmpty, let title, let issuer, let drafting, let term else { return (nil, errors) }
        return (DraftFields(title: title, body: body, issuerID: try issuer.requireID(), draftingUnitID: try drafting.requireID(),
                            term: term, marketRelated: form["marketRelated"] == "on"), errors)
    }

    struct DraftFields: Sendable {
        let title: String
        let body: String
        let issuerID: UUID
        let draftingUnitID: UUID
        let term: ValidityTerm
        let marketRelated: Bool
    }

    static func create(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let rules = try await DocumentService.rules(on: req.db)
        let (parsed, errors) = try await parseDraft(req, rules: rules)
        guard let fields = parsed else { return try await renderForm(req, document: nil, values: req.form.flat, errors: errors) }
        let now = req.now
        let context = req.auditContext
        let document = DocumentModel()
        document.id = UUID()
        document.$draftingUnit.id = fields.draftingUnitID
        document.$issuingUnit.id = fields.issuerID
        document.title = fields.title
        document.body = fields.body
        document.term = fields.term.code
        document.marketRelated = fields.marketRelated
        document.state = DocumentState.draft.rawValue
        document.drafterID = user.id
        document.createdAt = now
        document.updatedAt = now
        try await req.db.writeTransaction { tx in
            try await document.create(on: tx)
            try await DocumentService.index(document, on: tx)
            try await AuditLog.append(AuditEvent("documents.created", subjectType: "document", subjectID: document.id!.uuidString,
                                                 detail: "起草：\(fields.title)"), context: context, at: now, on: tx)
        }
        return req.redirect(to: SiteURL.document(.value(document.id!)).path(query: [("done", "created")]), redirectType: .normal)
    }

    static func update(_ req: Request) async throws -> Response {
        let (document, _) = try await load(req, write: true)
        guard document.documentState == .draft else { throw Abort(.conflict, reason: "只有「起草」状态的文件可以修改；请先退回起草。") }
        let rules = try await DocumentService.rules(on: req.db)
        let (parsed, errors) = try await parseDraft(req, rules: rules)
        guard let fields = parsed else { return try await renderForm(req, document: document, values: req.form.flat, errors: errors) }
        let now = req.now
        let context = req.auditContext
        try await req.db.writeTransaction { tx in
            document.title = fields.title
            document.body = fields.body
            document.$issuingUnit.id = fields.issuerID
            document.$draftingUnit.id = fields.draftingUnitID
            document.term = fields.term.code
            document.marketRelated = fields.marketRelated
            document.updatedAt = now
            try await document.update(on: tx)
            try await DocumentService.index(document, on: tx)
            try await AuditLog.append(AuditEvent("documents.updated", subjectType: "document", subjectID: document.id!.uuidString,
                                                 detail: "修改草案：\(fields.title)"), context: context, at: now, on: tx)
        }
        return req.redirect(to: SiteURL.document(.value(document.id!)).path(query: [("done", "saved")]), redirectType: .normal)
    }

    // MARK: One document

    /// Loads the document named in the path; another unit's document is 404 (record level), and a write needs
    /// write access to its unit.
    static func load(_ req: Request, write: Bool = false) async throws -> (DocumentModel, CurrentUser) {
        let user = try req.requireUser()
        guard let id = req.parameters.get("documentID", as: UUID.self),
              let document = try await DocumentModel.query(on: req.db).filter(\.$id == id)
                .with(\.$issuingUnit).with(\.$draftingUnit).first(),
              user.actor.canRead(recordOf: document.ownerUnitID) else {
            throw Abort(.notFound)
        }
        if write, !user.actor.canWrite(recordOf: document.ownerUnitID) { throw Abort(.forbidden) }
        return (document, user)
    }

    static func show(_ req: Request) async throws -> Response {
        let (document, user) = try await load(req)
        return try await renderShow(req, document: document, user: user, errors: FieldErrors(), openForm: nil)
    }

    static func renderShow(_ req: Request, document: DocumentModel, user: CurrentUser, errors: FieldErrors, openForm: String?,
                           status: HTTPResponseStatus = .ok) async throws -> Response {
        let id = try document.requireID()
        let rules = try await DocumentService.rules(on: req.db)
        let calendar = try await req.legalCalendar()
        let today = req.fazhi.clock.today
        let changeModels = try await DocumentService.changes(of: id, on: req.db)
        let changes = changeModels.compactMap(\.change)
        let reviews = try await ReviewModel.query(on: req.db).filter(\.$subjectType == ReviewSubjectType.document.rawValue)
            .filter(\.$subjectID == id).sort(\.$createdAt).all()
        let comments = try await DocumentCommentModel.query(on: req.db).filter(\.$document.$id == id).sort(\.$receivedOn).all()
        let attachments = try await Attachments.list("document", id, on: req.db)
        let context = try await DocumentService.context(for: document, actingUserID: user.id, today: today, rules: rules,
                                                        calendar: calendar, on: req.db)
        let definition = DocumentWorkflow.definition(rules: rules)
        let canWrite = user.actor.canWrite(recordOf: document.ownerUnitID)
        let moves = canWrite ? definition.transitions.filter { $0.from == document.documentState && !$0.roles.isDisjoint(with: user.roles) } : []
        var related: [UUID: DocumentModel] = [:]
        let relatedIDs = Set(changes.compactMap(\.linkedDocumentID) + [document.predecessorID].compactMap { $0})
        if !relatedIDs.isEmpty {
            for model in try await DocumentModel.query(on: req.db).filter(\.$id ~~ Array(relatedIDs)).all() { related[model.id!] = model }
        }
        let successors = try await DocumentModel.query(on: req.db).filter(\.$predecessorID == id).all()
        let pointing = try await DocumentChangeModel.query(on: req.db).filter(\.$linkedDocumentID == id).with(\.$document).all()
        let onDate = req.queryForm["on"].flatMap(LocalDate.init(iso:))
        var deadlines: [DocumentPages.DeadlineLine] = []
        if document.documentState == .legalityReview, let received = document.reviewRequestedOn.flatMap(LocalDate.init(iso:)) {
            let period = ReviewPeriodRule(rules: rules).reviewDeadline(received: received)
            if let due = try? calendar.dueDate(of: period) {
                deadlines.append(.init(label: "合法性审查期限", due: due,
                                       status: DeadlineStatusRule().status(due: due, today: today, completedOn: nil, calendar: calendar)))
            }
        }
        if let published = document.published {
            if let due = try? calendar.dueDate(of: FilingRule(rules: rules).filingPeriod(published: published)) {
                deadlines.append(.init(label: "备案期限（公布后 \(rules.filingDays) 日内）", due: due,
                                       status: DeadlineStatusRule().status(due: due, today: today, completedOn: document.filed, calendar: calendar),
                                       late: document.filed.map { FilingRule(rules: rules).isLate(filedOn: $0, due: due) } ?? false))
            }
        }
        let frame = try await req.frame(document.title, crumbs: [Crumb("规范性文件", .documents), Crumb(document.documentNumber ?? "草案")],
                                         nav: "documents")
        let model = DocumentPages.ShowModel(
            document: document, user: user, rules: rules, today: today, changes: changeModels, reviews: reviews, comments: comments,
            attachments: attachments, context: context, moves: moves, canWrite: canWrite, related: related, successors: successors,
            pointing: pointing, statusOn: onDate.map { ($0, DocumentService.legalStatus(document, changes: changes, on: $0, rules: rules)) },
            deadlines: deadlines, errors: errors, openForm: openForm,
            validUntil: DocumentService.validUntil(document, rules: rules),
            status: DocumentService.legalStatus(document, changes: changes, on: today, rules: rules),
            advisers: try await AdviserQuery.engagementCard(.document, id: document.id!, user: user, today: today, on: req.db),
            // `load` reads both relations with the document.
            issuingUnitName: document.$issuingUnit.value?.name ?? "", draftingUnitName: document.$draftingUnit.value?.name ?? "")
        return htmlResponse(DocumentPages.show(frame, model), status: status)
    }

    // MARK: Lifecycle steps (one workflow table, every step audited)

    static func step(_ event: DocumentEvent) -> @Sendable (Request) async throws -> Response {
        { req in
            let (document, user) = try await load(req, write: true)
            let rules = try await DocumentService.rules(on: req.db)
            let calendar = try await req.legalCalendar()
            let today = req.fazhi.clock.today
            let form = req.form
            var errors = FieldErrors()
            var apply: @Sendable (DocumentModel) -> Void = { _ in }
            var detail = ""
            var registrationYear: Int?
            switch event {
            case .openComment:
                let start = DateRule(label: "征求意见开始日期").clean(form["commentStart"], field: "commentStart", into: &errors)
                let end = DateRule(label: "征求意见截止日期").clean(form["commentEnd"], field: "commentEnd", into: &errors)
                let channel = TextRule(label: "公布渠道", maxLength: 200).clean(form["commentChannel"], field: "commentChannel", into: &errors)
                if let start, let end {
                    // ≥ 7 working days, ≥ 30 days for market-related documents (docs/RULES.md "documents").
                    errors.merge(CommentPeriodRule(rules: rules).check(start: start, end: end, marketRelated: document.marketRelated, calendar: calendar))
                }
                apply = { $0.commentStart = start?.description; $0.commentEnd = end?.description; $0.commentChannel = channel }
                detail = "征求意见 \(start?.description ?? "") 至 \(end?.description ?? "")，\(channel ?? "")"
            case .submitForReview:
                let reason = TextRule(label: "不公开征求意见的理由", maxLength: 500, multiline: true)
                    .clean(form["commentExemptReason"], field: "commentExemptReason", into: &errors)
                apply = { $0.commentExemptReason = reason; $0.reviewRequestedOn = today.description }
                detail = "不征求意见，理由：\(reason ?? "")"
            case .recordDeliberation:
                let meeting = TextRule(label: "会议类型", maxLength: 40).clean(form["meeting"], field: "meeting", into: &errors)
                let date = DateRule(label: "会议日期").clean(form["meetingDate"], field: "meetingDate", into: &errors)
                let minutes = TextRule(label: "会议纪要文号", maxLength: 100).clean(form["minutes"], field: "minutes", into: &errors)
                if let date, date > today { errors.add("meetingDate", "「会议日期」不能晚于今天。") }
                if let date, let review = try await DocumentService.latestReview(of: document.id!, on: req.db)?.decided, date < review {
                    errors.add("meetingDate", "集体审议应在合法性审查之后（审查意见日期 \(review.chinese)）。")
                }
                apply = { $0.deliberationMeeting = meeting; $0.deliberationDate = date?.description; $0.minutesReference = minutes }
                detail = "\(meeting ?? "") \(date?.description ?? "")，\(minutes ?? "")"
            case .register:
                let number = parseDocumentNumber(form["documentNumber"], into: &errors)
                if let number, let clash = try await DocumentModel.query(on: req.db).filter(\.$documentNumber == number.description).first(),
                   clash.id != document.id {
                    errors.add("documentNumber", "文号 \(number) 已被「\(clash.title)」使用。")
                }
                registrationYear = number?.year
                apply = { $0.documentNumber = number?.description }
                detail = "文号 \(number?.description ?? "")"
            case .publish:
                let published = DateRule(label: "公布日期").clean(form["publishedOn"], field: "publishedOn", into: &errors)
                let effective = DateRule(label: "施行日期").clean(form["effectiveOn"], field: "effectiveOn", into: &errors)
                let immediate = form["immediate"] == "on"
                let reason = TextRule(label: "自公布之日起施行的理由", required: false, maxLength: 500, multiline: true)
                    .clean(form["immediateReason"], field: "immediateReason", into: &errors)
                if let published, published > today { errors.add("publishedOn", "「公布日期」不能晚于今天。") }
                if let published, let deliberated = document.deliberationDate.flatMap(LocalDate.init(iso:)), published < deliberated {
                    errors.add("publishedOn", "公布日期不能早于集体审议日期（\(deliberated.chinese)）。")
                }
                if let published, let effective {
                    errors.merge(PublicationRule(rules: rules).check(published: published, effective: effective, immediate: immediate, reason: reason))
                }
                apply = { $0.publishedOn = published?.description; $0.effectiveOn = effective?.description; $0.immediateReason = immediate ? reason : nil }
                detail = "公布 \(published?.description ?? "")，施行 \(effective?.description ?? "")" + (immediate ? "（自公布之日起施行：\(reason ?? "")）" : "")
            case .file:
                let filed = DateRule(label: "备案日期").clean(form["filedOn"], field: "filedOn", into: &errors)
                if let filed, let published = document.published, filed < published { errors.add("filedOn", "「备案日期」不能早于公布日期。") }
                if let filed, filed > today { errors.add("filedOn", "「备案日期」不能晚于今天。") }
                apply = { $0.filedOn = filed?.description }
                if let filed, let published = document.published, let due = try? calendar.dueDate(of: FilingRule(rules: rules).filingPeriod(published: published)) {
                    detail = "备案 \(filed)" + (FilingRule(rules: rules).isLate(filedOn: filed, due: due) ? "（逾期，应于 \(due) 前备案）" : "")
                }
            case .closeComment, .returnToDraft:
                if event == .closeComment { apply = { $0.reviewRequestedOn = today.description } }
                let note = TextRule(label: "说明", required: false, maxLength: 500, multiline: true).clean(form["note"], field: "note", into: &errors)
                detail = note ?? ""
            case .recordReview:
                throw Abort(.notFound)  // through the review form only
            }
            guard errors.isEmpty else {
                return try await renderShow(req, document: document, user: user, errors: errors, openForm: event.rawValue, status: .unprocessableEntity)
            }
            let finalApply = apply
            let rulesCopy = rules
            let year = registrationYear
            let now = req.now
            do {
                _ = try await WorkflowRunner.apply(
                    event, to: document.id!, of: DocumentModel.self, definition: DocumentWorkflow.definition(rules: rules), actor: user.actor,
                    audit: req.auditContext, at: now, on: req.db,
                    context: { record, tx in
                        finalApply(record)
                        return try await DocumentService.context(for: record, actingUserID: user.id, today: today, rules: rulesCopy,
                                                                 calendar: calendar, on: tx)
                    },
                    changes: { record, tx in
                        if event == .register, let year {
                            let next = try await DocumentService.nextRegistration(year: year, rules: rulesCopy, on: tx)
                            record.registrationNumber = next.number
                            record.registrationYear = year
                            record.registrationSequence = next.sequence
                        }
                        record.updatedAt = now
                        try await record.update(on: tx)
                        try await DocumentService.index(record, on: tx)
                        if event == .publish, let predecessor = record.predecessorID, let effective = record.effective {
                            // 重新公布: the predecessor gives way on the day its successor takes effect, so the
                            // matter is never left without a document in force.
                            try await DocumentService.addChange(to: predecessor, kind: .republished, date: effective,
                                                                basis: record.documentNumber ?? record.registrationNumber ?? "",
                                                                linked: record.id, campaign: nil, note: "由新文件重新公布", at: now, on: tx)
                        }
                    },
                    detail: detail)
            } catch let refusal as WorkflowRefusal {
                return try await renderShow(req, document: document, user: user, errors: FieldErrors("workflow", refusal.message),
                                            openForm: event.rawValue, status: .conflict)
            }
            return req.redirect(to: SiteURL.document(.value(document.id!)).path(query: [("done", "saved")]), redirectType: .normal)
        }
    }

    static func parseDocumentNumber(_ raw: String?, into errors: inout FieldErrors) -> DocumentNumber? {
        let text = (raw ?? "").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else {
            errors.add("documentNumber", "请填写「文号」，例如 凤政发〔2020〕11号。")
            return nil
        }
        switch DocumentNumber.validate(text) {
        case .success(let number): return number
        case .failure(let problem):
            errors.add("documentNumber", problem.message)
            return nil
        }
    }

    // MARK: Legality review (the shared Review)

    static func review(_ req: Request) async throws -> Response {
        let (document, user) = try await load(req, write: true)
        let form = req.form
        let today = req.fazhi.clock.today
        let draft: ReviewDraft
        switch ReviewDraft.validate(received: form["received"], decided: form["decided"], opinion: form["opinion"],
                                    reasons: form["reasons"], today: today) {
        case .failure(let errors):
            return try await renderShow(req, document: document, user: user, errors: errors, openForm: "review", status: .unprocessableEntity)
        case .success(let valid): draft = valid
        }
        let rules = try await DocumentService.rules(on: req.db)
        let calendar = try await req.legalCalendar()
        let now = req.now
        return try await req.workflowStep(
            DocumentEvent.afterReview(passed: draft.opinion.passed), on: document.id!, of: DocumentModel.self,
            definition: DocumentWorkflow.definition(rules: rules), actor: user.actor,
            context: { record, tx in
                var context = try await DocumentService.context(for: record, actingUserID: user.id, today: today, rules: rules,
                                                                calendar: calendar, on: tx)
                context.reviewPassed = draft.opinion.passed
                return context
            },
            changes: { record, tx in
                try await ReviewModel.record(.document, id: record.id!, owner: record.ownerUnitID, reviewerID: user.id, reviewerName: user.displayName,
                                             received: draft.received.description, decided: draft.decided.description, opinion: draft.opinion,
                                             reasons: draft.reasons, at: now, on: tx)
            },
            detail: "审查意见：\(draft.opinion.label)。\(draft.reasons)", done: .document(.value(document.id!)),
            refused: { try await renderShow(req, document: document, user: user, errors: FieldErrors("workflow", $0.message), openForm: "review", status: .conflict) })
    }

    // MARK: Public comments received

    static func addComment(_ req: Request) async throws -> Response {
        let (document, user) = try await load(req, write: true)
        guard [.publicComment, .legalityReview].contains(document.documentState) else {
            throw Abort(.conflict, reason: "只有征求意见期间或其后的审查阶段可以登记收到的意见。")
        }
        let form = req.form
        var errors = FieldErrors()
        let received = DateRule(label: "收到日期").clean(form["receivedOn"], field: "receivedOn", into: &errors)
        let commenter = TextRule(label: "提出人", required: false, maxLength: 100).clean(form["commenter"], field: "commenter", into: &errors)
        let content = TextRule(label: "意见内容", maxLength: 4000, multiline: true).clean(form["content"], field: "content", into: &errors)
        let handling = TextRule(label: "处理情况", required: false, maxLength: 4000, multiline: true).clean(form["handling"], field: "handling", into: &errors)
        if let received, received > req.fazhi.clock.today { errors.add("receivedOn", "「收到日期」不能晚于今天。") }
        guard errors.isEmpty, let received, let content else {
            return try await renderShow(req, document: document, user: user, errors: errors, openForm: "comment", status: .unprocessableEntity)
        }
        let comment = DocumentCommentModel()
        comment.$document.id = document.id!
        comment.receivedOn = received.description
        comment.commenter = commenter ?? "匿名"
        comment.content = content
        comment.handling = handling ?? ""
        comment.createdAt = req.now
        try await req.create(comment, audit: AuditEvent("documents.comment.recorded", subjectType: "document", subjectID: document.id!.uuidString,
                                                        detail: "登记公众意见（\(received)）"))
        return req.redirect(to: SiteURL.document(.value(document.id!)).path(query: [("done", "saved")]) + "#comments", redirectType: .normal)
    }

    // MARK: Changes of legal force: 修改, 废止, 宣布失效, 重新公布

    static func addChange(_ req: Request) async throws -> Response {
        let (document, user) = try await load(req, write: true)
        guard user.has(.writeAllRecords) else { throw Abort(.forbidden) }
        guard let published = document.published else {
            throw Abort(.conflict, reason: "未公布的文件没有效力可以变更。")
        }
        let form = req.form
        var errors = FieldErrors()
        let kind = DocumentChange.Kind(rawValue: form["kind"] ?? "").flatMap { $0 == .continued ? nil : $0 }
        if kind == nil { errors.add("kind", "请选择变更类型：修改、废止、宣布失效或重新公布。") }
        let date = DateRule(label: "变更日期").clean(form["date"], field: "date", into: &errors)
        let basis = DocumentNumber.clean(form["basis"], field: "basis", label: "依据文号", into: &errors)
        let note = TextRule(label: "说明", required: false, maxLength: 1000, multiline: true).clean(form["note"], field: "note", into: &errors) ?? ""
        if let date, date < published { errors.add("date", "变更日期不能早于该文件的公布日期（\(published.chinese)）。") }
        var linked: DocumentModel?
        if let reference = form["linked"]?.trimmingCharacters(in: .whitespaces), !reference.isEmpty {
            linked = try await DocumentModel.query(on: req.db).group(.or) {
                $0.filter(\.$documentNumber == reference).filter(\.$registrationNumber == reference)
            }.first()
            if linked == nil { errors.add("linked", "找不到文号或登记号为「\(String(reference.prefix(40)))」的文件。") }
            if linked?.id == document.id { errors.add("linked", "关联文件不能是它自己。") }
        } else if kind == .amended {
            errors.add("linked", "修改应关联作出修改的文件（填写其文号或统一登记号）。")
        }
        let changes = try await DocumentService.changes(of: document.id!, on: req.db).compactMap(\.change)
        if let date, let ending = DocumentStatusTimeline.ending(validUntil: nil, changes: changes), ending.date <= date, kind != .amended {
            errors.add("date", "该文件已于 \(ending.date.chinese) \(ending.status.label)。")
        }
        guard errors.isEmpty, let kind, let date, let basis else {
            return try await renderShow(req, document: document, user: user, errors: errors, openForm: "change", status: .unprocessableEntity)
        }
        let now = req.now
        let context = req.auditContext
        let linkedID = linked?.id
        try await req.db.writeTransaction { tx in
            try await DocumentService.addChange(to: document.id!, kind: kind, date: date, basis: basis, linked: linkedID, campaign: nil,
                                                note: note, at: now, on: tx, context: context)
        }
        return req.redirect(to: SiteURL.document(.value(document.id!)).path(query: [("done", "saved")]) + "#timeline", redirectType: .normal)
    }

    /// 重新公布 of a document in force: a new draft with the same text, linked to its predecessor. It goes through
    /// the whole lifecycle (new registration number); its publication ends the predecessor.
    static func republishDraft(_ req: Request) async throws -> Response {
        let (document, user) = try await load(req, write: true)
        let rules = try await DocumentService.rules(on: req.db)
        let changes = try await DocumentService.changes(of: document.id!, on: req.db).compactMap(\.change)
        guard DocumentService.legalStatus(document, changes: changes, on: req.fazhi.clock.today, rules: rules)?.isInForce == true else {
            throw Abort(.conflict, reason: "只有现行有效的文件可以重新公布。")
        }
        if let existing = try await DocumentModel.query(on: req.db).filter(\.$predecessorID == document.id!).filter(\.$publishedOn == nil).first() {
            return req.redirect(to: SiteURL.document(.value(existing.id!)).path, redirectType: .normal)
        }
        let now = req.now
        let context = req.auditContext
        let draft = DocumentModel()
        draft.id = UUID()
        draft.$draftingUnit.id = document.$draftingUnit.id
        draft.$issuingUnit.id = document.$issuingUnit.id
        draft.title = document.title
        draft.body = document.body
        draft.term = document.term
        draft.marketRelated = document.marketRelated
        draft.state = DocumentState.draft.rawValue
        draft.drafterID = user.id
        draft.predecessorID = document.id
        draft.createdAt = now
        draft.updatedAt = now
        try await req.db.writeTransaction { tx in
            try await draft.create(on: tx)
            try await DocumentService.index(draft, on: tx)
            try await AuditLog.append(AuditEvent("documents.created", subjectType: "document", subjectID: draft.id!.uuidString,
                                                 detail: "起草重新公布文件：\(document.documentNumber ?? document.title)"), context: context, at: now, on: tx)
        }
        return req.redirect(to: SiteURL.document(.value(draft.id!)).path(query: [("done", "created")]), redirectType: .normal)
    }

    // MARK: Attachments

    static func upload(_ req: Request) async throws -> Response {
        let (document, _) = try await load(req, write: true)
        try await Attachments.save(from: req, subjectType: "document", subjectID: document.id!, ownerUnitID: document.ownerUnitID,
                                   action: "documents.attachment.added", publishable: true)
        return req.redirect(to: SiteURL.document(.value(document.id!)).path(query: [("done", "saved")]) + "#attachments", redirectType: .normal)
    }

    static func download(_ req: Request) async throws -> Response {
        let (document, _) = try await load(req)
        return try await Attachments.download(req, subjectType: "document", subjectID: document.id!, publicOnly: false)
    }

    // MARK: Rules (the [verify] figures, a setting of the legal office)

}

extension DocumentService {
    /// Records a change of legal force, audited, inside the caller's write transaction.
    static func addChange(to documentID: UUID, kind: DocumentChange.Kind, date: LocalDate, basis: String, linked: UUID?, campaign: UUID?,
                          note: String, at now: Date, on tx: any Database, context: AuditContext? = nil) async throws {
        let change = DocumentChangeModel()
        change.$document.id = documentID
        change.kind = kind.rawValue
        change.date = date.description
        change.basis = basis
        change.linkedDocumentID = linked
        change.campaignID = campaign
        change.note = note
        change.createdAt = now
        try await change.create(on: tx)
        if let context {
            try await AuditLog.append(AuditEvent("documents.change.\(kind.rawValue)", subjectType: "document", subjectID: documentID.uuidString,
                                                 detail: "\(kind.label)（\(date)，依据 \(basis)）\(note.isEmpty ? "" : "：\(note)")"),
                                      context: context, at: now, on: tx)
        }
    }
}
