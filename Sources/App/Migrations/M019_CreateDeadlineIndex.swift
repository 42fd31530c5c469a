import Fluent
import SQLKit

/// The 待办 index: every open matter with its due date, kept by `DeadlineIndex` (derived, never edited).
struct CreateDeadlineIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("deadlines")
            .id()
            .field("source", .string, .required)
            .field("record_id", .uuid, .required)
            .field("module", .string, .required)
            .field("title", .string, .required)
            .field("owner_unit_id", .uuid, .required, .references("units", "id", onDelete: .cascade))
            .field("path", .string, .required)
            .field("due_on", .string)
            .field("problem", .string)
            .field("open_from", .string)
            .field("open_until", .string)
            .create()
        // Which version of the derivations the stored indexes hold (`DerivedIndexes.ensureCurrent`).
        try await database.schema("derived_versions")
            .field("name", .string, .identifier(auto: false))
            .field("version", .string, .required)
            .create()
        let sql = database.sql
        try await sql.raw("CREATE INDEX deadlines_record ON deadlines (source, record_id)").run()
        try await sql.raw("CREATE INDEX deadlines_due ON deadlines (due_on)").run()
        try await sql.raw("CREATE INDEX deadlines_owner_due ON deadlines (owner_unit_id, due_on)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("derived_versions").delete()
        try await database.schema("deadlines").delete()
    }
}
