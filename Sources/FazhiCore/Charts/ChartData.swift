import Foundation

/// A colour from the app's stylesheet (Sources/App/Resources/Public/fazhi.css) for one series. Left nil, a
/// series takes the next colour in order; `.danger` is never handed out by position, because red means
/// "overdue / wrong" on every other page and must stay reserved for that.
public enum ChartTone: String, Sendable, Hashable, CaseIterable {
    case primary, muted, warning, success, danger
}

/// One row of figures, aligned with `ChartData.categories`; nil means no data for that category.
public struct ChartSeries: Sendable, Hashable {
    public let name: String
    public let values: [Double?]
    public let tone: ChartTone?

    public init(name: String, values: [Double?], tone: ChartTone? = nil) {
        self.name = name
        self.values = values.map(Self.plottable)
        self.tone = tone
    }

    /// NaN and ±infinity are no data. Negative values are clamped at 0: every figure in the statistics
    /// catalogue is a count or a rate, never below zero, so a negative can only be an upstream error, and a
    /// bar hanging below the axis would mislead a reader more than a zero bar.
    static func plottable(_ value: Double?) -> Double? {
        guard let value, value.isFinite else { return nil }
        return max(value, 0)
    }
}

/// What a chart shows: categories along one axis, up to four series of figures over them, one unit.
/// Rates (`unit == "%"`) are given as fractions (0.98), the way `StatisticValue.number` gives them.
public struct ChartData: Sendable, Hashable {
    /// Beyond four, grouped bars get too thin to read and the palette runs out of colours that stay apart
    /// and keep 3:1 contrast on white; a chart needing more should be split.
    public static let maxSeries = 4

    public let title: String
    public let categories: [String]
    /// At most `maxSeries`, each with exactly one value per category (missing values are nil).
    public let series: [ChartSeries]
    public let unit: String

    public init(title: String, categories: [String], series: [ChartSeries], unit: String) {
        self.title = title
        self.categories = categories
        let count = categories.count
        self.series = series.prefix(Self.maxSeries).map { series in
            var values = Array(series.values.prefix(count))
            values += Array(repeating: nil, count: count - values.count)
            return ChartSeries(name: series.name, values: values, tone: series.tone)
        }
        self.unit = unit
    }

    public var isRate: Bool { unit == "%" }

    /// Nothing to draw: no categories, no series, or not a single value.
    public var isEmpty: Bool {
        !series.contains { $0.values.contains { $0 != nil } }
    }

    /// The largest value, 0 when there is none.
    var maximum: Double {
        series.flatMap(\.values).compactMap { $0 }.max() ?? 0
    }

    /// Whether every value is a whole number (counts), so axis steps below 1 would make no sense.
    var isIntegral: Bool {
        !isRate && series.allSatisfy { $0.values.allSatisfy { $0.map { $0.rounded() == $0 } ?? true } }
    }

    // MARK: Formatting

    /// The figure as the report prints it, without unit: "43", "113927", "2.5", "98%", "98.5%"; "—" for no data.
    public func format(_ value: Double?) -> String {
        guard let value = ChartSeries.plottable(value) else { return "—" }
        return isRate ? ChartNumber.decimal(value * 100) + "%" : ChartNumber.decimal(value)
    }

    /// The figure with its unit, as a sentence or a table cell says it: "43 件", "98%", "无数据".
    public func formatWithUnit(_ value: Double?) -> String {
        guard ChartSeries.plottable(value) != nil else { return "无数据" }
        let number = format(value)
        return isRate || unit.isEmpty ? number : "\(number) \(unit)"
    }

    /// A shorter form for labels that do not fit: 113927 → "11.4万", 250000000 → "2.5亿".
    func compactFormat(_ value: Double?) -> String {
        guard let value = ChartSeries.plottable(value) else { return "—" }
        if isRate { return format(value) }
        if value >= 100_000_000 { return ChartNumber.decimal(value / 100_000_000) + "亿" }
        if value >= 10_000 { return ChartNumber.decimal(value / 10_000) + "万" }
        return ChartNumber.decimal(value)
    }

    // MARK: Text alternatives

    /// The chart in words, for <desc> and screen readers: "2020年与2019年同期对比（依次为2020年、2019年）：
    /// 规范性文件 43 件、38 件；政府合同备案 13 件、11 件。"
    public var summary: String {
        guard !isEmpty, !categories.isEmpty else { return "\(title)：暂无数据。" }
        let order = series.count > 1 ? "（依次为" + series.map(\.name).joined(separator: "、") + "）" : ""
        let parts = categories.indices.map { index in
            categories[index] + " " + series.map { formatWithUnit($0.values[index]) }.joined(separator: "、")
        }
        return title + order + "：" + parts.joined(separator: "；") + "。"
    }

    /// Column headings for the data table that stands in for the chart (a visually hidden <table>).
    public var tableHeader: [String] {
        ["项目"] + series.map(\.name)
    }

    /// One row per category: its name, then each series' figure with unit ("—" for no data).
    public var tableRows: [[String]] {
        categories.indices.map { index in
            [categories[index]] + series.map { $0.values[index] == nil ? "—" : formatWithUnit($0.values[index]) }
        }
    }

    /// The same data with categories ordered by the first series, largest first (no data last; ties keep
    /// their order), for ranked charts.
    public func ranked() -> ChartData {
        guard let first = series.first else { return self }
        let order = categories.indices.sorted { a, b in
            switch (first.values[a], first.values[b]) {
            case let (x?, y?): return x != y ? x > y : a < b
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return a < b
            }
        }
        return ChartData(
            title: title, categories: order.map { categories[$0] },
            series: series.map { s in ChartSeries(name: s.name, values: order.map { s.values[$0] }, tone: s.tone) },
            unit: unit)
    }
}

/// Number printing shared by labels and coordinates: at most one decimal, no "-0", no locale.
enum ChartNumber {
    /// "43", "2.5", "0.2"; rounds half away from zero to one decimal. Works for any finite magnitude.
    static func decimal(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        let tenths = (value * 10).rounded()
        if abs(tenths) >= 1e17 {
            return String(format: "%.0f", value)
        }
        let whole = Int64(tenths)
        if whole == 0 { return "0" }
        let sign = whole < 0 ? "-" : ""
        let magnitude = whole.magnitude
        let fraction = magnitude % 10
        return fraction == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(fraction)"
    }
}
