import FazhiCore
import Fluent
import Foundation
import Vapor

/// Sign-in, second factor and sign-out (docs/SECURITY.md items 1–5).
enum LoginController {
    static let genericFailure = "用户名或密码错误。"

    // MARK: Password

    static func showLogin(_ req: Request) async throws -> Response {
        if req.currentUser != nil { return req.redirect(to: SiteURL.home.path) }
        var notices: [Notice] = []
        if let expiry = req.sessionExpiry { notices.append(Notice(.info, expiry.message)) }
        return try await render(req, username: "", next: safeNext(req.queryForm["next"]), notices: notices)
    }

    static func render(_ req: Request, username: String, next: String?, notices: [Notice], status: HTTPResponseStatus = .ok) async throws -> Response {
        var frame = try await req.frame("工作人员登录")
        frame.notices += notices
        return htmlResponse(LoginPages.login(frame, username: username, next: next), status: status)
    }

    static func login(_ req: Request) async throws -> Response {
        let form = req.form
        let now = req.now
        let address = req.clientAddress
        let policy = LockoutPolicy()
        let next = safeNext(form["next"])
        let typedName = String((form["username"] ?? "").trimmingCharacters(in: .whitespaces).lowercased().prefix(64))
        let password = form["password"] ?? ""
        var context = req.auditContext
        context.username = typedName.isEmpty ? "anonymous" : typedName

        // Throttle a source address that keeps failing, whatever account it tries (docs/SECURITY.md item 2).
        let windowStart = now.addingTimeInterval(-policy.addressWindow)
        let recentFailures = try await LoginAttemptModel.query(on: req.db)
            .filter(\.$sourceAddress == address)
            .filter(\.$succeeded == false)
            .filter(\.$occurredAt >= windowStart)
            .count()
        if policy.addressThrottled(recentFailures: recentFailures) {
            try await AuditLog.record(AuditEvent("auth.login.throttled", subjectType: "address", subjectID: address, outcome: .refused,
                                                 detail: "15 分钟内失败 \(recentFailures) 次"), context: context, at: now, on: req.db)
            req.fazhi.metrics.recordLogin(outcome: "throttled")
            return try await render(req, username: typedName, next: next,
                                    notices: [Notice(.error, "来自您所在网络地址的失败登录次数过多，请 15 分钟后再试。")], status: .tooManyRequests)
        }

        guard !typedName.isEmpty, !password.isEmpty, password.count <= 1024 else {
            return try await render(req, username: typedName, next: next, notices: [Notice(.error, "请填写用户名和密码。")], status: .unprocessableEntity)
        }

        let user = try await UserModel.query(on: req.db).filter(\.$username == typedName).with(\.$unit).first()
        guard let user, user.active else {
            _ = await PasswordHasher.verify(password, against: req.fazhi.decoyPasswordHash, on: req.application)
            try await recordFailure(req, username: typedName, context: context, detail: user == nil ? "用户名不存在" : "账户已停用")
            return try await render(req, username: typedName, next: next, notices: [Notice(.error, genericFailure)], status: .unauthorized)
        }
        context.userID = user.id?.uuidString ?? ""
        context.unitID = user.$unit.id.uuidString

        if policy.isLocked(lockedUntil: user.lockedUntil, now: now) {
            try await req.db.writeTransaction { [context] tx in
                try await LoginAttemptModel(username: typedName, sourceAddress: address, occurredAt: now, succeeded: false).create(on: tx)
                try await AuditLog.append(AuditEvent("auth.login.locked", subjectType: "user", subjectID: context.userID, outcome: .refused,
                                                     detail: "账户锁定中"), context: context, at: now, on: tx)
            }
            req.fazhi.metrics.recordLogin(outcome: "locked")
            return try await render(req, username: typedName, next: next,
                                    notices: [Notice(.error, lockedMessage(user.lockedUntil!))], status: .unauthorized)
        }

        guard await PasswordHasher.verify(password, against: user.passwordHash, on: req.application) else {
            let locked = try await registerWrongSecret(req, user: user, context: context, what: "密码错误")
            if let until = locked {
                return try await render(req, username: typedName, next: next, notices: [Notice(.error, lockedMessage(until))], status: .unauthorized)
            }
            return try await render(req, username: typedName, next: next, notices: [Notice(.error, genericFailure)], status: .unauthorized)
        }

        let requireTOTP = try await SettingsStore.requireSecondFactorForEveryone(on: req.db)
        let stage: SessionStage
        if user.totpSecret != nil {
            stage = .password
        } else if user.roles.contains(.admin) || requireTOTP {
            stage = .enrol
        } else {
            stage = .full
        }
        let previous = req.currentUser?.sessionID ?? req.pendingSession?.sessionID
        let token = try await req.db.writeTransaction { [context] tx in
            if let previous { try await SessionStore.end(id: previous, reason: "relogin", at: now, on: tx) }
            user.failedLogins = 0
            user.lockedUntil = nil
            try await user.update(on: tx)
            try await LoginAttemptModel(username: typedName, sourceAddress: address, occurredAt: now, succeeded: true).create(on: tx)
            let token = try await SessionStore.create(for: user, stage: stage, req: req, on: tx)
            let action = stage == .full ? "auth.login.success" : "auth.login.password-accepted"
            let detail = switch stage {
            case .full: "登录成功"
            case .password: "密码正确，等待两步验证码"
            case .enrol: "密码正确，须先设置两步验证"
            }
            try await AuditLog.append(AuditEvent(action, subjectType: "user", subjectID: context.userID, detail: detail),
                                      context: context, at: now, on: tx)
            return token
        }
        req.fazhi.metrics.recordLogin(outcome: stage == .full ? "success" : "second-factor")
        let target: String = switch stage {
        case .full: next ?? SiteURL.home.path
        case .password: SiteURL.loginTOTP.path(query: [("next", next ?? "")])
        case .enrol: SiteURL.accountTOTP.path
        }
        let response = req.redirect(to: target, redirectType: .normal)
        response.cookies[CookieNames.session(req)] = CookieNames.value(token, req)
        return response
    }

    static func lockedMessage(_ until: Date) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = .chinaStandard
        formatter.dateFormat = "HH:mm"
        return "连续 5 次验证失败，账户已锁定 15 分钟，请于 \(formatter.string(from: until)) 后再试，或联系系统管理员解锁。"
    }

    /// A failure against an unknown or disabled account.
    static func recordFailure(_ req: Request, username: String, context: AuditContext, detail: String) async throws {
        let now = req.now
        let address = req.clientAddress
        try await req.db.writeTransaction { [context] tx in
            try await LoginAttemptModel(username: username, sourceAddress: address, occurredAt: now, succeeded: false).create(on: tx)
            try await AuditLog.append(AuditEvent("auth.login.failure", subjectType: "user", subjectID: context.userID,
                                                 outcome: .failure, detail: detail), context: context, at: now, on: tx)
        }
        req.fazhi.metrics.recordLogin(outcome: "failure")
    }

    /// A wrong password or TOTP code for a real account: counts towards the lock. Returns the lock end when
    /// this failure locked the account.
    static func registerWrongSecret(_ req: Request, user: UserModel, context: AuditContext, what: String) async throws -> Date? {
        let now = req.now
        let address = req.clientAddress
        let userID = try user.requireID()
        return try await req.db.writeTransaction { [context] tx in
            // Re-read under the write lock so concurrent failures all count.
            guard let fresh = try await UserModel.find(userID, on: tx) else { return nil }
            let after = LockoutPolicy().afterFailure(previousConsecutiveFailures: fresh.failedLogins, now: now)
            fresh.failedLogins = after.consecutiveFailures
            if let until = after.lockedUntil { fresh.lockedUntil = until }
            try await fresh.update(on: tx)
            try await LoginAttemptModel(username: fresh.username, sourceAddress: address, occurredAt: now, succeeded: false).create(on: tx)
            try await AuditLog.append(AuditEvent("auth.login.failure", subjectType: "user", subjectID: userID.uuidString,
                                                 outcome: .failure, detail: what), context: context, at: now, on: tx)
            if let until = after.lockedUntil {
                try await AuditLog.append(AuditEvent("auth.account.locked", subjectType: "user", subjectID: userID.uuidString,
                                                     outcome: .refused, detail: "连续 5 次验证失败，锁定 15 分钟"),
                                          context: context, at: now, on: tx)
                return until
            }
            return nil
        }
    }

    // MARK: Second factor

    static func showTOTP(_ req: Request) async throws -> Response {
        let frame = try await req.frame("两步验证")
        return htmlResponse(LoginPages.totp(frame, next: safeNext(req.queryForm["next"]), error: nil))
    }

    static func verifyTOTP(_ req: Request) async throws -> Response {
        guard let pending = req.pendingSession, pending.stage == .password else { throw Abort(.unauthorized) }
        let now = req.now
        let next = safeNext(req.form["next"])
        guard let user = try await UserModel.query(on: req.db).filter(\.$id == pending.id).with(\.$unit).first(),
              user.active, let sealed = user.totpSecret else {
            throw Abort(.unauthorized)
        }
        var context = req.auditContext
        context.userID = pending.id.uuidString
        context.username = pending.username
        context.unitID = pending.unitID.uuidString
        if LockoutPolicy().isLocked(lockedUntil: user.lockedUntil, now: now) {
            let frame = try await req.frame("两步验证")
            return htmlResponse(LoginPages.totp(frame, next: next, error: lockedMessage(user.lockedUntil!)), status: .unauthorized)
        }
        let secret = Array(Data(base64Encoded: try req.fazhi.secretBox.open(sealed)) ?? Data())
        let code = String((req.form["code"] ?? "").prefix(20))
        guard let counter = TOTP(secret: secret).verify(code, at: now, after: user.totpLastCounter) else {
            let locked = try await registerWrongSecret(req, user: user, context: context, what: "两步验证码错误")
            let frame = try await req.frame("两步验证")
            let message = locked.map(lockedMessage) ?? "验证码不正确或已使用过，请输入验证器应用中当前显示的 6 位数字。"
            return htmlResponse(LoginPages.totp(frame, next: next, error: message), status: .unauthorized)
        }
        let token = try await req.db.writeTransaction { [context] tx in
            try await SessionStore.end(id: pending.sessionID, reason: "second-factor", at: now, on: tx)
            user.totpLastCounter = counter
            user.failedLogins = 0
            try await user.update(on: tx)
            let token = try await SessionStore.create(for: user, stage: .full, req: req, on: tx)
            try await AuditLog.append(AuditEvent("auth.login.success", subjectType: "user", subjectID: context.userID,
                                                 detail: "两步验证通过，登录成功"), context: context, at: now, on: tx)
            return token
        }
        req.fazhi.metrics.recordLogin(outcome: "success")
        let response = req.redirect(to: next ?? SiteURL.home.path, redirectType: .normal)
        response.cookies[CookieNames.session(req)] = CookieNames.value(token, req)
        return response
    }

    // MARK: Sign-out

    static func logout(_ req: Request) async throws -> Response {
        let now = req.now
        if let session = req.currentUser ?? req.pendingSession {
            let context = req.auditContext
            try await req.db.writeTransaction { [context] tx in
                try await SessionStore.end(id: session.sessionID, reason: "logout", at: now, on: tx)
                try await AuditLog.append(AuditEvent("auth.logout", subjectType: "user", subjectID: session.id.uuidString, detail: "退出登录"),
                                          context: AuditContext(userID: session.id.uuidString, username: session.username,
                                                                unitID: session.unitID.uuidString, requestID: context.requestID,
                                                                sourceAddress: context.sourceAddress),
                                          at: now, on: tx)
            }
        }
        let response = req.redirect(to: SiteURL.login.path(query: [("done", "loggedout")]), redirectType: .normal)
        response.cookies[CookieNames.session(req)] = CookieNames.expired(req)
        return response
    }

    /// Only local paths may follow a login (no open redirect to another site).
    static func safeNext(_ raw: String?) -> String? {
        guard let raw, raw.hasPrefix("/"), !raw.hasPrefix("//"), !raw.hasPrefix("/\\"), raw.count <= 500,
              !raw.contains("\r"), !raw.contains("\n"), raw != SiteURL.logout.path else { return nil }
        return raw
    }
}
