import Fluent
import Foundation

/// A year of the legal calendar added at run time (admin page or `fazhi calendar import`); it replaces the
/// bundled year of the same number. `data` is the year as JSON (FazhiCore.CalendarYear).
final class CalendarYearModel: Model, @unchecked Sendable {
    static let schema = "calendar_years"

    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "notice") var notice: String
    @Field(key: "data") var data: String
    @Field(key: "imported_at") var importedAt: Date
    @Field(key: "imported_by") var importedBy: String
    /// SHA-256 of `data` (hex).
    @OptionalField(key: "checksum") var checksum: String?

    init() {}
}
