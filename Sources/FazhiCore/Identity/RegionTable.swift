import Foundation

/// One division of a county in a region table: the county itself, a township (乡镇), or a village-level
/// unit (村 or 社区).
public struct RegionEntry: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case county
        case township
        case village
        case community

        public var chinese: String {
            switch self {
            case .county: return "县"
            case .township: return "乡镇"
            case .village: return "村"
            case .community: return "社区"
            }
        }

        /// The code level a division of this kind has.
        public var level: RegionCode.Level {
            switch self {
            case .county: return .county
            case .township: return .township
            case .village, .community: return .village
            }
        }
    }

    /// The 12-digit statistics code.
    public let code: RegionCode
    public let name: String
    public let kind: Kind
    /// Nil only for the county.
    public let parentCode: RegionCode?

    public init(code: RegionCode, name: String, kind: Kind, parentCode: RegionCode?) {
        self.code = code
        self.name = name
        self.kind = kind
        self.parentCode = parentCode
    }
}

/// Reads region tables: UTF-8 text, one division a line, `code<TAB>name<TAB>kind<TAB>parentCode`,
/// `#` comment lines and blank lines ignored, parents before their children.
public enum RegionTable {
    /// A line the table refused, named by its 1-based line number.
    public struct LineProblem: Error, Hashable, Sendable, CustomStringConvertible {
        public let line: Int
        public let message: String
        public var description: String { "第\(line)行：\(message)" }
    }

    /// Every problem in the table, so a bad file is corrected in one pass rather than one line at a time.
    public struct Problems: Error, Hashable, Sendable, CustomStringConvertible {
        public let lines: [LineProblem]
        public var description: String { lines.map(\.description).joined(separator: "\n") }
    }

    /// Parses a whole table: either every line is valid and the entries come back in file order, or
    /// nothing does and every bad line is named.
    public static func parse(_ text: String) -> Result<[RegionEntry], Problems> {
        var entries: [RegionEntry] = []
        var problems: [LineProblem] = []
        var byCode: [RegionCode: RegionEntry] = [:]
        var namesUnderParent: Set<[String]> = []
        var lineNumber = 0
        // Split on Character.isNewline: "\r\n" is one Character in Swift, so splitting on "\n" would miss it.
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            var line = rawLine
            if lineNumber == 1, line.first == "\u{FEFF}" { line = line.dropFirst() }
            if line.allSatisfy(\.isWhitespace) || line.first == "#" { continue }
            func refuse(_ message: String) { problems.append(LineProblem(line: lineNumber, message: message)) }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4 else {
                refuse("应有4列（代码、名称、级别、上级代码），现有\(fields.count)列。")
                continue
            }
            guard fields[0].utf8.count == 12, let code = RegionCode(fields[0]) else {
                refuse("代码“\(fields[0].prefix(20))”不是有效的12位统计用区划代码。")
                continue
            }
            let name = fields[1]
            guard !name.isEmpty, !name.contains(where: \.isWhitespace) else {
                refuse("名称不能为空，也不能含有空白字符。")
                continue
            }
            guard let kind = RegionEntry.Kind(rawValue: fields[2]) else {
                refuse("级别“\(fields[2].prefix(20))”不是county、township、village或community之一。")
                continue
            }
            guard code.level == kind.level else {
                refuse("代码\(code)是\(code.level.chinese)代码，与级别“\(kind.chinese)”不符。")
                continue
            }
            if kind == .village || kind == .community {
                // 国家统计局统计用区划代码编制规则: 001–199 居民委员会, 200–399 村民委员会.
                let isCommunityCode = code.isResidentsCommittee == true
                guard isCommunityCode == (kind == .community) else {
                    refuse(kind == .community ? "社区的代码末三位应在001至199之间。" : "村的代码末三位应在200至399之间。")
                    continue
                }
            }
            var parentCode: RegionCode?
            if kind == .county {
                guard fields[3].isEmpty else {
                    refuse("县级行不应有上级代码。")
                    continue
                }
            } else {
                guard let parent = RegionCode(fields[3]), let parentEntry = byCode[parent] else {
                    refuse("上级代码“\(fields[3].prefix(20))”不是本表中已出现的区划。")
                    continue
                }
                let expectedParentKind: RegionEntry.Kind = kind == .township ? .county : .township
                guard parentEntry.kind == expectedParentKind, parent.contains(code), code.parent == parent else {
                    refuse("代码\(code)不属于上级\(parent)（\(parentEntry.name)）。")
                    continue
                }
                parentCode = parent
            }
            guard byCode[code] == nil else {
                refuse("代码\(code)重复。")
                continue
            }
            guard namesUnderParent.insert([parentCode?.value ?? "", name]).inserted else {
                refuse("同一上级下名称“\(name)”重复。")
                continue
            }
            let entry = RegionEntry(code: code, name: name, kind: kind, parentCode: parentCode)
            byCode[code] = entry
            entries.append(entry)
        }
        return problems.isEmpty ? .success(entries) : .failure(Problems(lines: problems))
    }

    /// The demo county's table shipped with FazhiCore (凤凰县, 433123, as in 2020).
    public static var fenghuangDemoURL: URL? {
        Bundle.module.url(forResource: "regions-fenghuang", withExtension: "tsv", subdirectory: "Resources/demo")
    }

    /// Loads and parses the demo county's table.
    public static func fenghuangDemo() throws -> [RegionEntry] {
        guard let url = fenghuangDemoURL else { throw CocoaError(.fileNoSuchFile) }
        let text = try String(contentsOf: url, encoding: .utf8)
        return try parse(text).get()
    }
}
