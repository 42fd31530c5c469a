import FazhiCore
import Foundation
import Plot

enum PublicDocumentPages {
    static func exportTable(_ rows: [DocumentRow]) -> ExportTable {
        ExportTable(title: "现行有效规范性文件目录", header: ["序号", "统一登记号", "文号", "标题", "制定机关", "公布日期", "施行日期", "有效期至", "效力状态"],
                    rows: rows.enumerated().map { index, row in
                        [.integer(index + 1), .optionalText(row.registrationNumber), .optionalText(row.documentNumber), .text(row.title),
                         .text(row.issuerName), .optionalDate(row.publishedOn), .optionalDate(row.effectiveOn),
                         row.validUntil.map(XLSXCell.date) ?? .text("长期"), .optionalText(row.status?.label)]
                    })
    }

    static func catalogue(_ frame: PageFrame, rows: [DocumentRow], page: PageInfo, filter: DocumentFilter, issuers: [UnitModel],
                          today: LocalDate) -> String {
        var filterForm = filter
        filterForm.state = nil
        return Layout.page(frame, [
            .tag("p", [.cls("lead")], text: "本目录列出截至 \(today.chinese) 现行有效的规范性文件（经统一登记、统一编号、统一公布）。未列入目录的规范性文件不得作为行政管理的依据。"),
            .tag("form", [Attr("method", "get"), Attr("action", SiteURL.publicDocuments.path), .cls("filter-form"), Attr("role", "search")], [
                Components.field(FieldSpec(name: "q", label: "搜索标题、文号或全文", value: filter.query, maxLength: 100)),
                Components.select(name: "issuer", label: "制定机关", options: issuers.map { ($0.id!.uuidString, $0.name) },
                                  selected: filter.issuerID?.uuidString, includeBlank: "全部"),
                Components.field(FieldSpec(name: "year", label: "公布年份", value: filter.year.map(String.init) ?? "", maxLength: 4, inputMode: "numeric")),
                Components.select(name: "status", label: "效力", options: [(DocumentFilter.StatusFilter.inForce.rawValue, "现行有效"),
                                                                         (DocumentFilter.StatusFilter.notInForce.rawValue, "已失效、废止")],
                                  selected: filter.status?.rawValue),
                .tag("button", [Attr("type", "submit"), .cls("button primary")], text: "查询"),
                .tag("a", [.cls("button subtle"), .href(.publicDocuments)], text: "重置"),
            ]),
            .tag("div", [.cls("toolbar")], SiteURL.ExportFormat.allCases.map { format in
                .tag("a", [.cls("button"), .href(SiteURL.publicDocumentsExport(format).path(query: filter.pairs))], text: "下载目录（\(format.label)）")
            } + [.tag("a", [.cls("button subtle"), .href(.publicCleanups)], text: "清理结果")]),
            Components.table(headers: ["统一登记号", "文号", "标题", "制定机关", "公布日期", "有效期至"], rows: rows.map { row in
                [
                    .t(row.registrationNumber ?? "—"),
                    .t(row.documentNumber ?? "—"),
                    .nodes([Components.link(row.title, .publicDocument(.value(row.id))),
                            row.status.map { $0.isInForce ? .nodes([]) : Components.badge($0.label, "muted") } ?? .nodes([])]),
                    .t(row.issuerName),
                    .t(row.publishedOn?.chinese ?? "—"),
                    .t(row.validUntil?.chinese ?? "长期"),
                ]
            }, empty: "没有符合条件的规范性文件。", nowrap: [0, 1, 4, 5]),
            Components.pagination(page, url: .publicDocuments, query: filter.pairs),
        ])
    }

    static func show(_ frame: PageFrame, document: DocumentModel, status: LegalStatus?, validUntil: LocalDate?, timeline: [TimelineEvent],
                     related: [UUID: DocumentModel], successors: [DocumentModel], attachments: [AttachmentModel],
                     statusOn: (LocalDate, LegalStatus?)?, rules: DocumentRules) -> String {
        let id = document.id!
        var relatedItems: [HTMLNode] = []
        if let predecessor = document.predecessorID, let other = related[predecessor] {
            relatedItems.append(.tag("li", [], [.t("原文件："), Components.link(other.title, .publicDocument(.value(predecessor)))]))
        }
        for successor in successors {
            relatedItems.append(.tag("li", [], [.t("重新公布后的文件："), Components.link("\(successor.registrationNumber ?? "") \(successor.title)", .publicDocument(.value(successor.id!)))]))
        }
        return Layout.page(frame, [
            .tag("section", [.cls("card")], [
                Components.definitions([
                    ("效力状态", status.map { DocumentPages.statusBadge($0, state: document.documentState) } ?? .t("—")),
                    ("文号", .t(document.documentNumber ?? "—")),
                    ("统一登记号", .t(document.registrationNumber ?? "—")),
                    ("制定机关", .t(document.issuingUnit.name)),
                    ("公布日期", .t(document.published?.chinese ?? "—")),
                    ("施行日期", .t(document.effective?.chinese ?? "—")),
                    ("有效期", .t(document.validityTerm.label(rules: rules) + (validUntil.map { "，至 \($0.chinese)" } ?? ""))),
                ]),
            ]),
            .tag("section", [.cls("card"), .id("timeline")], [
                .tag("h2", text: "效力变化"),
                .tag("ol", [.cls("timeline")], timeline.map { event in
                    var parts: [HTMLNode] = [.tag("time", [Attr("datetime", event.date.description)], text: event.date.chinese), .t(" "), .tag("strong", text: event.label)]
                    if let basis = event.basis, !basis.isEmpty { parts.append(.t("（\(basis)）")) }
                    if let linked = event.linkedDocumentID, let other = related[linked] {
                        parts.append(.t(" "))
                        parts.append(Components.link(other.documentNumber ?? other.registrationNumber ?? other.title, .publicDocument(.value(linked))))
                    }
                    return .tag("li", [], parts)
                }),
                .tag("form", [Attr("method", "get"), Attr("action", SiteURL.publicDocument(.value(id)).path + "#timeline"), .cls("filter-form")], [
                    Components.field(FieldSpec(name: "on", label: "查询某日是否有效", value: statusOn?.0.description ?? "", type: "date")),
                    .tag("button", [Attr("type", "submit"), .cls("button")], text: "查询"),
                ]),
                statusOn.map { day, status in
                    Components.notice(Notice(status?.isInForce == true ? .success : .info, "\(day.chinese)：\(status?.label ?? "尚未公布")"))
                } ?? .nodes([]),
                relatedItems.isEmpty ? .nodes([]) : .nodes([.tag("h3", text: "相关文件"), .tag("ul", [], relatedItems)]),
            ]),
            attachments.isEmpty ? .nodes([]) : .tag("section", [.cls("card")], [
                .tag("h2", text: "附件下载"),
                .tag("ul", [], attachments.map { file in
                    .tag("li", [], [Components.link(file.filename, .publicAttachment(.value(id), .value(file.id!))), .t("（\(max(1, file.size / 1024)) KB）")])
                }),
            ]),
            document.body.isEmpty ? .nodes([]) : .tag("section", [.cls("card")], [.tag("h2", text: "正文"), .tag("div", [.cls("document-body")], text: document.body)]),
        ])
    }

    static func cleanups(_ frame: PageFrame, campaigns: [CleanupCampaignModel], tallies: [UUID: CampaignTally]) -> String {
        Layout.page(frame, [
            .tag("p", [.cls("lead")], text: "规范性文件清理结果。清理后决定继续有效的文件列入现行有效目录；废止、宣布失效的文件自决定之日起不再执行。"),
            Components.table(headers: ["清理", "清理决定", "结果"], rows: campaigns.map { campaign in
                [Components.link(campaign.title, .publicCleanup(.value(campaign.id!))),
                 .t("\(campaign.decisionNumber ?? "")（\(campaign.decisionDate.flatMap(LocalDate.init(iso:))?.chinese ?? "")）"),
                 .t(tallies[campaign.id!].map(CleanupPages.tallyLine) ?? "")]
            }, empty: "暂无公布的清理结果。"),
            .tag("p", [], [Components.link("返回现行有效规范性文件目录", .publicDocuments)]),
        ])
    }

    static func cleanup(_ frame: PageFrame, campaign: CleanupCampaignModel, entries: [CleanupEntryModel], tally: CampaignTally) -> String {
        let grouped = Dictionary(grouping: entries) { $0.outcome.flatMap(CleanupOutcome.init(rawValue:)) ?? .continued }
        return Layout.page(frame, [
            .tag("p", [.cls("lead")], text: "依据 \(campaign.decisionNumber ?? "")（\(campaign.decisionDate.flatMap(LocalDate.init(iso:))?.chinese ?? "")），\(CleanupPages.tallyLine(tally))。"),
            .tag("div", [.cls("toolbar")], SiteURL.ExportFormat.allCases.map { format in
                .tag("a", [.cls("button"), .href(.publicCleanupExport(.value(campaign.id!), format))], text: "下载清理结果（\(format.label)）")
            }),
            .nodes(CleanupOutcome.allCases.compactMap { outcome in
                guard let rows = grouped[outcome], !rows.isEmpty else { return nil }
                return .tag("section", [.cls("card")], [
                    .tag("h2", text: "\(outcome.label)（\(rows.count) 件）"),
                    Components.table(headers: ["文号", "标题", "制定机关", "公布日期", "理由"], rows: rows.map { entry in
                        [.t(entry.document.documentNumber ?? "—"), Components.link(entry.document.title, .publicDocument(.value(entry.document.id!))),
                         .t(entry.document.issuingUnit.name), .t(entry.document.published?.chinese ?? "—"), .t(entry.reason)]
                    }, nowrap: [0, 3]),
                ])
            }),
        ])
    }
}
