import Fluent
import Foundation

/// The contracts tables. The type name is the migration's identity in existing databases: never rename it.
struct CreateContracts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("key_projects")
            .id()
            .field("name", .string, .required)
            .field("owner_unit_id", .uuid, .required, .references("units", "id", onDelete: .restrict))
            .field("start_date", .string, .required)
            .field("end_date", .string)
            .field("description", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "name")
            .create()
        try await database.schema("contracts")
            .id()
            .field("submitting_unit_id", .uuid, .required, .references("units", "id", onDelete: .restrict))
            .field("title", .string, .required)
            .field("counterparty_name", .string, .required)
            .field("contract_type", .string, .required)
            .field("amount", .string)
            .field("term_start", .string)
            .field("term_end", .string)
            .field("project_id", .uuid, .references("key_projects", "id", onDelete: .setNull))
            .field("state", .string, .required)
            .field("submitted_on", .string, .required)
            .field("review_requested_on", .string)
            .field("signed_on", .string)
            .field("filed_on", .string)
            .field("filing_required", .bool, .required)
            .field("resubmission_of", .uuid, .references("contracts", "id", onDelete: .setNull))
            .field("ended_on", .string)
            .field("drafter_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema("contract_counterparties")
            .id()
            .field("contract_id", .uuid, .required, .references("contracts", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("name", .string, .required)
            .field("name_sealed", .string)
            .field("kind", .string, .required)
            .field("credit_code", .string)
            .field("resident_id", .string)
            .create()
        try await database.sql.raw("CREATE INDEX contract_counterparties_contract ON contract_counterparties (contract_id)").run()
        try await database.schema("contract_changes")
            .id()
            .field("contract_id", .uuid, .required, .references("contracts", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("date", .string, .required)
            .field("summary", .string, .required)
            .field("submitted_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["contract_changes", "contract_counterparties", "contracts", "key_projects"] {
            try await database.schema(table).delete()
        }
    }
}

/// The deadlines the contract figures count against, derived and stored (`ContractDatesIndex`): a contract's
/// filing deadline, and each contract review's deadline on the review row.
struct AddDerivedDatesToContracts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("contracts").field("filing_due_on", .string).update()
        try await database.schema("reviews").field("due_on", .string).update()
        try await database.sql.raw("CREATE INDEX contracts_signed ON contracts (signed_on)").run()
        try await database.sql.raw("CREATE INDEX reviews_subject_decided ON reviews (subject_type, decided_on)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql.raw("DROP INDEX IF EXISTS contracts_signed").run()
        try await database.sql.raw("DROP INDEX IF EXISTS reviews_subject_decided").run()
        try await database.schema("reviews").deleteField("due_on").update()
        try await database.schema("contracts").deleteField("filing_due_on").update()
    }
}
