import Foundation
import Testing
@testable import FazhiCore

@Suite("Report: workflow, publication deadline, declared figures")
struct ReportWorkflowTests {
    static let workflow = ReportWorkflow.definition()
    static let ready = ReportWorkflowContext(signatureRecorded: true, publicationDateValid: true, newerVersionPublished: true)

    struct Row: Sendable, CustomTestStringConvertible {
        let from: ReportState, event: ReportEvent, roles: Set<Role>, context: ReportWorkflowContext
        let to: ReportState?, message: String?
        var testDescription: String { "\(from.rawValue) \(event.rawValue) → \(to?.rawValue ?? message ?? "")" }
    }

    static func ready(_ change: (inout ReportWorkflowContext) -> Void) -> ReportWorkflowContext {
        var context = ready
        change(&context)
        return context
    }

    static let rows: [Row] = [
        Row(from: .draft, event: .finalize, roles: [.legalOffice], context: ready, to: .finalized, message: nil),
        Row(from: .finalized, event: .publish, roles: [.legalOffice], context: ready, to: .published, message: nil),
        Row(from: .published, event: .supersede, roles: [.legalOffice], context: ready, to: .superseded, message: nil),
        Row(from: .finalized, event: .supersede, roles: [.legalOffice], context: ready, to: .superseded, message: nil),
        Row(from: .draft, event: .finalize, roles: [.legalOffice], context: ready { $0.emptySections = ["存在的不足和原因"] }, to: nil,
            message: "报告还有必备部分没有撰写。"),
        Row(from: .draft, event: .finalize, roles: [.legalOffice], context: ready { $0.templateErrors = ["第 3 个字符处的「{{」没有闭合。"] }, to: nil,
            message: "正文中还有格式错误的数字占位符，请先改正。"),
        Row(from: .draft, event: .finalize, roles: [.legalOffice], context: ready { $0.unresolvedFigures = ["publicity.lectures"] }, to: nil,
            message: "报告中还有没有取得的数字，请补录申报数字或修改正文。"),
        Row(from: .draft, event: .finalize, roles: [.legalOffice], context: ready { $0.signatureRecorded = false }, to: nil,
            message: "请先填写落款机关和成文日期。"),
        Row(from: .finalized, event: .publish, roles: [.legalOffice], context: ready { $0.newerVersionFinalized = true }, to: nil,
            message: "本年度已有更新的版本定稿或公布，旧版本不能再公布。"),
        Row(from: .finalized, event: .publish, roles: [.legalOffice], context: ready { $0.publicationDateValid = false }, to: nil,
            message: "公布日期应不早于定稿日期，且不晚于今天。"),
        Row(from: .published, event: .supersede, roles: [.legalOffice], context: ready { $0.newerVersionPublished = false }, to: nil,
            message: "只有新版本公布后，旧版本才被取代。"),
        // Leaders read; unit staff and admins write nothing.
        Row(from: .draft, event: .finalize, roles: [.leader], context: ready, to: nil, message: "「定稿」只能由法制机构执行。"),
        Row(from: .draft, event: .finalize, roles: [.unitStaff, .admin], context: ready, to: nil, message: "「定稿」只能由法制机构执行。"),
        // A finalized report never goes back to draft; a published one is not published twice.
        Row(from: .draft, event: .publish, roles: [.legalOffice], context: ready, to: nil, message: "当前状态为「起草中」，不能执行「公布」。"),
        Row(from: .published, event: .publish, roles: [.legalOffice], context: ready, to: nil, message: "当前状态为「已公布」，不能执行「公布」。"),
        Row(from: .finalized, event: .finalize, roles: [.legalOffice], context: ready, to: nil, message: "当前状态为「已定稿」，不能执行「定稿」。"),
        Row(from: .superseded, event: .publish, roles: [.legalOffice], context: ready, to: nil, message: "当前状态为「已被新版本取代」，不能执行「公布」。"),
    ]

    @Test(arguments: rows)
    func transition(_ row: Row) {
        switch Self.workflow.apply(row.event, from: row.from, roles: row.roles, context: row.context) {
        case .success(let transition):
            #expect(transition.to == row.to)
            #expect(row.message == nil)
        case .failure(let refusal):
            #expect(row.to == nil)
            #expect(refusal.message == row.message)
        }
    }

    @Test func everyStateReachableAndSupersededIsTerminal() {
        #expect(Self.workflow.unreachableStates.isEmpty)
        #expect(Self.workflow.terminalStates == [.superseded])
    }

    @Test(arguments: [
        // (report year, today, published on, expected)
        (2020, "2020-12-31", nil, ReportPublicationDeadline.Status.notStarted),
        (2020, "2021-01-01", nil, .running(daysLeft: 90)),   // 31 + 28 + 31 days, 1 January to 31 March 2021
        (2023, "2024-01-01", nil, .running(daysLeft: 91)),   // 2024 is a leap year
        (2020, "2021-03-31", nil, .running(daysLeft: 1)),
        (2020, "2021-04-01", nil, .overdue(days: 1)),
        (2020, "2021-11-29", nil, .overdue(days: 243)),
        (2020, "2021-11-29", "2021-03-17", .published(on: LocalDate(iso: "2021-03-17")!, late: false)),
        (2020, "2021-11-29", "2021-04-01", .published(on: LocalDate(iso: "2021-04-01")!, late: true)),
    ] as [(Int, String, String?, ReportPublicationDeadline.Status)])
    func publicationDeadline(_ year: Int, _ today: String, _ published: String?, _ expected: ReportPublicationDeadline.Status) {
        let deadline = ReportPublicationDeadline(reportYear: year)
        #expect(deadline.status(today: LocalDate(iso: today)!, publishedOn: published.flatMap(LocalDate.init(iso:))) == expected)
        #expect(deadline.lastDay == LocalDate(year: year + 1, month: 3, day: 31))
    }

    @Test func theDashboardShowsLastYearsReport() {
        #expect(ReportPublicationDeadline.current(today: LocalDate(iso: "2026-11-29")!).reportYear == 2025)
        #expect(ReportPublicationDeadline.current(today: LocalDate(iso: "2027-01-01")!).reportYear == 2026)
    }

    static let computed: Set<String> = ["documents.issued", "contracts.filed"]

    static func declare(key: String = "publicity.lectures", label: String = "开展法治讲座", kind: String = "count", value: String = "152",
                        unit: String = "次", source: String = "县普法办统计表（2020年12月）", asOf: String = "2020-12-31") -> Result<DeclaredFigure, FieldErrors> {
        DeclaredFigure.validate(year: 2020, key: key, label: label, kind: kind, value: value, unit: unit, source: source, asOf: asOf, computedKeys: computed)
    }

    @Test func decimalPercentagesAreExact() throws {
        let rate = try Self.declare(key: "service.satisfaction", label: "群众满意率", kind: "rate", value: "95.6", unit: "%").get()
        #expect(rate.value == StatisticValue(numerator: 956, denominator: 1000) && rate.value.number == 0.96 && rate.value.percent(digits: 1) == "95.6%")
    }

    @Test(arguments: [
        (1356, 1356, 0, "100%"), (1355, 1356, 0, "99.9%"), (995, 1000, 0, "99.5%"), (1330, 1356, 0, "98%"), (1, 1000, 0, "0.1%"), (0, 9, 0, "0%"),
        (4, 1000, 0, "0.4%"), (5, 1000, 0, "1%"), (9999, 10000, 1, "99.99%"), (1, 100000, 1, "0.01%"), (956, 1000, 1, "95.6%"), (1, 3, 2, "33.33%"),
        (5, 0, 0, "—"),
    ] as [(Int, Int, Int, String)])
    func ratesNeverOverstateOrDeny(_ numerator: Int, _ denominator: Int, _ digits: Int, _ expected: String) {
        #expect(StatisticValue(numerator: numerator, denominator: denominator).percent(digits: digits) == expected)
    }

    @Test func aValidDeclaration() throws {
        let figure = try Self.declare().get()
        #expect(figure.key == "publicity.lectures" && figure.value == StatisticValue(count: 152) && figure.asOf == LocalDate(iso: "2020-12-31"))
        let rate = try Self.declare(key: "mediation.successRate", label: "成功率", kind: "rate", value: "98%", unit: "%").get()
        #expect(rate.value == StatisticValue(numerator: 98, denominator: 100) && rate.value.display == "98%")
        #expect(try Self.declare(kind: "rate", value: "100", unit: "%").get().value.number == 1)
    }

    @Test(arguments: [
        ("key", "", "请填写「指标代码」。"),
        ("key", "lectures", "以点分隔"),
        ("key", "publicity..lectures", "以点分隔"),
        ("key", "1publicity.lectures", "以点分隔"),
        ("key", "publicity.讲座", "以点分隔"),
        ("key", "documents.issued", "由系统根据业务记录计算，不能申报"),
        ("label", "", "请填写「指标名称」"),
        ("kind", "ratio", "请选择「类型」"),
        ("value", "", "请填写「数值」。"),
        ("value", "-1", "整数"),
        ("value", "1.5", "整数"),
        ("value", "１５２", "整数"),
        ("value", "12万", "整数"),
        ("unit", "", "请填写「单位」"),
        ("source", "", "请填写「数据来源」"),
        ("asOf", "2021-01-01", "应在 2020 年内"),
        ("asOf", "2020-02-30", "日期"),
    ] as [(String, String, String)])
    func refusedDeclarations(_ field: String, _ input: String, _ message: String) {
        let result: Result<DeclaredFigure, FieldErrors> = switch field {
        case "key": Self.declare(key: input)
        case "label": Self.declare(label: input)
        case "kind": Self.declare(kind: input)
        case "value": Self.declare(value: input)
        case "unit": Self.declare(unit: input)
        case "source": Self.declare(source: input)
        default: Self.declare(asOf: input)
        }
        guard case .failure(let errors) = result else { Issue.record("accepted \(field)=\(input)"); return }
        #expect(errors[field].contains { $0.contains(message) }, "\(errors)")
        #expect(errors.entries.allSatisfy { $0.field == field }, "only \(field) is wrong: \(errors)")
    }

    @Test(arguments: [("101", false), ("0", true), ("100%", true), ("98.5", true), ("95.65%", true), ("95.655", false), ("100.01", false),
                      ("%", false), (".5", false), ("5.", false), ("1e2", false), ("９８", false), ("-1", false)])
    func ratesArePercentagesUpTo100(_ input: String, _ accepted: Bool) {
        let result = Self.declare(kind: "rate", value: input, unit: "%")
        if case .success = result { #expect(accepted) } else { #expect(!accepted) }
    }
}

@Suite("Report: declared figures imported from a sheet")
struct DeclaredFigureImportTests {
    static func table(_ lines: [String]) throws -> SheetTable {
        try CSVReader.table(Array(lines.joined(separator: "\r\n").utf8))
    }

    static let header = "指标代码,指标名称,数值,单位,截至日期,数据来源,录入人"

    @Test func aGoodSheetGivesEveryFigure() throws {
        let sheet = try Self.table([Self.header, "publicity.lectures,开展法治讲座,156,次,2020-12-31,县普法办统计表,张三",
                                    "mediation.successRate,成功率,98%,%,2020-11-30,县司法局调解统计,"])
        let figures = try DeclaredFigureImport.validate(sheet, year: 2020, computedKeys: ["documents.issued"]).get()
        #expect(figures.map(\.key) == ["publicity.lectures", "mediation.successRate"])
        #expect(figures[1].kind == .rate && figures[1].value == StatisticValue(numerator: 98, denominator: 100))
    }

    @Test func everyBadCellIsNamedAndNothingIsKept() throws {
        let sheet = try Self.table([Self.header,
                                    "documents.issued,出台规范性文件,43,件,2020-12-31,县政府办,",
                                    "publicity.lectures,开展法治讲座,十五,次,2020-12-31,县普法办,",
                                    "publicity.lectures,开展法治讲座,15,次,2021-01-01,,",
                                    "publicity.columns,专栏,500,个,2020-12-31,县普法办,",
                                    "publicity.columns,专栏,501,个,2020-12-31,县普法办,"])
        guard case .failure(let failure) = DeclaredFigureImport.validate(sheet, year: 2020, computedKeys: ["documents.issued"]) else {
            Issue.record("accepted"); return
        }
        let problems = failure.messages
        #expect(problems.contains { $0.hasPrefix("第 2 行「指标代码」列") && $0.contains("不能申报") })
        #expect(problems.contains { $0.hasPrefix("第 3 行「数值」列") })
        #expect(problems.contains { $0.hasPrefix("第 4 行「截至日期」列") } && problems.contains { $0.hasPrefix("第 4 行「数据来源」列") })
        #expect(problems.contains { $0.hasPrefix("第 6 行「指标代码」列") && $0.contains("与第 5 行重复") })
        #expect(problems.count == 5)
    }

    @Test func theHeaderMustNameTheColumns() throws {
        guard case .failure(let failure) = DeclaredFigureImport.validate(try Self.table(["代码,名称,值", "a.b,x,1"]), year: 2020, computedKeys: []) else {
            Issue.record("accepted"); return
        }
        #expect(failure.messages == ["表头缺少以下列：「指标代码」、「指标名称」、「数值」、「单位」、「截至日期」、「数据来源」。第一行应为：指标代码、指标名称、数值、单位、截至日期、数据来源。"])
    }
}

@Suite("Report: default templates speak of the region's own level")
struct RegionLevelTests {
    @Test(arguments: [("凤凰县", "县"), ("城步苗族自治县", "县"), ("永定区", "区"), ("神农架林区", "区"), ("吉首市", "市"), ("科尔沁右翼前旗", "旗"), ("某地", "县")])
    func levels(_ region: String, _ level: String) {
        #expect(ReportContext.level(of: region) == level)
        let draft = DefaultReportTemplates.draft(year: 2024, region: region)
        let text = draft.sections.map(\.text).joined()
        #expect(text.contains("我\(level)") && text.contains("全\(level)") && !text.contains("{{regionLevel}}"))
        if level != "县" { #expect(!text.contains("县")) }
    }

    @Test func theVariableRendersToo() throws {
        let rendered = try ReportTemplate("我{{regionLevel}}").render(context: ReportContext(year: 2024, region: "永定区")) { _ in nil }
        #expect(rendered.plainText == "我区")
    }
}

@Suite("Report: signing and publication dates")
struct ReportDatesTests {
    static let today = LocalDate(iso: "2025-11-25")!

    @Test(arguments: [
        ("2025-03-10", 2024, nil), ("2025-01-01", 2024, nil), ("2024-12-31", 2024, "之后"), ("2024-06-01", 2024, "之后"),
        ("2025-11-26", 2024, "不能晚于今天"), ("2025-11-25", 2024, nil),
    ] as [(String, Int, String?)])
    func signing(_ date: String, _ year: Int, _ problem: String?) {
        let found = ReportDates.signingProblem(LocalDate(iso: date)!, reportYear: year, today: Self.today)
        if let problem { #expect(found?.contains(problem) == true) } else { #expect(found == nil) }
    }

    @Test(arguments: [
        ("2025-11-25", "2025-11-20", true), ("2025-11-20", "2025-11-20", true), ("2025-11-19", "2025-11-20", false),
        ("2025-11-26", "2025-11-20", false), ("2025-11-25", nil, false),
    ] as [(String, String?, Bool)])
    func publication(_ date: String, _ finalized: String?, _ valid: Bool) {
        #expect(ReportDates.publicationValid(LocalDate(iso: date)!, finalizedOn: finalized.flatMap(LocalDate.init(iso:)), today: Self.today) == valid)
    }
}
