import Foundation
@testable import FazhiCore

/// One element of a parsed XML part, by local names (`w:val` is "val"), for assertions.
struct DocxNode {
    let name: String
    let attributes: [String: String]
    var children: [DocxNode] = []
    /// Text directly inside this element.
    var text = ""

    subscript(attribute: String) -> String? { attributes[attribute] }

    func child(_ name: String) -> DocxNode? { children.first { $0.name == name } }

    /// Every descendant named `name`, in document order.
    func all(_ name: String) -> [DocxNode] {
        var found: [DocxNode] = []
        for child in children {
            if child.name == name { found.append(child) }
            found += child.all(name)
        }
        return found
    }

    func first(_ name: String) -> DocxNode? { all(name).first }

    /// The text of every w:t below, concatenated (what a reader shows, less breaks and fields).
    var runText: String { all("t").map(\.text).joined() }

    static func parse(_ bytes: [UInt8]) throws -> DocxNode {
        var scanner = XMLScanner(bytes)
        scanner.wantsText = true
        var stack = [DocxNode(name: "#document", attributes: [:])]
        while let event = try scanner.next() {
            switch event {
            case .start(let element):
                stack.append(DocxNode(name: element.name,
                                      attributes: Dictionary(element.attributes, uniquingKeysWith: { first, _ in first })))
            case .text(let text):
                stack[stack.count - 1].text += text
            case .end:
                let node = stack.removeLast()
                stack[stack.count - 1].children.append(node)
            }
        }
        return stack[0].children[0]
    }
}

/// A written DOCX opened with the project's own ZIP reader.
struct DocxPackage {
    var package: XLSXReader.Package
    let paths: Set<String>

    init(_ data: Data) throws {
        package = try XLSXReader.Package([UInt8](data))
        paths = Set(package.entries.keys)
    }

    mutating func bytes(_ path: String) throws -> [UInt8] {
        guard let bytes = try package.part(path) else { throw Missing(path: path) }
        return bytes
    }

    mutating func xml(_ path: String) throws -> DocxNode { try DocxNode.parse(try bytes(path)) }

    mutating func text(_ path: String) throws -> String { String(decoding: try bytes(path), as: UTF8.self) }

    /// `source`'s relationships by id, targets resolved to part names.
    mutating func relationships(of source: String) throws -> [String: XLSXReader.Package.Relationship] {
        try package.relationships(of: source)
    }

    struct Missing: Error { let path: String }
}

/// The demo county's 2020 report (Report/Fixtures/fenghuang-2020-report.txt) as an OfficialDocument, for the sample files
/// written when FAZHI_DOCX_SAMPLE or FAZHI_PRINT_HTML_SAMPLE is set. The scraped text has half-width
/// punctuation; a 公文 has full-width.
enum SeedReport {
    static let defaultPath = ReportFixtures.seedURL.path

    /// A few figures marked as figure runs: (text before, figure, catalogue key).
    static let figures: [(before: String, figure: String, key: String)] = [
        ("全县出台规范性文件共", "43", "documents.issued"),
        ("此次共清理规范性文件", "417", "documents.cleanup.total"),
        ("政府合同备案", "13", "contracts.filed"),
    ]

    static func load(path: String = ProcessInfo.processInfo.environment["FAZHI_SEED_REPORT"] ?? defaultPath) throws -> OfficialDocument {
        let lines = try String(contentsOfFile: path, encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let title = lines[2]
        guard let start = lines.firstIndex(where: { $0.contains("来源:") }),
              let closing = lines.firstIndex(of: "专此报告。") else { throw Unreadable() }
        var blocks: [OfficialDocument.Block] = []
        for line in lines[(start + 1)...closing] where !line.isEmpty {
            let text = fullWidth(line)
            if let first = text.first, "一二三四五六七八九十".contains(first), text.dropFirst().hasPrefix("、") {
                blocks.append(.heading(level: 1, text: text))
            } else if text.hasPrefix("（"), let close = text.firstIndex(of: "）"),
                      text[text.index(after: text.startIndex)..<close].allSatisfy({ "一二三四五六七八九十".contains($0) }) {
                blocks.append(.heading(level: 2, text: text))
            } else {
                blocks.append(.paragraph(runs(text)))
            }
        }
        var signatories: [String] = []
        var date: LocalDate?
        for line in lines[(closing + 1)...] where !line.isEmpty {
            if let parsed = parseDate(line) {
                date = parsed
                break
            }
            signatories.append(line)
        }
        guard let date else { throw Unreadable() }
        return OfficialDocument(title: title, blocks: blocks, signatories: signatories, date: date)
    }

    static func runs(_ text: String) -> [OfficialDocument.Run] {
        for figure in figures {
            guard let range = text.range(of: figure.before + figure.figure) else { continue }
            let figureStart = text.index(range.lowerBound, offsetBy: figure.before.count)
            return [.text(String(text[..<figureStart])), .figure(key: figure.key, text: figure.figure)]
                + runs(String(text[range.upperBound...]))
        }
        return text.isEmpty ? [] : [.text(text)]
    }

    static func fullWidth(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case ",": out += "，"
            case ":": out += "："
            case ";": out += "；"
            case "(": out += "（"
            case ")": out += "）"
            case "<": out += "〈"
            case ">": out += "〉"
            default: out.append(character)
            }
        }
        return out
    }

    /// "2021年3月16日".
    static func parseDate(_ line: String) -> LocalDate? {
        let parts = line.split(whereSeparator: { "年月日".contains($0) }).compactMap { Int($0) }
        guard parts.count == 3, line.hasSuffix("日") else { return nil }
        return LocalDate(year: parts[0], month: parts[1], day: parts[2])
    }

    struct Unreadable: Error {}
}
