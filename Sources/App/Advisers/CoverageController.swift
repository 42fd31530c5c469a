import FazhiCore
import Fluent
import Foundation
import Vapor

/// 一村（社区）一法律顾问: which adviser serves each village and community on a date, by township, with gaps.
enum CoverageController {
    /// The county's villages and communities with their townships, and the coverage on `date`.
    static func report(on date: LocalDate, db: any Database) async throws -> (CoverageReport, [UUID: RegionModel]) {
        let regions = try await RegionModel.query(on: db).sort(\.$code).all()
        let byID = Dictionary(uniqueKeysWithValues: regions.map { ($0.id!, $0) })
        let coverageRegions = regions.compactMap { region -> CoverageRegion? in
            guard let level = RegionLevel(rawValue: region.level) else { return nil }
            return CoverageRegion(id: region.id!, name: region.name, level: level, townshipID: townshipID(of: region, in: byID))
        }
        let assignments = try await AdviserAssignmentModel.query(on: db).all().compactMap { model -> VillageAssignment? in
            guard let from = LocalDate(iso: model.from) else { return nil }
            return VillageAssignment(adviserID: model.$adviser.id, regionID: model.$region.id, from: from, to: model.to.flatMap(LocalDate.init(iso:)))
        }
        let types = try await AdviserModel.query(on: db).all().reduce(into: [UUID: AdviserType]()) { $0[$1.id!] = AdviserType(rawValue: $1.type) }
        return (VillageCoverage.compute(regions: coverageRegions, assignments: assignments, on: date, adviserTypes: types), byID)
    }

    /// The township a village or community belongs to: the nearest township above it.
    static func townshipID(of region: RegionModel, in regions: [UUID: RegionModel]) -> UUID? {
        var current = region.$parent.id
        var steps = 0
        while let id = current, let parent = regions[id], steps < 5 {
            if parent.level == RegionLevel.township.rawValue { return id }
            current = parent.$parent.id
            steps += 1
        }
        return nil
    }

    static func show(_ req: Request) async throws -> Response {
        try await render(req, values: [:], errors: FieldErrors())
    }

    static func render(_ req: Request, values: [String: String], errors: FieldErrors) async throws -> Response {
        let user = try req.requireUser()
        let today = req.fazhi.clock.today
        var dateErrors = FieldErrors()
        let requested = req.queryForm["date"].flatMap { $0.isEmpty ? nil : $0 }
        let date = requested.flatMap { DateRule(label: "统计日期").clean($0, field: "date", into: &dateErrors) } ?? today
        let (report, regions) = try await report(on: date, db: req.db)
        let advisers = try await AdviserModel.query(on: req.db).sort(\.$name).all()
        let names = Dictionary(uniqueKeysWithValues: advisers.map { ($0.id!, $0.name) })
        let assignable = user.has(.writeAllRecords) ? advisers.filter { AdviserQuery.term($0)?.isActive(on: today) ?? false } : []
        let frame = try await req.frame("一村（社区）一法律顾问", crumbs: [Crumb("法律顾问", .advisers), Crumb("村（社区）覆盖")], nav: "advisers")
        var formValues = values
        if formValues["region"] == nil, let region = req.queryForm["region"] { formValues["region"] = region }
        if formValues["from"] == nil { formValues["from"] = today.description }
        return htmlResponse(AdviserPages.coverage(frame, report: report, date: date, dateError: dateErrors["date"].first, adviserNames: names,
                                                  regions: regions, assignable: assignable, values: formValues, errors: errors),
                            status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    /// Assigns an adviser to a village or community from a date; the region's current assignment ends the day before.
    static func assign(_ req: Request) async throws -> Response {
        let form = req.form
        let region = try await form["region"].flatMap(UUID.init(uuidString:)).asyncMap { try await RegionModel.find($0, on: req.db) } ?? nil
        let adviser = try await form["adviser"].flatMap(UUID.init(uuidString:)).asyncMap { try await AdviserModel.find($0, on: req.db) } ?? nil
        let existing = try await region.asyncMap { region in
            try await AdviserAssignmentModel.query(on: req.db).filter(\.$region.$id == region.id!).all()
        } ?? []
        let plan: VillageAssignmentPlan
        switch VillageAssignmentPlan.plan(
            regionLevel: region.flatMap { RegionLevel(rawValue: $0.level) }, adviserID: adviser?.id, adviserTerm: adviser.flatMap(AdviserQuery.term),
            from: form["from"],
            existing: existing.compactMap { model in
                LocalDate(iso: model.from).map { .init(id: model.id!, adviserID: model.$adviser.id, from: $0, to: model.to.flatMap(LocalDate.init(iso:))) }
            },
            today: req.fazhi.clock.today) {
        case .failure(let errors): return try await render(req, values: form.flat, errors: errors)
        case .success(let value): plan = value
        }
        guard let region, let adviser else { throw Abort(.internalServerError) }
        let context = req.auditContext
        let now = req.now
        try await req.db.writeTransaction { tx in
            for model in existing {
                if let end = plan.ends[model.id!] {
                    model.to = end.description
                    try await model.update(on: tx)
                }
            }
            let assignment = AdviserAssignmentModel()
            assignment.$adviser.id = adviser.id!
            assignment.$region.id = region.id!
            assignment.from = plan.from.description
            assignment.to = plan.to?.description
            try await assignment.create(on: tx)
            try await AuditLog.append(AuditEvent("advisers.assigned", subjectType: "region", subjectID: region.id!.uuidString,
                                                 detail: "\(region.name) 自 \(plan.from) 由 \(adviser.name) 担任法律顾问" + (plan.ends.isEmpty ? "" : "（原分派于前一日结束）")),
                                      context: context, at: now, on: tx)
        }
        return req.redirect(to: SiteURL.coverage.path(query: [("done", "saved")]), redirectType: .normal)
    }
}
