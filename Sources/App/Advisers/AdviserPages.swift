import FazhiCore
import Foundation
import Plot

enum AdviserPages {
    static func typeLabel(_ raw: String) -> String { AdviserType(rawValue: raw)?.label ?? raw }

    static func termText(_ term: AdviserTerm?) -> String {
        guard let term else { return "—" }
        return "\(term.start.chinese) 至 \(term.end?.chinese ?? "今")"
    }

    static func list(_ frame: PageFrame, user: CurrentUser, rows: [AdvisersController.RosterRow], page: PageInfo,
                     filter: AdvisersController.Filter, today: LocalDate) -> String {
        Layout.page(frame, [
            .tag("p", [.cls("lead")], text: "政府法律顾问、公职律师和一村（社区）一法律顾问名册。联系方式加密保存，列表中打码显示。"),
            .tag("div", [.cls("toolbar")], [
                user.has(.writeAllRecords) ? .tag("a", [.cls("button primary"), .href(.adviserNew)], text: "新增法律顾问") : .nodes([]),
                .tag("a", [.cls("button"), .href(.projects)], text: "重点项目工程"),
                .tag("a", [.cls("button"), .href(.coverage)], text: "村（社区）覆盖"),
            ] + SiteURL.ExportFormat.allCases.map { format in
                .tag("a", [.cls("button"), .href(SiteURL.advisersExport(format).path(query: filter.pairs))], text: "导出 \(format.label)")
            }),
            Components.filterForm(.advisers, [
                Components.field(FieldSpec(name: "q", label: "姓名、单位或执业证号", value: filter.query, maxLength: 40)),
                Components.select(name: "type", label: "类型", options: AdviserType.allCases.map { ($0.rawValue, $0.label) }, selected: filter.type?.rawValue, includeBlank: "全部"),
                Components.select(name: "status", label: "聘期", options: [("active", "在聘"), ("ended", "已期满或未开始")], selected: filter.status, includeBlank: "全部"),
            ]),
            Components.table(headers: ["姓名", "类型", "所在单位", "执业证号", "联系方式", "聘期", "服务村（社区）", "状态"], rows: rows.map { row in
                let active = row.term?.isActive(on: today) ?? false
                return [
                    Components.link(row.model.name, .adviser(.value(row.model.id!))),
                    .t(typeLabel(row.model.type)),
                    .t(row.model.organisation),
                    .t(row.model.licenceNumber ?? "—"),
                    .t(row.contactMasked ?? "—"),
                    .t(termText(row.term)),
                    .t(row.villages == 0 ? "—" : "\(row.villages) 个"),
                    active ? Components.badge("在聘", "ok") : Components.badge("不在聘期", "muted"),
                ]
            }, empty: "没有符合条件的法律顾问。", nowrap: [0, 1, 3, 4, 5, 6, 7]),
            Components.pagination(page, url: .advisers, query: filter.pairs),
        ])
    }

    static func formFields(values: [String: String], errors: FieldErrors, editing: Bool) -> [HTMLNode] {
        [
            Components.field(FieldSpec(name: "name", label: "姓名", value: values["name"] ?? "", required: true, maxLength: 30, errors: errors["name"])),
            Components.select(name: "type", label: "类型", options: AdviserType.allCases.map { ($0.rawValue, $0.label) }, selected: values["type"], required: true,
                              includeBlank: "请选择", errors: errors["type"]),
            Components.field(FieldSpec(name: "organisation", label: "所在单位", value: values["organisation"] ?? "", required: true,
                                       hint: "律师事务所、法律服务所或机关名称。", maxLength: 100, errors: errors["organisation"])),
            Components.field(FieldSpec(name: "licenceNumber", label: "执业证号", value: values["licenceNumber"] ?? "",
                                       hint: "社会律师、公职律师填 17 位执业证号；法律工作者填执业证号；政府法律顾问和机关工作人员可不填。",
                                       maxLength: 30, errors: errors["licenceNumber"])),
            Components.field(FieldSpec(name: "contact", label: "联系方式", value: values["contact"] ?? "",
                                       hint: editing ? "手机、固定电话或电子邮箱。留空则保留原联系方式。" : "手机、固定电话或电子邮箱，加密保存。",
                                       maxLength: 100, autocomplete: "off", errors: errors["contact"])),
            Components.field(FieldSpec(name: "termStart", label: "聘期自", value: values["termStart"] ?? "", type: "date", required: true, errors: errors["termStart"])),
            Components.field(FieldSpec(name: "termEnd", label: "聘期至（长期聘任的留空）", value: values["termEnd"] ?? "", type: "date", errors: errors["termEnd"])),
        ]
    }

    static func form(_ frame: PageFrame, action: SiteURL, values: [String: String], errors: FieldErrors, cancel: SiteURL) -> String {
        Layout.page(frame, [
            .tag("div", [.cls("card")], [
                Components.errorSummary(errors),
                Components.form(action, csrf: frame.csrfToken, formFields(values: values, errors: errors, editing: false) + [Components.submit("保存", secondary: ("取消", cancel))]),
            ]),
        ])
    }

    struct ShowModel {
        let adviser: AdviserModel
        let user: CurrentUser
        let today: LocalDate
        let contactMasked: String?
        let assignments: [AdviserAssignmentModel]
        let townshipNames: [UUID: String]
        let participations: [ProjectParticipationModel]
        let engagements: [AdviserEngagementModel]
        let values: [String: String]
        let errors: FieldErrors
    }

    static func show(_ frame: PageFrame, _ m: ShowModel) -> String {
        let a = m.adviser
        let id = a.id!
        let term = AdvisersController.term(a)
        let contact: HTMLNode = m.contactMasked.map { masked in
            .nodes([.t(masked + " "),
                    m.user.has(.revealPersonalData) ? Components.postButton(.adviserContact(.value(id)), label: "查看完整联系方式", csrf: frame.csrfToken, style: "link-button") : .nodes([])])
        } ?? .t("未登记")
        var content: [HTMLNode] = [
            Components.errorSummary(m.errors),
            .tag("section", [.cls("card")], [
                Components.definitions([
                    ("类型", .t(typeLabel(a.type))),
                    ("所在单位", .t(a.organisation)),
                    ("执业证号", .t(a.licenceNumber ?? "—")),
                    ("联系方式", contact),
                    ("聘期", .nodes([.t(termText(term) + " "), (term?.isActive(on: m.today) ?? false) ? Components.badge("在聘", "ok") : Components.badge("不在聘期", "muted")])),
                ]),
            ]),
            .tag("section", [.cls("card")], [
                .tag("h2", text: "服务的村（社区）"),
                Components.table(headers: ["村（社区）", "所属乡镇", "起始日期", "结束日期", "状态"], rows: m.assignments.map { assignment in
                    let from = LocalDate(iso: assignment.from)
                    let to = assignment.to.flatMap(LocalDate.init(iso:))
                    let active = from.map { VillageAssignment(adviserID: id, regionID: assignment.$region.id, from: $0, to: to).isActive(on: m.today) } ?? false
                    return [.t(assignment.region.name), .t(assignment.region.$parent.id.flatMap { m.townshipNames[$0] } ?? "—"),
                            .t(from?.chinese ?? assignment.from), .t(to?.chinese ?? "—"),
                            active ? Components.badge("服务中", "ok") : Components.badge("已结束", "muted")]
                }, empty: "未分派村（社区）。", nowrap: [2, 3]),
            ]),
            .tag("section", [.cls("card")], [
                .tag("h2", text: "参与重点项目工程"),
                Components.table(headers: ["项目", "参与期间", "法律意见", "摘要"], rows: m.participations.map { p in
                    [Components.link(p.project.name, .project(.value(p.$project.id))),
                     .t("\(LocalDate(iso: p.from)?.chinese ?? p.from) 至 \(p.to.flatMap(LocalDate.init(iso:))?.chinese ?? "今")"),
                     .t("\(p.opinionsCount) 条"), .t(p.opinions)]
                }, empty: "未参与重点项目。", nowrap: [1]),
            ]),
            .tag("section", [.cls("card")], [
                .tag("h2", text: "参与审查和决策"),
                Components.table(headers: ["日期", "类别", "事项", "参与内容和意见"], rows: m.engagements.map { e in
                    let subject = EngagementSubject(rawValue: e.subjectType)
                    let url: SiteURL? = switch subject {
                    case .decision?: .decision(.value(e.subjectID))
                    case .contract?: .contract(.value(e.subjectID))
                    case .document?: .document(.value(e.subjectID))
                    case nil: nil
                    }
                    return [.t(LocalDate(iso: e.date)?.chinese ?? e.date), .t(subject?.label ?? e.subjectType),
                            url.map { Components.link(e.subjectTitle, $0) } ?? .t(e.subjectTitle), .t(e.summary)]
                }, empty: "尚无记录。在决策、合同或文件页面的「法律顾问参与」一栏录入。", nowrap: [0]),
            ]),
        ]
        if m.user.has(.writeAllRecords) {
            content.append(.tag("section", [.cls("card")], [
                .tag("details", [.flag("open", !m.errors.isEmpty)], [
                    .tag("summary", text: "修改名册信息"),
                    Components.form(.adviser(.value(id)), csrf: frame.csrfToken,
                                    formFields(values: m.values, errors: m.errors, editing: true) + [Components.submit("保存修改")]),
                ]),
            ]))
        }
        return Layout.page(frame, content)
    }

    // MARK: Part in reviews and decisions

    /// The 法律顾问参与 card's page model (`AdviserQuery.engagementCard`): plain values only.
    struct EngagementSection: Sendable {
        let subject: EngagementSubject
        let subjectID: UUID
        let records: [EngagementLine]
        let advisers: [AdviserChoice]
        let canWrite: Bool
        var values: [String: String] = [:]
        var errors = FieldErrors()
    }

    struct EngagementLine: Sendable {
        let date: String
        let adviserID: UUID
        let adviserName: String
        let adviserType: String
        let summary: String
    }

    struct AdviserChoice: Sendable {
        let id: UUID
        let name: String
        let type: String
        let organisation: String
    }

    /// The 法律顾问参与 card on a decision's, contract's or document's page.
    static func engagements(_ frame: PageFrame, _ s: EngagementSection) -> HTMLNode {
        var nodes: [HTMLNode] = [
            .tag("h2", text: "法律顾问参与"),
            Components.table(headers: ["日期", "法律顾问", "参与内容和意见"], rows: s.records.map { e in
                [.t(LocalDate(iso: e.date)?.chinese ?? e.date),
                 .nodes([Components.link(e.adviserName, .adviser(.value(e.adviserID))), .t("（\(typeLabel(e.adviserType))）")]),
                 .t(e.summary)]
            }, empty: "尚无法律顾问参与记录。", nowrap: [0]),
        ]
        if s.canWrite {
            nodes.append(.tag("details", [.flag("open", !s.errors.isEmpty)], [
                .tag("summary", text: "录入法律顾问参与"),
                Components.form(.adviserEngagements, csrf: frame.csrfToken, [
                    .void("input", [Attr("type", "hidden"), Attr("name", "subjectType"), Attr("value", s.subject.rawValue)]),
                    .void("input", [Attr("type", "hidden"), Attr("name", "subjectID"), Attr("value", s.subjectID.uuidString)]),
                    Components.select(name: "adviser", label: "法律顾问", options: s.advisers.map { ($0.id.uuidString, "\($0.name)（\(typeLabel($0.type))，\($0.organisation)）") },
                                      selected: s.values["adviser"], required: true, includeBlank: "请选择（仅列在聘人员）", errors: s.errors["adviser"]),
                    Components.field(FieldSpec(name: "date", label: "参与日期", value: s.values["date"] ?? "", type: "date", required: true, errors: s.errors["date"])),
                    Components.textarea(name: "summary", label: "参与内容和意见", value: s.values["summary"] ?? "", required: true, rows: 3,
                                        hint: "如：出具法律意见书一份，建议删除担保条款。", maxLength: AdviserEngagement.summaryMaximumLength, errors: s.errors["summary"]),
                    Components.submit("保存"),
                ]),
            ]))
        }
        return .tag("section", [.cls("card"), .id("advisers")], nodes)
    }

    // MARK: Key projects

    struct ProjectRow: Sendable {
        let model: KeyProjectModel
        let advisers: Int
        let opinions: Int
        let contracts: Int
    }

    static func projects(_ frame: PageFrame, user: CurrentUser, rows: [ProjectRow], page: PageInfo, search: String) -> String {
        Layout.page(frame, [
            .tag("p", [.cls("lead")], text: "政府法律顾问、公职律师参与的重点项目工程，以及参与人员和提出的法律意见。"),
            .tag("div", [.cls("toolbar")], [
                user.has(.writeAllRecords) ? .tag("a", [.cls("button primary"), .href(.projectNew)], text: "登记重点项目") : .nodes([]),
            ]),
            Components.filterForm(.projects, [Components.field(FieldSpec(name: "q", label: "项目名称", value: search, maxLength: 40))]),
            Components.table(headers: ["项目名称", "项目单位", "开始日期", "参与法律顾问", "法律意见", "关联合同"], rows: rows.map { row in
                [Components.link(row.model.name, .project(.value(row.model.id!))), .t(row.model.ownerUnit.name),
                 .t(LocalDate(iso: row.model.startDate)?.chinese ?? row.model.startDate),
                 .t("\(row.advisers) 人"), .t("\(row.opinions) 条"), .t("\(row.contracts) 份")]
            }, empty: "尚未登记重点项目。", nowrap: [2]),
            Components.pagination(page, url: .projects, query: [("q", search)]),
        ])
    }

    static func projectForm(_ frame: PageFrame, values: [String: String], errors: FieldErrors, units: [UnitModel]) -> String {
        Layout.page(frame, [
            .tag("div", [.cls("card")], [
                Components.errorSummary(errors),
                Components.form(.projectNew, csrf: frame.csrfToken, [
                    Components.field(FieldSpec(name: "name", label: "项目名称", value: values["name"] ?? "", required: true, maxLength: 100, errors: errors["name"])),
                    Components.select(name: "unit", label: "项目单位", options: units.map { ($0.id!.uuidString, $0.name) }, selected: values["unit"], required: true,
                                      includeBlank: "请选择", errors: errors["unit"] + errors["ownerUnit"]),
                    Components.field(FieldSpec(name: "startDate", label: "开始日期", value: values["startDate"] ?? "", type: "date", required: true, errors: errors["startDate"])),
                    Components.field(FieldSpec(name: "endDate", label: "结束日期（未结束的留空）", value: values["endDate"] ?? "", type: "date", errors: errors["endDate"])),
                    Components.textarea(name: "description", label: "项目简介", value: values["description"] ?? "", rows: 3, maxLength: 2000, errors: errors["description"]),
                    Components.submit("保存", secondary: ("取消", .projects)),
                ]),
            ]),
        ])
    }

    static func project(_ frame: PageFrame, project: KeyProjectModel, participations: [ProjectParticipationModel], advisers: [AdviserModel],
                        contracts: [ContractModel], canWrite: Bool, today: LocalDate, values: [String: String], errors: FieldErrors) -> String {
        var content: [HTMLNode] = [
            Components.errorSummary(errors),
            .tag("section", [.cls("card")], [
                Components.definitions([
                    ("项目单位", .t(project.ownerUnit.name)),
                    ("期间", .t("\(LocalDate(iso: project.startDate)?.chinese ?? project.startDate) 至 \(project.endDate.flatMap(LocalDate.init(iso:))?.chinese ?? "今")")),
                    ("简介", .t(project.description.isEmpty ? "—" : project.description)),
                ]),
            ]),
            .tag("section", [.cls("card")], [
                .tag("h2", text: "参与的法律顾问"),
                Components.table(headers: ["法律顾问", "类型", "参与期间", "法律意见", "摘要"], rows: participations.map { p in
                    [Components.link(p.adviser.name, .adviser(.value(p.$adviser.id))), .t(typeLabel(p.adviser.type)),
                     .t("\(LocalDate(iso: p.from)?.chinese ?? p.from) 至 \(p.to.flatMap(LocalDate.init(iso:))?.chinese ?? "今")"),
                     .t("\(p.opinionsCount) 条"), .t(p.opinions)]
                }, empty: "尚无法律顾问参与。", nowrap: [2]),
            ]),
            .tag("section", [.cls("card")], [
                .tag("h2", text: "关联合同"),
                Components.table(headers: ["合同名称", "送审日期", "状态"], rows: contracts.map { c in
                    [Components.link(c.title, .contract(.value(c.id!))), .t(LocalDate(iso: c.submittedOn)?.chinese ?? c.submittedOn), ContractPages.stateBadge(c.state)]
                }, empty: "没有关联的合同。", nowrap: [1]),
            ]),
        ]
        if canWrite {
            content.append(.tag("section", [.cls("card")], [
                .tag("h2", text: "录入参与"),
                Components.form(.projectParticipation(.value(project.id!)), csrf: frame.csrfToken, [
                    Components.select(name: "adviser", label: "法律顾问", options: advisers.map { ($0.id!.uuidString, "\($0.name)（\(typeLabel($0.type))）") },
                                      selected: values["adviser"], required: true, includeBlank: "请选择（仅列在聘人员）", errors: errors["adviser"]),
                    Components.field(FieldSpec(name: "from", label: "参与开始日期", value: values["from"] ?? today.description, type: "date", required: true, errors: errors["from"])),
                    Components.field(FieldSpec(name: "to", label: "参与结束日期（仍在参与的留空）", value: values["to"] ?? "", type: "date", errors: errors["to"])),
                    Components.field(FieldSpec(name: "opinionsCount", label: "提出法律意见数", value: values["opinionsCount"] ?? "0", required: true, maxLength: 5,
                                               inputMode: "numeric", errors: errors["opinionsCount"])),
                    Components.textarea(name: "opinionsSummary", label: "法律意见摘要", value: values["opinionsSummary"] ?? "", rows: 3,
                                        hint: "提出意见的，须简述意见内容。", maxLength: 4000, errors: errors["opinionsSummary"]),
                    Components.submit("保存"),
                ]),
            ]))
        }
        return Layout.page(frame, content)
    }

    // MARK: Coverage

    static func coverage(_ frame: PageFrame, report: CoverageReport, date: LocalDate, dateError: String?, adviserNames: [UUID: String],
                         regions: [UUID: RegionModel], assignable: [AdviserModel], values: [String: String], errors: FieldErrors) -> String {
        let gaps = report.townships.flatMap { township in township.cells.filter { !$0.isCovered }.map { (township.name, $0) } }
        let stats = report.statisticValues
        var content: [HTMLNode] = [
            Components.errorSummary(errors),
            .tag("form", [Attr("method", "get"), Attr("action", SiteURL.coverage.path), .cls("filter-form")], [
                Components.field(FieldSpec(name: "date", label: "统计日期", value: date.description, type: "date", errors: dateError.map { [$0] } ?? [])),
                .tag("button", [Attr("type", "submit"), .cls("button")], text: "查看"),
            ]),
            .tag("section", [.cls("card")], [
                .tag("div", [.cls("counters")], [
                    figure("村（社区）法律顾问", "\(report.advisers) 人"),
                    figure("覆盖村", "\(report.villagesCovered) / \(report.villages)"),
                    figure("覆盖社区", "\(report.communitiesCovered) / \(report.communities)"),
                    figure("未覆盖", "\(gaps.count) 个", alert: !gaps.isEmpty),
                ]),
                .tag("p", [.cls("muted")], text: "其中社会律师 \(stats["advisers.village.socialLawyers"] ?? 0) 人、公职律师 \(stats["advisers.village.publicLawyers"] ?? 0) 人、"
                    + "法律工作者 \(stats["advisers.village.legalWorkers"] ?? 0) 人、机关工作人员 \(stats["advisers.village.staff"] ?? 0) 人（\(date.chinese)）。"),
                gaps.isEmpty
                    ? Components.notice(Notice(.success, "全部村（社区）均已配备法律顾问。"))
                    : Components.notice(Notice(.warning, "以下 \(gaps.count) 个村（社区）尚未配备法律顾问：" + gaps.prefix(30).map { "\($0.0)\($0.1.name)" }.joined(separator: "、") + (gaps.count > 30 ? " 等" : "") + "。")),
            ]),
            .tag("section", [.cls("card")], [
                .tag("h2", text: "按乡镇统计"),
                Components.table(headers: ["乡镇（街道）", "村", "社区", "已覆盖", "未覆盖", "法律顾问"], rows: report.townships.map { township in
                    let advisers = Set(township.cells.flatMap(\.adviserIDs)).count
                    return [.t(township.name), .t("\(township.villages)"), .t("\(township.communities)"), .t("\(township.covered)"),
                            township.gaps.isEmpty ? .t("0") : Components.badge("\(township.gaps.count)", "danger"), .t("\(advisers) 人")]
                }, empty: "尚未登记村（社区）区划。"),
            ]),
            .tag("section", [.cls("card")], [
                .tag("h2", text: "覆盖图"),
                .tag("p", [.cls("legend")], [
                    .tag("span", [.cls("cell covered")], text: "已覆盖"), .t(" "), .tag("span", [.cls("cell gap")], text: "未覆盖"),
                    .t(" 每格一个村（社区），社区加框；悬停查看法律顾问。"),
                ]),
                .tag("div", [.cls("coverage-map")], report.townships.map { township in
                    .tag("div", [.cls(township.isFullyCovered ? "township" : "township has-gap")], [
                        .tag("h3", text: "\(township.name) \(township.covered)/\(township.cells.count)"),
                        .tag("div", [.cls("cells")], township.cells.map { cell in
                            let names = cell.adviserIDs.compactMap { adviserNames[$0] }.joined(separator: "、")
                            let title = "\(cell.name)（\(cell.level.label)）：" + (names.isEmpty ? "未配备法律顾问" : names)
                            let classes = "cell \(cell.isCovered ? "covered" : "gap")\(cell.level == .community ? " community" : "")"
                            return assignable.isEmpty
                                ? .tag("span", [.cls(classes), Attr("title", title)], text: cell.name)
                                : .tag("a", [.cls(classes), Attr("title", title), Attr("href", SiteURL.coverage.path(query: [("region", cell.regionID.uuidString)]) + "#assign")], text: cell.name)
                        }),
                    ])
                }),
            ]),
        ]
        if !assignable.isEmpty {
            let cells = report.townships.flatMap { township in
                township.cells.map { cell in (cell.regionID.uuidString, "\(township.name) · \(cell.name)\(cell.isCovered ? "" : "（未覆盖）")") }
            }
            content.append(.tag("section", [.cls("card"), .id("assign")], [
                .tag("h2", text: "分派法律顾问"),
                .tag("p", [.cls("hint")], text: "为村（社区）指定法律顾问；该村（社区）原有的分派在起始日期前一日结束。"),
                Components.form(.coverageAssign, csrf: frame.csrfToken, [
                    Components.select(name: "region", label: "村（社区）", options: cells, selected: values["region"], required: true, includeBlank: "请选择", errors: errors["region"]),
                    Components.select(name: "adviser", label: "法律顾问", options: assignable.map { ($0.id!.uuidString, "\($0.name)（\(typeLabel($0.type))，\($0.organisation)）") },
                                      selected: values["adviser"], required: true, includeBlank: "请选择（仅列在聘人员）", errors: errors["adviser"]),
                    Components.field(FieldSpec(name: "from", label: "起始日期", value: values["from"] ?? "", type: "date", required: true, errors: errors["from"])),
                    Components.submit("分派"),
                ]),
            ]))
        }
        return Layout.page(frame, content)
    }

    static func figure(_ label: String, _ value: String, alert: Bool = false) -> HTMLNode {
        .tag("div", [.cls(alert ? "counter counter-late" : "counter counter-todo")], [.tag("strong", text: value), .tag("span", text: label)])
    }
}
