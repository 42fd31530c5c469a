/// Vertical grouped bars: one group per category, one bar per series (up to four), values on top.
/// Categories need bands of about 30 px for their names (two lines); narrower bands label only every n-th
/// category, so a long list of units belongs in `HorizontalBarChart` instead.
public enum BarChart {
    /// The chart as a standalone <svg> element, ready to embed in a page.
    /// - Parameter id: unique on the page; prefixes the ids of the chart's <title>, <desc> and patterns.
    public static func svg(_ data: ChartData, id: String, width: Int = 640, height: Int = 320) -> String {
        let id = SVGChart.sanitizedID(id)
        guard !data.isEmpty, !data.categories.isEmpty else {
            let (width, height) = SVGChart.size(width: width, height: height)
            return SVGChart.emptyChart(kind: "bar", id: id, width: width, height: height, data: data)
        }
        let layout = Layout(data: data, width: width, height: height)
        let axis = layout.axis
        var svg = SVGWriter()
        SVGChart.begin(&svg, kind: "bar", id: id, width: axis.width, height: axis.height,
                       title: data.title, summary: data.summary)
        SVGChart.patterns(&svg, id: id, data: data)
        axis.header.draw(&svg, data: data, id: id)
        axis.drawValueAxis(&svg)
        for (index, category) in data.categories.enumerated() {
            svg.open("g", [("class", "category")])
            svg.title(category)
            for (seriesIndex, series) in data.series.enumerated() {
                guard let value = series.values[index] else { continue }
                let x = layout.barX(category: index, series: seriesIndex)
                let height = axis.length(value)
                svg.open("rect", [
                    ("class", "bar"), ("x", svgNumber(x)), ("y", svgNumber(axis.plotBottom - height)),
                    ("width", svgNumber(layout.barWidth)), ("height", svgNumber(height)),
                ] + SVGChart.barPaint(series: seriesIndex, of: data, id: id, visible: height > 0))
                svg.title(data.series.count > 1
                    ? "\(category)，\(series.name)：\(data.formatWithUnit(value))"
                    : "\(category)：\(data.formatWithUnit(value))")
                svg.close("rect")
                if let label = layout.valueLabel(value) {
                    svg.element("text", [
                        ("class", "value"), ("x", svgNumber(x + layout.barWidth / 2)),
                        ("y", svgNumber(axis.plotBottom - height - 4)), ("text-anchor", "middle"),
                        ("font-size", svgNumber(ChartStyle.valueFontSize)),
                    ], text: label)
                }
            }
            axis.drawCategoryLabel(&svg, index)
            svg.close("g")
        }
        axis.drawBaseline(&svg)
        svg.close("svg")
        return svg.markup
    }

    /// Where each bar goes. Internal so tests can check heights against the scale.
    struct Layout: Sendable {
        static let maxBarWidth = 56.0

        let data: ChartData
        let axis: CategoryAxisLayout
        let barWidth: Double
        let barGap: Double
        /// How value labels print: in full, compact (11.4万), or not at all when even that would overlap
        /// the next bar; the same choice for every bar so the chart reads consistently.
        let valueStyle: ValueStyle

        enum ValueStyle: Sendable { case full, compact, hidden }

        init(data: ChartData, width: Int, height: Int) {
            self.data = data
            axis = CategoryAxisLayout(data: data, width: width, height: height, mark: .bar)
            let count = Double(data.series.count)
            // 20% of each band stays empty between groups; bars in a group are 2 px apart.
            let usable = axis.band * 0.8
            barGap = count > 1 ? min(2, usable * 0.05) : 0
            barWidth = tenth(min((usable - barGap * (count - 1)) / count, Self.maxBarWidth))
            let room = barWidth + barGap + min(axis.band * 0.2, 8)
            let values = data.series.flatMap(\.values).compactMap { $0 }
            func fits(_ format: (Double) -> String) -> Bool {
                values.allSatisfy { TextMetrics.width(format($0), fontSize: ChartStyle.valueFontSize) <= room }
            }
            if fits({ data.format($0) }) {
                valueStyle = .full
            } else if fits({ data.compactFormat($0) }) {
                valueStyle = .compact
            } else {
                valueStyle = .hidden
            }
        }

        /// Left edge of a bar; the group is centred in its band.
        func barX(category: Int, series: Int) -> Double {
            let count = Double(data.series.count)
            let group = barWidth * count + barGap * (count - 1)
            return tenth(axis.centre(category) - group / 2 + Double(series) * (barWidth + barGap))
        }

        func valueLabel(_ value: Double) -> String? {
            switch valueStyle {
            case .full: data.format(value)
            case .compact: data.compactFormat(value)
            case .hidden: nil
            }
        }
    }
}
