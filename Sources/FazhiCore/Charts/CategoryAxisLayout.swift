/// Geometry shared by the vertical bar and line charts: categories in equal bands along x, values on a
/// nice 0-based scale along y, tick labels on the left, category labels (wrapped to two lines) below.
struct CategoryAxisLayout: Sendable {
    static let labelLineHeight = 14.0
    static let labelMaxLines = 2
    /// Room above the plot for a value label over the tallest bar and for the top tick label.
    static let headroom = 18.0
    static let tickGap = 8.0

    let width: Double
    let height: Double
    let header: ChartHeader
    let scale: NiceScale
    let tickLabels: [String]
    let plotLeft: Double
    let plotRight: Double
    let plotTop: Double
    let plotBottom: Double
    /// Wrapped label lines per category; empty for a category whose label is skipped to avoid overlap.
    let labels: [[String]]

    init(data: ChartData, width: Int, height: Int, mark: ChartHeader.Mark) {
        (self.width, self.height) = SVGChart.size(width: width, height: height)
        header = ChartHeader(data: data, mark: mark, width: self.width)
        let scale = NiceScale(maximum: data.maximum, integral: data.isIntegral, isRate: data.isRate)
        self.scale = scale
        tickLabels = scale.ticks.map { scale.label($0, for: data) }
        let widestTick = tickLabels.map { TextMetrics.width($0, fontSize: ChartStyle.fontSize) }.max() ?? 0
        plotLeft = (SVGChart.margin + widestTick + Self.tickGap).rounded(.up)
        plotRight = self.width - 16
        plotTop = (header.height + Self.headroom).rounded(.up)

        let count = data.categories.count
        let band = (plotRight - plotLeft) / Double(max(count, 1))
        // Bands of at least 2.5 characters take every label, wrapped to two lines; narrower ones (a month of
        // days) label every n-th category on one line, n chosen so the widest label fits.
        let fontSize = ChartStyle.fontSize
        let stride: Int
        if band >= fontSize * 2.5 {
            stride = 1
        } else {
            let widest = data.categories.map { TextMetrics.width($0, fontSize: fontSize) }.max() ?? 0
            stride = min(max(1, Int(((widest + 8) / band).rounded(.up))), max(count, 1))
        }
        var labels: [[String]] = []
        for (index, category) in data.categories.enumerated() {
            if index % stride != 0 {
                labels.append([])
            } else if stride == 1 {
                labels.append(TextMetrics.wrap(category, maxWidth: band - 4, fontSize: fontSize, maxLines: Self.labelMaxLines))
            } else {
                // Wider than its band, so also kept from running off either edge of the chart.
                let centre = plotLeft + (Double(index) + 0.5) * band
                let room = min(band * Double(stride), 2 * min(centre, self.width - centre)) - 4
                labels.append(TextMetrics.wrap(category, maxWidth: room, fontSize: fontSize, maxLines: 1))
            }
        }
        self.labels = labels
        let lines = labels.map(\.count).max() ?? 1
        plotBottom = self.height - (14 + Double(max(lines, 1)) * Self.labelLineHeight)
    }

    var plotHeight: Double { plotBottom - plotTop }
    var band: Double { (plotRight - plotLeft) / Double(max(labels.count, 1)) }

    /// Centre of category `index`'s band.
    func centre(_ index: Int) -> Double {
        plotLeft + (Double(index) + 0.5) * band
    }

    /// Height in px of a value, rounded to what the markup prints.
    func length(_ value: Double) -> Double {
        tenth(scale.fraction(value) * plotHeight)
    }

    func y(_ value: Double) -> Double {
        plotBottom - length(value)
    }

    /// Gridlines with tick labels on the left, behind the data.
    func drawValueAxis(_ svg: inout SVGWriter) {
        svg.open("g", [("class", "axis"), ("fill", ChartStyle.muted)])
        for (tick, label) in zip(scale.ticks, tickLabels) {
            let y = self.y(tick)
            if tick > 0 {
                svg.empty("line", [
                    ("class", "grid"), ("x1", svgNumber(plotLeft)), ("x2", svgNumber(plotRight)),
                    ("y1", svgNumber(y)), ("y2", svgNumber(y)), ("stroke", ChartStyle.grid), ("stroke-width", "1"),
                ])
            }
            svg.element("text", [
                ("x", svgNumber(plotLeft - Self.tickGap)), ("y", svgNumber(y + 4)), ("text-anchor", "end"),
            ], text: label)
        }
        svg.close("g")
    }

    /// The 0 line, over the bars' feet.
    func drawBaseline(_ svg: inout SVGWriter) {
        svg.empty("line", [
            ("class", "baseline"), ("x1", svgNumber(plotLeft)), ("x2", svgNumber(plotRight)),
            ("y1", svgNumber(plotBottom)), ("y2", svgNumber(plotBottom)), ("stroke", ChartStyle.muted), ("stroke-width", "1"),
        ])
    }

    /// Category `index`'s label under the plot, one <tspan> per line.
    func drawCategoryLabel(_ svg: inout SVGWriter, _ index: Int) {
        let lines = labels[index]
        guard !lines.isEmpty else { return }
        let x = svgNumber(centre(index))
        svg.open("text", [("class", "category-label"), ("x", x), ("y", svgNumber(plotBottom + 18)), ("text-anchor", "middle")])
        for (number, line) in lines.enumerated() {
            svg.element("tspan", [("x", x), ("dy", number == 0 ? "0" : svgNumber(Self.labelLineHeight))], text: line)
        }
        svg.close("text")
    }
}
