import Foundation
@testable import FazhiCore

/// The seed report and its figures (shared/seeds, shared/figures). In CI the shared folder sits next to the
/// repository (../shared from its root); tests that need it are skipped with a message when it is absent.
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

    static func sharedFile(_ relativePath: String) -> URL? {
        guard let root = repositoryRoot else { return nil }
        let url = root.deletingLastPathComponent().appendingPathComponent("shared/\(relativePath)")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    static let tsvPath = "figures/fenghuang-2020.tsv"
    static let seedPath = "seeds/000_4132fc12d559d735.txt"
    static var hasShared: Bool { sharedFile(tsvPath) != nil && sharedFile(seedPath) != nil }
    static let missingSharedMessage = "shared/ not found next to the repository (../shared/\(tsvPath)); skipped"

    /// The tsv's rows; rates (values with a decimal point) become numerator/denominator over 100.
    static func figureRows() throws -> [FigureRow] {
        guard let url = sharedFile(tsvPath) else { return [] }
        let text = try String(contentsOf: url, encoding: .utf8)
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
        guard let url = sharedFile(seedPath) else { return [] }
        return try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
    }
}
