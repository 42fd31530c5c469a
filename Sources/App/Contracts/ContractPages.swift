import FazhiCore
import Foundation
import Plot

enum ContractPages {
    static func stateBadge(_ raw: String) -> HTMLNode {
        let state = ContractState(rawValue: raw)
        let kind: String = switch state {
        case .filed?, .completed?: "ok"
        case .returned?, .terminated?, .withdrawn?: "muted"
        default: "info"
        }
        return Components.badge(state?.label ?? raw, kind)
    }

    static func list(_ frame: PageFrame, user: CurrentUser, rows: [ContractRow], page: PageInfo, filter: ContractFilter,
                     units: [ContractChoice], projects: [ContractChoice], sum: ContractAmount) -> String {
        return Layout.page(frame, [
            .tag("p", [.cls("lead")], text: "政府合同签订前须经法制机构合法性审查，签订后按期报送备案。"),
            .tag("div", [.cls("toolbar")], [
                user.has(.writeOwnUnitRecords) ? .tag("a", [.cls("button primary"), .href(.contractNew)], text: "提交合同审查") : .nodes([]),
            ] + SiteURL.ExportFormat.allCases.map { format in
                .tag("a", [.cls("button"), .href(SiteURL.contractsExport(format).path(query: filter.pairs))], text: "导出 \(format.label)")
            } + [.tag("a", [.cls("button subtle"), .href(.contractRules)], text: "规则设置")]),
            Components.filterForm(.contracts, [
                Components.field(FieldSpec(name: "q", label: "合同名称或相对方", value: filter.query, maxLength: 60)),
                Components.select(name: "unit", label: "送审单位", options: units.map { ($0.id.uuidString, $0.name) }, selected: filter.unitID?.uuidString, includeBlank: "全部"),
                Components.select(name: "state", label: "状态", options: ContractState.allCases.map { ($0.rawValue, $0.label) }, selected: filter.state?.rawValue, includeBlank: "全部"),
                Components.field(FieldSpec(name: "year", label: "送审年度", value: filter.year.map(String.init) ?? "", maxLength: 4, inputMode: "numeric")),
                Components.select(name: "project", label: "重点项目", options: projects.map { ($0.id.uuidString, $0.name) }, selected: filter.projectID?.uuidString, includeBlank: "全部"),
            ]),
            .tag("p", [.cls("muted")], text: "共 \(page.total) 份，金额合计 \(sum.formatted)（未定金额的不计）。"),
            Components.table(headers: ["合同名称", "送审单位", "相对方", "金额", "送审日期", "期限", "状态"], rows: rows.map { row in
                [
                    Components.link(row.title, .contract(.value(row.id))),
                    .t(row.unitName),
                    .t(row.counterpartyName),
                    .t(row.amount?.formatted ?? "未定"),
                    .t(row.submittedOn?.chinese ?? ""),
                    row.deadline.map { .nodes([.t("\($0.label) \($0.due.chinese)"), HomePages.statusBadge($0.status)]) } ?? .t("—"),
                    stateBadge(row.state),
                ]
            }, empty: "没有符合条件的合同。", nowrap: [3, 4]),
            Components.pagination(page, url: .contracts, query: filter.pairs),
        ])
    }

    /// The register as a table for export (the same rows as the filtered register).
    static func exportTable(_ rows: [ContractRow]) -> ExportTable {
        ExportTable(title: "政府合同", header: ["合同名称", "送审单位", "相对方", "类型", "金额（元）", "重点项目", "送审日期", "签订日期", "备案日期", "状态"],
                    rows: rows.map { row in
                        [.text(row.title), .text(row.unitName), .text(row.counterpartyName), .text(row.typeLabel),
                         row.amount.map { .number($0.yuan) } ?? .empty, .optionalText(row.projectName),
                         .optionalDate(row.submittedOn), .optionalDate(row.signedOn), .optionalDate(row.filedOn), .text(row.stateLabel)]
                    })
    }

    static func form(_ frame: PageFrame, values: [String: String], errors: FieldErrors, units: [ContractChoice], projects: [ContractChoice]) -> String {
        Layout.page(frame, [
            .tag("div", [.cls("card")], [
                Components.errorSummary(errors),
                Components.form(.contractNew, csrf: frame.csrfToken, [
                    Components.field(FieldSpec(name: "title", label: "合同名称", value: values["title"] ?? "", required: true, maxLength: 200, errors: errors["title"])),
                    Components.select(name: "unit", label: "送审单位", options: units.map { ($0.id.uuidString, $0.name) }, selected: values["unit"], required: true,
                                      includeBlank: units.count > 1 ? "请选择" : nil, errors: errors["unit"]),
                    Components.select(name: "type", label: "合同类型", options: ContractType.allCases.map { ($0.rawValue, $0.label) }, selected: values["type"], required: true,
                                      includeBlank: "请选择", errors: errors["type"]),
                    Components.field(FieldSpec(name: "amount", label: "合同金额（元）", value: values["amount"] ?? "",
                                               hint: "如 1,234,567.89 或 123万；无固定金额的留空。", maxLength: 30, errors: errors["amount"])),
                    counterpartyRows(values: values, errors: errors),
                    Components.field(FieldSpec(name: "termStart", label: "合同期限自", value: values["termStart"] ?? "", type: "date", required: true, errors: errors["termStart"])),
                    Components.field(FieldSpec(name: "termEnd", label: "至（无固定期限的留空）", value: values["termEnd"] ?? "", type: "date", errors: errors["termEnd"])),
                    Components.select(name: "project", label: "所属重点项目", options: projects.map { ($0.id.uuidString, $0.name) }, selected: values["project"], includeBlank: "无",
                                      errors: errors["project"]),
                    Components.checkboxes(name: "filingRequired", legend: "备案", options: [("on", "须报送备案", "属于须报司法行政部门备案的重大政府合同，签订后按期备案")],
                                          checked: values["filingRequired"] == "on" ? ["on"] : []),
                    Components.submit("提交审查", secondary: ("取消", .contracts)),
                ]),
            ]),
        ])
    }

    /// The counterparty rows of the submission form: the first required, the others filled when the contract
    /// has more parties.
    static func counterpartyRows(values: [String: String], errors: FieldErrors) -> HTMLNode {
        let rows: [HTMLNode] = (0..<ContractSubmissionInput.counterpartyRows).map { index in
            let key = "counterparties.\(index)."
            let required = index == 0
            let fields: [HTMLNode] = [
                Components.field(FieldSpec(name: key + "name", label: "名称或姓名", value: values[key + "name"] ?? "", required: required, maxLength: 100,
                                           errors: errors[key + "name"])),
                Components.select(name: key + "kind", label: "类型", options: Counterparty.Kind.allCases.map { ($0.rawValue, $0.label) },
                                  selected: values[key + "kind"] ?? Counterparty.Kind.organisation.rawValue, required: required, errors: errors[key + "kind"]),
                Components.field(FieldSpec(name: key + "identifier", label: "统一社会信用代码或身份证号", value: values[key + "identifier"] ?? "", required: required,
                                           maxLength: 30, errors: errors[key + "identifier"])),
            ]
            return .tag("fieldset", [.cls("inline-fields")], [.tag("legend", text: "相对方 \(index + 1)\(required ? "" : "（可选）")")] + fields)
        }
        let more = (2..<ContractSubmissionInput.counterpartyRows).contains { index in
            ["name", "identifier"].contains { !(values["counterparties.\(index).\($0)"] ?? "").isEmpty }
        }
        return .nodes([
            .tag("p", [.cls("hint")], text: "单位填 18 位统一社会信用代码；自然人填身份证号（加密保存，列表中姓名打码）。多方合同依次填写，空行不计。"),
            .tag("div", [.id("f-counterparties")], [Components.fieldErrors(id: "f-counterparties", errors["counterparties"])]),
        ] + rows.prefix(2) + [
            .tag("details", [.flag("open", more)], [.tag("summary", text: "更多相对方")] + rows.dropFirst(2)),
        ])
    }

    /// The contract page: the contract as ContractQuery read it, and who is looking, with what they may do.
    struct ShowModel: Sendable {
        let page: ContractPage
        let user: CurrentUser
        let moves: [ContractWorkflow.Transition]
        let canWrite: Bool
        let today: LocalDate
        let errors: FieldErrors
        /// The form to show open (the one a message belongs to).
        let open: String?
    }

    static func partiesTable(_ frame: PageFrame, _ m: ShowModel) -> HTMLNode {
        let canReveal = m.user.has(.revealPersonalData)
        let rows: [[HTMLNode]] = m.page.parties.map { party in
            if party.isNaturalPerson {
                let reveal: HTMLNode = canReveal
                    ? Components.postButton(.contractCounterparty(.value(m.page.id)), label: "查看身份证号", csrf: frame.csrfToken, style: "link-button",
                                            fields: [("party", party.id.uuidString)])
                    : .t("（已加密）")
                return [.t(party.displayName), .t(Counterparty.Kind.naturalPerson.label), reveal]
            }
            return [.t(party.displayName), .t(Counterparty.Kind.organisation.label), .tag("code", text: party.creditCode ?? "")]
        }
        return Components.table(headers: ["名称或姓名", "类型", "统一社会信用代码 / 身份证号"], rows: rows, empty: "—")
    }

    /// Amendments, termination and completion; an amendment waiting for its review carries the legal office's
    /// review form (not for whoever entered it), and each reviewed amendment its opinion.
    static func changesSection(_ frame: PageFrame, _ m: ShowModel) -> HTMLNode {
        let id = m.page.id
        var nodes: [HTMLNode] = [
            .tag("h2", text: "变更与终止"),
            Components.table(headers: ["日期", "类型", "内容", "审查意见"], rows: m.page.changes.map { change in
                let review = change.review
                return [.t(LocalDate(iso: change.date)?.chinese ?? change.date), .t(change.kindLabel), .t(change.summary),
                        .t(review.map { "\($0.reviewOpinion?.label ?? $0.opinion)（\($0.reviewerName)，\($0.decided?.chinese ?? "")）\($0.reasons.isEmpty ? "" : "：" + $0.reasons)" } ?? "—")]
            }),
        ]
        if let pending = m.page.pendingAmendment, m.user.has(.writeAllRecords) {
            nodes.append(pending.submittedBy == m.user.id
                ? Components.notice(Notice(.warning, "该变更由您录入，不能由您审查，请由法制机构其他工作人员审查。"))
                : ReviewPages.form(.contractAmendmentReview(.value(id)), csrf: frame.csrfToken, errors: m.errors, summary: "审查变更：\(pending.summary)",
                                   open: true, received: LocalDate(pending.createdAt).description, today: m.today, receivedLabel: "收到变更稿日期",
                                   opinionHint: "「同意」或「修改后同意」后变更生效；「不同意」的变更不生效。", fields: [Components.hidden("change", pending.id.uuidString)]))
        }
        return .tag("section", [.cls("card"), .id("changes")], nodes)
    }

    static func show(_ frame: PageFrame, _ m: ShowModel) -> String {
        let c = m.page
        let id = c.id
        let e = m.errors
        var content: [HTMLNode] = [
            Components.errorSummary(e),
            .tag("section", [.cls("card")], [
                Components.definitions([
                    ("状态", stateBadge(c.state)),
                    ("送审单位", .t(c.unitName)),
                    ("合同类型", .t(c.typeLabel)),
                    ("合同金额", .t(c.amount.map { "\($0.formatted)（大写：\($0.chineseCapital)）" } ?? "无固定金额")),
                    ("相对方", partiesTable(frame, m)),
                    ("合同期限", .t("\(c.termStart?.chinese ?? "—") 至 \(c.termEnd?.chinese ?? "履行完毕")")),
                    ("重点项目", .t(c.projectName ?? "—")),
                    ("送审日期", .t(c.submittedOn?.chinese ?? "")),
                    ("签订日期", .t(c.signedOn?.chinese ?? "—")),
                    ("备案日期", .t(c.filedOn?.chinese ?? (c.filingRequired ? "未备案" : "无需备案"))),
                ]),
                c.deadline.map { .tag("p", [], [.tag("strong", text: "\($0.label)："), .t("\($0.due.chinese)（\($0.due.chineseWeekday)）"), HomePages.statusBadge($0.status)]) } ?? .nodes([]),
            ]),
        ]
        var reviewNodes: [HTMLNode] = [
            .tag("h2", text: "合法性审查"),
            ReviewPages.table(c.reviews, receivedLabel: "收到"),
        ]
        if c.state == ContractState.underReview.rawValue && m.user.has(.writeAllRecords) {
            reviewNodes.append(c.drafterID == m.user.id
                ? Components.notice(Notice(.warning, "您是该合同的送审人，不能审查。"))
                : ReviewPages.form(.contractReview(.value(id)), csrf: frame.csrfToken, errors: e, open: true, received: c.reviewRequestedOn ?? m.today.description,
                                   today: m.today, receivedLabel: "收到日期", opinionHint: "「不同意」将退回送审单位修改。"))
        }
        content.append(.tag("section", [.cls("card"), .id("review")], reviewNodes))
        let moves = m.moves.filter { $0.event != .recordReview && $0.event != .returnForChanges }
        if !moves.isEmpty {
            content.append(.tag("section", [.cls("card"), .id("actions")], [.tag("h2", text: "办理")] + moves.map { move in
                var body: [HTMLNode] = []
                switch move.event {
                case .withdraw: body = [Components.textarea(name: "reason", label: "撤回理由", value: "", required: true, rows: 2, maxLength: 500, errors: e["reason"])]
                case .terminate: body = [
                    Components.field(FieldSpec(name: "date", label: "终止日期", value: m.today.description, type: "date", required: true, errors: e["date"])),
                    Components.textarea(name: "reason", label: "终止理由", value: "", required: true, rows: 2, maxLength: 500, errors: e["reason"]),
                ]
                case .recordSigning: body = [Components.field(FieldSpec(name: "signedOn", label: "签订日期", value: m.today.description, type: "date", required: true, errors: e["signedOn"]))]
                case .file: body = [Components.field(FieldSpec(name: "filedOn", label: "备案日期", value: m.today.description, type: "date", required: true, errors: e["filedOn"]))]
                case .amend: body = [
                    Components.field(FieldSpec(name: "date", label: "变更日期", value: m.today.description, type: "date", required: true, errors: e["date"])),
                    Components.textarea(name: "summary", label: "变更内容", value: "", required: true, rows: 3, maxLength: 2000, errors: e["summary"]),
                    Components.checkboxes(name: "reviewRequired", legend: "审查", options: [("on", "变更涉及金额、当事人或主要权利义务",
                                                                                                 "勾选后变更先送法制机构合法性审查，审查同意后生效")], checked: []),
                ]
                case .complete: body = [Components.field(FieldSpec(name: "date", label: "履行完毕日期", value: m.today.description, type: "date", required: true, errors: e["date"]))]
                default: body = []
                }
                return .tag("details", [.cls("step"), .flag("open", m.open == move.event.rawValue || moves.count <= 2)], [
                    .tag("summary", text: "\(move.event.label) → \(move.to.label)"),
                    Components.form(.contractStep(.value(id), move.event), csrf: frame.csrfToken, body + [Components.submit(move.event.label)]),
                ])
            }))
        }
        if !c.changes.isEmpty {
            content.append(changesSection(frame, m))
        }
        content.append(AdviserPages.engagements(frame, c.advisers))
        content.append(Attachments.section(frame, files: c.attachments, link: { .contractAttachment(.value(id), .value($0.id)) },
                                           upload: m.canWrite ? .contractAttachments(.value(id)) : nil))
        return Layout.page(frame, content)
    }
}
