import Crypto
import Foundation

/// Where a figure's value came from (docs/ARCHITECTURE.md "Statistics catalogue"): computed from the
/// modules' records, or declared by the legal office for figures no module tracks. The report marks them apart.
public enum FigureSource: String, Sendable, Hashable, Codable, CaseIterable {
    case computed
    case declared

    public var label: String {
        switch self {
        case .computed: "系统统计"
        case .declared: "人工填报"
        }
    }
}

/// The frozen content of a finalized report: every section's template and the text it rendered to, and
/// every figure it used with its exact value, so the published report can be reproduced and checked
/// without the records that produced it. `sha256Hex` over the canonical JSON seals it.
public struct ReportSnapshot: Sendable, Hashable, Codable {
    public struct Section: Sendable, Hashable, Codable {
        public var key: ReportSectionKey
        /// The heading as printed, with its number: "（二）健全合法性审查工作机制…"; nil when none.
        public var heading: String?
        /// The heading's template (its words without the number), nil when none.
        public var headingTemplate: String?
        /// The rendered text, paragraphs separated by "\n".
        public var text: String
        /// The template text the section was rendered from.
        public var template: String

        public init(key: ReportSectionKey, heading: String?, headingTemplate: String?, text: String, template: String) {
            self.key = key
            self.heading = heading
            self.headingTemplate = headingTemplate
            self.text = text
            self.template = template
        }
    }

    public struct Figure: Sendable, Hashable, Codable {
        public var key: String
        public var label: String
        /// As the report printed it (its first use): "90余", "98%".
        public var display: String
        public var numerator: Int
        /// Set for rates: numerator / denominator.
        public var denominator: Int?
        public var asOf: LocalDate
        public var source: FigureSource

        public init(key: String, label: String, display: String, numerator: Int, denominator: Int?,
                    asOf: LocalDate, source: FigureSource) {
            self.key = key
            self.label = label
            self.display = display
            self.numerator = numerator
            self.denominator = denominator
            self.asOf = asOf
            self.source = source
        }

        public var value: StatisticValue {
            denominator.map { StatisticValue(numerator: numerator, denominator: $0) } ?? StatisticValue(count: numerator)
        }
    }

    /// Bumped whenever the canonical form changes, so an old hash is never compared with a new form.
    public static let formatVersion = "fazhi-report-snapshot-v1"

    public var year: Int
    public var region: String
    public var title: String
    public var signatories: [String]
    public var date: LocalDate?
    /// In report order.
    public var sections: [Section]
    /// Sorted by key.
    public var figures: [Figure]

    public init(year: Int, region: String, title: String, signatories: [String], date: LocalDate?,
                sections: [Section], figures: [Figure]) {
        self.year = year
        self.region = region
        self.title = title
        self.signatories = signatories
        self.date = date
        self.sections = sections.sorted { $0.key < $1.key }
        self.figures = figures.sorted { $0.key < $1.key }
    }

    /// Freezes `draft` with the figures `resolve` gives now. Refuses (under each section's field, as
    /// `ReportDraftText.problems`) a draft whose templates do not parse or whose figures are not all
    /// resolved and writable: a finalized report never contains 【未取得：…】.
    public static func freeze(_ draft: ReportDraftText, resolve: (String) -> ResolvedFigure?) throws(FieldErrors) -> ReportSnapshot {
        let report = try draft.render(resolve: resolve)
        var errors = FieldErrors()
        for block in report.blocks {
            for problem in block.content.problems {
                errors.add(block.section?.rawValue ?? "title", problem.problem ?? "")
            }
        }
        if !errors.isEmpty { throw errors }

        // Each key once: the display is the value as first printed (a key seen only in 截至 shows its value plainly).
        var usedKeys: [String] = []
        var displays: [String: String] = [:]
        var headings: [ReportSectionKey: String] = [:]
        var paragraphs: [ReportSectionKey: [String]] = [:]
        for block in report.blocks {
            for case .figure(let rendered) in block.content.segments {
                if !usedKeys.contains(rendered.key) { usedKeys.append(rendered.key) }
                if rendered.role == .value, displays[rendered.key] == nil { displays[rendered.key] = rendered.text }
            }
            guard let key = block.section else { continue }
            switch block.kind {
            case .sectionHeading: headings[key] = block.text
            case .paragraph, .subheading: paragraphs[key, default: []].append(block.text)
            case .title, .partHeading, .signatory, .date: break
            }
        }
        let figures = usedKeys.compactMap { key -> Figure? in
            guard let resolved = resolve(key) else { return nil }
            return Figure(key: key, label: resolved.label, display: displays[key] ?? resolved.value.display,
                          numerator: resolved.value.numerator, denominator: resolved.value.denominator,
                          asOf: resolved.asOf, source: resolved.source)
        }
        let sections = draft.sections.filter { !$0.isEmpty }.map { section in
            Section(key: section.key, heading: headings[section.key], headingTemplate: section.heading,
                    text: (paragraphs[section.key] ?? []).joined(separator: "\n"), template: section.text)
        }
        return ReportSnapshot(year: draft.year, region: draft.region, title: report.blocks.first?.text ?? draft.title,
                              signatories: draft.signatories, date: draft.date, sections: sections,
                              figures: figures)
    }

    // MARK: Canonical form and hash

    /// UTF-8 JSON with object keys sorted, no insignificant whitespace, absent values as null, and only
    /// the escapes JSON requires (RFC 8785's string form): written here, not by JSONEncoder, so the bytes
    /// — and the hash — do not depend on the platform's encoder. Decodes with `init(canonicalJSON:)`.
    public var canonicalJSON: Data {
        var out = ""
        Self.value(canonicalValue, into: &out)
        return Data(out.utf8)
    }

    /// SHA-256 of `canonicalJSON`, lowercase hex.
    public var sha256Hex: String {
        SHA256.hash(data: canonicalJSON).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Reads a snapshot stored as canonical JSON (or any JSON of the same shape).
    public init(canonicalJSON data: Data) throws {
        self = try JSONDecoder().decode(ReportSnapshot.self, from: data)
    }

    indirect enum JSONValue {
        case string(String)
        case int(Int)
        case null
        case array([JSONValue])
        case object([String: JSONValue])
    }

    private var canonicalValue: JSONValue {
        func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
        return .object([
            "format": .string(Self.formatVersion),
            "year": .int(year),
            "region": .string(region),
            "title": .string(title),
            "signatories": .array(signatories.map(JSONValue.string)),
            "date": optional(date?.description),
            // Sorted again here: the arrays are mutable, and equal content must give equal bytes.
            "sections": .array(sections.sorted { $0.key < $1.key }.map { section in
                .object([
                    "key": .string(section.key.rawValue),
                    "heading": optional(section.heading),
                    "headingTemplate": optional(section.headingTemplate),
                    "text": .string(section.text),
                    "template": .string(section.template),
                ])
            }),
            "figures": .array(figures.sorted { $0.key < $1.key }.map { figure in
                .object([
                    "key": .string(figure.key),
                    "label": .string(figure.label),
                    "display": .string(figure.display),
                    "numerator": .int(figure.numerator),
                    "denominator": figure.denominator.map(JSONValue.int) ?? .null,
                    "asOf": .string(figure.asOf.description),
                    "source": .string(figure.source.rawValue),
                ])
            }),
        ])
    }

    private static func value(_ value: JSONValue, into out: inout String) {
        switch value {
        case .string(let text): string(text, into: &out)
        case .int(let number): out += String(number)
        case .null: out += "null"
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                Self.value(item, into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            // Keys are ASCII here, so code-unit order is RFC 8785's order.
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { out += "," }
                string(key, into: &out)
                out += ":"
                Self.value(members[key]!, into: &out)
            }
            out += "}"
        }
    }

    private static func string(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    enum CodingKeys: String, CodingKey {
        case format, year, region, title, signatories, date, sections, figures
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let format = try container.decode(String.self, forKey: .format)
        guard format == Self.formatVersion else {
            throw DecodingError.dataCorruptedError(forKey: .format, in: container, debugDescription: "不认识的快照格式：\(format)")
        }
        self.init(year: try container.decode(Int.self, forKey: .year),
                  region: try container.decode(String.self, forKey: .region),
                  title: try container.decode(String.self, forKey: .title),
                  signatories: try container.decode([String].self, forKey: .signatories),
                  date: try container.decodeIfPresent(LocalDate.self, forKey: .date),
                  sections: try container.decode([Section].self, forKey: .sections),
                  figures: try container.decode([Figure].self, forKey: .figures))
    }

    /// The same members as the canonical form (use `canonicalJSON` for the sealed bytes).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.formatVersion, forKey: .format)
        try container.encode(year, forKey: .year)
        try container.encode(region, forKey: .region)
        try container.encode(title, forKey: .title)
        try container.encode(signatories, forKey: .signatories)
        try container.encode(date, forKey: .date)
        try container.encode(sections, forKey: .sections)
        try container.encode(figures, forKey: .figures)
    }
}
