import FazhiCore
import Fluent
import Foundation
import Vapor

/// Admin pages for user accounts, API tokens and settings. Every change is audited.
enum AdminUsersController {
    /// The account list's filters (unit, role, name), shared by the page and its export.
    struct UserFilter {
        let unitID: UUID?
        let role: Role?
        let search: String

        init(_ query: FormBody) {
            unitID = query["unit"].flatMap(UUID.init(uuidString:))
            role = Role(rawValue: query["role"] ?? "")
            search = String((query["q"] ?? "").trimmingCharacters(in: .whitespaces).prefix(40))
        }

        func query(on db: any Database) -> QueryBuilder<UserModel> {
            var builder = UserModel.query(on: db)
            if let unitID { builder = builder.filter(\.$unit.$id == unitID) }
            if let role { builder = builder.filter(\.$rolesText ~~ role.rawValue) }
            if !search.isEmpty { builder = builder.group(.or) { $0.filter(\.$username ~~ search.lowercased()).filter(\.$displayName ~~ search) } }
            return builder
        }
    }

    /// The accounts as listed, without secrets or contact data (the mobile stays sealed); audited.
    static func exportUsers(_ format: SiteURL.ExportFormat) -> @Sendable (Request) async throws -> Response {
        { req in
            let users = try await UserFilter(req.queryForm).query(on: req.db).with(\.$unit).sort(\.$username).all()
            try await req.audit(AuditEvent("admin.users.exported", subjectType: "user", detail: "导出用户账户 \(users.count) 个（\(format.rawValue)）"))
            let now = req.now
            return try ExportTable(title: "用户账户", header: ["用户名", "姓名", "单位", "角色", "两步验证", "状态"], rows: users.map { user in
                [.text(user.username), .text(user.displayName), .text(user.unit.name), .text(user.roles.sorted().map(\.label).joined(separator: "、")),
                 .text(user.totpSecret != nil ? "已启用" : "未启用"),
                 .text(!user.active ? "已停用" : (user.lockedUntil.map { $0 > now } ?? false) ? "锁定中" : "正常")]
            }).response(format, filename: "用户账户")
        }
    }

    static func users(_ req: Request) async throws -> Response {
        let query = req.queryForm
        let filter = UserFilter(query)
        let (unitID, role, search) = (filter.unitID, filter.role, filter.search)
        func filtered() -> QueryBuilder<UserModel> { filter.query(on: req.db) }
        let page = PageInfo.from(query, total: try await filtered().count())
        let rows = try await filtered().with(\.$unit).sort(\.$username).range(page.offset..<(page.offset + page.per)).all()
        let units = try await UnitModel.query(on: req.db).sort(\.$name).all()
        let frame = try await req.frame("用户账户", crumbs: [Crumb("系统管理", .admin), Crumb("用户账户")], nav: "admin")
        return htmlResponse(AdminPages.users(frame, rows: rows, page: page, units: units, unitID: unitID, role: role, search: search, now: req.now))
    }

    static func newUser(_ req: Request) async throws -> Response {
        try await renderUserForm(req, user: nil, values: [:], roles: [], errors: FieldErrors())
    }

    static func editUser(_ req: Request) async throws -> Response {
        let user = try await findUser(req)
        return try await renderUserForm(req, user: user, values: [
            "username": user.username, "displayName": user.displayName, "unit": user.$unit.id.uuidString,
        ], roles: Set(user.roles.map(\.rawValue)), errors: FieldErrors())
    }

    static func renderUserForm(_ req: Request, user: UserModel?, values: [String: String], roles: Set<String>,
                               errors: FieldErrors) async throws -> Response {
        let title = user == nil ? "新增用户" : "编辑用户"
        let frame = try await req.frame(title, crumbs: [Crumb("系统管理", .admin), Crumb("用户账户", .adminUsers), Crumb(title)], nav: "admin")
        let units = try await UnitModel.query(on: req.db).filter(\.$active == true).sort(\.$name).all()
        let maskedMobile = try user?.mobileSealed.map { Masking.mobile(try req.fazhi.secretBox.open($0)) }
        return htmlResponse(AdminPages.userForm(frame, user: user, values: values, roles: roles, errors: errors, units: units,
                                                maskedMobile: maskedMobile, now: req.now),
                            status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    static func saveUser(_ req: Request) async throws -> Response {
        let existing: UserModel? = req.parameters.get("userID") == nil ? nil : try await findUser(req)
        let form = req.form
        let admin = try req.requireUser()
        var errors = FieldErrors()
        var username = existing?.username
        if existing == nil {
            username = UsernameRule.clean(form["username"], into: &errors)
            if let name = username, try await UserModel.query(on: req.db).filter(\.$username == name).first() != nil {
                errors.add("username", "用户名「\(name)」已被使用。")
            }
        }
        let unit = try await form["unit"].flatMap(UUID.init(uuidString:)).asyncMap { try await UnitModel.find($0, on: req.db) } ?? nil
        if unit == nil { errors.add("unit", "请选择「所属单位」。") }
        var draft: UserDraft?
        switch UserDraft.validate(displayName: form["displayName"], roles: form.all("roles"), mobile: form["mobile"],
                                  unitIsLegalOffice: unit?.isLegalOffice ?? false) {
        case .failure(let more): errors.merge(more)
        case .success(let valid): draft = valid
        }
        // Keep at least one administrator who can still sign in.
        if let existing, existing.roles.contains(.admin), let draft, !draft.roles.contains(.admin), existing.active,
           try await activeAdminCount(req.db) <= 1 {
            errors.add("roles", "这是唯一可用的系统管理员账户，不能取消其管理员角色。")
        }
        guard errors.isEmpty, let draft, let unit, let username else {
            return try await renderUserForm(req, user: existing, values: form.flat, roles: Set(form.all("roles")), errors: errors)
        }
        let now = req.now
        let context = req.auditContext
        let box = req.fazhi.secretBox
        let clearMobile = form["clearMobile"] == "on"
        if existing == nil {
            let password = GeneratedPassword.make(req.fazhi.random)
            let hash = try await PasswordHasher.hash(password, cost: req.fazhi.settings.bcryptCost, on: req.application)
            let user = UserModel()
            user.username = username
            user.displayName = draft.displayName
            user.$unit.id = try unit.requireID()
            user.roles = draft.roles
            user.passwordHash = hash
            user.passwordChangedAt = now
            user.mustChangePassword = true
            user.active = true
            user.failedLogins = 0
            user.mobileSealed = try draft.mobile.map(box.seal)
            user.createdAt = now
            user.updatedAt = now
            try await req.db.writeTransaction { tx in
                try await user.create(on: tx)
                try await AuditLog.append(AuditEvent("account.user.created", subjectType: "user", subjectID: user.id?.uuidString ?? "",
                                                     detail: "\(username)（\(draft.displayName)），\(unit.name)，角色：\(Role.encodeList(draft.roles))"),
                                          context: context, at: now, on: tx)
            }
            return try await showOneTimePassword(req, user: user, password: password, reason: "账户已创建")
        }
        let user = existing!
        let before = "\(user.displayName)，\(user.$unit.id)，\(user.rolesText)"
        try await req.db.writeTransaction { tx in
            user.displayName = draft.displayName
            user.$unit.id = try unit.requireID()
            user.roles = draft.roles
            if let mobile = draft.mobile { user.mobileSealed = try box.seal(mobile) } else if clearMobile { user.mobileSealed = nil }
            user.updatedAt = now
            try await user.update(on: tx)
            try await AuditLog.append(AuditEvent("account.user.updated", subjectType: "user", subjectID: user.id?.uuidString ?? "",
                                                 detail: "原：\(before)；现：\(draft.displayName)，\(unit.name)，\(Role.encodeList(draft.roles))"),
                                      context: context, at: now, on: tx)
            if user.id == admin.id, !draft.roles.contains(.admin) {
                try await SessionStore.endAll(userID: admin.id, except: nil, reason: "roles-changed", at: now, on: tx)
            }
        }
        return req.redirect(to: SiteURL.adminUsers.path(query: [("done", "saved")]), redirectType: .normal)
    }

    static func activeAdminCount(_ db: any Database) async throws -> Int {
        try await UserModel.query(on: db).filter(\.$active == true).all().filter { $0.roles.contains(.admin) }.count
    }

    static func showOneTimePassword(_ req: Request, user: UserModel, password: String, reason: String) async throws -> Response {
        let frame = try await req.frame(reason, crumbs: [Crumb("系统管理", .admin), Crumb("用户账户", .adminUsers), Crumb(reason)], nav: "admin")
        return htmlResponse(AdminPages.oneTimePassword(frame, user: user, password: password))
    }

    static func userAction(_ action: SiteURL.UserAction) -> @Sendable (Request) async throws -> Response {
        { req in
            let user = try await findUser(req)
            let admin = try req.requireUser()
            let now = req.now
            let context = req.auditContext
            let userID = try user.requireID()
            switch action {
            case .resetPassword:
                let password = GeneratedPassword.make(req.fazhi.random)
                let hash = try await PasswordHasher.hash(password, cost: req.fazhi.settings.bcryptCost, on: req.application)
                try await req.db.writeTransaction { tx in
                    user.passwordHash = hash
                    user.passwordChangedAt = now
                    user.mustChangePassword = true
                    user.failedLogins = 0
                    user.lockedUntil = nil
                    user.updatedAt = now
                    try await user.update(on: tx)
                    try await SessionStore.endAll(userID: userID, except: userID == admin.id ? admin.sessionID : nil,
                                                  reason: "password-reset", at: now, on: tx)
                    try await AuditLog.append(AuditEvent("account.password.reset", subjectType: "user", subjectID: userID.uuidString,
                                                         detail: "管理员重置密码，会话已结束"), context: context, at: now, on: tx)
                }
                return try await showOneTimePassword(req, user: user, password: password, reason: "密码已重置")
            case .disable:
                if userID == admin.id { throw Abort(.conflict, reason: "不能停用自己的账户。") }
                if user.roles.contains(.admin), try await activeAdminCount(req.db) <= 1 {
                    throw Abort(.conflict, reason: "这是唯一可用的系统管理员账户，不能停用。")
                }
                try await req.db.writeTransaction { tx in
                    user.active = false
                    user.updatedAt = now
                    try await user.update(on: tx)
                    // docs/SECURITY.md item 5: disabling a user ends that user's sessions.
                    try await SessionStore.endAll(userID: userID, except: nil, reason: "disabled", at: now, on: tx)
                    try await AuditLog.append(AuditEvent("account.user.disabled", subjectType: "user", subjectID: userID.uuidString,
                                                         detail: "停用 \(user.username)，会话已结束"), context: context, at: now, on: tx)
                }
                return req.redirect(to: SiteURL.adminUserEdit(.value(userID)).path(query: [("done", "disabled")]), redirectType: .normal)
            case .enable:
                try await req.db.writeTransaction { tx in
                    user.active = true
                    user.updatedAt = now
                    try await user.update(on: tx)
                    try await AuditLog.append(AuditEvent("account.user.enabled", subjectType: "user", subjectID: userID.uuidString,
                                                         detail: "启用 \(user.username)"), context: context, at: now, on: tx)
                }
                return req.redirect(to: SiteURL.adminUserEdit(.value(userID)).path(query: [("done", "enabled")]), redirectType: .normal)
            case .unlock:
                try await req.db.writeTransaction { tx in
                    user.failedLogins = 0
                    user.lockedUntil = nil
                    try await user.update(on: tx)
                    try await AuditLog.append(AuditEvent("account.user.unlocked", subjectType: "user", subjectID: userID.uuidString,
                                                         detail: "解除锁定 \(user.username)"), context: context, at: now, on: tx)
                }
                return req.redirect(to: SiteURL.adminUserEdit(.value(userID)).path(query: [("done", "unlocked")]), redirectType: .normal)
            case .resetTOTP:
                try await req.db.writeTransaction { tx in
                    user.totpSecret = nil
                    user.totpLastCounter = nil
                    user.updatedAt = now
                    try await user.update(on: tx)
                    try await SessionStore.endAll(userID: userID, except: userID == admin.id ? admin.sessionID : nil,
                                                  reason: "totp-reset", at: now, on: tx)
                    try await AuditLog.append(AuditEvent("account.totp.reset", subjectType: "user", subjectID: userID.uuidString,
                                                         detail: "清除 \(user.username) 的两步验证"), context: context, at: now, on: tx)
                }
                return req.redirect(to: SiteURL.adminUserEdit(.value(userID)).path(query: [("done", "totp-reset")]), redirectType: .normal)
            }
        }
    }

    /// Shows a user's mobile number unmasked; every such view is audited (docs/SECURITY.md item 12).
    static func revealMobile(_ req: Request) async throws -> Response {
        let user = try await findUser(req)
        let viewer = try req.requireUser()
        guard viewer.has(.revealPersonalData) else { throw Abort(.forbidden) }
        guard let sealed = user.mobileSealed else { throw Abort(.notFound) }
        let mobile = try req.fazhi.secretBox.open(sealed)
        try await req.audit(AuditEvent("personal.view", subjectType: "user", subjectID: user.id?.uuidString ?? "",
                                       detail: "查看 \(user.username) 的完整手机号码"))
        let frame = try await req.frame("查看手机号码", crumbs: [Crumb("系统管理", .admin), Crumb("用户账户", .adminUsers), Crumb("查看手机号码")], nav: "admin")
        return htmlResponse(AdminPages.revealed(frame, user: user, label: "手机号码", value: mobile))
    }

    static func findUser(_ req: Request) async throws -> UserModel {
        guard let id = req.parameters.get("userID", as: UUID.self),
              let user = try await UserModel.query(on: req.db).filter(\.$id == id).with(\.$unit).first() else {
            throw Abort(.notFound)
        }
        return user
    }

    // MARK: API tokens

    static func tokens(_ req: Request) async throws -> Response {
        let rows = try await APITokenModel.query(on: req.db).with(\.$unit).sort(\.$createdAt, .descending).all()
        let frame = try await req.frame("接口令牌", crumbs: [Crumb("系统管理", .admin), Crumb("接口令牌")], nav: "admin")
        return htmlResponse(AdminPages.tokens(frame, rows: rows))
    }

    static func newToken(_ req: Request) async throws -> Response {
        try await renderTokenForm(req, values: [:], errors: FieldErrors())
    }

    static func renderTokenForm(_ req: Request, values: [String: String], errors: FieldErrors) async throws -> Response {
        let frame = try await req.frame("新建接口令牌", crumbs: [Crumb("系统管理", .admin), Crumb("接口令牌", .adminAPITokens), Crumb("新建")], nav: "admin")
        let units = try await UnitModel.query(on: req.db).filter(\.$active == true).sort(\.$name).all()
        return htmlResponse(AdminPages.tokenForm(frame, values: values, errors: errors, units: units),
                            status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    static func createToken(_ req: Request) async throws -> Response {
        let form = req.form
        var errors = FieldErrors()
        let name = TextRule(label: "用途说明", maxLength: 60).clean(form["name"], field: "name", into: &errors)
        let scope = APIScope(rawValue: form["scope"] ?? "")
        if scope == nil { errors.add("scope", "请选择「权限范围」。") }
        let unit = try await form["unit"].flatMap(UUID.init(uuidString:)).asyncMap { try await UnitModel.find($0, on: req.db) } ?? nil
        if unit == nil { errors.add("unit", "请选择「所属单位」。") }
        if scope == .county, let unit, !unit.isLegalOffice {
            errors.add("scope", "「全县只读」令牌只能发给县司法局（法制机构），供上级平台调取数据。")
        }
        guard errors.isEmpty, let name, let scope, let unit else {
            return try await renderTokenForm(req, values: form.flat, errors: errors)
        }
        let secret = "fz_" + req.fazhi.random.token(bytes: 32)
        let now = req.now
        let context = req.auditContext
        let token = APITokenModel()
        token.$unit.id = try unit.requireID()
        token.name = name
        token.tokenHash = SessionStore.hash(secret)
        token.scope = scope.rawValue
        token.createdAt = now
        token.createdBy = context.username
        try await req.db.writeTransaction { tx in
            try await token.create(on: tx)
            try await AuditLog.append(AuditEvent("api.token.created", subjectType: "api_token", subjectID: token.id?.uuidString ?? "",
                                                 detail: "\(unit.name)：\(name)（\(scope.label)）"), context: context, at: now, on: tx)
        }
        let frame = try await req.frame("接口令牌已创建", crumbs: [Crumb("系统管理", .admin), Crumb("接口令牌", .adminAPITokens), Crumb("已创建")], nav: "admin")
        return htmlResponse(AdminPages.tokenCreated(frame, unitName: unit.name, name: name, secret: secret))
    }

    static func revokeToken(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("tokenID", as: UUID.self), let token = try await APITokenModel.find(id, on: req.db) else {
            throw Abort(.notFound)
        }
        let now = req.now
        let context = req.auditContext
        if token.revokedAt == nil {
            try await req.db.writeTransaction { tx in
                token.revokedAt = now
                try await token.update(on: tx)
                try await AuditLog.append(AuditEvent("api.token.revoked", subjectType: "api_token", subjectID: id.uuidString,
                                                     detail: token.name), context: context, at: now, on: tx)
            }
        }
        return req.redirect(to: SiteURL.adminAPITokens.path(query: [("done", "revoked")]), redirectType: .normal)
    }

    // MARK: Settings

    static func settings(_ req: Request) async throws -> Response {
        let requireAll = try await SettingsStore.requireSecondFactorForEveryone(on: req.db)
        let frame = try await req.frame("系统设置", crumbs: [Crumb("系统管理", .admin), Crumb("系统设置")], nav: "admin")
        return htmlResponse(AdminPages.settings(frame, requireTOTPForAll: requireAll, settings: req.fazhi.settings))
    }

    static func saveSettings(_ req: Request) async throws -> Response {
        let requireAll = req.form["requireTOTPForAll"] == "on"
        let now = req.now
        let context = req.auditContext
        try await req.db.writeTransaction { tx in
            try await SettingsStore.set(.requireSecondFactorForEveryone, to: requireAll ? "true" : "false", by: context.username, at: now, on: tx)
            try await AuditLog.append(AuditEvent("settings.changed", subjectType: "setting", subjectID: SettingsStore.Key.requireSecondFactorForEveryone.rawValue,
                                                 detail: requireAll ? "要求所有账户启用两步验证" : "仅要求系统管理员启用两步验证"),
                                      context: context, at: now, on: tx)
        }
        return req.redirect(to: SiteURL.adminSettings.path(query: [("done", "saved")]), redirectType: .normal)
    }
}

/// What an API token may read (docs/ARCHITECTURE.md "API": token-authenticated per unit).
enum APIScope: String, CaseIterable, Sendable {
    /// Acts as its unit's staff: that unit's records only.
    case unit
    /// Reads every unit's records, for the provincial platforms; only for the legal office.
    case county

    var label: String {
        switch self {
        case .unit: "本单位只读"
        case .county: "全县只读"
        }
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        switch self {
        case .some(let value): try await transform(value)
        case .none: nil
        }
    }
}
