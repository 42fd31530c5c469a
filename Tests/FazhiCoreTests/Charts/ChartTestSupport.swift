import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import FazhiCore

/// An SVG parsed with Foundation's XMLParser into a small tree, so tests look at elements and attributes
/// the way a browser would, not at substrings.
final class ChartElement {
    let name: String
    let attributes: [String: String]
    private(set) var children: [ChartElement] = []
    fileprivate(set) var text = ""
    fileprivate(set) weak var parent: ChartElement?

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    subscript(attribute: String) -> String? { attributes[attribute] }

    func number(_ attribute: String) -> Double? { attributes[attribute].flatMap(Double.init) }

    var classes: [String] { (attributes["class"] ?? "").split(separator: " ").map(String.init) }

    /// Every element below this one, depth first, in document order.
    var descendants: [ChartElement] { children.flatMap { [$0] + $0.descendants } }

    func all(_ name: String, class className: String? = nil) -> [ChartElement] {
        descendants.filter { $0.name == name && (className == nil || $0.classes.contains(className!)) }
    }

    /// Text of this element and everything inside it (tspans joined), without the <title> tooltips.
    var visibleText: String {
        text + children.filter { $0.name != "title" }.map(\.visibleText).joined()
    }

    /// The <title> child's text: a bar's or point's tooltip.
    var tooltip: String? { children.first { $0.name == "title" }?.text }

    /// An attribute as inherited down the tree (SVG presentation attributes such as fill inherit).
    func inherited(_ attribute: String) -> String? {
        attributes[attribute] ?? parent?.inherited(attribute)
    }

    fileprivate func append(_ child: ChartElement) {
        child.parent = self
        children.append(child)
    }
}

enum ChartXML {
    struct ParseError: Error, CustomStringConvertible {
        let description: String
    }

    /// The root element, or the parser's complaint when the markup is not well-formed XML.
    static func parse(_ svg: String) throws -> ChartElement {
        let builder = TreeBuilder()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw ParseError(description: "not well-formed: \(String(describing: parser.parserError))")
        }
        return root
    }

    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var root: ChartElement?
        var stack: [ChartElement] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            let element = ChartElement(name: elementName, attributes: attributeDict)
            if let parent = stack.last { parent.append(element) } else { root = element }
            stack.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
}

/// WCAG 2.1 relative luminance and contrast ratio (Understanding 1.4.3), for "#rrggbb" colours.
enum Contrast {
    static func ratio(_ a: String, _ b: String = "#ffffff") -> Double {
        let (la, lb) = (luminance(a), luminance(b))
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }

    static func luminance(_ hex: String) -> Double {
        precondition(hex.count == 7 && hex.hasPrefix("#"), "expected #rrggbb, got \(hex)")
        let value = Int(hex.dropFirst(), radix: 16)!
        let channels = [(value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF].map { channel -> Double in
            let c = Double(channel) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    }
}

/// Charts from the 2020 report (Tests/FazhiCoreTests/Report/Fixtures/fenghuang-2020-figures.tsv); the 2019 figures are made up for a
/// comparison and marked so.
enum ChartSamples {
    static let comparison = ChartData(
        title: "2020年与2019年同期对比",
        categories: ["规范性文件", "政府合同备案", "行政复议", "行政应诉", "重大行政决策"],
        series: [
            ChartSeries(name: "2020年", values: [43, 13, 9, 8, 5]),
            ChartSeries(name: "2019年（示例）", values: [38, 11, 7, 10, 4]),
        ],
        unit: "件")

    static let cleanup = ChartData(
        title: "2020年规范性文件清理结果",
        categories: ["继续有效", "宣布失效", "废止", "重新公布"],
        series: [ChartSeries(name: "2020年", values: [227, 136, 40, 14])],
        unit: "件")

    static let rates = ChartData(
        title: "办案质量",
        categories: ["调解成功率", "行政复议法定期限内结案率", "调解率"],
        series: [ChartSeries(name: "2020年", values: [0.98, 1.0, 1.0])],
        unit: "%")

    static let oneThing = ChartData(
        title: "“一件事一次办”",
        categories: ["累计办件", "网上一次办理事项", "流程优化", "受理人员培训人次"],
        series: [ChartSeries(name: "2020年", values: [113927, 200, 100, 84])],
        unit: "件")

    static let monthly = ChartData(
        title: "2020年各月受理行政复议案件",
        categories: (1...12).map { "\($0)月" },
        series: [
            ChartSeries(name: "2020年", values: [1, 0, 2, 1, nil, 1, 0, 1, 2, 1, nil, nil]),
            ChartSeries(name: "2019年（示例）", values: [0, 1, 1, 0, 1, 2, 1, 0, 1, 0, 1, 1]),
        ],
        unit: "件")

    static let overdueByUnit = ChartData(
        title: "超期未办结事项（按单位）",
        categories: ["县人力资源和社会保障局", "县自然资源局", "县住房和城乡建设局", "县市场监督管理局",
                     "县生态环境局凤凰分局", "县交通运输局", "县农业农村局", "沱江镇人民政府",
                     "县综合行政执法局（县城市管理和综合执法局）"],
        series: [ChartSeries(name: "超期", values: [3, 7, 5, 1, 2, 0, 4, 6, 2], tone: .danger)],
        unit: "件")

    static let fourSeries = ChartData(
        title: "四个季度各类案件",
        categories: ["行政复议", "行政应诉", "人民调解", "法律援助"],
        series: (1...4).map { quarter in
            ChartSeries(name: "第\(quarter)季度", values: [2, 3, 340, 25].map { Double($0 + quarter * 3) })
        },
        unit: "件")

    static let longLabels = ChartData(
        title: "各单位报送规范性文件",
        categories: ["县人力资源和社会保障局", "县发展和改革局", "县综合行政执法局（县城市管理和综合执法局）",
                     "县政府办", "县卫生健康局", "县教育局", "县文化旅游广电局", "县民政局"],
        series: [ChartSeries(name: "2020年", values: [4, 6, 2, 13, 3, 5, 9, 1])],
        unit: "件")
}
