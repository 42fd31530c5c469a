import FazhiCore

/// Chinese names of audit actions, for the audit pages and exports (the stored code stays English and stable):
/// the platform's own here, each module's in its `FazhiModule`.
enum AuditActions {
    static let labels: [String: String] = [
        "auth.login.success": "登录成功",
        "auth.login.password-accepted": "密码验证通过",
        "auth.login.failure": "登录失败",
        "auth.login.locked": "锁定期间尝试登录",
        "auth.login.throttled": "登录过于频繁被拒绝",
        "auth.account.locked": "账户被锁定",
        "auth.logout": "退出登录",
        "auth.session.expired": "登录超时",
        "auth.password.changed": "修改密码",
        "auth.totp.enrolled": "启用两步验证",
        "account.user.created": "创建账户",
        "account.user.updated": "修改账户",
        "account.user.disabled": "停用账户",
        "account.user.enabled": "启用账户",
        "account.user.unlocked": "解除锁定",
        "account.password.reset": "重置密码",
        "account.totp.reset": "清除两步验证",
        "personal.view": "查看完整个人信息",
        "org.region.created": "新增行政区划",
        "org.region.updated": "修改行政区划",
        "org.unit.created": "新增单位",
        "org.unit.updated": "修改单位",
        "api.token.created": "创建接口令牌",
        "api.token.revoked": "吊销接口令牌",
        "api.request": "接口调用",
        "calendar.year.imported": "导入节假日安排",
        "settings.changed": "修改系统设置",
        "derived.recomputed": "重新计算派生数据（效力日期、待办期限）",
        "admin.users.exported": "导出用户账户",
        "admin.units.exported": "导出单位",
        "admin.regions.exported": "导出行政区划",
        "system.demo.loaded": "载入演示数据",
        "system.audit.verified": "校验审计链",
        "system.audit.exported": "导出审计日志",
        "system.backup": "备份数据库",
        "system.restore": "恢复数据库",
    ]

    /// The platform's labels and every module's, with each module's workflow labels.
    static let allLabels: [String: String] = {
        var map = labels
        for module in ModuleRegistry.modules {
            map.merge(module.auditLabels) { current, _ in current }
            map.merge(module.workflowLabels) { current, _ in current }
        }
        return map
    }()

    static func label(_ action: String) -> String {
        if let label = allLabels[action] { return label }
        for module in ModuleRegistry.modules {
            if let label = module.auditLabel(for: action) { return label }
        }
        if action.hasPrefix("workflow.") { return "业务流转（\(action.split(separator: ".").dropFirst().joined(separator: "·"))）" }
        return action
    }
}
