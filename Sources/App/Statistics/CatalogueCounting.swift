import FazhiCore
import Fluent
import Foundation

extension StatisticResult {
    /// A count figure from one query: the value is one SQL COUNT over it (Fluent drops the sorts and eager loads
    /// for the aggregate); the trace is the same query's rows, read only when the trace page opens, so it lists
    /// exactly what was counted.
    static func count<M: Model>(_ query: QueryBuilder<M>, trace: @escaping @Sendable (M) throws -> TracedRecord) async throws -> StatisticResult {
        let count = try await query.count()
        let box = UncheckedQuery(query)
        return StatisticResult(value: StatisticValue(count: count)) { try await box.query.all().map(trace) }
    }
}

/// A query kept for the trace, run later on the same database by the request that asked for it.
struct UncheckedQuery<M: Model>: @unchecked Sendable {
    let query: QueryBuilder<M>
    init(_ query: QueryBuilder<M>) { self.query = query }
}
