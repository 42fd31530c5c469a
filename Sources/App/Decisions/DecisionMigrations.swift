import Fluent

/// Decree 713 art. 31: the 请示报告 to the Party committee is recorded before publication. Decisions published
/// before this migration keep both columns empty (their report was not tracked); only new publications need it.
struct AddPartyReportToDecisions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per ALTER TABLE: SQLite adds one at a time.
        try await database.schema("decisions").field("party_reported_on", .string).update()
        try await database.schema("decisions").field("party_report_not_required", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("decisions").deleteField("party_report_not_required").update()
        try await database.schema("decisions").deleteField("party_reported_on").update()
    }
}
