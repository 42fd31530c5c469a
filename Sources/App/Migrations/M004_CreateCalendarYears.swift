import Fluent

struct CreateCalendarYears: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("calendar_years")
            .id()
            .field("year", .int, .required)
            .field("notice", .string, .required)
            .field("data", .string, .required)
            .field("imported_at", .datetime, .required)
            .field("imported_by", .string, .required)
            .unique(on: "year")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("calendar_years").delete()
    }
}

/// Each imported year's SHA-256, so a server knows in one small read whether the calendar it holds is still the
/// stored one (`CalendarService`): the calendar is parsed once per change, not on every request.
struct AddChecksumToCalendarYears: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("calendar_years").field("checksum", .string).update()
        for year in try await CalendarYearModel.query(on: database).all() {
            year.checksum = CalendarService.checksum(year.data)
            try await year.update(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("calendar_years").deleteField("checksum").update()
    }
}
