import FazhiCore
import Plot

/// A form field's description; `errors` come from FieldErrors[name].
struct FieldSpec {
    var name: String
    var label: String
    var value: String = ""
    var type: String = "text"
    var required: Bool = false
    var hint: String? = nil
    var maxLength: Int? = nil
    var autocomplete: String? = nil
    var inputMode: String? = nil
    var errors: [String] = []
    var autofocus: Bool = false
}

enum Components {
    static func notice(_ notice: Notice) -> HTMLNode {
        .tag("div", [.cls("notice notice-\(notice.kind.rawValue)"), Attr("role", notice.kind == .error ? "alert" : "status")],
             text: notice.text)
    }

    /// The list of every problem at the top of a form, linking to each field.
    static func errorSummary(_ errors: FieldErrors) -> HTMLNode {
        guard !errors.isEmpty else { return .nodes([]) }
        return .tag("div", [.cls("notice notice-error"), Attr("role", "alert"), Attr("tabindex", "-1")], [
            .tag("p", [], [.tag("strong", text: "请修改以下 \(errors.entries.count) 处问题后再提交：")]),
            .tag("ul", [], errors.entries.map { entry in
                .tag("li", [], [.tag("a", [.href("#f-\(entry.field)")], text: entry.message)])
            }),
        ])
    }

    static func csrfField(_ token: String) -> HTMLNode {
        .void("input", [Attr("type", "hidden"), Attr("name", "_csrf"), Attr("value", token)])
    }

    static func hidden(_ name: String, _ value: String) -> HTMLNode {
        .void("input", [Attr("type", "hidden"), Attr("name", name), Attr("value", value)])
    }

    /// Label, input, hint and errors, wired with for/id and aria-describedby.
    static func field(_ spec: FieldSpec) -> HTMLNode {
        let id = "f-\(spec.name)"
        let describedBy = [spec.hint != nil ? "\(id)-hint" : nil, spec.errors.isEmpty ? nil : "\(id)-error"]
            .compactMap { $0 }.joined(separator: " ")
        var attributes: [Attr] = [
            Attr("type", spec.type), .id(id), Attr("name", spec.name), Attr("value", spec.value),
            .flag("required", spec.required), .flag("autofocus", spec.autofocus),
            Attr("maxlength", spec.maxLength.map(String.init)), Attr("autocomplete", spec.autocomplete),
            Attr("inputmode", spec.inputMode),
            Attr("aria-invalid", spec.errors.isEmpty ? nil : "true"),
            Attr("aria-describedby", describedBy.isEmpty ? nil : describedBy),
        ]
        if spec.type == "password" { attributes.removeAll { $0.name == "value" } }
        return .tag("div", [.cls(spec.errors.isEmpty ? "field" : "field has-error")], [
            label(spec.label, for: id, required: spec.required),
            spec.hint.map { .tag("p", [.id("\(id)-hint"), .cls("hint")], text: $0) } ?? .nodes([]),
            fieldErrors(id: id, spec.errors),
            .void("input", attributes),
        ])
    }

    static func textarea(name: String, label text: String, value: String, required: Bool = false, rows: Int = 6,
                         hint: String? = nil, maxLength: Int? = nil, errors: [String] = []) -> HTMLNode {
        let id = "f-\(name)"
        return .tag("div", [.cls(errors.isEmpty ? "field" : "field has-error")], [
            label(text, for: id, required: required),
            hint.map { .tag("p", [.id("\(id)-hint"), .cls("hint")], text: $0) } ?? .nodes([]),
            fieldErrors(id: id, errors),
            .tag("textarea", [.id(id), Attr("name", name), Attr("rows", String(rows)), .flag("required", required),
                              Attr("maxlength", maxLength.map(String.init)),
                              Attr("aria-describedby", hint != nil ? "\(id)-hint" : nil),
                              Attr("aria-invalid", errors.isEmpty ? nil : "true")], text: value),
        ])
    }

    static func select(name: String, label text: String, options: [(value: String, label: String)], selected: String?,
                       required: Bool = false, includeBlank: String? = nil, hint: String? = nil, errors: [String] = []) -> HTMLNode {
        let id = "f-\(name)"
        var optionNodes: [HTMLNode] = []
        if let includeBlank {
            optionNodes.append(.tag("option", [Attr("value", "")], text: includeBlank))
        }
        optionNodes += options.map { option in
            .tag("option", [Attr("value", option.value), .flag("selected", option.value == selected)], text: option.label)
        }
        return .tag("div", [.cls(errors.isEmpty ? "field" : "field has-error")], [
            label(text, for: id, required: required),
            hint.map { .tag("p", [.id("\(id)-hint"), .cls("hint")], text: $0) } ?? .nodes([]),
            fieldErrors(id: id, errors),
            .tag("select", [.id(id), Attr("name", name), .flag("required", required),
                            Attr("aria-invalid", errors.isEmpty ? nil : "true")], optionNodes),
        ])
    }

    static func checkboxes(name: String, legend: String, options: [(value: String, label: String, hint: String?)],
                           checked: Set<String>, errors: [String] = []) -> HTMLNode {
        .tag("fieldset", [.cls(errors.isEmpty ? "field" : "field has-error"), .id("f-\(name)")], [
            .tag("legend", text: legend),
            fieldErrors(id: "f-\(name)", errors),
            .nodes(options.enumerated().map { index, option in
                let id = "f-\(name)-\(index)"
                return .tag("div", [.cls("check")], [
                    .void("input", [Attr("type", "checkbox"), .id(id), Attr("name", name), Attr("value", option.value),
                                    .flag("checked", checked.contains(option.value))]),
                    .tag("label", [Attr("for", id)], [
                        .t(option.label),
                        option.hint.map { .tag("span", [.cls("hint")], text: "（\($0)）") } ?? .nodes([]),
                    ]),
                ])
            }),
        ])
    }

    static func label(_ text: String, for id: String, required: Bool) -> HTMLNode {
        .tag("label", [Attr("for", id)], [
            .t(text),
            required ? .tag("span", [.cls("required"), Attr("aria-hidden", "true")], text: " *") : .nodes([]),
            required ? .tag("span", [.cls("visually-hidden")], text: "（必填）") : .nodes([]),
        ])
    }

    static func fieldErrors(id: String, _ errors: [String]) -> HTMLNode {
        guard !errors.isEmpty else { return .nodes([]) }
        return .tag("p", [.id("\(id)-error"), .cls("field-error")], text: errors.joined(separator: " "))
    }

    static func submit(_ label: String, secondary: (title: String, url: SiteURL)? = nil) -> HTMLNode {
        submit(label, secondaryRoute: secondary.map { ($0.title, $0.url as any RoutePath) })
    }

    static func submit(_ label: String, secondaryRoute secondary: (title: String, url: any RoutePath)?) -> HTMLNode {
        .tag("div", [.cls("actions")], [
            .tag("button", [Attr("type", "submit"), .cls("button primary")], text: label),
            secondary.map { .tag("a", [.cls("button"), .href(route: $0.url)], text: $0.title) } ?? .nodes([]),
        ])
    }

    /// A POST form holding one button (actions that change state are never links).
    static func postButton(_ url: SiteURL, label: String, csrf: String, style: String = "button",
                           fields: [(String, String)] = []) -> HTMLNode {
        postButton(route: url, label: label, csrf: csrf, style: style, fields: fields)
    }

    static func postButton(route url: any RoutePath, label: String, csrf: String, style: String = "button",
                           fields: [(String, String)] = []) -> HTMLNode {
        .tag("form", [Attr("method", "post"), Attr("action", url.path), .cls("inline-form")], [
            csrfField(csrf),
            .nodes(fields.map { hidden($0.0, $0.1) }),
            .tag("button", [Attr("type", "submit"), .cls(style)], text: label),
        ])
    }

    static func form(_ url: SiteURL, csrf: String, _ children: [HTMLNode], upload: Bool = false) -> HTMLNode {
        form(route: url, csrf: csrf, children, upload: upload)
    }

    static func form(route url: any RoutePath, csrf: String, _ children: [HTMLNode], upload: Bool = false) -> HTMLNode {
        .tag("form", [Attr("method", "post"), Attr("action", url.path), Attr("enctype", upload ? "multipart/form-data" : nil),
                      .cls("stack-form"), .flag("novalidate")], [csrfField(csrf)] + children)
    }

    /// A data table; `nowrap` names the columns (by index) that must not wrap, such as 文号 and dates.
    static func table(caption: String? = nil, headers: [String], rows: [[HTMLNode]], empty: String = "暂无记录。",
                      nowrap: Set<Int> = []) -> HTMLNode {
        guard !rows.isEmpty else { return .tag("p", [.cls("empty")], text: empty) }
        return .tag("div", [.cls("table-wrap")], [
            .tag("table", [], [
                caption.map { .tag("caption", text: $0) } ?? .nodes([]),
                .tag("thead", [], [.tag("tr", [], headers.map { .tag("th", [Attr("scope", "col")], text: $0) })]),
                .tag("tbody", [], rows.map { cells in
                    .tag("tr", [], cells.enumerated().map { index, cell in
                        .tag("td", nowrap.contains(index) ? [.cls("nowrap")] : [], [cell])
                    })
                }),
            ]),
        ])
    }

    /// 2021 年 / 2020 年 …: switches a yearly page (?year=), the current year marked.
    static func yearLinks(_ url: SiteURL, years: [Int], current: Int) -> HTMLNode {
        yearLinks(route: url, years: years, current: current)
    }

    static func yearLinks(route url: any RoutePath, years: [Int], current: Int) -> HTMLNode {
        .tag("nav", [.cls("toolbar"), Attr("aria-label", "年度")], years.map { y in
            y == current ? .tag("strong", [.cls("button primary"), Attr("aria-current", "page")], text: "\(y) 年")
                : .tag("a", [.cls("button subtle"), .href(url.path(query: [("year", String(y))]))], text: "\(y) 年")
        })
    }

    static func link(_ title: String, _ url: SiteURL) -> HTMLNode {
        .tag("a", [.href(url)], text: title)
    }

    static func link(_ title: String, route url: any RoutePath) -> HTMLNode {
        .tag("a", [.href(route: url)], text: title)
    }

    static func badge(_ text: String, _ kind: String = "neutral") -> HTMLNode {
        .tag("span", [.cls("badge badge-\(kind)")], text: text)
    }

    static func definitions(_ pairs: [(String, HTMLNode)]) -> HTMLNode {
        .tag("dl", [.cls("definitions")], pairs.flatMap { [.tag("dt", text: $0.0), .tag("dd", [], [$0.1])] })
    }

    /// 上一页 / 第 n 页，共 m 页 / 下一页, keeping the list's other query parameters.
    static func pagination(_ page: PageInfo, url: SiteURL, query: [(String, String)]) -> HTMLNode {
        pagination(page, route: url, query: query)
    }

    static func pagination(_ page: PageInfo, route url: any RoutePath, query: [(String, String)]) -> HTMLNode {
        guard page.totalPages > 1 else {
            return .tag("p", [.cls("pager muted")], text: "共 \(page.total) 条")
        }
        func link(_ number: Int, _ title: String, rel: String) -> HTMLNode {
            .tag("a", [.href(url.path(query: query + [("page", String(number))])), Attr("rel", rel)], text: title)
        }
        return .tag("nav", [.cls("pager"), Attr("aria-label", "分页")], [
            page.page > 1 ? link(page.page - 1, "上一页", rel: "prev") : .tag("span", [.cls("muted")], text: "上一页"),
            .tag("span", text: "第 \(page.page) 页，共 \(page.totalPages) 页（\(page.total) 条）"),
            page.page < page.totalPages ? link(page.page + 1, "下一页", rel: "next") : .tag("span", [.cls("muted")], text: "下一页"),
        ])
    }

    /// A GET form for filtering a list (works without JavaScript).
    static func filterForm(_ url: SiteURL, _ children: [HTMLNode]) -> HTMLNode {
        filterForm(route: url, children)
    }

    static func filterForm(route url: any RoutePath, _ children: [HTMLNode]) -> HTMLNode {
        .tag("form", [Attr("method", "get"), Attr("action", url.path), .cls("filter-form"), Attr("role", "search")], children + [
            .tag("button", [Attr("type", "submit"), .cls("button")], text: "查询"),
            .tag("a", [.cls("button subtle"), .href(route: url)], text: "重置"),
        ])
    }
}

/// Where a paginated list is.
struct PageInfo: Sendable {
    let page: Int
    let per: Int
    let total: Int

    var totalPages: Int { max(1, (total + per - 1) / per) }
    var offset: Int { (page - 1) * per }

    /// The page the query asks for, before the total is known (a query reads that page first; when the total
    /// shows it out of range, `from` gives the nearest valid one to read instead).
    static func requested(_ form: FormBody, per: Int = 50) -> PageInfo {
        let requested = form["page"].flatMap { $0.count <= 9 ? Int($0) : nil } ?? 1
        return PageInfo(page: min(max(1, requested), 1_000_000), per: per, total: 0)
    }

    /// Reads `page` from the query; out-of-range or malformed values fall back to the nearest valid page.
    static func from(_ form: FormBody, total: Int, per: Int = 50) -> PageInfo {
        let requested = form["page"].flatMap { $0.count <= 9 ? Int($0) : nil } ?? 1
        let pages = max(1, (total + per - 1) / per)
        return PageInfo(page: min(max(1, requested), pages), per: per, total: total)
    }
}
