import FazhiCore
import Fluent
import Foundation

/// A figure as the report uses it: computed by the statistics catalogue, or declared by the legal office for the
/// year; with its definition, cut-off date and (for computed figures) the records it counted.
struct ReportFigure: Sendable {
    enum Source: Sendable, Hashable {
        case computed
        case declared(source: String, enteredBy: String)
    }

    let key: String
    let label: String
    let definition: String
    let unit: String
    let kind: StatisticDefinition.Kind
    let value: StatisticValue
    let cutoff: LocalDate
    let source: Source
    /// The records behind a computed figure, read when the trace page opens.
    let records: TraceLoader

    var isDeclared: Bool { if case .declared = source { true } else { false } }
}

/// Resolves a report's figure keys: the catalogue first (a declared figure never overrides a computed one), then
/// the year's declarations. Each key is computed once per call, through its own cut-off date.
enum ReportFigures {
    static func resolve(_ keys: Set<String>, year: Int, cutoffs: [String: LocalDate], on db: any Database) async throws -> [String: ReportFigure] {
        let declared = try await DeclaredFigureModel.query(on: db).filter(\.$year == year).all()
            .reduce(into: [String: DeclaredFigureModel]()) { $0[$1.key] = $1 }
        var resolved: [String: ReportFigure] = [:]
        let computed = keys.sorted().compactMap { key in StatisticsCatalogue.entry(key).map { ($0, StatisticPeriod(year: year, through: cutoffs[key])) } }
        for (entry, result) in try await StatisticsCatalogue.computeAll(computed, on: db) {
            let d = entry.definition
            resolved[d.key] = ReportFigure(key: d.key, label: d.label, definition: d.definition, unit: d.unit, kind: d.kind, value: result.value,
                                           cutoff: StatisticPeriod(year: year, through: cutoffs[d.key]).through, source: .computed, records: result.records)
        }
        for key in keys.sorted() where resolved[key] == nil {
            if let model = declared[key], let figure = model.figure {
                resolved[key] = ReportFigure(key: key, label: figure.label, definition: "申报数字：\(figure.source)", unit: figure.unit, kind: figure.kind,
                                               value: figure.value, cutoff: figure.asOf, source: .declared(source: figure.source, enteredBy: model.enteredBy),
                                               records: .none)
            }
        }
        return resolved
    }

    /// Every key a report may use for a year: the catalogue's and the year's declarations, with labels (for the
    /// editor's list of figures).
    static func available(year: Int, on db: any Database) async throws -> [(key: String, label: String, declared: Bool)] {
        let computed = StatisticsCatalogue.entries.map { (key: $0.definition.key, label: $0.definition.label, declared: false) }
        let declared = try await DeclaredFigureModel.query(on: db).filter(\.$year == year).sort(\.$key).all()
            .map { (key: $0.key, label: $0.label, declared: true) }
        return computed + declared
    }

    static var computedKeys: Set<String> { Set(StatisticsCatalogue.entries.map(\.definition.key)) }
}
