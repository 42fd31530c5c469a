import FazhiCore
import Foundation
import Plot

enum DocumentPages {
    // MARK: Shared pieces

    static func statusBadge(_ status: LegalStatus?, state: DocumentState) -> HTMLNode {
        guard let status else { return Components.badge("办理中：\(state.label)", "info") }
        switch status {
        case .inForce: return Components.badge(status.label, "ok")
        case .amendedInForce: return Components.badge(status.label, "ok")
        case .notYetEffective: return Components.badge(status.label, "info")
        default: return Components.badge(status.label, "muted")
        }
    }

    static func date(_ date: LocalDate?) -> String { date?.chinese ?? "—" }

    static func filterForm(_ url: SiteURL, filter: DocumentFilter, issuers: [UnitModel], showState: Bool) -> HTMLNode {
        let thisYear = Calendar(identifier: .gregorian).component(.year, from: Date())
        var fields: [HTMLNode] = [
            Components.field(FieldSpec(name: "q", label: "标题、文号或全文", value: filter.query, hint: nil, maxLength: 100)),
            Components.select(name: "issuer", label: "制定机关", options: issuers.map { ($0.id!.uuidString, $0.name) },
                              selected: filter.issuerID?.uuidString, includeBlank: "全部"),
            Components.select(name: "year", label: "公布年份", options: (2010...thisYear).reversed().map { (String($0), "\($0) 年") },
                              selected: filter.year.map(String.init), includeBlank: "全部"),
        ]
        if showState {
            fields.append(Components.select(name: "status", label: "效力状态", options: DocumentFilter.StatusFilter.allCases.map { ($0.rawValue, $0.label) },
                                            selected: filter.status?.rawValue, includeBlank: "全部"))
            fields.append(Components.select(name: "state", label: "办理环节", options: DocumentState.allCases.map { ($0.rawValue, $0.label) },
                                            selected: filter.state?.rawValue, includeBlank: "全部"))
        }
        return Components.filterForm(url, fields)
    }

    static func exportTable(_ rows: [DocumentRow], title: String) -> ExportTable {
        ExportTable(title: title, header: ["统一登记号", "文号", "标题", "制定机关", "起草单位", "公布日期", "施行日期", "有效期至", "效力状态", "备案日期", "办理环节"],
                    rows: rows.map { row in
                        [.optionalText(row.registrationNumber), .optionalText(row.documentNumber), .text(row.title), .text(row.issuerName),
                         .text(row.draftingUnitName), .optionalDate(row.publishedOn), .optionalDate(row.effectiveOn),
                         row.validUntil.map(XLSXCell.date) ?? (row.publishedOn == nil ? .empty : .text("长期")),
                         .optionalText(row.status?.label), .optionalDate(row.filedOn), .text(row.state.label)]
                    })
    }

    static func exportLinks(_ make: (SiteURL.ExportFormat) -> SiteURL, query: [(String, String)]) -> [HTMLNode] {
        SiteURL.ExportFormat.allCases.map { format in
            .tag("a", [.cls("button"), .href(make(format).path(query: query))], text: "导出 \(format.label)")
        }
    }

    // MARK: Register

    static func register(_ frame: PageFrame, user: CurrentUser, rows: [DocumentRow], page: PageInfo, filter: DocumentFilter,
                         issuers: [UnitModel]) -> String {
        var toolbar: [HTMLNode] = []
        if user.has(.writeOwnUnitRecords) {
            toolbar.append(.tag("a", [.cls("button primary"), .href(.documentNew)], text: "起草新文件"))
        }
        if user.has(.writeAllRecords) {
            toolbar.append(.tag("a", [.cls("button"), .href(.documentImport)], text: "导入登记簿"))
            toolbar.append(.tag("a", [.cls("button"), .href(.cleanups)], text: "清理"))
        }
        toolbar.append(.tag("a", [.cls("button subtle"), .href(.documentRules)], text: "管理规则"))
        toolbar += exportLinks({ .documentsExport($0) }, query: filter.pairs)
        return Layout.page(frame, [
            .tag("p", [.cls("lead")], text: user.has(.readAllRecords)
                 ? "全县规范性文件的起草、审查、登记、公布、备案和效力情况。"
                 : "本单位起草的规范性文件。已公布的全县现行有效文件见公开目录。"),
            .tag("div", [.cls("toolbar")], toolbar),
            filterForm(.documents, filter: filter, issuers: issuers, showState: true),
            Components.table(headers: ["文号 / 登记号", "标题", "制定机关", "公布日期", "有效期至", "状态"], rows: rows.map { row in
                [
                    .nodes([.t(row.documentNumber ?? "—"), .void("br", []), .tag("small", [.cls("muted")], text: row.registrationNumber ?? "未登记")]),
                    .nodes([
                        Components.link(row.title, .document(.value(row.id))),
                        row.isRepublication ? Components.badge("重新公布", "info") : .nodes([]),
                    ]),
                    .t(row.issuerName),
                    .t(date(row.publishedOn)),
                    .t(row.publishedOn == nil ? "—" : row.validUntil?.chinese ?? "长期"),
                    statusBadge(row.status, state: row.state),
                ]
            }, empty: "没有符合条件的规范性文件。", nowrap: [0, 3, 4]),
            Components.pagination(page, url: .documents, query: filter.pairs),
        ])
    }

    // MARK: Draft form

    static func form(_ frame: PageFrame, document: DocumentModel?, values: [String: String], errors: FieldErrors, issuers: [UnitModel],
                     drafters: [UnitModel]) -> String {
        let action: SiteURL = document.map { .documentEdit(.value($0.id!)) } ?? .documentNew
        return Layout.page(frame, [
            .tag("div", [.cls("card")], [
                Components.errorSummary(errors),
                Components.form(action, csrf: frame.csrfToken, [
                    Components.field(FieldSpec(name: "title", label: "文件标题", value: values["title"] ?? "", required: true,
                                               hint: "如：凤凰县人民政府关于印发《凤凰县农村宅基地管理办法》的通知。标题含「暂行」「试行」的，有效期为 2 年。",
                                               maxLength: 200, errors: errors["title"])),
                    Components.select(name: "issuer", label: "制定机关", options: issuers.map { ($0.id!.uuidString, $0.name) },
                                      selected: values["issuer"], required: true, includeBlank: "请选择",
                                      hint: "以谁的名义发布：县政府、县政府办公室或县直部门。", errors: errors["issuer"]),
                    Components.select(name: "draftingUnit", label: "起草单位", options: drafters.map { ($0.id!.uuidString, $0.name) },
                                      selected: values["draftingUnit"], required: true, includeBlank: drafters.count > 1 ? "请选择" : nil,
                                      errors: errors["draftingUnit"]),
                    Components.select(name: "term", label: "有效期", options: [
                        ("standard", "5 年（一般规定）"), ("provisional", "2 年（暂行、试行或阶段性工作）"), ("longTerm", "长期（仅限专门废止其他文件的文件）"),
                    ], selected: values["term"], required: true, errors: errors["term"]),
                    Components.checkboxes(name: "marketRelated", legend: "征求意见期限",
                                          options: [("on", "与市场主体生产经营活动密切相关", "征求意见不少于 30 日")],
                                          checked: values["marketRelated"] == "on" ? ["on"] : []),
                    Components.textarea(name: "body", label: "文件正文", value: values["body"] ?? "", rows: 16, maxLength: 200_000,
                                        errors: errors["body"]),
                    Components.submit(document == nil ? "保存草案" : "保存修改", secondary: ("取消", document.map { .document(.value($0.id!)) } ?? .documents)),
                ]),
            ]),
        ])
    }

    // MARK: Document page

    struct DeadlineLine {
        let label: String
        let due: LocalDate
        let status: DeadlineStatus
        var late: Bool = false
    }

    struct ShowModel {
        let document: DocumentModel
        let user: CurrentUser
        let rules: DocumentRules
        let today: LocalDate
        let changes: [DocumentChangeModel]
        let reviews: [ReviewModel]
        let comments: [DocumentCommentModel]
        let attachments: [AttachmentModel]
        let context: DocumentContext
        let moves: [DocumentWorkflow.Transition]
        let canWrite: Bool
        let related: [UUID: DocumentModel]
        let successors: [DocumentModel]
        let pointing: [DocumentChangeModel]
        let statusOn: (LocalDate, LegalStatus?)?
        let deadlines: [DeadlineLine]
        let errors: FieldErrors
        let openForm: String?
        let validUntil: LocalDate?
        let status: LegalStatus?
        let advisers: AdviserPages.EngagementSection
        /// The issuing and drafting units' names, read by the controller (a view never follows a relation).
        let issuingUnitName: String
        let draftingUnitName: String
    }

    static func progress(_ state: DocumentState) -> HTMLNode {
        let order = DocumentState.allCases
        let current = order.firstIndex(of: state) ?? 0
        return .tag("ol", [.cls("progress"), Attr("aria-label", "办理流程")], order.enumerated().map { index, step in
            let cls = index < current ? "done" : index == current ? "current" : "todo"
            return .tag("li", [.cls(cls), Attr("aria-current", index == current ? "step" : nil)], text: step.label)
        })
    }

    static func show(_ frame: PageFrame, _ m: ShowModel) -> String {
        let d = m.document
        let id = d.id!
        var content: [HTMLNode] = [
            Components.errorSummary(m.errors),
            progress(d.documentState),
            .tag("section", [.cls("card")], [
                Components.definitions([
                    ("状态", .nodes([statusBadge(m.status, state: d.documentState), .t(" 办理环节：\(d.documentState.label)")])),
                    ("文号", .t(d.documentNumber ?? "尚未编号")),
                    ("统一登记号", .t(d.registrationNumber ?? "尚未登记")),
                    ("制定机关", .t(m.issuingUnitName)),
                    ("起草单位", Components.link(m.draftingUnitName, .unit(.value(d.$draftingUnit.id)))),
                    ("有效期", .t(d.validityTerm.label(rules: m.rules))),
                    ("公布日期", .t(date(d.published))),
                    ("施行日期", .t(date(d.effective) + (d.immediateReason.map { "（自公布之日起施行：\($0)）" } ?? ""))),
                    ("有效期至", .t(d.published == nil ? "—" : m.validUntil?.chinese ?? "长期有效")),
                    ("备案日期", .t(date(d.filed))),
                ]),
                .nodes(m.deadlines.map { line in
                    .tag("p", [], [
                        .tag("strong", text: "\(line.label)："), .t("\(line.due.chinese)（\(line.due.chineseWeekday)）"),
                        HomePages.statusBadge(line.status),
                        line.late ? Components.badge("逾期备案", "danger") : .nodes([]),
                    ])
                }),
                renewalNotice(m),
                m.canWrite && d.documentState == .draft
                    ? .tag("div", [.cls("actions")], [.tag("a", [.cls("button"), .href(.documentEdit(.value(id)))], text: "修改草案")])
                    : .nodes([]),
                m.canWrite && m.status?.isInForce == true && m.successors.allSatisfy({ $0.publishedOn != nil })
                    ? .tag("div", [.cls("actions")], [
                        Components.postButton(.documentRepublish(.value(id)), label: "起草重新公布文件", csrf: frame.csrfToken),
                        .tag("span", [.cls("hint")], text: "需继续施行的，应在有效期届满前重新登记、编号、公布；新文件施行之日原文件停止执行。"),
                    ])
                    : .nodes([]),
            ]),
        ]
        content.append(actions(frame, m))
        content.append(reviewSection(frame, m))
        content.append(commentSection(frame, m))
        content.append(timelineSection(frame, m))
        content.append(attachmentSection(frame, m))
        content.append(AdviserPages.engagements(frame, m.advisers))
        if !d.body.isEmpty {
            content.append(.tag("section", [.cls("card")], [.tag("h2", text: "正文"), .tag("div", [.cls("document-body")], text: d.body)]))
        }
        return Layout.page(frame, content)
    }

    static func renewalNotice(_ m: ShowModel) -> HTMLNode {
        guard m.status?.isInForce == true, let until = m.validUntil else { return .nodes([]) }
        let rule = ValidityRule(rules: m.rules)
        switch rule.renewalStage(today: m.today, validUntil: until) {
        case .evaluationDue:
            return Components.notice(Notice(.warning, "有效期将于 \(until.chinese) 届满：起草单位应在届满前 6 个月内评估；需继续施行的，应于 \(rule.republishBy(validUntil: until).chinese) 前重新登记、编号、公布。"))
        case .republicationUrgent:
            return Components.notice(Notice(.error, "有效期将于 \(until.chinese) 届满，需继续施行的应立即重新公布，否则届满自动失效。"))
        default:
            return .nodes([])
        }
    }

    /// The forms of the steps this user can take now; a step whose condition is not met says why.
    static func actions(_ frame: PageFrame, _ m: ShowModel) -> HTMLNode {
        let d = m.document
        let id = d.id!
        // A document that has left force (repealed, expired, superseded) has nothing left to do.
        if let status = m.status, !status.isInForce, status != .notYetEffective { return .nodes([]) }
        guard !m.moves.isEmpty else { return .nodes([]) }
        var forms: [HTMLNode] = []
        for move in m.moves where move.event != .recordReview && !(move.from == .legalityReview && move.event == .returnToDraft) {
            let failing = move.guards.first { !$0.holds(m.context) }
            let fieldsSatisfiedByForm: Set<DocumentEvent> = [.openComment, .submitForReview, .publish, .register]
            var body: [HTMLNode] = []
            let e = m.errors
            switch move.event {
            case .openComment:
                body = [
                    Components.field(FieldSpec(name: "commentStart", label: "征求意见开始日期", value: d.commentStart ?? "", type: "date", required: true, errors: e["commentStart"])),
                    Components.field(FieldSpec(name: "commentEnd", label: "征求意见截止日期", value: d.commentEnd ?? "", type: "date", required: true,
                                               hint: d.marketRelated ? "与市场主体密切相关：不少于 \(m.rules.marketCommentMinimumDays) 日。" : "不少于 \(m.rules.commentMinimumWorkingDays) 个工作日。",
                                               errors: e["commentEnd"])),
                    Components.field(FieldSpec(name: "commentChannel", label: "公布渠道", value: d.commentChannel ?? "凤凰县人民政府门户网站",
                                               required: true, maxLength: 200, errors: e["commentChannel"])),
                ]
            case .submitForReview:
                body = [Components.textarea(name: "commentExemptReason", label: "不公开征求意见的理由", value: d.commentExemptReason ?? "", required: true, rows: 3,
                                            hint: "仅在依法可以不征求意见时使用，例如涉及国家秘密或应对突发事件。", errors: e["commentExemptReason"])]
            case .recordDeliberation:
                body = [
                    Components.select(name: "meeting", label: "会议类型", options: ["县政府常务会议", "县政府全体会议", "县政府办公室主任办公会议", "局务会议", "党组会议"].map { ($0, $0) },
                                      selected: d.deliberationMeeting, required: true, includeBlank: "请选择", errors: e["meeting"]),
                    Components.field(FieldSpec(name: "meetingDate", label: "会议日期", value: d.deliberationDate ?? "", type: "date", required: true, errors: e["meetingDate"])),
                    Components.field(FieldSpec(name: "minutes", label: "会议纪要", value: d.minutesReference ?? "", required: true,
                                               hint: "如：县十七届人民政府第68次常务会议纪要", maxLength: 100, errors: e["minutes"])),
                ]
            case .register:
                body = [Components.field(FieldSpec(name: "documentNumber", label: "文号", value: d.documentNumber ?? "", required: true,
                                                   hint: "如：凤政发〔2020〕11号（年份用六角括号〔〕，序号不加「第」、不加前导零）。统一登记号由系统按年度顺序编排。",
                                                   maxLength: 40, errors: e["documentNumber"]))]
            case .publish:
                body = [
                    Components.field(FieldSpec(name: "publishedOn", label: "公布日期", value: d.publishedOn ?? m.today.description, type: "date", required: true, errors: e["publishedOn"])),
                    Components.field(FieldSpec(name: "effectiveOn", label: "施行日期", value: d.effectiveOn ?? "", type: "date", required: true,
                                               hint: "一般自公布之日起 \(m.rules.effectiveDelayDays) 日后施行。", errors: e["effectiveOn"])),
                    Components.checkboxes(name: "immediate", legend: "自公布之日起施行", options: [("on", "自公布之日起施行（须说明理由）", "不立即施行将有碍执行或危害国家安全、公共利益")],
                                          checked: d.immediateReason != nil ? ["on"] : []),
                    Components.textarea(name: "immediateReason", label: "理由", value: d.immediateReason ?? "", rows: 2, maxLength: 500, errors: e["immediateReason"]),
                ]
            case .file:
                body = [Components.field(FieldSpec(name: "filedOn", label: "备案日期", value: m.today.description, type: "date", required: true,
                                                   hint: "公布之日起 \(m.rules.filingDays) 日内报上级人民政府备案。", errors: e["filedOn"]))]
            case .closeComment, .returnToDraft:
                body = [Components.field(FieldSpec(name: "note", label: "说明（可选）", value: "", maxLength: 500))]
            case .recordReview:
                body = []
            }
            let blocked = failing != nil && !fieldsSatisfiedByForm.contains(move.event)
            forms.append(.tag("details", [.cls("step"), .flag("open", m.openForm == move.event.rawValue || m.moves.count <= 2)], [
                .tag("summary", text: "\(move.event.label) → \(move.to.label)"),
                blocked
                    ? Components.notice(Notice(.warning, failing!.failure))
                    : Components.form(.documentStep(.value(id), move.event), csrf: frame.csrfToken,
                                      body + [Components.submit(move.event.label)]),
            ]))
        }
        guard !forms.isEmpty else { return .nodes([]) }
        return .tag("section", [.cls("card"), .id("actions")], [.tag("h2", text: "办理")] + forms)
    }

    static func reviewSection(_ frame: PageFrame, _ m: ShowModel) -> HTMLNode {
        let d = m.document
        let reviewing = d.documentState == .legalityReview && m.user.has(.writeAllRecords)
        guard !m.reviews.isEmpty || reviewing else { return .nodes([]) }
        var nodes: [HTMLNode] = [.tag("h2", text: "合法性审查")]
        nodes.append(ReviewPages.table(m.reviews))
        if reviewing {
            let e = m.errors
            let received = d.reviewRequestedOn ?? m.today.description
            let drafterIsMe = d.drafterID == m.user.id
            nodes.append(drafterIsMe
                ? Components.notice(Notice(.warning, "您是该文件的起草人，不能审查本文件，请由法制机构其他工作人员审查。"))
                : ReviewPages.form(.documentReview(.value(d.id!)), csrf: frame.csrfToken, errors: e, open: true, received: received, today: m.today,
                                   receivedHint: "审查期限一般为 \(m.rules.reviewMinimumWorkingDays)–\(m.rules.reviewMaximumWorkingDays) 个工作日，自收到之日起算。",
                                   opinionHint: "「不同意」将退回起草单位修改。"))
        }
        return .tag("section", [.cls("card"), .id("review")], nodes)
    }

    static func commentSection(_ frame: PageFrame, _ m: ShowModel) -> HTMLNode {
        let d = m.document
        guard d.commentStart != nil || d.commentExemptReason != nil || !m.comments.isEmpty else { return .nodes([]) }
        var nodes: [HTMLNode] = [.tag("h2", text: "公开征求意见")]
        if let start = d.commentStart, let end = d.commentEnd {
            nodes.append(.tag("p", text: "征求意见期：\(LocalDate(iso: start)?.chinese ?? start) 至 \(LocalDate(iso: end)?.chinese ?? end)；渠道：\(d.commentChannel ?? "—")"))
        }
        if let reason = d.commentExemptReason {
            nodes.append(.tag("p", text: "未公开征求意见，理由：\(reason)"))
        }
        nodes.append(Components.table(headers: ["收到日期", "提出人", "意见", "处理情况"], rows: m.comments.map { comment in
            [.t(LocalDate(iso: comment.receivedOn)?.chinese ?? comment.receivedOn), .t(comment.commenter), .t(comment.content),
             .t(comment.handling.isEmpty ? "待处理" : comment.handling)]
        }, empty: "未收到意见。"))
        if m.canWrite && [.publicComment, .legalityReview].contains(d.documentState) {
            let e = m.errors
            nodes.append(.tag("details", [.cls("step"), .flag("open", m.openForm == "comment")], [
                .tag("summary", text: "登记收到的意见"),
                Components.form(.documentComments(.value(d.id!)), csrf: frame.csrfToken, [
                    Components.field(FieldSpec(name: "receivedOn", label: "收到日期", value: m.today.description, type: "date", required: true, errors: e["receivedOn"])),
                    Components.field(FieldSpec(name: "commenter", label: "提出人（可选）", value: "", maxLength: 100, errors: e["commenter"])),
                    Components.textarea(name: "content", label: "意见内容", value: "", required: true, rows: 3, maxLength: 4000, errors: e["content"]),
                    Components.textarea(name: "handling", label: "处理情况", value: "", rows: 2, hint: "采纳、部分采纳或不采纳及理由。", maxLength: 4000, errors: e["handling"]),
                    Components.submit("登记意见"),
                ]),
            ]))
        }
        return .tag("section", [.cls("card"), .id("comments")], nodes)
    }

    static func timelineSection(_ frame: PageFrame, _ m: ShowModel) -> HTMLNode {
        let d = m.document
        guard d.isPublished else { return .nodes([]) }
        let changes = m.changes.compactMap(\.change)
        let events = DocumentStatusTimeline.timeline(published: d.published, effective: d.effective, validUntil: m.validUntil, changes: changes)
        var nodes: [HTMLNode] = [
            .tag("h2", text: "效力与时间线"),
            .tag("ol", [.cls("timeline")], events.map { event in
                var parts: [HTMLNode] = [.tag("time", [Attr("datetime", event.date.description)], text: event.date.chinese), .t(" "), .tag("strong", text: event.label)]
                if let basis = event.basis, !basis.isEmpty { parts.append(.t("（依据 \(basis)）")) }
                if let linked = event.linkedDocumentID, let other = m.related[linked] {
                    parts.append(.t(" "))
                    parts.append(Components.link(other.documentNumber ?? other.title, .document(.value(linked))))
                }
                return .tag("li", [], parts)
            }),
            .tag("form", [Attr("method", "get"), Attr("action", SiteURL.document(.value(d.id!)).path + "#timeline"), .cls("filter-form")], [
                Components.field(FieldSpec(name: "on", label: "查询某日是否有效", value: m.statusOn?.0.description ?? m.today.description, type: "date")),
                .tag("button", [Attr("type", "submit"), .cls("button")], text: "查询"),
            ]),
        ]
        if let (day, status) = m.statusOn {
            nodes.append(Components.notice(Notice(status?.isInForce == true ? .success : .info,
                                                  "\(day.chinese)：\(status?.label ?? "未公布")\(status?.isInForce == true ? "（有效）" : "")")))
        }
        var related: [HTMLNode] = []
        if let predecessor = d.predecessorID, let other = m.related[predecessor] {
            related.append(.tag("li", [], [.t("重新公布前的文件："), Components.link("\(other.documentNumber ?? "") \(other.title)", .document(.value(predecessor)))]))
        }
        for successor in m.successors {
            related.append(.tag("li", [], [.t("重新公布后的文件："), Components.link("\(successor.registrationNumber ?? "") \(successor.title)", .document(.value(successor.id!)))]))
        }
        for change in m.pointing {
            related.append(.tag("li", [], [.t("本文件\(change.kind == DocumentChange.Kind.amended.rawValue ? "修改了" : "关联")："),
                                         Components.link("\(change.document.documentNumber ?? "") \(change.document.title)", .document(.value(change.$document.id)))]))
        }
        if !related.isEmpty {
            nodes.append(.tag("h3", text: "相关文件"))
            nodes.append(.tag("ul", [], related))
        }
        if m.user.has(.writeAllRecords) {
            let e = m.errors
            nodes.append(.tag("details", [.cls("step"), .flag("open", m.openForm == "change")], [
                .tag("summary", text: "登记修改、废止、宣布失效或重新公布"),
                Components.form(.documentChanges(.value(d.id!)), csrf: frame.csrfToken, [
                    Components.select(name: "kind", label: "变更类型", options: [DocumentChange.Kind.amended, .repealed, .declaredInvalid, .republished].map { ($0.rawValue, $0.label) },
                                      selected: nil, required: true, includeBlank: "请选择", errors: e["kind"]),
                    Components.field(FieldSpec(name: "date", label: "生效日期", value: m.today.description, type: "date", required: true,
                                               hint: "废止、宣布失效、重新公布自该日起不再执行。", errors: e["date"])),
                    Components.field(FieldSpec(name: "basis", label: "依据文号", value: "", required: true, hint: "作出决定的文件文号，如 凤政发〔2020〕12号。",
                                               maxLength: 40, errors: e["basis"])),
                    Components.field(FieldSpec(name: "linked", label: "关联文件（文号或统一登记号）", value: "", hint: "修改时必填：作出修改的文件；重新公布时：新文件。",
                                               maxLength: 40, errors: e["linked"])),
                    Components.textarea(name: "note", label: "说明", value: "", rows: 2, maxLength: 1000),
                    Components.submit("登记"),
                ]),
            ]))
        }
        return .tag("section", [.cls("card"), .id("timeline")], nodes)
    }

    static func attachmentSection(_ frame: PageFrame, _ m: ShowModel) -> HTMLNode {
        let id = m.document.id!
        return Attachments.section(frame, files: m.attachments, link: { .documentAttachment(.value(id), .value($0.id!)) },
                                   upload: m.canWrite ? .documentAttachments(.value(id)) : nil, publishable: true)
    }

    // MARK: Rules
}
