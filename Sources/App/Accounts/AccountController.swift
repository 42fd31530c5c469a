import FazhiCore
import Fluent
import Foundation
import Vapor

/// The signed-in user's own account: overview, password change, second-factor enrolment.
enum AccountController {
    static func overview(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let model = try await UserModel.find(user.id, on: req.db) else { throw Abort(.notFound) }
        let sessions = try await SessionModel.query(on: req.db)
            .filter(\.$user.$id == user.id)
            .filter(\.$endedAt == nil)
            .sort(\.$createdAt, .descending)
            .limit(20)
            .all()
        let frame = try await req.frame("账户与安全", crumbs: [Crumb("账户与安全")])
        return htmlResponse(AccountPages.overview(frame, user: user, model: model, sessions: sessions, now: req.now))
    }

    // MARK: Password

    static func showPassword(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        var frame = try await req.frame("修改密码", crumbs: [Crumb("账户与安全", .account), Crumb("修改密码")])
        if user.mustChangePassword {
            frame.notices.append(Notice(.warning, "您正在使用管理员设置的初始密码，请先修改密码再继续使用系统。"))
        }
        return htmlResponse(AccountPages.password(frame, errors: FieldErrors()))
    }

    static func changePassword(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = req.form
        let current = form["current"] ?? ""
        let new = form["new"] ?? ""
        let confirm = form["confirm"] ?? ""
        guard let model = try await UserModel.find(user.id, on: req.db) else { throw Abort(.notFound) }
        var errors = FieldErrors()
        let currentMatches = current.isEmpty ? false : await PasswordHasher.verify(current, against: model.passwordHash, on: req.application)
        if !currentMatches {
            errors.add("current", "当前密码不正确。")
        }
        for problem in req.fazhi.passwordPolicy.check(new, username: user.username) {
            errors.add("new", problem.message)
        }
        if new != confirm { errors.add("confirm", "两次输入的新密码不一致。") }
        if errors.isEmpty, await PasswordHasher.verify(new, against: model.passwordHash, on: req.application) {
            errors.add("new", "新密码不能与当前密码相同。")
        }
        guard errors.isEmpty else {
            let frame = try await req.frame("修改密码", crumbs: [Crumb("账户与安全", .account), Crumb("修改密码")])
            return htmlResponse(AccountPages.password(frame, errors: errors), status: .unprocessableEntity)
        }
        let hash = try await PasswordHasher.hash(new, cost: req.fazhi.settings.bcryptCost, on: req.application)
        let now = req.now
        let context = req.auditContext
        try await req.db.writeTransaction { [context] tx in
            model.passwordHash = hash
            model.passwordChangedAt = now
            model.mustChangePassword = false
            model.updatedAt = now
            try await model.update(on: tx)
            // docs/SECURITY.md item 5: changing a password ends the user's other sessions.
            try await SessionStore.endAll(userID: user.id, except: user.sessionID, reason: "password-changed", at: now, on: tx)
            try await AuditLog.append(AuditEvent("auth.password.changed", subjectType: "user", subjectID: user.id.uuidString,
                                                 detail: "本人修改密码，其他会话已结束"), context: context, at: now, on: tx)
        }
        return req.redirect(to: SiteURL.account.path(query: [("done", "password")]), redirectType: .normal)
    }

    // MARK: Second factor enrolment

    static func showTOTP(_ req: Request) async throws -> Response {
        let user = req.currentUser ?? req.pendingSession
        guard let user else { throw Abort(.unauthorized) }
        if user.totpEnrolled, req.currentUser != nil {
            let frame = try await req.frame("两步验证", crumbs: [Crumb("账户与安全", .account), Crumb("两步验证")])
            return htmlResponse(AccountPages.totpEnrolled(frame))
        }
        let secret = req.fazhi.random.bytes(20)
        return try await renderEnrolment(req, user: user, secret: secret, error: nil)
    }

    static func renderEnrolment(_ req: Request, user: CurrentUser, secret: [UInt8], error: String?) async throws -> Response {
        var frame = try await req.frame("设置两步验证", crumbs: req.currentUser == nil ? [] : [Crumb("账户与安全", .account), Crumb("两步验证")])
        if req.pendingSession?.stage == .enrol {
            frame.notices.append(Notice(.warning, user.roles.contains(.admin)
                ? "系统管理员账户必须启用两步验证。请完成以下设置后再继续。"
                : "本系统要求所有账户启用两步验证。请完成以下设置后再继续。"))
        }
        let county = frame.countyName
        let totp = TOTP(secret: secret)
        let uri = totp.provisioningURI(issuer: "\(county)法治政府", account: user.username)
        let qr = try QRCode(text: uri, errorCorrection: .medium)
        let sealed = try req.fazhi.secretBox.seal(Data(secret).base64EncodedString())
        return htmlResponse(AccountPages.totpEnrol(frame, svg: qr.svg(moduleSize: 5, quietZone: 4, title: "两步验证二维码：用验证器应用扫描"),
                                                   secretText: Base32.encode(secret), sealed: sealed, error: error),
                            status: error == nil ? .ok : .unprocessableEntity)
    }

    static func enrolTOTP(_ req: Request) async throws -> Response {
        let user = req.currentUser ?? req.pendingSession
        guard let user else { throw Abort(.unauthorized) }
        guard let sealed = req.form["secret"], let opened = try? req.fazhi.secretBox.open(sealed),
              let secretData = Data(base64Encoded: opened), secretData.count >= 16 else {
            throw Abort(.badRequest, reason: "两步验证设置已失效，请刷新页面重新扫描二维码。")
        }
        let secret = Array(secretData)
        let now = req.now
        guard let counter = TOTP(secret: secret).verify(req.form["code"] ?? "", at: now, after: nil) else {
            return try await renderEnrolment(req, user: user, secret: secret,
                                             error: "验证码不正确。请确认手机时间准确，并输入验证器应用中当前显示的 6 位数字。")
        }
        guard let model = try await UserModel.find(user.id, on: req.db) else { throw Abort(.notFound) }
        let resealed = try req.fazhi.secretBox.seal(opened)
        var context = req.auditContext
        context.userID = user.id.uuidString
        context.username = user.username
        context.unitID = user.unitID.uuidString
        let wasPending = req.currentUser == nil
        let token: String? = try await req.db.writeTransaction { [context] tx in
            model.totpSecret = resealed
            model.totpLastCounter = counter
            model.updatedAt = now
            try await model.update(on: tx)
            try await AuditLog.append(AuditEvent("auth.totp.enrolled", subjectType: "user", subjectID: user.id.uuidString,
                                                 detail: "启用两步验证"), context: context, at: now, on: tx)
            guard wasPending else { return nil }
            // The enrolment completes the login: a fresh session id for the full session.
            try await SessionStore.end(id: user.sessionID, reason: "second-factor-enrolled", at: now, on: tx)
            let token = try await SessionStore.create(for: model, stage: .full, req: req, on: tx)
            try await AuditLog.append(AuditEvent("auth.login.success", subjectType: "user", subjectID: user.id.uuidString,
                                                 detail: "设置两步验证后登录成功"), context: context, at: now, on: tx)
            return token
        }
        let response = req.redirect(to: (wasPending ? SiteURL.home : SiteURL.account).path(query: [("done", "totp")]), redirectType: .normal)
        if let token { response.cookies[CookieNames.session(req)] = CookieNames.value(token, req) }
        return response
    }
}
