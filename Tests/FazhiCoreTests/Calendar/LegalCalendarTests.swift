import Foundation
import Testing
@testable import FazhiCore

@Suite("LegalCalendar.kind(of:)")
struct LegalCalendarTests {
    typealias F = CalendarFixtures

    enum Expected: Sendable, CustomTestStringConvertible {
        case working, weekend, holiday(String), makeUp(String), notCovered(Int)
        var testDescription: String { "\(self)" }
    }

    @Test(arguments: [
        ("2024-10-01", Expected.holiday("国庆节")),
        ("2024-10-05", .holiday("国庆节")),                 // a Saturday inside the range
        ("2024-09-29", .makeUp("国庆节调休上班")),            // Sunday worked
        ("2024-10-12", .makeUp("国庆节调休上班")),            // Saturday worked
        ("2024-10-13", .weekend),
        ("2024-10-08", .working),
        ("2024-02-09", .working),                            // 2024 除夕: rest only "encouraged"
        ("2025-01-28", .holiday("春节")),                    // 除夕 statutory from 2025
        ("2020-02-01", .holiday("春节")),                    // worked Saturday turned holiday by the 2020 extension
        ("2020-01-19", .makeUp("春节调休上班")),
        ("2015-01-04", .makeUp("元旦调休上班")),
        ("2018-12-29", .makeUp("元旦调休上班")),             // December date set by the 2019 notice
        ("2018-12-31", .holiday("元旦")),
        ("2022-12-31", .holiday("元旦")),                    // the 2023 notice reaches into 2022
        ("2019-05-03", .holiday("劳动节")),                  // 国办发明电〔2019〕3号
        ("2019-05-05", .makeUp("劳动节调休上班")),
        ("2015-09-06", .makeUp("纪念日调休上班")),
        ("2026-02-14", .makeUp("春节调休上班")),
        ("2026-02-23", .holiday("春节")),
        ("2026-12-31", .working),
        ("2014-12-31", .notCovered(2014)),
        ("2027-01-04", .notCovered(2027)),
    ])
    func kind(date: String, expected: Expected) throws {
        let day = F.date(date)
        switch expected {
        case .notCovered(let year):
            #expect(throws: CalendarError.yearNotCovered(year)) { try F.bundled.kind(of: day) }
        case .working:
            #expect(try F.bundled.kind(of: day) == .workingDay)
        case .weekend:
            #expect(try F.bundled.kind(of: day) == .weekend)
        case .holiday(let name):
            #expect(try F.bundled.kind(of: day) == .holiday(name))
        case .makeUp(let name):
            #expect(try F.bundled.kind(of: day) == .makeUpWorkingDay(name))
        }
    }

    @Test func uncoveredYearMessageTellsTheAdminToImport() {
        let message = CalendarError.yearNotCovered(2027).message
        #expect(message.contains("2027年"))
        #expect(message.contains("国务院"))
        #expect(message.contains("管理员导入"))
    }

    @Test func aDateNamedByNextYearsNoticeIsKnownWithoutItsOwnYear() throws {
        let only2019 = try LegalCalendar(years: [F.bundledYear(2019)])
        #expect(try only2019.kind(of: F.date("2018-12-29")) == .makeUpWorkingDay("元旦调休上班"))
        #expect(try only2019.kind(of: F.date("2018-12-30")) == .holiday("元旦"))
        // A December 2018 date the notice does not name still needs the 2018 notice.
        #expect(throws: CalendarError.yearNotCovered(2018)) { try only2019.kind(of: F.date("2018-12-28")) }
    }

    @Test func laterYearsReplaceEarlierOnes() throws {
        let original = F.bundledYear(2026)
        var imported = original
        imported.notice = "测试更正"
        imported.workdays.removeAll { $0.date == F.date("2026-10-10") }
        let calendar = try LegalCalendar(years: F.bundled.years + [imported])
        #expect(calendar.year(2026)?.notice == "测试更正")
        #expect(try calendar.kind(of: F.date("2026-10-10")) == .weekend)
        #expect(try F.bundled.kind(of: F.date("2026-10-10")) == .makeUpWorkingDay("国庆节调休上班"))
        #expect(calendar.coveredYears == Array(2015...2026))
    }

    @Test func contradictingNoticesAreRejected() throws {
        var y2019 = F.bundledYear(2019)
        // Pretend the 2018 notice itself had made 2018-12-29 a holiday.
        var y2018 = F.bundledYear(2018)
        y2018.holidays.append(.init(name: "虚构", from: F.date("2018-12-29"), to: F.date("2018-12-29")))
        #expect(throws: CalendarError.conflictingYears(date: F.date("2018-12-29"), years: [2018, 2019])) {
            try LegalCalendar(years: [y2018, y2019])
        }
        y2019.notice = ""
        #expect(throws: CalendarError.missingNotice(year: 2019)) { try LegalCalendar(years: [y2019]) }
    }

    @Test(arguments: [
        ("2026-12-15", true),   // 2027 notice not in the calendar: it may still change late December
        ("2026-11-30", false),
        ("2025-12-31", false),  // the 2026 notice is in
    ])
    func provisionalDecemberDates(date: String, provisional: Bool) {
        #expect(F.bundled.isProvisional(F.date(date)) == provisional)
    }
}
