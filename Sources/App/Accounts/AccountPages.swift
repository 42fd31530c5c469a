import FazhiCore
import Foundation
import Plot

enum LoginPages {
    static func login(_ frame: PageFrame, username: String, next: String?) -> String {
        Layout.page(frame, [
            .tag("div", [.cls("card narrow")], [
                .tag("p", [.cls("muted")], text: "本系统供县司法局（法制机构）、各部门和乡镇工作人员及领导使用。公众请访问首页的公开栏目。"),
                Components.form(.login, csrf: frame.csrfToken, [
                    Components.hidden("next", next ?? ""),
                    Components.field(FieldSpec(name: "username", label: "用户名", value: username, required: true,
                                               maxLength: 32, autocomplete: "username", autofocus: username.isEmpty)),
                    Components.field(FieldSpec(name: "password", label: "密码", type: "password", required: true,
                                               maxLength: 1024, autocomplete: "current-password", autofocus: !username.isEmpty)),
                    Components.submit("登录"),
                ]),
                .tag("p", [.cls("hint")], text: "连续 5 次输错将锁定账户 15 分钟。忘记密码请联系系统管理员重置。"),
            ]),
        ])
    }

    static func totp(_ frame: PageFrame, next: String?, error: String?) -> String {
        Layout.page(frame, [
            .tag("div", [.cls("card narrow")], [
                error.map { Components.notice(Notice(.error, $0)) } ?? .nodes([]),
                .tag("p", text: "请打开手机上的验证器应用（如“腾讯身份验证器”“Microsoft Authenticator”），输入当前显示的 6 位验证码。"),
                Components.form(.loginTOTP, csrf: frame.csrfToken, [
                    Components.hidden("next", next ?? ""),
                    Components.field(FieldSpec(name: "code", label: "验证码", required: true, maxLength: 10,
                                               autocomplete: "one-time-code", inputMode: "numeric",
                                               errors: error == nil ? [] : ["验证失败"], autofocus: true)),
                    Components.submit("验证并登录"),
                ]),
                Components.postButton(.logout, label: "取消并退出", csrf: frame.csrfToken, style: "link-button"),
            ]),
        ])
    }
}

enum AccountPages {
    static func overview(_ frame: PageFrame, user: CurrentUser, model: UserModel, sessions: [SessionModel], now: Date) -> String {
        Layout.page(frame, [
            .tag("section", [.cls("card")], [
                .tag("h2", text: "基本信息"),
                Components.definitions([
                    ("姓名", .t(user.displayName)),
                    ("用户名", .t(user.username)),
                    ("所属单位", .t(user.unitName)),
                    ("角色", .t(user.roles.sorted().map(\.label).joined(separator: "、"))),
                    ("密码修改时间", .t(Format.dateTime(model.passwordChangedAt))),
                    ("两步验证", user.totpEnrolled ? Components.badge("已启用", "ok") : Components.badge("未启用", "warn")),
                ]),
                .tag("div", [.cls("actions")], [
                    .tag("a", [.cls("button"), .href(.accountPassword)], text: "修改密码"),
                    .tag("a", [.cls("button"), .href(.accountTOTP)], text: user.totpEnrolled ? "查看两步验证" : "启用两步验证"),
                ]),
            ]),
            .tag("section", [.cls("card")], [
                .tag("h2", text: "当前登录"),
                .tag("p", [.cls("hint")], text: "空闲 30 分钟或登录满 12 小时后自动退出；修改密码会结束其他设备上的登录。"),
                Components.table(headers: ["登录时间", "最近活动", "来源地址", "浏览器", ""], rows: sessions.map { session in
                    [
                        .t(Format.dateTime(session.createdAt)),
                        .t(Format.dateTime(session.lastSeenAt)),
                        .t(session.sourceAddress),
                        .t(String(session.userAgent.prefix(60))),
                        session.id == user.sessionID ? Components.badge("本设备", "ok") : .nodes([]),
                    ]
                }),
            ]),
        ])
    }

    static func password(_ frame: PageFrame, errors: FieldErrors) -> String {
        Layout.page(frame, [
            .tag("div", [.cls("card narrow")], [
                Components.errorSummary(errors),
                Components.form(.accountPassword, csrf: frame.csrfToken, [
                    Components.field(FieldSpec(name: "current", label: "当前密码", type: "password", required: true,
                                               autocomplete: "current-password", errors: errors["current"])),
                    Components.field(FieldSpec(name: "new", label: "新密码", type: "password", required: true,
                                               hint: "至少 12 个字符，最多 128 个；可以是一句中文或英文短语。不能使用常见密码或包含用户名。",
                                               autocomplete: "new-password", errors: errors["new"])),
                    Components.field(FieldSpec(name: "confirm", label: "再次输入新密码", type: "password", required: true,
                                               autocomplete: "new-password", errors: errors["confirm"])),
                    Components.submit("修改密码", secondary: ("取消", .account)),
                ]),
            ]),
        ])
    }

    static func totpEnrol(_ frame: PageFrame, svg: String, secretText: String, sealed: String, error: String?) -> String {
        let grouped = stride(from: 0, to: secretText.count, by: 4).map { start -> String in
            let from = secretText.index(secretText.startIndex, offsetBy: start)
            let to = secretText.index(from, offsetBy: min(4, secretText.count - start))
            return String(secretText[from..<to])
        }.joined(separator: " ")
        return Layout.page(frame, [
            .tag("div", [.cls("card")], [
                error.map { Components.notice(Notice(.error, $0)) } ?? .nodes([]),
                .tag("ol", [.cls("steps")], [
                    .tag("li", text: "在手机上安装验证器应用（如“腾讯身份验证器”“Microsoft Authenticator”“Google Authenticator”）。"),
                    .tag("li", [], [
                        .t("用应用扫描下方二维码："),
                        .tag("div", [.cls("qr")], [.raw(svg)]),
                        .t("无法扫描时，可在应用中手动输入密钥："),
                        .tag("code", [.cls("secret")], text: grouped),
                    ]),
                    .tag("li", text: "输入应用中显示的 6 位验证码，完成设置。"),
                ]),
                Components.form(.accountTOTP, csrf: frame.csrfToken, [
                    Components.hidden("secret", sealed),
                    Components.field(FieldSpec(name: "code", label: "验证码", required: true, maxLength: 10,
                                               autocomplete: "one-time-code", inputMode: "numeric",
                                               errors: error == nil ? [] : ["验证码不正确"])),
                    Components.submit("完成设置"),
                ]),
            ]),
        ])
    }

    static func totpEnrolled(_ frame: PageFrame) -> String {
        Layout.page(frame, [
            .tag("div", [.cls("card narrow")], [
                .tag("p", text: "您的账户已启用两步验证。更换手机或丢失验证器时，请联系系统管理员清除后重新设置。"),
                .tag("p", [], [Components.link("返回账户与安全", .account)]),
            ]),
        ])
    }
}

/// Date and time as Chinese offices write them, always in China Standard Time.
enum Format {
    static func dateTime(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "zh_CN")
        formatter.timeZone = .chinaStandard
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    static func date(_ date: LocalDate) -> String { date.chinese }

    static func millis(_ millis: Int64) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = .chinaStandard
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: Date(timeIntervalSince1970: Double(millis) / 1000))
    }
}
