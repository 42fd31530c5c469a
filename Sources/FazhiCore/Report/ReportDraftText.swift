import Foundation

/// A report's editable content: metadata and the sections' template texts, in a plain-text format that
/// the bundled demo report uses and the CLI can import and export:
///
/// ```
/// # comment (only before the first section)
/// title: 关于2020年度法治政府建设工作的报告
/// region: 凤凰县
/// year: 2020
/// signatory: 中共凤凰县委
/// signatory: 凤凰县人民政府
/// date: 2021-03-16
///
/// ## decisionMaking
/// ### 健全合法性审查工作机制,推行依法科学民主决策
/// 一是……共审查各类合同协议{{contracts.reviewed|余:10}}份……
/// ```
///
/// A section is `## key` (a `ReportSectionKey`), an optional `### heading` right after it (stored without
/// its number), then one paragraph a line; blank lines separate nothing and trailing spaces are dropped.
public struct ReportDraftText: Sendable, Hashable {
    public struct Section: Sendable, Hashable, Codable {
        public var key: ReportSectionKey
        /// The heading's words, without （一）: numbering comes from the section's position.
        public var heading: String?
        /// The template text, paragraphs separated by "\n".
        public var text: String

        public init(key: ReportSectionKey, heading: String? = nil, text: String) {
            self.key = key
            self.heading = heading
            self.text = text
        }

        /// Nothing to print: no heading and no text.
        public var isEmpty: Bool {
            (heading ?? "").trimmingCharacters(in: .whitespaces).isEmpty
                && text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }
    }

    public var title: String
    public var region: String
    public var year: Int
    /// The issuing bodies, as signed under the closing: 中共凤凰县委, 凤凰县人民政府.
    public var signatories: [String]
    /// The date under the signatures; nil while drafting.
    public var date: LocalDate?
    /// Every section, in report order (a section the text leaves out is present and empty).
    public private(set) var sections: [Section]

    public init(title: String, region: String, year: Int, signatories: [String] = [], date: LocalDate? = nil,
                sections: [Section]) {
        self.title = title
        self.region = region
        self.year = year
        self.signatories = signatories
        self.date = date
        var byKey: [ReportSectionKey: Section] = [:]
        for section in sections { byKey[section.key] = section }
        self.sections = ReportSectionKey.allCases.map { byKey[$0] ?? Section(key: $0, text: "") }
    }

    public subscript(key: ReportSectionKey) -> Section {
        get { sections[ReportSectionKey.allCases.firstIndex(of: key)!] }
        set {
            var section = newValue
            section.key = key
            sections[ReportSectionKey.allCases.firstIndex(of: key)!] = section
        }
    }

    public var context: ReportContext { ReportContext(year: year, region: region) }

    // MARK: The text format

    /// A line of the text format that cannot be read, with its 1-based line number.
    public struct FormatError: Error, Sendable, Hashable, CustomStringConvertible {
        public let line: Int
        public let message: String
        public var description: String { "第 \(line) 行：\(message)" }
    }

    /// Reads the text format; throws the first malformed line.
    public init(parsing text: String) throws(FormatError) {
        var title: String?, region: String?, year: Int?, date: LocalDate?
        var signatories: [String] = []
        var sections: [Section] = []
        var current: Section?
        var paragraphs: [String] = []
        var headingAllowed = false
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)

        func closeSection() {
            guard var section = current else { return }
            section.text = paragraphs.joined(separator: "\n")
            sections.append(section)
            current = nil
            paragraphs = []
        }

        for (index, rawLine) in lines.enumerated() {
            let number = index + 1
            var line = String(rawLine)
            while let last = line.last, last.isWhitespace { line.removeLast() }
            if line.hasPrefix("## ") {
                let name = line.dropFirst(3).trimmingCharacters(in: .whitespaces)
                guard let key = ReportSectionKey(rawValue: name) else {
                    let known = ReportSectionKey.allCases.map(\.rawValue).joined(separator: "、")
                    throw FormatError(line: number, message: "未知的章节「\(name)」，可用：\(known)。")
                }
                guard !sections.contains(where: { $0.key == key }) && current?.key != key else {
                    throw FormatError(line: number, message: "章节「\(name)」重复出现。")
                }
                closeSection()
                current = Section(key: key, text: "")
                headingAllowed = true
                continue
            }
            if line.hasPrefix("### ") {
                guard current != nil, headingAllowed else {
                    throw FormatError(line: number, message: "「### 」标题只能紧跟在「## 章节」之后。")
                }
                let heading = line.dropFirst(4).trimmingCharacters(in: .whitespaces)
                current?.heading = heading.isEmpty ? nil : heading
                headingAllowed = false
                continue
            }
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if current != nil {
                paragraphs.append(line)
                headingAllowed = false
                continue
            }
            // Before the first section: comments and metadata.
            if line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else {
                throw FormatError(line: number, message: "应为「名称: 值」，或以「## 」开始一个章节。")
            }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch name {
            case "title": title = value
            case "region": region = value
            case "year":
                guard let parsed = Int(value), (1990...9999).contains(parsed) else {
                    throw FormatError(line: number, message: "年度「\(value)」应为四位数的年份。")
                }
                year = parsed
            case "signatory":
                guard !value.isEmpty else { throw FormatError(line: number, message: "落款单位不能为空。") }
                signatories.append(value)
            case "date":
                guard let parsed = LocalDate(iso: value) else {
                    throw FormatError(line: number, message: "日期「\(value)」应为 YYYY-MM-DD，例如 2021-03-16。")
                }
                date = parsed
            default:
                throw FormatError(line: number, message: "未知的项目「\(name)」，可用：title、region、year、signatory、date。")
            }
        }
        closeSection()
        let end = lines.count
        guard let year else { throw FormatError(line: end, message: "缺少年度（year: 2020）。") }
        guard let region, !region.isEmpty else { throw FormatError(line: end, message: "缺少行政区划（region: 凤凰县）。") }
        self.init(title: title ?? DefaultReportTemplates.title(year: year), region: region, year: year,
                  signatories: signatories, date: date, sections: sections)
    }

    /// The text format; `ReportDraftText(parsing: draft.encoded()) == draft` for any draft whose texts hold
    /// no line that starts with "## " or "### ".
    public func encoded() -> String {
        var lines = ["title: \(title)", "region: \(region)", "year: \(year)"]
        lines += signatories.map { "signatory: \($0)" }
        if let date { lines.append("date: \(date)") }
        for section in sections {
            lines.append("")
            lines.append("## \(section.key.rawValue)")
            if let heading = section.heading { lines.append("### \(heading)") }
            lines += section.text.split(separator: "\n").map(String.init).filter {
                !$0.trimmingCharacters(in: .whitespaces).isEmpty
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The demo county's 2020 report (the demo county's 2020 report, Tests/FazhiCoreTests/Report/Fixtures/fenghuang-2020-report.txt) with its figures as placeholders.
    public static func fenghuang2020() throws -> ReportDraftText {
        let text = try FazhiCoreResources.text("fenghuang-2020", "txt", in: "Resources/report")
        return try ReportDraftText(parsing: text)
    }

    // MARK: Rendering

    /// Every template problem (syntax and, with `knownKeys`, unknown keys) under the field it belongs to:
    /// the section's key for its text, "<key>.heading" for its heading, "title" for the title.
    public func problems(knownKeys: Set<String>? = nil) -> FieldErrors {
        var errors = FieldErrors()
        func check(_ source: String, field: String) {
            let problems = knownKeys.map { ReportTemplate.validate(source, knownKeys: $0) }
                ?? ReportTemplate.scan(source).problems
            for problem in problems { errors.add(field, problem.message) }
        }
        check(title, field: "title")
        for section in sections {
            if let heading = section.heading { check(heading, field: "\(section.key.rawValue).heading") }
            check(section.text, field: section.key.rawValue)
        }
        return errors
    }

    /// The whole report, block by block, as the web page and the DOCX export lay it out: title; 一、 part
    /// headings before the first printed section of each part; （一） headings numbered by the position of
    /// the printed numbered sections; one block a paragraph; then signatories and date. Empty sections
    /// are left out. Throws the template problems (see `problems(knownKeys:)`) when any text cannot be parsed.
    public func render(resolve: (String) -> ResolvedFigure?) throws(FieldErrors) -> RenderedReport {
        let errors = problems()
        if !errors.isEmpty { throw errors }
        let context = self.context
        func rendered(_ source: String) -> RenderedText {
            // Parsed above: cannot fail here.
            (try? ReportTemplate(source))?.render(context: context, resolve: resolve) ?? RenderedText(segments: [.text(source)])
        }
        var blocks = [RenderedReport.Block(kind: .title, section: nil, content: rendered(title))]
        var printedParts = Set<ReportPart>()
        var headingNumber = 0
        for section in sections where !section.isEmpty {
            if let part = section.key.part, printedParts.insert(part).inserted {
                blocks.append(.init(kind: .partHeading, section: section.key,
                                    content: RenderedText(segments: [.text(part.heading(year: year))])))
            }
            if let heading = section.heading, !heading.isEmpty {
                var content = rendered(heading)
                if section.key.isNumbered {
                    headingNumber += 1
                    content = RenderedText(segments: [.text("（\(ReportSectionKey.chineseNumeral(headingNumber))）")] + content.segments)
                }
                blocks.append(.init(kind: .sectionHeading, section: section.key, content: content))
            }
            for paragraph in section.text.split(separator: "\n") where !paragraph.trimmingCharacters(in: .whitespaces).isEmpty {
                let kind: RenderedReport.Kind = RenderedReport.isSubheading(paragraph) ? .subheading : .paragraph
                blocks.append(.init(kind: kind, section: section.key, content: rendered(String(paragraph))))
            }
        }
        for signatory in signatories {
            blocks.append(.init(kind: .signatory, section: nil, content: RenderedText(segments: [.text(signatory)])))
        }
        if let date {
            blocks.append(.init(kind: .date, section: nil, content: RenderedText(segments: [.text(date.chinese)])))
        }
        return RenderedReport(blocks: blocks)
    }
}

/// A report rendered for reading: blocks in order, each with its kind and its text as link-able segments.
public struct RenderedReport: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// 关于2020年度法治政府建设工作的报告.
        case title
        /// 一、工作开展情况 (GB/T 9704-2012 7.3.3: first level, 黑体).
        case partHeading
        /// （一）加强组织领导… (second level, 楷体).
        case sectionHeading
        /// A line inside a section's text that is itself a （一） heading, as the plan's items are.
        case subheading
        case paragraph
        case signatory
        case date
    }

    public struct Block: Sendable, Hashable {
        public let kind: Kind
        /// The section the block belongs to; nil for the title, signatories and date.
        public let section: ReportSectionKey?
        public let content: RenderedText

        public var text: String { content.plainText }
    }

    public let blocks: [Block]

    /// The figures that could not be written, in order of appearance.
    public var problems: [RenderedFigure] { blocks.flatMap(\.content.problems) }

    /// A short line opening with （一） or (一) and holding no full stop: a heading written inside the text.
    static func isSubheading(_ line: Substring) -> Bool {
        guard let first = line.first, first == "（" || first == "(", line.count <= 60, !line.contains("。") else {
            return false
        }
        let rest = line.dropFirst()
        guard let close = rest.firstIndex(where: { $0 == "）" || $0 == ")" }) else { return false }
        let numeral = rest[..<close]
        return !numeral.isEmpty && numeral.allSatisfy { "一二三四五六七八九十".contains($0) }
    }
}
