import Fluent
import SQLKit

/// Normative documents: the register, comments, changes, attachments, cleanup campaigns, and the
/// full-text index (SQLite FTS5 with the trigram tokenizer, so any 3-character Chinese substring matches;
/// on PostgreSQL trigram GIN indexes for ILIKE).
struct CreateDocuments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("documents")
            .id()
            .field("drafting_unit_id", .uuid, .required, .references("units", "id", onDelete: .restrict))
            .field("issuing_unit_id", .uuid, .required, .references("units", "id", onDelete: .restrict))
            .field("title", .string, .required)
            .field("document_number", .string)
            .field("registration_number", .string)
            .field("registration_year", .int)
            .field("registration_sequence", .int)
            .field("state", .string, .required)
            .field("term", .string, .required)
            .field("market_related", .bool, .required)
            .field("comment_start", .string)
            .field("comment_end", .string)
            .field("comment_channel", .string)
            .field("comment_exempt_reason", .string)
            .field("review_requested_on", .string)
            .field("deliberation_meeting", .string)
            .field("deliberation_date", .string)
            .field("minutes_reference", .string)
            .field("published_on", .string)
            .field("effective_on", .string)
            .field("immediate_reason", .string)
            .field("filed_on", .string)
            .field("body", .string, .required)
            .field("drafter_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("predecessor_id", .uuid, .references("documents", "id", onDelete: .restrict))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "document_number")
            .unique(on: "registration_number")
            .unique(on: "registration_year", "registration_sequence")
            .create()
        let sql = database.sql
        try await sql.raw("CREATE INDEX documents_published ON documents (published_on)").run()
        try await sql.raw("CREATE INDEX documents_state ON documents (state)").run()
        try await sql.raw("CREATE INDEX documents_drafting_unit ON documents (drafting_unit_id)").run()

        try await database.schema("document_comments")
            .id()
            .field("document_id", .uuid, .required, .references("documents", "id", onDelete: .cascade))
            .field("received_on", .string, .required)
            .field("commenter", .string, .required)
            .field("content", .string, .required)
            .field("handling", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("document_changes")
            .id()
            .field("document_id", .uuid, .required, .references("documents", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("date", .string, .required)
            .field("basis", .string, .required)
            .field("linked_document_id", .uuid, .references("documents", "id", onDelete: .restrict))
            .field("campaign_id", .uuid)
            .field("note", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await sql.raw("CREATE INDEX document_changes_document ON document_changes (document_id)").run()
        try await database.schema("cleanup_campaigns")
            .id()
            .field("title", .string, .required)
            .field("notice_number", .string, .required)
            .field("notice_date", .string, .required)
            .field("scope", .string, .required)
            .field("decision_number", .string)
            .field("decision_date", .string)
            .field("state", .string, .required)
            .field("owner_unit_id", .uuid, .required, .references("units", "id", onDelete: .restrict))
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("cleanup_entries")
            .id()
            .field("campaign_id", .uuid, .required, .references("cleanup_campaigns", "id", onDelete: .cascade))
            .field("document_id", .uuid, .required, .references("documents", "id", onDelete: .restrict))
            .field("outcome", .string)
            .field("reason", .string, .required)
            .unique(on: "campaign_id", "document_id")
            .create()

        if sql.dialect.name == "sqlite" {
            try await sql.raw("""
                CREATE VIRTUAL TABLE documents_fts USING fts5(document_id UNINDEXED, title, number, body, tokenize = 'trigram')
                """).run()
        } else {
            // pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it. It goes into the
            // public schema (shared by every schema of the database) and is named with it. Without it the search
            // still works (ILIKE), only unindexed.
            if (try? await sql.raw("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'").first()) == nil {
                // Serialised by an advisory lock: several servers (or test schemas) may migrate at once.
                try? await database.transaction { tx in
                    try await tx.sql.raw("SELECT pg_advisory_xact_lock(7213001)").run()
                    try await tx.sql.raw("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public").run()
                }
            }
            struct Row: Decodable { let nspname: String }
            if let schema = try? await sql.raw("""
                SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'
                """).first(decoding: Row.self) {
                let opclass = SQLQueryString(stringLiteral: "\"\(schema.nspname.replacingOccurrences(of: "\"", with: ""))\".gin_trgm_ops")
                try await sql.raw("CREATE INDEX documents_title_trgm ON documents USING gin (title \(opclass))").run()
                try await sql.raw("CREATE INDEX documents_body_trgm ON documents USING gin (body \(opclass))").run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database.sql
        if sql.dialect.name == "sqlite" {
            try await sql.raw("DROP TABLE IF EXISTS documents_fts").run()
        }
        for table in ["cleanup_entries", "cleanup_campaigns", "document_changes", "document_comments", "documents"] {
            try await database.schema(table).delete()
        }
    }
}

/// The dates derived from a document and its changes (`DocumentDerivedDates`), stored beside it so the register,
/// the portal and the figures filter by legal status in SQL; filled by `DocumentDatesIndex`.
struct AddDerivedDatesToDocuments: AsyncMigration {
    static let columns = ["valid_until", "ends_on", "ending_status", "amended_on", "filing_due_on"]

    func prepare(on database: any Database) async throws {
        for column in Self.columns {
            try await database.schema("documents").field(FieldKey(stringLiteral: column), .string).update()
        }
        let sql = database.sql
        try await sql.raw("CREATE INDEX documents_ends_on ON documents (ends_on)").run()
        try await sql.raw("CREATE INDEX documents_published_order ON documents (published_on DESC, registration_number DESC)").run()
        try await sql.raw("CREATE INDEX documents_filed ON documents (filed_on)").run()
        try await sql.raw("CREATE INDEX document_changes_kind_date ON document_changes (kind, date)").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database.sql
        for index in ["documents_ends_on", "documents_published_order", "documents_filed", "document_changes_kind_date"] {
            try await sql.raw("DROP INDEX IF EXISTS \(unsafeRaw: index)").run()
        }
        for column in Self.columns {
            try await database.schema("documents").deleteField(FieldKey(stringLiteral: column)).update()
        }
    }
}
