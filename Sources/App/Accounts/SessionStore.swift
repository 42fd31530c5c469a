import Crypto
import FazhiCore
import Fluent
import Foundation
import Vapor

/// Cookie names: the `__Host-` prefix when served over HTTPS (docs/SECURITY.md item 4; the prefix makes the
/// browser insist on Secure, Path=/ and no Domain).
enum CookieNames {
    static func session(_ req: Request) -> String {
        req.fazhi.settings.servedOverHTTPS ? "__Host-fazhi_session" : "fazhi_session"
    }

    static func csrf(_ req: Request) -> String {
        req.fazhi.settings.servedOverHTTPS ? "__Host-fazhi_csrf" : "fazhi_csrf"
    }

    /// HttpOnly, SameSite=Lax, Secure (unless FAZHI_COOKIE_SECURE=false), Path=/, no expiry: the server
    /// decides when a session ends.
    static func value(_ string: String, _ req: Request) -> HTTPCookies.Value {
        HTTPCookies.Value(string: string, expires: nil, maxAge: nil, domain: nil, path: "/",
                          isSecure: req.fazhi.settings.cookieSecure || req.fazhi.settings.servedOverHTTPS,
                          isHTTPOnly: true, sameSite: .lax)
    }

    static func expired(_ req: Request) -> HTTPCookies.Value {
        var cookie = value("", req)
        cookie.maxAge = 0
        cookie.expires = Date(timeIntervalSince1970: 0)
        return cookie
    }
}

enum SessionStore {
    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).hexString
    }

    /// Creates a session with a fresh id (a new id at every login and every stage change: docs/SECURITY.md
    /// item 4, ASVS 3.2.1). Returns the cookie token; only its hash is stored.
    static func create(for user: UserModel, stage: SessionStage, req: Request, on tx: any Database) async throws -> String {
        let token = req.fazhi.random.token(bytes: 32)
        let session = SessionModel()
        session.id = hash(token)
        session.$user.id = try user.requireID()
        session.stage = stage.rawValue
        session.csrfToken = req.fazhi.random.token(bytes: 24)
        session.createdAt = req.now
        session.lastSeenAt = req.now
        session.sourceAddress = req.clientAddress
        session.userAgent = String((req.headers.first(name: .userAgent) ?? "").prefix(300))
        try await session.create(on: tx)
        return token
    }

    static func end(id: String, reason: String, at time: Date, on db: any Database) async throws {
        try await SessionModel.query(on: db)
            .filter(\.$id == id)
            .filter(\.$endedAt == nil)
            .set(\.$endedAt, to: time)
            .set(\.$endReason, to: reason)
            .update()
    }

    /// Ends every live session of a user but one (a password change, a disabled account: docs/SECURITY.md item 5).
    static func endAll(userID: UUID, except keep: String?, reason: String, at time: Date, on db: any Database) async throws {
        var query = SessionModel.query(on: db)
            .filter(\.$user.$id == userID)
            .filter(\.$endedAt == nil)
        if let keep { query = query.filter(\.$id != keep) }
        try await query.set(\.$endedAt, to: time).set(\.$endReason, to: reason).update()
    }
}

/// Loads the session named by the cookie, enforces idle and absolute timeouts, and puts the user on the request.
struct SessionMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        var expired: SessionPolicy.Expiry?
        var clearCookie = false
        if let token = req.cookies[CookieNames.session(req)]?.string, !token.isEmpty, token.count <= 128 {
            let now = req.now
            let policy = SessionPolicy()
            let id = SessionStore.hash(token)
            // One indexed read: the session with its user and the user's unit, joined.
            if let session = try await SessionModel.query(on: req.db)
                .filter(\.$id == id)
                .join(UserModel.self, on: \SessionModel.$user.$id == \UserModel.$id)
                .join(UnitModel.self, on: \UserModel.$unit.$id == \UnitModel.$id)
                .first() {
                let user = try session.joined(UserModel.self)
                let unit = try session.joined(UnitModel.self)
                if session.endedAt != nil {
                    clearCookie = true
                } else if let expiry = policy.expiry(createdAt: session.createdAt, lastSeenAt: session.lastSeenAt, now: now) {
                    expired = expiry
                    clearCookie = true
                    try await req.db.writeTransaction { tx in
                        try await SessionStore.end(id: id, reason: expiry.rawValue, at: now, on: tx)
                        try await AuditLog.append(
                            AuditEvent("auth.session.expired", subjectType: "user", subjectID: user.id?.uuidString ?? "",
                                       detail: expiry == .idle ? "空闲超时" : "超过最长登录时间"),
                            context: AuditContext(userID: user.id?.uuidString ?? "", username: user.username,
                                                  unitID: user.$unit.id.uuidString, requestID: req.id,
                                                  sourceAddress: req.clientAddress),
                            at: now, on: tx)
                    }
                } else if !user.active {
                    clearCookie = true
                } else {
                    let current = CurrentUser(
                        id: try user.requireID(), username: user.username, displayName: user.displayName,
                        unitID: user.$unit.id, unitName: unit.name, roles: user.roles,
                        sessionID: id, csrfToken: session.csrfToken,
                        stage: SessionStage(rawValue: session.stage) ?? .password,
                        mustChangePassword: user.mustChangePassword, totpEnrolled: user.totpSecret != nil)
                    if current.stage == .full {
                        req.currentUser = current
                    } else {
                        req.pendingSession = current
                    }
                    if policy.needsTouch(lastSeenAt: session.lastSeenAt, now: now) {
                        // Bookkeeping, not a state change of any record: no audit entry, no write lock.
                        try await SessionModel.query(on: req.db)
                            .filter(\.$id == id)
                            .set(\.$lastSeenAt, to: now)
                            .update()
                    }
                }
            } else {
                clearCookie = true
            }
        }
        if let expired { req.storage[SessionExpiredKey.self] = expired }
        let response = try await next.respond(to: req)
        if clearCookie, response.cookies[CookieNames.session(req)] == nil {
            response.cookies[CookieNames.session(req)] = CookieNames.expired(req)
        }
        if let csrf = req.storage[NewCSRFCookieKey.self] {
            response.cookies[CookieNames.csrf(req)] = CookieNames.value(csrf, req)
        }
        return response
    }
}

struct SessionExpiredKey: StorageKey { typealias Value = SessionPolicy.Expiry }
struct NewCSRFCookieKey: StorageKey { typealias Value = String }

extension Request {
    /// The CSRF token for a form on this page: the session's, or before login a cookie-bound one
    /// (double-submit), created on first use.
    var csrfToken: String {
        if let token = currentUser?.csrfToken ?? pendingSession?.csrfToken { return token }
        if let existing = storage[NewCSRFCookieKey.self] { return existing }
        if let cookie = cookies[CookieNames.csrf(self)]?.string, cookie.count >= 20, cookie.count <= 64 { return cookie }
        let token = fazhi.random.token(bytes: 24)
        storage[NewCSRFCookieKey.self] = token
        return token
    }

    var sessionExpiry: SessionPolicy.Expiry? { storage[SessionExpiredKey.self] }
}
