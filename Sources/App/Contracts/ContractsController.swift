import FazhiCore
import Fluent
import Foundation
import Vapor

/// Government contracts (政府合同审查与备案, issue 4): submission, the shared legality review, signing, filing
/// with its deadline, amendments and termination; the register with search, filters, deadline status, export.
enum ContractsController {
    static func rules(on db: any Database) async throws -> ContractRules {
        try await RulesSettings.load(ContractRules.self, on: db)
    }

    /// A contract as the register shows it, with its open deadline derived now.
    struct Row: Sendable {
        let model: ContractModel
        let amount: ContractAmount?
        let deadline: (label: String, due: LocalDate, status: DeadlineStatus)?
        let projectName: String?
    }

    struct Filter: Sendable {
        var query = ""
        var unitID: UUID?
        var state: ContractState?
        var year: Int?
        var projectID: UUID?

        init(_ form: FormBody) {
            query = String((form["q"] ?? "").trimmingCharacters(in: .whitespaces).prefix(60))
            unitID = form["unit"].flatMap(UUID.init(uuidString:))
            state = ContractState(rawValue: form["state"] ?? "")
            year = form["year"].flatMap { $0.count == 4 ? Int($0) : nil }
            projectID = form["project"].flatMap(UUID.init(uuidString:))
        }

        var pairs: [(String, String)] {
            [("q", query), ("unit", unitID?.uuidString ?? ""), ("state", state?.rawValue ?? ""), ("year", year.map(String.init) ?? ""),
             ("project", projectID?.uuidString ?? "")]
        }
    }

    static func rows(_ filter: Filter, actor: Actor, today: LocalDate, on db: any Database, calendar: LegalCalendar) async throws -> [Row] {
        var query = ContractModel.query(on: db).with(\.$submittingUnit)
        if let unitID = filter.unitID { query = query.filter(\.$submittingUnit.$id == unitID) }
        if let state = filter.state { query = query.filter(\.$state == state.rawValue) }
        if let year = filter.year { query = query.filter(\.$submittedOn >= "\(year)-01-01").filter(\.$submittedOn <= "\(year)-12-31") }
        if let project = filter.projectID { query = query.filter(\.$projectID == project) }
        if !filter.query.isEmpty { query = query.group(.or) { $0.filter(\.$title ~~ filter.query).filter(\.$counterpartyName ~~ filter.query) } }
        let models = try await query.sort(\.$submittedOn, .descending).all().filter { actor.canRead(recordOf: $0.ownerUnitID) }
        let projects = Dictionary(uniqueKeysWithValues: try await KeyProjectModel.query(on: db).all().map { ($0.id!, $0.name) })
        let rules = try await rules(on: db)
        return models.map { model in
            Row(model: model, amount: model.amount.flatMap { try? ContractAmount.parse($0).get() },
                deadline: deadline(model, rules: rules, today: today, calendar: calendar), projectName: model.projectID.flatMap { projects[$0] })
        }
    }

    /// The deadline that is running: the review while under review, the filing once signed.
    static func deadline(_ model: ContractModel, rules: ContractRules, today: LocalDate, calendar: LegalCalendar) -> (label: String, due: LocalDate, status: DeadlineStatus)? {
        let rule = ContractDeadlineRule(rules: rules)
        let status = DeadlineStatusRule()
        switch ContractState(rawValue: model.state) {
        case .underReview?:
            guard let received = model.reviewRequestedOn.flatMap(LocalDate.init(iso:)), let due = try? calendar.dueDate(of: rule.reviewPeriod(received: received)) else { return nil }
            return ("审查期限", due, status.status(due: due, today: today, completedOn: nil, calendar: calendar))
        case .signed?, .filed?:
            guard model.filingRequired, let signed = model.signedOn.flatMap(LocalDate.init(iso:)),
                  let due = try? calendar.dueDate(of: rule.filingPeriod(signed: signed)) else { return nil }
            return ("备案期限", due, status.status(due: due, today: today, completedOn: model.filedOn.flatMap(LocalDate.init(iso:)), calendar: calendar))
        default:
            return nil
        }
    }

    static func list(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = req.queryForm
        let filter = Filter(form)
        let rows = try await rows(filter, actor: user.actor, today: req.fazhi.clock.today, on: req.db, calendar: try await req.legalCalendar())
        let page = PageInfo.from(form, total: rows.count)
        let frame = try await req.frame("政府合同", crumbs: [Crumb("政府合同")], nav: "contracts")
        return htmlResponse(ContractPages.list(frame, user: user, rows: Array(rows.dropFirst(page.offset).prefix(page.per)), page: page, filter: filter,
                                               units: try await UnitModel.query(on: req.db).sort(\.$name).all(),
                                               projects: try await KeyProjectModel.query(on: req.db).sort(\.$name).all(), total: rows))
    }

    static func export(_ format: SiteURL.ExportFormat) -> @Sendable (Request) async throws -> Response {
        { req in
            let user = try req.requireUser()
            let rows = try await rows(Filter(req.queryForm), actor: user.actor, today: req.fazhi.clock.today, on: req.db, calendar: try await req.legalCalendar())
            try await req.audit(AuditEvent("contracts.exported", subjectType: "contract", detail: "导出合同登记 \(rows.count) 份（\(format.rawValue)）"))
            let table = ExportTable(title: "政府合同", header: ["合同名称", "送审单位", "相对方", "类型", "金额（元）", "重点项目", "送审日期", "签订日期", "备案日期", "状态"],
                                    rows: rows.map { row in
                                        [.text(row.model.title), .text(row.model.submittingUnit.name), .text(row.model.counterpartyName),
                                         .text(ContractType(rawValue: row.model.contractType)?.label ?? row.model.contractType),
                                         row.amount.map { .number($0.yuan) } ?? .empty, .optionalText(row.projectName),
                                         .optionalDate(LocalDate(iso: row.model.submittedOn)), .optionalDate(row.model.signedOn.flatMap(LocalDate.init(iso:))),
                                         .optionalDate(row.model.filedOn.flatMap(LocalDate.init(iso:))), .text(ContractState(rawValue: row.model.state)?.label ?? row.model.state)]
                                    })
            return try table.response(format, filename: "政府合同登记")
        }
    }

    // MARK: New

    static func new(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        return try await renderForm(req, values: ["unit": user.unitID.uuidString, "kind": "organisation"], errors: FieldErrors())
    }

    static func renderForm(_ req: Request, values: [String: String], errors: FieldErrors) async throws -> Response {
        let user = try req.requireUser()
        let units = user.has(.writeAllRecords)
            ? try await UnitModel.query(on: req.db).filter(\.$active == true).sort(\.$name).all()
            : try await UnitModel.query(on: req.db).filter(\.$id == user.unitID).all()
        let frame = try await req.frame("提交合同审查", crumbs: [Crumb("政府合同", .contracts), Crumb("提交审查")], nav: "contracts")
        return htmlResponse(ContractPages.form(frame, values: values, errors: errors, units: units,
                                               projects: try await KeyProjectModel.query(on: req.db).sort(\.$name).all()),
                            status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    static func create(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = req.form
        let today = req.fazhi.clock.today
        var errors = FieldErrors()
        let draft: ContractDraft?
        switch ContractDraft.validate(title: form["title"], type: form["type"], amount: form["amount"],
                                      counterparties: counterpartyInputs(form),
                                      termStart: form["termStart"], termEnd: form["termEnd"], today: today) {
        case .success(let value): draft = value
        case .failure(let more):
            errors.merge(more)
            draft = nil
        }
        let unitID = form["unit"].flatMap(UUID.init(uuidString:))
        if unitID == nil || !user.actor.canWrite(recordOf: unitID) { errors.add("unit", "请选择「送审单位」（单位填报员只能为本单位提交）。") }
        var projectID: UUID?
        if let raw = form["project"], !raw.isEmpty {
            projectID = UUID(uuidString: raw)
            if projectID == nil { errors.add("project", "所选重点项目不存在。") }
        }
        guard errors.isEmpty, let draft, let unitID else {
            return try await renderForm(req, values: form.flat, errors: errors)
        }
        let model = ContractModel(draft: draft, unit: unitID, projectID: projectID, filingRequired: form["filingRequired"] == "on",
                                  submittedOn: today.description, drafterID: user.id, at: req.now)
        let box = req.fazhi.secretBox
        try await req.create(model, audit: AuditEvent("contracts.submitted", subjectType: "contract",
                                                      detail: "提交合同审查：\(draft.title)（\(draft.amount?.formatted ?? "金额未定")）")) { tx in
            model.counterpartyName = try await ContractCounterpartyModel.store(draft.counterparties, contractID: model.id!, box: box, on: tx)
            try await model.update(on: tx)
        }
        return req.redirect(to: SiteURL.contract(.value(model.id!)).path(query: [("done", "created")]), redirectType: .normal)
    }

    /// The form's counterparty rows (`counterparties.N.name|kind|identifier`, N from 0); a blank row after the
    /// first is skipped, the first is always checked.
    static let counterpartyRows = 5

    static func counterpartyInputs(_ form: FormBody) -> [ContractDraft.CounterpartyInput] {
        (0..<counterpartyRows).compactMap { index in
            let input = ContractDraft.CounterpartyInput(name: form["counterparties.\(index).name"], kind: form["counterparties.\(index).kind"],
                                                        identifier: form["counterparties.\(index).identifier"])
            let blank = [input.name, input.identifier].allSatisfy { ($0 ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
            return index > 0 && blank ? nil : input
        }
    }

    static func counterparties(_ id: UUID, on db: any Database) async throws -> [ContractCounterpartyModel] {
        try await ContractCounterpartyModel.query(on: db).filter(\.$contract.$id == id).sort(\.$position).all()
    }

    // MARK: One contract

    static func load(_ req: Request, write: Bool = false) async throws -> (ContractModel, CurrentUser) {
        let user = try req.requireUser()
        guard let id = req.parameters.get("contractID", as: UUID.self),
              let model = try await ContractModel.query(on: req.db).filter(\.$id == id).with(\.$submittingUnit).first(),
              user.actor.canRead(recordOf: model.ownerUnitID) else { throw Abort(.notFound) }
        if write, !user.actor.canWrite(recordOf: model.ownerUnitID) { throw Abort(.forbidden) }
        return (model, user)
    }

    static func show(_ req: Request) async throws -> Response {
        let (model, user) = try await load(req)
        return try await renderShow(req, model: model, user: user, errors: FieldErrors(), open: nil)
    }

    static func latestReview(_ id: UUID, on db: any Database) async throws -> ReviewModel? {
        try await ReviewModel.query(on: db).filter(\.$subjectType == ReviewSubjectType.contract.rawValue).filter(\.$subjectID == id)
            .sort(\.$createdAt, .descending).sort(\.$id, .descending).first()
    }

    static func renderShow(_ req: Request, model: ContractModel, user: CurrentUser, errors: FieldErrors, open: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let id = model.id!
        let calendar = try await req.legalCalendar()
        let today = req.fazhi.clock.today
        let rules = try await rules(on: req.db)
        let reviews = try await ReviewModel.query(on: req.db).filter(\.$subjectType == ReviewSubjectType.contract.rawValue).filter(\.$subjectID == id)
            .sort(\.$createdAt).all()
        let changes = try await ContractChangeModel.query(on: req.db).filter(\.$contract.$id == id).sort(\.$date).sort(\.$createdAt).all()
        let amendmentReviews = changes.isEmpty ? [] : try await ReviewModel.query(on: req.db)
            .filter(\.$subjectType == ReviewSubjectType.contractAmendment.rawValue).filter(\.$subjectID ~~ changes.compactMap(\.id)).all()
        let canWrite = user.actor.canWrite(recordOf: model.ownerUnitID)
        let moves = canWrite ? ContractWorkflow.definition().transitions.filter {
            $0.from.rawValue == model.state && !$0.roles.isDisjoint(with: user.roles)
        } : []
        let project = try await model.projectID.asyncMap { try await KeyProjectModel.find($0, on: req.db) } ?? nil
        let frame = try await req.frame(model.title, crumbs: [Crumb("政府合同", .contracts), Crumb(model.title)], nav: "contracts")
        return htmlResponse(ContractPages.show(frame, .init(
            model: model, user: user, amount: model.amount.flatMap { try? ContractAmount.parse($0).get() }, reviews: reviews, changes: changes,
            amendmentReviews: Dictionary(amendmentReviews.map { ($0.subjectID, $0) }, uniquingKeysWith: { $1 }),
            moves: moves, canWrite: canWrite, deadline: deadline(model, rules: rules, today: today, calendar: calendar), today: today,
            errors: errors, open: open, project: project, attachments: try await Attachments.list("contract", id, on: req.db),
            parties: try await counterparties(id, on: req.db),
            advisers: try await AdvisersController.engagementSection(req, subject: .contract, id: id))), status: status)
    }

    static func run(_ req: Request, _ model: ContractModel, _ user: CurrentUser, _ event: ContractEvent, detail: String,
                    adjust: @escaping @Sendable (inout ContractContext) -> Void = { _ in },
                    apply: @escaping @Sendable (ContractModel, any Database) async throws -> Void = { _, _ in }) async throws -> Response {
        let rules = try await rules(on: req.db)
        return try await req.workflowStep(
            event, on: model.id!, of: ContractModel.self, definition: ContractWorkflow.definition(), actor: user.actor,
            context: { record, tx in
                let review = try await latestReview(record.id!, on: tx)
                var context = ContractContext(
                    drafterUserID: record.drafterID, actingUserID: user.id,
                    reviewRequired: rules.requiresReview(amount: record.amount.flatMap { try? ContractAmount.parse($0).get() }),
                    reviewOpinion: review?.reviewOpinion, signingRecorded: record.signedOn != nil, filingRequired: record.filingRequired)
                adjust(&context)
                return context
            },
            changes: apply, detail: detail, done: .contract(.value(model.id!)),
            refused: { try await renderShow(req, model: model, user: user, errors: FieldErrors("workflow", $0.message), open: event.rawValue, status: .conflict) })
    }

    static func step(_ event: ContractEvent) -> @Sendable (Request) async throws -> Response {
        { req in
            let (model, user) = try await load(req, write: true)
            let form = req.form
            let today = req.fazhi.clock.today
            var errors = FieldErrors()
            func fail() async throws -> Response {
                try await renderShow(req, model: model, user: user, errors: errors, open: event.rawValue, status: .unprocessableEntity)
            }
            switch event {
            case .acceptForReview:
                return try await run(req, model, user, event, detail: "受理审查", apply: { record, _ in record.reviewRequestedOn = today.description })
            case .resubmit:
                return try await run(req, model, user, event, detail: "修改后重新提交", apply: { record, _ in record.submittedOn = today.description })
            case .withdraw, .terminate:
                let reason = TextRule(label: event == .withdraw ? "撤回理由" : "终止理由", maxLength: 500, multiline: true).clean(form["reason"], field: "reason", into: &errors)
                let date = event == .terminate ? DateRule(label: "终止日期").clean(form["date"], field: "date", into: &errors) : today
                guard errors.isEmpty, let date else { return try await fail() }
                let now = req.now
                return try await run(req, model, user, event, detail: "\(event.label)：\(reason ?? "")", adjust: {
                    if event == .withdraw { $0.withdrawalReason = reason } else { $0.terminationReason = reason }
                }) { record, tx in
                    if event == .terminate {
                        record.endedOn = date.description
                        try await addChange(record, kind: ContractChangeKind.terminated, date: date, summary: reason ?? "", by: user.id, at: now, on: tx)
                    }
                }
            case .recordSigning:
                let review = try await latestReview(model.id!, on: req.db)
                let signed: LocalDate?
                switch ContractSigning.validate(signedOn: form["signedOn"], reviewDecidedOn: review?.decided, today: today) {
                case .success(let value): signed = value
                case .failure(let more):
                    errors.merge(more)
                    signed = nil
                }
                guard errors.isEmpty, let signed else { return try await fail() }
                return try await run(req, model, user, event, detail: "签订 \(signed)", adjust: { $0.signingRecorded = true }) { record, _ in
                    record.signedOn = signed.description
                }
            case .file:
                let filed = DateRule(label: "备案日期").clean(form["filedOn"], field: "filedOn", into: &errors)
                if let filed, filed > today { errors.add("filedOn", "「备案日期」不能晚于今天。") }
                if let filed, let signed = model.signedOn.flatMap(LocalDate.init(iso:)), filed < signed { errors.add("filedOn", "「备案日期」不能早于签订日期。") }
                guard errors.isEmpty, let filed else { return try await fail() }
                return try await run(req, model, user, event, detail: "备案 \(filed)", apply: { record, _ in record.filedOn = filed.description })
            case .amend:
                let date = DateRule(label: "变更日期").clean(form["date"], field: "date", into: &errors)
                let summary = TextRule(label: "变更内容", maxLength: 2000, multiline: true).clean(form["summary"], field: "summary", into: &errors)
                if let date, date > today { errors.add("date", "「变更日期」不能晚于今天。") }
                if let date, let signed = model.signedOn.flatMap(LocalDate.init(iso:)), date < signed {
                    errors.add("date", "「变更日期」不能早于签订日期。")
                }
                guard errors.isEmpty, let date, let summary else { return try await fail() }
                let now = req.now
                guard form["reviewRequired"] == "on" else {
                    return try await run(req, model, user, event, detail: "变更：\(summary)", adjust: { $0.amendmentRecorded = true }) { record, tx in
                        try await addChange(record, kind: ContractChangeKind.amended, date: date, summary: summary, by: user.id, at: now, on: tx)
                    }
                }
                // An amendment that changes what was reviewed waits for its own legality review (reviewAmendment);
                // the contract's state changes only once it passes. Refused here already if no amendment may be
                // entered at all (state, role).
                if case .failure(let refusal) = ContractWorkflow.definition().apply(
                    .amend, from: ContractState(rawValue: model.state) ?? .submitted, roles: user.roles,
                    context: ContractContext(actingUserID: user.id, amendmentRecorded: true)) {
                    return try await renderShow(req, model: model, user: user, errors: FieldErrors("workflow", refusal.message), open: event.rawValue, status: .conflict)
                }
                if try await ContractChangeModel.query(on: req.db).filter(\.$contract.$id == model.id!).filter(\.$kind == ContractChangeKind.pending).count() > 0 {
                    return try await renderShow(req, model: model, user: user, errors: FieldErrors("workflow", "已有一项变更正在合法性审查，请待审查完毕后再录入新的变更。"),
                                                open: event.rawValue, status: .conflict)
                }
                let change = ContractChangeModel(contractID: model.id!, kind: ContractChangeKind.pending, date: date, summary: summary, by: user.id, at: now)
                try await req.create(change, audit: AuditEvent("contracts.amendment.submitted", subjectType: "contract", subjectID: model.id!.uuidString,
                                                               detail: "变更送合法性审查：\(summary)"))
                return req.redirect(to: SiteURL.contract(.value(model.id!)).path(query: [("done", "saved")]) + "#changes", redirectType: .normal)
            case .complete:
                let date = DateRule(label: "履行完毕日期").clean(form["date"], field: "date", into: &errors)
                guard errors.isEmpty, let date else { return try await fail() }
                let now = req.now
                return try await run(req, model, user, event, detail: "履行完毕 \(date)", apply: { record, tx in
                    record.endedOn = date.description
                    try await addChange(record, kind: ContractChangeKind.completed, date: date, summary: "履行完毕", by: user.id, at: now, on: tx)
                })
            case .recordReview, .returnForChanges:
                throw Abort(.notFound)  // the review form
            }
        }
    }

    static func addChange(_ record: ContractModel, kind: String, date: LocalDate, summary: String, by userID: UUID, at now: Date,
                          on tx: any Database) async throws {
        try await ContractChangeModel(contractID: record.id!, kind: kind, date: date, summary: summary, by: userID, at: now).create(on: tx)
    }

    /// The legality review of an amendment that changes what was reviewed (amount, parties, main obligations):
    /// 同意 / 修改后同意 records the amendment through the workflow; 不同意 returns it and the contract stays as
    /// signed. The reviewer may not be whoever entered the amendment.
    static func reviewAmendment(_ req: Request) async throws -> Response {
        let (model, user) = try await load(req, write: true)
        let form = req.form
        guard let changeID = form["change"].flatMap(UUID.init(uuidString:)),
              let change = try await ContractChangeModel.query(on: req.db).filter(\.$id == changeID).filter(\.$contract.$id == model.id!)
                .filter(\.$kind == ContractChangeKind.pending).first() else {
            return try await renderShow(req, model: model, user: user, errors: FieldErrors("workflow", "该变更不存在或已经审查。"), open: nil, status: .conflict)
        }
        let draft: ReviewDraft
        switch ReviewDraft.validate(received: form["received"], decided: form["decided"], opinion: form["opinion"], reasons: form["reasons"],
                                    today: req.fazhi.clock.today) {
        case .failure(let errors): return try await renderShow(req, model: model, user: user, errors: errors, open: "amendment-\(changeID)", status: .unprocessableEntity)
        case .success(let valid): draft = valid
        }
        let now = req.now
        let submitter = change.submittedBy
        @Sendable func recordReview(_ tx: any Database) async throws {
            guard let pending = try await ContractChangeModel.query(on: tx).filter(\.$id == changeID).filter(\.$kind == ContractChangeKind.pending).first() else {
                throw Abort(.conflict, reason: "该变更已经审查。")
            }
            pending.kind = draft.opinion.passed ? ContractChangeKind.amended : ContractChangeKind.returned
            try await pending.update(on: tx)
            _ = try await ReviewModel.record(.contractAmendment, id: changeID, owner: model.ownerUnitID, reviewerID: user.id, reviewerName: user.displayName,
                                             received: draft.received.description, decided: draft.decided.description, opinion: draft.opinion,
                                             reasons: draft.reasons, at: now, on: tx)
        }
        guard draft.opinion.passed else {
            if submitter == user.id {
                return try await renderShow(req, model: model, user: user, errors: FieldErrors("workflow", ContractWorkflow.amendmentReviewerIsNotSubmitter.failure),
                                            open: "amendment-\(changeID)", status: .conflict)
            }
            let context = req.auditContext
            try await req.db.writeTransaction { tx in
                try await recordReview(tx)
                try await AuditLog.append(AuditEvent("contracts.amendment.returned", subjectType: "contract", subjectID: model.id!.uuidString,
                                                     detail: "变更审查意见：\(draft.opinion.label)。\(draft.reasons)"), context: context, at: now, on: tx)
            }
            return req.redirect(to: SiteURL.contract(.value(model.id!)).path(query: [("done", "saved")]) + "#changes", redirectType: .normal)
        }
        return try await run(req, model, user, .amend, detail: "变更经审查（\(draft.opinion.label)）：\(change.summary)", adjust: {
            $0.amendmentRecorded = true
            $0.amendmentReviewRequired = true
            $0.amendmentReviewPassed = true
            $0.amendmentSubmitterID = submitter
        }) { _, tx in try await recordReview(tx) }
    }

    static func review(_ req: Request) async throws -> Response {
        let (model, user) = try await load(req, write: true)
        let form = req.form
        let draft: ReviewDraft
        switch ReviewDraft.validate(received: form["received"], decided: form["decided"], opinion: form["opinion"], reasons: form["reasons"],
                                    today: req.fazhi.clock.today) {
        case .failure(let errors): return try await renderShow(req, model: model, user: user, errors: errors, open: "review", status: .unprocessableEntity)
        case .success(let valid): draft = valid
        }
        let now = req.now
        return try await run(req, model, user, ContractEvent.afterReview(passed: draft.opinion.passed), detail: "审查意见：\(draft.opinion.label)。\(draft.reasons)",
                             adjust: { $0.reviewOpinion = draft.opinion }) { record, tx in
            try await ReviewModel.record(.contract, id: record.id!, owner: record.ownerUnitID, reviewerID: user.id, reviewerName: user.displayName,
                                         received: draft.received.description, decided: draft.decided.description, opinion: draft.opinion,
                                         reasons: draft.reasons, at: now, on: tx)
        }
    }

    /// A natural-person counterparty's ID number, unmasked for a user allowed to; audited.
    static func revealCounterparty(_ req: Request) async throws -> Response {
        let (model, _) = try await load(req)
        guard let partyID = req.form["party"].flatMap(UUID.init(uuidString:)),
              let party = try await ContractCounterpartyModel.query(on: req.db).filter(\.$id == partyID).filter(\.$contract.$id == model.id!).first() else {
            throw Abort(.notFound)
        }
        let fullName = try party.nameSealed.map { try req.fazhi.secretBox.open($0) } ?? party.name
        return try await PersonalDataReveal(
            label: "身份证号", owner: fullName, ownerLabel: "合同相对方", sealed: party.residentIDSealed, subjectType: "contract",
            subjectID: model.id!.uuidString, crumbs: [Crumb("政府合同", .contracts), Crumb(model.title, .contract(.value(model.id!)))],
            nav: "contracts", back: .contract(.value(model.id!))).response(req)
    }

    static func upload(_ req: Request) async throws -> Response {
        let (model, _) = try await load(req, write: true)
        try await Attachments.save(from: req, subjectType: "contract", subjectID: model.id!, ownerUnitID: model.ownerUnitID, action: "contracts.attachment.added")
        return req.redirect(to: SiteURL.contract(.value(model.id!)).path(query: [("done", "saved")]) + "#attachments", redirectType: .normal)
    }

    static func download(_ req: Request) async throws -> Response {
        let (model, _) = try await load(req)
        return try await Attachments.download(req, subjectType: "contract", subjectID: model.id!, publicOnly: false)
    }
}
