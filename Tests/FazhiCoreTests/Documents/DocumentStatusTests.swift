import Foundation
import Testing
@testable import FazhiCore

@Suite("Documents: legal status over time")
struct DocumentStatusTests {
    typealias F = DocumentFixtures

    // A document published 2020-06-01, effective 2020-07-01, valid until 2025-06-30.
    static let published = F.date("2020-06-01")
    static let effective = F.date("2020-07-01")
    static let validUntil = F.date("2025-06-30")
    static let successor = F.id(2)

    static func change(_ kind: DocumentChange.Kind, _ date: String, _ basis: String = "凤政发〔2023〕5号") -> DocumentChange {
        DocumentChange(kind: kind, date: F.date(date), basis: basis, linkedDocumentID: kind == .continued ? nil : successor)
    }

    struct StatusCase: Sendable, CustomTestStringConvertible {
        var on: String
        var changes: [DocumentChange] = []
        var effective: LocalDate? = DocumentStatusTests.effective
        var validUntil: LocalDate? = DocumentStatusTests.validUntil
        var status: LegalStatus
        var why: String
        var testDescription: String { "\(on) → \(status.label): \(why)" }
    }

    static let cases: [StatusCase] = [
        StatusCase(on: "2020-06-15", status: .notYetEffective, why: "published, not yet effective"),
        StatusCase(on: "2020-06-30", status: .notYetEffective, why: "the day before the effective date"),
        StatusCase(on: "2020-07-01", status: .inForce, why: "from the effective date"),
        StatusCase(on: "2025-06-30", status: .inForce, why: "the last day of the term"),
        StatusCase(on: "2025-07-01", status: .expired, why: "lapses by itself the day after the term, no job needed"),
        StatusCase(on: "2040-01-01", status: .expired, why: "stays lapsed"),
        StatusCase(on: "2025-07-01", effective: nil, validUntil: nil, status: .notYetEffective, why: "never published"),
        StatusCase(on: "2099-01-01", validUntil: nil, status: .inForce, why: "long-term"),
        // 修改: stays in force.
        StatusCase(on: "2022-02-28", changes: [change(.amended, "2022-03-01")], status: .inForce, why: "before the amendment"),
        StatusCase(on: "2022-03-01", changes: [change(.amended, "2022-03-01")], status: .amendedInForce, why: "amended, in force"),
        StatusCase(on: "2025-07-01", changes: [change(.amended, "2022-03-01")], status: .expired, why: "amendment does not extend the term"),
        // 废止 on a date: in force the day before, not on the date.
        StatusCase(on: "2023-05-09", changes: [change(.repealed, "2023-05-10")], status: .inForce, why: "the day before the repeal"),
        StatusCase(on: "2023-05-10", changes: [change(.repealed, "2023-05-10")], status: .repealed, why: "自决定公布之日起不再执行"),
        StatusCase(on: "2030-01-01", changes: [change(.repealed, "2023-05-10")], status: .repealed, why: "repeal came before expiry"),
        StatusCase(on: "2024-01-01", changes: [change(.amended, "2022-03-01"), change(.repealed, "2023-05-10")],
                   status: .repealed, why: "amended, then repealed"),
        // 宣布失效, 重新公布, 继续有效.
        StatusCase(on: "2020-12-30", changes: [change(.declaredInvalid, "2020-12-31")], status: .inForce, why: "day before"),
        StatusCase(on: "2020-12-31", changes: [change(.declaredInvalid, "2020-12-31")], status: .declaredInvalid, why: "declared invalid"),
        StatusCase(on: "2024-01-14", changes: [change(.republished, "2024-01-15")], status: .inForce, why: "predecessor until the day before"),
        StatusCase(on: "2024-01-15", changes: [change(.republished, "2024-01-15")], status: .superseded, why: "stops on the republication date"),
        StatusCase(on: "2021-01-01", changes: [change(.continued, "2020-12-31")], status: .inForce, why: "continued: status unchanged"),
        StatusCase(on: "2025-07-01", changes: [change(.continued, "2020-12-31")], status: .expired, why: "continued: term unchanged"),
        // Several ends: the earliest decides; same day, the act wins over expiry.
        StatusCase(on: "2026-03-01", changes: [change(.declaredInvalid, "2026-03-01")], status: .expired,
                   why: "already lapsed when declared invalid"),
        StatusCase(on: "2025-07-01", changes: [change(.repealed, "2025-07-01")], status: .repealed, why: "repeal on the day it would lapse"),
        StatusCase(on: "2024-06-01", changes: [change(.republished, "2024-01-15"), change(.repealed, "2023-05-10")],
                   status: .repealed, why: "earliest end, whatever the order recorded"),
        StatusCase(on: "2020-06-19", changes: [change(.repealed, "2020-06-20")], status: .notYetEffective, why: "before an early repeal"),
        StatusCase(on: "2020-06-25", changes: [change(.repealed, "2020-06-20")], status: .repealed, why: "repealed before it took effect"),
    ]

    @Test(arguments: cases)
    func status(_ c: StatusCase) {
        let status = DocumentStatusTimeline.status(on: F.date(c.on), effective: c.effective, validUntil: c.validUntil, changes: c.changes)
        #expect(status == c.status)
    }

    /// The stored dates give the same status as the timeline, on every case above (lists filter on them in SQL).
    @Test(arguments: cases)
    func storedDatesGiveTheSameStatus(_ c: StatusCase) {
        let ending = DocumentStatusTimeline.ending(validUntil: c.validUntil, changes: c.changes)
        let stored = DocumentDerivedDates(validUntil: c.validUntil, endsOn: ending?.date, endingStatus: ending?.status,
                                          amendedOn: c.changes.filter { $0.kind == .amended }.map(\.date).min(), filingDue: nil)
        let expected = DocumentStatusTimeline.status(on: F.date(c.on), effective: c.effective, validUntil: c.validUntil, changes: c.changes)
        #expect(stored.status(on: F.date(c.on), published: true, effective: c.effective) == expected)
        #expect(stored.status(on: F.date(c.on), published: false, effective: c.effective) == nil)
    }

    @Test func derivedDatesFromTheRecord() {
        let rules = DocumentRules()
        let dates = DocumentDerivedDates(published: Self.published, effective: Self.effective, term: .standard,
                                         changes: [Self.change(.amended, "2022-03-01"), Self.change(.repealed, "2023-05-10")],
                                         rules: rules, calendar: F.calendar)
        #expect(dates.validUntil == Self.validUntil)
        #expect(dates.endsOn == F.date("2023-05-10"))
        #expect(dates.endingStatus == .repealed)
        #expect(dates.amendedOn == F.date("2022-03-01"))
        #expect(dates.filingDue == (try? F.calendar.dueDate(of: FilingRule(rules: rules).filingPeriod(published: Self.published))))
        let unpublished = DocumentDerivedDates(published: nil, effective: nil, term: .standard, changes: [], rules: rules, calendar: F.calendar)
        #expect(unpublished == DocumentDerivedDates(validUntil: nil, endsOn: nil, endingStatus: nil, amendedOn: nil, filingDue: nil))
    }

    @Test func wasItInForce() {
        let repeal = [Self.change(.repealed, "2023-05-10")]
        func inForce(_ date: String) -> Bool {
            DocumentStatusTimeline.status(on: F.date(date), effective: Self.effective, validUntil: Self.validUntil, changes: repeal).isInForce
        }
        #expect(!inForce("2020-06-30"))
        #expect(inForce("2020-07-01"))
        #expect(inForce("2023-05-09"))
        #expect(!inForce("2023-05-10"))
        #expect(LegalStatus.amendedInForce.isInForce)
        #expect(!LegalStatus.superseded.isInForce)
    }

    @Test func labels() {
        #expect(LegalStatus.allCases.map(\.label) == [
            "未生效", "有效", "有效（已修改）", "已失效（有效期届满）", "已废止", "已宣布失效", "已重新公布（由新文件替代）",
        ])
        #expect(DocumentChange.Kind.allCases.map(\.label) == ["修改", "废止", "宣布失效", "重新公布", "继续有效"])
    }

    @Test func timelineRunsInDateOrderWithExpiry() {
        let amendment = Self.change(.amended, "2022-03-01", "凤政发〔2022〕3号")
        let confirmation = Self.change(.continued, "2020-12-31", "凤政发〔2020〕40号")
        let events = DocumentStatusTimeline.timeline(published: Self.published, effective: Self.effective,
                                                     validUntil: Self.validUntil, changes: [amendment, confirmation])
        #expect(events.map(\.label) == ["公布", "施行", "继续有效", "修改", "有效期届满"])
        #expect(events.map(\.date) == [Self.published, Self.effective, F.date("2020-12-31"), F.date("2022-03-01"), Self.validUntil])
        #expect(events[3].basis == "凤政发〔2022〕3号")
        #expect(events[3].linkedDocumentID == Self.successor)
        #expect(events[3].kind == .change(.amended))
        #expect(events[4].kind == .expiry)
        #expect(events[0].basis == nil)
    }

    @Test func timelineLeavesOutAnExpiryThatNeverCame() {
        let events = DocumentStatusTimeline.timeline(published: Self.published, effective: Self.effective,
                                                     validUntil: Self.validUntil, changes: [Self.change(.republished, "2024-01-15")])
        #expect(events.map(\.kind) == [.published, .effective, .change(.republished)])
    }

    @Test func timelineOfAnImmediateLongTermDocument() {
        let day = F.date("2020-03-09")
        let events = DocumentStatusTimeline.timeline(published: day, effective: day, validUntil: nil, changes: [])
        #expect(events.map(\.kind) == [.published, .effective])
        #expect(DocumentStatusTimeline.timeline(published: nil, effective: nil, validUntil: nil, changes: []).isEmpty)
    }

    @Test func changesAreCodable() throws {
        let changes = [Self.change(.declaredInvalid, "2020-12-31"), Self.change(.continued, "2020-12-31")]
        let data = try JSONEncoder().encode(changes)
        #expect(try JSONDecoder().decode([DocumentChange].self, from: data) == changes)
        #expect(String(decoding: data, as: UTF8.self).contains("\"declaredInvalid\""))
    }
}
