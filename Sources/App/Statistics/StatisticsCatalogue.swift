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

/// A figure's value, and the records behind it, loaded only when someone opens them (the trace page): the
/// report, the dashboard and the API need only the aggregate.
struct StatisticResult: Sendable {
    let value: StatisticValue
    let records: TraceLoader

    init(value: StatisticValue, records: [TracedRecord]) {
        self.value = value
        self.records = TraceLoader { records }
    }

    init(value: StatisticValue, trace: @escaping @Sendable () async throws -> [TracedRecord]) {
        self.value = value
        self.records = TraceLoader(trace)
    }

    func loadRecords() async throws -> [TracedRecord] { try await records.load() }
}

struct TraceLoader: Sendable {
    private let loader: @Sendable () async throws -> [TracedRecord]
    init(_ loader: @escaping @Sendable () async throws -> [TracedRecord]) { self.loader = loader }
    func load() async throws -> [TracedRecord] { try await loader() }
    static let none = TraceLoader { [] }
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
        try await computeAll(entries.map { ($0, StatisticPeriod(year: year, through: cutoffs[$0.definition.key])) }, on: db)
    }

    /// Independent figures run concurrently (a few at a time, so one request never holds the whole pool); results
    /// keep the order asked for.
    static func computeAll(_ work: [(CatalogueEntry, StatisticPeriod)], on db: any Database, width: Int = 4) async throws -> [(CatalogueEntry, StatisticResult)] {
        var results = [StatisticResult?](repeating: nil, count: work.count)
        try await FigureMemo.$current.withValue(FigureMemo.current ?? FigureMemo()) {
          try await withThrowingTaskGroup(of: (Int, StatisticResult).self) { group in
            var next = 0
            func start() {
                guard next < work.count else { return }
                let index = next
                let (entry, period) = work[index]
                group.addTask { (index, try await entry.compute(period, db)) }
                next += 1
            }
            for _ in 0..<width { start() }
            while let (index, result) = try await group.next() {
                results[index] = result
                start()
            }
          }
        }
        return zip(work.map(\.0), results.map { $0! }).map { ($0, $1) }
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

/// Work that several figures of one catalogue run share (the village coverage on a date serves seven figures):
/// computed once per run, in flight or done, and never kept beyond it (nothing is cached across requests).
final class FigureMemo: @unchecked Sendable {
    @TaskLocal static var current: FigureMemo?

    private let lock = NSLock()
    private var tasks: [String: any Sendable] = [:]

    /// The shared value for `key` in the current run (computed here when there is no run).
    static func shared<T: Sendable>(_ key: String, _ make: @escaping @Sendable () async throws -> T) async throws -> T {
        guard let memo = current else { return try await make() }
        return try await memo.value(key, make)
    }

    private func value<T: Sendable>(_ key: String, _ make: @escaping @Sendable () async throws -> T) async throws -> T {
        try await task(key, make).value
    }

    private func task<T: Sendable>(_ key: String, _ make: @escaping @Sendable () async throws -> T) -> Task<T, any Error> {
        lock.withLock {
            if let task = tasks[key] as? Task<T, any Error> { return task }
            let task = Task { try await make() }
            tasks[key] = task
            return task
        }
    }
}
