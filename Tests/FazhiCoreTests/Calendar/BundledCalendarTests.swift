import Foundation
import Testing
@testable import FazhiCore

@Suite("Bundled holidays-cn.json")
struct BundledCalendarTests {
    typealias F = CalendarFixtures

    @Test func decodesAndCovers2015Through2026() throws {
        let years = try LegalCalendar.bundledYears()
        #expect(years.map(\.year) == Array(2015...2026))
        #expect(F.bundled.coveredYears == Array(2015...2026))
        #expect(F.bundled.covers(2015) && F.bundled.covers(2026))
        #expect(!F.bundled.covers(2014) && !F.bundled.covers(2027))
        let allVerified = years.allSatisfy { $0.verified }
        #expect(allVerified)
    }

    @Test func everyWorkdayIsASaturdayOrSunday() {
        for year in F.bundled.years {
            for workday in year.workdays {
                #expect(workday.date.isWeekend, "\(year.year): \(workday.date) is \(workday.date.chineseWeekday)")
            }
        }
    }

    @Test func everyHolidayDateFallsInItsNoticeWindow() {
        for year in F.bundled.years {
            for holiday in year.holidays {
                #expect(holiday.from <= holiday.to)
                #expect(holiday.from >= LocalDate(year: year.year - 1, month: 12, day: 1)!)
                #expect(holiday.to.year == year.year)
            }
        }
    }

    /// The notice numbers, typed from the notices' headers.
    @Test(arguments: [
        (2015, "国办发明电〔2014〕28号", ["国发明电〔2015〕1号"]),
        (2016, "国办发明电〔2015〕18号", []),
        (2017, "国办发明电〔2016〕17号", []),
        (2018, "国办发明电〔2017〕12号", []),
        (2019, "国办发明电〔2018〕15号", ["国办发明电〔2019〕3号"]),
        (2020, "国办发明电〔2019〕16号", ["国办发明电〔2020〕1号"]),
        (2021, "国办发明电〔2020〕27号", []),
        (2022, "国办发明电〔2021〕11号", []),
        (2023, "国办发明电〔2022〕16号", []),
        (2024, "国办发明电〔2023〕7号", []),
        (2025, "国办发明电〔2024〕12号", []),
        (2026, "国办发明电〔2025〕7号", []),
    ])
    func noticeNumbers(year: Int, notice: String, amendments: [String]) {
        let data = F.bundledYear(year)
        #expect(data.notice == notice)
        #expect(data.amendments.map(\.notice) == amendments)
    }

    /// Every 调休上班 day, typed a second time from the notices' wording: a make-up day moved to another
    /// weekend day would pass every structural check, so the list itself is pinned.
    @Test(arguments: [
        (2015, ["2015-01-04", "2015-02-15", "2015-02-28", "2015-09-06", "2015-10-10"]),
        (2016, ["2016-02-06", "2016-02-14", "2016-06-12", "2016-09-18", "2016-10-08", "2016-10-09"]),
        (2017, ["2017-01-22", "2017-02-04", "2017-04-01", "2017-05-27", "2017-09-30"]),
        (2018, ["2018-02-11", "2018-02-24", "2018-04-08", "2018-04-28", "2018-09-29", "2018-09-30"]),
        (2019, ["2018-12-29", "2019-02-02", "2019-02-03", "2019-04-28", "2019-05-05", "2019-09-29", "2019-10-12"]),
        (2020, ["2020-01-19", "2020-04-26", "2020-05-09", "2020-06-28", "2020-09-27", "2020-10-10"]),
        (2021, ["2021-02-07", "2021-02-20", "2021-04-25", "2021-05-08", "2021-09-18", "2021-09-26", "2021-10-09"]),
        (2022, ["2022-01-29", "2022-01-30", "2022-04-02", "2022-04-24", "2022-05-07", "2022-10-08", "2022-10-09"]),
        (2023, ["2023-01-28", "2023-01-29", "2023-04-23", "2023-05-06", "2023-06-25", "2023-10-07", "2023-10-08"]),
        (2024, ["2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14", "2024-09-29", "2024-10-12"]),
        (2025, ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"]),
        (2026, ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]),
    ])
    func makeUpWorkingDays(year: Int, dates: [String]) {
        #expect(F.bundledYear(year).workdays.map(\.date).sorted() == dates.map(F.date))
    }

    /// 全国年节及纪念日放假办法: 11 statutory days a year under 国务院令第644号 (2013), 13 under
    /// 国务院令第795号 (2024, from 2025). Art. 6 makes up a statutory day falling on a weekend on a weekday,
    /// and every bridge day is paid back by a make-up weekend working day, so in each notice
    /// (weekday days off) − (make-up working days) = statutory days. One-off additions: 2015 +1 (3 September,
    /// 国发明电〔2015〕1号); 2020 +2 (the extension gave Friday 31 January and cancelled the Saturday
    /// 1 February working day). A dropped or misplaced make-up day breaks this count.
    @Test(arguments: [
        (2015, 12), (2016, 11), (2017, 11), (2018, 11), (2019, 11), (2020, 13),
        (2021, 11), (2022, 11), (2023, 11), (2024, 11), (2025, 13), (2026, 13),
    ])
    func weekdayDaysOffMinusMakeUpDaysIsTheStatutoryTotal(year: Int, statutory: Int) {
        let data = F.bundledYear(year)
        let weekdayDaysOff = data.holidays.flatMap(\.days).filter { !$0.isWeekend }.count
        #expect(weekdayDaysOff - data.workdays.count == statutory)
    }

    @Test func amendmentsAreApplied() throws {
        // 国办发明电〔2020〕1号: Spring Festival to 2 February; the Saturday 1 February working day is gone.
        let y2020 = F.bundledYear(2020)
        #expect(y2020.holidays.contains(.init(name: "春节", from: F.date("2020-01-24"), to: F.date("2020-02-02"))))
        #expect(!y2020.workdays.map(\.date).contains(F.date("2020-02-01")))
        #expect(y2020.workdays.map(\.date).contains(F.date("2020-01-19")))
        // 国办发明电〔2019〕3号: Labour Day 1–4 May, Sundays 28 April and 5 May worked.
        let y2019 = F.bundledYear(2019)
        #expect(y2019.holidays.contains(.init(name: "劳动节", from: F.date("2019-05-01"), to: F.date("2019-05-04"))))
        #expect(Set([F.date("2019-04-28"), F.date("2019-05-05")]).isSubset(of: Set(y2019.workdays.map(\.date))))
        // 国发明电〔2015〕1号: 3–5 September off, Sunday 6 September worked.
        #expect(try F.bundled.kind(of: F.date("2015-09-04")) == .holiday("中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日"))
        #expect(try F.bundled.isWorkingDay(F.date("2015-09-06")))
    }

    @Test func reEncodingRoundTrips() throws {
        let file = CalendarFile(source: "test", years: F.bundled.years)
        let data = try JSONEncoder().encode(file)
        #expect(try CalendarYear.decode(data) == F.bundled.years)
    }
}
