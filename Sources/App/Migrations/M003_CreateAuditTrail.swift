import Fluent
import SQLKit

/// The audit trail (docs/SECURITY.md item 11): entries, the chain head (also the global write lock), and
/// triggers that make the database itself refuse UPDATE and DELETE on entries.
struct CreateAuditTrail: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("audit_entries")
            .field("seq", .int64, .identifier(auto: false))
            .field("occurred_at_ms", .int64, .required)
            .field("user_id", .string, .required)
            .field("username", .string, .required)
            .field("unit_id", .string, .required)
            .field("action", .string, .required)
            .field("subject_type", .string, .required)
            .field("subject_id", .string, .required)
            .field("outcome", .string, .required)
            .field("detail", .string, .required)
            .field("request_id", .string, .required)
            .field("source_address", .string, .required)
            .field("prev_hash", .string, .required)
            .field("hash", .string, .required)
            .create()
        let sql = database.sql
        try await sql.raw("CREATE INDEX audit_entries_time ON audit_entries (occurred_at_ms)").run()
        try await sql.raw("CREATE INDEX audit_entries_action ON audit_entries (action)").run()
        try await sql.raw("CREATE INDEX audit_entries_user ON audit_entries (username)").run()

        try await database.schema("audit_head")
            .field("id", .int, .identifier(auto: false))
            .field("last_seq", .int64, .required)
            .field("last_hash", .string, .required)
            .create()
        try await sql.raw("INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, 0, \(bind: String(repeating: "0", count: 64)))").run()

        if sql.dialect.name == "sqlite" {
            try await sql.raw("""
                CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
                BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only: UPDATE refused'); END
                """).run()
            try await sql.raw("""
                CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
                BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only: DELETE refused'); END
                """).run()
        } else {
            try await sql.raw("""
                CREATE OR REPLACE FUNCTION fazhi_audit_append_only() RETURNS trigger AS $$
                BEGIN
                    RAISE EXCEPTION 'audit_entries is append-only: % refused', TG_OP;
                END;
                $$ LANGUAGE plpgsql
                """).run()
            try await sql.raw("""
                CREATE TRIGGER audit_entries_no_change BEFORE UPDATE OR DELETE ON audit_entries
                FOR EACH ROW EXECUTE FUNCTION fazhi_audit_append_only()
                """).run()
            try await sql.raw("""
                CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
                FOR EACH STATEMENT EXECUTE FUNCTION fazhi_audit_append_only()
                """).run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database.sql
        if sql.dialect.name == "sqlite" {
            try await sql.raw("DROP TRIGGER IF EXISTS audit_entries_no_update").run()
            try await sql.raw("DROP TRIGGER IF EXISTS audit_entries_no_delete").run()
        } else {
            try await sql.raw("DROP TRIGGER IF EXISTS audit_entries_no_change ON audit_entries").run()
            try await sql.raw("DROP TRIGGER IF EXISTS audit_entries_no_truncate ON audit_entries").run()
            try await sql.raw("DROP FUNCTION IF EXISTS fazhi_audit_append_only()").run()
        }
        try await database.schema("audit_head").delete()
        try await database.schema("audit_entries").delete()
    }
}
