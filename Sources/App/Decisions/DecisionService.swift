import FazhiCore
import Fluent
import Foundation
import Vapor

/// Reads and derivations for major decisions, shared by the pages, the portal, the statistics and the demo.
enum DecisionService {
    /// The items of a year's decision catalogue with their proposing units (the staff and public catalogue pages).
    static func catalogueItems(_ catalogue: DecisionCatalogueModel?, on db: any Database) async throws -> [DecisionCatalogueItemModel] {
        guard let catalogue else { return [] }
        return try await DecisionCatalogueItemModel.query(on: db).filter(\.$catalogue.$id == catalogue.id!).with(\.$proposingUnit).all()
    }

    static func rules(on db: any Database) async throws -> DecisionRules {
        try await RulesSettings.load(DecisionRules.self, on: db)
    }

    /// A procedure's stored record: the validated form fields, as typed.
    struct StoredProcedure: Sendable {
        let procedure: DecisionProcedure
        let status: ProcedureStatus
        let fields: [String: String]
        let recordedBy: String
        let recordedAt: Date
    }

    static func procedures(of decisionID: UUID, on db: any Database) async throws -> [DecisionProcedure: StoredProcedure] {
        var result: [DecisionProcedure: StoredProcedure] = [:]
        for model in try await DecisionProcedureModel.query(on: db).filter(\.$decision.$id == decisionID).all() {
            guard let procedure = DecisionProcedure(rawValue: model.procedure),
                  let status = ProcedureStatus(code: model.status, reason: model.reason) else { continue }
            let fields = (try? JSONDecoder().decode([String: String].self, from: Data(model.data.utf8))) ?? [:]
            result[procedure] = StoredProcedure(procedure: procedure, status: status, fields: fields, recordedBy: model.recordedBy,
                                                recordedAt: model.recordedAt)
        }
        return result
    }

    static func latestReview(of decisionID: UUID, on db: any Database) async throws -> ReviewModel? {
        try await ReviewModel.query(on: db)
            .filter(\.$subjectType == ReviewSubjectType.decision.rawValue)
            .filter(\.$subjectID == decisionID)
            .sort(\.$createdAt, .descending)
            .first()
    }

    /// The statuses the guards read; the legality review's comes from the shared Review.
    static func statuses(_ stored: [DecisionProcedure: StoredProcedure], review: ReviewModel?) -> DecisionProcedureStatuses {
        var map: [DecisionProcedure: ProcedureStatus] = [:]
        for (procedure, record) in stored { map[procedure] = record.status }
        map[.legalityReview] = review?.reviewOpinion.map { $0.passed ? ProcedureStatus.complete : .pending } ?? .pending
        return DecisionProcedureStatuses(map)
    }

    static func discussionOutcome(_ stored: [DecisionProcedure: StoredProcedure]) -> CollectiveDiscussionRecord.Outcome? {
        stored[.collectiveDiscussion]?.fields["outcome"].flatMap(CollectiveDiscussionRecord.Outcome.init(rawValue:))
    }

    static func archiveFile(_ decision: DecisionModel, stored: [DecisionProcedure: StoredProcedure], review: ReviewModel?,
                            calendar: LegalCalendar, today: LocalDate, rules: DecisionRules) -> DecisionArchiveFile {
        var participation: PublicParticipationRecord?
        if let fields = stored[.publicParticipation]?.fields, stored[.publicParticipation]?.status == .complete {
            var merged = fields
            merged["feedbackPublishedOn"] = decision.feedbackPublishedOn ?? fields["feedbackPublishedOn"]
            participation = try? PublicParticipationRecord.validate(
                consultationStart: merged["consultationStart"], consultationEnd: merged["consultationEnd"], shortenedReason: merged["shortenedReason"],
                channel: merged["channel"], commentsReceived: merged["commentsReceived"], feedbackPublishedOn: merged["feedbackPublishedOn"],
                hearingHeld: merged["hearingHeld"] == "true", hearingDate: merged["hearingDate"], today: today, calendar: calendar, rules: rules).get()
        }
        return DecisionArchiveFile(
            draftAndExplanationOnFile: !decision.draftText.isEmpty,
            procedures: statuses(stored, review: review),
            publicParticipation: participation,
            legalityReview: review?.reviewOpinion,
            discussionOnFile: stored[.collectiveDiscussion] != nil,
            decidedOn: decision.decidedOn.flatMap(LocalDate.init(iso:)),
            publicationRecordedOrExempt: decision.publishedOn != nil,
            evaluationConducted: decision.evaluatedOn != nil,
            evaluationReportOnFile: decision.evaluation != nil)
    }

    static func context(for decision: DecisionModel, actingUserID: UUID?, today: LocalDate, calendar: LegalCalendar, rules: DecisionRules,
                        on db: any Database) async throws -> DecisionContext {
        let id = try decision.requireID()
        let stored = try await procedures(of: id, on: db)
        let review = try await latestReview(of: id, on: db)
        return DecisionContext(
            drafterUserID: decision.drafterID, actingUserID: actingUserID,
            procedures: statuses(stored, review: review),
            legalityReview: review?.reviewOpinion,
            discussionOutcome: discussionOutcome(stored),
            withdrawalReason: nil,
            publicationRecorded: decision.publishedOn != nil,
            partyReportRecorded: decision.partyReportedOn != nil, partyReportNotRequiredReason: decision.partyReportNotRequiredReason,
            executingUnitAssigned: !(decision.implementation ?? "").isEmpty,
            evaluationRecorded: decision.evaluation != nil,
            archiveMissing: ArchiveCompleteness.missing(archiveFile(decision, stored: stored, review: review, calendar: calendar, today: today, rules: rules)))
    }

    /// Decisions open for public comment on `today` (the portal's list).
    static func openForComment(today: LocalDate, on db: any Database) async throws -> [DecisionModel] {
        try await DecisionModel.query(on: db)
            .filter(\.$consultationStart <= today.description).filter(\.$consultationEnd >= today.description)
            .filter(\.$state ~~ [DecisionState.procedures.rawValue, DecisionState.draft.rawValue])
            .with(\.$proposingUnit).sort(\.$consultationEnd).all()
    }
}
