import FazhiCore
import Fluent
import Foundation

extension StatisticResult {
    /// A count figure from one query: the value is one SQL COUNT over it (Fluent drops the sorts and eager loads
    /// for the aggregate), the trace the same query's rows, so the trace page lists exactly what was counted.
    static func count<M: Model>(_ query: QueryBuilder<M>, trace: (M) throws -> TracedRecord) async throws -> StatisticResult {
        let count = try await query.count()
        let rows = try await query.all()
        return StatisticResult(value: StatisticValue(count: count), records: try rows.map(trace))
    }
}
