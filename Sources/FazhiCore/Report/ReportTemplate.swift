/// The variables a report template may use besides catalogue figures.
public enum ReportVariable: String, Sendable, Hashable, Codable, CaseIterable {
    /// The report's year: 2020.
    case year
    /// The year the plan is for: 2021.
    case nextYear
    /// The year before: 2019.
    case prevYear
    /// The county's name: 凤凰县.
    case region
    /// The kind of county-level region as its own documents say it (我县, 全区, 市委): 县, 区, 市 or 旗.
    case regionLevel
}

/// What the variables stand for in one report.
public struct ReportContext: Sendable, Hashable, Codable {
    public var year: Int
    public var region: String

    public init(year: Int, region: String) {
        self.year = year
        self.region = region
    }

    public func value(of variable: ReportVariable) -> String {
        switch variable {
        case .year: String(year)
        case .nextYear: String(year + 1)
        case .prevYear: String(year - 1)
        case .region: region
        case .regionLevel: Self.level(of: region)
        }
    }

    /// 县 for 凤凰县 and 城步苗族自治县, 区 for 永定区 and 神农架林区, 市 for 吉首市, 旗 for 科尔沁右翼前旗; 县 otherwise.
    public static func level(of region: String) -> String {
        ["县", "区", "市", "旗"].first(where: region.hasSuffix) ?? "县"
    }
}

/// A figure as the statistics catalogue gives it for the report: its value, the date it counts to, and,
/// for the finalized snapshot, its label and whether it was computed or declared.
public struct ResolvedFigure: Sendable, Hashable {
    public var value: StatisticValue
    public var asOf: LocalDate
    public var label: String
    public var source: FigureSource

    public init(value: StatisticValue, asOf: LocalDate, label: String = "", source: FigureSource = .computed) {
        self.value = value
        self.asOf = asOf
        self.label = label
        self.source = source
    }
}

/// One problem found in a template's text, with where it is, for the editor to show next to the field.
public struct ReportTemplateProblem: Sendable, Hashable, CustomStringConvertible {
    /// 0-based position of the offending token, in characters of the whole text.
    public let offset: Int
    /// 1-based paragraph (line) and character within it.
    public let line: Int
    public let column: Int
    /// The text at fault: "{{", "{{documents..issued}}", "余:x".
    public let token: String
    /// A whole sentence saying where and what: "第 12 个字符处的「{{」没有闭合。"
    public let message: String

    public var description: String { message }
}

/// Every syntax problem of a template at once, so an editor can show them all.
public struct ReportTemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    public let problems: [ReportTemplateProblem]
    public var description: String { problems.map(\.message).joined(separator: "\n") }
}

/// A section's text with figure placeholders, parsed:
///
/// - `{{documents.issued}}`: the figure, exact ("43"); `{{contracts.reviewed|余:10}}`: in a style
///   (see `ChineseNumberStyle`): "90余";
/// - `{{截至:mediation.disputes}}`: the figure's cut-off date, "2020年11月30日";
/// - `{{year}}`, `{{nextYear}}`, `{{prevYear}}`, `{{region}}`: the report's variables.
///
/// Keys are the statistics catalogue's: `[a-zA-Z][a-zA-Z0-9]*(\.[a-zA-Z][a-zA-Z0-9]*)+`. Figures stay
/// linked: a template is rendered afresh against the catalogue each time until the report is finalized.
public struct ReportTemplate: Sendable, Hashable {
    public enum Segment: Sendable, Hashable {
        case text(String)
        case figure(key: String, style: ChineseNumberStyle)
        case cutOffDate(key: String)
        case variable(ReportVariable)
    }

    public let source: String
    public let segments: [Segment]

    /// Parses `source`; throws every syntax problem (unclosed or stray braces, empty or malformed keys,
    /// unknown styles and variables) at once.
    public init(_ source: String) throws(ReportTemplateError) {
        let (segments, problems) = Self.scan(source)
        guard problems.isEmpty else { throw ReportTemplateError(problems: problems) }
        self.source = source
        self.segments = segments
    }

    /// The catalogue keys the template uses (figures and cut-off dates), each once, in order of appearance.
    public var keys: [String] {
        var seen = Set<String>()
        var keys: [String] = []
        for segment in segments {
            switch segment {
            case .figure(let key, _), .cutOffDate(let key):
                if seen.insert(key).inserted { keys.append(key) }
            case .text, .variable:
                break
            }
        }
        return keys
    }

    /// The keys not in the catalogue, one problem per occurrence.
    public func validate(knownKeys: Set<String>) -> [ReportTemplateProblem] {
        let (_, problems) = Self.scan(source, knownKeys: knownKeys)
        return problems
    }

    /// Syntax problems and unknown keys of `source` together; empty when the text can be saved.
    public static func validate(_ source: String, knownKeys: Set<String>) -> [ReportTemplateProblem] {
        scan(source, knownKeys: knownKeys).problems
    }

    // MARK: Rendering

    /// The template with every placeholder replaced. `resolve` returns the catalogue's figure for a key, or
    /// nil when it has none; such a figure is written 【未取得：key】, never left out.
    public func render(context: ReportContext, resolve: (String) -> ResolvedFigure?) -> RenderedText {
        var output: [RenderedText.Segment] = []
        func appendText(_ text: String) {
            guard !text.isEmpty else { return }
            if case .text(let previous)? = output.last {
                output[output.count - 1] = .text(previous + text)
            } else {
                output.append(.text(text))
            }
        }
        for segment in segments {
            switch segment {
            case .text(let text):
                appendText(text)
            case .variable(let variable):
                appendText(context.value(of: variable))
            case .figure(let key, let style):
                guard let figure = resolve(key) else {
                    output.append(.figure(.unresolved(key: key, role: .value)))
                    continue
                }
                // A rate over nothing (no case in the period) is no figure a report can state: "按时办结率—" is refused.
                if let denominator = figure.value.denominator, denominator == 0 {
                    output.append(.figure(RenderedFigure(key: key, role: .value, text: "【无数据：\(key)】",
                                                         problem: "统计项「\(key)」在统计期内没有可计算比率的记录。")))
                    continue
                }
                do {
                    let text = try style.format(figure.value)
                    output.append(.figure(RenderedFigure(key: key, role: .value, text: text, problem: nil)))
                } catch {
                    output.append(.figure(RenderedFigure(key: key, role: .value, text: "【格式不适用：\(key)|\(style.token)】",
                                                         problem: "「\(key)」：\(error.message)")))
                }
            case .cutOffDate(let key):
                guard let figure = resolve(key) else {
                    output.append(.figure(.unresolved(key: key, role: .cutOffDate)))
                    continue
                }
                output.append(.figure(RenderedFigure(key: key, role: .cutOffDate, text: figure.asOf.chinese, problem: nil)))
            }
        }
        return RenderedText(segments: output)
    }

    // MARK: Parsing

    /// Problems reported for one text at most; the first ones are what the author fixes first.
    static let maxProblems = 100

    static let variablesHint = "可用 " + ReportVariable.allCases.map { "{{\($0.rawValue)}}" }.joined(separator: "、")

    /// Splits `source` into segments and problems; with `knownKeys`, a key not among them is a problem too.
    static func scan(_ source: String, knownKeys: Set<String>? = nil) -> (segments: [Segment], problems: [ReportTemplateProblem]) {
        let characters = Array(source)
        let multiline = characters.contains("\n")
        var segments: [Segment] = []
        var problems: [ReportTemplateProblem] = []
        var literal = ""
        var index = 0

        // Where each line starts, found once: a text full of stray braces must not cost quadratic time.
        var lineStarts: [Int] = []
        func problem(at offset: Int, token: String, _ what: String) {
            guard problems.count < maxProblems else { return }
            if lineStarts.isEmpty {
                lineStarts = [0] + characters.indices.filter { characters[$0] == "\n" }.map { $0 + 1 }
            }
            var low = 0, high = lineStarts.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
            }
            let line = low + 1, column = offset - lineStarts[low] + 1
            let place = multiline ? "第 \(line) 段第 \(column) 个字符处" : "第 \(column) 个字符处"
            problems.append(ReportTemplateProblem(offset: offset, line: line, column: column, token: token,
                                                  message: place + what))
        }
        func flush() {
            if !literal.isEmpty { segments.append(.text(literal)); literal = "" }
        }
        func isPair(_ position: Int, _ character: Character) -> Bool {
            position + 1 < characters.count && characters[position] == character && characters[position + 1] == character
        }

        while index < characters.count {
            if isPair(index, "}") {
                problem(at: index, token: "}}", "的「}}」前面没有对应的「{{」。")
                literal += "}}"
                index += 2
                continue
            }
            guard isPair(index, "{") else {
                literal.append(characters[index])
                index += 1
                continue
            }
            // Find the closing braces; a second "{{" before them means this one was never closed.
            let start = index
            var end: Int?
            var cursor = index + 2
            while cursor < characters.count {
                if isPair(cursor, "}") { end = cursor; break }
                if isPair(cursor, "{") || characters[cursor] == "\n" { break }
                cursor += 1
            }
            guard let end else {
                problem(at: start, token: "{{", "的「{{」没有闭合。")
                literal += "{{"
                index += 2
                continue
            }
            let token = String(characters[start..<(end + 2)])
            let inner = String(characters[(start + 2)..<end]).trimmingCharacters(in: .whitespaces)
            index = end + 2
            flush()
            switch parsePlaceholder(inner) {
            case .success(let segment):
                segments.append(segment)
                if let knownKeys {
                    switch segment {
                    case .figure(let key, _), .cutOffDate(let key):
                        if !knownKeys.contains(key) {
                            problem(at: start, token: token, "：统计目录中没有「\(key)」。")
                        }
                    case .text, .variable:
                        break
                    }
                }
            case .failure(let failure):
                problem(at: start, token: failure.token ?? token, failure.message(token))
            }
        }
        flush()
        return (segments, problems)
    }

    struct PlaceholderFailure: Error {
        enum Kind { case emptyKey, badKey(String), unknownStyle(String), unknownVariable, styledVariable }
        let kind: Kind
        var token: String? {
            if case .unknownStyle(let style) = kind { return style }
            return nil
        }

        func message(_ token: String) -> String {
            switch kind {
            case .emptyKey:
                "的「\(token)」没有写统计项的键。"
            case .badKey(let key):
                "：「\(token)」中的键「\(key)」写法不对，应为英文字母开头、用「.」连接的两段或多段，例如 documents.issued。"
            case .unknownStyle(let style):
                "：" + ChineseNumberStyle.unknownStyleMessage(style)
            case .unknownVariable:
                "：未知的变量「\(token)」，\(ReportTemplate.variablesHint)。"
            case .styledVariable:
                "：变量「\(token)」不能带格式。"
            }
        }
    }

    static func parsePlaceholder(_ inner: String) -> Result<Segment, PlaceholderFailure> {
        for prefix in ["截至:", "截至："] where inner.hasPrefix(prefix) {
            let key = inner.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
            if key.isEmpty { return .failure(PlaceholderFailure(kind: .emptyKey)) }
            guard isValidKey(key) else { return .failure(PlaceholderFailure(kind: .badKey(key))) }
            return .success(.cutOffDate(key: key))
        }
        var name = inner
        var styleToken: String?
        if let bar = inner.firstIndex(where: { $0 == "|" || $0 == "｜" }) {
            name = inner[..<bar].trimmingCharacters(in: .whitespaces)
            styleToken = inner[inner.index(after: bar)...].trimmingCharacters(in: .whitespaces)
        }
        if name.isEmpty { return .failure(PlaceholderFailure(kind: .emptyKey)) }
        if !name.contains(".") && name.allSatisfy({ $0.isASCII && $0.isLetter }) {
            guard let variable = ReportVariable(rawValue: name) else {
                return .failure(PlaceholderFailure(kind: .unknownVariable))
            }
            if styleToken != nil { return .failure(PlaceholderFailure(kind: .styledVariable)) }
            return .success(.variable(variable))
        }
        guard isValidKey(name) else { return .failure(PlaceholderFailure(kind: .badKey(name))) }
        guard let styleToken else { return .success(.figure(key: name, style: .exact)) }
        guard !styleToken.isEmpty, let style = ChineseNumberStyle(token: styleToken) else {
            return .failure(PlaceholderFailure(kind: .unknownStyle(styleToken)))
        }
        return .success(.figure(key: name, style: style))
    }

    /// `[a-zA-Z][a-zA-Z0-9]*(\.[a-zA-Z][a-zA-Z0-9]*)+`: the catalogue's key syntax.
    public static func isValidKey(_ key: String) -> Bool {
        let parts = key.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2 else { return false }
        return parts.allSatisfy { part in
            guard let first = part.unicodeScalars.first, first.isASCIILetter else { return false }
            return part.unicodeScalars.allSatisfy { $0.isASCIILetter || ("0"..."9").contains($0) }
        }
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}

/// One figure as rendered: its key (for the link to the catalogue), what the report says, and why it is
/// not a plain value when it is not.
public struct RenderedFigure: Sendable, Hashable {
    public enum Role: String, Sendable, Hashable, Codable {
        /// The figure's value: "90余".
        case value
        /// The figure's cut-off date: "2020年11月30日".
        case cutOffDate
    }

    public let key: String
    public let role: Role
    public let text: String
    /// nil when the figure was resolved and written; otherwise the reason, in Chinese.
    public let problem: String?

    public var isResolved: Bool { problem == nil }

    static func unresolved(key: String, role: Role) -> RenderedFigure {
        RenderedFigure(key: key, role: role, text: "【未取得：\(key)】", problem: "统计项「\(key)」没有取得数值。")
    }
}

/// A rendered template: the plain text, and the same text as segments the app turns into links.
public struct RenderedText: Sendable, Hashable {
    public enum Segment: Sendable, Hashable {
        case text(String)
        case figure(RenderedFigure)
    }

    public let segments: [Segment]

    public var plainText: String {
        segments.map { segment in
            switch segment {
            case .text(let text): text
            case .figure(let figure): figure.text
            }
        }.joined()
    }

    /// The figures that could not be written, in order; a report with any of these is not ready to finalize.
    public var problems: [RenderedFigure] {
        segments.compactMap { segment in
            if case .figure(let figure) = segment, !figure.isResolved { return figure }
            return nil
        }
    }
}
