import FazhiCore
import Foundation

/// The annual report's staff pages.
enum ReportPages {
    static func yearLinks(_ url: SiteURL, years: [Int], current: Int) -> HTMLNode {
        .tag("nav", [.cls("toolbar"), Attr("aria-label", "年度")], years.map { y in
            y == current ? .tag("strong", [.cls("button primary"), Attr("aria-current", "page")], text: "\(y) 年")
                : .tag("a", [.cls("button subtle"), .href(url.path(query: [("year", String(y))]))], text: "\(y) 年")
        })
    }

    static func declared(_ frame: PageFrame, year: Int, years: [Int], figures: [DeclaredFigureModel], canWrite: Bool,
                         values: [String: String], errors: FieldErrors) -> String {
        var content: [HTMLNode] = [
            .tag("p", [.cls("lead")], text: "没有业务模块统计的数字（如上级草案征求意见、证照分离事项、联合执法次数等），由法制机构按年度申报并写明来源。报告中申报数字与系统计算的数字分开标示；系统能计算的指标不能申报。"),
            yearLinks(.reportDeclared, years: years, current: year),
            .tag("div", [.cls("toolbar")], SiteURL.ExportFormat.allCases.map { format in
                .tag("a", [.cls("button subtle"), .href(SiteURL.reportDeclaredExport(format).path(query: [("year", String(year))]))], text: "导出 \(format.label)")
            }),
            Components.table(caption: "\(year) 年申报数字（\(figures.count) 项）", headers: ["指标代码", "指标名称", "数值", "截至日期", "数据来源", "录入", ""],
                             rows: figures.map { model in
                                 [.tag("code", text: model.key), .t(model.label),
                                  .t((model.figure?.value.display ?? String(model.numerator)) + (model.kind == "count" ? " \(model.unit)" : "")),
                                  .t(LocalDate(iso: model.asOf)?.chinese ?? model.asOf), .t(model.source),
                                  .t("\(model.enteredBy) \(LocalDate(model.enteredAt).chinese)"),
                                  canWrite ? Components.postButton(.reportDeclaredDelete(.value(model.id!)), label: "删除", csrf: frame.csrfToken, style: "link-button")
                                      : .nodes([])]
                             }, empty: "本年度尚无申报数字。", nowrap: [0, 2, 3]),
        ]
        if canWrite {
            let e = errors
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
}
