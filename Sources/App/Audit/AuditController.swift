import FazhiCore
import Fluent
import Foundation
import Vapor

/// Browse, filter and verify the audit trail.
enum AuditController {
    struct Filter {
        var from: LocalDate?
        var to: LocalDate?
        var category: String
        var username: String
        var outcome: AuditOutcome?
        var subject: String

        init(_ form: FormBody) {
            from = form["from"].flatMap(LocalDate.init(iso:))
            to = form["to"].flatMap(LocalDate.init(iso:))
            category = AuditController.categories.map(\.prefix).contains(form["category"] ?? "") ? form["category"]! : ""
            username = String((form["user"] ?? "").trimmingCharacters(in: .whitespaces).lowercased().prefix(64))
            outcome = AuditOutcome(rawValue: form["outcome"] ?? "")
            subject = String((form["subject"] ?? "").trimmingCharacters(in: .whitespaces).prefix(64))
        }

        var query: [(String, String)] {
            [("from", from?.description ?? ""), ("to", to?.description ?? ""), ("category", category), ("user", username),
             ("outcome", outcome?.rawValue ?? ""), ("subject", subject)]
        }

        func apply(_ builder: QueryBuilder<AuditEntryModel>) -> QueryBuilder<AuditEntryModel> {
            var builder = builder
            if let from { builder = builder.filter(\.$occurredAtMillis >= Self.startMillis(from)) }
            if let to { builder = builder.filter(\.$occurredAtMillis < Self.startMillis(to.adding(days: 1))) }
            if !category.isEmpty { builder = builder.filter(\.$action =~ category) }
            if !username.isEmpty { builder = builder.filter(\.$username == username) }
            if let outcome { builder = builder.filter(\.$outcome == outcome.rawValue) }
            if !subject.isEmpty { builder = builder.filter(\.$subjectID == subject) }
            return builder
        }

        /// Midnight China Standard Time of `date`, in epoch milliseconds.
        static func startMillis(_ date: LocalDate) -> Int64 {
            Int64(date.dayNumber) * 86_400_000 - 8 * 3_600_000
        }
    }

    /// Action families, by prefix, for the filter.
    static let categories: [(prefix: String, label: String)] = [
        ("auth.", "登录与会话"),
        ("account.", "账户管理"),
        ("personal.", "查看个人信息"),
        ("org.", "区划与单位"),
        ("api.", "接口令牌与调用"),
        ("calendar.", "法定日历"),
        ("settings.", "系统设置"),
        ("workflow.", "业务流转"),
        ("system.", "系统维护"),
    ]

    static func list(_ req: Request) async throws -> Response {
        let form = req.queryForm
        let filter = Filter(form)
        let page = PageInfo.from(form, total: try await filter.apply(AuditEntryModel.query(on: req.db)).count(), per: 100)
        let rows = try await filter.apply(AuditEntryModel.query(on: req.db))
            .sort(\.$id, .descending)
            .range(page.offset..<(page.offset + page.per))
            .all()
        let frame = try await req.frame("审计日志", crumbs: [Crumb("审计日志")], nav: "audit")
        return htmlResponse(AuditPages.list(frame, rows: rows, page: page, filter: filter))
    }

    /// The filtered list as CSV for Excel; at most `exportLimit` entries, newest first. The export itself is audited.
    static let exportLimit = 50_000

    static func export(_ req: Request) async throws -> Response {
        let filter = Filter(req.queryForm)
        let rows = try await filter.apply(AuditEntryModel.query(on: req.db)).sort(\.$id, .descending).limit(exportLimit).all()
        let bytes = CSV.encode(
            header: ["序号", "时间", "用户", "用户编号", "单位编号", "操作代码", "操作", "对象类型", "对象编号", "结果", "说明", "请求编号", "来源地址", "哈希"],
            rows: rows.map { entry in
                [String(entry.id ?? 0), Format.millis(entry.occurredAtMillis), entry.username, entry.userID, entry.unitID, entry.action,
                 AuditActions.label(entry.action), entry.subjectType, entry.subjectID, AuditOutcome(rawValue: entry.outcome)?.label ?? entry.outcome,
                 entry.detail, entry.requestID, entry.sourceAddress, entry.hash]
            })
        try await req.audit(AuditEvent("system.audit.exported", subjectType: "audit",
                                       detail: "导出 \(rows.count) 条审计记录；条件：\(filter.query.filter { !$0.1.isEmpty }.map { "\($0.0)=\($0.1)" }.joined(separator: " "))"))
        let response = Response(status: .ok, body: .init(data: Data(bytes)))
        response.headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        response.headers.replaceOrAdd(name: .contentDisposition,
                                      value: "attachment; filename=\"audit.csv\"; filename*=UTF-8''%E5%AE%A1%E8%AE%A1%E6%97%A5%E5%BF%97.csv")
        return response
    }

    static func entry(_ req: Request) async throws -> Response {
        guard let seq = req.parameters.get("seq", as: Int64.self), let entry = try await AuditEntryModel.find(seq, on: req.db) else {
            throw Abort(.notFound)
        }
        let frame = try await req.frame("审计记录 #\(seq)", crumbs: [Crumb("审计日志", .audit), Crumb("#\(seq)")], nav: "audit")
        return htmlResponse(AuditPages.entry(frame, entry: entry))
    }

    static func verify(_ req: Request) async throws -> Response {
        let result = try await AuditLog.verify(on: req.db)
        try await req.audit(AuditEvent("system.audit.verified", subjectType: "audit", outcome: result.ok ? .success : .failure,
                                       detail: result.message))
        let frame = try await req.frame("校验审计链", crumbs: [Crumb("审计日志", .audit), Crumb("校验")], nav: "audit")
        return htmlResponse(AuditPages.verify(frame, result: result))
    }
}

enum AuditPages {
    static func list(_ frame: PageFrame, rows: [AuditEntryModel], page: PageInfo, filter: AuditController.Filter) -> String {
        Layout.page(frame, [
            .tag("p", [.cls("lead")], text: "系统中的登录、查看个人信息、每一项修改和导出都记录在此，记录只能追加，不能修改或删除，并以哈希链防篡改。"),
            .tag("div", [.cls("toolbar")], [
                .tag("a", [.cls("button"), .href(.auditVerify)], text: "校验审计链完整性"),
                .tag("a", [.cls("button"), .href(SiteURL.auditExport.path(query: filter.query))], text: "按当前条件导出 CSV（Excel 可打开）"),
            ]),
            Components.filterForm(.audit, [
                Components.field(FieldSpec(name: "from", label: "起始日期", value: filter.from?.description ?? "", type: "date")),
                Components.field(FieldSpec(name: "to", label: "截止日期", value: filter.to?.description ?? "", type: "date")),
                Components.select(name: "category", label: "类别", options: AuditController.categories.map { ($0.prefix, $0.label) },
                                  selected: filter.category, includeBlank: "全部"),
                Components.field(FieldSpec(name: "user", label: "用户名", value: filter.username, maxLength: 64)),
                Components.select(name: "outcome", label: "结果", options: AuditOutcome.allCases.map { ($0.rawValue, $0.label) },
                                  selected: filter.outcome?.rawValue, includeBlank: "全部"),
                Components.field(FieldSpec(name: "subject", label: "对象编号", value: filter.subject, maxLength: 64)),
            ]),
            Components.table(headers: ["序号", "时间", "用户", "操作", "结果", "说明", "来源地址"], rows: rows.map { entry in
                [
                    Components.link("#\(entry.id ?? 0)", .auditEntry(.value(entry.id ?? 0))),
                    .t(Format.millis(entry.occurredAtMillis)),
                    .t(entry.username),
                    .tag("span", [Attr("title", entry.action)], text: AuditActions.label(entry.action)),
                    outcomeBadge(entry.outcome),
                    .t(String(entry.detail.prefix(80))),
                    .t(entry.sourceAddress),
                ]
            }, empty: "没有符合条件的审计记录。"),
            Components.pagination(page, url: .audit, query: filter.query),
        ])
    }

    static func outcomeBadge(_ raw: String) -> HTMLNode {
        switch AuditOutcome(rawValue: raw) {
        case .success: Components.badge("成功", "ok")
        case .failure: Components.badge("失败", "danger")
        case .refused: Components.badge("拒绝", "warn")
        case nil: Components.badge(raw, "muted")
        }
    }

    static func entry(_ frame: PageFrame, entry: AuditEntryModel) -> String {
        Layout.page(frame, [
            .tag("div", [.cls("card")], [
                Components.definitions([
                    ("序号", .t(String(entry.id ?? 0))),
                    ("时间", .t(Format.millis(entry.occurredAtMillis))),
                    ("用户", .t(entry.username)),
                    ("用户编号", .tag("code", text: entry.userID.isEmpty ? "—" : entry.userID)),
                    ("单位编号", .tag("code", text: entry.unitID.isEmpty ? "—" : entry.unitID)),
                    ("操作", .nodes([.t(AuditActions.label(entry.action) + " "), .tag("code", text: entry.action)])),
                    ("对象", .t(entry.subjectType.isEmpty ? "—" : "\(entry.subjectType) \(entry.subjectID)")),
                    ("结果", outcomeBadge(entry.outcome)),
                    ("说明", .t(entry.detail.isEmpty ? "—" : entry.detail)),
                    ("请求编号", .tag("code", text: entry.requestID.isEmpty ? "—" : entry.requestID)),
                    ("来源地址", .t(entry.sourceAddress)),
                    ("前一条哈希", .tag("code", [.cls("hash")], text: entry.previousHash)),
                    ("本条哈希", .tag("code", [.cls("hash")], text: entry.hash)),
                ]),
            ]),
        ])
    }

    static func verify(_ frame: PageFrame, result: AuditLog.VerifyResult) -> String {
        Layout.page(frame, [
            Components.notice(Notice(result.ok ? .success : .error, result.message)),
            .tag("p", [.cls("hint")], text: "校验逐条重新计算 SHA-256 哈希，并核对每条记录与前一条的链接和链头。命令行可运行 fazhi audit verify 做同样的校验。"),
            result.firstBreak.map { Components.link("查看第 \($0.sequence) 条记录", .auditEntry(.value($0.sequence))) } ?? .nodes([]),
        ])
    }
}
