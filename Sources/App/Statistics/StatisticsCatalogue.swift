import FazhiCore
import Fluent
import Foundation
import Vapor

/// A record a figure counted, so a leader can check any number (the figure trace page shows these).
struct TracedRecord: Sendable, Hashable {
    let id: UUID
    let label: String
    let path: String
}

struct StatisticResult: Sendable {
    let value: StatisticValue
    let records: [TracedRecord]
}

/// One catalogue entry: the definition and the one query that computes it.
struct CatalogueEntry: Sendable {
    let definition: StatisticDefinition
    let compute: @Sendable (StatisticPeriod, any Database) async throws -> StatisticResult
}

/// The statistics catalogue (docs/ARCHITECTURE.md): every figure the reports, dashboards and API show comes from
/// here. Each module adds its entries; nothing counts twice in two places.
enum StatisticsCatalogue {
    static var entries: [CatalogueEntry] {
        ModuleRegistry.statistics
    }

    static func entry(_ key: String) -> CatalogueEntry? { entries.first { $0.definition.key == key } }

    /// Every figure for a year, each counted through its own cut-off (default 31 December).
    static func compute(year: Int, cutoffs: [String: LocalDate] = [:], on db: any Database) async throws -> [(CatalogueEntry, StatisticResult)] {
        var results: [(CatalogueEntry, StatisticResult)] = []
        for entry in entries {
            let period = StatisticPeriod(year: year, through: cutoffs[entry.definition.key])
            results.append((entry, try await entry.compute(period, db)))
        }
        return results
    }

    /// `{"year":2020,"region":"凤凰县","figures":{key: value},"declared":{key: value}}` — what `fazhi report --format json` and
    /// /api/v1/statistics return. Counts are integers; rates are rounded to two decimals; a rate over
    /// nothing is null.
    static func json(year: Int, on db: any Database) async throws -> Data {
        let region = try await RegionModel.query(on: db).filter(\.$level == RegionLevel.county.rawValue).first()?.name ?? ""
        var figures: [String: Any] = [:]
        for (entry, result) in try await compute(year: year, on: db) {
            switch (entry.definition.kind, result.value.number) {
            case (.count, _): figures[entry.definition.key] = result.value.numerator
            case (.rate, let number?): figures[entry.definition.key] = number
            case (.rate, nil): figures[entry.definition.key] = NSNull()
            }
        }
        // Declared figures (no module computes them) are kept apart, never mixed into `figures`.
        var declared: [String: Any] = [:]
        for model in try await DeclaredFigureModel.query(on: db).filter(\.$year == year).all() {
            guard let figure = model.figure else { continue }
            declared[figure.key] = figure.kind == .count ? figure.value.numerator : (figure.value.number.map { $0 as Any } ?? NSNull())
        }
        var object: [String: Any] = ["year": year, "region": region, "figures": figures]
        if !declared.isEmpty { object["declared"] = declared }
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
    }
}
