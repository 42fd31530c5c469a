/// Colours, type and series marks shared by every chart. The colours are the stylesheet's
/// (Sources/App/Resources/Public/fazhi.css `:root`), so charts match the pages around them.
enum ChartStyle {
    /// --ink: labels and values (14.8:1 on white, WCAG 2.1 1.4.3 asks 4.5:1 for text).
    static let ink = "#1f2933"
    /// --muted: tick labels, the unit note and axis lines (6.5:1).
    static let muted = "#52606d"
    /// --line: gridlines, which are decoration and need no contrast (WCAG 2.1 1.4.11 covers only the data).
    static let grid = "#d3dae3"
    static let paper = "#ffffff"

    /// The app's own font stack (fazhi.css `body`), so Chinese renders in a CJK face wherever the page does.
    static let fontFamily = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif"
    static let fontSize = 12.0
    static let valueFontSize = 11.0

    /// Every tone keeps at least 3:1 against white (WCAG 2.1 1.4.11 non-text contrast; the tests check it).
    static func colour(_ tone: ChartTone) -> String {
        switch tone {
        case .primary: "#0b3d91"  // --brand, 10.0:1
        case .muted: "#52606d"  // --muted, 6.5:1
        case .warning: "#8a5300"  // --warn, 6.3:1
        case .success: "#1b6e3a"  // --ok, 6.3:1
        case .danger: "#a3201a"  // --danger, 7.6:1
        }
    }

    /// Tones handed out by position; this year in brand blue, the comparison year in grey reads naturally.
    static let order: [ChartTone] = [.primary, .muted, .warning, .success]

    static func tone(of series: ChartSeries, at index: Int) -> ChartTone {
        series.tone ?? order[index % order.count]
    }

    /// Line dashes, so series differ without colour (WCAG 2.1 1.4.1): solid, dashed, dotted, dash-dot.
    static let dashes: [String?] = [nil, "8 4", "2 3", "10 3 2 3"]

    /// Bar fills beyond the first are hatched (see `SVGChart.patterns`), for the same reason.
    static func barFill(series index: Int, chartID: String, colour: String) -> String {
        index == 0 ? colour : "url(#\(chartID)-fill-\(index))"
    }
}
