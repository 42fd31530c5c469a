import FazhiCore
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import App

/// The stored derived data (documents' legal-status dates, the 待办 index) always equals what the records give,
/// and moves when a rule or the calendar does.
@Suite("Derived indexes")
struct DerivedIndexTests {
    struct IndexRow: Decodable, Hashable {
        let source: String
        let record_id: UUID
        let title: String
        let owner_unit_id: UUID
        let due_on: String?
        let open_from: String?
        let open_until: String?
    }

    struct DatesRow: Decodable, Hashable {
        let id: UUID
        let valid_until: String?
        let ends_on: String?
        let ending_status: String?
        let amended_on: String?
        let filing_due_on: String?
    }

    struct DueRow2: Decodable, Hashable { let id: UUID; let due: String? }

    static func snapshot(_ db: any Database) async throws -> (Set<IndexRow>, Set<DatesRow>, Set<DueRow2>) {
        let index = try await db.sql.raw("SELECT source, record_id, title, owner_unit_id, due_on, open_from, open_until FROM deadlines")
            .all(decoding: IndexRow.self)
        let dates = try await db.sql.raw("SELECT id, valid_until, ends_on, ending_status, amended_on, filing_due_on FROM documents")
            .all(decoding: DatesRow.self)
        let contracts = try await db.sql.raw("SELECT id, filing_due_on AS due FROM contracts UNION ALL SELECT id, due_on AS due FROM reviews")
            .all(decoding: DueRow2.self)
        return (Set(index), Set(dates), Set(contracts))
    }

    @Test("After the demo and after changes made through the app, the stored indexes equal a recomputation from the records")
    func storedEqualsRecomputed() async throws {
        try await withTestApp(records: true) { t in
            let (index, dates, contractDates) = try await Self.snapshot(t.db)
            #expect(contractDates.contains { $0.due != nil }, "contract filing and review deadlines are stored")
            #expect(index.count > 10, "the demo has open matters")
            #expect(dates.contains { $0.ends_on != nil } && dates.contains { $0.filing_due_on != nil })
            // A repeal entered through the document page ends the document at once: the index follows the audit trail.
            let legal = try await t.signedIn("legal")
            let document0 = try #require(try await DocumentModel.query(on: t.db).filter(\.$state == DocumentState.filed.rawValue)
                .filter(\.$publishedOn < "2025-11-01").group(.or) { $0.filter(\.$endsOn == nil).filter(\.$endsOn > "2025-12-31") }.first())
            let document = document0
            _ = try await legal.get(SiteURL.document(.value(document.id!)).path)
            let response = try await legal.post(SiteURL.documentChanges(.value(document.id!)).path,
                                                [("kind", "repealed"), ("date", "2025-11-20"), ("basis", "凤政发〔2025〕99号"), ("note", "")])
            #expect(response.status == .seeOther, "\(response.text.prefix(300))")
            let changed = try #require(try await DocumentModel.find(document.id!, on: t.db))
            #expect(changed.endsOn == "2025-11-20" && changed.endingStatus == LegalStatus.repealed.rawValue)
            let after = try await Self.snapshot(t.db)
            try await t.db.writeTransaction { try await DerivedIndexes.rebuildAll(on: $0, reason: "测试") }
            let recomputed = try await Self.snapshot(t.db)
            #expect(after.0 == recomputed.0)
            #expect(after.1 == recomputed.1)
            #expect(after.2 == recomputed.2)
        }
    }

    @Test("Every demo document's stored dates give the same legal status as its timeline, on any day")
    func statusMatchesTimeline() async throws {
        try await withTestApp(records: true) { t in
            let rules = try await DocumentService.rules(on: t.db)
            let documents = try await DocumentModel.query(on: t.db).all()
            let changes = try await DocumentService.changes(of: documents.compactMap(\.id), on: t.db)
            for day in ["2016-06-01", "2019-12-31", "2020-12-31", "2023-01-01", "2025-11-25", "2031-01-01"].compactMap(LocalDate.init(iso:)) {
                for document in documents {
                    let expected = DocumentService.legalStatus(document, changes: changes[document.id!] ?? [], on: day, rules: rules)
                    #expect(document.derived.status(on: day, published: document.isPublished, effective: document.effective) == expected,
                            "\(document.title) on \(day)")
                }
            }
        }
    }

    @Test("A corrected holiday table re-dates every open matter it touches, in one audited transaction")
    func holidayChangeMovesDueDates() async throws {
        try await withTestApp(records: true) { t in
            // A document sent for legality review on the test day (2025-11-25): the audit entry of the change puts it in the index.
            let legal = try await t.signedIn("legal")
            let document = try #require(try await DocumentModel.query(on: t.db).first())
            document.state = DocumentState.legalityReview.rawValue
            document.reviewRequestedOn = "2025-11-25"
            try await t.db.writeTransaction { tx in
                try await document.update(on: tx)
                try await AuditLog.append(AuditEvent("workflow.document.submitForReview", subjectType: "document", subjectID: document.id!.uuidString),
                                          context: AuditContext(username: "legal"), at: t.clock.now, on: tx)
            }
            func due() async throws -> String? {
                try await t.db.sql.raw("SELECT record_id, due_on FROM deadlines WHERE record_id = \(bind: document.id!) AND title LIKE '合法性审查%'")
                    .first(decoding: DueRow.self)?.due_on
            }
            let rules = try await DocumentService.rules(on: t.db)
            let period = ReviewPeriodRule(rules: rules).reviewDeadline(received: LocalDate(iso: "2025-11-25")!)
            let before = try #require(try await due())
            #expect(before == (try await CalendarService.calendar(on: t.db).dueDate(of: period)).description)
            // The State Council (hypothetically) adds three days off on 1–3 December 2025.
            var year = try #require(try CalendarService.bundledYears().first { $0.year == 2025 })
            year.holidays.append(CalendarYear.Holiday(name: "测试假期", from: LocalDate(iso: "2025-12-01")!, to: LocalDate(iso: "2025-12-03")!))
            try await CalendarService.importYears([year], context: AuditContext(username: "admin"), at: t.clock.now, on: t.db)
            let calendar = try await CalendarService.calendar(on: t.db)
            #expect(try calendar.isWorkingDay(LocalDate(iso: "2025-12-02")!) == false)
            let after = try #require(try await due())
            #expect(after == (try calendar.dueDate(of: period)).description)
            #expect(LocalDate(iso: after)! > LocalDate(iso: before)!, "three working days fewer: the review is due later")
            let entry = try #require(try await AuditEntryModel.query(on: t.db).filter(\.$action == "derived.recomputed").first())
            #expect(entry.detail.contains("待办期限"))
            // The page shows the stored dates: no matter is lost, and the home page answers.
            #expect(try await legal.get(SiteURL.home.path).status == .ok)
            // Consistent with a recomputation from scratch.
            let stored = try await Self.snapshot(t.db)
            try await t.db.writeTransaction { try await DerivedIndexes.rebuildAll(on: $0, reason: "测试") }
            #expect(try await Self.snapshot(t.db) == stored)
        }
    }

    @Test("A rule changed on its settings page re-dates every document's stored validity, in one audited transaction")
    func ruleChangeMovesValidity() async throws {
        try await withTestApp(records: true) { t in
            let legal = try await t.signedIn("legal")
            let document = try #require(try await DocumentModel.query(on: t.db).filter(\.$term == "standard").filter(\.$effectiveOn != nil).first())
            let effective = try #require(document.effective)
            #expect(document.validUntilOn == ValidityRule(rules: DocumentRules()).validUntil(effective: effective, term: .standard)?.description)
            _ = try await legal.get(SiteURL.documentRules.path)
            var form = DocumentRules().formValues
            form["standardTermYears"] = String(DocumentRules().standardTermYears - 1)
            let saved = try await legal.post(SiteURL.documentRules.path, form.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
            #expect(saved.status == .seeOther, "\(saved.text.prefix(300))")
            let rules = try await DocumentService.rules(on: t.db)
            #expect(rules.standardTermYears == DocumentRules().standardTermYears - 1)
            let after = try #require(try await DocumentModel.find(document.id!, on: t.db))
            #expect(after.validUntilOn == ValidityRule(rules: rules).validUntil(effective: effective, term: .standard)?.description)
            #expect(after.validUntilOn != document.validUntilOn, "a shorter standard term ends the document earlier")
            let entry = try #require(try await AuditEntryModel.query(on: t.db).filter(\.$action == "derived.recomputed").first())
            #expect(entry.detail.contains("规范性文件效力日期"))
            // Consistent with a recomputation from scratch.
            let stored = try await Self.snapshot(t.db)
            try await t.db.writeTransaction { try await DerivedIndexes.rebuildAll(on: $0, reason: "测试") }
            #expect(try await Self.snapshot(t.db) == stored)
        }
    }

    struct DueRow: Decodable {
        let record_id: UUID
        let due_on: String?
    }
}
