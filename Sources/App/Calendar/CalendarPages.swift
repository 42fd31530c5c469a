import FazhiCore
import Foundation
import Plot

enum CalendarPages {
    struct Calculator {
        var from: String
        var days: String
        var unit: PeriodUnit
        /// The chosen statutory rule's id ("" = counting days by hand).
        var rule: String = ""
        var extended = false
        /// Every rule of the catalogue, to choose from: (id, label).
        var rules: [(id: String, label: String)] = []
    }

    struct CalculationResult {
        let due: LocalDate
        let explanation: [String]
    }

    /// The two calculators: by a named statutory rule, or by a number of days.
    static func calculatorForm(_ calculator: Calculator, errors: FieldErrors) -> HTMLNode {
        .nodes([ruleForm(calculator, errors: calculator.rule.isEmpty ? FieldErrors() : errors),
                .tag("h3", text: "按天数计算"),
                daysForm(calculator, errors: calculator.rule.isEmpty ? errors : FieldErrors())])
    }

    static func ruleForm(_ calculator: Calculator, errors: FieldErrors) -> HTMLNode {
        .tag("form", [Attr("method", "get"), Attr("action", SiteURL.deadlineCalculator.path), .cls("filter-form rule-form"), .flag("novalidate")], [
            Components.select(name: "rule", label: "法定期限", options: calculator.rules.map { ($0.id, $0.label) },
                              selected: calculator.rule.isEmpty ? nil : calculator.rule, required: true, errors: errors["rule"]),
            Components.field(FieldSpec(name: "from", label: "起算事件的日期", value: calculator.from, type: "date", required: true,
                                       errors: errors["from"])),
            Components.checkboxes(name: "extended", legend: "延长", options: [("on", "适用法定延长期限（仅对有延长规定的期限）", nil)],
                                  checked: calculator.extended ? ["on"] : [], errors: errors["extended"]),
            .tag("button", [Attr("type", "submit"), .cls("button primary")], text: "按规则计算"),
        ])
    }

    static func daysForm(_ calculator: Calculator, errors: FieldErrors) -> HTMLNode {
        .tag("form", [Attr("method", "get"), Attr("action", SiteURL.deadlineCalculator.path), .cls("filter-form"), .flag("novalidate")], [
            Components.field(FieldSpec(name: "from", label: "起算日（收到、送达、知道之日）", value: calculator.from, type: "date", required: true,
                                       errors: errors["from"])),
            Components.field(FieldSpec(name: "days", label: "期间天数", value: calculator.days, required: true, maxLength: 4,
                                       inputMode: "numeric", errors: errors["days"])),
            Components.select(name: "unit", label: "计算方式", options: [
                (PeriodUnit.calendarDays.rawValue, "日（自然日，届满日遇节假日顺延）"),
                (PeriodUnit.workingDays.rawValue, "工作日（不含法定节假日和周末）"),
            ], selected: calculator.unit.rawValue, required: true, errors: errors["unit"]),
            .tag("button", [Attr("type", "submit"), .cls("button primary")], text: "计算届满日"),
        ])
    }

    static func year(_ frame: PageFrame, calendar: LegalCalendar, year: Int, today: LocalDate, imported: Set<Int>,
                     canManage: Bool, calculator: Calculator) -> String {
        let schedule = calendar.year(year)
        var content: [HTMLNode] = [
            .tag("section", [.cls("card")], [
                .tag("h2", text: "期限计算"),
                .tag("p", [.cls("hint")], text: "选择法定期限即按该规则的天数、计算方法和本级设置计算，并说明依据；也可按天数计算：开始之日不计入，届满日为法定休假日的顺延至其后第一个工作日（《民事诉讼法》第八十五条）；按工作日计算的期间（如行政复议法第八十八条第二款）只数工作日。"),
                calculatorForm(calculator, errors: FieldErrors()),
            ]),
        ]
        var toolbar: [HTMLNode] = calendar.coveredYears.map { covered in
            .tag("a", [.cls(covered == year ? "button primary" : "button subtle"), .href(SiteURL.calendar.path(query: [("year", String(covered))])),
                       Attr("aria-current", covered == year ? "page" : nil)], text: String(covered))
        }
        if canManage {
            toolbar.append(.tag("a", [.cls("button"), .href(.adminCalendarYearNew)], text: "录入新年度"))
        }
        content.append(.tag("nav", [.cls("toolbar year-picker"), Attr("aria-label", "选择年份")], toolbar))
        guard let schedule else {
            content.append(Components.notice(Notice(.warning, "日历中没有 \(year) 年的国务院节假日安排，涉及该年的期限无法计算。请系统管理员录入。")))
            return Layout.page(frame, content)
        }
        let holidayRows: [[HTMLNode]] = schedule.holidays.map { holiday in
            let weekdays = holiday.days.filter { !$0.isWeekend }.count
            return [
                .t(holiday.name),
                .t("\(holiday.from.chinese)（\(holiday.from.chineseWeekday)）至 \(holiday.to.chinese)（\(holiday.to.chineseWeekday)）"),
                .t("\(holiday.days.count) 天（其中工作日 \(weekdays) 天）"),
            ]
        }
        let workdayRows: [[HTMLNode]] = schedule.workdays.map { workday in
            [.t("\(workday.date.chinese)（\(workday.date.chineseWeekday)）"), .t(workday.name)]
        }
        var source = "依据：国务院办公厅《关于\(year)年部分节假日安排的通知》（\(schedule.notice)）"
        if !schedule.amendments.isEmpty {
            source += "；调整：" + schedule.amendments.map { "\($0.notice) \($0.summary)" }.joined(separator: "；")
        }
        content.append(.tag("section", [.cls("card"), .id("y\(year)")], [
            .tag("h2", text: "\(year) 年节假日安排"),
            .tag("p", [.cls("hint")], text: source + (imported.contains(year) ? "（由管理员录入）" : "（系统内置）") + (schedule.verified ? "" : "（待核对）")),
            Components.table(caption: "放假安排", headers: ["节日", "放假时间", "天数"], rows: holidayRows),
            Components.table(caption: "调休上班", headers: ["日期", "说明"], rows: workdayRows, empty: "本年度无调休上班日。"),
        ]))
        content.append(.tag("section", [.cls("card")], [
            .tag("h2", text: "\(year) 年日历"),
            .tag("p", [.cls("legend")], [
                .tag("span", [.cls("day holiday")], text: "休"), .t(" 法定节假日 "),
                .tag("span", [.cls("day makeup")], text: "班"), .t(" 调休上班 "),
                .tag("span", [.cls("day weekend")], text: "末"), .t(" 周末 "),
            ]),
            .tag("div", [.cls("months")], (1...12).map { month(year: year, month: $0, calendar: calendar, today: today) }),
        ]))
        return Layout.page(frame, content)
    }

    static func month(year: Int, month: Int, calendar: LegalCalendar, today: LocalDate) -> HTMLNode {
        let first = LocalDate(year: year, month: month, day: 1)!
        let count = LocalDate.daysInMonth(year: year, month: month)
        var cells: [HTMLNode] = (1..<first.isoWeekday).map { _ in .tag("td", [], []) }
        for day in 1...count {
            let date = LocalDate(year: year, month: month, day: day)!
            let kind = try? calendar.kind(of: date)
            var classes = ["day"]
            var title = CalendarController.label(kind ?? .workingDay)
            switch kind {
            case .holiday: classes.append("holiday")
            case .makeUpWorkingDay: classes.append("makeup")
            case .weekend: classes.append("weekend")
            case .workingDay, nil: break
            }
            if date == today {
                classes.append("today")
                title += "（今天）"
            }
            cells.append(.tag("td", [.cls(classes.joined(separator: " ")), Attr("title", title)], [
                .t(String(day)), .tag("span", [.cls("visually-hidden")], text: " \(title)"),
            ]))
        }
        var rows: [HTMLNode] = []
        var index = 0
        while index < cells.count {
            rows.append(.tag("tr", [], Array(cells[index..<min(index + 7, cells.count)])))
            index += 7
        }
        return .tag("table", [.cls("month")], [
            .tag("caption", text: "\(month) 月"),
            .tag("thead", [], [.tag("tr", [], ["一", "二", "三", "四", "五", "六", "日"].map { .tag("th", [Attr("scope", "col")], text: $0) })]),
            .tag("tbody", [], rows),
        ])
    }

    static func calculation(_ frame: PageFrame, calculator: Calculator, errors: FieldErrors, result: CalculationResult?) -> String {
        var content: [HTMLNode] = [
            Components.errorSummary(errors),
            .tag("section", [.cls("card")], [calculatorForm(calculator, errors: errors)]),
        ]
        if let result {
            content.append(.tag("section", [.cls("card result")], [
                .tag("p", [.cls("big")], [
                    .t("届满日："),
                    .tag("strong", text: "\(result.due.chinese)（\(result.due.chineseWeekday)）"),
                ]),
                .tag("ul", [], result.explanation.map { .tag("li", text: $0) }),
            ]))
        }
        content.append(.tag("p", [], [Components.link("查看节假日日历", .calendar)]))
        return Layout.page(frame, content)
    }

    static func yearForm(_ frame: PageFrame, values: [String: String], errors: CalendarFormErrors?) -> String {
        func messages(_ field: CalendarFormErrors.Field) -> [String] { errors?.messages(for: field) ?? [] }
        var summary = FieldErrors()
        for entry in errors?.entries ?? [] {
            summary.add(entry.field.rawValue, entry.line.map { "第 \($0) 行：\(entry.message)" } ?? entry.message)
        }
        return Layout.page(frame, [
            .tag("p", [.cls("lead")], text: "国务院办公厅每年发布下一年度节假日安排后，请按通知原文录入。录入的年度会替换系统内置的同一年度数据，所有未办结事项的期限随即按新日历重新计算。"),
            .tag("div", [.cls("card")], [
                Components.errorSummary(summary),
                Components.form(.adminCalendarYearNew, csrf: frame.csrfToken, [
                    Components.field(FieldSpec(name: "year", label: "年份", value: values["year"] ?? "", required: true, maxLength: 5,
                                               inputMode: "numeric", errors: messages(.year))),
                    Components.field(FieldSpec(name: "notice", label: "通知文号", value: values["notice"] ?? "", required: true,
                                               hint: "如：国办发明电〔2025〕7号", maxLength: 60, errors: messages(.notice))),
                    Components.field(FieldSpec(name: "published", label: "发布日期", value: values["published"] ?? "", type: "date")),
                    Components.textarea(name: "holidays", label: "放假安排（每行一段）", value: values["holidays"] ?? "", required: true, rows: 8,
                                        hint: "每行：节日名称 起始日期 至 结束日期，例如「春节 2027-02-05 至 2027-02-11」或「清明节 2027-04-05」。",
                                        maxLength: 4000, errors: messages(.holidays)),
                    Components.textarea(name: "workdays", label: "调休上班日（每行一天）", value: values["workdays"] ?? "", rows: 5,
                                        hint: "每行一个日期，可在日期后注明，例如「2027-01-31 春节调休」。必须是周六或周日。",
                                        maxLength: 2000, errors: messages(.workdays)),
                    Components.submit("保存年度安排", secondary: ("取消", .calendar)),
                ]),
            ]),
            .tag("section", [.cls("card")], [
                .tag("h2", text: "或导入日历文件"),
                .tag("p", [.cls("hint")], text: "JSON 格式与系统内置文件相同（见 README），可一次导入多个年度；任一年度有误则全部不导入。"),
                Components.form(.adminCalendarImport, csrf: frame.csrfToken, [
                    .tag("div", [.cls("field")], [
                        .tag("label", [Attr("for", "f-file")], text: "日历文件"),
                        .void("input", [Attr("type", "file"), .id("f-file"), Attr("name", "file"), Attr("accept", ".json,application/json")]),
                    ]),
                    Components.submit("导入"),
                ], upload: true),
            ]),
        ])
    }

    static func importResult(_ frame: PageFrame, error: String) -> String {
        Layout.page(frame, [
            Components.notice(Notice(.error, error)),
            .tag("p", [], [Components.link("返回录入页面", .adminCalendarYearNew)]),
        ])
    }
}
