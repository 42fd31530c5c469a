import Foundation
import Testing
@testable import FazhiCore

@Suite("Advisers: engagements in reviews and decisions, village assignments")
struct AdviserRecordsTests {
    typealias F = AdviserFixtures

    static let term2020 = AdviserTerm(start: F.date("2020-01-01"), end: F.date("2020-12-31"))

    struct EngagementCase: Sendable, CustomTestStringConvertible {
        var term: AdviserTerm?
        var date: String?
        var summary: String?
        var errorFields: [String]
        var testDescription: String { "\(date ?? "nil") \(errorFields)" }
    }

    static let engagementCases: [EngagementCase] = [
        .init(term: term2020, date: "2020-06-01", summary: "出具法律意见书一份", errorFields: []),
        .init(term: nil, date: "2020-06-01", summary: "意见", errorFields: ["adviser"]),
        .init(term: term2020, date: "2021-01-05", summary: "意见", errorFields: ["date"]),  // outside the term
        .init(term: term2020, date: "2019-12-31", summary: "意见", errorFields: ["date"]),
        .init(term: AdviserTerm(start: F.date("2020-01-01"), end: nil), date: "2021-02-01", summary: "意见", errorFields: ["date"]),  // future
        .init(term: term2020, date: "", summary: "意见", errorFields: ["date"]),
        .init(term: term2020, date: "2020-13-01", summary: "意见", errorFields: ["date"]),
        .init(term: term2020, date: "2020-06-01", summary: "  ", errorFields: ["summary"]),
        .init(term: term2020, date: "2020-06-01", summary: String(repeating: "意", count: 2001), errorFields: ["summary"]),
    ]

    @Test(arguments: engagementCases)
    func engagement(_ c: EngagementCase) {
        let result = AdviserEngagement.validate(adviserTerm: c.term, date: c.date, summary: c.summary, today: F.date("2021-01-10"))
        #expect(Set(F.errorsOf(result)?.entries.map(\.field) ?? []) == Set(c.errorFields))
    }

    @Test func subjectsLabelled() {
        #expect(EngagementSubject.allCases.map(\.label) == ["重大行政决策", "政府合同", "规范性文件"])
    }

    struct AssignmentCase: Sendable, CustomTestStringConvertible {
        var name: String
        var level: RegionLevel?
        var adviser: Int?
        var from: String?
        var existing: [VillageAssignmentPlan.Existing]
        var errorFields: [String]
        var ends: [UUID: String] = [:]
        var testDescription: String { name }
    }

    static let assignmentCases: [AssignmentCase] = [
        .init(name: "first adviser of a village", level: .village, adviser: 1, from: "2020-03-01", existing: [], errorFields: []),
        .init(name: "community", level: .community, adviser: 1, from: "2020-03-01", existing: [], errorFields: []),
        .init(name: "township refused", level: .township, adviser: 1, from: "2020-03-01", existing: [], errorFields: ["region"]),
        .init(name: "county refused", level: .county, adviser: 1, from: "2020-03-01", existing: [], errorFields: ["region"]),
        .init(name: "no region", level: nil, adviser: 1, from: "2020-03-01", existing: [], errorFields: ["region"]),
        .init(name: "no adviser", level: .village, adviser: nil, from: "2020-03-01", existing: [], errorFields: ["adviser"]),
        .init(name: "outside term", level: .village, adviser: 1, from: "2021-01-01", existing: [], errorFields: ["from"]),
        .init(name: "bad date", level: .village, adviser: 1, from: "2020-02-30", existing: [], errorFields: ["from"]),
        .init(name: "replacing ends the current one the day before", level: .village, adviser: 1, from: "2020-07-01",
              existing: [.init(id: F.id(10), adviserID: F.id(2), from: F.date("2020-01-01"), to: nil)], errorFields: [],
              ends: [F.id(10): "2020-06-30"]),
        .init(name: "a finished assignment is left alone", level: .village, adviser: 1, from: "2020-07-01",
              existing: [.init(id: F.id(10), adviserID: F.id(2), from: F.date("2020-01-01"), to: F.date("2020-03-31"))], errorFields: []),
        .init(name: "a later assignment is not overwritten", level: .village, adviser: 1, from: "2020-07-01",
              existing: [.init(id: F.id(10), adviserID: F.id(2), from: F.date("2020-08-01"), to: nil)], errorFields: ["from"]),
        .init(name: "same start refused", level: .village, adviser: 1, from: "2020-07-01",
              existing: [.init(id: F.id(10), adviserID: F.id(2), from: F.date("2020-07-01"), to: nil)], errorFields: ["from"]),
        .init(name: "already serving", level: .village, adviser: 1, from: "2020-07-01",
              existing: [.init(id: F.id(10), adviserID: F.id(1), from: F.date("2020-01-01"), to: nil)], errorFields: ["adviser"]),
    ]

    @Test(arguments: assignmentCases)
    func assignment(_ c: AssignmentCase) {
        let result = VillageAssignmentPlan.plan(regionLevel: c.level, adviserID: c.adviser.map(F.id), adviserTerm: c.adviser == nil ? nil : Self.term2020,
                                                from: c.from, existing: c.existing, today: F.date("2020-12-31"))
        #expect(Set(F.errorsOf(result)?.entries.map(\.field) ?? []) == Set(c.errorFields))
        if case .success(let plan) = result {
            #expect(plan.ends == c.ends.mapValues(F.date))
            #expect(plan.to == Self.term2020.end)
        }
    }
}
