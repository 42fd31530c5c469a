import FazhiCore
import Fluent
import Foundation
import Vapor

/// The fields of the submission form, as the controller read them.
struct ContractSubmissionInput: Sendable {
    /// The form's counterparty rows (`counterparties.N.name|kind|identifier`, N from 0).
    static let counterpartyRows = 5

    var title: String?
    var type: String?
    var amount: String?
    /// Every row of the form in order, blank ones included.
    var counterparties: [ContractDraft.CounterpartyInput]
    var termStart: String?
    var termEnd: String?
    var unit: String?
    var project: String?
    var filingRequired: Bool
}

/// The fields of a workflow step's form (each step reads the ones it has).
struct ContractStepInput: Sendable {
    var reason: String?
    var date: String?
    var signedOn: String?
    var filedOn: String?
    var summary: String?
    /// 变更涉及金额、当事人或主要权利义务: the amendment waits for its own review.
    var reviewRequired: Bool
}

/// The fields of a review form (the contract's, or an amendment's with `change`).
struct ContractReviewInput: Sendable {
    var received: String?
    var decided: String?
    var opinion: String?
    var reasons: String?
    var change: String?
}

/// Every state change of a contract (docs/ARCHITECTURE.md "One module shape"): it validates, runs the workflow engine
/// (the contract table through `WorkflowRunner`, the amendment table for the 变更与终止 entries) and writes
/// the audit entry in the same write transaction. The caller has authorized the user for the contract.
struct ContractService {
    let db: any Database
    let user: CurrentUser
    let audit: AuditContext
    let now: Date
    let today: LocalDate
    let box: SecretBox

    init(db: any Database, user: CurrentUser, audit: AuditContext, now: Date, today: LocalDate, box: SecretBox) {
        self.db = db
        self.user = user
        self.audit = audit
        self.now = now
        self.today = today
        self.box = box
    }

    init(_ req: Request, user: CurrentUser) {
        self.init(db: req.db, user: user, audit: req.auditContext, now: req.now, today: req.fazhi.clock.today, box: req.fazhi.secretBox)
    }

    /// What became of a change. `form` names the form on the contract page a message belongs to.
    enum Outcome: Sendable {
        /// Saved; `anchor` is the section of the contract page to return to, if any.
        case saved(anchor: String?)
        /// The input is invalid (422): nothing was written.
        case invalid(FieldErrors, form: String?)
        /// The workflow (or a rule between records) refuses it (409): nothing was written.
        case refused(String, form: String?)
    }

    // MARK: Submission

    /// The form's counterparties: a blank row after the first is skipped, the first is always checked.
    static func counterparties(_ rows: [ContractDraft.CounterpartyInput]) -> [ContractDraft.CounterpartyInput] {
        rows.enumerated().compactMap { index, input in
            let blank = [input.name, input.identifier].allSatisfy { ($0 ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
            return index > 0 && blank ? nil : input
        }
    }

    /// Submits a contract for review: validated whole, then stored with its counterparties and audited.
    func submit(_ input: ContractSubmissionInput) async throws -> Result<UUID, FieldErrors> {
        var errors = FieldErrors()
        let draft: ContractDraft?
        switch ContractDraft.validate(title: input.title, type: input.type, amount: input.amount,
                                      counterparties: Self.counterparties(input.counterparties),
                                      termStart: input.termStart, termEnd: input.termEnd, today: today) {
        case .success(let value): draft = value
        case .failure(let more):
            errors.merge(more)
            draft = nil
        }
        let unitID = input.unit.flatMap(UUID.init(uuidString:))
        if unitID == nil || !user.actor.canWrite(recordOf: unitID) { errors.add("unit", "请选择「送审单位」（单位填报员只能为本单位提交）。") }
        var projectID: UUID?
        if let raw = input.project, !raw.isEmpty {
            projectID = UUID(uuidString: raw)
            if projectID == nil { errors.add("project", "所选重点项目不存在。") }
        }
        guard errors.isEmpty, let draft, let unitID else { return .failure(errors) }
        let model = ContractModel(draft: draft, unit: unitID, projectID: projectID, filingRequired: input.filingRequired,
                                  submittedOn: today.description, drafterID: user.id, at: now)
        let id = model.id!
        let (box, audit, now) = (box, audit, now)
        let event = AuditEvent("contracts.submitted", subjectType: "contract", subjectID: id.uuidString,
                               detail: "提交合同审查：\(draft.title)（\(draft.amount?.formatted ?? "金额未定")）")
        try await db.writeTransaction { tx in
            try await model.create(on: tx)
            model.counterpartyName = try await ContractCounterpartyModel.store(draft.counterparties, contractID: id, box: box, on: tx)
            try await model.update(on: tx)
            try await AuditLog.append(event, context: audit, at: now, on: tx)
        }
        return .success(id)
    }

    // MARK: Workflow steps

    /// One step of the contract table through the engine: the guards' facts read from the records inside the
    /// transaction (`adjust` adds what the form says), the caller's changes, the state, `updatedAt` and the
    /// audit entry written together; a refusal is audited by the runner and nothing else is written.
    private func run(_ contractID: UUID, _ event: ContractEvent, detail: String,
                     adjust: @escaping @Sendable (inout ContractContext) -> Void = { _ in },
                     apply: @escaping @Sendable (ContractModel, any Database) async throws -> Void = { _, _ in }) async throws -> Outcome {
        let rules = try await ContractQuery.rules(on: db)
        let (user, time) = (user, now)
        do {
            _ = try await WorkflowRunner.apply(
                event, to: contractID, of: ContractModel.self, definition: ContractWorkflow.definition(), actor: user.actor, audit: audit, at: time, on: db,
                context: { record, tx in
                    let review = try await ContractQuery.latestReview(record.id!, on: tx)
                    var context = ContractContext(
                        drafterUserID: record.drafterID, actingUserID: user.id,
                        reviewRequired: rules.requiresReview(amount: ContractQuery.amount(record)),
                        reviewOpinion: review?.reviewOpinion, signingRecorded: record.signedOn != nil, filingRequired: record.filingRequired)
                    adjust(&context)
                    return context
                },
                changes: { record, tx in
                    try await apply(record, tx)
                    record.updatedAt = time
                    try await record.update(on: tx)
                },
                detail: detail)
        } catch let refusal as WorkflowRefusal {
            return .refused(refusal.message, form: event.rawValue)
        }
        return .saved(anchor: nil)
    }

    private func contract(_ id: UUID) async throws -> ContractModel {
        guard let model = try await ContractModel.find(id, on: db) else { throw Abort(.notFound) }
        return model
    }

    /// A step of the contract's workflow from its form on the contract page (the review has its own, `review`).
    func step(_ event: ContractEvent, on contractID: UUID, _ input: ContractStepInput) async throws -> Outcome {
        let model = try await contract(contractID)
        let today = today
        let (userID, now) = (user.id, now)
        var errors = FieldErrors()
        let invalid = { (errors: FieldErrors) in Outcome.invalid(errors, form: event.rawValue) }
        switch event {
        case .acceptForReview:
            return try await run(contractID, event, detail: "受理审查", apply: { record, _ in record.reviewRequestedOn = today.description })
        case .resubmit:
            return try await run(contractID, event, detail: "修改后重新提交", apply: { record, _ in record.submittedOn = today.description })
        case .withdraw, .terminate:
            let reason = TextRule(label: event == .withdraw ? "撤回理由" : "终止理由", maxLength: 500, multiline: true).clean(input.reason, field: "reason", into: &errors)
            let date = event == .terminate ? DateRule(label: "终止日期").clean(input.date, field: "date", into: &errors) : today
            guard errors.isEmpty, let date else { return invalid(errors) }
            return try await run(contractID, event, detail: "\(event.label)：\(reason ?? "")", adjust: {
                if event == .withdraw { $0.withdrawalReason = reason } else { $0.terminationReason = reason }
            }) { record, tx in
                if event == .terminate {
                    record.endedOn = date.description
                    try await Self.addChange(record, kind: ContractChangeKind.terminated, date: date, summary: reason ?? "", by: userID, at: now, on: tx)
                }
            }
        case .recordSigning:
            let review = try await ContractQuery.latestReview(contractID, on: db)
            let signed: LocalDate?
            switch ContractSigning.validate(signedOn: input.signedOn, reviewDecidedOn: review?.decided, today: today) {
            case .success(let value): signed = value
            case .failure(let more):
                errors.merge(more)
                signed = nil
            }
            guard errors.isEmpty, let signed else { return invalid(errors) }
            return try await run(contractID, event, detail: "签订 \(signed)", adjust: { $0.signingRecorded = true }) { record, _ in
                record.signedOn = signed.description
            }
        case .file:
            let filed = DateRule(label: "备案日期").clean(input.filedOn, field: "filedOn", into: &errors)
            if let filed, filed > today { errors.add("filedOn", "「备案日期」不能晚于今天。") }
            if let filed, let signed = model.signedOn.flatMap(LocalDate.init(iso:)), filed < signed { errors.add("filedOn", "「备案日期」不能早于签订日期。") }
            guard errors.isEmpty, let filed else { return invalid(errors) }
            return try await run(contractID, event, detail: "备案 \(filed)", apply: { record, _ in record.filedOn = filed.description })
        case .amend:
            let date = DateRule(label: "变更日期").clean(input.date, field: "date", into: &errors)
            let summary = TextRule(label: "变更内容", maxLength: 2000, multiline: true).clean(input.summary, field: "summary", into: &errors)
            if let date, date > today { errors.add("date", "「变更日期」不能晚于今天。") }
            if let date, let signed = model.signedOn.flatMap(LocalDate.init(iso:)), date < signed {
                errors.add("date", "「变更日期」不能早于签订日期。")
            }
            guard errors.isEmpty, let date, let summary else { return invalid(errors) }
            if input.reviewRequired {
                return try await submitAmendment(model, date: date, summary: summary)
            }
            let roles = user.roles
            return try await run(contractID, event, detail: "变更：\(summary)", adjust: { $0.amendmentRecorded = true }) { record, tx in
                let entry = try Self.enterAmendment(reviewRequired: false, by: userID, roles: roles).get()
                try await Self.addChange(record, kind: entry.rawValue, date: date, summary: summary, by: userID, at: now, on: tx)
            }
        case .complete:
            let date = DateRule(label: "履行完毕日期").clean(input.date, field: "date", into: &errors)
            guard errors.isEmpty, let date else { return invalid(errors) }
            return try await run(contractID, event, detail: "履行完毕 \(date)", apply: { record, tx in
                record.endedOn = date.description
                try await Self.addChange(record, kind: ContractChangeKind.completed, date: date, summary: "履行完毕", by: userID, at: now, on: tx)
            })
        case .recordReview, .returnForChanges:
            throw Abort(.notFound)  // the review form
        }
    }

    static func addChange(_ record: ContractModel, kind: String, date: LocalDate, summary: String, by userID: UUID, at now: Date,
                          on tx: any Database) async throws {
        try await ContractChangeModel(contractID: record.id!, kind: kind, date: date, summary: summary, by: userID, at: now).create(on: tx)
    }

    /// The state a new amendment is stored in: the amendment table's entry event (`submit` when it needs a
    /// review, `record` when not) from its not-stored entry state.
    static func enterAmendment(reviewRequired: Bool, by userID: UUID, roles: Set<Role>) -> Result<ContractAmendmentState, WorkflowRefusal> {
        ContractAmendmentWorkflow.definition().apply(
            ContractAmendmentWorkflow.entry(reviewRequired: reviewRequired), from: ContractAmendmentWorkflow.definition().initial, roles: roles,
            context: ContractAmendmentContext(authorUserID: userID, actingUserID: userID, reviewRequired: reviewRequired)).map(\.to)
    }

    /// An amendment that changes what was reviewed waits for its own legality review (`reviewAmendment`); the
    /// contract's state changes only once it passes. Refused already if no amendment may be entered at all
    /// (the contract table: state, role), and while another one waits for its review.
    private func submitAmendment(_ model: ContractModel, date: LocalDate, summary: String) async throws -> Outcome {
        let form = ContractEvent.amend.rawValue
        if case .failure(let refusal) = ContractWorkflow.definition().apply(
            .amend, from: ContractState(rawValue: model.state) ?? .submitted, roles: user.roles,
            context: ContractContext(actingUserID: user.id, amendmentRecorded: true)) {
            return .refused(refusal.message, form: form)
        }
        let state: ContractAmendmentState
        switch Self.enterAmendment(reviewRequired: true, by: user.id, roles: user.roles) {
        case .failure(let refusal): return .refused(refusal.message, form: form)
        case .success(let value): state = value
        }
        let contractID = model.id!
        let change = ContractChangeModel(contractID: contractID, kind: state.rawValue, date: date, summary: summary, by: user.id, at: now)
        let event = AuditEvent("contracts.amendment.submitted", subjectType: "contract", subjectID: contractID.uuidString, detail: "变更送合法性审查：\(summary)")
        let (audit, now) = (audit, now)
        // One at a time, checked under the write lock.
        let entered = try await db.writeTransaction { tx in
            let waiting = try await ContractChangeModel.query(on: tx).filter(\.$contract.$id == contractID)
                .filter(\.$kind == ContractAmendmentState.pendingReview.rawValue).count()
            guard waiting == 0 else { return false }
            try await change.create(on: tx)
            try await AuditLog.append(event, context: audit, at: now, on: tx)
            return true
        }
        guard entered else { return .refused("已有一项变更正在合法性审查，请待审查完毕后再录入新的变更。", form: form) }
        return .saved(anchor: "changes")
    }

    // MARK: Reviews

    /// The contract's legality review: the shared Review recorded with the step its opinion fires.
    func review(_ contractID: UUID, _ input: ContractReviewInput) async throws -> Outcome {
        let draft: ReviewDraft
        switch ReviewDraft.validate(received: input.received, decided: input.decided, opinion: input.opinion, reasons: input.reasons, today: today) {
        case .failure(let errors): return .invalid(errors, form: "review")
        case .success(let valid): draft = valid
        }
        let (user, now) = (user, now)
        return try await run(contractID, ContractEvent.afterReview(passed: draft.opinion.passed), detail: "审查意见：\(draft.opinion.label)。\(draft.reasons)",
                             adjust: { $0.reviewOpinion = draft.opinion }) { record, tx in
            try await ReviewModel.record(.contract, id: record.id!, owner: record.ownerUnitID, reviewerID: user.id, reviewerName: user.displayName,
                                         received: draft.received.description, decided: draft.decided.description, opinion: draft.opinion,
                                         reasons: draft.reasons, at: now, on: tx)
        }
    }

    /// The legality review of an amendment that changes what was reviewed (amount, parties, main obligations),
    /// through the amendment table: 同意 / 修改后同意 puts it in effect, recorded as the contract's `amend` step;
    /// 不同意 returns it and the contract stays as signed. Its author may not review it.
    func reviewAmendment(_ contractID: UUID, _ input: ContractReviewInput) async throws -> Outcome {
        let contract = try await contract(contractID)
        guard let changeID = input.change.flatMap(UUID.init(uuidString:)),
              let change = try await ContractChangeModel.query(on: db).filter(\.$id == changeID).filter(\.$contract.$id == contractID)
                .filter(\.$kind == ContractAmendmentState.pendingReview.rawValue).first() else {
            return .refused("该变更不存在或已经审查。", form: nil)
        }
        let form = "amendment-\(changeID)"
        let draft: ReviewDraft
        switch ReviewDraft.validate(received: input.received, decided: input.decided, opinion: input.opinion, reasons: input.reasons, today: today) {
        case .failure(let errors): return .invalid(errors, form: form)
        case .success(let valid): draft = valid
        }
        let (user, now, owner) = (user, now, contract.ownerUnitID)
        let event = ContractAmendmentEvent.afterReview(passed: draft.opinion.passed)
        let submitter = change.submittedBy
        /// Moves the amendment through its table (compare-and-set on its stored state) and records the review.
        @Sendable func recordReview(_ tx: any Database) async throws {
            guard let pending = try await ContractChangeModel.query(on: tx).filter(\.$id == changeID)
                .filter(\.$kind == ContractAmendmentState.pendingReview.rawValue).first() else {
                throw Abort(.conflict, reason: "该变更已经审查。")
            }
            let context = ContractAmendmentContext(authorUserID: pending.submittedBy, actingUserID: user.id, reviewRequired: true, reviewOpinion: draft.opinion)
            pending.kind = try ContractAmendmentWorkflow.definition().apply(event, from: .pendingReview, roles: user.roles, context: context).get().to.rawValue
            try await pending.update(on: tx)
            _ = try await ReviewModel.record(.contractAmendment, id: changeID, owner: owner, reviewerID: user.id, reviewerName: user.displayName,
                                             received: draft.received.description, decided: draft.decided.description, opinion: draft.opinion,
                                             reasons: draft.reasons, at: now, on: tx)
        }
        switch event {
        case .reject:
            // The author is refused before anything is written.
            if case .failure(let refusal) = ContractAmendmentWorkflow.definition().apply(
                .reject, from: .pendingReview, roles: user.roles,
                context: ContractAmendmentContext(authorUserID: submitter, actingUserID: user.id, reviewRequired: true, reviewOpinion: draft.opinion)) {
                return .refused(refusal.message, form: form)
            }
            let (audit, contractID) = (audit, contractID)
            do {
                try await db.writeTransaction { tx in
                    try await recordReview(tx)
                    try await AuditLog.append(AuditEvent("contracts.amendment.returned", subjectType: "contract", subjectID: contractID.uuidString,
                                                         detail: "变更审查意见：\(draft.opinion.label)。\(draft.reasons)"), context: audit, at: now, on: tx)
                }
            } catch let refusal as WorkflowRefusal {
                return .refused(refusal.message, form: form)
            }
            return .saved(anchor: "changes")
        case .approve, .record, .submit:
            // The contract's own `amend` step, whose guards check the review passed and the author is not the reviewer.
            return try await run(contractID, .amend, detail: "变更经审查（\(draft.opinion.label)）：\(change.summary)", adjust: {
                $0.amendmentRecorded = true
                $0.amendmentReviewRequired = true
                $0.amendmentReviewPassed = true
                $0.amendmentSubmitterID = submitter
            }) { _, tx in try await recordReview(tx) }
        }
    }

    // MARK: Files and personal data

    /// Stores an uploaded file on the contract and audits it. The shared Attachments component reads and checks
    /// the multipart body itself, so it needs the request.
    func attach(from req: Request, to contract: ContractRef) async throws {
        try await Attachments.save(from: req, subjectType: "contract", subjectID: contract.id, ownerUnitID: contract.ownerUnitID,
                                   action: "contracts.attachment.added")
    }

    /// The reveal of a natural-person counterparty's ID number. The shared PersonalDataReveal (Core) checks the
    /// capability and writes the `personal.view` audit entry before it shows anything.
    func revealCounterparty(_ contractID: UUID, party partyID: UUID?) async throws -> PersonalDataReveal {
        guard let partyID, let party = try await ContractQuery.partyReveal(contractID, party: partyID, actor: user.actor, box: box, on: db) else {
            throw Abort(.notFound)
        }
        let id = party.contract.id
        return PersonalDataReveal(
            label: "身份证号", owner: party.fullName, ownerLabel: "合同相对方", sealed: party.residentIDSealed, subjectType: "contract",
            subjectID: id.uuidString, crumbs: [Crumb("政府合同", .contracts), Crumb(party.contract.title, .contract(.value(id)))],
            nav: "contracts", back: .contract(.value(id)))
    }

    /// Audits an export of the register.
    func recordExport(count: Int, format: SiteURL.ExportFormat) async throws {
        try await AuditLog.record(AuditEvent("contracts.exported", subjectType: "contract", detail: "导出合同登记 \(count) 份（\(format.rawValue)）"),
                                  context: audit, at: now, on: db)
    }
}
