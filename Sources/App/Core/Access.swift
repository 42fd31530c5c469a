import FazhiCore
import Foundation
import Vapor

/// The signed-in user of this request (a full session), as views and rules need it.
public struct CurrentUser: Sendable {
    public let id: UUID
    public let username: String
    public let displayName: String
    public let unitID: UUID
    public let unitName: String
    public let roles: Set<Role>
    public let sessionID: String
    public let csrfToken: String
    public let stage: SessionStage
    public let mustChangePassword: Bool
    public let totpEnrolled: Bool

    public var actor: Actor {
        Actor(userID: id, username: username, unitID: unitID, roles: roles)
    }

    public func has(_ capability: Capability) -> Bool {
        actor.has(capability)
    }
}

/// Who may reach a route. Every route in routes.swift names one; a route registered any other way has
/// none and answers 404 (deny by default; a test walks every route).
public enum Access: Sendable, Hashable, CustomStringConvertible {
    /// No login: the public portal, the login page, static files.
    case anyone
    /// A session whose password is accepted but whose TOTP code is still due.
    case secondFactorPending
    /// A session that must enrol a second factor first, or a full session managing its own.
    case enrolling
    /// Any full session.
    case signedIn
    /// A full session holding the capability.
    case capability(Capability)
    /// An API token (`Authorization: Bearer …`).
    case apiToken
    /// Prometheus: an admin session, or a request from the loopback interface.
    case metrics

    public var description: String {
        switch self {
        case .anyone: "anyone"
        case .secondFactorPending: "second-factor-pending"
        case .enrolling: "enrolling"
        case .signedIn: "signed-in"
        case .capability(let c): "capability:\(c.rawValue)"
        case .apiToken: "api-token"
        case .metrics: "metrics"
        }
    }
}

/// How a state-changing route takes its body.
public enum BodyKind: Sendable {
    /// application/x-www-form-urlencoded, parsed by FormBody.
    case form
    /// multipart/form-data with a file, up to the given size.
    case upload(maxBytes: Int)
}

struct CurrentUserKey: StorageKey { typealias Value = CurrentUser }
struct PendingSessionKey: StorageKey { typealias Value = CurrentUser }
struct FormBodyKey: StorageKey { typealias Value = FormBody }

extension Request {
    /// The user of a full session, or nil.
    public var currentUser: CurrentUser? {
        get { storage[CurrentUserKey.self] }
        set { storage[CurrentUserKey.self] = newValue }
    }

    /// A session in the password or enrol stage.
    var pendingSession: CurrentUser? {
        get { storage[PendingSessionKey.self] }
        set { storage[PendingSessionKey.self] = newValue }
    }

    /// The signed-in user; routes with `.signedIn` or `.capability` always have one.
    func requireUser() throws -> CurrentUser {
        guard let user = currentUser else { throw Abort(.unauthorized) }
        return user
    }

    /// The parsed form of a POST (set by the route wrapper after the CSRF check).
    var form: FormBody {
        storage[FormBodyKey.self] ?? FormBody()
    }

    /// The client's address: the socket peer, or, when FAZHI_TRUST_PROXY is on, the address the (one, trusted)
    /// reverse proxy appended last to X-Forwarded-For — earlier entries are whatever the client sent.
    var clientAddress: String {
        if application.fazhi.settings.trustProxy,
           let forwarded = headers[.xForwardedFor].last?.split(separator: ",").last {
            let text = forwarded.trimmingCharacters(in: .whitespaces)
            if !text.isEmpty, text.count <= 64 { return text }
        }
        return remoteAddress?.ipAddress ?? "unknown"
    }

    var isFromLoopback: Bool {
        guard let ip = remoteAddress?.ipAddress else { return false }
        return ip == "127.0.0.1" || ip == "::1" || ip.hasPrefix("127.") || ip == "::ffff:127.0.0.1"
    }

    var isAPI: Bool { url.path.hasPrefix("/api/") }
}

/// Registers routes with their access rule, body handling and CSRF check — the only way routes.swift adds one.
struct FazhiRoutes {
    let builder: any RoutesBuilder

    /// `r.get(.documents, …)`: the SiteURL spelling (implicit members need the concrete type).
    @discardableResult
    func get(_ url: SiteURL, _ access: Access, use handler: @escaping @Sendable (Request) async throws -> Response) -> Route {
        get(url as any RoutePath, access, use: handler)
    }

    @discardableResult
    func post(_ url: SiteURL, _ access: Access, body: BodyKind = .form,
              use handler: @escaping @Sendable (Request) async throws -> Response) -> Route {
        post(url as any RoutePath, access, body: body, use: handler)
    }

    static let accessKey: AnySendableHashable = "fazhi.access"

    @discardableResult
    func get(_ url: any RoutePath, _ access: Access,
             use handler: @escaping @Sendable (Request) async throws -> Response) -> Route {
        let route = builder.on(.GET, url.pathComponents, body: .collect(maxSize: "16kb")) { req async throws -> Response in
            if let refusal = try await Gatekeeper.admit(req, access: access) { return refusal }
            return try await handler(req)
        }
        route.userInfo[Self.accessKey] = access
        return route
    }

    @discardableResult
    func post(_ url: any RoutePath, _ access: Access, body: BodyKind = .form,
              use handler: @escaping @Sendable (Request) async throws -> Response) -> Route {
        let route = builder.on(.POST, url.pathComponents, body: .stream) { req async throws -> Response in
            if let refusal = try await Gatekeeper.admit(req, access: access) { return refusal }
            try await Gatekeeper.readBody(req, kind: body, access: access)
            return try await handler(req)
        }
        route.userInfo[Self.accessKey] = access
        return route
    }
}

/// The checks every route passes before its handler runs.
enum Gatekeeper {
    /// nil when the request may proceed; otherwise the response to send (redirect to login, 403, 401).
    static func admit(_ req: Request, access: Access) async throws -> Response? {
        switch access {
        case .anyone:
            return nil
        case .secondFactorPending:
            guard let pending = req.pendingSession, pending.stage == .password else {
                return req.redirect(to: SiteURL.login.path, redirectType: .normal)
            }
            return nil
        case .enrolling:
            if req.currentUser != nil { return nil }
            guard let pending = req.pendingSession, pending.stage == .enrol else {
                return signInRequired(req)
            }
            return nil
        case .signedIn, .capability:
            guard let user = req.currentUser else {
                if let pending = req.pendingSession {
                    let target = pending.stage == .enrol ? SiteURL.accountTOTP.path : SiteURL.loginTOTP.path
                    return req.redirect(to: target, redirectType: .normal)
                }
                return signInRequired(req)
            }
            if user.mustChangePassword, req.url.path != SiteURL.accountPassword.path, req.url.path != SiteURL.logout.path {
                return req.redirect(to: SiteURL.accountPassword.path, redirectType: .normal)
            }
            if case .capability(let capability) = access, !user.has(capability) {
                throw Abort(.forbidden)
            }
            return nil
        case .apiToken:
            try await APIAuth.authenticate(req)
            return nil
        case .metrics:
            if req.isFromLoopback || req.currentUser?.has(.manageOrganisation) == true { return nil }
            throw Abort(.forbidden)
        }
    }

    static func signInRequired(_ req: Request) -> Response {
        if req.method == .GET {
            let next = req.url.path + (req.url.query.map { "?" + $0 } ?? "")
            return req.redirect(to: SiteURL.login.path(query: [("next", next)]), redirectType: .normal)
        }
        return req.redirect(to: SiteURL.login.path, redirectType: .normal)
    }

    /// Checks the content type (415), reads the body within its limit (413), parses it (400) and checks the
    /// CSRF token (403) — before the handler sees anything (docs/SECURITY.md items 6 and 8).
    static func readBody(_ req: Request, kind: BodyKind, access: Access) async throws {
        let settings = req.fazhi.settings
        let mediaType = req.headers.contentType
        switch kind {
        case .form:
            guard let mediaType, mediaType.type == "application", mediaType.subType == "x-www-form-urlencoded" else {
                throw Abort(.unsupportedMediaType)
            }
            let limit = min(settings.maxBodyBytes, 2 * 1024 * 1024)
            let buffer = try await req.body.collect(max: limit).get()
            // A body that arrived whole (not streamed) skips collect's own limit; check it here too.
            if (buffer?.readableBytes ?? 0) > limit { throw Abort(.payloadTooLarge) }
            let form: FormBody
            do {
                form = try FormBody(parsing: buffer ?? ByteBuffer())
            } catch {
                throw Abort(.badRequest, reason: "提交的内容编码不正确（应为 UTF-8）。")
            }
            req.storage[FormBodyKey.self] = form
            if access != .apiToken { try checkCSRF(req, token: form["_csrf"]) }
        case .upload(let maxBytes):
            guard let mediaType, mediaType.type == "multipart", mediaType.subType == "form-data" else {
                throw Abort(.unsupportedMediaType)
            }
            let limit = min(settings.maxBodyBytes, maxBytes)
            let buffer = try await req.body.collect(max: limit).get()
            if (buffer?.readableBytes ?? 0) > limit { throw Abort(.payloadTooLarge) }
            struct CSRFField: Decodable { var _csrf: String? }
            let field = try? req.content.decode(CSRFField.self, as: .formData)
            try checkCSRF(req, token: field?._csrf)
        }
    }

    /// The token must equal the session's (signed in or part-way) or, before login, the CSRF cookie's.
    static func checkCSRF(_ req: Request, token: String?) throws {
        let expected = req.currentUser?.csrfToken ?? req.pendingSession?.csrfToken ?? req.cookies[CookieNames.csrf(req)]?.string
        guard let expected, let token, !expected.isEmpty,
              constantTimeEqual(Array(expected.utf8), Array(token.utf8)) else {
            throw Abort(.forbidden, reason: "csrf")
        }
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
