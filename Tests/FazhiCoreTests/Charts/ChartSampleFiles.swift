import Foundation
import Testing
@testable import FazhiCore

/// Writes every sample chart to /tmp/charts (an .svg and a small .html page around it) for a person to look
/// at in a browser or a headless screenshot. Runs only when FAZHI_CHART_SAMPLES is set.
@Suite("Chart samples")
struct ChartSampleFiles {
    static let directory = URL(fileURLWithPath: "/tmp/charts", isDirectory: true)

    static var samples: [(name: String, svg: String)] {
        let hostile = ChartData(
            title: "转义 <script>&\"", categories: ["<script>&\"", "甲"],
            series: [ChartSeries(name: "a&b", values: [3, 5]), ChartSeries(name: "<i>", values: [4, 1])], unit: "件")
        let zeros = ChartData(title: "全为零", categories: ["甲", "乙", "丙"], series: [ChartSeries(name: "a", values: [0, 0, 0])], unit: "件")
        let empty = ChartData(title: "暂无", categories: [], series: [], unit: "件")
        let days = ChartData(title: "11月每日受理", categories: (1...30).map { "11月\($0)日" },
                             series: [ChartSeries(name: "受理", values: (1...30).map { Double(($0 * 7) % 11) })], unit: "件")
        let trends = ChartData(
            title: "各类案件月度趋势", categories: (1...12).map { "\($0)月" },
            series: [
                ChartSeries(name: "行政复议", values: [1, 2, 1, 3, 2, 4, 3, 5, 4, 6, 5, 7]),
                ChartSeries(name: "行政应诉", values: [3, 3, 4, 4, nil, 5, 5, 6, 6, 7, 7, 8]),
                ChartSeries(name: "法律援助", values: [8, 7, 9, 8, 10, 9, 11, 10, 12, 11, 13, 12]),
                ChartSeries(name: "信访转办", values: [12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]),
            ],
            unit: "件")
        return [
            ("bar-comparison", BarChart.svg(ChartSamples.comparison, id: "bar-comparison")),
            ("bar-cleanup", BarChart.svg(ChartSamples.cleanup, id: "bar-cleanup")),
            ("bar-rates", BarChart.svg(ChartSamples.rates, id: "bar-rates")),
            ("bar-huge", BarChart.svg(ChartSamples.oneThing, id: "bar-huge")),
            ("bar-four", BarChart.svg(ChartSamples.fourSeries, id: "bar-four")),
            ("bar-long-labels", BarChart.svg(ChartSamples.longLabels, id: "bar-long-labels")),
            ("bar-escaping", BarChart.svg(hostile, id: "bar-escaping")),
            ("bar-zeros", BarChart.svg(zeros, id: "bar-zeros")),
            ("bar-empty", BarChart.svg(empty, id: "bar-empty")),
            ("line-monthly", LineChart.svg(ChartSamples.monthly, id: "line-monthly")),
            ("line-four", LineChart.svg(trends, id: "line-four")),
            ("line-days", LineChart.svg(days, id: "line-days")),
            ("line-rates", LineChart.svg(ChartSamples.rates, id: "line-rates")),
            ("hbar-overdue", HorizontalBarChart.svg(ChartSamples.overdueByUnit, id: "hbar-overdue")),
            ("hbar-comparison", HorizontalBarChart.svg(ChartSamples.comparison, id: "hbar-comparison")),
            ("hbar-huge", HorizontalBarChart.svg(ChartSamples.oneThing, id: "hbar-huge")),
            ("hbar-zeros", HorizontalBarChart.svg(zeros, id: "hbar-zeros")),
            ("bar-narrow", BarChart.svg(ChartSamples.comparison, id: "bar-narrow", width: 320, height: 240)),
            ("line-narrow-long-names", LineChart.svg(ChartRulesTests.longNames, id: "line-narrow-long-names", width: 320, height: 260)),
            ("bar-narrow-many", BarChart.svg(ChartSamples.longLabels, id: "bar-narrow-many", width: 240, height: 200)),
        ]
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["FAZHI_CHART_SAMPLES"] != nil))
    func writeSamples() throws {
        try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
        for (name, svg) in Self.samples {
            try svg.write(to: Self.directory.appendingPathComponent("\(name).svg"), atomically: true, encoding: .utf8)
            let page = """
                <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>\(name)</title></head>
                <body style="margin:16px;background:#f2f4f7">\(svg)</body></html>
                """
            try page.write(to: Self.directory.appendingPathComponent("\(name).html"), atomically: true, encoding: .utf8)
        }
    }
}
