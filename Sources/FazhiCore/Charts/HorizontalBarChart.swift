/// Horizontal bars, one row per category, largest first: a ranked list such as overdue matters by unit,
/// where long unit names need the room on the left that a vertical chart cannot give them.
public enum HorizontalBarChart {
    /// - Parameters:
    ///   - height: nil sizes the chart to its rows (about 28 px each), so twenty units still read.
    ///   - ranked: order rows by the first series, largest first; false keeps the given order.
    public static func svg(_ data: ChartData, id: String, width: Int = 640, height: Int? = nil, ranked: Bool = true) -> String {
        let id = SVGChart.sanitizedID(id)
        let data = ranked ? data.ranked() : data
        guard !data.isEmpty, !data.categories.isEmpty else {
            let (width, height) = SVGChart.size(width: width, height: height ?? 200)
            return SVGChart.emptyChart(kind: "hbar", id: id, width: width, height: height, data: data)
        }
        let layout = Layout(data: data, width: width, height: height)
        var svg = SVGWriter()
        SVGChart.begin(&svg, kind: "hbar", id: id, width: layout.width, height: layout.height,
                       title: data.title, summary: data.summary)
        SVGChart.patterns(&svg, id: id, data: data)
        layout.header.draw(&svg, data: data, id: id)
        layout.drawValueAxis(&svg)
        for (index, category) in data.categories.enumerated() {
            svg.open("g", [("class", "category")])
            svg.title(category)
            layout.drawLabel(&svg, index)
            for (seriesIndex, series) in data.series.enumerated() {
                guard let value = series.values[index] else { continue }
                let y = layout.barY(category: index, series: seriesIndex)
                let length = layout.length(value)
                svg.open("rect", [
                    ("class", "bar"), ("x", svgNumber(layout.plotLeft)), ("y", svgNumber(y)),
                    ("width", svgNumber(length)), ("height", svgNumber(layout.thickness)),
                ] + SVGChart.barPaint(series: seriesIndex, of: data, id: id, visible: length > 0))
                svg.title(data.series.count > 1
                    ? "\(category)，\(series.name)：\(data.formatWithUnit(value))"
                    : "\(category)：\(data.formatWithUnit(value))")
                svg.close("rect")
                svg.element("text", [
                    ("class", "value"), ("x", svgNumber(layout.plotLeft + length + 4)),
                    ("y", svgNumber(y + layout.thickness / 2 + 4)), ("font-size", svgNumber(ChartStyle.valueFontSize)),
                ], text: layout.valueLabel(value))
            }
            svg.close("g")
        }
        svg.empty("line", [
            ("class", "baseline"), ("x1", svgNumber(layout.plotLeft)), ("x2", svgNumber(layout.plotLeft)),
            ("y1", svgNumber(layout.plotTop)), ("y2", svgNumber(layout.plotBottom)),
            ("stroke", ChartStyle.muted), ("stroke-width", "1"),
        ])
        svg.close("svg")
        return svg.markup
    }

    struct Layout: Sendable {
        static let labelLineHeight = 14.0
        static let barGap = 2.0
        static let axisLabelRoom = 26.0

        let data: ChartData
        let width: Double
        let height: Double
        let header: ChartHeader
        let scale: NiceScale
        let tickLabels: [String]
        let labels: [[String]]
        let plotLeft: Double
        let plotRight: Double
        let plotTop: Double
        let rowHeight: Double
        let thickness: Double
        let compactValues: Bool

        init(data: ChartData, width: Int, height requested: Int?) {
            self.data = data
            let (width, fixedHeight) = SVGChart.size(width: width, height: requested ?? SVGChart.heights.lowerBound)
            self.width = width
            header = ChartHeader(data: data, mark: .bar, width: width)
            let scale = NiceScale(maximum: data.maximum, integral: data.isIntegral, isRate: data.isRate)
            self.scale = scale
            let tickLabels = scale.ticks.map { scale.label($0, for: data) }
            self.tickLabels = tickLabels
            let plotTop = (header.height + 10).rounded(.up)
            self.plotTop = plotTop

            let rows = Double(data.categories.count)
            let seriesCount = Double(data.series.count)
            let preferred = seriesCount == 1 ? 18.0 : 12.0
            // Long names get up to a third of the width, then wrap onto a second line, then end in "…"; the
            // column is as wide as the widest line actually drawn.
            let labelFont = ChartStyle.fontSize
            let widest = data.categories.map { TextMetrics.width($0, fontSize: labelFont) }.max() ?? 0
            let labelLimit = min(widest, max(width / 3, 80)).rounded(.up)
            let available = requested == nil ? nil : (fixedHeight - plotTop - Self.axisLabelRoom) / rows
            let maxLines = (available ?? .infinity) >= 32 ? 2 : 1
            let labels = data.categories.map {
                TextMetrics.wrap($0, maxWidth: labelLimit, fontSize: labelFont, maxLines: maxLines)
            }
            self.labels = labels
            let labelColumn = labels.joined().map { TextMetrics.width($0, fontSize: labelFont) }.max() ?? 0
            let lines = Double(labels.map(\.count).max() ?? 1)
            let natural = max(seriesCount * preferred + (seriesCount - 1) * Self.barGap + 10,
                              lines * Self.labelLineHeight + 10)
            rowHeight = available ?? natural
            thickness = tenth(max(1, min(preferred, (rowHeight - 8 - (seriesCount - 1) * Self.barGap) / seriesCount)))
            self.height = requested == nil ? (plotTop + rows * rowHeight + Self.axisLabelRoom).rounded(.up) : fixedHeight
            plotLeft = (SVGChart.margin + labelColumn + 10).rounded(.up)

            // The right margin holds the longest value label, and half the last tick label.
            let values = data.series.flatMap(\.values).compactMap { $0 }
            func widestValue(_ format: (Double) -> String) -> Double {
                values.map { TextMetrics.width(format($0), fontSize: ChartStyle.valueFontSize) }.max() ?? 0
            }
            compactValues = widestValue({ data.format($0) }) > width * 0.2
            let valueRoom = widestValue(compactValues ? { data.compactFormat($0) } : { data.format($0) }) + 6
            let tickRoom = TextMetrics.width(tickLabels.last ?? "", fontSize: ChartStyle.fontSize) / 2
            plotRight = (width - SVGChart.margin - max(valueRoom, tickRoom)).rounded(.down)
        }

        var plotBottom: Double { plotTop + Double(data.categories.count) * rowHeight }

        func length(_ value: Double) -> Double {
            tenth(scale.fraction(value) * (plotRight - plotLeft))
        }

        func x(_ value: Double) -> Double {
            plotLeft + length(value)
        }

        /// Top edge of a bar; the group is centred in its row.
        func barY(category: Int, series: Int) -> Double {
            let count = Double(data.series.count)
            let group = count * thickness + (count - 1) * Self.barGap
            let rowTop = plotTop + Double(category) * rowHeight
            return tenth(rowTop + (rowHeight - group) / 2 + Double(series) * (thickness + Self.barGap))
        }

        func valueLabel(_ value: Double) -> String {
            compactValues ? data.compactFormat(value) : data.format(value)
        }

        /// Vertical gridlines with tick labels underneath.
        func drawValueAxis(_ svg: inout SVGWriter) {
            svg.open("g", [("class", "axis"), ("fill", ChartStyle.muted)])
            for (tick, label) in zip(scale.ticks, tickLabels) {
                let x = self.x(tick)
                if tick > 0 {
                    svg.empty("line", [
                        ("class", "grid"), ("x1", svgNumber(x)), ("x2", svgNumber(x)),
                        ("y1", svgNumber(plotTop)), ("y2", svgNumber(plotBottom)), ("stroke", ChartStyle.grid), ("stroke-width", "1"),
                    ])
                }
                svg.element("text", [("x", svgNumber(x)), ("y", svgNumber(plotBottom + 18)), ("text-anchor", "middle")], text: label)
            }
            svg.close("g")
        }

        /// Category `index`'s name, right-aligned against the axis and centred on its row.
        func drawLabel(_ svg: inout SVGWriter, _ index: Int) {
            let lines = labels[index]
            let centre = plotTop + (Double(index) + 0.5) * rowHeight
            let firstBaseline = centre + 4 - Double(lines.count - 1) * Self.labelLineHeight / 2
            let x = svgNumber(plotLeft - 8)
            svg.open("text", [("class", "category-label"), ("x", x), ("y", svgNumber(firstBaseline)), ("text-anchor", "end")])
            for (number, line) in lines.enumerated() {
                svg.element("tspan", [("x", x), ("dy", number == 0 ? "0" : svgNumber(Self.labelLineHeight))], text: line)
            }
            svg.close("text")
        }
    }
}
