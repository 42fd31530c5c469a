import Foundation

/// Every statutory rule of every module, in module order. The app builds it from its module list; the CLI
/// (`fazhi rules`, `fazhi deadline --rule`), the deadline calculator page and docs/RULES.md read it.
public struct RuleCatalogue: Sendable {
    public let rules: [StatutoryRule]

    public init(_ rules: [StatutoryRule]) {
        self.rules = rules
    }

    /// The distinct ids, in catalogue order.
    public var ids: [String] {
        var seen = Set<String>()
        return rules.compactMap { seen.insert($0.id).inserted ? $0.id : nil }
    }

    /// Every version of a rule.
    public func versions(of id: String) -> [StatutoryRule] { rules.filter { $0.id == id } }

    /// The version of `id` that applies to a matter starting on `date`, or the one of `lawVersion` when named.
    public func rule(_ id: String, on date: LocalDate, lawVersion: String? = nil) throws -> StatutoryRule {
        let versions = versions(of: id)
        guard !versions.isEmpty else { throw RuleError.unknownRule(id, known: ids) }
        if let lawVersion {
            guard let match = versions.first(where: { $0.lawVersion == lawVersion }) else {
                throw RuleError.unknownLawVersion(id, lawVersion, known: versions.compactMap(\.lawVersion))
            }
            return match
        }
        guard let match = versions.first(where: { $0.isInForce(on: date) }) else { throw RuleError.noVersion(id, date) }
        return match
    }

    /// Ids that appear twice with overlapping dates of force, or that are not `module.rule` in lowerCamelCase:
    /// a catalogue with any of these is a programming error (a test checks the app's).
    public var problems: [String] {
        var problems: [String] = []
        for id in ids {
            let parts = id.split(separator: ".", omittingEmptySubsequences: false)
            let wellFormed = parts.count == 2 && parts.allSatisfy { part in
                guard let first = part.first, first.isASCII, first.isLowercase else { return false }
                return part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
            }
            if !wellFormed { problems.append("\(id): not module.rule in lowerCamelCase") }
            let versions = versions(of: id)
            for (i, a) in versions.enumerated() {
                for b in versions[(i + 1)...] where Self.overlap(a, b) {
                    problems.append("\(id): versions \(a.lawVersion ?? "-") and \(b.lawVersion ?? "-") overlap")
                }
            }
        }
        return problems
    }

    static func overlap(_ a: StatutoryRule, _ b: StatutoryRule) -> Bool {
        let aFrom = a.inForceFrom?.dayNumber ?? Int.min, aTo = a.inForceUntil?.dayNumber ?? Int.max
        let bFrom = b.inForceFrom?.dayNumber ?? Int.min, bTo = b.inForceUntil?.dayNumber ?? Int.max
        return aFrom <= bTo && bFrom <= aTo
    }

    // MARK: - Output

    /// `fazhi rules`: one line a rule — id, period, unit, start event, source.
    public var plainText: String {
        rules.map { rule in
            var line = "\(rule.id)\t\(rule.length.label)\(rule.extensionLength.map { "（可延长\($0.label)）" } ?? "")\t\(rule.length.unitName)\t"
                + "自\(rule.startEvent)\t\(rule.source.citation)"
            if let version = rule.lawVersion { line += "\t\(version)年版" }
            if rule.settingField != nil { line += "\t可设置" }
            return line
        }.joined(separator: "\n")
    }

    /// `fazhi rules --format json`: an array of rules with every field.
    public func json() throws -> Data {
        let objects: [[String: Any]] = rules.map { rule in
            var object: [String: Any] = [
                "id": rule.id, "title": rule.title, "unit": rule.length.unitName, "period": rule.length.label,
                "counting": rule.counting.rawValue, "bound": rule.bound.rawValue, "from": rule.startEvent,
                "source": ["statute": rule.source.statute, "article": rule.source.article, "summary": rule.source.summary],
                "configurable": rule.settingField != nil, "verify": rule.needsVerification,
            ]
            if let number = rule.length.number { object["length"] = number }
            if case .before(let month, let day) = rule.length { object["before"] = ["month": month, "day": day] }
            if let ext = rule.extensionLength { object["extension"] = ["period": ext.label, "length": ext.number as Any, "unit": ext.unitName] }
            if let setting = rule.settingField { object["setting"] = setting }
            if let from = rule.inForceFrom { object["inForceFrom"] = from.description }
            if let until = rule.inForceUntil { object["inForceUntil"] = until.description }
            if let version = rule.lawVersion { object["lawVersion"] = version }
            return object
        }
        return try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys])
    }

    /// docs/RULES.md: how periods are counted, then one table a module.
    public var markdown: String {
        var lines = [
            "# Statutory rules",
            "",
            "Generated by `fazhi rules --format markdown` from the rule catalogue (each module's `StatutoryRule` list in",
            "`Sources/FazhiCore/<Module>/`). Do not edit by hand: a test fails when this file differs from the catalogue.",
            "`fazhi deadline --rule ID --from YYYY-MM-DD [--pause FROM..TO]... [--extended] [--law-version V]` computes any of them.",
            "",
            "## How a period is counted",
            "",
            "- **statutory** — " + RuleCounting.statutory.label + ". The day of the event is not counted (民事诉讼法 2023 art. 85,",
            "  applied by 行政诉讼法 art. 101 and 行政复议法 art. 88(1); 民法典 art. 201). A period of N days ends N calendar days later;",
            "  rest days inside it are not deducted; if the last day is a statutory rest day (a weekend that is not a make-up working",
            "  day, or a day of a public holiday) the period ends on the next working day (民事诉讼法 art. 85; 民法典 art. 203).",
            "  N working days are counted on the legal calendar, a make-up working day counting and a weekday inside a holiday not",
            "  (行政复议法 2023 art. 88(2); 行政处罚法 2021 art. 85; 行政许可法 art. 82). Months and years end on the corresponding day,",
            "  or on the month's last day when there is none (民法典 art. 202). Paused days (中止, waiting for materials) are not",
            "  counted and are added back.",
            "- **noRollOver** — " + RuleCounting.noRollOver.label + ": an earliest date, which harms nobody on a rest day.",
            "- **termIncludingStart** — " + RuleCounting.termIncludingStart.label + ": a term in force counts its first day",
            "  (有效期5年 from 2020-06-01 ends 2025-05-31; from 29 February it ends 28 February).",
            "- **beforeEvent** — " + RuleCounting.beforeEvent.label + ": a \"no later than N before\" date; no roll-over, which would",
            "  shorten the time the rule guarantees.",
            "- An extension (延长) is counted from the end of the ordinary period, the same way.",
            "- The legal calendar holds each year's State Council holiday notice; a year it lacks is an error, never a guess.",
            "",
            "\"Configurable\" rules are settings the legal office may change on the module's rules page (the statute's or the",
            "province's value is the default); \"verify\" marks a figure or article to check against the current provincial text.",
        ]
        var modules: [String] = []
        for rule in rules where !modules.contains(rule.module) { modules.append(rule.module) }
        for module in modules {
            lines += ["", "## \(module)", "", "| id | rule | period | counting | from | source | configurable |", "|---|---|---|---|---|---|---|"]
            for rule in rules where rule.module == module {
                var period = rule.length.label
                if let ext = rule.extensionLength { period += "，可延长\(ext.label)" }
                var id = "`\(rule.id)`"
                if let version = rule.lawVersion {
                    id += " (\(version)"
                    if let from = rule.inForceFrom { id += ", from \(from)" }
                    if let until = rule.inForceUntil { id += ", until \(until)" }
                    id += ")"
                }
                let source = "\(rule.source.citation)：\(rule.source.summary)" + (rule.needsVerification ? " [verify]" : "")
                let setting = rule.settingField.map { "yes (`\($0)`)" } ?? "no"
                lines.append("| \(id) | \(rule.title) | \(period) | \(rule.counting.rawValue), \(rule.bound.label) | \(rule.startEvent) | \(source) | \(setting) |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
