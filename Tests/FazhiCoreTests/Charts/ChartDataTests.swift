import Foundation
import Testing
@testable import FazhiCore

@Suite("Chart scales")
struct NiceScaleTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let maximum: Double
        let integral: Bool
        let isRate: Bool
        let ticks: [Double]
        var testDescription: String { "0…\(maximum)\(isRate ? " %" : "")" }
    }

    @Test(arguments: [
        Case(maximum: 43, integral: true, isRate: false, ticks: [0, 10, 20, 30, 40, 50]),
        Case(maximum: 0.98, integral: false, isRate: true, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1.0]),
        Case(maximum: 113927, integral: true, isRate: false, ticks: [0, 20000, 40000, 60000, 80000, 100000, 120000]),
        Case(maximum: 1.0, integral: false, isRate: true, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1.0]),
        Case(maximum: 0.3, integral: false, isRate: true, ticks: [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3]),
        Case(maximum: 0, integral: true, isRate: false, ticks: [0, 1, 2, 3, 4, 5]),
        Case(maximum: 0, integral: false, isRate: true, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1.0]),
        Case(maximum: 1, integral: true, isRate: false, ticks: [0, 1, 2, 3, 4, 5]),
        Case(maximum: 7, integral: true, isRate: false, ticks: [0, 2, 4, 6, 8]),
        Case(maximum: 2.5, integral: false, isRate: false, ticks: [0, 0.5, 1, 1.5, 2, 2.5]),
        Case(maximum: 100, integral: true, isRate: false, ticks: [0, 20, 40, 60, 80, 100]),
        Case(maximum: 227, integral: true, isRate: false, ticks: [0, 50, 100, 150, 200, 250]),
        Case(maximum: 1356, integral: true, isRate: false, ticks: [0, 500, 1000, 1500]),
        Case(maximum: 1e-12, integral: false, isRate: false, ticks: [0, 1, 2, 3, 4, 5]),
    ])
    func ticks(_ example: Case) {
        let scale = NiceScale(maximum: example.maximum, integral: example.integral, isRate: example.isRate)
        // Exact: ticks are built from integers, so 0.6 is 0.6, not 0.6000000000000001.
        #expect(scale.ticks == example.ticks)
    }

    @Test func tickLabels() {
        let rate = NiceScale(maximum: 0.98, integral: false, isRate: true)
        #expect(rate.ticks.map { rate.label($0, for: ChartSamples.rates) } == ["0%", "20%", "40%", "60%", "80%", "100%"])
        let huge = NiceScale(maximum: 113927, integral: true, isRate: false)
        #expect(huge.ticks.map { huge.label($0, for: ChartSamples.oneThing) } == ["0", "2万", "4万", "6万", "8万", "10万", "12万"])
        let plain = NiceScale(maximum: 43, integral: true, isRate: false)
        #expect(plain.ticks.map { plain.label($0, for: ChartSamples.comparison) } == ["0", "10", "20", "30", "40", "50"])
    }

    /// Every maximum from tiny to enormous: starts at 0, top at or above it, 1-2-5 steps, few intervals.
    @Test func invariantsHoldAcrossMagnitudes() {
        var maximum = 0.0013
        while maximum < 1e16 {
            for integral in [true, false] {
                let scale = NiceScale(maximum: maximum, integral: integral, isRate: false)
                #expect(scale.ticks.first == 0)
                #expect(scale.top >= maximum, "top \(scale.top) below \(maximum)")
                #expect(scale.intervals <= NiceScale.maxIntervals && scale.intervals >= 1)
                #expect([1, 2, 5].contains(scale.mantissa))
                #expect(!integral || scale.step >= 1)
                // Not wastefully high: one step fewer would not reach the maximum.
                #expect(scale.top - scale.step < maximum || (integral && scale.top == 5))
            }
            maximum *= 1.37
        }
    }

    @Test func nonsenseMaximumsGetTheDefaultAxis() {
        for maximum in [Double.nan, .infinity, -5] {
            #expect(NiceScale(maximum: maximum, integral: true, isRate: false).ticks == [0, 1, 2, 3, 4, 5])
        }
    }
}

@Suite("Chart data")
struct ChartDataTests {
    struct FormatCase: Sendable {
        let value: Double?
        let unit: String
        let plain: String
        let withUnit: String
    }

    @Test(arguments: [
        FormatCase(value: 43, unit: "件", plain: "43", withUnit: "43 件"),
        FormatCase(value: 113927, unit: "件", plain: "113927", withUnit: "113927 件"),
        FormatCase(value: 2.5, unit: "天", plain: "2.5", withUnit: "2.5 天"),
        FormatCase(value: 2.04, unit: "天", plain: "2", withUnit: "2 天"),
        FormatCase(value: 0.98, unit: "%", plain: "98%", withUnit: "98%"),
        FormatCase(value: 0.985, unit: "%", plain: "98.5%", withUnit: "98.5%"),
        FormatCase(value: 1, unit: "%", plain: "100%", withUnit: "100%"),
        FormatCase(value: 0, unit: "%", plain: "0%", withUnit: "0%"),
        FormatCase(value: nil, unit: "件", plain: "—", withUnit: "无数据"),
        FormatCase(value: .nan, unit: "件", plain: "—", withUnit: "无数据"),
        FormatCase(value: -3, unit: "件", plain: "0", withUnit: "0 件"),
        FormatCase(value: 1e20, unit: "件", plain: "100000000000000000000", withUnit: "100000000000000000000 件"),
        FormatCase(value: 7, unit: "", plain: "7", withUnit: "7"),
    ])
    func formatting(_ example: FormatCase) {
        let data = ChartData(title: "", categories: [], series: [], unit: example.unit)
        #expect(data.format(example.value) == example.plain)
        #expect(data.formatWithUnit(example.value) == example.withUnit)
    }

    @Test func compactFormat() {
        let data = ChartData(title: "", categories: [], series: [], unit: "件")
        #expect(data.compactFormat(113927) == "11.4万")
        #expect(data.compactFormat(250_000_000) == "2.5亿")
        #expect(data.compactFormat(9999) == "9999")
    }

    @Test func seriesCleanUpTheirValues() {
        let series = ChartSeries(name: "甲", values: [1, .nan, .infinity, -.infinity, -2, nil, 3.5])
        #expect(series.values == [1, nil, nil, nil, 0, nil, 3.5])
    }

    @Test func valuesAlignWithCategoriesAndSeriesAreCapped() {
        let data = ChartData(
            title: "t", categories: ["甲", "乙", "丙"],
            series: (1...6).map { ChartSeries(name: "s\($0)", values: Array(repeating: Double($0), count: $0)) },
            unit: "件")
        #expect(data.series.map(\.name) == ["s1", "s2", "s3", "s4"])
        #expect(data.series[0].values == [1, nil, nil])
        #expect(data.series[1].values == [2, 2, nil])
        #expect(data.series[3].values == [4, 4, 4])
    }

    @Test func summaryReadsTheData() {
        #expect(ChartSamples.comparison.summary == "2020年与2019年同期对比（依次为2020年、2019年（示例））："
            + "规范性文件 43 件、38 件；政府合同备案 13 件、11 件；行政复议 9 件、7 件；行政应诉 8 件、10 件；重大行政决策 5 件、4 件。")
        #expect(ChartSamples.rates.summary == "办案质量：调解成功率 98%；行政复议法定期限内结案率 100%；调解率 100%。")
        let gap = ChartData(title: "各月", categories: ["1月", "2月"], series: [ChartSeries(name: "a", values: [1, nil])], unit: "件")
        #expect(gap.summary == "各月：1月 1 件；2月 无数据。")
        #expect(ChartData(title: "空", categories: ["1月"], series: [], unit: "件").summary == "空：暂无数据。")
        #expect(ChartData(title: "空", categories: [], series: [ChartSeries(name: "a", values: [])], unit: "件").summary == "空：暂无数据。")
    }

    @Test func tableForTheTextAlternative() {
        #expect(ChartSamples.comparison.tableHeader == ["项目", "2020年", "2019年（示例）"])
        #expect(ChartSamples.comparison.tableRows.first == ["规范性文件", "43 件", "38 件"])
        #expect(ChartSamples.monthly.tableRows[4] == ["5月", "—", "1 件"])
        #expect(ChartSamples.rates.tableRows == [["调解成功率", "98%"], ["行政复议法定期限内结案率", "100%"], ["调解率", "100%"]])
    }

    @Test func rankedOrdersByFirstSeriesWithGapsLast() {
        let data = ChartData(
            title: "t", categories: ["甲", "乙", "丙", "丁", "戊"],
            series: [ChartSeries(name: "a", values: [3, nil, 10, 3, 7]), ChartSeries(name: "b", values: [1, 2, 3, 4, 5])],
            unit: "件"
        ).ranked()
        #expect(data.categories == ["丙", "戊", "甲", "丁", "乙"])
        #expect(data.series[0].values == [10, 7, 3, 3, nil])
        #expect(data.series[1].values == [3, 5, 1, 4, 2])
    }

    @Test(arguments: [
        ("dashboard-cases", "dashboard-cases"), ("chart 1", "chart-1"), ("1st", "chart-1st"),
        ("", "chart"), ("图表<x>", "chart----x-"), ("a\"b", "a-b"),
    ])
    func idsAreSafe(_ pair: (String, String)) {
        #expect(SVGChart.sanitizedID(pair.0) == pair.1)
    }

    @Test func paletteMeetsContrastOnWhite() {
        for tone in ChartTone.allCases {
            // WCAG 2.1 1.4.11: graphical objects 3:1; the tones also label values, so hold them to 4.5:1.
            #expect(Contrast.ratio(ChartStyle.colour(tone)) >= 4.5, "\(tone)")
        }
        #expect(Contrast.ratio(ChartStyle.ink) >= 4.5)
        #expect(Contrast.ratio(ChartStyle.muted) >= 4.5)
        #expect(!ChartStyle.order.contains(.danger))
    }

    @Test func wrapping() {
        // 12 px CJK characters: 5 fit in 60 px.
        #expect(TextMetrics.wrap("县人力资源和社会保障局", maxWidth: 60, fontSize: 12, maxLines: 2) == ["县人力资源", "和社会保…"])
        // Two lines, balanced rather than filled: no lone character left hanging.
        #expect(TextMetrics.wrap("县人力资源和社会", maxWidth: 60, fontSize: 12, maxLines: 2) == ["县人力资", "源和社会"])
        #expect(TextMetrics.wrap("县卫生健康局", maxWidth: 60, fontSize: 12, maxLines: 2) == ["县卫生", "健康局"])
        #expect(TextMetrics.wrap("县综合行政执法局（县城市管理和综合执法局）", maxWidth: 214, fontSize: 12, maxLines: 2)
            == ["县综合行政执法局（县城", "市管理和综合执法局）"])
        #expect(TextMetrics.wrap("12月", maxWidth: 60, fontSize: 12, maxLines: 2) == ["12月"])
        // Narrower than one character: still one per line, so something shows.
        #expect(TextMetrics.wrap("规范性文件", maxWidth: 5, fontSize: 12, maxLines: 2) == ["规", "范…"])
        #expect(TextMetrics.wrap("", maxWidth: 60, fontSize: 12, maxLines: 2) == [""])
    }
}
