import FazhiCore
import Fluent
import Foundation
import Vapor

/// Key projects (重点项目工程) and the advisers taking part in them.
enum KeyProjectsController {
    static func list(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = req.queryForm
        let search = String((form["q"] ?? "").trimmingCharacters(in: .whitespaces).prefix(40))
        var query = KeyProjectModel.query(on: req.db).with(\.$ownerUnit)
        if !search.isEmpty { query = query.filter(\.$name ~~ search) }
        let projects = try await query.sort(\.$startDate).all()
        let participations = try await ProjectParticipationModel.query(on: req.db).all()
        var advisers: [UUID: Set<UUID>] = [:]
        var opinions: [UUID: Int] = [:]
        for participation in participations {
            advisers[participation.$project.id, default: []].insert(participation.$adviser.id)
            opinions[participation.$project.id, default: 0] += participation.opinionsCount
        }
        let contracts = try await ContractModel.query(on: req.db).filter(\.$projectID != nil).all()
            .reduce(into: [UUID: Int]()) { $0[$1.projectID!, default: 0] += 1 }
        let page = PageInfo.from(form, total: projects.count)
        let rows = projects.dropFirst(page.offset).prefix(page.per).map { project in
            AdviserPages.ProjectRow(model: project, advisers: advisers[project.id!]?.count ?? 0, opinions: opinions[project.id!] ?? 0,
                                    contracts: contracts[project.id!] ?? 0)
        }
        let frame = try await req.frame("重点项目工程", crumbs: [Crumb("法律顾问", .advisers), Crumb("重点项目工程")], nav: "advisers")
        return htmlResponse(AdviserPages.projects(frame, user: user, rows: Array(rows), page: page, search: search))
    }

    static func new(_ req: Request) async throws -> Response {
        try await renderForm(req, values: ["startDate": req.fazhi.clock.today.description], errors: FieldErrors())
    }

    static func renderForm(_ req: Request, values: [String: String], errors: FieldErrors) async throws -> Response {
        let units = try await UnitModel.query(on: req.db).filter(\.$active == true).sort(\.$name).all()
        let frame = try await req.frame("新增重点项目", crumbs: [Crumb("法律顾问", .advisers), Crumb("重点项目工程", .projects), Crumb("新增")], nav: "advisers")
        return htmlResponse(AdviserPages.projectForm(frame, values: values, errors: errors, units: units), status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    static func create(_ req: Request) async throws -> Response {
        let form = req.form
        let unit = try await form["unit"].flatMap(UUID.init(uuidString:)).asyncMap { try await UnitModel.find($0, on: req.db) } ?? nil
        var errors = FieldErrors()
        if unit == nil { errors.add("unit", "请选择「项目单位」。") }
        let description = TextRule(label: "项目简介", required: false, maxLength: 2000, multiline: true).clean(form["description"], field: "description", into: &errors)
        var project: KeyProject?
        switch KeyProject.validate(name: form["name"], ownerUnit: unit?.name ?? "—", startDate: form["startDate"], endDate: form["endDate"]) {
        case .success(let value): project = value
        case .failure(let more): errors.merge(more)
        }
        if let name = project?.name, try await KeyProjectModel.query(on: req.db).filter(\.$name == name).first() != nil {
            errors.add("name", "重点项目「\(name)」已登记。")
        }
        guard errors.isEmpty, let project, let unit else { return try await renderForm(req, values: form.flat, errors: errors) }
        let model = KeyProjectModel()
        model.id = UUID()
        model.name = project.name
        model.$ownerUnit.id = unit.id!
        model.startDate = project.startDate.description
        model.endDate = project.endDate?.description
        model.description = description ?? ""
        model.createdAt = req.now
        try await req.create(model, audit: AuditEvent("advisers.project.created", subjectType: "key_project", detail: "登记重点项目「\(project.name)」（\(unit.name)）"))
        return req.redirect(to: SiteURL.project(.value(model.id!)).path(query: [("done", "created")]), redirectType: .normal)
    }

    static func load(_ req: Request) async throws -> KeyProjectModel {
        guard let id = req.parameters.get("projectID", as: UUID.self),
              let project = try await KeyProjectModel.query(on: req.db).filter(\.$id == id).with(\.$ownerUnit).first() else { throw Abort(.notFound) }
        return project
    }

    static func keyProject(_ model: KeyProjectModel) -> KeyProject? {
        LocalDate(iso: model.startDate).map {
            KeyProject(name: model.name, ownerUnit: model.ownerUnit.name, startDate: $0, endDate: model.endDate.flatMap(LocalDate.init(iso:)))
        }
    }

    static func show(_ req: Request) async throws -> Response {
        try await renderShow(req, project: try await load(req), values: [:], errors: FieldErrors())
    }

    static func renderShow(_ req: Request, project: KeyProjectModel, values: [String: String], errors: FieldErrors) async throws -> Response {
        let id = project.id!
        let participations = try await ProjectParticipationModel.query(on: req.db).filter(\.$project.$id == id).with(\.$adviser).sort(\.$from).all()
        let user = try req.requireUser()
        let today = req.fazhi.clock.today
        let advisers = user.has(.writeAllRecords)
            ? try await AdviserModel.query(on: req.db).sort(\.$name).all().filter { AdviserQuery.term($0)?.isActive(on: today) ?? false }
            : []
        let contracts = try await ContractModel.query(on: req.db).filter(\.$projectID == id).sort(\.$submittedOn).all()
            .filter { user.actor.canRead(recordOf: $0.ownerUnitID) }
        let frame = try await req.frame(project.name, crumbs: [Crumb("法律顾问", .advisers), Crumb("重点项目工程", .projects), Crumb(project.name)], nav: "advisers")
        return htmlResponse(AdviserPages.project(frame, project: project, participations: participations, advisers: advisers, contracts: contracts,
                                                 canWrite: user.has(.writeAllRecords), today: today, values: values, errors: errors),
                            status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    static func addParticipation(_ req: Request) async throws -> Response {
        let project = try await load(req)
        let form = req.form
        let adviser = try await form["adviser"].flatMap(UUID.init(uuidString:)).asyncMap { try await AdviserModel.find($0, on: req.db) } ?? nil
        guard let keyProject = keyProject(project) else { throw Abort(.internalServerError) }
        var errors = FieldErrors()
        if adviser == nil { errors.add("adviser", "请选择「法律顾问」。") }
        var participation: ProjectParticipation?
        switch ProjectParticipation.validate(adviserID: adviser?.id ?? UUID(), projectID: project.id!, project: keyProject,
                                             adviserTerm: adviser.flatMap(AdviserQuery.term), from: form["from"], to: form["to"],
                                             opinionsCount: form["opinionsCount"], opinionsSummary: form["opinionsSummary"], today: req.fazhi.clock.today) {
        case .success(let value): participation = value
        case .failure(let more): errors.merge(more)
        }
        guard errors.isEmpty, let participation, let adviser else { return try await renderShow(req, project: project, values: form.flat, errors: errors) }
        let model = ProjectParticipationModel()
        model.$project.id = project.id!
        model.$adviser.id = adviser.id!
        model.from = participation.from.description
        model.to = participation.to?.description
        model.opinionsCount = participation.opinionsCount
        model.opinions = participation.opinionsSummary ?? ""
        try await req.create(model, audit: AuditEvent("advisers.project.joined", subjectType: "key_project", subjectID: project.id!.uuidString,
                                                      detail: "\(adviser.name) 参与「\(project.name)」，自 \(participation.from)，提出法律意见 \(participation.opinionsCount) 条"))
        return req.redirect(to: SiteURL.project(.value(project.id!)).path(query: [("done", "saved")]), redirectType: .normal)
    }
}
