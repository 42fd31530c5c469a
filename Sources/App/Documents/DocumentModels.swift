import FazhiCore
import Fluent
import Foundation

/// A normative document (规范性文件) from draft to repeal. Dates are `YYYY-MM-DD` text: calendar dates of the
/// county's offices, compared as text, identical on SQLite and PostgreSQL.
final class DocumentModel: Model, WorkflowRecord, ChangeStamped, @unchecked Sendable {
    static let schema = "documents"
    static let stateKey: FieldKey = "state"

    @ID(key: .id) var id: UUID?
    /// The drafting unit owns the record (record-level access).
    @Parent(key: "drafting_unit_id") var draftingUnit: UnitModel
    /// The issuing body (县政府, 县政府办, a department): its kind decides the statistics bucket.
    @Parent(key: "issuing_unit_id") var issuingUnit: UnitModel
    @Field(key: "title") var title: String
    @OptionalField(key: "document_number") var documentNumber: String?
    @OptionalField(key: "registration_number") var registrationNumber: String?
    @OptionalField(key: "registration_year") var registrationYear: Int?
    @OptionalField(key: "registration_sequence") var registrationSequence: Int?
    @Field(key: "state") var state: String
    /// ValidityTerm code (standard, provisional, longTerm, custom:Y:M, until:DATE).
    @Field(key: "term") var term: String
    @Field(key: "market_related") var marketRelated: Bool
    @OptionalField(key: "comment_start") var commentStart: String?
    @OptionalField(key: "comment_end") var commentEnd: String?
    @OptionalField(key: "comment_channel") var commentChannel: String?
    @OptionalField(key: "comment_exempt_reason") var commentExemptReason: String?
    /// When the draft went to the legal office for review (the review period runs from here).
    @OptionalField(key: "review_requested_on") var reviewRequestedOn: String?
    @OptionalField(key: "deliberation_meeting") var deliberationMeeting: String?
    @OptionalField(key: "deliberation_date") var deliberationDate: String?
    @OptionalField(key: "minutes_reference") var minutesReference: String?
    @OptionalField(key: "published_on") var publishedOn: String?
    @OptionalField(key: "effective_on") var effectiveOn: String?
    @OptionalField(key: "immediate_reason") var immediateReason: String?
    @OptionalField(key: "filed_on") var filedOn: String?
    @Field(key: "body") var body: String
    @OptionalField(key: "drafter_id") var drafterID: UUID?
    /// The document this one re-publishes (重新公布), if any; such a document is not a newly issued one.
    @OptionalField(key: "predecessor_id") var predecessorID: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    // Derived from the dates above and the changes (`DocumentDerivedDates`), written only by DocumentDatesIndex.
    @OptionalField(key: "valid_until") var validUntilOn: String?
    @OptionalField(key: "ends_on") var endsOn: String?
    @OptionalField(key: "ending_status") var endingStatus: String?
    @OptionalField(key: "amended_on") var amendedOn: String?
    @OptionalField(key: "filing_due_on") var filingDueOn: String?

    init() {}

    /// The stored derived dates.
    var derived: DocumentDerivedDates {
        DocumentDerivedDates(validUntil: validUntilOn.flatMap(LocalDate.init(iso:)), endsOn: endsOn.flatMap(LocalDate.init(iso:)),
                             endingStatus: endingStatus.flatMap(LegalStatus.init(rawValue:)), amendedOn: amendedOn.flatMap(LocalDate.init(iso:)),
                             filingDue: filingDueOn.flatMap(LocalDate.init(iso:)))
    }

    var stateRaw: String { state }
    var ownerUnitID: UUID { $draftingUnit.id }
    var documentState: DocumentState { DocumentState(rawValue: state) ?? .draft }
    var validityTerm: ValidityTerm { ValidityTerm(code: term) ?? .standard }
    var published: LocalDate? { publishedOn.flatMap(LocalDate.init(iso:)) }
    var effective: LocalDate? { effectiveOn.flatMap(LocalDate.init(iso:)) }
    var filed: LocalDate? { filedOn.flatMap(LocalDate.init(iso:)) }
    var isPublished: Bool { publishedOn != nil }
}

/// A public comment received during 征求意见, and how it was handled.
final class DocumentCommentModel: Model, @unchecked Sendable {
    static let schema = "document_comments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "document_id") var document: DocumentModel
    @Field(key: "received_on") var receivedOn: String
    @Field(key: "commenter") var commenter: String
    @Field(key: "content") var content: String
    @Field(key: "handling") var handling: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// A change to a document's legal force: 修改, 废止, 宣布失效, 重新公布, or 继续有效 confirmed by a cleanup.
final class DocumentChangeModel: Model, @unchecked Sendable {
    static let schema = "document_changes"

    @ID(key: .id) var id: UUID?
    @Parent(key: "document_id") var document: DocumentModel
    @Field(key: "kind") var kind: String
    @Field(key: "date") var date: String
    @Field(key: "basis") var basis: String
    @OptionalField(key: "linked_document_id") var linkedDocumentID: UUID?
    @OptionalField(key: "campaign_id") var campaignID: UUID?
    @Field(key: "note") var note: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var change: DocumentChange? {
        guard let kind = DocumentChange.Kind(rawValue: kind), let date = LocalDate(iso: date) else { return nil }
        return DocumentChange(kind: kind, date: date, basis: basis, linkedDocumentID: linkedDocumentID)
    }
}

/// A cleanup campaign (清理): notice, scope, an outcome per document, the result decision.
final class CleanupCampaignModel: Model, @unchecked Sendable {
    static let schema = "cleanup_campaigns"

    @ID(key: .id) var id: UUID?
    @Field(key: "title") var title: String
    @Field(key: "notice_number") var noticeNumber: String
    @Field(key: "notice_date") var noticeDate: String
    @Field(key: "scope") var scopeDescription: String
    @OptionalField(key: "decision_number") var decisionNumber: String?
    @OptionalField(key: "decision_date") var decisionDate: String?
    /// open (outcomes being set) → applied (the decision changed every document) → published (public page).
    @Field(key: "state") var state: String
    @Parent(key: "owner_unit_id") var ownerUnit: UnitModel
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

final class CleanupEntryModel: Model, @unchecked Sendable {
    static let schema = "cleanup_entries"

    @ID(key: .id) var id: UUID?
    @Parent(key: "campaign_id") var campaign: CleanupCampaignModel
    @Parent(key: "document_id") var document: DocumentModel
    @OptionalField(key: "outcome") var outcome: String?
    @Field(key: "reason") var reason: String

    init() {}
}
