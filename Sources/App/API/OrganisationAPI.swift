import FazhiCore
import Fluent
import Foundation
import Vapor

/// /api/v1: the organisation and calendar endpoints, described in Resources/openapi.json.
enum OrganisationAPI {
    struct RegionDTO: Content {
        let id: UUID
        let code: String
        let name: String
        let level: String
        let parentCode: String?
    }

    struct UnitDTO: Content {
        let id: UUID
        let name: String
        let shortName: String?
        let kind: String
        let kindLabel: String
        let regionCode: String
        let creditCode: String?
        let isLegalOffice: Bool
        let active: Bool
    }

    struct PageDTO<Item: Content>: Content {
        let items: [Item]
        let page: Int
        let per: Int
        let total: Int
    }

    struct MeDTO: Content {
        let unitID: UUID
        let unitName: String
        let scope: String
        let tokenName: String
    }

    static func json(_ value: some Encodable, status: HTTPResponseStatus = .ok) throws -> Response {
        let response = Response(status: status)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        try response.content.encode(value, using: encoder)
        return response
    }

    static func pageParameters(_ form: FormBody) throws -> (page: Int, per: Int) {
        var errors = FieldErrors()
        let page = IntegerRule(label: "page", range: 1...1_000_000, required: false).clean(form["page"], field: "page", into: &errors) ?? 1
        let per = IntegerRule(label: "per", range: 1...500, required: false).clean(form["per"], field: "per", into: &errors) ?? 100
        try errors.throwIfAny()
        return (page, per)
    }

    static func me(_ req: Request) async throws -> Response {
        guard let client = req.apiClient else { throw Abort(.unauthorized) }
        return try json(MeDTO(unitID: client.unitID, unitName: client.unitName, scope: client.scope.rawValue, tokenName: client.name))
    }

    static func regions(_ req: Request) async throws -> Response {
        let form = req.queryForm
        let (page, per) = try pageParameters(form)
        var errors = FieldErrors()
        let level = form["level"].flatMap { $0.isEmpty ? nil : $0 }
        if let level, RegionLevel(rawValue: level) == nil {
            errors.add("level", "level 应为 county、township、village 或 community。")
        }
        var parentID: UUID?
        if let parent = form["parent"], !parent.isEmpty {
            guard let found = try await RegionModel.query(on: req.db).filter(\.$code == parent).first() else {
                errors.add("parent", "上级区划代码 \(String(parent.prefix(20))) 不存在。")
                throw errors
            }
            parentID = found.id
        }
        try errors.throwIfAny()
        func filtered() -> QueryBuilder<RegionModel> {
            var builder = RegionModel.query(on: req.db)
            if let level { builder = builder.filter(\.$level == level) }
            if let parentID { builder = builder.filter(\.$parent.$id == parentID) }
            return builder
        }
        let total = try await filtered().count()
        let rows = try await filtered().with(\.$parent).sort(\.$code).range(((page - 1) * per)..<(page * per)).all()
        return try json(PageDTO(items: rows.map(dto), page: page, per: per, total: total))
    }

    static func region(_ req: Request) async throws -> Response {
        guard let code = req.parameters.get("code"), code.count <= 12,
              let region = try await RegionModel.query(on: req.db).filter(\.$code == code).with(\.$parent).first() else {
            throw Abort(.notFound, reason: "没有该区划代码。")
        }
        return try json(dto(region))
    }

    static func dto(_ region: RegionModel) -> RegionDTO {
        RegionDTO(id: region.id!, code: region.code, name: region.name, level: region.level, parentCode: region.parent?.code)
    }

    static func units(_ req: Request) async throws -> Response {
        let form = req.queryForm
        let (page, per) = try pageParameters(form)
        let kind = form["kind"].flatMap { $0.isEmpty ? nil : $0 }
        if let kind, UnitKind(rawValue: kind) == nil {
            throw FieldErrors("kind", "kind 应为 \(UnitKind.allCases.map(\.rawValue).joined(separator: "、")) 之一。")
        }
        func filtered() -> QueryBuilder<UnitModel> {
            var builder = UnitModel.query(on: req.db)
            if let kind { builder = builder.filter(\.$kind == kind) }
            return builder
        }
        let total = try await filtered().count()
        let rows = try await filtered().with(\.$region).sort(\.$name).range(((page - 1) * per)..<(page * per)).all()
        return try json(PageDTO(items: rows.map(dto), page: page, per: per, total: total))
    }

    static func unit(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("unitID", as: UUID.self),
              let unit = try await UnitModel.query(on: req.db).filter(\.$id == id).with(\.$region).first() else {
            throw Abort(.notFound, reason: "没有该单位。")
        }
        return try json(dto(unit))
    }

    static func dto(_ unit: UnitModel) -> UnitDTO {
        UnitDTO(id: unit.id!, name: unit.name, shortName: unit.shortName, kind: unit.kind,
                kindLabel: UnitKind(rawValue: unit.kind)?.label ?? unit.kind, regionCode: unit.region.code,
                creditCode: unit.creditCode, isLegalOffice: unit.isLegalOffice, active: unit.active)
    }

    struct CalendarYearDTO: Content {
        let year: Int
        let notice: String
        let holidays: [CalendarYear.Holiday]
        let workdays: [CalendarYear.Workday]
    }

    static func calendarYears(_ req: Request) async throws -> Response {
        let calendar = try await req.legalCalendar()
        return try json(calendar.years.map { CalendarYearDTO(year: $0.year, notice: $0.notice, holidays: $0.holidays, workdays: $0.workdays) })
    }

    struct DeadlineDTO: Content {
        let from: LocalDate
        let days: Int
        let unit: String
        let due: LocalDate
    }

    static func deadline(_ req: Request) async throws -> Response {
        let form = req.queryForm
        var errors = FieldErrors()
        let start = DateRule(label: "from").clean(form["from"], field: "from", into: &errors)
        let days = IntegerRule(label: "days", range: Period.lengthRange).clean(form["days"], field: "days", into: &errors)
        let unit = PeriodUnit(rawValue: form["unit"] ?? "")
        if unit == nil { errors.add("unit", "unit 应为 calendar 或 working。") }
        try errors.throwIfAny()
        let calendar = try await req.legalCalendar()
        do {
            let due = try calendar.dueDate(of: Period(start: start!, length: days!, unit: unit!))
            return try json(DeadlineDTO(from: start!, days: days!, unit: unit!.rawValue, due: due))
        } catch let error as CalendarError {
            throw FieldErrors("from", error.message)
        }
    }

    static func openAPI(_ req: Request) async throws -> Response {
        let response = Response(status: .ok, body: .init(buffer: req.fazhi.openAPIDocument))
        response.headers.contentType = .json
        return response
    }
}
