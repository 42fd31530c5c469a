/// The parts every chart shares: the accessible root element, the empty state, hatch patterns, the header
/// (unit note and legend) and the sizes a chart may take.
enum SVGChart {
    /// Sizes outside these would leave no room for a plot (or make an absurd document).
    static let widths = 240...4000
    static let heights = 160...4000
    static let margin = 8.0

    static func size(width: Int, height: Int) -> (Double, Double) {
        (Double(min(max(width, widths.lowerBound), widths.upperBound)),
         Double(min(max(height, heights.lowerBound), heights.upperBound)))
    }

    /// `id` as an XML ID that is also safe in a URL fragment and a CSS selector: ASCII letters, digits,
    /// "-" and "_"; anything else becomes "-"; it starts with a letter.
    static func sanitizedID(_ id: String) -> String {
        var out = String(id.unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", "_": Character(scalar)
            default: "-"
            }
        })
        if out.isEmpty { out = "chart" }
        if let first = out.unicodeScalars.first, !("a"..."z").contains(first) && !("A"..."Z").contains(first) {
            out = "chart-" + out
        }
        return out
    }

    /// Opens the root <svg> with its <title> and <desc> (WCAG 2.1 1.1.1; GB/T 37668-2019 5.1.1 text
    /// alternatives): role="img" makes assistive technology read it as one image named by those two.
    static func begin(_ svg: inout SVGWriter, kind: String, id: String, width: Double, height: Double,
                      title: String, summary: String) {
        svg.open("svg", [
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("class", "fazhi-chart fazhi-chart-\(kind)"),
            ("width", svgNumber(width)), ("height", svgNumber(height)),
            ("viewBox", "0 0 \(svgNumber(width)) \(svgNumber(height))"),
            ("role", "img"), ("aria-labelledby", "\(id)-title \(id)-desc"),
            ("font-family", ChartStyle.fontFamily), ("font-size", svgNumber(ChartStyle.fontSize)),
            ("fill", ChartStyle.ink),
        ])
        svg.element("title", [("id", "\(id)-title")], text: title)
        svg.element("desc", [("id", "\(id)-desc")], text: summary)
        // An opaque ground: the contrast the colours were chosen for is against white, not the page's grey.
        svg.empty("rect", [("width", svgNumber(width)), ("height", svgNumber(height)), ("fill", ChartStyle.paper)])
    }

    /// A complete chart that says there is nothing to show, still with its title and description.
    static func emptyChart(kind: String, id: String, width: Double, height: Double, data: ChartData) -> String {
        var svg = SVGWriter()
        begin(&svg, kind: kind, id: id, width: width, height: height, title: data.title, summary: data.summary)
        svg.element("text", [
            ("class", "empty"), ("x", svgNumber(width / 2)), ("y", svgNumber(height / 2 + 5)),
            ("text-anchor", "middle"), ("font-size", "14"), ("fill", ChartStyle.muted),
        ], text: "暂无数据")
        svg.close("svg")
        return svg.markup
    }

    /// Hatches for series 2…4 (`ChartStyle.barFill`): diagonal lines, horizontal lines, dots, each on white
    /// in the series colour, so bars differ without colour (WCAG 2.1 1.4.1).
    static func patterns(_ svg: inout SVGWriter, id: String, data: ChartData) {
        guard data.series.count > 1 else { return }
        svg.open("defs")
        for (index, series) in data.series.enumerated() where index > 0 {
            let colour = ChartStyle.colour(ChartStyle.tone(of: series, at: index))
            var attributes: [(String, String)] = [
                ("id", "\(id)-fill-\(index)"), ("patternUnits", "userSpaceOnUse"), ("width", "6"), ("height", "6"),
            ]
            if index % 3 == 1 { attributes.append(("patternTransform", "rotate(45)")) }
            svg.open("pattern", attributes)
            svg.empty("rect", [("width", "6"), ("height", "6"), ("fill", ChartStyle.paper)])
            switch index % 3 {
            case 1: svg.empty("rect", [("width", "3"), ("height", "6"), ("fill", colour)])
            case 2: svg.empty("rect", [("width", "6"), ("height", "2.5"), ("fill", colour)])
            default: svg.empty("circle", [("cx", "3"), ("cy", "3"), ("r", "1.8"), ("fill", colour)])
            }
            svg.close("pattern")
        }
        svg.close("defs")
    }

    /// Attributes for a bar of series `index`: solid for the first, hatched with a solid outline for the
    /// rest (the outline carries the 3:1 contrast the lighter hatch might not).
    static func barPaint(series index: Int, of data: ChartData, id: String, visible: Bool) -> [(String, String)] {
        let colour = ChartStyle.colour(ChartStyle.tone(of: data.series[index], at: index))
        var paint = [("fill", ChartStyle.barFill(series: index, chartID: id, colour: colour))]
        if index > 0 && visible {
            paint += [("stroke", colour), ("stroke-width", "1.5")]
        }
        return paint
    }
}

/// The band above the plot: the unit on the left ("单位：件"), the legend on the right when there is more
/// than one series, wrapping onto more rows when the names do not fit.
struct ChartHeader: Sendable {
    enum Mark: Sendable { case bar, line }

    struct Item: Sendable {
        let index: Int
        let name: String
        let x: Double
        let y: Double
    }

    static let rowHeight = 18.0
    static let swatchGap = 6.0
    static let itemGap = 16.0
    static let maxNameWidth = 200.0

    let unitNote: String?
    let items: [Item]
    let mark: Mark
    /// From the top of the chart to the bottom of the header.
    let height: Double

    static func swatchWidth(_ mark: Mark) -> Double { mark == .bar ? 14 : 36 }

    init(data: ChartData, mark: Mark, width: Double) {
        self.mark = mark
        unitNote = data.isRate || data.unit.isEmpty ? nil : "单位：\(data.unit)"
        let noteWidth = unitNote.map { TextMetrics.width($0, fontSize: ChartStyle.fontSize) + Self.itemGap } ?? 0
        let left = SVGChart.margin + noteWidth
        let right = width - SVGChart.margin
        guard data.series.count > 1 else {
            items = []
            height = SVGChart.margin + (unitNote == nil ? 0 : Self.rowHeight)
            return
        }
        // Lay out rows greedily, then align each row to the right edge.
        // A name longer than a row ends in "…" (the data table carries it in full).
        let nameLimit = max(ChartStyle.fontSize * 2, min(Self.maxNameWidth, right - left - Self.swatchWidth(mark) - Self.swatchGap))
        let named = data.series.enumerated().map { index, series -> (Int, String, Double) in
            let name = TextMetrics.wrap(series.name, maxWidth: nameLimit, fontSize: ChartStyle.fontSize, maxLines: 1)[0]
            let width = Self.swatchWidth(mark) + Self.swatchGap + TextMetrics.width(name, fontSize: ChartStyle.fontSize)
            return (index, name, width)
        }
        var rows: [[(Int, String, Double)]] = [[]]
        var rowWidth = 0.0
        for item in named {
            let needed = rowWidth == 0 ? item.2 : rowWidth + Self.itemGap + item.2
            if needed > right - left && !rows[rows.count - 1].isEmpty {
                rows.append([item])
                rowWidth = item.2
            } else {
                rows[rows.count - 1].append(item)
                rowWidth = needed
            }
        }
        var placed: [Item] = []
        for (rowIndex, row) in rows.enumerated() {
            let total = row.map(\.2).reduce(0, +) + Self.itemGap * Double(row.count - 1)
            var x = max(right - total, SVGChart.margin)
            let y = SVGChart.margin + Double(rowIndex) * Self.rowHeight
            for item in row {
                placed.append(Item(index: item.0, name: item.1, x: x, y: y))
                x += item.2 + Self.itemGap
            }
        }
        items = placed
        height = SVGChart.margin + Double(rows.count) * Self.rowHeight
    }

    func draw(_ svg: inout SVGWriter, data: ChartData, id: String) {
        if let unitNote {
            svg.element("text", [
                ("class", "unit"), ("x", svgNumber(SVGChart.margin)), ("y", svgNumber(SVGChart.margin + 13)),
                ("fill", ChartStyle.muted),
            ], text: unitNote)
        }
        guard !items.isEmpty else { return }
        svg.open("g", [("class", "legend")])
        for item in items {
            let colour = ChartStyle.colour(ChartStyle.tone(of: data.series[item.index], at: item.index))
            let middle = item.y + 9
            switch mark {
            case .bar:
                svg.empty("rect", [("x", svgNumber(item.x)), ("y", svgNumber(middle - 5)), ("width", "14"), ("height", "10")]
                    + SVGChart.barPaint(series: item.index, of: data, id: id, visible: true))
            case .line:
                var line: [(String, String)] = [
                    ("x1", svgNumber(item.x)), ("y1", svgNumber(middle)), ("x2", svgNumber(item.x + 36)),
                    ("y2", svgNumber(middle)), ("stroke", colour), ("stroke-width", "2.5"), ("stroke-linecap", "round"),
                ]
                if let dash = ChartStyle.dashes[item.index % ChartStyle.dashes.count] {
                    line.append(("stroke-dasharray", dash))
                }
                svg.empty("line", line)
                svg.empty("circle", [("cx", svgNumber(item.x + 18)), ("cy", svgNumber(middle))] + LineChart.markerPaint(item.index, colour))
            }
            svg.element("text", [
                ("x", svgNumber(item.x + Self.swatchWidth(mark) + Self.swatchGap)), ("y", svgNumber(middle + 4)),
            ], text: item.name)
        }
        svg.close("g")
    }
}
