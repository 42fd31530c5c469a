import Foundation
import Testing
@testable import FazhiCore

@Suite("CalendarYear.parse: the admin form")
struct CalendarFormTests {
    typealias F = CalendarFixtures
    typealias Field = CalendarFormErrors.Field

    @Test func acceptsTheNoticeAsAClerkWouldTypeIt() throws {
        let holidays = """
        元旦 2026-01-01 2026-01-03
        春节 2026年2月15日至2026年2月23日
        清明节，2026/4/4，2026/4/6

        劳动节 5月1日~5月5日
        端午节 2026-06-19 到 2026-06-21
        中秋节 9月25日（周五）至27日（周日）
        国庆节 2026.10.1—2026.10.7
        """
        let workdays = """
        2026-01-04 元旦调休上班
        2026-02-14（周六） 春节调休上班
        2026-02-28 春节调休上班
        ２０２６－０５－０９ 劳动节调休上班
        2026-09-20 国庆节调休上班
        2026-10-10 国庆节调休上班
        """
        let year = try Self.parse(year: "2026", notice: " 国办发明电〔2025〕7号 ", holidays: holidays, workdays: workdays).get()
        let bundled = F.bundledYear(2026)
        #expect(year.year == 2026 && year.notice == "国办发明电〔2025〕7号")
        #expect(year.holidays == bundled.holidays)
        #expect(year.workdays == bundled.workdays)
    }

    @Test func oneDayHolidayAndDefaultWorkdayNote() throws {
        let year = try Self.parse(year: "2025", notice: "国办发明电〔2024〕12号",
                                  holidays: "元旦 2025-01-01\n春节 2025-01-28 2025-02-04", workdays: "2025-01-26").get()
        #expect(year.holidays[0] == .init(name: "元旦", from: F.date("2025-01-01"), to: F.date("2025-01-01")))
        #expect(year.workdays == [.init(date: F.date("2025-01-26"), name: "调休上班")])
    }

    @Test func everyBundledYearRoundTripsThroughTheForm() throws {
        for bundled in F.bundled.years {
            let year = try CalendarYear.parse(year: String(bundled.year), notice: bundled.notice,
                                              holidayLines: bundled.holidayLines, workdayLines: bundled.workdayLines).get()
            #expect(year.holidays == bundled.holidays, "\(bundled.year)")
            #expect(year.workdays == bundled.workdays, "\(bundled.year)")
        }
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        var label: String
        var year = "2026"
        var notice = "国办发明电〔2025〕7号"
        var holidays = "春节 2026-02-15 2026-02-23"
        var workdays = "2026-02-14"
        var field: Field
        var line: Int?
        var mentions: String
        var testDescription: String { label }
    }

    static let bad: [Bad] = [
        Bad(label: "empty year", year: "", field: .year, line: nil, mentions: "请填写年份"),
        Bad(label: "two-digit year", year: "26", field: .year, line: nil, mentions: "2000至2100"),
        Bad(label: "year out of range", year: "1999", field: .year, line: nil, mentions: "2000至2100"),
        Bad(label: "empty notice", notice: "  ", field: .notice, line: nil, mentions: "通知文号"),
        Bad(label: "no holidays", holidays: "\n  \n", field: .holidays, line: nil, mentions: "至少填写一项"),
        Bad(label: "impossible date", holidays: "\n\n春节 2026-02-30 2026-03-01", field: .holidays, line: 3, mentions: "2026-02-30"),
        Bad(label: "no name", holidays: "2026-02-15 2026-02-23", field: .holidays, line: 1, mentions: "缺少节日名称"),
        Bad(label: "no date", holidays: "春节", field: .holidays, line: 1, mentions: "缺少日期"),
        Bad(label: "three dates", holidays: "春节 2026-02-15 2026-02-16 2026-02-17", field: .holidays, line: 1, mentions: "两个日期"),
        Bad(label: "reversed range", holidays: "元旦 2026-01-01\n春节 2026-02-23 2026-02-15", field: .holidays, line: 2, mentions: "晚于"),
        Bad(label: "range outside the year", holidays: "元旦 2025-11-30 2026-01-01", field: .holidays, line: 1, mentions: "2025-11-30"),
        Bad(label: "overlap", holidays: "春节 2026-02-15 2026-02-23\n春节 2026-02-23", field: .holidays, line: 2, mentions: "重复"),
        Bad(label: "garbled workday", workdays: "2026-02-14\n二月十四", field: .workdays, line: 2, mentions: "无法识别"),
        Bad(label: "weekday workday", workdays: "2026-02-14\n2026-01-05 调休", field: .workdays, line: 2, mentions: "星期一"),
        Bad(label: "workday inside holiday", workdays: "2026-02-21", field: .workdays, line: 1, mentions: "春节"),
        Bad(label: "two dates on one line", workdays: "2026-02-14 2026-02-28", field: .workdays, line: 1, mentions: "另起一行"),
        Bad(label: "duplicate workday", workdays: "2026-02-14\n\n2026-02-14", field: .workdays, line: 3, mentions: "重复"),
    ]

    @Test(arguments: bad)
    func rejects(_ c: Bad) {
        switch Self.parse(year: c.year, notice: c.notice, holidays: c.holidays, workdays: c.workdays) {
        case .success:
            Issue.record("accepted \(c.label)")
        case .failure(let errors):
            let entries = errors.entries(for: c.field)
            #expect(entries.count == 1, "\(errors.entries)")
            #expect(entries.first?.line == c.line)
            #expect(entries.first?.message.contains(c.mentions) == true, "\(errors.entries)")
            #expect(errors.entries.allSatisfy { $0.field == c.field }, "only the bad field is flagged: \(errors.entries)")
        }
    }

    @Test func reportsEveryFieldAtOnceWithLineNumbers() throws {
        let result = Self.parse(year: "abc", notice: "", holidays: "春节 2026-13-01", workdays: "2026-02-14\n2026-02-31")
        guard case .failure(let errors) = result else { Issue.record("accepted"); return }
        #expect(Set(errors.entries.map(\.field)) == [.year, .notice, .holidays, .workdays])
        #expect(errors.messages(for: .workdays).first?.hasPrefix("第2行：") == true)
        #expect(errors.messages(for: .year).first?.hasPrefix("第") == false)
    }

    static func parse(year: String, notice: String, holidays: String, workdays: String)
        -> Result<CalendarYear, CalendarFormErrors>
    {
        CalendarYear.parse(year: year, notice: notice, holidayLines: holidays, workdayLines: workdays)
    }
}
