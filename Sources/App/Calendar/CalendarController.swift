import FazhiCore
import Fluent
import Foundation
import Vapor

/// The legal calendar pages: the year's schedule, the deadline calculator, and the admin's import.
enum CalendarController {
    static func show(_ req: Request) async throws -> Response {
        let calendar = try await req.legalCalendar()
        let today = req.fazhi.clock.today
        let requested = req.queryForm["year"].flatMap { $0.count == 4 ? Int($0) : nil }
        let year = requested.flatMap { calendar.covers($0) ? $0 : nil }
            ?? (calendar.covers(today.year) ? today.year : calendar.coveredYears.last ?? today.year)
        let imported = Set(try await CalendarYearModel.query(on: req.db).all().map(\.year))
        let frame = try await req.frame("法定节假日日历与期限计算", crumbs: [Crumb("法定日历与期限")], nav: "calendar")
        return htmlResponse(CalendarPages.year(frame, calendar: calendar, year: year, today: today, imported: imported,
                                               canManage: req.currentUser?.has(.manageCalendar) ?? false,
                                               calculator: CalendarPages.Calculator(from: today.description, days: "", unit: .calendarDays,
                                                                                    rules: ruleOptions)))
    }

    /// Every statutory rule as the calculator offers it: "documents.filing · 规范性文件报送备案（15日）".
    static var ruleOptions: [(id: String, label: String)] {
        var options: [(id: String, label: String)] = []
        for rule in ModuleRegistry.ruleCatalogue.rules where !options.contains(where: { $0.id == rule.id }) {
            options.append((id: rule.id, label: "\(rule.title)（\(rule.length.label)）· \(rule.id)"))
        }
        return options
    }

    /// GET /calendar/deadline?rule=&from=&extended= or ?from=&days=&unit= — computes and explains a due date.
    static func calculate(_ req: Request) async throws -> Response {
        let form = req.queryForm
        var errors = FieldErrors()
        let start = DateRule(label: form["rule"] == nil ? "起算日" : "起算事件的日期").clean(form["from"], field: "from", into: &errors)
        let calendar = try await req.legalCalendar()
        var result: CalendarPages.CalculationResult?
        var calculator = CalendarPages.Calculator(from: form["from"] ?? "", days: form["days"] ?? "", unit: .calendarDays, rules: ruleOptions)
        if let id = form["rule"] {
            // By a named statutory rule, with the legal office's settings.
            calculator.rule = id
            calculator.extended = form["extended"] == "on"
            if !ModuleRegistry.ruleCatalogue.ids.contains(id) { errors.add("rule", "请选择一个法定期限。") }
            if errors.isEmpty, let start {
                do {
                    let statute = try ModuleRegistry.ruleCatalogue.rule(id, on: start)
                    let rule = try await ModuleRegistry.rule(id, on: start, db: req.db)
                    let due = try rule.dueDate(from: start, extended: calculator.extended, calendar: calendar)
                    result = CalendarPages.CalculationResult(due: due, explanation: rule.explanation(from: start, due: due, extended: calculator.extended,
                                                                                                    statuteLength: statute.length))
                } catch let error as CalendarError {
                    errors.add("from", error.message)
                } catch let error as RuleError {
                    errors.add(calculator.extended ? "extended" : "rule", error.description)
                }
            }
        } else {
            let days = IntegerRule(label: "期间天数", range: Period.lengthRange).clean(form["days"], field: "days", into: &errors)
            let unit = PeriodUnit(rawValue: form["unit"] ?? "")
            if unit == nil { errors.add("unit", "请选择按「日」还是按「工作日」计算。") }
            calculator.unit = unit ?? .calendarDays
            if errors.isEmpty, let start, let days, let unit {
                do {
                    let due = try calendar.dueDate(of: Period(start: start, length: days, unit: unit))
                    result = CalendarPages.CalculationResult(due: due, explanation: explain(start: start, days: days, unit: unit, due: due, calendar: calendar))
                } catch let error as CalendarError {
                    errors.add("from", error.message)
                }
            }
        }
        let frame = try await req.frame("期限计算", crumbs: [Crumb("法定日历与期限", .calendar), Crumb("期限计算")], nav: "calendar")
        return htmlResponse(CalendarPages.calculation(frame, calculator: calculator, errors: errors, result: result),
                            status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    /// Plain-language reasons for the due date, as a clerk would explain it to a party.
    static func explain(start: LocalDate, days: Int, unit: PeriodUnit, due: LocalDate, calendar: LegalCalendar) -> [String] {
        var lines = ["期间开始的当日（\(start.chinese)）不计算在期间内。"]
        switch unit {
        case .calendarDays:
            let raw = start.adding(days: days)
            lines.append("自次日起算 \(days) 日，届满日为 \(raw.chinese)（\(raw.chineseWeekday)）。")
            if raw != due {
                let kind = (try? calendar.kind(of: raw)).map(label) ?? "休息日"
                lines.append("\(raw.chinese)是\(kind)，依法顺延至其后第一个工作日 \(due.chinese)（\(due.chineseWeekday)）。")
            }
            lines.append("依据：《民事诉讼法》第八十五条（行政诉讼、行政复议期间参照适用）。")
        case .workingDays:
            lines.append("自次日起数 \(days) 个工作日，调休上班日计入，法定节假日和周末（调休上班日除外）不计入，届满日为 \(due.chinese)（\(due.chineseWeekday)）。")
            lines.append("依据：《行政复议法》第八十八条第二款。")
        }
        return lines
    }

    static func label(_ kind: DayKind) -> String {
        switch kind {
        case .workingDay: "工作日"
        case .weekend: "周末休息日"
        case .holiday(let name): "法定节假日（\(name)）"
        case .makeUpWorkingDay(let name): "调休上班日（\(name)）"
        }
    }

    // MARK: Admin: add a year

    static func newYear(_ req: Request) async throws -> Response {
        let frame = try await req.frame("录入年度节假日安排", crumbs: [Crumb("法定日历与期限", .calendar), Crumb("录入年度安排")], nav: "calendar")
        return htmlResponse(CalendarPages.yearForm(frame, values: [:], errors: nil))
    }

    static func saveYear(_ req: Request) async throws -> Response {
        let form = req.form
        switch CalendarYear.parse(year: form["year"] ?? "", notice: form["notice"] ?? "", holidayLines: form["holidays"] ?? "",
                                  workdayLines: form["workdays"] ?? "", published: form["published"] ?? "") {
        case .failure(let errors):
            let frame = try await req.frame("录入年度节假日安排", crumbs: [Crumb("法定日历与期限", .calendar), Crumb("录入年度安排")], nav: "calendar")
            return htmlResponse(CalendarPages.yearForm(frame, values: form.flat, errors: errors), status: .unprocessableEntity)
        case .success(let year):
            try await CalendarService.importYears([year], context: req.auditContext, at: req.now, on: req.db)
            return req.redirect(to: SiteURL.calendar.path(query: [("year", String(year.year)), ("done", "imported")]), redirectType: .normal)
        }
    }

    /// Upload of a JSON file in the bundled format (one year or several); all years land or none.
    static func importFile(_ req: Request) async throws -> Response {
        struct Upload: Decodable { var file: File? }
        let upload = try? req.content.decode(Upload.self, as: .formData)
        let frame = try await req.frame("导入日历文件", crumbs: [Crumb("法定日历与期限", .calendar), Crumb("导入")], nav: "calendar")
        guard let file = upload?.file, file.data.readableBytes > 0 else {
            return htmlResponse(CalendarPages.importResult(frame, error: "请选择要导入的日历文件（JSON）。"), status: .unprocessableEntity)
        }
        do {
            let years = try CalendarYear.decode(Data(file.data.readableBytesView))
            _ = try LegalCalendar(years: years)
            try await CalendarService.importYears(years, context: req.auditContext, at: req.now, on: req.db)
            let list = years.map { String($0.year) }.joined(separator: "、")
            return req.redirect(to: SiteURL.calendar.path(query: [("year", years.first.map { String($0.year) } ?? ""), ("done", "imported")]) + "#y\(list.prefix(4))",
                                redirectType: .normal)
        } catch let error as CalendarError {
            return htmlResponse(CalendarPages.importResult(frame, error: error.message), status: .unprocessableEntity)
        } catch is DecodingError {
            return htmlResponse(CalendarPages.importResult(frame, error: "文件不是有效的日历 JSON（格式见 README「法定节假日日历」）。未导入任何数据。"),
                                status: .unprocessableEntity)
        }
    }
}
