import FazhiCore
import Fluent
import Foundation
import Vapor

/// Legal advisers (法律顾问与公职律师): the roster with sealed contacts, key projects and each adviser's
/// part in them and in reviews and decisions, and 一村（社区）一法律顾问 coverage.
enum AdvisersController {
    struct Filter: Sendable {
        var query = ""
        var type: AdviserType?
        /// "active" (serving today), "ended", or nil for all.
        var status: String?

        init(_ form: FormBody) {
            query = String((form["q"] ?? "").trimmingCharacters(in: .whitespaces).prefix(40))
            type = AdviserType(rawValue: form["type"] ?? "")
            status = ["active", "ended"].contains(form["status"] ?? "") ? form["status"] : nil
        }

        var pairs: [(String, String)] { [("q", query), ("type", type?.rawValue ?? ""), ("status", status ?? "")] }
    }

    struct RosterRow: Sendable {
        let model: AdviserModel
        let term: AdviserTerm?
        let villages: Int
        let contactMasked: String?
    }

    static func term(_ model: AdviserModel) -> AdviserTerm? { AdviserQuery.term(model) }

    static func maskedContact(_ sealed: String?, box: SecretBox) -> String? {
        guard let sealed else { return nil }
        return (try? box.open(sealed)).flatMap { try? ContactDetail.validate($0).get().masked } ?? "（无法解密）"
    }

    /// The roster's filters in SQL: serving today = term begun and not ended (the same test as `AdviserTerm.isActive`).
    static func rosterQuery(_ filter: Filter, today: LocalDate, on db: any Database) -> QueryBuilder<AdviserModel> {
        var query = AdviserModel.query(on: db)
        if let type = filter.type { query = query.filter(\.$type == type.rawValue) }
        if !filter.query.isEmpty {
            query = query.group(.or) { $0.filter(\.$name ~~ filter.query).filter(\.$organisation ~~ filter.query).filter(\.$licenceNumber ~~ filter.query) }
        }
        let day = today.description
        switch filter.status {
        case "active"?:
            query = query.filter(\.$termStart <= day).group(.or) { $0.filter(\.$termEnd == nil).filter(\.$termEnd >= day) }
        case "ended"?:
            query = query.group(.or) { $0.filter(\.$termStart > day).filter(\.$termEnd < day) }
        default: break
        }
        return query.sort(\.$type).sort(\.$name).sort(\.$id)
    }

    /// Advisers with their term and the villages each serves today (counted for these advisers only).
    static func roster(_ advisers: [AdviserModel], today: LocalDate, on db: any Database) async throws -> [(AdviserModel, AdviserTerm?, Int)] {
        let ids = advisers.compactMap(\.id)
        var villageCounts: [UUID: Int] = [:]
        for chunk in ids.chunked(500) {
            for model in try await AdviserAssignmentModel.query(on: db).filter(\.$adviser.$id ~~ chunk).all() {
                guard let from = LocalDate(iso: model.from) else { continue }
                let assignment = VillageAssignment(adviserID: model.$adviser.id, regionID: model.$region.id, from: from, to: model.to.flatMap(LocalDate.init(iso:)))
                if assignment.isActive(on: today) { villageCounts[model.$adviser.id, default: 0] += 1 }
            }
        }
        return advisers.map { ($0, term($0), villageCounts[$0.id!] ?? 0) }
    }

    static func activeAssignments(on date: LocalDate, db: any Database) async throws -> [VillageAssignment] {
        try await AdviserAssignmentModel.query(on: db).all().compactMap { model in
            guard let from = LocalDate(iso: model.from) else { return nil }
            let assignment = VillageAssignment(adviserID: model.$adviser.id, regionID: model.$region.id, from: from, to: model.to.flatMap(LocalDate.init(iso:)))
            return assignment.isActive(on: date) ? assignment : nil
        }
    }

    static func list(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = req.queryForm
        let filter = Filter(form)
        let today = req.fazhi.clock.today
        let (advisers, page) = try await rosterQuery(filter, today: today, on: req.db).page(form)
        let box = req.fazhi.secretBox
        let rows = try await roster(advisers, today: today, on: req.db).map { model, term, villages in
            RosterRow(model: model, term: term, villages: villages, contactMasked: maskedContact(model.contactSealed, box: box))
        }
        let frame = try await req.frame("法律顾问", crumbs: [Crumb("法律顾问")], nav: "advisers")
        return htmlResponse(AdviserPages.list(frame, user: user, rows: Array(rows), page: page, filter: filter, today: today))
    }

    /// The roster for Excel, without contacts (personal information stays in the system).
    static func export(_ format: SiteURL.ExportFormat) -> @Sendable (Request) async throws -> Response {
        { req in
            let today = req.fazhi.clock.today
            let rows = try await roster(try await rosterQuery(Filter(req.queryForm), today: today, on: req.db).all(), today: today, on: req.db)
            try await req.audit(AuditEvent("advisers.exported", subjectType: "adviser", detail: "导出法律顾问名册 \(rows.count) 人（\(format.rawValue)，不含联系方式）"))
            let table = ExportTable(title: "法律顾问名册", header: ["姓名", "类型", "所在单位", "执业证号", "聘期起", "聘期止", "服务村（社区）数"],
                                    rows: rows.map { model, term, villages in
                                        [.text(model.name), .text(AdviserType(rawValue: model.type)?.label ?? model.type), .text(model.organisation),
                                         .optionalText(model.licenceNumber), .optionalDate(term?.start), .optionalDate(term?.end), .integer(villages)]
                                    })
            return try table.response(format, filename: "法律顾问名册")
        }
    }

    // MARK: One adviser

    static func new(_ req: Request) async throws -> Response {
        try await renderForm(req, adviser: nil, values: ["termStart": req.fazhi.clock.today.description], errors: FieldErrors())
    }

    static func renderForm(_ req: Request, adviser: AdviserModel?, values: [String: String], errors: FieldErrors) async throws -> Response {
        if let adviser { return try await renderShow(req, adviser: adviser, values: values, errors: errors) }
        let frame = try await req.frame("新增法律顾问", crumbs: [Crumb("法律顾问", .advisers), Crumb("新增")], nav: "advisers")
        return htmlResponse(AdviserPages.form(frame, action: .adviserNew, values: values, errors: errors, cancel: .advisers),
                            status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    /// The adviser named in the path, for a user who may read the roster (every route under it, the contact
    /// reveal included: an admin holds the reveal right for accounts only).
    static func load(_ req: Request) async throws -> AdviserModel {
        guard try req.requireUser().has(.readOwnUnitRecords), let id = req.parameters.get("adviserID", as: UUID.self),
              let adviser = try await AdviserModel.find(id, on: req.db) else {
            throw Abort(.notFound)
        }
        return adviser
    }

    /// New (no adviser) or edited: validated by `AdviserDraft`, the contact sealed, audited.
    static func save(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let existing: AdviserModel? = req.parameters.get("adviserID") == nil ? nil : try await load(req)
        let form = req.form
        // Editing leaves a stored contact alone when the field is left blank (it is never sent back to the browser).
        let keepContact = existing?.contactSealed != nil && (form["contact"] ?? "").trimmingCharacters(in: .whitespaces).isEmpty
        let draft: AdviserDraft
        switch AdviserDraft.validate(name: form["name"], type: form["type"], organisation: form["organisation"], licenceNumber: form["licenceNumber"],
                                     contact: form["contact"], termStart: form["termStart"], termEnd: form["termEnd"], today: req.fazhi.clock.today) {
        case .failure(let errors): return try await renderForm(req, adviser: existing, values: form.flat, errors: errors)
        case .success(let value): draft = value
        }
        if let licence = draft.licence?.value,
           let clash = try await AdviserModel.query(on: req.db).filter(\.$licenceNumber == licence).first(), clash.id != existing?.id {
            return try await renderForm(req, adviser: existing, values: form.flat, errors: FieldErrors("licenceNumber", "执业证号 \(licence) 已登记为「\(clash.name)」。"))
        }
        let sealed = try draft.contact.map { try req.fazhi.secretBox.seal($0.value) }
        let adviser = existing ?? AdviserModel()
        let before = existing.map { "\($0.name) \($0.type) \($0.organisation) \($0.licenceNumber ?? "") \($0.termStart)—\($0.termEnd ?? "")" }
        adviser.name = draft.name
        adviser.type = draft.type.rawValue
        adviser.organisation = draft.organisation
        adviser.licenceNumber = draft.licence?.value
        if !keepContact { adviser.contactSealed = sealed }
        adviser.termStart = draft.term.start.description
        adviser.termEnd = draft.term.end?.description
        if existing == nil {
            adviser.id = UUID()
            adviser.$unit.id = user.unitID
            adviser.createdAt = req.now
        }
        let context = req.auditContext
        let now = req.now
        try await req.db.writeTransaction { tx in
            try await adviser.save(on: tx)
            try await AuditLog.append(AuditEvent(existing == nil ? "advisers.created" : "advisers.updated", subjectType: "adviser", subjectID: adviser.id!.uuidString,
                                                 detail: (before.map { "原：\($0)；" } ?? "") + "现：\(draft.name) \(draft.type.label) \(draft.organisation)"
                                                     + (keepContact ? "" : "，联系方式\(draft.contact == nil ? "为空" : "已更新")")),
                                      context: context, at: now, on: tx)
        }
        return req.redirect(to: SiteURL.adviser(.value(adviser.id!)).path(query: [("done", existing == nil ? "created" : "saved")]), redirectType: .normal)
    }

    static func show(_ req: Request) async throws -> Response {
        let adviser = try await load(req)
        return try await renderShow(req, adviser: adviser, values: nil, errors: FieldErrors())
    }

    static func renderShow(_ req: Request, adviser: AdviserModel, values: [String: String]?, errors: FieldErrors) async throws -> Response {
        let id = adviser.id!
        let assignments = try await AdviserAssignmentModel.query(on: req.db).filter(\.$adviser.$id == id).with(\.$region).sort(\.$from).all()
        let townshipIDs = Set(assignments.compactMap { $0.region.$parent.id })
        let townships = try await RegionModel.query(on: req.db).filter(\.$id ~~ Array(townshipIDs)).all()
        let participations = try await ProjectParticipationModel.query(on: req.db).filter(\.$adviser.$id == id).with(\.$project).sort(\.$from).all()
        let engagements = try await AdviserEngagementModel.query(on: req.db).filter(\.$adviser.$id == id).sort(\.$date, .descending).all()
        let frame = try await req.frame(adviser.name, crumbs: [Crumb("法律顾问", .advisers), Crumb(adviser.name)], nav: "advisers")
        let formValues = values ?? [
            "name": adviser.name, "type": adviser.type, "organisation": adviser.organisation, "licenceNumber": adviser.licenceNumber ?? "",
            "termStart": adviser.termStart, "termEnd": adviser.termEnd ?? "",
        ]
        return htmlResponse(AdviserPages.show(frame, .init(
            adviser: adviser, user: try req.requireUser(), today: req.fazhi.clock.today,
            contactMasked: maskedContact(adviser.contactSealed, box: req.fazhi.secretBox),
            assignments: assignments, townshipNames: Dictionary(uniqueKeysWithValues: townships.map { ($0.id!, $0.name) }),
            participations: participations, engagements: engagements, values: formValues, errors: errors)),
            status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    static func revealContact(_ req: Request) async throws -> Response {
        let adviser = try await load(req)
        return try await PersonalDataReveal(
            label: "联系方式", owner: adviser.name, ownerLabel: "法律顾问", sealed: adviser.contactSealed, subjectType: "adviser",
            subjectID: adviser.id!.uuidString, crumbs: [Crumb("法律顾问", .advisers), Crumb(adviser.name, .adviser(.value(adviser.id!)))],
            nav: "advisers", back: .adviser(.value(adviser.id!))).response(req)
    }

    // MARK: Part in reviews and decisions

    /// What the engagement form on a decision's, contract's or document's page needs.
    static func subjectTitle(_ subject: EngagementSubject, _ id: UUID, on db: any Database) async throws -> (title: String, url: SiteURL)? {
        switch subject {
        case .decision: try await DecisionModel.find(id, on: db).map { ($0.title, .decision(.value(id))) }
        case .contract: try await ContractModel.find(id, on: db).map { ($0.title, .contract(.value(id))) }
        case .document: try await DocumentModel.find(id, on: db).map { ($0.title, .document(.value(id))) }
        }
    }

    static func addEngagement(_ req: Request) async throws -> Response {
        let form = req.form
        guard let subject = EngagementSubject(rawValue: form["subjectType"] ?? ""), let subjectID = form["subjectID"].flatMap(UUID.init(uuidString:)),
              let (title, url) = try await subjectTitle(subject, subjectID, on: req.db) else { throw Abort(.notFound) }
        let adviser = try await form["adviser"].flatMap(UUID.init(uuidString:)).asyncMap { try await AdviserModel.find($0, on: req.db) } ?? nil
        switch AdviserEngagement.validate(adviserTerm: adviser.flatMap(term), date: form["date"], summary: form["summary"], today: req.fazhi.clock.today) {
        case .failure(let errors):
            // The form again on a page of its own, with what was typed and what to correct.
            var section = try await AdviserQuery.engagementCard(subject, id: subjectID, user: try req.requireUser(), today: req.fazhi.clock.today, on: req.db)
            section.values = form.flat
            section.errors = errors
            let frame = try await req.frame("录入法律顾问参与", crumbs: [Crumb(subject.label), Crumb(title, url), Crumb("法律顾问参与")], nav: "advisers")
            return htmlResponse(Layout.page(frame, [Components.errorSummary(errors), AdviserPages.engagements(frame, section)]), status: .unprocessableEntity)
        case .success(let engagement):
            let record = AdviserEngagementModel()
            record.$adviser.id = adviser!.id!
            record.subjectType = subject.rawValue
            record.subjectID = subjectID
            record.subjectTitle = title
            record.date = engagement.date.description
            record.summary = engagement.summary
            record.createdAt = req.now
            try await req.create(record, audit: AuditEvent("advisers.engaged", subjectType: subject.rawValue, subjectID: subjectID.uuidString,
                                                           detail: "\(adviser!.name) 参与「\(title)」（\(engagement.date)）：\(engagement.summary)"))
            return req.redirect(to: url.path(query: [("done", "saved")]) + "#advisers", redirectType: .normal)
        }
    }
}
