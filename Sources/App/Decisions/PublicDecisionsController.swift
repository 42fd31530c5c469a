import FazhiCore
import Fluent
import Foundation
import Vapor

/// The public participation portal (no login): decisions open for comment, comment submission (held for
/// moderation, never lost, rate-limited per address), published feedback, decisions and the catalogue.
enum PublicDecisionsController {
    static func list(_ req: Request) async throws -> Response {
        let today = req.fazhi.clock.today
        let open = try await DecisionService.openForComment(today: today, on: req.db)
        let published = try await DecisionModel.query(on: req.db).filter(\.$publishedOn != nil).with(\.$proposingUnit)
            .sort(\.$publishedOn, .descending).limit(50).all()
        let frame = try await req.frame("重大行政决策公众参与", crumbs: [Crumb("重大行政决策公众参与")])
        return htmlResponse(PublicDecisionPages.list(frame, open: open, published: published, today: today))
    }

    /// A decision is public once its consultation has started or it is published; drafts are not.
    static func loadPublic(_ req: Request) async throws -> DecisionModel {
        let today = req.fazhi.clock.today.description
        guard let id = req.parameters.get("decisionID", as: UUID.self),
              let decision = try await DecisionModel.query(on: req.db).filter(\.$id == id).with(\.$proposingUnit).first(),
              decision.publishedOn != nil || (decision.consultationStart.map { $0 <= today } ?? false) else {
            throw Abort(.notFound)
        }
        return decision
    }

    /// A file of a decision on the portal that the legal office marked public (the draft, its explanation).
    static func attachment(_ req: Request) async throws -> Response {
        let decision = try await loadPublic(req)
        return try await Attachments.download(req, subjectType: "decision", subjectID: decision.id!, publicOnly: true)
    }

    static func show(_ req: Request) async throws -> Response {
        let decision = try await loadPublic(req)
        let reference = req.queryForm["received"].flatMap { $0.count == 8 && $0.allSatisfy(\.isHexDigit) ? $0 : nil }
        return try await render(req, decision: decision, values: [:], errors: FieldErrors(), notice: reference.map {
            Notice(.success, "您的意见已收到（编号 \($0)），经审核后公开，并在意见采纳情况反馈中统一回应。谢谢参与！")
        })
    }

    static func render(_ req: Request, decision: DecisionModel, values: [String: String], errors: FieldErrors, notice: Notice?,
                       status: HTTPResponseStatus = .ok) async throws -> Response {
        let approved = try await DecisionCommentModel.query(on: req.db).filter(\.$decision.$id == decision.id!)
            .filter(\.$state == CommentModerationState.approved.rawValue).sort(\.$submittedAt).all()
        let today = req.fazhi.clock.today
        let isOpen = try await consultationOpen(decision, today: today, on: req.db)
        var frame = try await req.frame(decision.title, crumbs: [Crumb("重大行政决策公众参与", .publicDecisions), Crumb(decision.title)])
        if let notice { frame.notices.append(notice) }
        return htmlResponse(PublicDecisionPages.show(frame, decision: decision, approved: approved, isOpen: isOpen, values: values, errors: errors,
                                                     attachments: try await Attachments.list("decision", decision.id!, publicOnly: true, on: req.db)),
                            status: status)
    }

    /// A citizen's comment: validated, rate-limited per address, stored (sealed contact) before answering, audited.
    static func submit(_ req: Request) async throws -> Response {
        let decision = try await loadPublic(req)
        let rules = try await DecisionService.rules(on: req.db)
        let today = req.fazhi.clock.today
        let form = req.form
        guard try await consultationOpen(decision, today: today, on: req.db) else {
            // The form is not shown outside the period, so the refusal is a page notice, not a field error.
            return try await render(req, decision: decision, values: form.flat, errors: FieldErrors(),
                                    notice: Notice(.error, "征求意见期已结束或尚未开始，您的意见未能提交。"), status: .conflict)
        }
        let comment: PublicComment
        switch PublicComment.validate(name: form["name"], contact: form["contact"], content: form["content"]) {
        case .failure(let errors):
            return try await render(req, decision: decision, values: form.flat, errors: errors, notice: nil, status: .unprocessableEntity)
        case .success(let valid): comment = valid
        }
        let now = req.now
        let address = req.clientAddress
        let model = DecisionCommentModel()
        model.id = UUID()
        model.$decision.id = decision.id!
        model.ownerUnitID = decision.ownerUnitID
        model.name = comment.name ?? ""
        model.contactSealed = try req.fazhi.secretBox.seal(comment.contact.value)
        model.content = comment.content
        model.state = CommentModerationState.pending.rawValue
        model.moderationReason = ""
        model.handling = ""
        model.sourceAddress = address
        model.submittedAt = now
        let limit = CommentRateLimit(rules: rules)
        let decisionID = decision.id!
        let context = req.auditContext
        let title = decision.title
        // The limit is checked and the comment stored in one write transaction: writes are serialized (the audit
        // head lock), so simultaneous submissions from one address cannot all slip under the limit.
        let refusal: String? = try await req.db.writeTransaction { tx in
            let recent = try await DecisionCommentModel.query(on: tx).filter(\.$sourceAddress == address)
                .filter(\.$submittedAt >= now.addingTimeInterval(-CommentRateLimit.day)).all()
                .map { CommentRateLimit.Submission(decisionID: $0.$decision.id, at: $0.submittedAt) }
            if case .limited(_, let message) = limit.check(decisionID: decisionID, now: now, recent: recent) {
                try await AuditLog.append(AuditEvent("decisions.comment.limited", subjectType: "decision", subjectID: decisionID.uuidString,
                                                     outcome: .refused, detail: "来源地址提交过于频繁"), context: context, at: now, on: tx)
                return message
            }
            try await model.create(on: tx)
            try await AuditLog.append(AuditEvent("decisions.comment.received", subjectType: "decision_comment", subjectID: model.id!.uuidString,
                                                 detail: "公众对「\(title)」提交意见"), context: context, at: now, on: tx)
            return nil
        }
        if let refusal {
            return try await render(req, decision: decision, values: form.flat, errors: FieldErrors("content", refusal), notice: nil, status: .tooManyRequests)
        }
        // Post/redirect/get: reloading the acknowledgement does not submit again.
        let reference = String(model.id!.uuidString.prefix(8))
        return req.redirect(to: SiteURL.publicDecision(.value(decision.id!)).path(query: [("received", reference)]), redirectType: .normal)
    }

    /// Open for comment today: a consultation period is recorded and today falls inside it, before any decision.
    static func consultationOpen(_ decision: DecisionModel, today: LocalDate, on db: any Database) async throws -> Bool {
        guard decision.decidedOn == nil, let start = decision.consultationStart.flatMap(LocalDate.init(iso:)),
              let end = decision.consultationEnd.flatMap(LocalDate.init(iso:)) else { return false }
        return ConsultationPeriodRule(rules: try await DecisionService.rules(on: db)).isOpen(on: today, start: start, end: end)
    }

    static func catalogue(_ req: Request) async throws -> Response {
        let year = req.queryForm["year"].flatMap { $0.count == 4 ? Int($0) : nil } ?? req.fazhi.clock.today.year
        let catalogue = try await DecisionCatalogueModel.query(on: req.db).filter(\.$year == year).filter(\.$publishedOn != nil).first()
        let items = try await DecisionService.catalogueItems(catalogue, on: req.db)
        let published = try await DecisionCatalogueModel.query(on: req.db).filter(\.$publishedOn != nil).sort(\.$year, .descending).all().map(\.year)
        let frame = try await req.frame("\(year) 年重大行政决策事项目录", crumbs: [Crumb("重大行政决策公众参与", .publicDecisions), Crumb("决策事项目录")])
        return htmlResponse(PublicDecisionPages.catalogue(frame, year: year, catalogue: catalogue, items: items, years: published))
    }
}

enum PublicDecisionPages {
    static func list(_ frame: PageFrame, open: [DecisionModel], published: [DecisionModel], today: LocalDate) -> String {
        Layout.page(frame, [
            .tag("p", [.cls("lead")], text: "涉及社会公众切身利益的重大行政决策，在作出前向社会公开征求意见。欢迎您对下列决策草案提出意见和建议。"),
            .tag("div", [.cls("toolbar")], [.tag("a", [.cls("button"), .href(.publicDecisionCatalogue)], text: "年度决策事项目录")]),
            .tag("section", [.cls("card")], [
                .tag("h2", text: "正在征求意见"),
                Components.table(headers: ["决策草案", "承办单位", "征求意见截止"], rows: open.map { decision in
                    [Components.link(decision.title, .publicDecision(.value(decision.id!))), .t(decision.proposingUnit.name),
                     .t(decision.consultationEnd.flatMap(LocalDate.init(iso:))?.chinese ?? "")]
                }, empty: "目前没有正在征求意见的决策草案。", nowrap: [2]),
            ]),
            .tag("section", [.cls("card")], [
                .tag("h2", text: "已公布的重大行政决策"),
                Components.table(headers: ["决策", "承办单位", "公布日期"], rows: published.map { decision in
                    [Components.link(decision.title, .publicDecision(.value(decision.id!))), .t(decision.proposingUnit.name),
                     .t(decision.publishedOn.flatMap(LocalDate.init(iso:))?.chinese ?? "")]
                }, empty: "暂无。", nowrap: [2]),
            ]),
        ])
    }

    static func show(_ frame: PageFrame, decision: DecisionModel, approved: [DecisionCommentModel], isOpen: Bool, values: [String: String],
                     errors: FieldErrors, attachments: [AttachmentModel]) -> String {
        var content: [HTMLNode] = [
            .tag("section", [.cls("card")], [
                Components.definitions([
                    ("承办单位", .t(decision.proposingUnit.name)),
                    ("征求意见期", .t("\(decision.consultationStart.flatMap(LocalDate.init(iso:))?.chinese ?? "—") 至 \(decision.consultationEnd.flatMap(LocalDate.init(iso:))?.chinese ?? "—")")),
                    ("状态", .t(decision.publishedOn != nil ? "已作出决定并公布（\(decision.publishedOn.flatMap(LocalDate.init(iso:))?.chinese ?? "")）" : isOpen ? "正在征求意见" : "征求意见已结束")),
                ]),
            ]),
        ]
        if !decision.draftText.isEmpty {
            content.append(.tag("section", [.cls("card")], [.tag("h2", text: "决策草案"), .tag("div", [.cls("document-body")], text: decision.draftText)]))
        }
        if !decision.explanation.isEmpty {
            content.append(.tag("section", [.cls("card")], [.tag("h2", text: "起草说明"), .tag("div", [.cls("document-body")], text: decision.explanation)]))
        }
        if !attachments.isEmpty {
            content.append(.tag("section", [.cls("card")], [.tag("h2", text: "相关材料"), .tag("ul", [], attachments.map { file in
                .tag("li", [], [Components.link(file.filename, .publicDecisionAttachment(.value(decision.id!), .value(file.id!)))])
            })]))
        }
        if isOpen {
            content.append(.tag("section", [.cls("card"), .id("comment")], [
                .tag("h2", text: "提出意见"),
                Components.errorSummary(errors),
                Components.form(.publicDecisionComments(.value(decision.id!)), csrf: frame.csrfToken, [
                    Components.field(FieldSpec(name: "name", label: "姓名（可不填）", value: values["name"] ?? "", maxLength: PublicComment.nameMaximumLength, errors: errors["name"])),
                    Components.field(FieldSpec(name: "contact", label: "联系方式", value: values["contact"] ?? "", required: true,
                                               hint: "手机、固定电话或电子邮箱，仅用于必要时联系您，不会公开。", maxLength: 254, errors: errors["contact"])),
                    Components.textarea(name: "content", label: "意见和建议", value: values["content"] ?? "", required: true, rows: 8,
                                        hint: "\(PublicComment.contentMinimumLength)–\(PublicComment.contentMaximumLength) 字。提交后经审核公开。",
                                        maxLength: PublicComment.contentMaximumLength, errors: errors["content"]),
                    Components.submit("提交意见"),
                ]),
            ]))
        }
        if let feedback = decision.feedback, decision.feedbackPublishedOn != nil {
            content.append(.tag("section", [.cls("card")], [
                .tag("h2", text: "意见采纳情况反馈（\(decision.feedbackPublishedOn.flatMap(LocalDate.init(iso:))?.chinese ?? "")）"),
                .tag("div", [.cls("document-body")], text: feedback),
            ]))
        }
        content.append(.tag("section", [.cls("card")], [
            .tag("h2", text: "公开的意见（\(approved.count) 条）"),
            Components.table(headers: ["提交日期", "意见", "采纳情况"], rows: approved.map { comment in
                [.t(LocalDate(comment.submittedAt).chinese), .t(comment.content), .t(comment.handling.isEmpty ? "—" : comment.handling)]
            }, empty: "暂无公开的意见。", nowrap: [0]),
        ]))
        return Layout.page(frame, content)
    }

    static func catalogue(_ frame: PageFrame, year: Int, catalogue: DecisionCatalogueModel?, items: [DecisionCatalogueItemModel], years: [Int]) -> String {
        Layout.page(frame, [
            Components.yearLinks(.publicDecisionCatalogue, years: years, current: year),
            catalogue == nil
                ? .tag("p", [.cls("empty")], text: "\(year) 年的决策事项目录尚未公布。")
                : .nodes([
                    .tag("p", text: "经\(catalogue?.approvedBy ?? "")于 \(catalogue?.approvedOn.flatMap(LocalDate.init(iso:))?.chinese ?? "") 批准，\(catalogue?.publishedOn.flatMap(LocalDate.init(iso:))?.chinese ?? "") 公布。"),
                    Components.table(headers: ["序号", "决策事项", "决策主体", "承办单位", "计划完成时间"], rows: items.enumerated().map { index, item in
                        [.t(String(index + 1)), .t(item.item), .t(item.subject), .t(item.proposingUnit.name), .t(item.plannedTiming)]
                    }),
                ]),
        ])
    }
}
