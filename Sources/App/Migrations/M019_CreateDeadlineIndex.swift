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

/// Indexes on foreign-key columns that had none: SQLite checks a parent row's children on every delete or key
/// change of the parent, and a query by parent (a user's sessions, a contract's changes) scanned the child table.
struct IndexForeignKeyColumns: AsyncMigration {
    static let indexes: [(name: String, table: String, column: String)] = [
        ("sessions_user", "sessions", "user_id"),
        ("documents_issuing_unit", "documents", "issuing_unit_id"),
        ("documents_predecessor", "documents", "predecessor_id"),
        ("decisions_document", "decisions", "document_id"),
        ("document_comments_document", "document_comments", "document_id"),
        ("document_changes_linked", "document_changes", "linked_document_id"),
        ("cleanup_entries_document", "cleanup_entries", "document_id"),
        ("contract_changes_contract", "contract_changes", "contract_id"),
        ("contracts_project", "contracts", "project_id"),
        ("contracts_resubmission", "contracts", "resubmission_of"),
        ("reviews_owner_unit", "reviews", "owner_unit_id"),
    ]

    func prepare(on database: any Database) async throws {
        for index in Self.indexes {
            try await database.sql.raw("CREATE INDEX IF NOT EXISTS \(ident: index.name) ON \(ident: index.table) (\(ident: index.column))").run()
        }
    }

    func revert(on database: any Database) async throws {
        for index in Self.indexes {
            try await database.sql.raw("DROP INDEX IF EXISTS \(ident: index.name)").run()
        }
    }
}
