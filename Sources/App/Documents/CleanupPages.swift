import FazhiCore
import Foundation
import Plot

enum CleanupPages {
    static func stateBadge(_ raw: String) -> HTMLNode {
        let state = CleanupController.CampaignState(rawValue: raw)
        return Components.badge(state?.label ?? raw, state == .published ? "ok" : state == .applied ? "info" : "warn")
    }

    static func tallyLine(_ tally: CampaignTally) -> String {
        "共 \(tally.total) 件：继续有效 \(tally.continued)，修改 \(tally.amended)，废止 \(tally.repealed)，宣布失效 \(tally.declaredInvalid)，重新公布 \(tally.republished)"
    }

    static func list(_ frame: PageFrame, campaigns: [CleanupCampaignModel], tallies: [UUID: CampaignTally], canWrite: Bool) -> String {
        Layout.page(frame, [
            .tag("p", [.cls("lead")], text: "清理按通知确定范围，逐件提出继续有效、修改、废止、宣布失效或重新公布的意见，清理决定作出后一次性变更各文件的效力，并公布清理结果。"),
            canWrite ? .tag("div", [.cls("toolbar")], [.tag("a", [.cls("button primary"), .href(.cleanupNew)], text: "发起清理")]) : .nodes([]),
            Components.table(headers: ["清理", "通知", "决定", "结果", "状态"], rows: campaigns.map { campaign in
                [
                    Components.link(campaign.title, .cleanup(.value(campaign.id!))),
                    .t("\(campaign.noticeNumber)（\(LocalDate(iso: campaign.noticeDate)?.chinese ?? "")）"),
                    .t(campaign.decisionNumber.map { "\($0)（\(campaign.decisionDate.flatMap(LocalDate.init(iso:))?.chinese ?? "")）" } ?? "—"),
                    .t(tallies[campaign.id!].map(tallyLine) ?? ""),
                    stateBadge(campaign.state),
                ]
            }, empty: "尚未开展清理。"),
        ])
    }

    static func new(_ frame: PageFrame, values: [String: String], errors: FieldErrors) -> String {
        Layout.page(frame, [
            .tag("div", [.cls("card")], [
                Components.errorSummary(errors),
                Components.form(.cleanupNew, csrf: frame.csrfToken, [
                    Components.field(FieldSpec(name: "title", label: "清理名称", value: values["title"] ?? "", required: true,
                                               hint: "如：2020年规范性文件全面清理", maxLength: 100, errors: errors["title"])),
                    Components.field(FieldSpec(name: "noticeNumber", label: "清理通知文号", value: values["noticeNumber"] ?? "", required: true,
                                               hint: "如：凤政办函〔2020〕15号", maxLength: 40, errors: errors["noticeNumber"])),
                    Components.field(FieldSpec(name: "noticeDate", label: "通知日期", value: values["noticeDate"] ?? "", type: "date", required: true,
                                               errors: errors["noticeDate"])),
                    Components.field(FieldSpec(name: "scopeFrom", label: "清理范围：公布日期自", value: values["scopeFrom"] ?? "", type: "date", required: true,
                                               errors: errors["scopeFrom"])),
                    Components.field(FieldSpec(name: "scopeTo", label: "至（可选，默认到通知日期）", value: values["scopeTo"] ?? "", type: "date",
                                               errors: errors["scopeTo"])),
                    .tag("p", [.cls("hint")], text: "范围内在通知日期仍然有效的全部规范性文件纳入清理。"),
                    Components.submit("发起清理", secondary: ("取消", .cleanups)),
                ]),
            ]),
        ])
    }

    static func show(_ frame: PageFrame, campaign: CleanupCampaignModel, entries: [CleanupEntryModel], tally: CampaignTally, unset: Int,
                     outcomeFilter: String, canWrite: Bool, errors: FieldErrors) -> String {
        let id = campaign.id!
        let open = campaign.state == CleanupController.CampaignState.open.rawValue
        var content: [HTMLNode] = [
            Components.errorSummary(errors),
            .tag("section", [.cls("card")], [
                Components.definitions([
                    ("状态", stateBadge(campaign.state)),
                    ("清理通知", .t("\(campaign.noticeNumber)（\(LocalDate(iso: campaign.noticeDate)?.chinese ?? "")）")),
                    ("清理范围", .t(campaign.scopeDescription)),
                    ("清理决定", .t(campaign.decisionNumber.map { "\($0)（\(campaign.decisionDate.flatMap(LocalDate.init(iso:))?.chinese ?? "")）" } ?? "尚未作出")),
                    ("结果", .t(tallyLine(tally) + (unset > 0 ? "；尚有 \(unset) 件未提出意见" : ""))),
                ]),
                .tag("div", [.cls("toolbar")], SiteURL.ExportFormat.allCases.map { format in
                    .tag("a", [.cls("button"), .href(.cleanupExport(.value(id), format))], text: "导出 \(format.label)")
                } + (campaign.state == CleanupController.CampaignState.published.rawValue
                     ? [.tag("a", [.cls("button subtle"), .href(.publicCleanup(.value(id)))], text: "查看公开页面")] : [])),
            ]),
        ]
        if canWrite && open {
            content.append(.tag("section", [.cls("card")], [
                .tag("h2", text: "增加清理文件"),
                Components.form(.cleanupScope(.value(id)), csrf: frame.csrfToken, [
                    Components.field(FieldSpec(name: "reference", label: "文号或统一登记号", value: "", required: true,
                                               hint: "把范围之外选定的文件纳入本次清理。", maxLength: 40, errors: errors["reference"])),
                    Components.submit("纳入清理"),
                ]),
            ]))
            content.append(.tag("section", [.cls("card")], [
                .tag("h2", text: "作出清理决定"),
                unset > 0
                    ? Components.notice(Notice(.warning, "还有 \(unset) 件文件没有清理意见，全部提出后才能作出决定。"))
                    : Components.form(.cleanupApply(.value(id)), csrf: frame.csrfToken, [
                        Components.field(FieldSpec(name: "decisionNumber", label: "清理结果决定文号", value: "", required: true,
                                                   hint: "如：凤政发〔2020〕12号", maxLength: 40, errors: errors["decisionNumber"])),
                        Components.field(FieldSpec(name: "decisionDate", label: "决定日期", value: "", type: "date", required: true, errors: errors["decisionDate"])),
                        .tag("p", [.cls("hint")], text: "确认后，所有文件的效力按清理意见一次性变更（废止、宣布失效、重新公布自决定之日起不再执行），不能撤回。"),
                        Components.submit("作出决定并变更效力"),
                    ]),
            ]))
        }
        if canWrite && campaign.state == CleanupController.CampaignState.applied.rawValue {
            content.append(.tag("section", [.cls("card")], [
                .tag("p", text: "清理决定已生效。公布后，清理结果在公开栏目中可供查询和下载。"),
                Components.postButton(.cleanupPublish(.value(id)), label: "公布清理结果", csrf: frame.csrfToken, style: "button primary"),
            ]))
        }
        let filters: [(String, String)] = [("", "全部"), ("unset", "未提出意见")] + CleanupOutcome.allCases.map { ($0.rawValue, $0.label) }
        content.append(.tag("nav", [.cls("toolbar"), Attr("aria-label", "按结果筛选")], filters.map { value, label in
            .tag("a", [.cls(outcomeFilter == value ? "button primary" : "button subtle"), .href(SiteURL.cleanup(.value(id)).path(query: [("outcome", value)]))], text: label)
        }))
        let rows: [[HTMLNode]] = entries.map { entry in
            let key = entry.id!.uuidString
            let document = entry.document
            let outcomeCell: HTMLNode
            let reasonCell: HTMLNode
            if canWrite && open {
                outcomeCell = .tag("select", [Attr("name", "outcome.\(key)"), Attr("aria-label", "清理意见：\(document.title)")],
                                   [.tag("option", [Attr("value", "")], text: "请选择")] + CleanupOutcome.allCases.map { outcome in
                                       .tag("option", [Attr("value", outcome.rawValue), .flag("selected", entry.outcome == outcome.rawValue)], text: outcome.label)
                                   })
                reasonCell = .nodes([
                    .void("input", [Attr("type", "text"), Attr("name", "reason.\(key)"), Attr("value", entry.reason), Attr("maxlength", "500"),
                                    .id("f-reason-\(key)"), Attr("aria-label", "理由：\(document.title)")]),
                    Components.fieldErrors(id: "f-reason-\(key)", errors["reason-\(key)"]),
                ])
            } else {
                outcomeCell = .t(entry.outcome.flatMap(CleanupOutcome.init(rawValue:))?.label ?? "未定")
                reasonCell = .t(entry.reason)
            }
            return [.t(document.documentNumber ?? "—"), Components.link(document.title, .document(.value(document.id!))),
                    .t(document.issuingUnit.name), .t(document.published?.chinese ?? "—"), outcomeCell, reasonCell]
        }
        let table = Components.table(headers: ["文号", "标题", "制定机关", "公布日期", "清理意见", "理由"], rows: rows, empty: "没有符合条件的文件。",
                                     nowrap: [0, 3])
        if canWrite && open {
            content.append(Components.form(.cleanupOutcomes(.value(id)), csrf: frame.csrfToken, [
                table, .tag("p", [.cls("hint")], text: "除「继续有效」外，每项意见都须写明理由。"), Components.submit("保存清理意见"),
            ]))
        } else {
            content.append(table)
        }
        return Layout.page(frame, content)
    }
}
