import Foundation
@testable import FazhiCore

/// The demo county's 2020 report and the table of its figures, kept with the tests (Report/Fixtures): the text a
/// real county published, and every figure in it with its catalogue key — what the demo must reproduce.
enum ReportFixtures {
    struct FigureRow: Sendable {
        let key: String
        let value: StatisticValue
        /// "eq" or "gte" (the report says 余: more than the value).
        let match: String
        let asOf: LocalDate
        let label: String
    }

    /// The repository root: the first folder above this file that holds Package.swift (links resolved
    /// first, so a scratch package that links the tests in finds the real repository).
    static let repositoryRoot: URL? = {
        var url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
            url.deleteLastPathComponent()
        }
        return nil
    }()

    /// A file of Tests/FazhiCoreTests/Report/Fixtures.
    static func fixture(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
    }

    /// Columns: key, value (a rate as a decimal fraction), eq|gte (gte: the report says 余), as-of date, label.
    static let tsvURL = fixture("fenghuang-2020-figures.tsv")
    static let seedURL = fixture("fenghuang-2020-report.txt")

    /// The tsv's rows; rates (values with a decimal point) become numerator/denominator over 100.
    static func figureRows() throws -> [FigureRow] {
        let text = try String(contentsOf: tsvURL, encoding: .utf8)
        return text.split(separator: "\n").compactMap { line -> FigureRow? in
            guard !line.hasPrefix("#") else { return nil }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 5 else { return nil }
            let value: StatisticValue
            if fields[1].contains(".") {
                let percent = Int((Double(fields[1])! * 100).rounded())
                value = StatisticValue(numerator: percent, denominator: 100)
            } else {
                value = StatisticValue(count: Int(fields[1])!)
            }
            return FigureRow(key: fields[0], value: value, match: fields[2], asOf: LocalDate(iso: fields[3])!, label: fields[4])
        }
    }

    /// A resolver over the tsv. A `gte` row is fed value + 1, the least count its 余 wording truthfully
    /// describes (90余 means more than 90; exactly 90 is written 90).
    static func tsvResolver() throws -> @Sendable (String) -> ResolvedFigure? {
        var figures: [String: ResolvedFigure] = [:]
        for row in try figureRows() {
            let value = row.match == "gte" ? StatisticValue(count: row.value.numerator + 1) : row.value
            figures[row.key] = ResolvedFigure(value: value, asOf: row.asOf, label: row.label)
        }
        let frozen = figures
        return { frozen[$0] }
    }

    static func seedLines() throws -> [String] {
        try String(contentsOf: seedURL, encoding: .utf8).components(separatedBy: "\n")
    }
}
