import FazhiCore
import Fluent
import FluentSQL
import Foundation
import Vapor

/// The Query pattern's two steps every list takes in SQL (docs/ARCHITECTURE.md "Queries"): record-level access
/// as a WHERE condition, and one page read with its total, so a list page costs the same at any table size.
extension QueryBuilder {
    /// Only the records the actor may read (the same answer as `Actor.canRead(recordOf:)`), by the owner column.
    func readable(by actor: Actor, owner: KeyPath<Model, FieldProperty<Model, UUID>>) -> Self {
        switch actor.readScope {
        case .all: return self
        case .unit(let unit): return filter(owner == unit)
        case .none: return filter(.sql(unsafeRaw: "1 = 0"))
        }
    }

    /// The page the query asks for (`page`, `per` a page) and the number of all matching rows: one COUNT and one
    /// LIMIT/OFFSET read. A page past the last reads the last.
    func page(_ form: FormBody, per: Int = 50) async throws -> (rows: [Model], page: PageInfo) {
        let total = try await count()
        let page = PageInfo.from(form, total: total, per: per)
        guard total > 0 else { return ([], page) }
        return (try await copy().range(page.offset..<(page.offset + page.per)).all(), page)
    }
}

extension QueryBuilder where Model.IDValue == UUID {
    /// The matching rows among these ids (nil: all of them), read in chunks of 500 so an IN list stays bounded:
    /// how a derived index reads the records an audit entry touched.
    func all(among ids: [UUID]?) async throws -> [Model] {
        guard let ids else { return try await all() }
        var rows: [Model] = []
        for chunk in ids.chunked(500) { rows += try await copy().filter(\._$id ~~ chunk).all() }
        return rows
    }
}
