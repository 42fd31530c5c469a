import Fluent

/// 督察工作规定 art. 23: the report to the same-level Party committee and people's congress standing committee before
/// 1 March is recorded (date and recipients). Reports made before this migration keep both columns empty.
struct AddSubmissionToReports: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per ALTER TABLE: SQLite adds one at a time.
        try await database.schema("reports").field("submitted_on", .string).update()
        try await database.schema("reports").field("submitted_to", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("reports").deleteField("submitted_to").update()
        try await database.schema("reports").deleteField("submitted_on").update()
    }
}
