import FazhiCore

/// Chinese names of audit actions, for the audit pages and exports (the stored code stays English and stable).
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
        "documents.created": "新建规范性文件",
        "documents.updated": "修改规范性文件草案",
        "documents.imported": "导入规范性文件登记簿",
        "documents.exported": "导出规范性文件登记簿",
        "documents.public.exported": "下载现行有效规范性文件目录",
        "documents.comment.recorded": "录入征求意见情况",
        "documents.attachment.added": "上传规范性文件附件",
        "documents.cleanup.created": "新建清理",
        "documents.cleanup.scope": "调整清理范围",
        "documents.cleanup.outcomes": "录入清理意见",
        "documents.cleanup.applied": "作出清理决定",
        "documents.cleanup.published": "公布清理结果",
        "documents.cleanup.exported": "导出清理结果",
        "decisions.created": "新建重大行政决策",
        "decisions.updated": "修改决策草案",
        "decisions.catalogue.item": "增加决策事项目录事项",
        "decisions.catalogue.approved": "批准公布决策事项目录",
        "decisions.comment.received": "收到公众意见",
        "decisions.comment.limited": "公众意见提交过于频繁被拒绝",
        "decisions.comment.handled": "录入公众意见采纳情况",
        "decisions.feedback.published": "公布意见采纳情况反馈",
        "decisions.attachment.added": "上传决策附件",
        "contracts.submitted": "提交合同审查",
        "contracts.amendment.submitted": "合同变更送审查",
        "contracts.amendment.returned": "合同变更审查不同意",
        "contracts.exported": "导出合同登记",
        "contracts.attachment.added": "上传合同附件",
        "advisers.created": "新增法律顾问",
        "advisers.updated": "修改法律顾问名册",
        "advisers.exported": "导出法律顾问名册",
        "advisers.engaged": "录入法律顾问参与",
        "advisers.assigned": "分派村（社区）法律顾问",
        "advisers.project.created": "登记重点项目",
        "advisers.project.joined": "录入重点项目参与",
        "report.exported": "导出统计报告",
        "admin.users.exported": "导出用户账户",
        "admin.units.exported": "导出单位",
        "admin.regions.exported": "导出行政区划",
        "report.created": "新建年度报告",
        "report.versioned": "新建年度报告新版本",
        "report.section.saved": "保存年度报告章节",
        "report.cutoffs.saved": "设置报告数字截至日期",
        "report.signature.saved": "设置报告落款和成文日期",
        "report.template.saved": "修改年度报告模板",
        "report.downloaded": "下载年度报告",
        "report.declared.added": "申报数字",
        "report.declared.updated": "修改申报数字",
        "report.declared.deleted": "删除申报数字",
        "report.declared.exported": "导出申报数字",
        "report.declared.imported": "导入申报数字",
        "system.demo.loaded": "载入演示数据",
        "system.audit.verified": "校验审计链",
        "system.audit.exported": "导出审计日志",
        "system.backup": "备份数据库",
        "system.restore": "恢复数据库",
    ]

    /// `workflow.<case type>.<event>` of every workflow: the module and the event's own label.
    static let workflowLabels: [String: String] = {
        var map: [String: String] = [:]
        func add<S, E, C>(_ definition: WorkflowDefinition<S, E, C>, _ module: String) {
            for event in E.allCases { map["workflow.\(definition.caseType).\(event.rawValue)"] = "\(module)：\(event.label)" }
        }
        add(DocumentWorkflow.definition(rules: .default), "规范性文件")
        add(DecisionWorkflow.definition(), "重大行政决策")
        add(CommentModeration.definition(), "公众意见审核")
        add(ContractWorkflow.definition(), "政府合同")
        add(ReportWorkflow.definition(), "年度报告")
        return map
    }()

    static func label(_ action: String) -> String {
        if let label = labels[action] ?? workflowLabels[action] { return label }
        if action.hasPrefix("documents.change.") { return "录入规范性文件变动（\(action.split(separator: ".").last ?? "")）" }
        if action.hasPrefix("workflow.") { return "业务流转（\(action.split(separator: ".").dropFirst().joined(separator: "·"))）" }
        return action
    }
}
