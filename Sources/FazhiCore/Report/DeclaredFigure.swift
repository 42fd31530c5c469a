import Foundation

/// A figure no module tracks (comments on a higher level's draft laws, 证照分离 items, joint enforcement actions…),
/// declared for a year by the legal office with its source (docs/ARCHITECTURE.md "Statistics catalogue"). The report
/// marks it apart from computed figures, and it never overrides one: a key the catalogue computes cannot be
/// declared.
public struct DeclaredFigure: Sendable, Hashable {
    public let year: Int
    public let key: String
    public let label: String
    public let kind: StatisticDefinition.Kind
    public let value: StatisticValue
    public let unit: String
    public let source: String
    public let asOf: LocalDate

    public init(year: Int, key: String, label: String, kind: StatisticDefinition.Kind, value: StatisticValue, unit: String,
                source: String, asOf: LocalDate) {
        self.year = year
        self.key = key
        self.label = label
        self.kind = kind
        self.value = value
        self.unit = unit
        self.source = source
        self.asOf = asOf
    }

    /// Keys look like the catalogue's: dot-separated identifiers, at least two parts (`publicity.lectures`).
    public static func isValidKey(_ key: String) -> Bool {
        let parts = key.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, key.count <= 80 else { return false }
        return parts.allSatisfy { part in
            guard let first = part.first, first.isASCII, first.isLetter else { return false }
            return part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
    }

    /// "98", "95.6", "95.65%" as an exact fraction of 100 (98/100, 956/1000, 9565/10000); nil when not a
    /// percentage between 0 and 100 with at most two decimals.
    static func percentage(_ raw: String) -> StatisticValue? {
        let text = raw.hasSuffix("%") || raw.hasSuffix("％") ? String(raw.dropLast()) : raw
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let wholeText = parts.first, !wholeText.isEmpty, wholeText.count <= 3, (parts.count == 1 || !parts[1].isEmpty),
              text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) else { return nil }
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        guard fraction.count <= 2, let whole = Int(wholeText), let decimals = fraction.isEmpty ? 0 : Int(fraction) else { return nil }
        let scale = [1, 10, 100][fraction.count]
        let numerator = whole * scale + decimals
        guard numerator <= 100 * scale else { return nil }
        return StatisticValue(numerator: numerator, denominator: 100 * scale)
    }

    /// Validates the form. `computedKeys` are the catalogue's keys; `year` is the report year the figure is for.
    /// A count is a whole number of 0 or more; a rate is entered as a percentage (98, 95.6 or 95.6%) between 0 and 100.
    public static func validate(year: Int, key rawKey: String?, label rawLabel: String?, kind rawKind: String?, value rawValue: String?,
                                unit rawUnit: String?, source rawSource: String?, asOf rawAsOf: String?,
                                computedKeys: Set<String>) -> Result<DeclaredFigure, FieldErrors> {
        var errors = FieldErrors()
        let key = (rawKey ?? "").trimmingCharacters(in: .whitespaces)
        if key.isEmpty {
            errors.add("key", "请填写「指标代码」。")
        } else if !isValidKey(key) {
            errors.add("key", "「指标代码」应为以点分隔的英文标识，如 publicity.lectures（字母开头，只含字母和数字）。")
        } else if computedKeys.contains(key) {
            errors.add("key", "「\(key)」由系统根据业务记录计算，不能申报；申报数字不能覆盖计算数字。")
        }
        let label = TextRule(label: "指标名称", maxLength: 60).clean(rawLabel, field: "label", into: &errors)
        let kind = StatisticDefinition.Kind(rawValue: rawKind ?? "")
        if kind == nil { errors.add("kind", "请选择「类型」：数量或比率。") }
        var value: StatisticValue?
        let text = (rawValue ?? "").trimmingCharacters(in: .whitespaces)
        switch kind {
        case .count?:
            if let number = Int(text), number >= 0, number <= 1_000_000_000, text.allSatisfy(\.isASCII) {
                value = StatisticValue(count: number)
            } else {
                errors.add("value", text.isEmpty ? "请填写「数值」。" : "「数值」应为 0 到 1000000000 之间的整数。")
            }
        case .rate?:
            if let percent = Self.percentage(text) {
                value = percent
            } else {
                errors.add("value", text.isEmpty ? "请填写「数值」。" : "比率请填 0 到 100 之间的百分数，最多两位小数，如 98、95.6 或 95.6%。")
            }
        case nil:
            break
        }
        let unit = TextRule(label: "单位", maxLength: 10).clean(rawUnit, field: "unit", into: &errors)
        let source = TextRule(label: "数据来源", maxLength: 200, multiline: true).clean(rawSource, field: "source", into: &errors)
        let asOf = DateRule(label: "截至日期").clean(rawAsOf, field: "asOf", into: &errors)
        if let asOf, asOf.year != year {
            errors.add("asOf", "「截至日期」应在 \(year) 年内。")
        }
        guard errors.isEmpty, let label, let kind, let value, let unit, let source, let asOf else { return .failure(errors) }
        return .success(DeclaredFigure(year: year, key: key, label: label, kind: kind, value: value, unit: unit, source: source, asOf: asOf))
    }
}

/// A year's declared figures from a sheet (CSV or XLSX) with the columns the export writes: 指标代码, 指标名称,
/// 数值, 单位, 截至日期, 数据来源 (录入人 and anything else ignored). A unit of "%" makes the figure a rate.
/// Validated whole, like every import (docs/ARCHITECTURE.md "Import/export"): one bad cell and nothing lands, each
/// problem named by row and column.
public enum DeclaredFigureImport {
    public static let columns = ["指标代码", "指标名称", "数值", "单位", "截至日期", "数据来源"]

    /// Every problem of the file, each naming its row and column.
    public struct Problems: Error, Sendable, Hashable {
        public let messages: [String]
    }

    public static func validate(_ table: SheetTable, year: Int, computedKeys: Set<String>) -> Result<[DeclaredFigure], Problems> {
        var problems: [String] = []
        let indexes = columns.map { table.columnIndex($0) }
        let missing = zip(columns, indexes).filter { $0.1 == nil }.map(\.0)
        guard missing.isEmpty else {
            return .failure(Problems(messages: ["表头缺少以下列：" + missing.map { "「\($0)」" }.joined(separator: "、") + "。第一行应为：" + columns.joined(separator: "、") + "。"]))
        }
        guard !table.rows.isEmpty else { return .failure(Problems(messages: ["文件中没有数据行。"])) }
        guard table.rows.count <= 1_000 else { return .failure(Problems(messages: ["一次最多导入 1000 个数字，文件中有 \(table.rows.count) 行。"])) }
        let fields = ["key", "label", "value", "unit", "asOf", "source"]
        var figures: [DeclaredFigure] = []
        var seen: [String: Int] = [:]
        for row in table.rows.indices {
            let cell = { (column: Int) in table[row: row, column: indexes[column]!] }
            let unit = cell(3).trimmingCharacters(in: .whitespaces)
            switch DeclaredFigure.validate(year: year, key: cell(0), label: cell(1), kind: unit == "%" || unit == "％" ? "rate" : "count",
                                           value: cell(2), unit: unit, source: cell(5), asOf: cell(4), computedKeys: computedKeys) {
            case .success(let figure):
                if let first = seen[figure.key] {
                    problems.append("\(table.location(row: row, column: indexes[0]!))：指标代码「\(figure.key)」与第 \(first) 行重复。")
                } else {
                    seen[figure.key] = table.rowNumbers[row]
                    figures.append(figure)
                }
            case .failure(let errors):
                for entry in errors.entries {
                    let column = fields.firstIndex(of: entry.field).map { indexes[$0]! } ?? indexes[0]!
                    problems.append("\(table.location(row: row, column: column))：\(entry.message)")
                }
            }
        }
        return problems.isEmpty ? .success(figures) : .failure(Problems(messages: problems))
    }
}
