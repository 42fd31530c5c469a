import Foundation
import Testing
@testable import FazhiCore

@Suite("CalendarYear.decode and validation")
struct CalendarDecodeTests {
    typealias F = CalendarFixtures

    static let single2026 = #"""
    {"year": 2026, "notice": "国办发明电〔2025〕7号", "published": "2025-11-04",
     "holidays": [{"name": "元旦", "from": "2026-01-01", "to": "2026-01-03"}],
     "workdays": [{"date": "2026-01-04"}]}
    """#

    @Test func singleYearObject() throws {
        let years = try CalendarYear.decode(Data(Self.single2026.utf8))
        #expect(years.count == 1)
        let year = try #require(years.first)
        #expect(year.year == 2026 && year.notice == "国办发明电〔2025〕7号")
        #expect(year.published == F.date("2025-11-04"))
        #expect(year.verified && year.amendments.isEmpty)
        #expect(year.workdays == [.init(date: F.date("2026-01-04"), name: "调休上班")])
    }

    @Test func wholeFileAndArrayForms() throws {
        let file = "{\"source\": \"x\", \"years\": [\(Self.single2026)]}"
        #expect(try CalendarYear.decode(Data(file.utf8)).map(\.year) == [2026])
        let array = "[\(Self.single2026)]"
        #expect(try CalendarYear.decode(Data(array.utf8)).map(\.year) == [2026])
    }

    @Test func unverifiedFlagIsKept() throws {
        let text = Self.single2026.replacingOccurrences(of: #""year": 2026,"#, with: #""year": 2026, "verified": false,"#)
        #expect(try CalendarYear.decode(Data(text.utf8)).first?.verified == false)
    }

    @Test(arguments: [
        ("not json", "不是有效的 JSON"),
        (#"{"foo": 1}"#, "应为含 years"),
        (#"{"year": 2026, "notice": "x", "holidays": [{"name": "元旦", "from": "2026-02-30", "to": "2026-03-01"}]}"#, "2026-02-30"),
        (#"{"year": 2026, "notice": "x"}"#, "holidays"),
    ])
    func malformedInput(json: String, mentions: String) {
        do {
            _ = try CalendarYear.decode(Data(json.utf8))
            Issue.record("decoded malformed input")
        } catch let error as CalendarError {
            guard case .malformed = error else { Issue.record("wrong error \(error)"); return }
            #expect(error.message.contains(mentions), "\(error.message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func duplicateYearsInOneFileRejected() {
        let file = "{\"source\": \"x\", \"years\": [\(Self.single2026), \(Self.single2026)]}"
        #expect(throws: CalendarError.duplicateYear(2026)) { try CalendarYear.decode(Data(file.utf8)) }
    }

    struct Mutation: Sendable, CustomTestStringConvertible {
        var label: String
        var change: @Sendable (inout CalendarYear) -> Void
        var error: CalendarError
        var testDescription: String { label }
    }

    static let d = CalendarFixtures.date

    static let mutations: [Mutation] = [
        Mutation(label: "year 1999", change: { $0.year = 1999 }, error: .yearOutOfRange(1999)),
        Mutation(label: "year 2101", change: { $0.year = 2101 }, error: .yearOutOfRange(2101)),
        Mutation(label: "blank notice", change: { $0.notice = "  " }, error: .missingNotice(year: 2026)),
        Mutation(label: "no holidays", change: { $0.holidays = [] }, error: .noHolidays(year: 2026)),
        Mutation(label: "blank name", change: { $0.holidays[0].name = "" },
                 error: .missingHolidayName(year: 2026, from: d("2026-01-01"))),
        Mutation(label: "reversed range", change: { $0.holidays[1].to = d("2026-02-14") },
                 error: .rangeReversed(year: 2026, name: "春节", from: d("2026-02-15"), to: d("2026-02-14"))),
        Mutation(label: "starts before December of the year before",
                 change: { $0.holidays[0].from = d("2025-11-30") },
                 error: .dateOutsideYear(year: 2026, date: d("2025-11-30"))),
        Mutation(label: "ends in the next year", change: { $0.holidays[6].to = d("2027-01-01") },
                 error: .dateOutsideYear(year: 2026, date: d("2027-01-01"))),
        Mutation(label: "overlapping holidays",
                 change: { $0.holidays.append(.init(name: "重复", from: d("2026-10-07"), to: d("2026-10-08"))) },
                 error: .duplicateDate(year: 2026, date: d("2026-10-07"))),
        Mutation(label: "weekday workday", change: { $0.workdays[0].date = d("2026-01-05") },
                 error: .workdayNotWeekend(year: 2026, date: d("2026-01-05"))),
        Mutation(label: "workday inside a holiday", change: { $0.workdays[0].date = d("2026-02-21") },
                 error: .workdayInsideHoliday(year: 2026, date: d("2026-02-21"), holiday: "春节")),
        Mutation(label: "duplicate workday", change: { $0.workdays.append($0.workdays[0]) },
                 error: .duplicateDate(year: 2026, date: d("2026-01-04"))),
        Mutation(label: "workday outside the window", change: { $0.workdays[0].date = d("2025-11-29") },
                 error: .dateOutsideYear(year: 2026, date: d("2025-11-29"))),
    ]

    @Test(arguments: mutations)
    func invalidYearRejected(_ mutation: Mutation) throws {
        var year = F.bundledYear(2026)
        try year.validate()   // the unmutated year is valid
        mutation.change(&year)
        #expect(throws: mutation.error) { try year.validate() }
        let data = try JSONEncoder().encode(year)
        #expect(throws: mutation.error) { try CalendarYear.decode(data) }
    }

    @Test func decemberOfThePreviousYearIsAllowed() throws {
        var year = F.bundledYear(2026)
        year.holidays[0].from = F.date("2025-12-01")
        try year.validate()
    }

    @Test func messagesNameTheYearAndTheDate() {
        let weekday = CalendarError.workdayNotWeekend(year: 2026, date: F.date("2026-01-05")).message
        #expect(weekday.hasPrefix("2026年："))
        #expect(weekday.contains("2026-01-05") && weekday.contains("星期一"))
        let inside = CalendarError.workdayInsideHoliday(year: 2026, date: F.date("2026-02-21"), holiday: "春节").message
        #expect(inside.contains("2026-02-21") && inside.contains("春节"))
        let outside = CalendarError.dateOutsideYear(year: 2026, date: F.date("2027-01-01")).message
        #expect(outside.contains("2025年12月1日") && outside.contains("2027-01-01"))
        #expect(CalendarError.invalidLength(0).localizedDescription.contains("1至3650"))
    }
}
