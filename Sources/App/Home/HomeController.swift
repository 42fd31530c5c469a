import FazhiCore
import Fluent
import Foundation
import Vapor

enum HomeController {
    /// `/`: the workspace for signed-in staff, the public portal's front page for everyone else.
    static func home(_ req: Request) async throws -> Response {
        guard let user = req.currentUser else {
            if req.pendingSession != nil { return req.redirect(to: SiteURL.loginTOTP.path) }
            let frame = try await req.frame("首页")
            return htmlResponse(HomePages.portal(frame))
        }
        if user.mustChangePassword { return req.redirect(to: SiteURL.accountPassword.path) }
        let calendar = try await req.legalCalendar()
        let today = req.fazhi.clock.today
        let summary = try await DeadlineBoard.summary(for: user.actor, sources: req.fazhi.deadlineSources,
                                                      calendar: calendar, today: today, on: req.db)
        let todayKind = try? calendar.kind(of: today)
        let frame = try await req.frame("工作台", nav: "home")
        // The legal office and leaders get the dashboard on their home page (the monthly chart is on /dashboard).
        var dashboard: [HTMLNode] = []
        if user.has(.viewDashboards) {
            dashboard = [.tag("h2", [.cls("section-title")], [.t("领导看板 "), Components.link("完整看板", .dashboard)])]
                + DashboardPages.sections(try await DashboardController.model(req, user: user, monthlyChart: false, summary: summary))
        }
        return htmlResponse(HomePages.workspace(frame, user: user, today: today, todayKind: todayKind, summary: summary, extra: dashboard))
    }

    /// `/deadlines?band=…`: every matter of one band, 50 a page.
    static func deadlines(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = req.queryForm
        let band = DeadlineBoard.Band(rawValue: form["band"] ?? "") ?? .overdue
        let calendar = try await req.legalCalendar()
        let today = req.fazhi.clock.today
        let summary = try await DeadlineBoard.summary(for: user.actor, sources: req.fazhi.deadlineSources, calendar: calendar, today: today,
                                                      limit: 0, on: req.db)
        let page = PageInfo.from(form, total: summary.count(band))
        let matters = try await DeadlineBoard.page(band, for: user.actor, sources: req.fazhi.deadlineSources, calendar: calendar, today: today,
                                                   offset: page.offset, limit: page.per, on: req.db)
        let frame = try await req.frame(band.title, crumbs: [Crumb("工作台", .home), Crumb(band.title)], nav: "home")
        return htmlResponse(HomePages.band(frame, band: band, summary: summary, matters: matters, page: page))
    }

    static func health(_ req: Request) async throws -> Response {
        _ = try await AuditHeadModel.find(1, on: req.db)
        let response = Response(status: .ok, body: .init(string: "ok\n"))
        response.headers.contentType = .plainText
        return response
    }

    /// The stylesheet with its content hash as ETag: a revalidation costs a 304, and the versioned URL the pages
    /// link to may be kept a year.
    static func stylesheet(_ req: Request) async throws -> Response {
        let etag = Stylesheet.etag
        let fresh = req.headers[.ifNoneMatch].contains { $0.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == etag } }
        let response = fresh ? Response(status: .notModified) : Response(status: .ok, body: .init(string: Stylesheet.text))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(name: .eTag, value: etag)
        let versioned = req.query[String.self, at: "v"] == Stylesheet.version
        response.headers.replaceOrAdd(name: .cacheControl, value: versioned ? "public, max-age=31536000, immutable" : "public, max-age=3600")
        return response
    }
}

enum HomePages {
    static func portal(_ frame: PageFrame) -> String {
        Layout.page(frame, [
            .tag("p", [.cls("lead")], text: "\(frame.countyName)法治政府建设管理平台是县司法局（法制机构）和各部门、乡镇办理规范性文件、重大行政决策、合同审查、行政复议应诉、法律援助等法治政府建设工作的平台，依法公开应当公开的信息。"),
            .tag("div", [.cls("tiles")], [
                .tag("a", [.cls("tile"), .href(.publicDecisions)], [.tag("strong", text: "重大行政决策公众参与"), .tag("span", text: "正在征求意见的决策草案，提出您的意见和建议")]),
                .tag("a", [.cls("tile"), .href(.publicDecisionCatalogue)], [.tag("strong", text: "重大行政决策事项目录"), .tag("span", text: "年度决策事项目录")]),
                .tag("a", [.cls("tile"), .href(.publicDocuments)], [.tag("strong", text: "现行有效规范性文件目录"), .tag("span", text: "查询、下载现行有效的规范性文件")]),
                .tag("a", [.cls("tile"), .href(.publicCleanups)], [.tag("strong", text: "规范性文件清理结果"), .tag("span", text: "历次清理的废止、失效和继续有效目录")]),
                .tag("a", [.cls("tile"), .href(.publicReports)], [.tag("strong", text: "法治政府建设年度报告"), .tag("span", text: "历年法治政府建设情况报告")]),
                .tag("a", [.cls("tile"), .href(.login)], [.tag("strong", text: "工作人员登录"), .tag("span", text: "县司法局、各部门、乡镇工作人员和领导")]),
            ]),
            .tag("p", [.cls("hint")], text: "行政执法公示、法律援助网上申请等公开栏目随各模块上线陆续开放。"),
        ])
    }

    static func workspace(_ frame: PageFrame, user: CurrentUser, today: LocalDate, todayKind: DayKind?, summary: DeadlineBoard.Summary,
                          extra: [HTMLNode] = []) -> String {
        let dayText: String = switch todayKind {
        case .workingDay?: "工作日"
        case .makeUpWorkingDay(let name)?: "调休上班日（\(name)）"
        case .holiday(let name)?: "法定节假日（\(name)）"
        case .weekend?: "周末"
        case nil: "日历未覆盖本年度，请系统管理员录入"
        }
        let total = summary.total
        func counter(_ label: String, _ count: Int, _ kind: String, _ anchor: String) -> HTMLNode {
            .tag("a", [.cls("counter counter-\(kind)"), .href("#\(anchor)")], [.tag("strong", text: String(count)), .tag("span", text: label)])
        }
        func list(_ band: DeadlineBoard.Band, empty: String) -> HTMLNode {
            let matters = summary.matters(band)
            let count = summary.count(band)
            var children: [HTMLNode] = [.tag("h2", text: "\(band.title)（\(count)）"), mattersTable(matters, empty: empty)]
            if count > matters.count {
                children.append(.tag("p", [.cls("more")], [.tag("a", [.href(SiteURL.deadlines.path(query: [("band", band.rawValue)]))], text: "查看全部 \(count) 项")]))
            }
            return .tag("section", [.cls("card"), .id(band.rawValue == "overdue" ? "late" : band.rawValue)], children)
        }
        var content: [HTMLNode] = [
            .tag("p", [.cls("lead")], text: "\(user.displayName)，您好。今天是 \(today.chinese) \(today.chineseWeekday)，\(dayText)。"),
            .tag("div", [.cls("counters"), Attr("aria-label", "期限概况")], [
                counter("待办", total, "todo", "todo"),
                counter("临期", summary.dueSoonCount, "soon", "soon"),
                counter("超期", summary.overdueCount, "late", "late"),
            ]),
        ]
        if !user.totpEnrolled {
            content.append(Components.notice(Notice(.info, "建议在「账户与安全」中启用两步验证，保护您的账户。")))
        }
        if summary.uncomputableCount > 0 {
            content.append(Components.notice(Notice(.warning, "有 \(summary.uncomputableCount) 个事项因法定日历缺少年度数据无法计算期限：\(summary.uncomputable.first?.problem ?? "")")))
        }
        if total == 0 {
            content.append(.tag("section", [.cls("card"), .id("todo")], [
                .tag("h2", text: "待办事项"),
                .tag("p", [.cls("empty")], text: "暂无待办事项。各业务模块中由您办理、有法定期限的事项会汇总在这里，并按法定日历标出临期和超期。"),
            ]))
        } else {
            content += [
                list(.overdue, empty: "没有超期事项。"),
                list(.dueSoon, empty: "没有临期事项。"),
                list(.normal, empty: "没有其他待办事项。"),
            ]
        }
        return Layout.page(frame, content + extra)
    }

    static func mattersTable(_ matters: [TrackedMatter], empty: String) -> HTMLNode {
        Components.table(headers: ["事项", "模块", "单位", "届满日", "状态"], rows: matters.map { tracked in
            [
                .tag("a", [.href(tracked.matter.path)], text: tracked.matter.title),
                .t(tracked.matter.module),
                .t(tracked.matter.ownerUnitName),
                .t(tracked.due.map { "\($0.chinese)（\($0.chineseWeekday)）" } ?? "无法计算"),
                statusBadge(tracked.status),
            ]
        }, empty: empty)
    }

    static func band(_ frame: PageFrame, band: DeadlineBoard.Band, summary: DeadlineBoard.Summary, matters: [TrackedMatter], page: PageInfo) -> String {
        Layout.page(frame, [
            .tag("p", [.cls("lead")], text: "共 \(summary.count(band)) 项，按届满日排列。"),
            .tag("section", [.cls("card")], [mattersTable(matters, empty: "没有\(band.title)事项。")]),
            Components.pagination(page, url: .deadlines, query: [("band", band.rawValue)]),
        ])
    }

    static func statusBadge(_ status: DeadlineStatus?) -> HTMLNode {
        switch status {
        case .overdue?: Components.badge("超期", "danger")
        case .dueSoon?: Components.badge("临期", "warn")
        case .normal?: Components.badge("正常", "ok")
        case .done?: Components.badge("已办结", "muted")
        case nil: Components.badge("无法计算", "muted")
        }
    }
}
