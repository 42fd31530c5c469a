import FazhiCore
import Fluent
import Plot
import Vapor

/// A link in the main navigation; each module declares its own (`FazhiModule.navigation`).
struct NavItem: Sendable {
    let key: String
    let title: String
    let url: @Sendable (CurrentUser) -> any RoutePath
    let visible: @Sendable (CurrentUser) -> Bool

    init(key: String, title: String, url: @escaping @Sendable (CurrentUser) -> SiteURL, visible: @escaping @Sendable (CurrentUser) -> Bool) {
        self.init(key: key, title: title, route: { url($0) }, visible: visible)
    }

    /// A link to a module's own path type.
    init(key: String, title: String, route: @escaping @Sendable (CurrentUser) -> any RoutePath, visible: @escaping @Sendable (CurrentUser) -> Bool) {
        self.key = key
        self.title = title
        self.url = route
        self.visible = visible
    }
}

enum Navigation {
    /// The platform's links around the modules' (in module order); each shows only to roles that may use it.
    static let items: [NavItem] = [
        NavItem(key: "home", title: "工作台", url: { _ in .home }, visible: { _ in true }),
        NavItem(key: "unit", title: "本单位", url: { .unit(.value($0.unitID)) }, visible: { $0.has(.readOwnUnitRecords) }),
    ] + ModuleRegistry.navigation + [
        NavItem(key: "calendar", title: "法定日历与期限", url: { _ in .calendar }, visible: { _ in true }),
        NavItem(key: "audit", title: "审计日志", url: { _ in .audit }, visible: { $0.has(.viewAudit) }),
        NavItem(key: "admin", title: "系统管理", url: { _ in .admin }, visible: { $0.has(.manageOrganisation) }),
    ]
}

/// One entry of the breadcrumb trail; the last one is the current page (no link).
struct Crumb: Sendable {
    let title: String
    let url: (any RoutePath)?

    init(_ title: String, _ url: SiteURL? = nil) {
        self.title = title
        self.url = url
    }

    init(_ title: String, route url: any RoutePath) {
        self.title = title
        self.url = url
    }
}

/// What the layout needs besides the page's own content.
struct PageFrame: Sendable {
    var title: String
    var crumbs: [Crumb]
    var user: CurrentUser?
    /// A session part-way through sign-in (second factor due): named in the header with a way out.
    var pending: CurrentUser? = nil
    var csrfToken: String
    var countyName: String
    var activeNav: String?
    var notices: [Notice] = []
    var requestID: String
}

struct Notice: Sendable {
    enum Kind: String, Sendable { case success, error, info, warning }
    let kind: Kind
    let text: String

    init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }
}

extension Request {
    /// The frame of a page for this request.
    func frame(_ title: String, crumbs: [Crumb] = [], nav: String? = nil) async throws -> PageFrame {
        var frame = PageFrame(title: title, crumbs: crumbs, user: currentUser, pending: pendingSession, csrfToken: csrfToken,
                              countyName: try await countyName(), activeNav: nav, requestID: id)
        if let done = queryForm["done"], let message = DoneMessages.text(for: done) {
            frame.notices.append(Notice(.success, message))
        }
        return frame
    }

    /// The county's name (the root region), shown in the header; "本县" before any region exists.
    func countyName() async throws -> String {
        try await RegionModel.query(on: db).filter(\.$level == RegionLevel.county.rawValue).first()?.name ?? "本县"
    }
}

/// Messages shown after a successful POST-redirect-GET; the query carries only a fixed key.
enum DoneMessages {
    static let all: [String: String] = [
        "saved": "已保存。",
        "created": "已创建。",
        "password": "密码已修改，您在其他设备上的登录已全部退出。",
        "totp": "两步验证已启用。今后登录时需输入验证器应用中的 6 位验证码。",
        "disabled": "账户已停用，该用户的所有登录已结束。",
        "enabled": "账户已启用。",
        "unlocked": "账户已解锁。",
        "totp-reset": "已清除该用户的两步验证，其登录已全部结束；该用户下次登录时需重新设置。",
        "revoked": "令牌已吊销。",
        "imported": "日历已导入。",
        "loggedout": "您已安全退出。",
    ]

    static func text(for key: String) -> String? { all[key] }
}

enum Layout {
    static func page(_ frame: PageFrame, _ content: [HTMLNode]) -> String {
        let siteTitle = "\(frame.countyName)法治政府建设管理平台"
        let body: HTMLNode = .nodes([
            .tag("a", [.cls("skip-link"), .href("#main")], text: "跳到正文"),
            header(frame, siteTitle: siteTitle),
            navigation(frame),
            breadcrumbs(frame),
            .tag("main", [.id("main"), .cls("wrap"), Attr("tabindex", "-1")], [
                .tag("h1", text: frame.title),
                .nodes(frame.notices.map(Components.notice)),
                .nodes(content),
            ]),
            .tag("footer", [.cls("site-footer")], [
                .tag("div", [.cls("wrap")], [
                    .tag("p", text: "\(siteTitle) · \(frame.countyName)司法局（法制机构）主办"),
                    .tag("p", [.cls("muted")], text: "本页请求编号：\(frame.requestID)"),
                ]),
            ]),
        ])
        return renderDocument(title: "\(frame.title) - \(siteTitle)", body: body)
    }

    static func header(_ frame: PageFrame, siteTitle: String) -> HTMLNode {
        var right: [HTMLNode] = []
        if let user = frame.user {
            right = [
                .tag("span", [.cls("who")], [
                    .tag("strong", text: user.displayName),
                    .t(" · \(user.unitName) · \(user.roles.sorted().map(\.label).joined(separator: "、"))"),
                ]),
                .tag("a", [.href(.account)], text: "账户与安全"),
                Components.postButton(.logout, label: "退出", csrf: frame.csrfToken, style: "link-button"),
            ]
        } else if let pending = frame.pending {
            right = [
                .tag("span", [.cls("who")], [.t("正在登录："), .tag("strong", text: pending.displayName)]),
                Components.postButton(.logout, label: "取消并退出", csrf: frame.csrfToken, style: "link-button"),
            ]
        } else {
            right = [.tag("a", [.href(.login)], text: "工作人员登录")]
        }
        return .tag("header", [.cls("site-header")], [
            .tag("div", [.cls("wrap header-row")], [
                .tag("a", [.cls("brand"), .href(.home)], [
                    .tag("span", [.cls("brand-mark"), Attr("aria-hidden", "true")], text: "法"),
                    .tag("span", [.cls("brand-text")], text: siteTitle),
                ]),
                .tag("div", [.cls("userbox")], right),
            ]),
        ])
    }

    static func navigation(_ frame: PageFrame) -> HTMLNode {
        guard let user = frame.user else { return .nodes([]) }
        let items = Navigation.items.filter { $0.visible(user) }
        return .tag("nav", [.cls("site-nav"), Attr("aria-label", "主导航")], [
            .tag("ul", [.cls("wrap")], items.map { item in
                .tag("li", [], [
                    .tag("a", [.href(route: item.url(user)), Attr("aria-current", item.key == frame.activeNav ? "page" : nil)], text: item.title),
                ])
            }),
        ])
    }

    static func breadcrumbs(_ frame: PageFrame) -> HTMLNode {
        guard !frame.crumbs.isEmpty else { return .nodes([]) }
        let all = [Crumb("首页", .home)] + frame.crumbs
        return .tag("nav", [.cls("breadcrumbs wrap"), Attr("aria-label", "当前位置")], [
            .tag("ol", [], all.enumerated().map { index, crumb in
                if let url = crumb.url, index < all.count - 1 {
                    return .tag("li", [], [.tag("a", [.href(route: url)], text: crumb.title)])
                }
                return .tag("li", [Attr("aria-current", "page")], text: crumb.title)
            }),
        ])
    }
}

/// An HTML response with the right content type.
func htmlResponse(_ html: String, status: HTTPResponseStatus = .ok) -> Response {
    let response = Response(status: status, body: .init(string: html))
    response.headers.contentType = .html
    return response
}
