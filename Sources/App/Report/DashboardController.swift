import FazhiCore
import Fluent
import Foundation
import Vapor

/// 领导看板: this year's key figures against the same period last year (from the statistics catalogue), open
/// deadlines of every module by unit, and the annual report's progress and publication countdown. Charts are
/// server-drawn SVG with a text alternative.
enum DashboardController {
    /// The headline figures, in the order the report states them.
    static let keyFigures = ["documents.issued", "decisions.major", "contracts.reviewed", "contracts.filed", "advisers.keyProjects",
                             "advisers.village.total", "contracts.reviewOnTimeRate", "documents.filing.onTimeRate"]
    /// Counted month by month for the line chart.
    static let monthlyFigures = ["documents.issued", "contracts.reviewed"]

    struct KeyFigure: Sendable {
        let definition: StatisticDefinition
        let thisYear: StatisticValue
        let lastYear: StatisticValue
    }

    struct UnitDeadlines: Sendable {
        let unit: String
        var overdue: Int
        var dueSoon: Int
    }

    struct ReportProgress: Sendable {
        let deadline: ReportPublicationDeadline
        let report: ReportModel?
        let written: Int
        let missing: [StatutoryItem]
    }

    struct Model: Sendable {
        let today: LocalDate
        let sameDayLastYear: LocalDate
        let figures: [KeyFigure]
        /// Per monthly figure: (this year, last year) counts for months 1…12; nil after today.
        let monthly: [(definition: StatisticDefinition, thisYear: [Double?], lastYear: [Double?])]
        let deadlines: [UnitDeadlines]
        let overdue: [TrackedMatter]
        let progress: ReportProgress
    }

    static func sameDay(_ date: LocalDate, year: Int) -> LocalDate {
        LocalDate(year: year, month: date.month, day: min(date.day, LocalDate.daysInMonth(year: year, month: date.month)))!
    }

    /// `summary`: the deadline board the caller already has (the home page computes it for its 待办 panel).
    static func model(_ req: Request, user: CurrentUser, monthlyChart: Bool = true, summary known: DeadlineBoard.Summary? = nil) async throws -> Model {
        let today = req.fazhi.clock.today
        let lastYearDay = sameDay(today, year: today.year - 1)
        let entries = keyFigures.compactMap(StatisticsCatalogue.entry)
        let work = entries.flatMap { [($0, StatisticPeriod(year: today.year, through: today)), ($0, StatisticPeriod(year: today.year - 1, through: lastYearDay))] }
        let values = try await StatisticsCatalogue.computeAll(work, on: req.db).map(\.1.value)
        let figures = entries.enumerated().map { index, entry in
            KeyFigure(definition: entry.definition, thisYear: values[2 * index], lastYear: values[2 * index + 1])
        }
        var monthly: [(definition: StatisticDefinition, thisYear: [Double?], lastYear: [Double?])] = []
        for key in monthlyChart ? monthlyFigures : [] {
            guard let entry = StatisticsCatalogue.entry(key) else { continue }
            func months(_ year: Int, upTo last: Int) async throws -> [Double?] {
                var values: [Double?] = []
                var previous = 0
                for month in 1...12 {
                    guard month <= last else { values.append(nil); continue }
                    let end = LocalDate(year: year, month: month, day: LocalDate.daysInMonth(year: year, month: month))!
                    let through = min(end, year == today.year ? today : end)
                    let cumulative = try await entry.compute(StatisticPeriod(year: year, through: through), req.db).value.numerator
                    values.append(Double(cumulative - previous))
                    previous = cumulative
                }
                return values
            }
            monthly.append((entry.definition, try await months(today.year, upTo: today.month), try await months(today.year - 1, upTo: 12)))
        }
        let calendar = try await req.legalCalendar()
        let overdue: [TrackedMatter]
        if let known {
            overdue = known.overdue
        } else {
            overdue = try await DeadlineBoard.page(.overdue, for: user.actor, sources: req.fazhi.deadlineSources, calendar: calendar, today: today,
                                                   offset: 0, limit: 20, on: req.db)
        }
        let deadlines = try await DeadlineBoard.byUnit(for: user.actor, sources: req.fazhi.deadlineSources, calendar: calendar, today: today, on: req.db)
            .map { UnitDeadlines(unit: $0.unit, overdue: $0.overdue, dueSoon: $0.dueSoon) }
            .sorted { ($0.overdue, $0.dueSoon, $1.unit) > ($1.overdue, $1.dueSoon, $0.unit) }
        let deadline = ReportPublicationDeadline.current(today: today)
        let report = try await ReportModel.query(on: req.db).filter(\.$year == deadline.reportYear).sort(\.$version, .descending).first()
        var written = 0
        var missing = ReportCompleteness.requiredItems
        if let report {
            // The text only: the progress needs no figure computed.
            let draft = try await ReportService.draft(report, on: req.db)
            written = draft.sections.filter { !$0.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }.count
            missing = ReportCompleteness.missing(in: draft)
        }
        return Model(today: today, sameDayLastYear: lastYearDay, figures: figures, monthly: monthly, deadlines: deadlines,
                     overdue: overdue, progress: ReportProgress(deadline: deadline, report: report, written: written, missing: missing))
    }

    static func show(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let model = try await model(req, user: user)
        let frame = try await req.frame("领导看板", crumbs: [Crumb("年度报告", .reports), Crumb("领导看板")], nav: "reports")
        return htmlResponse(DashboardPages.page(frame, model))
    }
}

enum DashboardPages {
    static func change(_ figure: DashboardController.KeyFigure) -> HTMLNode {
        guard figure.definition.kind == .count else {
            return .tag("span", [.cls("muted")], text: "去年同期 \(figure.lastYear.display)")
        }
        let delta = figure.thisYear.numerator - figure.lastYear.numerator
        let sign = delta > 0 ? "增加" : delta < 0 ? "减少" : "持平"
        return .tag("span", [.cls("muted")], text: "去年同期 \(figure.lastYear.numerator)\(figure.definition.unit)，\(sign)\(delta == 0 ? "" : " \(abs(delta))")")
    }

    /// A chart with its caption and its data as a table for screen readers and for anyone who wants the numbers.
    static func chart(_ svg: String, data: ChartData) -> HTMLNode {
        .tag("figure", [.cls("chart")], [
            .raw(svg),
            .tag("figcaption", text: data.title),
            .tag("details", [.cls("chart-data")], [
                .tag("summary", text: "查看数据表"),
                Components.table(headers: data.tableHeader, rows: data.tableRows.map { $0.map { HTMLNode.t($0) } }),
            ]),
        ])
    }

    static func sections(_ m: DashboardController.Model) -> [HTMLNode] {
        let year = m.today.year
        let counts = m.figures.filter { $0.definition.kind == .count }
        let bars = ChartData(title: "\(year) 年与上年同期（截至 \(m.today.month) 月 \(m.today.day) 日）", categories: counts.map(\.definition.label), series: [
            ChartSeries(name: "\(year) 年", values: counts.map { Double($0.thisYear.numerator) }),
            ChartSeries(name: "\(year - 1) 年同期", values: counts.map { Double($0.lastYear.numerator) }),
        ], unit: "")
        var nodes: [HTMLNode] = [
            .tag("section", [.cls("card"), .id("figures")], [
                .tag("h2", text: "\(year) 年主要数字（截至 \(m.today.chinese)）"),
                .tag("div", [.cls("tiles figures")], m.figures.map { figure in
                    .tag("div", [.cls("tile")], [
                        .tag("strong", text: figure.thisYear.display + (figure.definition.kind == .count ? " \(figure.definition.unit)" : "")),
                        .tag("span", text: figure.definition.label),
                        change(figure),
                    ])
                }),
                chart(BarChart.svg(bars, id: "chart-figures", width: 1000, height: 340), data: bars),
            ]),
        ]
        if !m.monthly.isEmpty {
            var series: [ChartSeries] = []
            for item in m.monthly {
                series.append(ChartSeries(name: "\(item.definition.label) \(year)", values: item.thisYear))
                series.append(ChartSeries(name: "\(item.definition.label) \(year - 1)", values: item.lastYear))
            }
            let lines = ChartData(title: "按月统计", categories: (1...12).map { "\($0)月" }, series: series, unit: "")
            nodes.append(.tag("section", [.cls("card"), .id("monthly")], [.tag("h2", text: "按月统计"), chart(LineChart.svg(lines, id: "chart-monthly", width: 1000, height: 340), data: lines)]))
        }
        let deadlineData = ChartData(title: "各单位超期、临期事项", categories: m.deadlines.map(\.unit), series: [
            ChartSeries(name: "超期", values: m.deadlines.map { Double($0.overdue) }, tone: .danger),
            ChartSeries(name: "临期", values: m.deadlines.map { Double($0.dueSoon) }, tone: .warning),
        ], unit: "件")
        nodes.append(.tag("section", [.cls("card"), .id("deadlines")], [
            .tag("h2", text: "期限：超期 \(m.deadlines.reduce(0) { $0 + $1.overdue }) 件，临期 \(m.deadlines.reduce(0) { $0 + $1.dueSoon }) 件"),
            m.deadlines.isEmpty ? .tag("p", [.cls("empty")], text: "各模块没有超期或临期事项。")
                : chart(HorizontalBarChart.svg(deadlineData, id: "chart-deadlines", width: 1000, ranked: false), data: deadlineData),
            m.overdue.isEmpty ? .nodes([]) : Components.table(caption: "超期事项", headers: ["事项", "模块", "单位", "届满日"], rows: m.overdue.prefix(20).map { tracked in
                [.tag("a", [.href(tracked.matter.path)], text: tracked.matter.title), .t(tracked.matter.module), .t(tracked.matter.ownerUnitName),
                 .t(tracked.due?.chinese ?? "")]
            }),
        ]))
        let p = m.progress
        var report: [HTMLNode] = [
            .tag("h2", text: "\(p.deadline.reportYear) 年度法治政府建设报告"),
            .tag("p", [], [ReportPages.deadlineText(p.deadline, today: m.today, publishedOn: p.report?.publishedOn.flatMap(LocalDate.init(iso:)))]),
        ]
        if let r = p.report {
            report.append(Components.definitions([
                ("状态", ReportPages.stateBadge(r.reportState)),
                ("进度", .t("已撰写 \(p.written)/\(ReportSectionKey.allCases.count) 部分" + (p.missing.isEmpty ? "，法定内容齐全" : "；尚缺：" + p.missing.map(\.label).joined(separator: "；")))),
            ]))
            report.append(.tag("p", [], [Components.link("打开报告", .report(.value(r.id!)))]))
        } else {
            report.append(.tag("p", [], [.t("尚未起草。"), Components.link("起草报告", .reports)]))
        }
        nodes.append(.tag("section", [.cls("card"), .id("report-progress")], report))
        return nodes
    }

    static func page(_ frame: PageFrame, _ m: DashboardController.Model) -> String {
        Layout.page(frame, [.tag("p", [.cls("lead")], text: "数字来自统计口径目录，与年度报告一致；图表下方可查看数据表。")] + sections(m))
    }
}
