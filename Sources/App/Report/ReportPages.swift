import FazhiCore
import Foundation

/// The annual report's staff pages.
enum ReportPages {
    static func declared(_ frame: PageFrame, year: Int, years: [Int], figures: [DeclaredFigureModel], canWrite: Bool,
                         values: [String: String], errors: FieldErrors, importReport: DeclaredFiguresController.ImportReport? = nil) -> String {
        var content: [HTMLNode] = [
            .tag("p", [.cls("lead")], text: "没有业务模块统计的数字（如上级草案征求意见、证照分离事项、联合执法次数等），由法制机构按年度申报并写明来源。报告中申报数字与系统计算的数字分开标示；系统能计算的指标不能申报。"),
            Components.yearLinks(.reportDeclared, years: years, current: year),
            .tag("div", [.cls("toolbar")], SiteURL.ExportFormat.allCases.map { format in
                .tag("a", [.cls("button subtle"), .href(SiteURL.reportDeclaredExport(format).path(query: [("year", String(year))]))], text: "导出 \(format.label)")
            }),
            Components.table(caption: "\(year) 年申报数字（\(figures.count) 项）", headers: ["指标代码", "指标名称", "数值", "截至日期", "数据来源", "录入", ""],
                             rows: figures.map { model in
                                 [.tag("code", text: model.key), .t(model.label),
                                  .t((model.figure?.value.display ?? String(model.numerator)) + (model.kind == "count" ? " \(model.unit)" : "")),
                                  .t(LocalDate(iso: model.asOf)?.chinese ?? model.asOf), .t(model.source),
                                  .t("\(model.enteredBy)，\(LocalDate(model.enteredAt).description)"),
                                  canWrite ? Components.postButton(.reportDeclaredDelete(.value(model.id!)), label: "删除", csrf: frame.csrfToken, style: "link-button")
                                      : .nodes([])]
                             }, empty: "本年度尚无申报数字。", nowrap: [0, 2, 3, 5, 6]),
        ]
        if let report = importReport {
            content.insert(.tag("section", [.cls("card"), .id("import-report")], report.problems.isEmpty ? [
                Components.notice(Notice(.success, "文件（\(report.encoding)）检查通过：\(report.figures.count) 个数字可以导入。选择「正式导入」再上传一次即导入。")),
                Components.table(headers: ["指标代码", "指标名称", "数值", "截至日期"], rows: report.figures.map {
                    [.tag("code", text: $0.key), .t($0.label), .t($0.value.display + ($0.kind == .count ? " \($0.unit)" : "")), .t($0.asOf.chinese)]
                }),
            ] : [
                Components.notice(Notice(.error, "文件（\(report.encoding)）有 \(report.problems.count) 处问题，未导入任何数字。请修改后重新上传。")),
                .tag("ul", [], report.problems.prefix(500).map { .tag("li", text: $0) }),
            ]), at: 1)
        }
        if canWrite {
            let e = errors
            content.append(.tag("section", [.cls("card"), .id("import")], [
                .tag("h2", text: "从 CSV 或 Excel 导入"),
                .tag("p", [.cls("hint")], text: "第一行为表头，列为：" + DeclaredFigureImport.columns.joined(separator: "、")
                     + "（即「导出」的格式）；单位填 % 的为比率。整份文件检查通过才导入，同一指标代码已申报的即修改。"),
                Components.form(.reportDeclaredImport, csrf: frame.csrfToken, [
                    Components.hidden("year", String(year)),
                    .tag("div", [.cls("field")], [
                        .tag("label", [Attr("for", "f-file")], text: "\(year) 年申报数字文件"),
                        .void("input", [Attr("type", "file"), .id("f-file"), Attr("name", "file"), Attr("accept", ".csv,.xlsx,text/csv"),
                                        Attr("aria-describedby", e["file"].isEmpty ? nil : "f-file-error")]),
                        Components.fieldErrors(id: "f-file-error", e["file"]),
                    ]),
                    Components.select(name: "mode", label: "方式", options: [("check", "只检查，不导入"), ("import", "正式导入")], selected: "check"),
                    Components.submit("上传"),
                ], upload: true),
            ]))
            content.append(.tag("section", [.cls("card"), .id("declare")], [
                .tag("h2", text: "申报或修改一个数字"),
                .tag("p", [.cls("hint")], text: "同一年度同一指标代码再次申报即为修改，原值记入审计日志。"),
                Components.errorSummary(e),
                Components.form(.reportDeclared, csrf: frame.csrfToken, [
                    Components.hidden("year", String(year)),
                    Components.field(FieldSpec(name: "key", label: "指标代码", value: values["key"] ?? "", required: true,
                                               hint: "英文点分标识，如 publicity.lectures；与报告正文中的 {{publicity.lectures}} 对应。", maxLength: 80, errors: e["key"])),
                    Components.field(FieldSpec(name: "label", label: "指标名称", value: values["label"] ?? "", required: true, maxLength: 60, errors: e["label"])),
                    Components.select(name: "kind", label: "类型", options: [("count", "数量"), ("rate", "比率（百分数）")], selected: values["kind"] ?? "count",
                                      required: true, errors: e["kind"]),
                    Components.field(FieldSpec(name: "value", label: "数值", value: values["value"] ?? "", required: true, hint: "数量填整数；比率填 0–100 的百分数，如 98。",
                                               maxLength: 12, inputMode: "numeric", errors: e["value"])),
                    Components.field(FieldSpec(name: "unit", label: "单位", value: values["unit"] ?? "", required: true, hint: "如 件、人次、项；比率填 %。",
                                               maxLength: 10, errors: e["unit"])),
                    Components.field(FieldSpec(name: "asOf", label: "截至日期", value: values["asOf"] ?? "\(year)-12-31", type: "date", required: true, errors: e["asOf"])),
                    Components.textarea(name: "source", label: "数据来源", value: values["source"] ?? "", required: true, rows: 2,
                                        hint: "提供单位和依据，如「县普法办2020年度普法工作统计表」。", maxLength: 200, errors: e["source"]),
                    Components.submit("保存"),
                ]),
            ]))
        }
        return Layout.page(frame, content)
    }

    static func stateBadge(_ state: ReportState) -> HTMLNode {
        switch state {
        case .draft: Components.badge(state.label, "warn")
        case .finalized: Components.badge(state.label, "neutral")
        case .published: Components.badge(state.label, "ok")
        case .superseded: Components.badge(state.label, "muted")
        }
    }

    static func deadlineText(_ deadline: ReportPublicationDeadline, today: LocalDate, publishedOn: LocalDate?) -> HTMLNode {
        let due = "\(deadline.reportYear) 年度报告应于 \(deadline.lastDay.chinese)前向社会公开"
        switch deadline.status(today: today, publishedOn: publishedOn) {
        case .notStarted: return .tag("span", text: "\(due)（年度结束后开始倒计时）")
        case .running(let days): return .nodes([.t("\(due)，还剩 "), .tag("strong", text: "\(days)"), .t(" 天 "), Components.badge(days <= 15 ? "临期" : "进行中", days <= 15 ? "warn" : "ok")])
        case .overdue(let days): return .nodes([.t("\(due)，已超期 \(days) 天 "), Components.badge("超期", "danger")])
        case .published(let on, let late): return .nodes([.t("已于 \(on.chinese)公布 "), Components.badge(late ? "逾期公布" : "按期公布", late ? "danger" : "ok")])
        }
    }

    static func list(_ frame: PageFrame, user: CurrentUser, reports: [ReportModel], written: [UUID: Int], edits: [UUID: Int],
                     deadline: ReportPublicationDeadline, today: LocalDate, values: [String: String], errors: FieldErrors) -> String {
        let published = reports.first { $0.year == deadline.reportYear && $0.publishedOn != nil }?.publishedOn.flatMap(LocalDate.init(iso:))
        var content: [HTMLNode] = [
            .tag("p", [.cls("lead")], text: "法治政府建设年度报告由各模块的业务记录自动起草：正文中的每个数字都来自统计口径目录，点击即可查看口径和所统计的记录。法制机构逐部分修改正文（每次保存留存版本），定稿时冻结正文和全部数字并计算校验值，公布后在门户网站公开。"),
            .tag("section", [.cls("card")], [.tag("h2", text: "公布期限"), .tag("p", [], [deadlineText(deadline, today: today, publishedOn: published)])]),
            .tag("div", [.cls("toolbar")], [
                .tag("a", [.cls("button subtle"), .href(.reportDeclared)], text: "申报数字"),
                .tag("a", [.cls("button subtle"), .href(.reportTemplates)], text: "报告模板"),
                .tag("a", [.cls("button subtle"), .href(.dashboard)], text: "领导看板"),
            ]),
        ]
        if user.has(.writeAllRecords) {
            content.append(.tag("section", [.cls("card"), .id("new")], [
                .tag("h2", text: "起草新的年度报告"),
                Components.errorSummary(errors),
                Components.form(.reportNew, csrf: frame.csrfToken, [
                    Components.field(FieldSpec(name: "year", label: "报告年度", value: values["year"] ?? String(deadline.reportYear), required: true,
                                               hint: "按报告模板起草，数字从业务记录和申报数字中取得。", maxLength: 4, inputMode: "numeric", errors: errors["year"])),
                    Components.submit("起草"),
                ]),
            ]))
        }
        content.append(Components.table(caption: "历年报告", headers: ["年度", "版本", "标题", "状态", "进度", "保存次数", "公布日期"], rows: reports.map { report in
            let progress: String = switch report.reportState {
            case .draft: "已撰写 \(written[report.id!] ?? 0)/\(ReportSectionKey.allCases.count) 部分"
            case .finalized, .published, .superseded: "已定稿（校验值 \(String((report.snapshotHash ?? "").prefix(12)))…）"
            }
            return [.t("\(report.year)"), .t("第 \(report.version) 版"), Components.link(report.title, .report(.value(report.id!))), stateBadge(report.reportState),
                    .t(progress), .t("\(edits[report.id!] ?? 0)"), .t(report.publishedOn.flatMap(LocalDate.init(iso:))?.chinese ?? "—")]
        }, empty: "尚未起草年度报告。", nowrap: [0, 1, 3, 6]))
        return Layout.page(frame, content)
    }

    struct ShowModel {
        let report: ReportModel
        let user: CurrentUser
        let content: ReportService.Content
        let rendered: RenderedReport?
        let editCounts: [String: Int]
        let otherVersions: [ReportModel]
        let cutoffs: [String: LocalDate]
        let sealIntact: Bool?
        let today: LocalDate
        let deadline: ReportPublicationDeadline
        let errors: FieldErrors
        let values: [String: String]
    }

    /// A figure in the text: a link to its trace, marked when declared or missing.
    static func figureNode(_ figure: RenderedFigure, report: ReportModel, figures: [String: ReportFigure], link: Bool) -> HTMLNode {
        guard figure.isResolved, let resolved = figures[figure.key] else {
            return .tag("mark", [.cls("figure missing"), Attr("title", figure.problem ?? "")], text: figure.text)
        }
        let title = "\(resolved.label)：\(resolved.value.display)\(resolved.kind == .count ? resolved.unit : "")（截至 \(resolved.cutoff.chinese)）\(resolved.isDeclared ? "，申报数字" : "")"
        let cls = "figure" + (resolved.isDeclared ? " declared" : "")
        guard link else { return .tag("span", [.cls(cls), Attr("title", title), Attr("data-key", figure.key)], text: figure.text) }
        return .tag("a", [.cls(cls), .href(.reportFigure(.value(report.id!), .value(figure.key))), Attr("title", title), Attr("data-key", figure.key)], text: figure.text)
    }

    static func blocks(_ rendered: RenderedReport, report: ReportModel, figures: [String: ReportFigure], link: Bool, editable: Bool) -> [HTMLNode] {
        rendered.blocks.map { block in
            let inline: [HTMLNode] = block.content.segments.map { segment in
                switch segment {
                case .text(let text): .t(text)
                case .figure(let figure): figureNode(figure, report: report, figures: figures, link: link)
                }
            }
            switch block.kind {
            case .title: return .tag("h2", [.cls("report-title")], inline)
            case .partHeading: return .tag("h3", [.cls("report-part")], inline)
            case .sectionHeading:
                var nodes = inline
                if editable, let key = block.section {
                    nodes.append(.tag("a", [.cls("edit-link"), .href(.reportSection(.value(report.id!), .value(key.rawValue)))], text: "编辑"))
                }
                return .tag("h4", [.cls("report-section"), .id("section-\(block.section?.rawValue ?? "")")], nodes)
            case .subheading: return .tag("p", [.cls("report-subheading")], inline)
            case .paragraph: return .tag("p", [.cls("report-paragraph")], inline)
            case .signatory: return .tag("p", [.cls("report-signatory")], inline)
            case .date: return .tag("p", [.cls("report-date")], inline)
            }
        }
    }

    static func show(_ frame: PageFrame, _ m: ShowModel) -> String {
        let r = m.report
        let id = r.id!
        let e = m.errors
        let canWrite = m.user.has(.writeAllRecords)
        let state = r.reportState
        var facts: [(String, HTMLNode)] = [
            ("状态", stateBadge(state)),
            ("年度 / 版本", .t("\(r.year) 年度，第 \(r.version) 版")),
            ("落款", .t(r.signatoryList.isEmpty ? "未填写" : r.signatoryList.joined(separator: "、"))),
            ("成文日期", .t(r.signedOn.flatMap(LocalDate.init(iso:))?.chinese ?? "未填写")),
            ("公布期限", deadlineText(m.deadline, today: m.today, publishedOn: r.publishedOn.flatMap(LocalDate.init(iso:)))),
            ("报送党委、人大常委会", .t(r.submittedOn.flatMap(LocalDate.init(iso:)).map { "\($0.chinese) 报送\(r.submittedTo ?? "")" }
                               ?? "尚未录入（应于 \(ReportPublicationDeadline(reportYear: r.year).submitLastDay.chinese)前报送）")),
        ]
        if let at = r.finalizedAt {
            facts.append(("定稿", .t("\(LocalDate(at).chinese)，\(r.finalizedBy ?? "")")))
            facts.append(("校验值（SHA-256）", .nodes([.tag("code", text: r.snapshotHash ?? ""), .t(" "),
                                                    m.sealIntact == true ? Components.badge("校验一致", "ok") : Components.badge("校验不一致", "danger")])))
        }
        if !m.otherVersions.isEmpty {
            facts.append(("其他版本", .nodes(m.otherVersions.map { other in
                .nodes([Components.link("第 \(other.version) 版（\(other.reportState.label)）", .report(.value(other.id!))), .t(" ")])
            })))
        }
        var content: [HTMLNode] = [Components.errorSummary(e), .tag("section", [.cls("card")], [Components.definitions(facts)])]
        var actions: [HTMLNode] = [
            .tag("a", [.cls("button subtle"), .href(.reportPrint(.value(id)))], text: "打印版（A4）"),
            .tag("a", [.cls("button subtle"), .href(.reportDocx(.value(id)))], text: "下载 Word（DOCX）"),
        ]
        if state == .published { actions.append(.tag("a", [.cls("button subtle"), .href(.publicReport(.value(id)))], text: "门户网站页面")) }
        if canWrite {
            switch state {
            case .draft:
                actions.insert(Components.postButton(.reportStep(.value(id), ReportEvent.finalize), label: "定稿", csrf: frame.csrfToken, style: "button primary"), at: 0)
            case .finalized, .published:
                actions.append(Components.postButton(.reportNewVersion(.value(id)), label: "新建修订版本", csrf: frame.csrfToken, style: "button"))
            case .superseded: break
            }
        }
        content.append(.tag("div", [.cls("toolbar")], actions))
        if canWrite && state == .finalized {
            content.append(.tag("section", [.cls("card"), .id("publish")], [
                .tag("h2", text: "公布"),
                Components.form(.reportStep(.value(id), ReportEvent.publish), csrf: frame.csrfToken, [
                    Components.field(FieldSpec(name: "publishedOn", label: "公布日期", value: m.values["publishedOn"] ?? m.today.description, type: "date", required: true,
                                               hint: "公布后在门户网站「年度报告」栏目公开；同一年度的旧版本被本版取代。", errors: e["publishedOn"])),
                    Components.submit("公布"),
                ]),
            ]))
        }
        // Sections: progress and editing.
        let figuresBySection: [ReportSectionKey: Int] = m.rendered.map { rendered in
            rendered.blocks.reduce(into: [ReportSectionKey: Int]()) { counts, block in
                guard let key = block.section else { return }
                counts[key, default: 0] += block.content.segments.filter { if case .figure = $0 { true } else { false } }.count
            }
        } ?? [:]
        content.append(.tag("section", [.cls("card"), .id("sections")], [
            .tag("h2", text: "各部分"),
            Components.table(headers: ["部分", "法定内容", "字数", "数字", "保存次数", ""], rows: m.content.draft.sections.map { section in
                let problems = m.content.problems[section.key.rawValue]
                var links: [HTMLNode] = []
                if canWrite && state == .draft { links.append(Components.link("编辑", .reportSection(.value(id), .value(section.key.rawValue)))) }
                if (m.editCounts[section.key.rawValue] ?? 0) > 0 {
                    links.append(.t(" "))
                    links.append(Components.link("修改记录", .reportSectionVersions(.value(id), .value(section.key.rawValue))))
                }
                let words = section.text.filter { !$0.isWhitespace }.count
                return [.t(section.key.label), .t(section.key.statutoryItem?.label ?? "—"),
                        words == 0 ? Components.badge("未撰写", section.key.statutoryItem == nil || section.key == .otherMatters ? "muted" : "warn") : .t("\(words)"),
                        problems.isEmpty ? .t("\(figuresBySection[section.key] ?? 0)") : Components.badge("\(problems.count) 处错误", "danger"),
                        .t("\(m.editCounts[section.key.rawValue] ?? 0)"), .nodes(links)]
            }),
        ]))
        if canWrite && state == .draft {
            content.append(signatureForm(frame, m))
            content.append(cutoffForm(frame, m))
        }
        if canWrite { content.append(submissionForm(frame, m)) }
        // The report itself.
        var body: [HTMLNode] = [
            .tag("p", [.cls("hint")], text: "正文中带下划线的数字来自统计口径目录，点击查看口径和所统计的记录；带「申」标记的为申报数字；红色为尚未取得的数字。" + (state == .draft ? "定稿前数字随业务记录实时更新。" : "本版已定稿，数字为定稿时的值。")),
        ]
        if let rendered = m.rendered {
            body += blocks(rendered, report: r, figures: m.content.figures, link: true, editable: canWrite && state == .draft)
        } else {
            body.append(Components.notice(Notice(.error, "正文有格式错误的数字占位符，请在「各部分」中改正：" + m.content.problems.entries.prefix(3).map(\.message).joined(separator: "；"))))
        }
        content.append(.tag("article", [.cls("card report"), .id("report"), Attr("lang", "zh-CN")], body))
        return Layout.page(frame, content)
    }

    static func signatureForm(_ frame: PageFrame, _ m: ShowModel) -> HTMLNode {
        let r = m.report
        let e = m.errors
        return .tag("details", [.cls("step card"), .id("signature"), .flag("open", !e["title"].isEmpty || !e["signatories"].isEmpty || !e["signedOn"].isEmpty)], [
            .tag("summary", text: "标题、落款和成文日期"),
            Components.form(.reportSignature(.value(r.id!)), csrf: frame.csrfToken, [
                Components.textarea(name: "title", label: "报告标题", value: m.values["title"] ?? r.title, required: true, rows: 2,
                                    hint: "标题较长时可分两行（回车换行），居中排布。", maxLength: 100, errors: e["title"]),
                Components.textarea(name: "signatories", label: "落款机关（每行一个）", value: m.values["signatories"] ?? r.signatories, required: true, rows: 2,
                                    hint: "如：中共\(r.regionName)委、\(r.regionName)人民政府。", maxLength: 200, errors: e["signatories"]),
                Components.field(FieldSpec(name: "signedOn", label: "成文日期", value: m.values["signedOn"] ?? r.signedOn ?? "", type: "date",
                                           hint: "定稿前须填写；用阿拉伯数字（GB/T 9704-2012）。", errors: e["signedOn"])),
                Components.submit("保存"),
            ]),
        ])
    }

    /// 督察工作规定 art. 23: the report to the Party committee and the people's congress standing committee.
    static func submissionForm(_ frame: PageFrame, _ m: ShowModel) -> HTMLNode {
        let r = m.report
        let e = m.errors
        return .tag("details", [.cls("step card"), .id("submission"), .flag("open", !e["submittedOn"].isEmpty || !e["submittedTo"].isEmpty)], [
            .tag("summary", text: "报送同级党委、人大常委会"),
            .tag("p", [.cls("hint")], text: "《法治政府建设与责任落实督察工作规定》第二十三条：每年3月1日前向同级党委、人民代表大会常务委员会报告上一年度法治政府建设情况。"),
            Components.form(.reportSubmission(.value(r.id!)), csrf: frame.csrfToken, [
                Components.field(FieldSpec(name: "submittedOn", label: "报送日期", value: m.values["submittedOn"] ?? r.submittedOn ?? "", type: "date",
                                           required: true, errors: e["submittedOn"])),
                Components.field(FieldSpec(name: "submittedTo", label: "报送机关", value: m.values["submittedTo"] ?? r.submittedTo ?? "同级党委、人大常委会",
                                           required: true, maxLength: 200, errors: e["submittedTo"])),
                Components.submit("保存报送情况"),
            ]),
        ])
    }

    static func cutoffForm(_ frame: PageFrame, _ m: ShowModel) -> HTMLNode {
        let r = m.report
        let used = Set(m.content.figures.values.filter { !$0.isDeclared }.map(\.key))
        let entries = StatisticsCatalogue.entries.filter { used.contains($0.definition.key) }
        let hasErrors = m.errors.entries.contains { $0.field.hasPrefix("cutoff.") }
        return .tag("details", [.cls("step card"), .id("cutoffs"), .flag("open", hasErrors)], [
            .tag("summary", text: "数字的截至日期（\(m.cutoffs.count) 项不是 12 月 31 日）"),
            .tag("p", [.cls("hint")], text: "报告中有的数字统计到 11 月 30 日，有的统计到 12 月 31 日。留空即 12 月 31 日。正文中写「截至{{截至:指标代码}}」可引用该日期。"),
            entries.isEmpty ? .tag("p", [.cls("empty")], text: "正文中没有系统计算的数字。") :
            Components.form(.reportCutoffs(.value(r.id!)), csrf: frame.csrfToken, entries.map { entry in
                let key = entry.definition.key
                return Components.field(FieldSpec(name: "cutoff.\(key)", label: "\(entry.definition.label)（\(key)）",
                                                  value: m.values["cutoff.\(key)"] ?? m.cutoffs[key]?.description ?? "", type: "date", errors: m.errors["cutoff.\(key)"]))
            } + [Components.submit("保存截至日期")]),
        ])
    }

    static func section(_ frame: PageFrame, report: ReportModel, key: ReportSectionKey, values: [String: String], errors e: FieldErrors,
                        available: [(key: String, label: String, declared: Bool)], current: [String: ReportFigure],
                        versions: [ReportSectionVersionModel], preview: RenderedText?) -> String {
        let id = report.id!
        let related = available.filter { figure in key.modules.contains { figure.key.hasPrefix($0 + ".") } }
        let others = available.filter { figure in !key.modules.contains { figure.key.hasPrefix($0 + ".") } }
        func figureTable(_ rows: [(key: String, label: String, declared: Bool)]) -> HTMLNode {
            Components.table(headers: ["占位符", "指标", "当前值", "来源"], rows: rows.map { figure in
                let value = current[figure.key]
                return [.tag("code", text: "{{\(figure.key)}}"), .t(figure.label),
                        .t(value.map { "\($0.value.display)\($0.kind == .count ? $0.unit : "")（截至 \($0.cutoff.chinese)）" } ?? "—"),
                        figure.declared ? Components.badge("申报", "neutral") : Components.badge("计算", "ok")]
            }, empty: "无。", nowrap: [0])
        }
        var content: [HTMLNode] = [
            Components.errorSummary(e),
            .tag("section", [.cls("card")], [
                .tag("p", [.cls("hint")], text: "法定内容：\(key.statutoryItem?.label ?? "—")。每次保存都留存为一个新版本。"),
                Components.form(.reportSection(.value(id), .value(key.rawValue)), csrf: frame.csrfToken, [
                    Components.hidden("base", values["base"] ?? ""),
                    key.isNumbered || !(values["heading"] ?? "").isEmpty
                        ? Components.field(FieldSpec(name: "heading", label: "标题（不含序号，序号按位置自动编排）", value: values["heading"] ?? "", maxLength: 100, errors: e["heading"]))
                        : Components.hidden("heading", values["heading"] ?? ""),
                    Components.textarea(name: "text", label: "正文（每段一行）", value: values["text"] ?? "", rows: 18,
                                        hint: "数字写作 {{指标代码}}，约数写作 {{指标代码|余:10}}（90余）、{{指标代码|万余:1}}（18万余）、{{指标代码|余万:10}}（80余万），四舍五入到万写作 {{指标代码|万:0.01}}（11.39万），比率写作 {{指标代码|%}}（98%）或 {{指标代码|%:1}}（98.1%），截至日期写作 {{截至:指标代码}}；{{year}}、{{nextYear}}、{{region}}、{{regionLevel}} 为年度、下一年度、县名和县（区、市、旗）。",
                                        maxLength: 50_000, errors: e["text"]),
                    Components.submit("保存为新版本", secondary: ("取消", .report(.value(id)))),
                ]),
            ]),
            .tag("section", [.cls("card")], [.tag("h2", text: "本部分相关的数字"), figureTable(related)]),
            .tag("details", [.cls("card")], [.tag("summary", text: "其他数字（\(others.count) 项）"), figureTable(others)]),
        ]
        if let preview {
            content.append(.tag("section", [.cls("card report")], [.tag("h2", text: "当前保存的版本（预览）")] + preview.plainText.split(separator: "\n").map {
                .tag("p", [.cls("report-paragraph")], text: String($0))
            }))
        }
        if !versions.isEmpty {
            content.append(.tag("p", [], [Components.link("修改记录（\(versions.count) 个版本）", .reportSectionVersions(.value(id), .value(key.rawValue)))]))
        }
        return Layout.page(frame, content)
    }

    static func versions(_ frame: PageFrame, report: ReportModel, key: ReportSectionKey, versions: [ReportSectionVersionModel],
                         chosen: ReportSectionVersionModel, previous: ReportSectionVersionModel?, diff: [DiffParagraph]) -> String {
        let id = report.id!
        let rows: [[HTMLNode]] = versions.reversed().map { version in
            let label = "第 \(version.number) 版"
            return [version.number == chosen.number ? .tag("strong", text: label) : .tag("a", [.href(SiteURL.reportSectionVersions(.value(id), .value(key.rawValue)).path(query: [("v", String(version.number))]))], text: label),
                    .t(version.authorName), .t(Format.dateTime(version.createdAt)),
                    .t("\(version.text.filter { !$0.isWhitespace }.count) 字")]
        }
        let diffNodes: [HTMLNode] = diff.map { paragraph in
            switch paragraph {
            case .same(let text): .tag("p", [.cls("diff-same")], text: text)
            case .added(let text): .tag("p", [.cls("diff-added")], [.tag("ins", text: text)])
            case .removed(let text): .tag("p", [.cls("diff-removed")], [.tag("del", text: text)])
            case .changed(let runs): .tag("p", [.cls("diff-changed")], runs.map { run in
                switch run {
                case .same(let text): .t(text)
                case .deleted(let text): .tag("del", text: text)
                case .inserted(let text): .tag("ins", text: text)
                }
            })
            }
        }
        return Layout.page(frame, [
            Components.table(caption: "\(key.label)：\(versions.count) 个版本", headers: ["版本", "修改人", "保存时间", "字数"], rows: rows),
            .tag("section", [.cls("card diff")], [
                .tag("h2", text: previous.map { "第 \($0.number) 版 → 第 \(chosen.number) 版" } ?? "第 \(chosen.number) 版（初稿）"),
                .tag("p", [.cls("hint")], text: "删除的文字以删除线标出，新增的文字以下划线标出。"),
            ] + diffNodes),
        ])
    }

    static func figure(_ frame: PageFrame, report: ReportModel, key: String, live: ReportFigure?, frozen: ReportSnapshot.Figure?, records: [TracedRecord], page: PageInfo) -> String {
        var facts: [(String, HTMLNode)] = [("指标代码", .tag("code", text: key))]
        if let live {
            facts += [
                ("指标", .t(live.label)),
                ("口径", .t(live.definition)),
                ("来源", live.isDeclared ? Components.badge("申报数字", "neutral") : Components.badge("系统根据业务记录计算", "ok")),
                ("截至日期", .t(live.cutoff.chinese)),
                (report.reportState == .draft ? "当前值" : "现在重新计算的值", .t("\(live.value.display)\(live.kind == .count ? " " + live.unit : "")")),
            ]
            if case .declared(let source, let by) = live.source { facts.append(("申报", .t("\(source)（\(by) 录入）"))) }
        }
        if let frozen {
            facts.append(("定稿时的值", .nodes([.t("\(frozen.display)（\(frozen.value.display)，截至 \(frozen.asOf.chinese)）"),
                                              live.map { $0.value == frozen.value ? Components.badge("与现在一致", "ok") : Components.badge("业务记录已变化", "warn") } ?? .nodes([])])))
        }
        var content: [HTMLNode] = [.tag("section", [.cls("card")], [Components.definitions(facts)])]
        if let live, !live.isDeclared {
            let shown = records.dropFirst(page.offset).prefix(page.per)
            content.append(.tag("section", [.cls("card"), .id("records")], [
                .tag("h2", text: "所统计的记录（\(records.count) 条）"),
                Components.table(headers: ["#", "记录"], rows: shown.enumerated().map { index, record in
                    [.t("\(page.offset + index + 1)"), .tag("a", [.href(record.path)], text: record.label)]
                }, empty: "没有记录（计数为 0）。", nowrap: [0]),
                Components.pagination(page, url: .reportFigure(.value(report.id!), .value(key)), query: []),
            ]))
        }
        content.append(.tag("p", [], [Components.link("返回报告", .report(.value(report.id!)))]))
        return Layout.page(frame, content)
    }

    static func templates(_ frame: PageFrame, templates: [ReportSectionKey: (heading: String?, text: String, edited: ReportTemplateModel?)], canWrite: Bool) -> String {
        Layout.page(frame, [
            .tag("p", [.cls("lead")], text: "新起草的年度报告从这些模板开始。模板中的 {{指标代码}} 在报告中替换为统计口径目录的数字，{{year}}、{{nextYear}}、{{region}} 替换为年度、下一年度和县名，{{regionLevel}} 在起草时写作县、区、市或旗。已起草的报告不受模板修改影响。"),
            .nodes(ReportSectionKey.allCases.map { key in
                let template = templates[key]!
                return .tag("section", [.cls("card"), .id("template-\(key.rawValue)")], [
                    .tag("h2", text: key.label),
                    .tag("p", [.cls("hint")], [
                        .t("法定内容：\(key.statutoryItem?.label ?? "—")。"),
                        .t(template.edited.map { "已由 \($0.updatedBy) 于 \(LocalDate($0.updatedAt).chinese) 修改。" } ?? "默认模板。"),
                        canWrite ? Components.link("修改", .reportTemplate(.value(key.rawValue))) : .nodes([]),
                    ]),
                    template.heading.map { .tag("p", [.cls("report-section")], text: (key.numberLabel ?? "") + $0) } ?? .nodes([]),
                    .nodes(template.text.split(separator: "\n").map { .tag("p", [.cls("report-paragraph template")], text: String($0)) }),
                ])
            }),
        ])
    }

    static func templateForm(_ frame: PageFrame, key: ReportSectionKey, values: [String: String], errors e: FieldErrors, available: [StatisticDefinition]) -> String {
        Layout.page(frame, [
            Components.errorSummary(e),
            .tag("section", [.cls("card")], [
                Components.form(.reportTemplate(.value(key.rawValue)), csrf: frame.csrfToken, [
                    key.isNumbered ? Components.field(FieldSpec(name: "heading", label: "标题（不含序号）", value: values["heading"] ?? "", maxLength: 100, errors: e["heading"]))
                        : Components.hidden("heading", values["heading"] ?? ""),
                    Components.textarea(name: "text", label: "正文模板（每段一行）", value: values["text"] ?? "", rows: 16,
                                        hint: "数字写作 {{指标代码}}；约数 {{指标代码|余:10}}、{{指标代码|万余:1}}、{{指标代码|余万:10}}；四舍五入到万 {{指标代码|万:0.01}}；比率 {{指标代码|%}} 或 {{指标代码|%:1}}；截至日期 {{截至:指标代码}}。",
                                        maxLength: 50_000, errors: e["text"]),
                    Components.checkboxes(name: "restore", legend: "默认模板", options: [("on", "恢复为系统默认模板", "勾选后忽略上面的修改")], checked: []),
                    Components.submit("保存模板", secondary: ("取消", .reportTemplates)),
                ]),
            ]),
            .tag("details", [.cls("card")], [
                .tag("summary", text: "系统计算的指标（\(available.count) 项）"),
                Components.table(headers: ["占位符", "指标", "口径"], rows: available.map { [.tag("code", text: "{{\($0.key)}}"), .t($0.label), .t($0.definition)] }, nowrap: [0]),
            ]),
        ])
    }

    // MARK: Public portal

    static func publicList(_ frame: PageFrame, reports: [ReportModel]) -> String {
        Layout.page(frame, [
            .tag("p", [.cls("lead")], text: "\(frame.countyName)每年 4 月 1 日前向社会公开上一年度法治政府建设情况报告。"),
            Components.table(headers: ["年度", "报告", "公布日期", "下载"], rows: reports.map { report in
                [.t("\(report.year)"), Components.link(report.title, .publicReport(.value(report.id!))),
                 .t(report.publishedOn.flatMap(LocalDate.init(iso:))?.chinese ?? ""),
                 .tag("a", [.href(.publicReportDocx(.value(report.id!)))], text: "Word（DOCX）")]
            }, empty: "尚未公开年度报告。", nowrap: [0, 2]),
        ])
    }

    static func publicReport(_ frame: PageFrame, report: ReportModel, rendered: RenderedReport, figures: [String: ReportFigure], newer: ReportModel?) -> String {
        var content: [HTMLNode] = []
        if let newer {
            content.append(Components.notice(Notice(.warning, "本报告已被 \(newer.publishedOn.flatMap(LocalDate.init(iso:))?.chinese ?? "") 公布的修订版本取代。")))
            content.append(.tag("p", [], [Components.link("查看修订版本", .publicReport(.value(newer.id!)))]))
        }
        content.append(.tag("p", [.cls("hint")], [
            .t("公布日期：\(report.publishedOn.flatMap(LocalDate.init(iso:))?.chinese ?? "")。"),
            .tag("a", [.href(.publicReportDocx(.value(report.id!)))], text: "下载 Word 版"),
        ]))
        content.append(.tag("article", [.cls("card report"), Attr("lang", "zh-CN")], blocks(rendered, report: report, figures: figures, link: false, editable: false)))
        return Layout.page(frame, content)
    }
}

