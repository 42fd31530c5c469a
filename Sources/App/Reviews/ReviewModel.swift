import FazhiCore
import Fluent
import Foundation

/// One legality review (合法性审查) of any subject (docs/ARCHITECTURE.md "Legality review"): documents now,
/// decisions, contracts and major enforcement decisions later — the same table and the same form.
final class ReviewModel: Model, @unchecked Sendable {
    static let schema = "reviews"

    @ID(key: .id) var id: UUID?
    @Field(key: "subject_type") var subjectType: String
    @Field(key: "subject_id") var subjectID: UUID
    /// The unit the subject belongs to (record-level access follows the subject).
    @Field(key: "owner_unit_id") var ownerUnitID: UUID
    @Field(key: "reviewer_id") var reviewerID: UUID
    @Field(key: "reviewer_name") var reviewerName: String
    /// YYYY-MM-DD: when the legal office received the draft (the review period runs from here).
    @Field(key: "received_on") var receivedOn: String
    @Field(key: "decided_on") var decidedOn: String
    @Field(key: "opinion") var opinion: String
    @Field(key: "reasons") var reasons: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var reviewOpinion: ReviewOpinion? { ReviewOpinion(rawValue: opinion) }
    var received: LocalDate? { LocalDate(iso: receivedOn) }
    var decided: LocalDate? { LocalDate(iso: decidedOn) }

    /// Records one review opinion on a subject (the one way every module stores a review).
    @discardableResult
    static func record(_ subject: ReviewSubjectType, id subjectID: UUID, owner: UUID, reviewerID: UUID, reviewerName: String,
                       received: String, decided: String, opinion: ReviewOpinion, reasons: String, at now: Date,
                       on db: any Database) async throws -> ReviewModel {
        let review = ReviewModel()
        review.subjectType = subject.rawValue
        review.subjectID = subjectID
        review.ownerUnitID = owner
        review.reviewerID = reviewerID
        review.reviewerName = reviewerName
        review.receivedOn = received
        review.decidedOn = decided
        review.opinion = opinion.rawValue
        review.reasons = reasons
        review.createdAt = now
        try await review.create(on: db)
        return review
    }
}

struct CreateReviews: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("reviews")
            .id()
            .field("subject_type", .string, .required)
            .field("subject_id", .uuid, .required)
            .field("owner_unit_id", .uuid, .required, .references("units", "id", onDelete: .restrict))
            .field("reviewer_id", .uuid, .required, .references("users", "id", onDelete: .restrict))
            .field("reviewer_name", .string, .required)
            .field("received_on", .string, .required)
            .field("decided_on", .string, .required)
            .field("opinion", .string, .required)
            .field("reasons", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.sql.raw("CREATE INDEX reviews_subject ON reviews (subject_type, subject_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("reviews").delete()
    }
}
