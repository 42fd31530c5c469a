import FazhiCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// Reads and derivations shared by the register, the document page, the public portal, the to-do list
/// and the statistics: one place for each.
enum DocumentService {
    /// The legal office's current settings for the [verify] figures (defaults until changed).
    static func rules(on db: any Database) async throws -> DocumentRules {
        try await RulesSettings.load(DocumentRules.self, on: db)
    }

    static func changes(of documentID: UUID, on db: any Database) async throws -> [DocumentChangeModel] {
        try await DocumentChangeModel.query(on: db).filter(\.$document.$id == documentID).sort(\.$date).sort(\.$createdAt).all()
    }

    /// Changes of many documents at once, by document.
    static func changes(of ids: [UUID], on db: any Database) async throws -> [UUID: [DocumentChange]] {
        guard !ids.isEmpty else { return [:] }
        var result: [UUID: [DocumentChange]] = [:]
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            for model in try await DocumentChangeModel.query(on: db).filter(\.$document.$id ~~ chunk).all() {
                if let change = model.change { result[model.$document.id, default: []].append(change) }
            }
        }
        return result
    }

    static func validUntil(_ document: DocumentModel, rules: DocumentRules) -> LocalDate? {
        guard let effective = document.effective else { return nil }
        return ValidityRule(rules: rules).validUntil(effective: effective, term: document.validityTerm)
    }

    /// 有效 / 已废止 / … on a date, derived from dates and changes (nothing stored, nothing to run).
    static func legalStatus(_ document: DocumentModel, changes: [DocumentChange], on date: LocalDate, rules: DocumentRules) -> LegalStatus? {
        guard document.isPublished else { return nil }
        return DocumentStatusTimeline.status(on: date, effective: document.effective, validUntil: validUntil(document, rules: rules), changes: changes)
    }

    static func latestReview(of documentID: UUID, on db: any Database) async throws -> ReviewModel? {
        try await ReviewModel.query(on: db)
            .filter(\.$subjectType == ReviewSubjectType.document.rawValue)
            .filter(\.$subjectID == documentID)
            .sort(\.$createdAt, .descending)
            .first()
    }

    /// The facts the workflow guards need, read from the records.
    static func context(for document: DocumentModel, actingUserID: UUID?, today: LocalDate, rules: DocumentRules,
                        calendar: LegalCalendar, on db: any Database) async throws -> DocumentContext {
        let review = try await latestReview(of: try document.requireID(), on: db)
        var commentOK = false
        var commentElapsed = false
        if let start = document.commentStart.flatMap(LocalDate.init(iso:)), let end = document.commentEnd.flatMap(LocalDate.init(iso:)) {
            commentOK = CommentPeriodRule(rules: rules).check(start: start, end: end, marketRelated: document.marketRelated, calendar: calendar).isEmpty
            commentElapsed = today > end
        }
        var datesOK = false
        if let published = document.published, let effective = document.effective {
            datesOK = PublicationRule(rules: rules).check(published: published, effective: effective,
                                                          immediate: document.immediateReason != nil,
                                                          reason: document.immediateReason).isEmpty
        }
        return DocumentContext(
            drafterUserID: document.drafterID, actingUserID: actingUserID,
            commentPeriodMeetsMinimum: commentOK, commentPeriodElapsed: commentElapsed,
            commentExemptReason: document.commentExemptReason,
            reviewPassed: review?.reviewOpinion?.passed ?? false,
            deliberationRecorded: document.deliberationDate != nil && document.deliberationMeeting != nil,
            registrationNumberAssigned: document.registrationNumber != nil,
            publicationDatesValid: datesOK)
    }

    // MARK: Search

    /// Keeps the full-text index in step with a document (inside the caller's transaction). SQLite only:
    /// on PostgreSQL the trigram indexes follow the table by themselves.
    static func index(_ document: DocumentModel, on tx: any Database) async throws {
        let sql = tx.sql
        guard sql.dialect.name == "sqlite", let id = document.id else { return }
        try await sql.raw("DELETE FROM documents_fts WHERE document_id = \(bind: id.uuidString)").run()
        try await sql.raw("""
            INSERT INTO documents_fts (document_id, title, number, body)
            VALUES (\(bind: id.uuidString), \(bind: document.title), \(bind: document.documentNumber ?? ""), \(bind: document.body))
            """).run()
    }

    /// Indexes many new documents at once (an import), inside the caller's transaction. SQLite only, as above.
    static func index(_ documents: [DocumentModel], on tx: any Database) async throws {
        let sql = tx.sql
        guard sql.dialect.name == "sqlite", !documents.isEmpty else { return }
        let insert = sql.insert(into: "documents_fts").columns("document_id", "title", "number", "body")
        for document in documents {
            insert.values(SQLBind(document.id!.uuidString), SQLBind(document.title), SQLBind(document.documentNumber ?? ""), SQLBind(document.body))
        }
        try await insert.run()
    }

    /// The condition on `documents d` that its title, 文号 or text contains `text` (any Chinese substring), or nil
    /// for no search: SQLite's trigram index for 3 characters or more, LIKE below that; ILIKE over the trigram
    /// indexes on PostgreSQL.
    static func searchCondition(_ text: String, on db: any Database) -> SQLQueryString? {
        let query = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !query.isEmpty else { return nil }
        let like = "%" + escapeLike(query) + "%"
        if db.sql.dialect.name == "sqlite" {
            if query.count >= 3 {
                // The trigram tokenizer matches any substring of 3 or more characters; the query is one quoted phrase.
                let phrase = "\"" + query.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                return "d.id IN (SELECT document_id FROM documents_fts WHERE documents_fts MATCH \(bind: phrase))"
            }
            return "(d.title LIKE \(bind: like) ESCAPE '\\' OR d.document_number LIKE \(bind: like) ESCAPE '\\' OR d.body LIKE \(bind: like) ESCAPE '\\')"
        }
        return "(d.title ILIKE \(bind: like) OR d.document_number ILIKE \(bind: like) OR d.body ILIKE \(bind: like))"
    }

    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }

    // MARK: Registration

    /// The next registration number for a year: gapless and unique, because it is computed under the write
    /// lock from the numbers already issued that year.
    static func nextRegistration(year: Int, rules: DocumentRules, on tx: any Database) async throws -> (number: String, sequence: Int) {
        let used = try await DocumentModel.query(on: tx).filter(\.$registrationYear == year).all().compactMap(\.registrationSequence)
        let sequence = RegistrationNumberPattern.nextSequence(existing: used)
        return (rules.registrationPattern.format(year: year, sequence: sequence), sequence)
    }
}
