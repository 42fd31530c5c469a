/// The statistics catalogue's vocabulary (docs/ARCHITECTURE.md "Statistics catalogue"): every figure has a stable
/// key (the catalogue keys), a Chinese label, a definition and one query (in the App) that computes it.
public struct StatisticDefinition: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A whole number of records (件, 人, 次).
        case count
        /// A ratio between 0 and 1, shown as a percentage.
        case rate
    }

    public let key: String
    public let label: String
    /// What is counted, over which records and period, in words a leader can check.
    public let definition: String
    public let unit: String
    public let kind: Kind

    public init(key: String, label: String, definition: String, unit: String, kind: Kind = .count) {
        self.key = key
        self.label = label
        self.definition = definition
        self.unit = unit
        self.kind = kind
    }
}

/// The period a figure covers: from the start of the year to the cut-off date (inclusive). The seed report
/// counts some figures to 30 November and others to 31 December.
public struct StatisticPeriod: Sendable, Hashable, Codable {
    public let year: Int
    public let from: LocalDate
    public let through: LocalDate

    public init(year: Int, through: LocalDate? = nil) {
        self.year = year
        self.from = LocalDate(year: year, month: 1, day: 1)!
        self.through = through ?? LocalDate(year: year, month: 12, day: 31)!
    }

    public func contains(_ date: LocalDate) -> Bool {
        from <= date && date <= through
    }
}

/// A computed figure: exact value plus the records it counted, for tracing.
public struct StatisticValue: Sendable, Hashable {
    /// For counts, an integer; for rates, numerator / denominator (nil when nothing was counted).
    public let numerator: Int
    public let denominator: Int?

    public init(count: Int) {
        numerator = count
        denominator = nil
    }

    public init(numerator: Int, denominator: Int) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// The value as the JSON output and reports give it: a count, or a rate rounded to two decimals
    /// (1330/1356 → 0.98). A rate over nothing is nil.
    public var number: Double? {
        guard let denominator else { return Double(numerator) }
        guard denominator > 0 else { return nil }
        return (Double(numerator) / Double(denominator) * 100).rounded() / 100
    }

    /// Chinese display: "43", "98%".
    public var display: String {
        guard denominator != nil else { return String(numerator) }
        return percent(digits: 0)
    }

    /// A rate as a percentage with `digits` decimals (0–2), rounded half up in integers (no floating point). A
    /// report must not overstate or deny a result: a rate short of all is never written 100% and a rate above
    /// nothing never 0% — near those bounds one more decimal is shown, floored or ceiled (1355/1356 → 99.9%,
    /// 1/1000 → 0.1%). A rate over nothing is "—".
    public func percent(digits: Int) -> String {
        guard let denominator, denominator > 0, numerator >= 0 else { return "—" }
        func text(_ scaled: Int, _ digits: Int) -> String {
            ChineseNumberStyle.decimal(scaled, scale: [1, 10, 100, 1000][digits]) + "%"
        }
        let scale = [1, 10, 100][min(max(digits, 0), 2)]
        let rounded = (2 * numerator * 100 * scale + denominator) / (2 * denominator)
        if rounded >= 100 * scale && numerator < denominator {
            let finer = scale * 10
            return text(numerator * 100 * finer / denominator, min(digits, 2) + 1)
        }
        if rounded == 0 && numerator > 0 {
            let finer = scale * 10
            return text((numerator * 100 * finer + denominator - 1) / denominator, min(digits, 2) + 1)
        }
        return text(rounded, min(max(digits, 0), 2))
    }
}
