import FazhiCore
import Fluent
import Foundation
import Vapor

/// The caller of an API request: a unit's token.
struct APIClient: Sendable {
    let tokenID: UUID
    let unitID: UUID
    let unitName: String
    let scope: APIScope
    let name: String

    var label: String { "api:\(name)" }

    /// A unit-scoped token reads like that unit's staff; a county token like a leader.
    var actor: Actor {
        Actor(userID: nil, username: label, unitID: unitID, roles: scope == .county ? [.leader] : [.unitStaff])
    }
}

struct APIClientKey: StorageKey { typealias Value = APIClient }

extension Request {
    var apiClient: APIClient? {
        get { storage[APIClientKey.self] }
        set { storage[APIClientKey.self] = newValue }
    }
}

enum APIAuth {
    /// `Authorization: Bearer fz_…`; 401 otherwise. Tokens are stored as SHA-256 only.
    static func authenticate(_ req: Request) async throws {
        guard let bearer = req.headers.bearerAuthorization?.token, bearer.hasPrefix("fz_"), bearer.count <= 100 else {
            throw Abort(.unauthorized, reason: "缺少或无效的接口令牌：请在请求头中提供 Authorization: Bearer <令牌>。")
        }
        guard let token = try await APITokenModel.query(on: req.db)
            .filter(\.$tokenHash == SessionStore.hash(bearer))
            .filter(\.$revokedAt == nil)
            .with(\.$unit)
            .first(), token.unit.active, let scope = APIScope(rawValue: token.scope) else {
            throw Abort(.unauthorized, reason: "接口令牌无效或已吊销。")
        }
        req.apiClient = APIClient(tokenID: try token.requireID(), unitID: token.$unit.id, unitName: token.unit.name,
                                  scope: scope, name: token.name)
        let now = req.now
        if token.lastUsedAt.map({ now.timeIntervalSince($0) >= 60 }) ?? true {
            try await APITokenModel.query(on: req.db).filter(\.$id == token.id!).set(\.$lastUsedAt, to: now).update()
        }
        // Every pull of data by another system is an export (docs/SECURITY.md item 11).
        try await req.audit(AuditEvent("api.request", subjectType: "api_token", subjectID: token.id?.uuidString ?? "",
                                       detail: "\(req.method.rawValue) \(req.url.path)"))
    }
}
