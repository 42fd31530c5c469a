import FazhiCore
import Foundation
import Plot

enum AdminPages {
    struct Counts {
        let regions: Int
        let units: Int
        let users: Int
        let tokens: Int
        let calendarYears: [Int]
    }

    static func index(_ frame: PageFrame, counts: Counts) -> String {
        func tile(_ title: String, _ detail: String, _ url: SiteURL) -> HTMLNode {
            .tag("a", [.cls("tile"), .href(url)], [.tag("strong", text: title), .tag("span", text: detail)])
        }
        let years = counts.calendarYears
        let range = years.isEmpty ? "尚无数据" : "\(years.first!)–\(years.last!) 年"
        return Layout.page(frame, [
            .tag("div", [.cls("tiles")], [
                tile("行政区划", "\(counts.regions) 个区划（县、乡镇、村、社区）", .adminRegions),
                tile("单位", "\(counts.units) 个单位", .adminUnits),
                tile("用户账户", "\(counts.users) 个账户", .adminUsers),
                tile("接口令牌", "\(counts.tokens) 个有效令牌", .adminAPITokens),
                tile("法定节假日日历", "已覆盖 \(range)", .calendar),
                tile("审计日志", "浏览、筛选、校验审计链", .audit),
                tile("系统设置", "两步验证等安全设置", .adminSettings),
            ]),
        ])
    }

    // MARK: Regions

    static func regions(_ frame: PageFrame, rows: [RegionModel], page: PageInfo, level: RegionLevel?, parentID: UUID?,
                        search: String, parents: [RegionModel]) -> String {
        let query: [(String, String)] = [("level", level?.rawValue ?? ""), ("parent", parentID?.uuidString ?? ""), ("q", search)]
        return Layout.page(frame, [
            .tag("div", [.cls("toolbar")], [.tag("a", [.cls("button primary"), .href(.adminRegionNew)], text: "新增区划")]
                 + exportLinks({ .adminRegionsExport($0) }, query: query)),
            Components.filterForm(.adminRegions, [
                Components.select(name: "level", label: "层级", options: RegionLevel.allCases.map { ($0.rawValue, $0.label) },
                                  selected: level?.rawValue, includeBlank: "全部"),
                Components.select(name: "parent", label: "上级区划", options: parents.map { ($0.id!.uuidString, $0.name) },
                                  selected: parentID?.uuidString, includeBlank: "全部"),
                Components.field(FieldSpec(name: "q", label: "名称或代码", value: search, maxLength: 40)),
            ]),
            Components.table(headers: ["区划代码", "名称", "层级", "上级区划", "操作"], rows: rows.map { region in
                [
                    .tag("code", text: region.code),
                    .t(region.name),
                    .t(RegionLevel(rawValue: region.level)?.label ?? region.level),
                    .t(region.parent?.name ?? "—"),
                    Components.link("编辑", .adminRegionEdit(.value(region.id!))),
                ]
            }, empty: "没有符合条件的区划。"),
            Components.pagination(page, url: .adminRegions, query: query),
        ])
    }

    static func regionForm(_ frame: PageFrame, region: RegionModel?, values: [String: String], errors: FieldErrors,
                           parents: [RegionModel]) -> String {
        let action: SiteURL = region.map { .adminRegionEdit(.value($0.id!)) } ?? .adminRegionNew
        return Layout.page(frame, [
            .tag("div", [.cls("card")], [
                Components.errorSummary(errors),
                Components.form(action, csrf: frame.csrfToken, [
                    Components.select(name: "level", label: "层级", options: RegionLevel.allCases.map { ($0.rawValue, $0.label) },
                                      selected: values["level"], required: true, includeBlank: "请选择", errors: errors["level"]),
                    Components.field(FieldSpec(name: "code", label: "区划代码", value: values["code"] ?? "", required: true,
                                               hint: "GB/T 2260 行政区划代码：县为 6 位（如 433123），乡镇、村、社区为 12 位统计用区划代码（如 433123100000）。",
                                               maxLength: 12, inputMode: "numeric", errors: errors["code"])),
                    Components.field(FieldSpec(name: "name", label: "名称", value: values["name"] ?? "", required: true,
                                               maxLength: 40, errors: errors["name"])),
                    Components.select(name: "parent", label: "上级区划", options: parents.map { ($0.id!.uuidString, "\($0.name)（\($0.code)）") },
                                      selected: values["parent"], includeBlank: "无（县级）",
                                      hint: "乡镇的上级为县；村和社区的上级为乡镇。", errors: errors["parent"]),
                    Components.submit("保存", secondary: ("取消", .adminRegions)),
                ]),
            ]),
        ])
    }

    // MARK: Units

    static func units(_ frame: PageFrame, rows: [UnitModel], page: PageInfo, kind: UnitKind?, search: String) -> String {
        Layout.page(frame, [
            .tag("div", [.cls("toolbar")], [.tag("a", [.cls("button primary"), .href(.adminUnitNew)], text: "新增单位")]
                 + exportLinks({ .adminUnitsExport($0) }, query: [("kind", kind?.rawValue ?? ""), ("q", search)])),
            Components.filterForm(.adminUnits, [
                Components.select(name: "kind", label: "单位类别", options: UnitKind.allCases.map { ($0.rawValue, $0.label) },
                                  selected: kind?.rawValue, includeBlank: "全部"),
                Components.field(FieldSpec(name: "q", label: "名称或信用代码", value: search, maxLength: 40)),
            ]),
            Components.table(headers: ["单位名称", "类别", "所在区划", "统一社会信用代码", "状态", "操作"], rows: rows.map { unit in
                [
                    .nodes([
                        Components.link(unit.name, .unit(.value(unit.id!))),
                        unit.isLegalOffice ? Components.badge("法制机构", "info") : .nodes([]),
                    ]),
                    .t(UnitKind(rawValue: unit.kind)?.label ?? unit.kind),
                    .t(unit.region.name),
                    .tag("code", text: unit.creditCode ?? "—"),
                    unit.active ? Components.badge("正常", "ok") : Components.badge("已停用", "muted"),
                    Components.link("编辑", .adminUnitEdit(.value(unit.id!))),
                ]
            }, empty: "没有符合条件的单位。"),
            Components.pagination(page, url: .adminUnits, query: [("kind", kind?.rawValue ?? ""), ("q", search)]),
        ])
    }

    static func unitForm(_ frame: PageFrame, unit: UnitModel?, values: [String: String], errors: FieldErrors,
                         regions: [RegionModel]) -> String {
        let action: SiteURL = unit.map { .adminUnitEdit(.value($0.id!)) } ?? .adminUnitNew
        var fields: [HTMLNode] = [
            Components.field(FieldSpec(name: "name", label: "单位名称", value: values["name"] ?? "", required: true,
                                       hint: "全称，如：凤凰县自然资源局", maxLength: 60, errors: errors["name"])),
            Components.field(FieldSpec(name: "shortName", label: "简称", value: values["shortName"] ?? "",
                                       hint: "可选，如：县自然资源局", maxLength: 20, errors: errors["shortName"])),
            Components.select(name: "kind", label: "单位类别", options: UnitKind.allCases.map { ($0.rawValue, $0.label) },
                              selected: values["kind"], required: true, includeBlank: "请选择",
                              hint: "统计规范性文件等数据时按类别区分县政府、县政府办和县直部门。", errors: errors["kind"]),
            Components.select(name: "region", label: "所在区划", options: regions.map { ($0.id!.uuidString, $0.name) },
                              selected: values["region"], required: true, includeBlank: "请选择", errors: errors["region"]),
            Components.field(FieldSpec(name: "creditCode", label: "统一社会信用代码", value: values["creditCode"] ?? "",
                                       hint: "18 位，按 GB 32100 校验；可暂不填写。", maxLength: 40, errors: errors["creditCode"])),
            Components.checkboxes(name: "isLegalOffice", legend: "法制机构",
                                  options: [("on", "本单位是全县的法制机构（县司法局）", "其工作人员可被授予「法制机构」角色；全县只能有一个")],
                                  checked: values["isLegalOffice"] == "on" ? ["on"] : []),
        ]
        if unit != nil {
            fields.append(Components.checkboxes(name: "active", legend: "状态", options: [("on", "正常使用", "取消勾选即停用，历史记录仍保留")],
                                                checked: values["active"] == "on" ? ["on"] : []))
        }
        fields.append(Components.submit("保存", secondary: ("取消", .adminUnits)))
        return Layout.page(frame, [
            .tag("div", [.cls("card")], [Components.errorSummary(errors), Components.form(action, csrf: frame.csrfToken, fields)]),
        ])
    }

    static func unitProfile(_ frame: PageFrame, unit: UnitModel, members: [UserModel]) -> String {
        Layout.page(frame, [
            .tag("section", [.cls("card")], [
                Components.definitions([
                    ("单位类别", .t(UnitKind(rawValue: unit.kind)?.label ?? unit.kind)),
                    ("所在区划", .t(unit.region.name)),
                    ("统一社会信用代码", .t(unit.creditCode ?? "未登记")),
                    ("状态", unit.active ? Components.badge("正常", "ok") : Components.badge("已停用", "muted")),
                ]),
            ]),
            .tag("section", [.cls("card")], [
                .tag("h2", text: "工作人员"),
                Components.table(headers: ["姓名", "角色"], rows: members.map { user in
                    [.t(user.displayName), .t(user.roles.sorted().map(\.label).joined(separator: "、"))]
                }, empty: "本单位尚无账户。"),
            ]),
        ])
    }

    // MARK: Users

    /// 导出 CSV / Excel links carrying the list's filters.
    static func exportLinks(_ url: (SiteURL.ExportFormat) -> SiteURL, query: [(String, String)]) -> [HTMLNode] {
        SiteURL.ExportFormat.allCases.map { format in
            .tag("a", [.cls("button subtle"), .href(url(format).path(query: query))], text: "导出 \(format.label)")
        }
    }

    static func status(of user: UserModel, now: Date) -> HTMLNode {
        if !user.active { return Components.badge("已停用", "muted") }
        if let until = user.lockedUntil, until > now { return Components.badge("锁定中", "danger") }
        return Components.badge("正常", "ok")
    }

    static func users(_ frame: PageFrame, rows: [UserModel], page: PageInfo, units: [UnitModel], unitID: UUID?, role: Role?,
                      search: String, now: Date) -> String {
        Layout.page(frame, [
            .tag("div", [.cls("toolbar")], [.tag("a", [.cls("button primary"), .href(.adminUserNew)], text: "新增用户")]
                 + exportLinks({ .adminUsersExport($0) }, query: [("unit", unitID?.uuidString ?? ""), ("role", role?.rawValue ?? ""), ("q", search)])),
            Components.filterForm(.adminUsers, [
                Components.select(name: "unit", label: "单位", options: units.map { ($0.id!.uuidString, $0.name) },
                                  selected: unitID?.uuidString, includeBlank: "全部"),
                Components.select(name: "role", label: "角色", options: Role.allCases.map { ($0.rawValue, $0.label) },
                                  selected: role?.rawValue, includeBlank: "全部"),
                Components.field(FieldSpec(name: "q", label: "用户名或姓名", value: search, maxLength: 40)),
            ]),
            Components.table(headers: ["用户名", "姓名", "单位", "角色", "两步验证", "状态", "操作"], rows: rows.map { user in
                [
                    .tag("code", text: user.username),
                    .t(user.displayName),
                    .t(user.unit.name),
                    .t(user.roles.sorted().map(\.label).joined(separator: "、")),
                    user.totpSecret != nil ? Components.badge("已启用", "ok") : Components.badge("未启用", "muted"),
                    status(of: user, now: now),
                    Components.link("编辑", .adminUserEdit(.value(user.id!))),
                ]
            }, empty: "没有符合条件的用户。"),
            Components.pagination(page, url: .adminUsers, query: [("unit", unitID?.uuidString ?? ""), ("role", role?.rawValue ?? ""), ("q", search)]),
        ])
    }

    static func userForm(_ frame: PageFrame, user: UserModel?, values: [String: String], roles: Set<String>, errors: FieldErrors,
                         units: [UnitModel], maskedMobile: String?, now: Date) -> String {
        let action: SiteURL = user.map { .adminUserEdit(.value($0.id!)) } ?? .adminUserNew
        var fields: [HTMLNode] = []
        if user == nil {
            fields.append(Components.field(FieldSpec(name: "username", label: "用户名", value: values["username"] ?? "", required: true,
                                                     hint: "登录用，3–32 位小写字母、数字、点、下划线或连字符，以字母开头；创建后不能修改。",
                                                     maxLength: 32, autocomplete: "off", errors: errors["username"])))
        }
        fields += [
            Components.field(FieldSpec(name: "displayName", label: "姓名", value: values["displayName"] ?? "", required: true,
                                       maxLength: 30, errors: errors["displayName"])),
            Components.select(name: "unit", label: "所属单位", options: units.map { ($0.id!.uuidString, $0.name) },
                              selected: values["unit"], required: true, includeBlank: "请选择", errors: errors["unit"]),
            Components.checkboxes(name: "roles", legend: "角色",
                                  options: Role.allCases.map { ($0.rawValue, $0.label, $0.summary) }, checked: roles, errors: errors["roles"]),
            Components.field(FieldSpec(name: "mobile", label: "手机号码", value: "",
                                       hint: maskedMobile.map { "当前：\($0)。留空则不修改。" } ?? "可选，11 位手机号码。加密保存，列表中只显示部分数字。",
                                       maxLength: 20, inputMode: "tel", errors: errors["mobile"])),
        ]
        if maskedMobile != nil {
            fields.append(Components.checkboxes(name: "clearMobile", legend: "清除手机号码", options: [("on", "删除已保存的手机号码", nil)], checked: []))
        }
        fields.append(Components.submit(user == nil ? "创建账户" : "保存", secondary: ("取消", .adminUsers)))
        var content: [HTMLNode] = [
            .tag("div", [.cls("card")], [Components.errorSummary(errors), Components.form(action, csrf: frame.csrfToken, fields)]),
        ]
        if let user, let id = user.id {
            var actions: [HTMLNode] = [
                Components.postButton(.adminUserAction(.value(id), .resetPassword), label: "重置密码", csrf: frame.csrfToken),
            ]
            if let until = user.lockedUntil, until > now {
                actions.append(Components.postButton(.adminUserAction(.value(id), .unlock), label: "解除锁定", csrf: frame.csrfToken))
            }
            if user.totpSecret != nil {
                actions.append(Components.postButton(.adminUserAction(.value(id), .resetTOTP), label: "清除两步验证", csrf: frame.csrfToken))
            }
            actions.append(user.active
                ? Components.postButton(.adminUserAction(.value(id), .disable), label: "停用账户", csrf: frame.csrfToken, style: "button danger")
                : Components.postButton(.adminUserAction(.value(id), .enable), label: "启用账户", csrf: frame.csrfToken))
            if maskedMobile != nil {
                actions.append(Components.postButton(.adminUserRevealMobile(.value(id)), label: "查看完整手机号码", csrf: frame.csrfToken, style: "button subtle"))
            }
            content.append(.tag("section", [.cls("card")], [
                .tag("h2", text: "账户操作"),
                Components.definitions([
                    ("用户名", .tag("code", text: user.username)),
                    ("状态", status(of: user, now: now)),
                    ("两步验证", user.totpSecret != nil ? Components.badge("已启用", "ok") : Components.badge("未启用", "muted")),
                    ("密码修改时间", .t(Format.dateTime(user.passwordChangedAt))),
                ]),
                .tag("div", [.cls("actions")], actions),
                .tag("p", [.cls("hint")], text: "重置密码、停用和清除两步验证都会立即结束该用户的所有登录。查看完整手机号码会记入审计日志。"),
            ]))
        }
        return Layout.page(frame, content)
    }

    static func oneTimePassword(_ frame: PageFrame, user: UserModel, password: String) -> String {
        Layout.page(frame, [
            .tag("div", [.cls("card narrow")], [
                Components.notice(Notice(.warning, "初始密码只显示这一次，请当面或通过安全渠道告知本人。对方首次登录后须立即修改。")),
                Components.definitions([
                    ("用户名", .tag("code", text: user.username)),
                    ("姓名", .t(user.displayName)),
                    ("初始密码", .tag("code", [.cls("secret")], text: password)),
                ]),
                .tag("p", [], [Components.link("返回用户列表", .adminUsers)]),
            ]),
        ])
    }

    static func revealed(_ frame: PageFrame, user: UserModel, label: String, value: String) -> String {
        Layout.page(frame, [
            .tag("div", [.cls("card narrow")], [
                Components.notice(Notice(.info, "本次查看已记入审计日志。")),
                Components.definitions([("用户", .t("\(user.displayName)（\(user.username)）")), (label, .tag("code", text: value))]),
                .tag("p", [], [Components.link("返回", .adminUserEdit(.value(user.id!)))]),
            ]),
        ])
    }

    // MARK: API tokens

    static func tokens(_ frame: PageFrame, rows: [APITokenModel]) -> String {
        Layout.page(frame, [
            .tag("p", [.cls("lead")], text: "接口令牌供上级平台和各单位系统通过 /api/v1 调取数据。令牌只在创建时显示一次，系统只保存其摘要。"),
            .tag("div", [.cls("toolbar")], [
                .tag("a", [.cls("button primary"), .href(.adminAPITokenNew)], text: "新建令牌"),
                .tag("a", [.cls("button"), .href(.api(.openAPI))], text: "接口说明（OpenAPI）"),
            ]),
            Components.table(headers: ["单位", "用途", "权限范围", "创建", "最近使用", "状态", "操作"], rows: rows.map { token in
                [
                    .t(token.unit.name),
                    .t(token.name),
                    .t(APIScope(rawValue: token.scope)?.label ?? token.scope),
                    .t("\(Format.dateTime(token.createdAt)) \(token.createdBy)"),
                    .t(token.lastUsedAt.map(Format.dateTime) ?? "从未使用"),
                    token.revokedAt == nil ? Components.badge("有效", "ok") : Components.badge("已吊销", "muted"),
                    token.revokedAt == nil
                        ? Components.postButton(.adminAPITokenRevoke(.value(token.id!)), label: "吊销", csrf: frame.csrfToken, style: "button danger")
                        : .nodes([]),
                ]
            }, empty: "尚未创建接口令牌。"),
        ])
    }

    static func tokenForm(_ frame: PageFrame, values: [String: String], errors: FieldErrors, units: [UnitModel]) -> String {
        Layout.page(frame, [
            .tag("div", [.cls("card")], [
                Components.errorSummary(errors),
                Components.form(.adminAPITokenNew, csrf: frame.csrfToken, [
                    Components.select(name: "unit", label: "所属单位", options: units.map { ($0.id!.uuidString, $0.name) },
                                      selected: values["unit"], required: true, includeBlank: "请选择", errors: errors["unit"]),
                    Components.field(FieldSpec(name: "name", label: "用途说明", value: values["name"] ?? "", required: true,
                                               hint: "如：省司法厅行政执法监督平台数据调取", maxLength: 60, errors: errors["name"])),
                    Components.select(name: "scope", label: "权限范围", options: APIScope.allCases.map { ($0.rawValue, $0.label) },
                                      selected: values["scope"], required: true, includeBlank: "请选择",
                                      hint: "本单位只读：只能读取本单位的记录；全县只读：读取全县记录（仅限法制机构）。", errors: errors["scope"]),
                    Components.submit("创建令牌", secondary: ("取消", .adminAPITokens)),
                ]),
            ]),
        ])
    }

    static func tokenCreated(_ frame: PageFrame, unitName: String, name: String, secret: String) -> String {
        Layout.page(frame, [
            .tag("div", [.cls("card")], [
                Components.notice(Notice(.warning, "令牌只显示这一次。请立即复制并交给对方系统的管理员；遗失后只能吊销并重新创建。")),
                Components.definitions([("单位", .t(unitName)), ("用途", .t(name)), ("令牌", .tag("code", [.cls("secret")], text: secret))]),
                .tag("p", [.cls("hint")], text: "调用方式：在请求头中加入 Authorization: Bearer <令牌>。"),
                .tag("p", [], [Components.link("返回令牌列表", .adminAPITokens)]),
            ]),
        ])
    }

    // MARK: Settings

    static func settings(_ frame: PageFrame, requireTOTPForAll: Bool, settings: AppSettings) -> String {
        Layout.page(frame, [
            .tag("div", [.cls("card")], [
                Components.form(.adminSettings, csrf: frame.csrfToken, [
                    Components.checkboxes(name: "requireTOTPForAll", legend: "两步验证",
                                          options: [("on", "要求所有账户启用两步验证", "系统管理员始终必须启用；勾选后其他角色下次登录时也须设置")],
                                          checked: requireTOTPForAll ? ["on"] : []),
                    Components.submit("保存设置"),
                ]),
            ]),
            .tag("section", [.cls("card")], [
                .tag("h2", text: "运行配置（只读）"),
                .tag("p", [.cls("hint")], text: "以下项目由服务器环境变量设置，修改后需重启服务，详见 README。"),
                Components.definitions([
                    ("数据库", .t(settings.usesPostgres ? "PostgreSQL（FAZHI_DATABASE_URL）" : "SQLite：\(settings.sqlitePath)")),
                    ("对外地址", .t(settings.publicURL ?? "未设置（FAZHI_PUBLIC_URL）")),
                    ("Cookie 仅限 HTTPS", .t(settings.cookieSecure ? "是" : "否")),
                    ("信任反向代理地址", .t(settings.trustProxy ? "是" : "否")),
                    ("请求体上限", .t("\(settings.maxBodyBytes / 1024) KB")),
                ]),
            ]),
        ])
    }
}
