import FazhiCore
import Fluent
import Foundation
import SQLKit

/// Which documents an audit entry touched: the document itself, or for a cleanup campaign every document in its
/// scope and the successors re-published from them.
enum DocumentSubjects {
    static let types: Set<String> = ["document", "cleanup"]

    static func affected(subjectType: String, subjectID: String, on tx: any Database) async throws -> [UUID]? {
        guard let id = UUID(uuidString: subjectID) else { return [] }
        guard subjectType == "cleanup" else { return [id] }
        let entries = try await CleanupEntryModel.query(on: tx).filter(\.$campaign.$id == id).all().map(\.$document.id)
        var documents = entries
        for chunk in entries.chunked(500) {
            documents += try await DocumentModel.query(on: tx).filter(\.$predecessorID ~~ chunk).all().compactMap(\.id)
        }
        return documents
    }
}

/// Keeps each document's derived dates (valid until, end and why, first amendment, filing due) in its row.
struct DocumentDatesIndex: DerivedIndex {
    var title: String { "规范性文件效力日期" }
    var subjectTypes: Set<String> { DocumentSubjects.types }

    func affected(subjectType: String, subjectID: String, on tx: any Database) async throws -> [UUID]? {
        try await DocumentSubjects.affected(subjectType: subjectType, subjectID: subjectID, on: tx)
    }

    private struct Row: Decodable {
        let id: UUID
        let published_on: String?
        let effective_on: String?
        let term: String
        let valid_until: String?
        let ends_on: String?
        let ending_status: String?
        let amended_on: String?
        let filing_due_on: String?
    }

    private struct ChangeRow: Decodable {
        let document_id: UUID
        let kind: String
        let date: String
        let basis: String
    }

    func refresh(_ records: [UUID]?, using inputs: DerivationInputs, on tx: any Database) async throws -> Int {
        let sql = tx.sql
        let rules = try await DocumentService.rules(on: tx)
        let select: SQLQueryString = "SELECT id, published_on, effective_on, term, valid_until, ends_on, ending_status, amended_on, filing_due_on FROM documents"
        let changeSelect: SQLQueryString = "SELECT document_id, kind, date, basis FROM document_changes"
        var rows: [Row] = []
        var changes: [ChangeRow] = []
        if let records {
            for chunk in records.chunked(500) {
                let ids = SQLList(chunk.map { SQLBind($0) })
                rows += try await sql.raw(select + " WHERE id IN (\(ids))").all(decoding: Row.self)
                changes += try await sql.raw(changeSelect + " WHERE document_id IN (\(ids)) ORDER BY date, created_at").all(decoding: ChangeRow.self)
            }
        } else {
            rows = try await sql.raw(select).all(decoding: Row.self)
            changes = try await sql.raw(changeSelect + " ORDER BY date, created_at").all(decoding: ChangeRow.self)
        }
        var byDocument: [UUID: [DocumentChange]] = [:]
        for change in changes {
            guard let kind = DocumentChange.Kind(rawValue: change.kind), let date = LocalDate(iso: change.date) else { continue }
            byDocument[change.document_id, default: []].append(DocumentChange(kind: kind, date: date, basis: change.basis))
        }
        var written = 0
        for row in rows {
            let dates = DocumentDerivedDates(published: row.published_on.flatMap(LocalDate.init(iso:)),
                                             effective: row.effective_on.flatMap(LocalDate.init(iso:)),
                                             term: ValidityTerm(code: row.term) ?? .standard, changes: byDocument[row.id] ?? [],
                                             rules: rules, calendar: inputs.calendar)
            let values = [dates.validUntil?.description, dates.endsOn?.description, dates.endingStatus?.rawValue,
                          dates.amendedOn?.description, dates.filingDue?.description]
            guard values != [row.valid_until, row.ends_on, row.ending_status, row.amended_on, row.filing_due_on] else { continue }
            try await sql.update("documents")
                .set("valid_until", to: SQLBind(values[0])).set("ends_on", to: SQLBind(values[1])).set("ending_status", to: SQLBind(values[2]))
                .set("amended_on", to: SQLBind(values[3])).set("filing_due_on", to: SQLBind(values[4]))
                .where("id", .equal, row.id).run()
            written += 1
        }
        return written
    }
}

/// Document matters in the 待办 index: reviews due, filings owed, the evaluation before expiry and re-publication.
struct DocumentDeadlines: IndexedDeadlineSource {
    var id: String { "documents" }
    var title: String { "规范性文件" }
    var subjectTypes: Set<String> { DocumentSubjects.types }

    func affected(subjectType: String, subjectID: String, on tx: any Database) async throws -> [UUID]? {
        try await DocumentSubjects.affected(subjectType: subjectType, subjectID: subjectID, on: tx)
    }

    func matters(of records: [UUID]?, on db: any Database) async throws -> [IndexedMatter] {
        let rules = try await DocumentService.rules(on: db)
        let documents = try await DocumentModel.query(on: db)
            .group(.or) { $0.filter(\.$state == DocumentState.legalityReview.rawValue).filter(\.$publishedOn != nil) }
            .all(among: records)
        let validity = ValidityRule(rules: rules)
        var matters: [IndexedMatter] = []
        for document in documents {
            let path = SiteURL.document(.value(document.id!)).path
            func matter(_ title: String, _ due: OpenMatter.Due, from: LocalDate? = nil, until: LocalDate? = nil) {
                if let from, let until, from >= until { return }
                matters.append(IndexedMatter(record: document.id!, module: self.title, title: title, ownerUnitID: document.ownerUnitID,
                                             path: path, due: due, openFrom: from, openUntil: until))
            }
            if document.documentState == .legalityReview, let received = document.reviewRequestedOn.flatMap(LocalDate.init(iso:)) {
                matter("合法性审查：\(document.title)", .period(ReviewPeriodRule(rules: rules).reviewDeadline(received: received)))
            }
            guard let published = document.published else { continue }
            let dates = document.derived
            // Filing is owed while the document can still be applied (in force or about to take effect).
            if document.documentState == .published {
                matter("报送备案：\(document.title)", .period(FilingRule(rules: rules).filingPeriod(published: published)), until: dates.endsOn)
            }
            // Within 6 months of expiry and in force: evaluate; to keep it, re-publish at least 30 days before (docs/RULES.md).
            guard let until = dates.validUntil, let effective = document.effective else { continue }
            let republishBy = validity.republishBy(validUntil: until)
            let ends = [dates.endsOn, until.adding(days: 1)].compactMap { $0 }.min()!
            matter("有效期届满前评估（\(until.chinese)届满）：\(document.title)", .fixed(republishBy),
                   from: max(validity.evaluationDueFrom(validUntil: until), effective), until: min(republishBy, ends))
            matter("需重新公布（否则\(until.chinese)届满失效）：\(document.title)", .fixed(until), from: max(republishBy, effective), until: ends)
        }
        return matters
    }
}
