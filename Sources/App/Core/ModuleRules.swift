import FazhiCore
import Fluent
import Foundation
import Vapor

/// One field of a module's rules form.
struct RuleField: Sendable {
    let name: String
    let label: String
    let hint: String
    /// A checkbox (value "true") with this text, instead of a text field.
    var checkbox: String? = nil
}

/// A module's configurable rules (periods and formats set by provincial rules, marked [verify] in
/// docs/RULES.md): stored as JSON in the settings table, edited by the legal office on one page per
/// module, each change audited, used at once by every calculation.
protocol ModuleRules: Codable, Sendable {
    static var settingKey: String { get }
    /// "规范性文件管理规则".
    static var title: String { get }
    static var fallback: Self { get }
    static var fields: [RuleField] { get }
    static func validate(form: [String: String]) -> Result<Self, FieldErrors>
    var formValues: [String: String] { get }
}

enum RulesSettings {
    static func load<R: ModuleRules>(_: R.Type, on db: any Database) async throws -> R {
        guard let stored = try await SettingModel.find(R.settingKey, on: db)?.value,
              let rules = try? JSONDecoder().decode(R.self, from: Data(stored.utf8)) else { return R.fallback }
        return rules
    }

    /// GET: the rules, as a form for the legal office and as a list for everyone else.
    static func show<R: ModuleRules>(_: R.Type, url: any RoutePath, back: (String, any RoutePath), nav: String) -> @Sendable (Request) async throws -> Response {
        { req in
            let rules = try await load(R.self, on: req.db)
            return try await page(R.self, req, url: url, back: back, nav: nav, values: rules.formValues, errors: FieldErrors())
        }
    }

    /// POST: validated as a whole; nothing is stored unless every field is right.
    static func save<R: ModuleRules>(_: R.Type, url: any RoutePath, back: (String, any RoutePath), nav: String) -> @Sendable (Request) async throws -> Response {
        { req in
            var values = req.form.flat
            values.removeValue(forKey: "_csrf")
            switch R.validate(form: values) {
            case .failure(let errors):
                return try await page(R.self, req, url: url, back: back, nav: nav, values: values, errors: errors)
            case .success(let rules):
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                let json = String(decoding: try encoder.encode(rules), as: UTF8.self)
                let context = req.auditContext
                let now = req.now
                try await req.db.writeTransaction { tx in
                    if let existing = try await SettingModel.find(R.settingKey, on: tx) {
                        existing.value = json
                        existing.updatedAt = now
                        existing.updatedBy = context.username
                        try await existing.update(on: tx)
                    } else {
                        try await SettingModel(key: R.settingKey, value: json, updatedAt: now, updatedBy: context.username).create(on: tx)
                    }
                    try await AuditLog.append(AuditEvent("settings.changed", subjectType: "setting", subjectID: R.settingKey, detail: "\(R.title)：\(json)"),
                                              context: context, at: now, on: tx)
                }
                return req.redirect(to: url.path(query: [("done", "saved")]), redirectType: .normal)
            }
        }
    }

    static func page<R: ModuleRules>(_: R.Type, _ req: Request, url: any RoutePath, back: (String, any RoutePath), nav: String, values: [String: String],
                                     errors: FieldErrors) async throws -> Response {
        let canEdit = req.currentUser?.has(.writeAllRecords) ?? false
        let frame = try await req.frame("\(R.title)设置", crumbs: [Crumb(back.0, route: back.1), Crumb("规则设置")], nav: nav)
        let body: HTMLNode = canEdit
            ? Components.form(route: url, csrf: frame.csrfToken, R.fields.map { field in
                if let text = field.checkbox {
                    return Components.checkboxes(name: field.name, legend: field.label, options: [("true", text, field.hint)],
                                                 checked: values[field.name] == "true" ? ["true"] : [], errors: errors[field.name])
                }
                return Components.field(FieldSpec(name: field.name, label: field.label, value: values[field.name] ?? "", required: true, hint: field.hint,
                                                  maxLength: 20, errors: errors[field.name]))
            } + [Components.submit("保存规则", secondaryRoute: ("返回", back.1))])
            : Components.definitions(R.fields.map { field in
                (field.label, .t(field.checkbox == nil ? values[field.name] ?? "" : values[field.name] == "true" ? "是" : "否"))
            })
        return htmlResponse(Layout.page(frame, [
            .tag("p", [.cls("lead")], text: "以下期限和数值来自法律法规和省级规定，标注需核实的数值可由法制机构按本省现行规定调整，调整后立即用于所有计算，并记入审计日志。"),
            .tag("div", [.cls("card")], [Components.errorSummary(errors), body]),
        ]), status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}

extension DocumentRules: ModuleRules {
    static var settingKey: String { "documents.rules" }
    static var title: String { "规范性文件管理规则" }
    static var fallback: DocumentRules { .default }
    static var fields: [RuleField] {
        [
            RuleField(name: "standardTermYears", label: "一般有效期（年）", hint: "湖南省规范性文件管理办法：有效期一般为 5 年"),
            RuleField(name: "provisionalTermYears", label: "暂行、试行有效期（年）", hint: "不超过 2 年"),
            RuleField(name: "evaluationWindowMonths", label: "届满前评估期（月）", hint: "起草单位在有效期届满前 6 个月内评估"),
            RuleField(name: "republishLeadDays", label: "重新公布提前天数", hint: "需继续施行的，届满前 30 日重新公布"),
            RuleField(name: "commentMinimumWorkingDays", label: "征求意见最少工作日", hint: "一般不少于 7 个工作日"),
            RuleField(name: "marketCommentMinimumDays", label: "涉市场主体征求意见最少天数", hint: "不少于 30 日"),
            RuleField(name: "reviewMinimumWorkingDays", label: "合法性审查最少工作日", hint: "国办发〔2018〕115号：原则上不少于 5 个工作日"),
            RuleField(name: "reviewMaximumWorkingDays", label: "合法性审查最多工作日", hint: "最长不超过 15 个工作日"),
            RuleField(name: "effectiveDelayDays", label: "公布至施行最少天数", hint: "自公布之日起 30 日后施行"),
            RuleField(name: "filingDays", label: "备案期限（日）", hint: "公布之日起 15 日内报送备案"),
            RuleField(name: "registrationPrefix", label: "统一登记号前缀", hint: "各省格式不同，如 FHXR"),
            RuleField(name: "registrationSeparator", label: "统一登记号分隔符", hint: "如 -"),
            RuleField(name: "registrationSequenceWidth", label: "统一登记号序号位数", hint: "如 3（FHXR-2020-011）"),
        ]
    }
}

extension DecisionRules: ModuleRules {
    static var settingKey: String { "decisions.rules" }
    static var title: String { "重大行政决策规则" }
    static var fallback: DecisionRules { .default }
    static var fields: [RuleField] {
        [
            RuleField(name: "consultationMinimumDays", label: "公开征求意见最短期限（日）", hint: "《重大行政决策程序暂行条例》第十五条：一般不少于 30 日"),
            RuleField(name: "legalityReviewMinimumWorkingDays", label: "合法性审查最短时间（工作日）", hint: "第二十六条：一般不少于 7 个工作日"),
            RuleField(name: "evaluationAfterMonths", label: "决策后评估时间（决定后月数）", hint: "第三十六条：决策实施后适时评估，由本县规定"),
            RuleField(name: "commentsPerAddressPerHour", label: "同一地址每小时最多提交意见数", hint: "防止滥用，非法定要求"),
            RuleField(name: "commentsPerAddressPerDecisionPerDay", label: "同一地址对同一决策每日最多提交意见数", hint: "防止滥用，非法定要求"),
        ]
    }
}

extension ContractRules: ModuleRules {
    static var settingKey: String { "contracts.rules" }
    static var title: String { "政府合同审查备案规则" }
    static var fallback: ContractRules { .default }
    static var fields: [RuleField] {
        [
            RuleField(name: "reviewWorkingDays", label: "合同审查期限（工作日）", hint: "自法制机构受理之日起计算，按本省、本县规定"),
            RuleField(name: "filingDays", label: "合同备案期限（签订后日数）", hint: "签订之日起计算，按本省、本县规定"),
            RuleField(name: "reviewThreshold", label: "须经审查的合同金额起点（元）", hint: "0 表示全部合同均须审查；可写 50万"),
        ]
    }
}
