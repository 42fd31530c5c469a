import FazhiCore
import Fluent
import Foundation

/// A key project (重点项目工程) the county's legal advisers serve.
final class KeyProjectModel: Model, @unchecked Sendable {
    static let schema = "key_projects"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Parent(key: "owner_unit_id") var ownerUnit: UnitModel
    @Field(key: "start_date") var startDate: String
    @OptionalField(key: "end_date") var endDate: String?
    @Field(key: "description") var description: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// A legal adviser, public-sector lawyer, social lawyer, legal worker or staff member serving the county.
/// The roster belongs to the legal office; the contact (phone or e-mail) is sealed (personal information).
final class AdviserModel: Model, @unchecked Sendable {
    static let schema = "advisers"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "type") var type: String
    @Field(key: "organisation") var organisation: String
    @OptionalField(key: "licence_number") var licenceNumber: String?
    @OptionalField(key: "contact") var contactSealed: String?
    @Field(key: "term_start") var termStart: String
    @OptionalField(key: "term_end") var termEnd: String?
    @Parent(key: "unit_id") var unit: UnitModel
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// An adviser's service on a key project.
final class ProjectParticipationModel: Model, @unchecked Sendable {
    static let schema = "project_participations"

    @ID(key: .id) var id: UUID?
    @Parent(key: "project_id") var project: KeyProjectModel
    @Parent(key: "adviser_id") var adviser: AdviserModel
    @Field(key: "from") var from: String
    @OptionalField(key: "to") var to: String?
    @Field(key: "opinions_count") var opinionsCount: Int
    @Field(key: "opinions") var opinions: String

    init() {}
}

/// 一村（社区）一法律顾问: an adviser assigned to a village or community for a period.
final class AdviserAssignmentModel: Model, @unchecked Sendable {
    static let schema = "adviser_assignments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "adviser_id") var adviser: AdviserModel
    @Parent(key: "region_id") var region: RegionModel
    @Field(key: "from") var from: String
    @OptionalField(key: "to") var to: String?

    init() {}
}

/// An adviser's part in a review or a decision (a legal opinion on a contract, an expert argument on a
/// decision, a review of a normative document), recorded by the legal office on that record's page.
final class AdviserEngagementModel: Model, @unchecked Sendable {
    static let schema = "adviser_engagements"

    @ID(key: .id) var id: UUID?
    @Parent(key: "adviser_id") var adviser: AdviserModel
    /// "decision", "contract" or "document".
    @Field(key: "subject_type") var subjectType: String
    @Field(key: "subject_id") var subjectID: UUID
    @Field(key: "subject_title") var subjectTitle: String
    @Field(key: "date") var date: String
    @Field(key: "summary") var summary: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

struct CreateAdvisers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("advisers")
            .id()
            .field("name", .string, .required)
            .field("type", .string, .required)
            .field("organisation", .string, .required)
            .field("licence_number", .string)
            .field("contact", .string)
            .field("term_start", .string, .required)
            .field("term_end", .string)
            .field("unit_id", .uuid, .required, .references("units", "id", onDelete: .restrict))
            .field("created_at", .datetime, .required)
            .unique(on: "licence_number")
            .create()
        try await database.schema("project_participations")
            .id()
            .field("project_id", .uuid, .required, .references("key_projects", "id", onDelete: .cascade))
            .field("adviser_id", .uuid, .required, .references("advisers", "id", onDelete: .cascade))
            .field("from", .string, .required)
            .field("to", .string)
            .field("opinions_count", .int, .required)
            .field("opinions", .string, .required)
            .create()
        try await database.schema("adviser_assignments")
            .id()
            .field("adviser_id", .uuid, .required, .references("advisers", "id", onDelete: .cascade))
            .field("region_id", .uuid, .required, .references("regions", "id", onDelete: .restrict))
            .field("from", .string, .required)
            .field("to", .string)
            .create()
        try await database.schema("adviser_engagements")
            .id()
            .field("adviser_id", .uuid, .required, .references("advisers", "id", onDelete: .cascade))
            .field("subject_type", .string, .required)
            .field("subject_id", .uuid, .required)
            .field("subject_title", .string, .required)
            .field("date", .string, .required)
            .field("summary", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.sql.raw("CREATE INDEX adviser_engagements_subject ON adviser_engagements (subject_type, subject_id)").run()
        try await database.sql.raw("CREATE INDEX adviser_assignments_region ON adviser_assignments (region_id)").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["adviser_engagements", "adviser_assignments", "project_participations", "advisers"] {
            try await database.schema(table).delete()
        }
    }
}
