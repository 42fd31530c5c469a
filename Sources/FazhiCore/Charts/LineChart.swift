/// One line per series over the categories (months, years), each point a small circle with a tooltip.
/// A missing value breaks the line: joining across it would draw a figure nobody reported.
public enum LineChart {
    public static func svg(_ data: ChartData, id: String, width: Int = 640, height: Int = 320) -> String {
        let id = SVGChart.sanitizedID(id)
        guard !data.isEmpty, !data.categories.isEmpty else {
            let (width, height) = SVGChart.size(width: width, height: height)
            return SVGChart.emptyChart(kind: "line", id: id, width: width, height: height, data: data)
        }
        let axis = CategoryAxisLayout(data: data, width: width, height: height, mark: .line)
        var svg = SVGWriter()
        SVGChart.begin(&svg, kind: "line", id: id, width: axis.width, height: axis.height,
                       title: data.title, summary: data.summary)
        axis.header.draw(&svg, data: data, id: id)
        axis.drawValueAxis(&svg)
        svg.open("g", [("class", "categories")])
        for (index, category) in data.categories.enumerated() where !axis.labels[index].isEmpty {
            svg.open("g", [("class", "category")])
            svg.title(category)
            axis.drawCategoryLabel(&svg, index)
            svg.close("g")
        }
        svg.close("g")
        axis.drawBaseline(&svg)
        for (seriesIndex, series) in data.series.enumerated() {
            let colour = ChartStyle.colour(ChartStyle.tone(of: series, at: seriesIndex))
            svg.open("g", [("class", "series")])
            for run in runs(series.values) where run.count > 1 {
                var line: [(String, String)] = [
                    ("points", run.map { "\(svgNumber(axis.centre($0))),\(svgNumber(axis.y(series.values[$0]!)))" }
                        .joined(separator: " ")),
                    ("fill", "none"), ("stroke", colour), ("stroke-width", "2.5"),
                    ("stroke-linejoin", "round"), ("stroke-linecap", "round"),
                ]
                if let dash = ChartStyle.dashes[seriesIndex % ChartStyle.dashes.count] {
                    line.append(("stroke-dasharray", dash))
                }
                svg.empty("polyline", line)
            }
            for (index, value) in series.values.enumerated() {
                guard let value else { continue }
                svg.open("circle", [("cx", svgNumber(axis.centre(index))), ("cy", svgNumber(axis.y(value)))]
                    + markerPaint(seriesIndex, colour))
                let category = data.categories[index]
                svg.title(data.series.count > 1
                    ? "\(category)，\(series.name)：\(data.formatWithUnit(value))"
                    : "\(category)：\(data.formatWithUnit(value))")
                svg.close("circle")
            }
            svg.close("g")
        }
        svg.close("svg")
        return svg.markup
    }

    /// Indices of consecutive non-nil values: [1, 2, nil, 4] → [[0, 1], [3]].
    static func runs(_ values: [Double?]) -> [[Int]] {
        var runs: [[Int]] = []
        var current: [Int] = []
        for (index, value) in values.enumerated() {
            if value == nil {
                if !current.isEmpty { runs.append(current) }
                current = []
            } else {
                current.append(index)
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    /// The first and third series' points filled, the second and fourth hollow: one more cue besides colour and dash.
    static func markerPaint(_ seriesIndex: Int, _ colour: String) -> [(String, String)] {
        seriesIndex.isMultiple(of: 2)
            ? [("r", "3.5"), ("fill", colour)]
            : [("r", "3.5"), ("fill", ChartStyle.paper), ("stroke", colour), ("stroke-width", "2")]
    }
}
