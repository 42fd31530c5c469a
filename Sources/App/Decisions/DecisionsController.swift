import FazhiCore
import Fluent
import Foundation
import Vapor

/// Major administrative decisions: the five statutory procedures, the workflow from draft to archive,
/// moderation of public comments, and the annual decision-item catalogue.
enum DecisionsController {
    // MARK: List and create

    static func list(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = req.queryForm
        let year = form["year"].flatMap { $0.count == 4 ? Int($0) : nil }
        let state = DecisionState(rawValue: form["state"] ?? "")
        let search = String((form["q"] ?? "").trimmingCharacters(in: .whitespaces).prefix(60))
        // Filters, record-level access, order and the page in SQL.
        var query = DecisionModel.query(on: req.db).readable(by: user.actor, owner: \.$proposingUnit.$id).with(\.$proposingUnit)
        if let year { query = query.filter(\.$catalogueYear == year) }
        if let state { query = query.filter(\.$state == state.rawValue) }
        if !search.isEmpty { query = query.filter(\.$title ~~ search) }
        let (rows, page) = try await query.sort(\.$catalogueYear, .descending).sort(\.$createdAt, .descending).sort(\.$id).page(form)
        let frame = try await req.frame("重大行政决策", crumbs: [Crumb("重大行政决策")], nav: "decisions")
        return htmlResponse(DecisionPages.list(frame, user: user, rows: rows, page: page,
                                               year: year, state: state, search: search))
    }

    static func new(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        return try await renderForm(req, values: ["unit": user.unitID.uuidString, "year": String(req.fazhi.clock.today.year)], errors: FieldErrors())
    }

    static func renderForm(_ req: Request, decision: DecisionModel? = nil, values: [String: String], errors: FieldErrors) async throws -> Response {
        let user = try req.requireUser()
        let units = user.has(.writeAllRecords)
            ? try await UnitModel.query(on: req.db).filter(\.$active == true).sort(\.$name).all()
            : try await UnitModel.query(on: req.db).filter(\.$id == user.unitID).all()
        let title = decision == nil ? "新建重大行政决策" : "修改决策草案"
        var crumbs = [Crumb("重大行政决策", .decisions)]
        if let decision { crumbs.append(Crumb(decision.title, .decision(.value(decision.id!)))) }
        crumbs.append(Crumb(decision == nil ? "新建" : "修改"))
        let frame = try await req.frame(title, crumbs: crumbs, nav: "decisions")
        return htmlResponse(DecisionPages.form(frame, decision: decision, values: values, errors: errors, units: units),
                            status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    struct DraftFields: Sendable {
        let title: String, basis: String, year: Int, draftText: String, explanation: String, unitID: UUID
    }

    /// The new/edit form, validated: every field checked, the unit one the user may write for.
    static func parseDraft(_ req: Request) async throws -> (DraftFields?, FieldErrors) {
        let user = try req.requireUser()
        let form = req.form
        var errors = FieldErrors()
        let title = TextRule(label: "决策事项名称", maxLength: 200).clean(form["title"], field: "title", into: &errors)
        let basis = TextRule(label: "决策依据", maxLength: 1000, multiline: true).clean(form["basis"], field: "basis", into: &errors)
        let year = IntegerRule(label: "目录年度", range: 2000...2100).clean(form["year"], field: "year", into: &errors)
        let draft = TextRule(label: "决策草案", required: false, maxLength: 100_000, multiline: true).clean(form["draftText"], field: "draftText", into: &errors) ?? ""
        let explanation = TextRule(label: "起草说明", required: false, maxLength: 20_000, multiline: true).clean(form["explanation"], field: "explanation", into: &errors) ?? ""
        let unitID = form["unit"].flatMap(UUID.init(uuidString:))
        let unitExists = (try await unitID.asyncMap { try await UnitModel.find($0, on: req.db) } ?? nil) != nil
        if unitID == nil || !user.actor.canWrite(recordOf: unitID) || !unitExists {
            errors.add("unit", "请选择「决策承办单位」（单位填报员只能为本单位新建）。")
        }
        guard errors.isEmpty, let title, let basis, let year, let unitID else { return (nil, errors) }
        return (DraftFields(title: title, basis: basis, year: year, draftText: draft, explanation: explanation, unitID: unitID), errors)
    }

    static func create(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let (parsed, errors) = try await parseDraft(req)
        guard let fields = parsed else { return try await renderForm(req, values: req.form.flat, errors: errors) }
        let decision = DecisionModel()
        decision.id = UUID()
        fields.apply(to: decision)
        decision.state = DecisionState.draft.rawValue
        decision.drafterID = user.id
        decision.createdAt = req.now
        decision.updatedAt = req.now
        try await req.create(decision, audit: AuditEvent("decisions.created", subjectType: "decision", detail: "新建决策：\(fields.title)"))
        return req.redirect(to: SiteURL.decision(.value(decision.id!)).path(query: [("done", "created")]), redirectType: .normal)
    }

    /// The draft and its explanation are revised until the decision is taken (after the consultation, the
    /// experts' and the review's opinions); from the decision on the record is what was decided.
    static func editable(_ decision: DecisionModel) -> Bool {
        decision.decisionState == .draft || decision.decisionState == .procedures
    }

    static let notEditable = "决策作出后，决策草案和起草说明不能再修改。"

    static func edit(_ req: Request) async throws -> Response {
        let (decision, _) = try await load(req, write: true)
        guard editable(decision) else { throw Abort(.conflict, reason: notEditable) }
        return try await renderForm(req, decision: decision, values: [
            "title": decision.title, "unit": decision.$proposingUnit.id.uuidString, "year": String(decision.catalogueYear), "basis": decision.basis,
            "draftText": decision.draftText, "explanation": decision.explanation,
        ], errors: FieldErrors())
    }

    static func update(_ req: Request) async throws -> Response {
        let (decision, _) = try await load(req, write: true)
        guard editable(decision) else { throw Abort(.conflict, reason: notEditable) }
        let (parsed, errors) = try await parseDraft(req)
        guard let fields = parsed else { return try await renderForm(req, decision: decision, values: req.form.flat, errors: errors) }
        let now = req.now
        let context = req.auditContext
        try await req.db.writeTransaction { tx in
            fields.apply(to: decision)
            decision.updatedAt = now
            try await decision.update(on: tx)
            try await AuditLog.append(AuditEvent("decisions.updated", subjectType: "decision", subjectID: decision.id!.uuidString,
                                                 detail: "修改决策草案：\(fields.title)"), context: context, at: now, on: tx)
        }
        return req.redirect(to: SiteURL.decision(.value(decision.id!)).path(query: [("done", "saved")]), redirectType: .normal)
    }

    // MARK: One decision

    static func load(_ req: Request, write: Bool = false) async throws -> (DecisionModel, CurrentUser) {
        let user = try req.requireUser()
        guard let id = req.parameters.get("decisionID", as: UUID.self),
              let decision = try await DecisionModel.query(on: req.db).filter(\.$id == id).with(\.$proposingUnit).first(),
              user.actor.canRead(recordOf: decision.ownerUnitID) else {
            throw Abort(.notFound)
        }
        if write, !user.actor.canWrite(recordOf: decision.ownerUnitID) { throw Abort(.forbidden) }
        return (decision, user)
    }

    static func show(_ req: Request) async throws -> Response {
        let (decision, user) = try await load(req)
        return try await renderShow(req, decision: decision, user: user, errors: FieldErrors(), open: nil)
    }

    static func renderShow(_ req: Request, decision: DecisionModel, user: CurrentUser, errors: FieldErrors, open: String?,
                           status: HTTPResponseStatus = .ok) async throws -> Response {
        let id = try decision.requireID()
        let rules = try await DecisionService.rules(on: req.db)
        let calendar = try await req.legalCalendar()
        let today = req.fazhi.clock.today
        let stored = try await DecisionService.procedures(of: id, on: req.db)
        let reviews = try await ReviewModel.query(on: req.db).filter(\.$subjectType == ReviewSubjectType.decision.rawValue)
            .filter(\.$subjectID == id).sort(\.$createdAt).all()
        let context = try await DecisionService.context(for: decision, actingUserID: user.id, today: today, calendar: calendar, rules: rules, on: req.db)
        let comments = try await DecisionCommentModel.query(on: req.db).filter(\.$decision.$id == id).sort(\.$submittedAt, .descending).all()
        let canWrite = user.actor.canWrite(recordOf: decision.ownerUnitID)
        let moves = canWrite ? DecisionWorkflow.definition().transitions.filter {
            $0.from == decision.decisionState && !$0.roles.isDisjoint(with: user.roles)
        } : []
        var reviewDeadline: LocalDate?
        if let received = decision.reviewRequestedOn.flatMap(LocalDate.init(iso:)) {
            reviewDeadline = try? DecisionLegalityReviewRule(rules: rules).earliestCompletionDate(received: received, calendar: calendar)
        }
        let frame = try await req.frame(decision.title, crumbs: [Crumb("重大行政决策", .decisions), Crumb(decision.title)], nav: "decisions")
        return htmlResponse(DecisionPages.show(frame, .init(
            decision: decision, user: user, rules: rules, today: today, stored: stored, reviews: reviews, context: context,
            comments: comments, canWrite: canWrite, moves: moves, errors: errors, open: open, reviewEarliest: reviewDeadline,
            attachments: try await Attachments.list("decision", id, on: req.db),
            maskedContacts: DecisionPages.maskedContacts(comments, box: req.fazhi.secretBox),
            advisers: try await AdviserQuery.engagementCard(.decision, id: id, user: user, today: today, on: req.db))), status: status)
    }

    /// Runs one workflow event with its fields (validated first), audited.
    /// `fields` sets what the step records on the decision (dates, texts) before the guards look at it, so a
    /// guard such as "publication recorded" sees the date being submitted; `apply` writes other rows once the
    /// step is allowed.
    static func run(_ req: Request, _ decision: DecisionModel, _ user: CurrentUser, _ event: DecisionEvent, detail: String,
                    withdrawalReason: String? = nil, fields: @escaping @Sendable (DecisionModel) -> Void = { _ in },
                    apply: @escaping @Sendable (DecisionModel, any Database) async throws -> Void = { _, _ in })
        async throws -> Response {
        let rules = try await DecisionService.rules(on: req.db)
        let calendar = try await req.legalCalendar()
        let today = req.fazhi.clock.today
        return try await req.workflowStep(
            event, on: decision.id!, of: DecisionModel.self, definition: DecisionWorkflow.definition(), actor: user.actor,
            context: { record, tx in
                fields(record)
                var context = try await DecisionService.context(for: record, actingUserID: user.id, today: today, calendar: calendar, rules: rules, on: tx)
                context.withdrawalReason = withdrawalReason
                return context
            },
            changes: apply, detail: detail, done: .decision(.value(decision.id!)),
            refused: { try await renderShow(req, decision: decision, user: user, errors: FieldErrors("workflow", $0.message), open: event.rawValue,
                                            status: .conflict) })
    }

    static func step(_ event: DecisionEvent) -> @Sendable (Request) async throws -> Response {
        { req in
            let (decision, user) = try await load(req, write: true)
            let form = req.form
            let today = req.fazhi.clock.today
            var errors = FieldErrors()
            switch event {
            case .startProcedures, .submitForDiscussion, .returnToDraft, .returnToProcedures:
                return try await run(req, decision, user, event, detail: "")
            case .withdraw:
                let reason = TextRule(label: "终止理由", maxLength: 500, multiline: true).clean(form["reason"], field: "reason", into: &errors)
                guard errors.isEmpty else { return try await renderShow(req, decision: decision, user: user, errors: errors, open: event.rawValue, status: .unprocessableEntity) }
                return try await run(req, decision, user, event, detail: "终止：\(reason ?? "")", withdrawalReason: reason)
            case .recordDecision:
                let decided = DateRule(label: "决定日期").clean(form["decidedOn"], field: "decidedOn", into: &errors)
                if let decided, decided > today { errors.add("decidedOn", "「决定日期」不能晚于今天。") }
                guard errors.isEmpty, let decided else { return try await renderShow(req, decision: decision, user: user, errors: errors, open: event.rawValue, status: .unprocessableEntity) }
                let rules = try await DecisionService.rules(on: req.db)
                let due = PostDecisionEvaluationRule(rules: rules).evaluationDue(decidedOn: decided)
                return try await run(req, decision, user, event, detail: "决定 \(decided)", fields: { record in
                    record.decidedOn = decided.description
                    record.evaluationDue = due.description
                })
            case .publish:
                let published = DateRule(label: "公布日期").clean(form["publishedOn"], field: "publishedOn", into: &errors)
                if let published, published > today { errors.add("publishedOn", "「公布日期」不能晚于今天。") }
                if let published, let decided = decision.decidedOn.flatMap(LocalDate.init(iso:)), published < decided {
                    errors.add("publishedOn", "公布日期不能早于决定日期。")
                }
                // Art. 31: the 请示报告 to the same-level Party committee (PartyReportRule).
                let (reported, notRequired) = PartyReportRule.clean(reportedOn: form["partyReportedOn"], notRequiredReason: form["partyReportNotRequiredReason"],
                                                                    decidedOn: decision.decidedOn.flatMap(LocalDate.init(iso:)), publishedOn: published, into: &errors)
                guard errors.isEmpty, let published else { return try await renderShow(req, decision: decision, user: user, errors: errors, open: event.rawValue, status: .unprocessableEntity) }
                let partyDetail = reported.map { "，\($0) 向同级党委请示报告" } ?? "，无需请示报告：\(notRequired ?? "")"
                return try await run(req, decision, user, event, detail: "公布 \(published)" + partyDetail, fields: { record in
                    record.publishedOn = published.description
                    record.partyReportedOn = reported?.description
                    record.partyReportNotRequiredReason = notRequired
                })
            case .startImplementation:
                let text = TextRule(label: "执行单位和措施", maxLength: 2000, multiline: true).clean(form["implementation"], field: "implementation", into: &errors)
                guard errors.isEmpty, let text else { return try await renderShow(req, decision: decision, user: user, errors: errors, open: event.rawValue, status: .unprocessableEntity) }
                return try await run(req, decision, user, event, detail: "组织实施", fields: { $0.implementation = text })
            case .recordEvaluation:
                let date = DateRule(label: "评估日期").clean(form["evaluatedOn"], field: "evaluatedOn", into: &errors)
                let text = TextRule(label: "评估结论", maxLength: 5000, multiline: true).clean(form["evaluation"], field: "evaluation", into: &errors)
                if let date, date > today { errors.add("evaluatedOn", "「评估日期」不能晚于今天。") }
                guard errors.isEmpty, let date, let text else { return try await renderShow(req, decision: decision, user: user, errors: errors, open: event.rawValue, status: .unprocessableEntity) }
                return try await run(req, decision, user, event, detail: "决策后评估 \(date)", fields: { record in
                    record.evaluatedOn = date.description
                    record.evaluation = text
                })
            case .archive:
                let date = DateRule(label: "归档日期").clean(form["archivedOn"], field: "archivedOn", into: &errors)
                guard errors.isEmpty, let date else { return try await renderShow(req, decision: decision, user: user, errors: errors, open: event.rawValue, status: .unprocessableEntity) }
                return try await run(req, decision, user, event, detail: "立卷归档 \(date)", fields: { $0.archivedOn = date.description })
            case .recordProcedure, .recordReview, .recordDiscussion:
                throw Abort(.notFound)  // through the procedure and review forms
            }
        }
    }

    // MARK: The five procedures

    /// Records a procedure (or marks it not applicable with the legal reason) through the workflow.
    static func procedure(_ procedure: DecisionProcedure) -> @Sendable (Request) async throws -> Response {
        { req in
            let (decision, user) = try await load(req, write: true)
            let form = req.form
            let today = req.fazhi.clock.today
            let calendar = try await req.legalCalendar()
            let rules = try await DecisionService.rules(on: req.db)
            var fields: [String: String] = [:]
            var status: ProcedureStatus = .complete
            var errors = FieldErrors()
            var detail = ""
            if form["notApplicable"] == "on" {
                switch ProcedureStatus.notApplicable(procedure, reason: form["reason"]) {
                case .success(let value):
                    status = value
                    detail = "\(procedure.label)不适用：\(form["reason"] ?? "")"
                case .failure(let more): errors.merge(more.renamed("notApplicableReason", to: "reason"))
                }
            } else {
                let keys: [String]
                switch procedure {
                case .publicParticipation:
                    keys = ["consultationStart", "consultationEnd", "shortenedReason", "channel", "commentsReceived", "feedbackPublishedOn", "hearingHeld", "hearingDate"]
                    if case .failure(let more) = PublicParticipationRecord.validate(
                        consultationStart: form["consultationStart"], consultationEnd: form["consultationEnd"], shortenedReason: form["shortenedReason"],
                        channel: form["channel"], commentsReceived: form["commentsReceived"], feedbackPublishedOn: form["feedbackPublishedOn"],
                        hearingHeld: form["hearingHeld"] == "true", hearingDate: form["hearingDate"], today: today, calendar: calendar, rules: rules) {
                        errors.merge(more)
                    }
                case .expertArgument:
                    keys = ["date", "method", "experts", "conclusion", "opinionsReference"]
                    if case .failure(let more) = ExpertArgumentRecord.validate(date: form["date"], method: form["method"], experts: form["experts"],
                                                                               conclusion: form["conclusion"], opinionsReference: form["opinionsReference"], today: today) {
                        errors.merge(more)
                    }
                case .riskAssessment:
                    keys = ["level", "assessor", "reportReference", "mitigationMeasures", "completedOn"]
                    if case .failure(let more) = RiskAssessmentRecord.validate(level: form["level"], assessor: form["assessor"], reportReference: form["reportReference"],
                                                                               mitigationMeasures: form["mitigationMeasures"], completedOn: form["completedOn"], today: today) {
                        errors.merge(more)
                    }
                case .collectiveDiscussion:
                    keys = ["meetingType", "meetingDate", "outcome", "minutesReference", "dissentingOpinions", "headDifferedFromMajority", "headReason"]
                    let reviewed = try await DecisionService.latestReview(of: decision.id!, on: req.db)?.decided
                    switch CollectiveDiscussionRecord.validate(meetingType: form["meetingType"], meetingDate: form["meetingDate"], outcome: form["outcome"],
                                                               minutesReference: form["minutesReference"], dissentingOpinions: form["dissentingOpinions"],
                                                               headDifferedFromMajority: form["headDifferedFromMajority"] == "true",
                                                               headReason: form["headReason"], legalityReviewDecidedOn: reviewed, today: today) {
                    case .failure(let more): errors.merge(more)
                    case .success(let record): fields["outcome"] = record.outcome.rawValue
                    }
                case .legalityReview:
                    throw Abort(.notFound)  // the shared review form
                }
                for key in keys where fields[key] == nil {
                    if let value = form[key], !value.trimmingCharacters(in: .whitespaces).isEmpty { fields[key] = value }
                }
                detail = "录入\(procedure.label)"
            }
            guard errors.isEmpty else {
                return try await renderShow(req, decision: decision, user: user, errors: errors, open: procedure.rawValue, status: .unprocessableEntity)
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let json = String(decoding: try encoder.encode(fields), as: UTF8.self)
            let event: DecisionEvent = procedure == .collectiveDiscussion ? .recordDiscussion : .recordProcedure
            let who = user.displayName
            let now = req.now
            let finalStatus = status
            let finalFields = fields
            return try await run(req, decision, user, event, detail: detail, apply: { record, tx in
                let existing = try await DecisionProcedureModel.query(on: tx).filter(\.$decision.$id == record.id!)
                    .filter(\.$procedure == procedure.rawValue).first()
                let model = existing ?? DecisionProcedureModel()
                model.$decision.id = record.id!
                model.procedure = procedure.rawValue
                model.status = finalStatus.code
                model.data = json
                if case .notApplicable(let reason) = finalStatus { model.reason = reason } else { model.reason = "" }
                model.recordedBy = who
                model.recordedAt = now
                try await model.save(on: tx)
                if procedure == .publicParticipation {
                    record.consultationStart = finalFields["consultationStart"]
                    record.consultationEnd = finalFields["consultationEnd"]
                }
            })
        }
    }

    /// The legal office's legality review (the shared Review); the request date starts the review period.
    static func review(_ req: Request) async throws -> Response {
        let (decision, user) = try await load(req, write: true)
        let form = req.form
        let draft: ReviewDraft
        switch ReviewDraft.validate(received: form["received"], decided: form["decided"], opinion: form["opinion"], reasons: form["reasons"],
                                    today: req.fazhi.clock.today) {
        case .failure(let errors):
            return try await renderShow(req, decision: decision, user: user, errors: errors, open: "review", status: .unprocessableEntity)
        case .success(let valid): draft = valid
        }
        let now = req.now
        return try await run(req, decision, user, .recordReview, detail: "合法性审查：\(draft.opinion.label)。\(draft.reasons)", apply: { record, tx in
            try await ReviewModel.record(.decision, id: record.id!, owner: record.ownerUnitID, reviewerID: user.id, reviewerName: user.displayName,
                                         received: draft.received.description, decided: draft.decided.description, opinion: draft.opinion,
                                         reasons: draft.reasons, at: now, on: tx)
            record.reviewRequestedOn = draft.received.description
        })
    }

    // MARK: Public comments: feedback and moderation

    static func feedback(_ req: Request) async throws -> Response {
        let (decision, user) = try await load(req, write: true)
        let form = req.form
        var errors = FieldErrors()
        let text = TextRule(label: "意见采纳情况反馈", maxLength: 10_000, multiline: true).clean(form["feedback"], field: "feedback", into: &errors)
        let date = DateRule(label: "反馈公布日期").clean(form["feedbackPublishedOn"], field: "feedbackPublishedOn", into: &errors)
        if let date, date > req.fazhi.clock.today { errors.add("feedbackPublishedOn", "「反馈公布日期」不能晚于今天。") }
        guard errors.isEmpty, let text, let date else {
            return try await renderShow(req, decision: decision, user: user, errors: errors, open: "feedback", status: .unprocessableEntity)
        }
        let context = req.auditContext
        let now = req.now
        try await req.db.writeTransaction { tx in
            decision.feedback = text
            decision.feedbackPublishedOn = date.description
            decision.updatedAt = now
            try await decision.update(on: tx)
            try await AuditLog.append(AuditEvent("decisions.feedback.published", subjectType: "decision", subjectID: decision.id!.uuidString,
                                                 detail: "公布意见采纳情况反馈（\(date)）"), context: context, at: now, on: tx)
        }
        return req.redirect(to: SiteURL.decision(.value(decision.id!)).path(query: [("done", "saved")]) + "#comments", redirectType: .normal)
    }

    static func moderate(_ req: Request) async throws -> Response {
        let (decision, user) = try await load(req, write: true)
        guard let commentID = req.parameters.get("commentID", as: UUID.self),
              let comment = try await DecisionCommentModel.query(on: req.db).filter(\.$id == commentID).filter(\.$decision.$id == decision.id!).first() else {
            throw Abort(.notFound)
        }
        let form = req.form
        var errors = FieldErrors()
        let event = CommentModerationEvent(rawValue: form["action"] ?? "")
        if event == nil { errors.add("action", "请选择「公开」或「不予公开」。") }
        let reason = TextRule(label: "不予公开的理由", required: false, maxLength: 500).clean(form["reason"], field: "reason", into: &errors)
        let handling = TextRule(label: "处理情况", required: false, maxLength: 2000, multiline: true).clean(form["handling"], field: "handling", into: &errors)
        guard errors.isEmpty, let event else {
            return try await renderShow(req, decision: decision, user: user, errors: errors, open: "comments", status: .unprocessableEntity)
        }
        let now = req.now
        // The same decision again only updates the handling (采纳情况, often written after the period closes).
        if comment.state == (event == .approve ? CommentModerationState.approved : .rejected).rawValue {
            let context = req.auditContext
            try await req.db.writeTransaction { tx in
                comment.handling = handling ?? ""
                if event == .reject, let reason { comment.moderationReason = reason }
                try await comment.update(on: tx)
                try await AuditLog.append(AuditEvent("decisions.comment.handled", subjectType: "decision_comment", subjectID: commentID.uuidString,
                                                     detail: "采纳情况：\(handling ?? "")"), context: context, at: now, on: tx)
            }
            return req.redirect(to: SiteURL.decision(.value(decision.id!)).path(query: [("done", "saved")]) + "#comments", redirectType: .normal)
        }
        do {
            _ = try await WorkflowRunner.apply(
                event, to: comment.id!, of: DecisionCommentModel.self, definition: CommentModeration.definition(), actor: user.actor,
                audit: req.auditContext, at: now, on: req.db,
                context: { _, _ in CommentModerationContext(rejectionReason: reason) },
                changes: { record, tx in
                    record.moderationReason = event == .reject ? (reason ?? "") : ""
                    if let handling { record.handling = handling }
                    record.moderatedBy = user.displayName
                    record.moderatedAt = now
                    try await record.update(on: tx)
                },
                detail: event == .reject ? "不予公开：\(reason ?? "")" : "公开")
        } catch let refusal as WorkflowRefusal {
            return try await renderShow(req, decision: decision, user: user, errors: FieldErrors("reason", refusal.message), open: "comments", status: .conflict)
        }
        return req.redirect(to: SiteURL.decision(.value(decision.id!)).path(query: [("done", "saved")]) + "#comments", redirectType: .normal)
    }

    /// Shows a commenter's full contact (personal information), audited.
    static func revealContact(_ req: Request) async throws -> Response {
        let (decision, _) = try await load(req)
        guard let commentID = req.parameters.get("commentID", as: UUID.self),
              let comment = try await DecisionCommentModel.query(on: req.db).filter(\.$id == commentID).filter(\.$decision.$id == decision.id!).first() else {
            throw Abort(.notFound)
        }
        return try await PersonalDataReveal(
            label: "联系方式", owner: comment.name.isEmpty ? "匿名提出人" : comment.name, ownerLabel: "意见提出人", sealed: comment.contactSealed,
            subjectType: "decision_comment", subjectID: commentID.uuidString,
            crumbs: [Crumb("重大行政决策", .decisions), Crumb(decision.title, .decision(.value(decision.id!)))],
            nav: "decisions", back: .decision(.value(decision.id!))).response(req)
    }

    // MARK: Attachments

    static func upload(_ req: Request) async throws -> Response {
        let (decision, _) = try await load(req, write: true)
        try await Attachments.save(from: req, subjectType: "decision", subjectID: decision.id!, ownerUnitID: decision.ownerUnitID,
                                   action: "decisions.attachment.added", publishable: true)
        return req.redirect(to: SiteURL.decision(.value(decision.id!)).path(query: [("done", "saved")]) + "#attachments", redirectType: .normal)
    }

    static func download(_ req: Request) async throws -> Response {
        let (decision, _) = try await load(req)
        return try await Attachments.download(req, subjectType: "decision", subjectID: decision.id!, publicOnly: false)
    }

    // MARK: The annual catalogue (决策事项目录)

    static func catalogue(_ req: Request) async throws -> Response {
        let year = req.queryForm["year"].flatMap { $0.count == 4 ? Int($0) : nil } ?? req.fazhi.clock.today.year
        return try await renderCatalogue(req, year: year, errors: FieldErrors(), values: [:])
    }

    /// The catalogue page of a year, with the forms (and what was typed into them when it was refused).
    static func renderCatalogue(_ req: Request, year: Int, errors: FieldErrors, values: [String: String]) async throws -> Response {
        let catalogue = try await DecisionCatalogueModel.query(on: req.db).filter(\.$year == year).first()
        let items = try await DecisionService.catalogueItems(catalogue, on: req.db)
        let units = try await UnitModel.query(on: req.db).filter(\.$active == true).sort(\.$name).all()
        let decisions = try await DecisionModel.query(on: req.db).filter(\.$catalogueYear == year).all()
        let thisYear = req.fazhi.clock.today.year
        let years = Set(try await DecisionCatalogueModel.query(on: req.db).all().map(\.year)).union((thisYear - 1)...(thisYear + 1)).union([year]).sorted()
        let frame = try await req.frame("\(year) 年重大行政决策事项目录", crumbs: [Crumb("重大行政决策", .decisions), Crumb("决策事项目录")], nav: "decisions")
        return htmlResponse(DecisionPages.catalogue(frame, year: year, years: years, catalogue: catalogue, items: items, units: units, decisions: decisions,
                                                    canWrite: req.currentUser?.has(.writeAllRecords) ?? false, errors: errors, values: values),
                            status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    static func catalogueYearModel(_ year: Int, on db: any Database, at now: Date) async throws -> DecisionCatalogueModel {
        if let existing = try await DecisionCatalogueModel.query(on: db).filter(\.$year == year).first() { return existing }
        let catalogue = DecisionCatalogueModel()
        catalogue.year = year
        catalogue.createdAt = now
        try await catalogue.create(on: db)
        return catalogue
    }

    static func addCatalogueItem(_ req: Request) async throws -> Response {
        let form = req.form
        var errors = FieldErrors()
        let year = IntegerRule(label: "年度", range: 2000...2100).clean(form["year"], field: "year", into: &errors) ?? req.fazhi.clock.today.year
        let unit = try await form["unit"].flatMap(UUID.init(uuidString:)).asyncMap { try await UnitModel.find($0, on: req.db) } ?? nil
        let item: DecisionCatalogueItem?
        switch DecisionCatalogueItem.validate(year: String(year), proposingUnit: unit?.name, subject: form["subject"], basis: form["basis"],
                                               plannedTiming: form["plannedTiming"], approvedOn: nil, approvingBody: nil, publishedOn: nil,
                                               today: req.fazhi.clock.today) {
        case .success(let valid): item = valid
        case .failure(let more):
            errors.merge(more)
            item = nil
        }
        let title = TextRule(label: "决策事项", maxLength: 200).clean(form["item"], field: "item", into: &errors)
        guard errors.isEmpty, let item, let unit, let title else {
            return try await renderCatalogue(req, year: year, errors: errors, values: form.flat)
        }
        let context = req.auditContext
        let now = req.now
        let decisionID = form["decision"].flatMap(UUID.init(uuidString:))
        try await req.db.writeTransaction { tx in
            let catalogue = try await catalogueYearModel(year, on: tx, at: now)
            let model = DecisionCatalogueItemModel()
            model.$catalogue.id = catalogue.id!
            model.item = title
            model.subject = item.subject
            model.$proposingUnit.id = unit.id!
            model.basis = item.basis
            model.plannedTiming = item.plannedTiming.label
            model.decisionID = decisionID
            model.remark = ""
            try await model.create(on: tx)
            try await AuditLog.append(AuditEvent("decisions.catalogue.item", subjectType: "decision_catalogue", subjectID: String(year),
                                                 detail: "\(year) 年决策事项：\(title)"), context: context, at: now, on: tx)
        }
        return req.redirect(to: SiteURL.decisionCatalogue.path(query: [("year", String(year)), ("done", "saved")]), redirectType: .normal)
    }

    static func approveCatalogue(_ req: Request) async throws -> Response {
        let form = req.form
        var errors = FieldErrors()
        let year = IntegerRule(label: "年度", range: 2000...2100).clean(form["year"], field: "year", into: &errors) ?? req.fazhi.clock.today.year
        let approvedOn = DateRule(label: "批准日期").clean(form["approvedOn"], field: "approvedOn", into: &errors)
        let body = TextRule(label: "批准机关", maxLength: 60).clean(form["approvedBy"], field: "approvedBy", into: &errors)
        let publishedOn = DateRule(label: "公布日期", required: false).clean(form["publishedOn"], field: "publishedOn", into: &errors)
        let today = req.fazhi.clock.today
        if let approvedOn, approvedOn > today { errors.add("approvedOn", "「批准日期」不能晚于今天。") }
        if let publishedOn, publishedOn > today { errors.add("publishedOn", "「公布日期」不能晚于今天。") }
        if let approvedOn, let publishedOn, publishedOn < approvedOn { errors.add("publishedOn", "公布日期不能早于批准日期。") }
        guard errors.isEmpty, let approvedOn, let body else { return try await renderCatalogue(req, year: year, errors: errors, values: form.flat) }
        let context = req.auditContext
        let now = req.now
        try await req.db.writeTransaction { tx in
            let catalogue = try await catalogueYearModel(year, on: tx, at: now)
            catalogue.approvedOn = approvedOn.description
            catalogue.approvedBy = body
            catalogue.publishedOn = publishedOn?.description
            try await catalogue.update(on: tx)
            try await AuditLog.append(AuditEvent("decisions.catalogue.approved", subjectType: "decision_catalogue", subjectID: String(year),
                                                 detail: "\(year) 年决策事项目录经\(body)于 \(approvedOn) 批准" + (publishedOn.map { "，\($0) 公布" } ?? "")),
                                      context: context, at: now, on: tx)
        }
        return req.redirect(to: SiteURL.decisionCatalogue.path(query: [("year", String(year)), ("done", "saved")]), redirectType: .normal)
    }
}

extension DecisionModel {
    var decisionState: DecisionState { DecisionState(rawValue: state) ?? .draft }
}

extension DecisionsController.DraftFields {
    func apply(to decision: DecisionModel) {
        decision.$proposingUnit.id = unitID
        decision.title = title
        decision.catalogueYear = year
        decision.basis = basis
        decision.draftText = draftText
        decision.explanation = explanation
    }
}
