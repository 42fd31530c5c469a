import FazhiCore
import Fluent
import Foundation
import Vapor

/// Admin pages for regions and units. Every change is audited.
enum AdminOrganisationController {
    static func index(_ req: Request) async throws -> Response {
        let counts = AdminPages.Counts(
            regions: try await RegionModel.query(on: req.db).count(),
            units: try await UnitModel.query(on: req.db).count(),
            users: try await UserModel.query(on: req.db).count(),
            tokens: try await APITokenModel.query(on: req.db).filter(\.$revokedAt == nil).count(),
            calendarYears: try await CalendarService.calendar(on: req.db).coveredYears)
        let frame = try await req.frame("系统管理", crumbs: [Crumb("系统管理")], nav: "admin")
        return htmlResponse(AdminPages.index(frame, counts: counts))
    }

    // MARK: Regions

    /// The region list's filters (level, parent, name or code), shared by the page and its export.
    struct RegionFilter {
        let level: RegionLevel?
        let parentID: UUID?
        let search: String

        init(_ query: FormBody) {
            level = RegionLevel(rawValue: query["level"] ?? "")
            parentID = query["parent"].flatMap(UUID.init(uuidString:))
            search = String((query["q"] ?? "").trimmingCharacters(in: .whitespaces).prefix(40))
        }

        func query(on db: any Database) -> QueryBuilder<RegionModel> {
            var builder = RegionModel.query(on: db)
            if let level { builder = builder.filter(\.$level == level.rawValue) }
            if let parentID { builder = builder.filter(\.$parent.$id == parentID) }
            if !search.isEmpty { builder = builder.group(.or) { $0.filter(\.$name ~~ search).filter(\.$code ~~ search) } }
            return builder
        }
    }

    static func exportRegions(_ format: SiteURL.ExportFormat) -> @Sendable (Request) async throws -> Response {
        { req in
            let regions = try await RegionFilter(req.queryForm).query(on: req.db).with(\.$parent).sort(\.$code).all()
            try await req.audit(AuditEvent("admin.regions.exported", subjectType: "region", detail: "导出行政区划 \(regions.count) 个（\(format.rawValue)）"))
            return try ExportTable(title: "行政区划", header: ["区划代码", "名称", "级别", "上级"], rows: regions.map { region in
                [.text(region.code), .text(region.name), .text(RegionLevel(rawValue: region.level)?.label ?? region.level), .optionalText(region.parent?.name)]
            }).response(format, filename: "行政区划")
        }
    }

    static func regions(_ req: Request) async throws -> Response {
        let query = req.queryForm
        let filter = RegionFilter(query)
        let (level, parentID, search) = (filter.level, filter.parentID, filter.search)
        func filtered() -> QueryBuilder<RegionModel> { filter.query(on: req.db) }
        let page = PageInfo.from(query, total: try await filtered().count())
        let rows = try await filtered().with(\.$parent).sort(\.$code).range(page.offset..<(page.offset + page.per)).all()
        let parents = try await parentChoices(req.db)
        let frame = try await req.frame("行政区划", crumbs: [Crumb("系统管理", .admin), Crumb("行政区划")], nav: "admin")
        return htmlResponse(AdminPages.regions(frame, rows: rows, page: page, level: level, parentID: parentID, search: search, parents: parents))
    }

    /// The regions that can hold others (the county and its townships), for parent pickers.
    static func parentChoices(_ db: any Database) async throws -> [RegionModel] {
        try await RegionModel.query(on: db)
            .filter(\.$level ~~ [RegionLevel.county.rawValue, RegionLevel.township.rawValue])
            .sort(\.$code).all()
    }

    static func newRegion(_ req: Request) async throws -> Response {
        try await renderRegionForm(req, region: nil, values: [:], errors: FieldErrors())
    }

    static func editRegion(_ req: Request) async throws -> Response {
        let region = try await findRegion(req)
        return try await renderRegionForm(req, region: region, values: [
            "code": region.code, "name": region.name, "level": region.level, "parent": region.$parent.id?.uuidString ?? "",
        ], errors: FieldErrors())
    }

    static func renderRegionForm(_ req: Request, region: RegionModel?, values: [String: String], errors: FieldErrors) async throws -> Response {
        let title = region == nil ? "新增行政区划" : "编辑行政区划"
        let frame = try await req.frame(title, crumbs: [Crumb("系统管理", .admin), Crumb("行政区划", .adminRegions), Crumb(title)], nav: "admin")
        let parents = try await parentChoices(req.db)
        return htmlResponse(AdminPages.regionForm(frame, region: region, values: values, errors: errors, parents: parents),
                            status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    static func saveRegion(_ req: Request) async throws -> Response {
        let existing: RegionModel? = req.parameters.get("regionID") == nil ? nil : try await findRegion(req)
        let form = req.form
        var chosenParent: RegionModel?
        if let raw = form["parent"], !raw.isEmpty {
            guard let id = UUID(uuidString: raw), let found = try await RegionModel.find(id, on: req.db) else {
                return try await renderRegionForm(req, region: existing, values: form.flat, errors: FieldErrors("parent", "所选上级区划不存在。"))
            }
            chosenParent = found
        }
        let parent = chosenParent
        let parentInfo = parent.flatMap { p in RegionLevel(rawValue: p.level).map { (level: $0, code: p.code) } }
        let draft: RegionDraft
        switch RegionDraft.validate(code: form["code"], name: form["name"], level: form["level"], parent: parentInfo) {
        case .failure(let errors): return try await renderRegionForm(req, region: existing, values: form.flat, errors: errors)
        case .success(let valid): draft = valid
        }
        if let parent, parent.id == existing?.id {
            return try await renderRegionForm(req, region: existing, values: form.flat, errors: FieldErrors("parent", "上级区划不能是它自己。"))
        }
        if let clash = try await RegionModel.query(on: req.db).filter(\.$code == draft.code).first(), clash.id != existing?.id {
            return try await renderRegionForm(req, region: existing, values: form.flat,
                                              errors: FieldErrors("code", "区划代码 \(draft.code) 已被「\(clash.name)」使用。"))
        }
        let now = req.now
        let context = req.auditContext
        let region = existing ?? RegionModel()
        let before = existing.map { "\($0.code) \($0.name) \($0.level)" }
        try await req.db.writeTransaction { tx in
            region.code = draft.code
            region.name = draft.name
            region.level = draft.level.rawValue
            region.$parent.id = parent?.id
            try await region.save(on: tx)
            try await AuditLog.append(
                AuditEvent(existing == nil ? "org.region.created" : "org.region.updated", subjectType: "region",
                           subjectID: region.id?.uuidString ?? "",
                           detail: (before.map { "原：\($0)；" } ?? "") + "现：\(draft.code) \(draft.name) \(draft.level.rawValue)"),
                context: context, at: now, on: tx)
        }
        return req.redirect(to: SiteURL.adminRegions.path(query: [("done", existing == nil ? "created" : "saved")]), redirectType: .normal)
    }

    static func findRegion(_ req: Request) async throws -> RegionModel {
        guard let id = req.parameters.get("regionID", as: UUID.self), let region = try await RegionModel.find(id, on: req.db) else {
            throw Abort(.notFound)
        }
        return region
    }

    // MARK: Units

    /// The unit list's filters (kind, name or code), shared by the page and its export.
    struct UnitFilter {
        let kind: UnitKind?
        let search: String

        init(_ query: FormBody) {
            kind = UnitKind(rawValue: query["kind"] ?? "")
            search = String((query["q"] ?? "").trimmingCharacters(in: .whitespaces).prefix(40))
        }

        func query(on db: any Database) -> QueryBuilder<UnitModel> {
            var builder = UnitModel.query(on: db)
            if let kind { builder = builder.filter(\.$kind == kind.rawValue) }
            if !search.isEmpty { builder = builder.group(.or) { $0.filter(\.$name ~~ search).filter(\.$creditCode ~~ search.uppercased()) } }
            return builder
        }
    }

    static func exportUnits(_ format: SiteURL.ExportFormat) -> @Sendable (Request) async throws -> Response {
        { req in
            let units = try await UnitFilter(req.queryForm).query(on: req.db).with(\.$region).sort(\.$kind).sort(\.$name).all()
            try await req.audit(AuditEvent("admin.units.exported", subjectType: "unit", detail: "导出单位 \(units.count) 个（\(format.rawValue)）"))
            return try ExportTable(title: "单位", header: ["单位名称", "简称", "类别", "所属区划", "统一社会信用代码", "法制机构", "状态"], rows: units.map { unit in
                [.text(unit.name), .optionalText(unit.shortName), .text(UnitKind(rawValue: unit.kind)?.label ?? unit.kind), .text(unit.region.name),
                 .optionalText(unit.creditCode), .text(unit.isLegalOffice ? "是" : "否"), .text(unit.active ? "在用" : "已停用")]
            }).response(format, filename: "单位")
        }
    }

    static func units(_ req: Request) async throws -> Response {
        let query = req.queryForm
        let filter = UnitFilter(query)
        let (kind, search) = (filter.kind, filter.search)
        func filtered() -> QueryBuilder<UnitModel> { filter.query(on: req.db) }
        let page = PageInfo.from(query, total: try await filtered().count())
        let rows = try await filtered().with(\.$region).sort(\.$kind).sort(\.$name).range(page.offset..<(page.offset + page.per)).all()
        let frame = try await req.frame("单位", crumbs: [Crumb("系统管理", .admin), Crumb("单位")], nav: "admin")
        return htmlResponse(AdminPages.units(frame, rows: rows, page: page, kind: kind, search: search))
    }

    static func newUnit(_ req: Request) async throws -> Response {
        try await renderUnitForm(req, unit: nil, values: ["active": "on"], errors: FieldErrors())
    }

    static func editUnit(_ req: Request) async throws -> Response {
        let unit = try await findUnit(req)
        return try await renderUnitForm(req, unit: unit, values: [
            "name": unit.name, "shortName": unit.shortName ?? "", "kind": unit.kind, "region": unit.$region.id.uuidString,
            "creditCode": unit.creditCode ?? "", "isLegalOffice": unit.isLegalOffice ? "on" : "", "active": unit.active ? "on" : "",
        ], errors: FieldErrors())
    }

    static func renderUnitForm(_ req: Request, unit: UnitModel?, values: [String: String], errors: FieldErrors) async throws -> Response {
        let title = unit == nil ? "新增单位" : "编辑单位"
        let frame = try await req.frame(title, crumbs: [Crumb("系统管理", .admin), Crumb("单位", .adminUnits), Crumb(title)], nav: "admin")
        let regions = try await parentChoices(req.db)
        return htmlResponse(AdminPages.unitForm(frame, unit: unit, values: values, errors: errors, regions: regions),
                            status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    static func saveUnit(_ req: Request) async throws -> Response {
        let existing: UnitModel? = req.parameters.get("unitID") == nil ? nil : try await findUnit(req)
        let form = req.form
        let draft: UnitDraft
        switch UnitDraft.validate(name: form["name"], shortName: form["shortName"], kind: form["kind"],
                                  creditCode: form["creditCode"], isLegalOffice: form["isLegalOffice"] == "on") {
        case .failure(let errors): return try await renderUnitForm(req, unit: existing, values: form.flat, errors: errors)
        case .success(let valid): draft = valid
        }
        guard let regionID = form["region"].flatMap(UUID.init(uuidString:)), try await RegionModel.find(regionID, on: req.db) != nil else {
            return try await renderUnitForm(req, unit: existing, values: form.flat, errors: FieldErrors("region", "请选择「所在区划」。"))
        }
        if let clash = try await UnitModel.query(on: req.db).filter(\.$name == draft.name).first(), clash.id != existing?.id {
            return try await renderUnitForm(req, unit: existing, values: form.flat, errors: FieldErrors("name", "已有同名单位。"))
        }
        if let code = draft.creditCode, let clash = try await UnitModel.query(on: req.db).filter(\.$creditCode == code).first(), clash.id != existing?.id {
            return try await renderUnitForm(req, unit: existing, values: form.flat,
                                            errors: FieldErrors("creditCode", "该统一社会信用代码已登记为「\(clash.name)」。"))
        }
        let active = existing == nil ? true : form["active"] == "on"
        let now = req.now
        let context = req.auditContext
        let unit = existing ?? UnitModel()
        try await req.db.writeTransaction { tx in
            if draft.isLegalOffice {
                // One legal office per county: marking this unit moves the mark.
                try await UnitModel.query(on: tx).filter(\.$isLegalOffice == true).set(\.$isLegalOffice, to: false).update()
            }
            unit.name = draft.name
            unit.shortName = draft.shortName
            unit.kind = draft.kind.rawValue
            unit.$region.id = regionID
            unit.creditCode = draft.creditCode
            unit.isLegalOffice = draft.isLegalOffice
            unit.active = active
            if existing == nil { unit.createdAt = now }
            unit.updatedAt = now
            try await unit.save(on: tx)
            try await AuditLog.append(
                AuditEvent(existing == nil ? "org.unit.created" : "org.unit.updated", subjectType: "unit", subjectID: unit.id?.uuidString ?? "",
                           detail: "\(draft.name)（\(draft.kind.label)）\(active ? "" : "，已停用")"),
                context: context, at: now, on: tx)
        }
        return req.redirect(to: SiteURL.adminUnits.path(query: [("done", existing == nil ? "created" : "saved")]), redirectType: .normal)
    }

    static func findUnit(_ req: Request) async throws -> UnitModel {
        guard let id = req.parameters.get("unitID", as: UUID.self), let unit = try await UnitModel.find(id, on: req.db) else {
            throw Abort(.notFound)
        }
        return unit
    }

    // MARK: A unit's own page (record level: another unit's staff get 404)

    static func showUnit(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let id = req.parameters.get("unitID", as: UUID.self), user.actor.canRead(recordOf: id),
              let unit = try await UnitModel.query(on: req.db).filter(\.$id == id).with(\.$region).first() else {
            throw Abort(.notFound)
        }
        let members = try await UserModel.query(on: req.db).filter(\.$unit.$id == id).filter(\.$active == true)
            .sort(\.$displayName).all()
        let frame = try await req.frame(unit.name, crumbs: [Crumb(unit.name)], nav: id == user.unitID ? "unit" : nil)
        return htmlResponse(AdminPages.unitProfile(frame, unit: unit, members: members))
    }
}

extension FormBody {
    /// First value of every field, for re-filling a form after a validation error.
    var flat: [String: String] {
        values.compactMapValues(\.first)
    }
}
