import FazhiCore
import Foundation
import Plot

enum DecisionPages {
    static func stateBadge(_ raw: String) -> HTMLNode {
        let state = DecisionState(rawValue: raw) ?? .draft
        let kind: String = switch state {
        case .published, .implementing, .evaluated, .archived: "ok"
        case .withdrawn: "muted"
        default: "info"
        }
        return Components.badge(state.label, kind)
    }

    static func list(_ frame: PageFrame, user: CurrentUser, rows: [DecisionModel], page: PageInfo, year: Int?, state: DecisionState?, search: String) -> String {
        let query: [(String, String)] = [("year", year.map(String.init) ?? ""), ("state", state?.rawValue ?? ""), ("q", search)]
        return Layout.page(frame, [
            .tag("p", [.cls("lead")], text: "重大行政决策须经公众参与、专家论证、风险评估、合法性审查、集体讨论决定等法定程序（《重大行政决策程序暂行条例》）。"),
            .tag("div", [.cls("toolbar")], [
                user.has(.writeOwnUnitRecords) ? .tag("a", [.cls("button primary"), .href(.decisionNew)], text: "新建决策") : .nodes([]),
                .tag("a", [.cls("button"), .href(.decisionCatalogue)], text: "决策事项目录"),
                .tag("a", [.cls("button subtle"), .href(.publicDecisions)], text: "公众参与页面"),
                .tag("a", [.cls("button subtle"), .href(.decisionRules)], text: "规则设置"),
            ]),
            Components.filterForm(.decisions, [
                Components.field(FieldSpec(name: "q", label: "决策名称", value: search, maxLength: 60)),
                Components.field(FieldSpec(name: "year", label: "目录年度", value: year.map(String.init) ?? "", maxLength: 4, inputMode: "numeric")),
                Components.select(name: "state", label: "环节", options: DecisionState.allCases.map { ($0.rawValue, $0.label) }, selected: state?.rawValue, includeBlank: "全部"),
            ]),
            Components.table(headers: ["决策事项", "承办单位", "年度", "决定日期", "环节"], rows: rows.map { decision in
                [Components.link(decision.title, .decision(.value(decision.id!))), .t(decision.proposingUnit.name), .t(String(decision.catalogueYear)),
                 .t(decision.decidedOn.flatMap(LocalDate.init(iso:))?.chinese ?? "—"), stateBadge(decision.state)]
            }, empty: "没有符合条件的重大行政决策。", nowrap: [2, 3]),
            Components.pagination(page, url: .decisions, query: query),
        ])
    }

    static func form(_ frame: PageFrame, decision: DecisionModel?, values: [String: String], errors: FieldErrors, units: [UnitModel]) -> String {
        Layout.page(frame, [
            .tag("div", [.cls("card")], [
                Components.errorSummary(errors),
                Components.form(decision.map { .decisionEdit(.value($0.id!)) } ?? .decisionNew, csrf: frame.csrfToken, [
                    Components.field(FieldSpec(name: "title", label: "决策事项名称", value: values["title"] ?? "", required: true, maxLength: 200, errors: errors["title"])),
                    Components.select(name: "unit", label: "决策承办单位", options: units.map { ($0.id!.uuidString, $0.name) }, selected: values["unit"], required: true,
                                      includeBlank: units.count > 1 ? "请选择" : nil, errors: errors["unit"]),
                    Components.field(FieldSpec(name: "year", label: "列入决策事项目录的年度", value: values["year"] ?? "", required: true, maxLength: 4,
                                               inputMode: "numeric", errors: errors["year"])),
                    Components.textarea(name: "basis", label: "决策依据", value: values["basis"] ?? "", required: true, rows: 3,
                                        hint: "法律、法规、规章和政策依据。", maxLength: 1000, errors: errors["basis"]),
                    Components.textarea(name: "draftText", label: "决策草案", value: values["draftText"] ?? "", rows: 10, maxLength: 100_000, errors: errors["draftText"]),
                    Components.textarea(name: "explanation", label: "起草说明", value: values["explanation"] ?? "", rows: 5, maxLength: 20_000, errors: errors["explanation"]),
                    Components.submit("保存", secondary: ("取消", decision.map { .decision(.value($0.id!)) } ?? .decisions)),
                ]),
            ]),
        ])
    }

    struct ShowModel {
        let decision: DecisionModel
        let user: CurrentUser
        let rules: DecisionRules
        let today: LocalDate
        let stored: [DecisionProcedure: DecisionService.StoredProcedure]
        let reviews: [ReviewModel]
        let context: DecisionContext
        let comments: [DecisionCommentModel]
        let canWrite: Bool
        let moves: [DecisionWorkflow.Transition]
        let errors: FieldErrors
        let open: String?
        let reviewEarliest: LocalDate?
        let attachments: [AttachmentModel]
        /// Each comment's contact, opened and masked before the view (a view never decrypts): id → `138****5678`.
        let maskedContacts: [UUID: String]
        let advisers: AdviserPages.EngagementSection
    }

    /// Opens each sealed contact and masks it (docs/SECURITY.md item 12); "—" when it cannot be read.
    static func maskedContacts(_ comments: [DecisionCommentModel], box: SecretBox) -> [UUID: String] {
        var contacts: [UUID: String] = [:]
        for comment in comments {
            guard let id = comment.id else { continue }
            contacts[id] = (try? box.open(comment.contactSealed)).flatMap { try? ContactDetail.validate($0).get().masked } ?? "—"
        }
        return contacts
    }

    static let mainStates: [DecisionState] = [.draft, .procedures, .discussion, .decided, .published, .implementing, .evaluated, .archived]

    static func show(_ frame: PageFrame, _ m: ShowModel) -> String {
        let d = m.decision
        let current = mainStates.firstIndex(of: d.decisionState) ?? -1
        var content: [HTMLNode] = [
            Components.errorSummary(m.errors),
            .tag("ol", [.cls("progress"), Attr("aria-label", "决策流程")], mainStates.enumerated().map { index, state in
                .tag("li", [.cls(index < current ? "done" : index == current ? "current" : "todo"), Attr("aria-current", index == current ? "step" : nil)], text: state.label)
            }),
            .tag("section", [.cls("card")], [
                Components.definitions([
                    ("环节", stateBadge(d.state)),
                    ("承办单位", .t(d.proposingUnit.name)),
                    ("目录年度", .t(String(d.catalogueYear))),
                    ("决策依据", .t(d.basis)),
                    ("决定日期", .t(d.decidedOn.flatMap(LocalDate.init(iso:))?.chinese ?? "—")),
                    ("请示报告", .t(d.partyReportedOn.flatMap(LocalDate.init(iso:)).map { "\($0.chinese) 向同级党委请示报告" }
                                  ?? d.partyReportNotRequiredReason.map { "无需请示报告：\($0)" } ?? "—")),
                    ("公布日期", .t(d.publishedOn.flatMap(LocalDate.init(iso:))?.chinese ?? "—")),
                    ("决策后评估", .t(d.evaluatedOn.flatMap(LocalDate.init(iso:)).map { "已于 \($0.chinese) 评估" }
                                   ?? d.evaluationDue.flatMap(LocalDate.init(iso:)).map { "计划于 \($0.chinese) 前评估" } ?? "—")),
                ]),
            ]),
            procedures(frame, m),
            actions(frame, m),
            comments(frame, m),
        ]
        if d.decisionState == .implementing || d.decisionState == .evaluated || d.decisionState == .archived {
            content.append(.tag("section", [.cls("card")], [
                .tag("h2", text: "立卷归档"),
                m.context.archiveMissing.isEmpty
                    ? Components.notice(Notice(.success, "归档材料齐全。"))
                    : .nodes([.tag("p", text: "尚缺以下材料："), .tag("ul", [], m.context.archiveMissing.map { .tag("li", text: $0) })]),
            ]))
        }
        content.append(AdviserPages.engagements(frame, m.advisers))
        content.append(Attachments.section(frame, files: m.attachments, link: { .decisionAttachment(.value(d.id!), .value($0.id!)) },
                                           upload: m.canWrite ? .decisionAttachments(.value(d.id!)) : nil, publishable: true))
        let canEdit = m.canWrite && DecisionsController.editable(d)
        if !d.draftText.isEmpty || !d.explanation.isEmpty || canEdit {
            content.append(.tag("section", [.cls("card"), .id("draft")], [
                .tag("h2", text: "决策草案"),
                canEdit ? .tag("p", [], [.tag("a", [.cls("button"), .href(.decisionEdit(.value(d.id!)))], text: "修改决策草案和起草说明")]) : .nodes([]), .tag("div", [.cls("document-body")], text: d.draftText.isEmpty ? "（未录入）" : d.draftText),
                .tag("h3", text: "起草说明"), .tag("div", [.cls("document-body")], text: d.explanation.isEmpty ? "（未录入）" : d.explanation),
            ]))
        }
        return Layout.page(frame, content)
    }

    static func statusBadge(_ status: ProcedureStatus?) -> HTMLNode {
        switch status {
        case .complete?: Components.badge("已完成", "ok")
        case .notApplicable?: Components.badge("不适用", "muted")
        default: Components.badge("待履行", "warn")
        }
    }

    /// Each record field's label, in the order the record shows them.
    static let fieldLabels: [(key: String, label: String)] = [
        ("consultationStart", "征求意见开始"), ("consultationEnd", "征求意见截止"), ("shortenedReason", "缩短期限的理由"), ("channel", "公布渠道"),
        ("commentsReceived", "收到意见（条）"), ("feedbackPublishedOn", "反馈公布日期"), ("hearingHeld", "举行听证"), ("hearingDate", "听证日期"),
        ("date", "论证日期"), ("method", "论证方式"), ("experts", "专家"), ("conclusion", "论证结论"), ("opinionsReference", "论证意见材料"),
        ("level", "风险等级"), ("assessor", "评估主体"), ("reportReference", "评估报告"), ("mitigationMeasures", "风险防范措施"), ("completedOn", "完成日期"),
        ("meetingType", "会议类型"), ("meetingDate", "会议日期"), ("outcome", "讨论结果"), ("minutesReference", "会议纪要"), ("dissentingOpinions", "不同意见"),
        ("headDifferedFromMajority", "行政首长决定与多数意见不一致"), ("headReason", "理由"),
    ]

    /// A stored field as people read it: codes as their Chinese labels, dates in Chinese.
    static func shown(_ key: String, _ value: String) -> String {
        switch key {
        case "outcome": CollectiveDiscussionRecord.Outcome(rawValue: value)?.label ?? value
        case "meetingType": CollectiveDiscussionRecord.MeetingType(rawValue: value)?.label ?? value
        case "method": ExpertArgumentRecord.Method(rawValue: value)?.label ?? value
        case "level": RiskAssessmentRecord.Level(rawValue: value)?.label ?? value
        case "hearingHeld", "headDifferedFromMajority": value == "true" ? "是" : "否"
        default: LocalDate(iso: value)?.chinese ?? value
        }
    }

    static func recordView(_ record: DecisionService.StoredProcedure) -> HTMLNode {
        if case .notApplicable(let reason) = record.status {
            return .tag("p", text: "不适用。理由：\(reason)")
        }
        let pairs: [(String, HTMLNode)] = fieldLabels.compactMap { key, label in
            guard let value = record.fields[key], !value.isEmpty else { return nil }
            return (label, .t(shown(key, value)))
        }
        return .nodes([Components.definitions(pairs), .tag("p", [.cls("hint")], text: "\(record.recordedBy) 于 \(Format.dateTime(record.recordedAt)) 录入")])
    }

    /// The five procedures, each with its record and, while they can be recorded, its form.
    static func procedures(_ frame: PageFrame, _ m: ShowModel) -> HTMLNode {
        let d = m.decision
        let id = d.id!
        let e = m.errors
        let state = d.decisionState
        var cards: [HTMLNode] = []
        for procedure in DecisionProcedure.allCases {
            var body: [HTMLNode] = []
            let status: ProcedureStatus? = procedure == .legalityReview ? m.context.procedures[.legalityReview] : m.stored[procedure]?.status
            if procedure == .legalityReview {
                body.append(ReviewPages.table(m.reviews))
                if let earliest = m.reviewEarliest {
                    body.append(.tag("p", [.cls("hint")], text: "审查时间一般不少于 \(m.rules.legalityReviewMinimumWorkingDays) 个工作日：自送审起最早 \(earliest.chinese) 完成（第二十六条）。"))
                }
                if state == .procedures && m.user.has(.writeAllRecords) {
                    body.append(d.drafterID == m.user.id
                        ? Components.notice(Notice(.warning, "您是该决策的起草人，不能审查，请由法制机构其他工作人员审查。"))
                        : ReviewPages.form(.decisionReview(.value(id)), csrf: frame.csrfToken, errors: e, summary: "录入合法性审查意见", open: m.open == "review",
                                           received: m.today.description, today: m.today, opinionHint: "经审查不合法的，不得提交集体讨论（第二十五条）。"))
                }
            } else {
                if let record = m.stored[procedure] { body.append(recordView(record)) }
                let recordable = m.canWrite && ((procedure == .collectiveDiscussion && state == .discussion) || (procedure != .collectiveDiscussion && state == .procedures))
                if recordable {
                    body.append(.tag("details", [.cls("step"), .flag("open", m.open == procedure.rawValue)], [
                        .tag("summary", text: m.stored[procedure] == nil ? "录入\(procedure.label)" : "修改\(procedure.label)记录"),
                        Components.form(.decisionProcedure(.value(id), procedure.rawValue), csrf: frame.csrfToken,
                                        procedureFields(procedure, m) + [Components.submit("保存")]),
                    ]))
                }
            }
            cards.append(.tag("div", [.cls("procedure"), .id("p-\(procedure.rawValue)")], [
                .tag("h3", [], [.t(procedure.label + " "), statusBadge(status), .tag("span", [.cls("hint")], text: " \(procedure.articles)")]),
                .nodes(body),
            ]))
        }
        return .tag("section", [.cls("card"), .id("procedures")], [.tag("h2", text: "法定程序")] + cards)
    }

    static func procedureFields(_ procedure: DecisionProcedure, _ m: ShowModel) -> [HTMLNode] {
        let e = m.errors
        let v = m.stored[procedure]?.fields ?? [:]
        var fields: [HTMLNode]
        switch procedure {
        case .publicParticipation:
            fields = [
                Components.field(FieldSpec(name: "consultationStart", label: "征求意见开始日期", value: v["consultationStart"] ?? "", type: "date", required: true, errors: e["consultationStart"])),
                Components.field(FieldSpec(name: "consultationEnd", label: "征求意见截止日期", value: v["consultationEnd"] ?? "", type: "date", required: true,
                                           hint: "一般不少于 \(m.rules.consultationMinimumDays) 日（第十五条）。", errors: e["consultationEnd"])),
                Components.textarea(name: "shortenedReason", label: "缩短期限的理由（仅因紧急情况）", value: v["shortenedReason"] ?? "", rows: 2, maxLength: 500, errors: e["shortenedReason"]),
                Components.field(FieldSpec(name: "channel", label: "公布渠道", value: v["channel"] ?? "凤凰县人民政府门户网站", required: true, maxLength: 200, errors: e["channel"])),
                Components.field(FieldSpec(name: "commentsReceived", label: "收到意见（条）", value: v["commentsReceived"] ?? String(m.comments.count), required: true,
                                           hint: "本平台收到 \(m.comments.count) 条；其他渠道收到的一并计入。", maxLength: 6, inputMode: "numeric", errors: e["commentsReceived"])),
                Components.field(FieldSpec(name: "feedbackPublishedOn", label: "意见采纳情况反馈公布日期", value: v["feedbackPublishedOn"] ?? m.decision.feedbackPublishedOn ?? "", type: "date",
                                           errors: e["feedbackPublishedOn"])),
                Components.select(name: "hearingHeld", label: "是否举行听证", options: [("false", "否"), ("true", "是")], selected: v["hearingHeld"] ?? "false"),
                Components.field(FieldSpec(name: "hearingDate", label: "听证日期", value: v["hearingDate"] ?? "", type: "date", errors: e["hearingDate"])),
            ]
        case .expertArgument:
            fields = [
                Components.field(FieldSpec(name: "date", label: "论证日期", value: v["date"] ?? "", type: "date", required: true, errors: e["date"])),
                Components.select(name: "method", label: "论证方式", options: [("meeting", "论证会"), ("writtenConsultation", "书面咨询"), ("commissioned", "委托咨询论证")],
                                  selected: v["method"], includeBlank: "请选择", errors: e["method"]),
                Components.textarea(name: "experts", label: "参加论证的专家", value: v["experts"] ?? "", required: true, rows: 3, hint: "每行一人，或以顿号分隔。", maxLength: 2000, errors: e["experts"]),
                Components.textarea(name: "conclusion", label: "论证结论", value: v["conclusion"] ?? "", required: true, rows: 3, maxLength: 4000, errors: e["conclusion"]),
                Components.field(FieldSpec(name: "opinionsReference", label: "专家意见材料", value: v["opinionsReference"] ?? "", maxLength: 200, errors: e["opinionsReference"])),
            ]
        case .riskAssessment:
            fields = [
                Components.select(name: "level", label: "风险等级", options: [("high", "高"), ("medium", "中"), ("low", "低")], selected: v["level"], required: true,
                                  includeBlank: "请选择", errors: e["level"]),
                Components.field(FieldSpec(name: "assessor", label: "评估主体", value: v["assessor"] ?? "", required: true, maxLength: 100, errors: e["assessor"])),
                Components.field(FieldSpec(name: "reportReference", label: "评估报告", value: v["reportReference"] ?? "", required: true, maxLength: 200, errors: e["reportReference"])),
                Components.textarea(name: "mitigationMeasures", label: "风险防范和化解措施", value: v["mitigationMeasures"] ?? "", rows: 3, hint: "风险等级为「高」的必须填写。",
                                    maxLength: 4000, errors: e["mitigationMeasures"]),
                Components.field(FieldSpec(name: "completedOn", label: "完成日期", value: v["completedOn"] ?? "", type: "date", required: true, errors: e["completedOn"])),
            ]
        case .collectiveDiscussion:
            fields = [
                Components.select(name: "meetingType", label: "会议类型", options: [("executive", "常务会议"), ("plenary", "全体会议")], selected: v["meetingType"],
                                  required: true, includeBlank: "请选择", errors: e["meetingType"]),
                Components.field(FieldSpec(name: "meetingDate", label: "会议日期", value: v["meetingDate"] ?? "", type: "date", required: true, errors: e["meetingDate"])),
                Components.select(name: "outcome", label: "讨论结果", options: CollectiveDiscussionRecord.Outcome.allCases.map { ($0.rawValue, $0.label) },
                                  selected: v["outcome"], required: true, includeBlank: "请选择", errors: e["outcome"]),
                Components.field(FieldSpec(name: "minutesReference", label: "会议纪要", value: v["minutesReference"] ?? "", required: true, maxLength: 100, errors: e["minutesReference"])),
                Components.textarea(name: "dissentingOpinions", label: "不同意见（如实记录）", value: v["dissentingOpinions"] ?? "", rows: 2, maxLength: 4000, errors: e["dissentingOpinions"]),
                Components.select(name: "headDifferedFromMajority", label: "行政首长的决定与会议多数意见不一致", options: [("false", "否"), ("true", "是")],
                                  selected: v["headDifferedFromMajority"] ?? "false"),
                Components.textarea(name: "headReason", label: "不一致的理由", value: v["headReason"] ?? "", rows: 2, maxLength: 2000, errors: e["headReason"]),
            ]
        case .legalityReview:
            fields = []
        }
        if procedure.mayBeNotApplicable {
            fields.append(Components.checkboxes(name: "notApplicable", legend: "不适用", options: [("on", "本决策不适用该程序", procedure.notApplicableHint)], checked: []))
            fields.append(Components.textarea(name: "reason", label: "不适用的法定理由", value: "", rows: 2, maxLength: 500, errors: e["reason"]))
        }
        return fields
    }

    static func actions(_ frame: PageFrame, _ m: ShowModel) -> HTMLNode {
        let id = m.decision.id!
        let e = m.errors
        let moves = m.moves.filter { ![.recordProcedure, .recordReview, .recordDiscussion].contains($0.event) }
        guard !moves.isEmpty else { return .nodes([]) }
        return .tag("section", [.cls("card"), .id("actions")], [.tag("h2", text: "办理")] + moves.map { move in
            let failing = move.guards.first { !$0.holds(m.context) }
            var body: [HTMLNode] = []
            switch move.event {
            case .withdraw: body = [Components.textarea(name: "reason", label: "终止理由", value: "", required: true, rows: 2, maxLength: 500, errors: e["reason"])]
            case .recordDecision: body = [Components.field(FieldSpec(name: "decidedOn", label: "决定日期", value: m.today.description, type: "date", required: true, errors: e["decidedOn"]))]
            case .publish: body = [
                Components.field(FieldSpec(name: "partyReportedOn", label: "向同级党委请示报告日期", value: "", type: "date",
                                           hint: "《重大行政决策程序暂行条例》第三十一条：重大行政决策出台前应当按照规定向同级党委请示报告。", errors: e["partyReportedOn"])),
                Components.textarea(name: "partyReportNotRequiredReason", label: "按规定无需请示报告的理由", value: "", rows: 2, hint: "已请示报告的不填。", maxLength: 500,
                                    errors: e["partyReportNotRequiredReason"]),
                Components.field(FieldSpec(name: "publishedOn", label: "公布日期", value: m.today.description, type: "date", required: true, errors: e["publishedOn"])),
            ]
            case .startImplementation: body = [Components.textarea(name: "implementation", label: "执行单位和实施措施", value: "", required: true, rows: 3, maxLength: 2000,
                                                                   errors: e["implementation"])]
            case .recordEvaluation: body = [
                Components.field(FieldSpec(name: "evaluatedOn", label: "评估日期", value: m.today.description, type: "date", required: true, errors: e["evaluatedOn"])),
                Components.textarea(name: "evaluation", label: "评估结论", value: "", required: true, rows: 4, maxLength: 5000, errors: e["evaluation"]),
            ]
            case .archive: body = [Components.field(FieldSpec(name: "archivedOn", label: "归档日期", value: m.today.description, type: "date", required: true, errors: e["archivedOn"]))]
            default: body = []
            }
            let needsForm: Set<DecisionEvent> = [.withdraw, .publish, .startImplementation, .recordEvaluation]
            return .tag("details", [.cls("step"), .flag("open", m.open == move.event.rawValue || moves.count <= 2)], [
                .tag("summary", text: "\(move.event.label) → \(move.to.label)"),
                failing != nil && !needsForm.contains(move.event)
                    ? Components.notice(Notice(.warning, failing!.failure))
                    : Components.form(.decisionStep(.value(id), move.event), csrf: frame.csrfToken, body + [Components.submit(move.event.label)]),
            ])
        })
    }

    static func comments(_ frame: PageFrame, _ m: ShowModel) -> HTMLNode {
        let d = m.decision
        let id = d.id!
        var nodes: [HTMLNode] = [.tag("h2", text: "公众意见（\(m.comments.count) 条）")]
        if let start = d.consultationStart, let end = d.consultationEnd {
            nodes.append(.tag("p", text: "征求意见期：\(LocalDate(iso: start)?.chinese ?? start) 至 \(LocalDate(iso: end)?.chinese ?? end)。公众可在公开栏目提交意见，经审核后公开。"))
        }
        nodes.append(Components.table(headers: ["提交时间", "提出人", "联系方式", "意见", "状态", "处理"], rows: m.comments.map { comment in
            let contact = comment.id.flatMap { m.maskedContacts[$0] } ?? "—"
            let state = CommentModerationState(rawValue: comment.state) ?? .pending
            var moderation: [HTMLNode] = []
            // Moderation is the legal office's (the route requires it).
            if m.user.has(.writeAllRecords) {
                moderation.append(Components.form(.decisionComment(.value(id), .value(comment.id!)), csrf: frame.csrfToken, [
                    Components.select(name: "action", label: "审核", options: CommentModerationEvent.allCases.map { ($0.rawValue, $0.label) },
                                      selected: state == .approved ? "approve" : nil, required: true, includeBlank: "请选择"),
                    Components.field(FieldSpec(name: "reason", label: "不予公开的理由", value: comment.moderationReason, maxLength: 500)),
                    Components.textarea(name: "handling", label: "采纳情况", value: comment.handling, rows: 2, maxLength: 2000),
                    Components.submit("保存"),
                ]))
            }
            if m.user.has(.revealPersonalData) {
                moderation.append(Components.postButton(.decisionCommentContact(.value(id), .value(comment.id!)), label: "查看联系方式", csrf: frame.csrfToken, style: "link-button"))
            }
            return [.t(Format.dateTime(comment.submittedAt)), .t(comment.name.isEmpty ? "匿名" : comment.name), .t(contact), .t(comment.content),
                    Components.badge(state.label, state == .approved ? "ok" : state == .rejected ? "muted" : "warn"), .tag("div", [.cls("wide-cell")], moderation)]
        }, empty: "尚未收到公众意见。"))
        if m.canWrite {
            nodes.append(.tag("details", [.cls("step"), .flag("open", m.open == "feedback")], [
                .tag("summary", text: d.feedback == nil ? "公布意见采纳情况反馈" : "修改意见采纳情况反馈"),
                Components.form(.decisionFeedback(.value(id)), csrf: frame.csrfToken, [
                    Components.textarea(name: "feedback", label: "意见采纳情况及理由", value: d.feedback ?? "", required: true, rows: 5, maxLength: 10_000, errors: m.errors["feedback"]),
                    Components.field(FieldSpec(name: "feedbackPublishedOn", label: "公布日期", value: d.feedbackPublishedOn ?? m.today.description, type: "date", required: true,
                                               errors: m.errors["feedbackPublishedOn"])),
                    Components.submit("公布反馈"),
                ]),
            ]))
        } else if let feedback = d.feedback {
            nodes.append(.tag("div", [.cls("document-body")], text: feedback))
        }
        return .tag("section", [.cls("card"), .id("comments")], nodes)
    }

    // MARK: Catalogue

    static func catalogue(_ frame: PageFrame, year: Int, years: [Int], catalogue: DecisionCatalogueModel?, items: [DecisionCatalogueItemModel], units: [UnitModel],
                          decisions: [DecisionModel], canWrite: Bool, errors: FieldErrors, values: [String: String]) -> String {
        var content: [HTMLNode] = [
            Components.yearLinks(.decisionCatalogue, years: years, current: year),
            .tag("section", [.cls("card")], [
                Components.definitions([
                    ("批准", .t(catalogue?.approvedOn.flatMap(LocalDate.init(iso:)).map { "\(catalogue?.approvedBy ?? "") \($0.chinese) 批准" } ?? "尚未批准")),
                    ("公布", .t(catalogue?.publishedOn.flatMap(LocalDate.init(iso:))?.chinese ?? "尚未公布")),
                ]),
            ]),
            Components.table(headers: ["决策事项", "决策主体", "承办单位", "依据", "计划时间", "办理情况"], rows: items.map { item in
                let decision = decisions.first { $0.id == item.decisionID }
                return [.t(item.item), .t(item.subject), .t(item.proposingUnit.name), .t(item.basis), .t(item.plannedTiming),
                        decision.map { Components.link($0.decisionState.label, .decision(.value($0.id!))) } ?? .t(item.remark.isEmpty ? "未启动" : item.remark)]
            }, empty: "本年度目录尚无事项。"),
        ]
        if canWrite {
            content.append(.tag("section", [.cls("card")], [
                .tag("h2", text: "增加目录事项"),
                Components.errorSummary(errors),
                Components.form(.decisionCatalogueItem, csrf: frame.csrfToken, [
                    Components.hidden("year", String(year)),
                    Components.field(FieldSpec(name: "item", label: "决策事项", value: values["item"] ?? "", required: true, maxLength: 200, errors: errors["item"])),
                    Components.field(FieldSpec(name: "subject", label: "决策主体", value: values["subject"] ?? "\(frame.countyName)人民政府", required: true, maxLength: 60, errors: errors["subject"])),
                    Components.select(name: "unit", label: "承办单位", options: units.map { ($0.id!.uuidString, $0.name) }, selected: values["unit"], required: true,
                                      includeBlank: "请选择", errors: errors["proposingUnit"]),
                    Components.textarea(name: "basis", label: "依据", value: values["basis"] ?? "", required: true, rows: 2, maxLength: 1000, errors: errors["basis"]),
                    Components.field(FieldSpec(name: "plannedTiming", label: "计划完成时间", value: values["plannedTiming"] ?? "", required: true, hint: "如：\(year)年第二季度 或 \(year)年6月",
                                               maxLength: 20, errors: errors["plannedTiming"])),
                    Components.select(name: "decision", label: "对应的决策（可选）", options: decisions.map { ($0.id!.uuidString, $0.title) }, selected: values["decision"], includeBlank: "无"),
                    Components.submit("增加"),
                ]),
            ]))
            content.append(.tag("section", [.cls("card")], [
                .tag("h2", text: "目录批准和公布"),
                Components.form(.decisionCatalogueApproval, csrf: frame.csrfToken, [
                    Components.hidden("year", String(year)),
                    Components.field(FieldSpec(name: "approvedOn", label: "批准日期", value: values["approvedOn"] ?? catalogue?.approvedOn ?? "", type: "date",
                                               required: true, errors: errors["approvedOn"])),
                    Components.field(FieldSpec(name: "approvedBy", label: "批准机关", value: values["approvedBy"] ?? catalogue?.approvedBy ?? "中共\(frame.countyName)委常委会",
                                               required: true, hint: "决策事项目录报同级党委同意后公布。", maxLength: 60, errors: errors["approvedBy"])),
                    Components.field(FieldSpec(name: "publishedOn", label: "公布日期", value: values["publishedOn"] ?? catalogue?.publishedOn ?? "", type: "date",
                                               errors: errors["publishedOn"])),
                    Components.submit("保存"),
                ]),
            ]))
        }
        return Layout.page(frame, content)
    }
}
