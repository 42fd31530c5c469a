import FazhiCore
import Fluent
import Foundation

/// The annual decision-item catalogue (决策事项目录), approved by the same-level Party committee and published.
final class DecisionCatalogueModel: Model, @unchecked Sendable {
    static let schema = "decision_catalogues"

    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @OptionalField(key: "approved_on") var approvedOn: String?
    @OptionalField(key: "approved_by") var approvedBy: String?
    @OptionalField(key: "published_on") var publishedOn: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

final class DecisionCatalogueItemModel: Model, @unchecked Sendable {
    static let schema = "decision_catalogue_items"

    @ID(key: .id) var id: UUID?
    @Parent(key: "catalogue_id") var catalogue: DecisionCatalogueModel
    @Field(key: "item") var item: String
    @Field(key: "subject") var subject: String
    @Parent(key: "proposing_unit_id") var proposingUnit: UnitModel
    @Field(key: "basis") var basis: String
    @Field(key: "planned_timing") var plannedTiming: String
    @OptionalField(key: "decision_id") var decisionID: UUID?
    @Field(key: "remark") var remark: String

    init() {}
}

/// A major administrative decision (重大行政决策) and its lifecycle. The five statutory procedures keep their own
/// records (DecisionProcedureModel; the legality review is the shared ReviewModel).
final class DecisionModel: Model, WorkflowRecord, ChangeStamped, @unchecked Sendable {
    static let schema = "decisions"
    static let stateKey: FieldKey = "state"

    @ID(key: .id) var id: UUID?
    @Parent(key: "proposing_unit_id") var proposingUnit: UnitModel
    @Field(key: "title") var title: String
    @Field(key: "catalogue_year") var catalogueYear: Int
    @Field(key: "basis") var basis: String
    @Field(key: "draft_text") var draftText: String
    @Field(key: "explanation") var explanation: String
    @Field(key: "state") var state: String
    /// The public consultation period (also in the procedure record), here so the portal can find open ones.
    @OptionalField(key: "consultation_start") var consultationStart: String?
    @OptionalField(key: "consultation_end") var consultationEnd: String?
    @OptionalField(key: "feedback") var feedback: String?
    @OptionalField(key: "feedback_published_on") var feedbackPublishedOn: String?
    @OptionalField(key: "review_requested_on") var reviewRequestedOn: String?
    @OptionalField(key: "decided_on") var decidedOn: String?
    @OptionalField(key: "published_on") var publishedOn: String?
    /// The 请示报告 to the same-level Party committee before publication (Decree 713 art. 31), or why none is required.
    @OptionalField(key: "party_reported_on") var partyReportedOn: String?
    @OptionalField(key: "party_report_not_required") var partyReportNotRequiredReason: String?
    @OptionalField(key: "implementation") var implementation: String?
    @OptionalField(key: "evaluation_due") var evaluationDue: String?
    @OptionalField(key: "evaluated_on") var evaluatedOn: String?
    @OptionalField(key: "evaluation") var evaluation: String?
    @OptionalField(key: "archived_on") var archivedOn: String?
    @OptionalField(key: "document_id") var documentID: UUID?
    @OptionalField(key: "drafter_id") var drafterID: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var stateRaw: String { state }
    var ownerUnitID: UUID { $proposingUnit.id }
}

/// One of the statutory procedures of a decision: its record as JSON (the shape FazhiCore validates), or
/// "not applicable" with the legal reason.
final class DecisionProcedureModel: Model, @unchecked Sendable {
    static let schema = "decision_procedures"

    @ID(key: .id) var id: UUID?
    @Parent(key: "decision_id") var decision: DecisionModel
    @Field(key: "procedure") var procedure: String
    /// complete or notApplicable.
    @Field(key: "status") var status: String
    @Field(key: "data") var data: String
    @Field(key: "reason") var reason: String
    @Field(key: "recorded_by") var recordedBy: String
    @Field(key: "recorded_at") var recordedAt: Date

    init() {}
}

/// A comment from the public during consultation: held for moderation, never lost. The contact is personal
/// information (sealed with SecretBox, shown masked).
final class DecisionCommentModel: Model, WorkflowRecord, @unchecked Sendable {
    static let schema = "decision_comments"
    static let stateKey: FieldKey = "state"

    @ID(key: .id) var id: UUID?
    @Parent(key: "decision_id") var decision: DecisionModel
    /// The decision's proposing unit (record-level access follows the decision).
    @Field(key: "owner_unit_id") var ownerUnitID: UUID
    @Field(key: "name") var name: String
    @Field(key: "contact") var contactSealed: String
    @Field(key: "content") var content: String
    @Field(key: "state") var state: String
    @Field(key: "moderation_reason") var moderationReason: String
    @Field(key: "handling") var handling: String
    @OptionalField(key: "moderated_by") var moderatedBy: String?
    @OptionalField(key: "moderated_at") var moderatedAt: Date?
    @Field(key: "source_address") var sourceAddress: String
    @Field(key: "submitted_at") var submittedAt: Date

    init() {}

    var stateRaw: String { state }
}

struct CreateDecisions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("decisions")
            .id()
            .field("proposing_unit_id", .uuid, .required, .references("units", "id", onDelete: .restrict))
            .field("title", .string, .required)
            .field("catalogue_year", .int, .required)
            .field("basis", .string, .required)
            .field("draft_text", .string, .required)
            .field("explanation", .string, .required)
            .field("state", .string, .required)
            .field("consultation_start", .string)
            .field("consultation_end", .string)
            .field("feedback", .string)
            .field("feedback_published_on", .string)
            .field("review_requested_on", .string)
            .field("decided_on", .string)
            .field("published_on", .string)
            .field("implementation", .string)
            .field("evaluation_due", .string)
            .field("evaluated_on", .string)
            .field("evaluation", .string)
            .field("archived_on", .string)
            .field("document_id", .uuid, .references("documents", "id", onDelete: .setNull))
            .field("drafter_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema("decision_catalogues")
            .id()
            .field("year", .int, .required)
            .field("approved_on", .string)
            .field("approved_by", .string)
            .field("published_on", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "year")
            .create()
        try await database.schema("decision_catalogue_items")
            .id()
            .field("catalogue_id", .uuid, .required, .references("decision_catalogues", "id", onDelete: .cascade))
            .field("item", .string, .required)
            .field("subject", .string, .required)
            .field("proposing_unit_id", .uuid, .required, .references("units", "id", onDelete: .restrict))
            .field("basis", .string, .required)
            .field("planned_timing", .string, .required)
            .field("decision_id", .uuid, .references("decisions", "id", onDelete: .setNull))
            .field("remark", .string, .required)
            .create()
        try await database.schema("decision_procedures")
            .id()
            .field("decision_id", .uuid, .required, .references("decisions", "id", onDelete: .cascade))
            .field("procedure", .string, .required)
            .field("status", .string, .required)
            .field("data", .string, .required)
            .field("reason", .string, .required)
            .field("recorded_by", .string, .required)
            .field("recorded_at", .datetime, .required)
            .unique(on: "decision_id", "procedure")
            .create()
        try await database.schema("decision_comments")
            .id()
            .field("decision_id", .uuid, .required, .references("decisions", "id", onDelete: .cascade))
            .field("owner_unit_id", .uuid, .required)
            .field("name", .string, .required)
            .field("contact", .string, .required)
            .field("content", .string, .required)
            .field("state", .string, .required)
            .field("moderation_reason", .string, .required)
            .field("handling", .string, .required)
            .field("moderated_by", .string)
            .field("moderated_at", .datetime)
            .field("source_address", .string, .required)
            .field("submitted_at", .datetime, .required)
            .create()
        try await database.sql.raw("CREATE INDEX decision_comments_address ON decision_comments (source_address, submitted_at)").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["decision_comments", "decision_procedures", "decision_catalogue_items", "decision_catalogues", "decisions"] {
            try await database.schema(table).delete()
        }
    }
}
