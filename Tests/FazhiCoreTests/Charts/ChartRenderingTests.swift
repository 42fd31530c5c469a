import Foundation
import Testing
@testable import FazhiCore

/// What every chart kind must do, checked on each.
@Suite("Charts: shared rules")
struct ChartRulesTests {
    enum Kind: String, CaseIterable, Sendable {
        case bar, line, hbar

        func render(_ data: ChartData, id: String = "c", width: Int = 640) -> String {
            switch self {
            case .bar: BarChart.svg(data, id: id, width: width)
            case .line: LineChart.svg(data, id: id, width: width)
            case .hbar: HorizontalBarChart.svg(data, id: id, width: width)
            }
        }
    }

    static let everything: [ChartData] = [
        ChartSamples.comparison, ChartSamples.cleanup, ChartSamples.rates, ChartSamples.oneThing, ChartSamples.monthly,
        ChartSamples.overdueByUnit, ChartSamples.fourSeries, ChartSamples.longLabels,
    ]

    @Test(arguments: Kind.allCases)
    func wellFormedAndAccessible(_ kind: Kind) throws {
        for data in Self.everything {
            let svg = kind.render(data, id: "dash-\(kind)")
            let root = try ChartXML.parse(svg)
            #expect(root.name == "svg")
            #expect(root["xmlns"] == "http://www.w3.org/2000/svg")
            #expect(root["role"] == "img")
            #expect(root["aria-labelledby"] == "dash-\(kind)-title dash-\(kind)-desc")
            let title = try #require(root.children.first { $0.name == "title" })
            let desc = try #require(root.children.first { $0.name == "desc" })
            #expect(title["id"] == "dash-\(kind)-title")
            #expect(title.text == data.title)
            #expect(desc["id"] == "dash-\(kind)-desc")
            #expect(desc.text == (kind == .hbar ? data.ranked().summary : data.summary))
            let fonts = try #require(root["font-family"])
            #expect(fonts.hasPrefix("'Noto Sans CJK SC'") && fonts.contains("'Microsoft YaHei'") && fonts.hasSuffix("sans-serif"))
            // Every id is prefixed with the chart's, so two charts on a page never collide.
            let ids = root.descendants.compactMap { $0["id"] }
            #expect(Set(ids).count == ids.count)
            #expect(ids.allSatisfy { $0.hasPrefix("dash-\(kind)-") })
        }
    }

    @Test(arguments: Kind.allCases)
    func textAndMarksMeetContrast(_ kind: Kind) throws {
        for data in Self.everything {
            let root = try ChartXML.parse(kind.render(data))
            for text in root.all("text") {
                let fill = try #require(text.inherited("fill"))
                #expect(Contrast.ratio(fill) >= 4.5, "text \(text.visibleText) in \(fill)")
                #expect(Double(text.inherited("font-size") ?? "0")! >= 11)
            }
            let marks = root.all("rect", class: "bar") + root.all("polyline") + root.all("circle")
            #expect(!marks.isEmpty)
            for mark in marks where mark.number("height") != 0 && mark.number("width") != 0 {
                // A solid fill or, for hatched bars, the outline carries the colour.
                let colour = mark["fill"].flatMap { $0.hasPrefix("#") && $0 != "#ffffff" ? $0 : nil } ?? mark["stroke"]
                let paint = try #require(colour, "mark without colour")
                #expect(Contrast.ratio(paint) >= 3, "\(mark.name) in \(paint)")
            }
        }
    }

    @Test(arguments: Kind.allCases)
    func escapesEverything(_ kind: Kind) throws {
        let hostile = "<script>&\"'"
        let data = ChartData(
            title: "标题</title><script>", categories: [hostile, "乙"],
            series: [ChartSeries(name: "a&b", values: [1, 2]), ChartSeries(name: "<i>", values: [2, 1])], unit: "<件>")
        let svg = kind.render(data, id: "x\"onload=\"alert(1)")
        #expect(!svg.contains("<script>"))
        #expect(!svg.contains("<i>"))
        #expect(svg.contains("&lt;script&gt;&amp;&quot;&apos;"))
        let root = try ChartXML.parse(svg)
        #expect(root.all("script").isEmpty)
        #expect(root["aria-labelledby"] == "x-onload--alert-1--title x-onload--alert-1--desc")
        #expect(root.children.first { $0.name == "title" }?.text == "标题</title><script>")
        #expect(root.all("g", class: "category").contains { $0.tooltip == hostile })
        #expect(root.all("text").contains { $0.visibleText == "单位：<件>" })
        #expect(root.all("text").contains { $0.visibleText == "a&b" })
    }

    @Test(arguments: Kind.allCases)
    func controlCharactersCannotBreakTheXML(_ kind: Kind) throws {
        let data = ChartData(title: "t\u{1}", categories: ["a\u{0}b", "\u{FFFE}"], series: [ChartSeries(name: "s\u{7}", values: [1, 2])], unit: "件")
        let root = try ChartXML.parse(kind.render(data))
        #expect(root.all("g", class: "category").compactMap(\.tooltip).sorted() == ["", "ab"])
    }

    @Test(arguments: Kind.allCases)
    func emptyDataSaysSo(_ kind: Kind) throws {
        let empties = [
            ChartData(title: "无", categories: [], series: [], unit: "件"),
            ChartData(title: "无", categories: ["1月", "2月"], series: [], unit: "件"),
            ChartData(title: "无", categories: ["1月", "2月"], series: [ChartSeries(name: "a", values: [nil, .nan])], unit: "件"),
        ]
        for data in empties {
            let root = try ChartXML.parse(kind.render(data, id: "e"))
            #expect(root["role"] == "img")
            #expect(root.children.first { $0.name == "desc" }?.text == "无：暂无数据。")
            let message = try #require(root.all("text", class: "empty").first)
            #expect(message.visibleText == "暂无数据")
            #expect(message["text-anchor"] == "middle")
            #expect(message.number("x")! * 2 == root.number("width")!)
            #expect(root.all("rect", class: "bar").isEmpty && root.all("polyline").isEmpty)
        }
    }

    @Test(arguments: Kind.allCases)
    func allZerosDrawAnAxisWithoutDividingByZero(_ kind: Kind) throws {
        for (unit, labels) in [("件", ["0", "1", "2", "3", "4", "5"]), ("%", ["0%", "20%", "40%", "60%", "80%", "100%"])] {
            let data = ChartData(title: "零", categories: ["甲", "乙", "丙"], series: [ChartSeries(name: "a", values: [0, 0, 0])], unit: unit)
            let svg = kind.render(data)
            #expect(!svg.lowercased().contains("nan") && !svg.lowercased().contains("inf"))
            let root = try ChartXML.parse(svg)
            let axis = try #require(root.all("g", class: "axis").first)
            #expect(axis.all("text").map(\.visibleText) == labels)
            if kind != .line {
                #expect(root.all("rect", class: "bar").map { $0.number(kind == .bar ? "height" : "width") } == [0, 0, 0])
            }
        }
    }

    static let longNames = ChartData(
        title: "长名称", categories: ["甲", "乙"],
        series: (1...4).map { ChartSeries(name: "第\($0)个很长很长很长很长很长很长很长很长很长的系列名称", values: [Double($0), 2]) },
        unit: "件（按受理日期统计）")

    @Test(arguments: Kind.allCases, [640, 240])
    func outputIsDeterministicAndStaysInside(_ kind: Kind, _ chartWidth: Int) throws {
        for data in Self.everything + [Self.longNames] {
            let svg = kind.render(data, width: chartWidth)
            #expect(svg == kind.render(data, width: chartWidth))
            // Numbers carry at most one decimal.
            #expect(svg.firstMatch(of: /[0-9]\.[0-9]{2}/) == nil)
            let root = try ChartXML.parse(svg)
            let width = root.number("width")!, height = root.number("height")!
            // No text runs off the drawing, by the same width estimate the layout uses.
            for text in root.all("text") {
                let lines = text.all("tspan").isEmpty ? [text.visibleText] : text.all("tspan").map(\.visibleText)
                let size = Double(text.inherited("font-size")!)!
                let extent = lines.map { TextMetrics.width($0, fontSize: size) }.max()!
                let x = text.number("x")!
                let (left, right) = switch text["text-anchor"] {
                case "end": (x - extent, x)
                case "middle": (x - extent / 2, x + extent / 2)
                default: (x, x + extent)
                }
                #expect(left >= 0 && right <= width, "\(text.visibleText) spans \(left)…\(right) of \(width)")
            }
            // Everything stays inside the drawing: no text or bar starts outside it.
            for element in root.descendants where ["text", "rect", "circle", "line"].contains(element.name) {
                for attribute in ["x", "cx", "x1", "x2"] {
                    if let x = element.number(attribute) { #expect(x >= 0 && x <= width, "\(element.name) \(attribute)=\(x)") }
                }
                for attribute in ["y", "cy", "y1", "y2"] {
                    if let y = element.number(attribute) { #expect(y >= 0 && y <= height, "\(element.name) \(attribute)=\(y)") }
                }
            }
        }
    }

    @Test(arguments: Kind.allCases)
    func legendOnlyForSeveralSeries(_ kind: Kind) throws {
        let one = try ChartXML.parse(kind.render(ChartSamples.cleanup))
        #expect(one.all("g", class: "legend").isEmpty)
        let two = try ChartXML.parse(kind.render(ChartSamples.comparison))
        let legend = try #require(two.all("g", class: "legend").first)
        #expect(legend.all("text").map(\.visibleText) == ["2020年", "2019年（示例）"])
        let four = try ChartXML.parse(kind.render(ChartSamples.fourSeries))
        #expect(four.all("g", class: "legend").first?.all("text").map(\.visibleText) == ["第1季度", "第2季度", "第3季度", "第4季度"])
    }

    @Test(arguments: Kind.allCases)
    func unitNoteNamesTheUnit(_ kind: Kind) throws {
        #expect(try ChartXML.parse(kind.render(ChartSamples.cleanup)).all("text", class: "unit").map(\.visibleText) == ["单位：件"])
        // Percentages say so on every tick instead.
        #expect(try ChartXML.parse(kind.render(ChartSamples.rates)).all("text", class: "unit").isEmpty)
    }
}

@Suite("Bar chart")
struct BarChartTests {
    static func bar(_ root: ChartElement, _ tooltip: String) throws -> ChartElement {
        try #require(root.all("rect", class: "bar").first { $0.tooltip == tooltip }, "no bar \(tooltip)")
    }

    @Test func barHeightsAreProportional() throws {
        let data = ChartSamples.comparison
        let root = try ChartXML.parse(BarChart.svg(data, id: "c"))
        let layout = BarChart.Layout(data: data, width: 640, height: 320)
        #expect(layout.axis.scale.top == 50)
        let baseline = try #require(root.all("line", class: "baseline").first?.number("y1"))
        for (category, values) in zip(data.categories, zip(data.series[0].values, data.series[1].values)) {
            for (name, value) in [("2020年", values.0!), ("2019年（示例）", values.1!)] {
                let rect = try Self.bar(root, "\(category)，\(name)：\(ChartData.formatted(value)) 件")
                let height = try #require(rect.number("height"))
                #expect(abs(height - value / 50 * layout.axis.plotHeight) <= 0.1, "\(category) \(name)")
                // Bars stand on the baseline.
                #expect(abs(rect.number("y")! + height - baseline) <= 0.1)
            }
        }
        // Independent of the layout's numbers: 43 and 5 keep their ratio.
        let tall = try Self.bar(root, "规范性文件，2020年：43 件").number("height")!
        let short = try Self.bar(root, "重大行政决策，2020年：5 件").number("height")!
        #expect(abs(tall / short - 43.0 / 5.0) < 0.1)
    }

    @Test func topGridlineIsTheTopTick() throws {
        let root = try ChartXML.parse(BarChart.svg(ChartSamples.comparison, id: "c"))
        let axis = try #require(root.all("g", class: "axis").first)
        #expect(axis.all("text").map(\.visibleText) == ["0", "10", "20", "30", "40", "50"])
        let grid = axis.all("line", class: "grid").map { $0.number("y1")! }
        let baseline = root.all("line", class: "baseline").first!.number("y1")!
        let tallest = try Self.bar(root, "规范性文件，2020年：43 件")
        // 43 of 50: the bar's top sits 86% of the way from the baseline to the top gridline.
        #expect(abs((baseline - tallest.number("y")!) / (baseline - grid.min()!) - 0.86) < 0.002)
    }

    @Test func valueLabelsSitOnTheirBars() throws {
        let root = try ChartXML.parse(BarChart.svg(ChartSamples.cleanup, id: "c"))
        let values = root.all("text", class: "value")
        #expect(values.map(\.visibleText) == ["227", "136", "40", "14"])
        for (label, bar) in zip(values, root.all("rect", class: "bar")) {
            #expect(abs(label.number("x")! - (bar.number("x")! + bar.number("width")! / 2)) <= 0.1)
            #expect(label.number("y")! < bar.number("y")!)
        }
    }

    @Test func hugeValuesStayReadable() throws {
        let root = try ChartXML.parse(BarChart.svg(ChartSamples.oneThing, id: "c"))
        #expect(root.all("g", class: "axis").first?.all("text").map(\.visibleText) == ["0", "2万", "4万", "6万", "8万", "10万", "12万"])
        #expect(root.all("text", class: "value").map(\.visibleText) == ["113927", "200", "100", "84"])
        // Crowded: four series in twelve narrow bands fall back to 万 and then to no labels at all.
        let crowded = ChartData(title: "t", categories: (1...12).map { "\($0)月" },
                                series: (1...4).map { ChartSeries(name: "s\($0)", values: Array(repeating: 113927, count: 12)) }, unit: "件")
        let layout = BarChart.Layout(data: crowded, width: 640, height: 320)
        #expect(layout.valueStyle == .hidden)
        #expect(try ChartXML.parse(BarChart.svg(crowded, id: "c")).all("text", class: "value").isEmpty)
        let wider = BarChart.Layout(data: crowded, width: 1600, height: 320)
        #expect(wider.valueStyle == .compact)
        #expect(wider.valueLabel(113927) == "11.4万")
    }

    @Test func longCategoryLabelsWrapAndKeepTheFullName() throws {
        let data = ChartSamples.longLabels
        let root = try ChartXML.parse(BarChart.svg(data, id: "c"))
        let layout = BarChart.Layout(data: data, width: 640, height: 320)
        let groups = root.all("g", class: "category")
        #expect(groups.map(\.tooltip) == data.categories)
        for group in groups {
            let lines = try #require(group.all("text", class: "category-label").first).all("tspan").map(\.visibleText)
            #expect(lines.count <= 2)
            for line in lines {
                #expect(TextMetrics.width(line, fontSize: 12) <= layout.axis.band - 4, "\(line)")
            }
        }
        let longest = groups[2].all("tspan").map(\.visibleText)
        #expect(longest.count == 2 && longest[1].hasSuffix("…"))
        #expect(groups[3].all("tspan").map(\.visibleText) == ["县政府办"])
    }

    @Test func seriesDifferWithoutColour() throws {
        let root = try ChartXML.parse(BarChart.svg(ChartSamples.fourSeries, id: "q"))
        let fills = root.all("g", class: "category")[0].all("rect", class: "bar").map { $0["fill"]! }
        #expect(fills == ["#0b3d91", "url(#q-fill-1)", "url(#q-fill-2)", "url(#q-fill-3)"])
        let patterns = root.all("pattern")
        #expect(patterns.map { $0["id"]! } == ["q-fill-1", "q-fill-2", "q-fill-3"])
        // Each hatch has its own shape, not just its own colour.
        let shapes = patterns.map { p in p.children.dropFirst().map { "\($0.name) \($0["width"] ?? "") \($0["height"] ?? "")" } + [p["patternTransform"] ?? ""] }
        #expect(Set(shapes.map { $0.joined(separator: "|") }).count == 3)
    }

    @Test func dangerToneOnlyWhenAsked() throws {
        let root = try ChartXML.parse(BarChart.svg(ChartSamples.overdueByUnit, id: "c"))
        #expect(Set(root.all("rect", class: "bar").map { $0["fill"]! }) == ["#a3201a"])
        let plain = try ChartXML.parse(BarChart.svg(ChartSamples.cleanup, id: "c"))
        #expect(Set(plain.all("rect", class: "bar").map { $0["fill"]! }) == ["#0b3d91"])
    }

    @Test func missingValuesDrawNoBar() throws {
        let data = ChartData(title: "t", categories: ["甲", "乙"], series: [ChartSeries(name: "a", values: [4, nil])], unit: "件")
        let root = try ChartXML.parse(BarChart.svg(data, id: "c"))
        #expect(root.all("rect", class: "bar").compactMap(\.tooltip) == ["甲：4 件"])
        #expect(root.all("g", class: "category").count == 2)
    }

    @Test func sizesAreClamped() throws {
        let root = try ChartXML.parse(BarChart.svg(ChartSamples.comparison, id: "c", width: -5, height: 1_000_000))
        #expect(root["width"] == "240" && root["height"] == "4000")
        #expect(root["viewBox"] == "0 0 240 4000")
    }
}

@Suite("Line chart")
struct LineChartTests {
    @Test(arguments: [
        ([1, 2, nil, 4, 5] as [Double?], [[0, 1], [3, 4]]),
        ([nil, 1, nil], [[1]]),
        ([1, 2, 3], [[0, 1, 2]]),
        ([nil, nil], []),
        ([3, nil, 5, 6, nil, nil, 2], [[0], [2, 3], [6]]),
    ])
    func runs(_ values: [Double?], _ expected: [[Int]]) {
        #expect(LineChart.runs(values) == expected)
    }

    @Test func gapsSplitTheLine() throws {
        let data = ChartData(title: "t", categories: (1...8).map { "\($0)月" },
                             series: [ChartSeries(name: "a", values: [3, 5, nil, 4, 6, nil, nil, 2])], unit: "件")
        let root = try ChartXML.parse(LineChart.svg(data, id: "c"))
        let lines = root.all("polyline")
        #expect(lines.map { $0["points"]!.split(separator: " ").count } == [2, 2])
        // The lone point after the gap is still drawn, as a circle with its tooltip.
        #expect(root.all("circle").compactMap(\.tooltip) == ["1月：3 件", "2月：5 件", "4月：4 件", "5月：6 件", "8月：2 件"])
        // No segment crosses the gap: the first line ends at February's x, the second starts at April's.
        let x = { (p: String) in Double(p.split(separator: ",")[0])! }
        let first = lines[0]["points"]!.split(separator: " ").map(String.init)
        let second = lines[1]["points"]!.split(separator: " ").map(String.init)
        let circles = root.all("circle").map { $0.number("cx")! }
        #expect(x(first[1]) == circles[1] && x(second[0]) == circles[2])
    }

    @Test func pointsSitAtTheirValues() throws {
        let data = ChartSamples.monthly
        let root = try ChartXML.parse(LineChart.svg(data, id: "c"))
        let layout = CategoryAxisLayout(data: data, width: 640, height: 320, mark: .line)
        #expect(layout.scale.top == 5)
        let march = try #require(root.all("circle").first { $0.tooltip == "3月，2020年：2 件" })
        #expect(abs(march.number("cy")! - (layout.plotBottom - 2.0 / 5.0 * layout.plotHeight)) <= 0.1)
        #expect(abs(march.number("cx")! - layout.centre(2)) <= 0.1)
        #expect(root.all("g", class: "category").compactMap(\.tooltip) == data.categories)
        let labels = root.all("text", class: "category-label").map(\.visibleText)
        #expect(labels == data.categories)
    }

    @Test func seriesDifferByDashAndMarker() throws {
        let root = try ChartXML.parse(LineChart.svg(ChartSamples.fourSeries, id: "c"))
        let series = root.all("g", class: "series")
        #expect(series.map { $0.all("polyline").first?["stroke-dasharray"] ?? "solid" } == ["solid", "8 4", "2 3", "10 3 2 3"])
        #expect(series.map { $0.all("circle").first!["fill"]! == "#ffffff" } == [false, true, false, true])
        // The legend shows the same dashes.
        let legend = try #require(root.all("g", class: "legend").first)
        #expect(legend.all("line").map { $0["stroke-dasharray"] ?? "solid" } == ["solid", "8 4", "2 3", "10 3 2 3"])
    }

    @Test func manyCategoriesThinTheirLabels() throws {
        let data = ChartData(title: "每日", categories: (1...60).map { "第\($0)天" },
                             series: [ChartSeries(name: "a", values: (1...60).map { Double($0 % 7) })], unit: "件")
        let root = try ChartXML.parse(LineChart.svg(data, id: "c"))
        let labels = root.all("text", class: "category-label")
        #expect(labels.count < 60 && labels.count > 5)
        let xs = labels.map { $0.number("x")! }
        for (a, b) in zip(xs, xs.dropFirst()) {
            #expect(b - a >= 30)
        }
        #expect(root.all("circle").count == 60)
    }
}

@Suite("Horizontal bar chart")
struct HorizontalBarChartTests {
    @Test func rankedLargestFirst() throws {
        let root = try ChartXML.parse(HorizontalBarChart.svg(ChartSamples.overdueByUnit, id: "c"))
        let order = root.all("g", class: "category").compactMap(\.tooltip)
        #expect(order == ["县自然资源局", "沱江镇人民政府", "县住房和城乡建设局", "县农业农村局", "县人力资源和社会保障局",
                          "县生态环境局凤凰分局", "县综合行政执法局（县城市管理和综合执法局）", "县市场监督管理局", "县交通运输局"])
        let kept = try ChartXML.parse(HorizontalBarChart.svg(ChartSamples.overdueByUnit, id: "c", ranked: false))
        #expect(kept.all("g", class: "category").compactMap(\.tooltip) == ChartSamples.overdueByUnit.categories)
    }

    @Test func barLengthsAreProportional() throws {
        let data = ChartSamples.overdueByUnit.ranked()
        let root = try ChartXML.parse(HorizontalBarChart.svg(data, id: "c", ranked: false))
        let layout = HorizontalBarChart.Layout(data: data, width: 640, height: nil)
        #expect(layout.scale.top == 8)
        for (category, value) in zip(data.categories, data.series[0].values) {
            let rect = try #require(root.all("rect", class: "bar").first { $0.tooltip == "\(category)：\(ChartData.formatted(value!)) 件" })
            #expect(abs(rect.number("width")! - value! / 8 * (layout.plotRight - layout.plotLeft)) <= 0.1)
            #expect(rect.number("x") == layout.plotLeft)
        }
    }

    @Test func longNamesFitOnTheLeft() throws {
        let data = ChartSamples.overdueByUnit
        let root = try ChartXML.parse(HorizontalBarChart.svg(data, id: "c"))
        let layout = HorizontalBarChart.Layout(data: data.ranked(), width: 640, height: nil)
        for label in root.all("text", class: "category-label") {
            #expect(label["text-anchor"] == "end")
            for line in label.all("tspan").map(\.visibleText) {
                #expect(TextMetrics.width(line, fontSize: 12) <= layout.plotLeft - 8 - SVGChart.margin)
            }
        }
        let longest = try #require(root.all("g", class: "category").first { $0.tooltip == "县综合行政执法局（县城市管理和综合执法局）" })
        #expect(longest.all("tspan").count == 2)
        // Value labels after each bar, inside the drawing.
        let width = root.number("width")!
        for value in root.all("text", class: "value") {
            #expect(value.number("x")! + TextMetrics.width(value.visibleText, fontSize: 11) <= width)
        }
    }

    @Test func heightFollowsTheRows() throws {
        let few = try ChartXML.parse(HorizontalBarChart.svg(ChartSamples.cleanup, id: "c"))
        let many = ChartData(title: "t", categories: (1...30).map { "第\($0)单位" },
                             series: [ChartSeries(name: "a", values: (1...30).map(Double.init))], unit: "件")
        let tall = try ChartXML.parse(HorizontalBarChart.svg(many, id: "c"))
        #expect(tall.number("height")! >= 30 * 26)
        #expect(few.number("height")! < 250)
        let fixed = try ChartXML.parse(HorizontalBarChart.svg(many, id: "c", height: 300))
        #expect(fixed["height"] == "300")
        #expect(fixed.all("rect", class: "bar").allSatisfy { $0.number("y")! + $0.number("height")! <= 300 })
    }
}

extension ChartData {
    /// How a count prints in tooltips, for building expected strings.
    static func formatted(_ value: Double) -> String {
        ChartData(title: "", categories: [], series: [], unit: "件").format(value)
    }
}
