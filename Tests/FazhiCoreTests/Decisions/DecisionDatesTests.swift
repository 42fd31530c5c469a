import Foundation
import Testing
@testable import FazhiCore

@Suite("Decisions: consultation, legality review and evaluation dates")
struct DecisionDatesTests {
    typealias F = DecisionFixtures

    struct EndCase: Sendable, CustomTestStringConvertible {
        var start: String
        var minimumEnd: String
        var why: String
        var testDescription: String { "\(start) → \(minimumEnd) (\(why))" }
    }

    /// Art. 15: 30 days from the day after the consultation opens (民法典 art. 201), the last day rolled over rest days.
    @Test(arguments: [
        EndCase(start: "2020-03-02", minimumEnd: "2020-04-01", why: "30th day a Wednesday"),
        EndCase(start: "2020-09-03", minimumEnd: "2020-10-09", why: "30th day in the National Day holiday"),
        EndCase(start: "2020-03-07", minimumEnd: "2020-04-07", why: "30th day the 清明 holiday Monday"),
        EndCase(start: "2020-08-28", minimumEnd: "2020-09-27", why: "30th day a make-up working Sunday: no roll-over"),
    ])
    func minimumEnd(_ row: EndCase) throws {
        let rule = ConsultationPeriodRule()
        #expect(try rule.minimumEnd(start: F.date(row.start), calendar: F.calendar) == F.date(row.minimumEnd))
    }

    @Test func minimumPeriodShape() {
        let period = ConsultationPeriodRule().minimumPeriod(start: F.date("2020-03-02"))
        #expect(period == Period(start: F.date("2020-03-02"), length: 30, unit: .calendarDays))
    }

    struct CheckCase: Sendable, CustomTestStringConvertible {
        var start: String
        var end: String
        var reason: String?
        var field: String?
        var message: String?
        var testDescription: String { "\(start)…\(end) reason=\(reason ?? "nil")" }
    }

    static let tooShort = "公开征求意见的期限一般不少于30日（自开始之日的次日起算），截止日期不得早于2020年4月1日；因情况紧急等原因需要缩短期限的，应当填写缩短期限的理由（《重大行政决策程序暂行条例》第十五条）。"

    @Test(arguments: [
        CheckCase(start: "2020-03-02", end: "2020-04-01"),
        CheckCase(start: "2020-03-02", end: "2020-05-01"),
        CheckCase(start: "2020-03-02", end: "2020-03-31", field: "consultationEnd", message: tooShort),
        CheckCase(start: "2020-03-02", end: "2020-03-31", reason: "  \n ", field: "consultationEnd", message: tooShort),
        CheckCase(start: "2020-03-02", end: "2020-03-09", reason: "疫情防控紧急需要，依据第十五条缩短征求意见期限"),
        CheckCase(start: "2020-03-02", end: "2020-03-09", reason: "紧急\u{0}", field: "shortenedReason",
                  message: "「缩短征求意见期限的理由」含有不允许的控制字符。"),
        CheckCase(start: "2020-03-02", end: "2020-03-01", field: "consultationEnd",
                  message: "征求意见截止日期（2020年3月1日）不能早于开始日期（2020年3月2日）。"),
        CheckCase(start: "2026-12-15", end: "2027-02-01", field: "consultationEnd", message: CalendarError.yearNotCovered(2027).message),
    ])
    func check(_ row: CheckCase) {
        let errors = ConsultationPeriodRule().check(start: F.date(row.start), end: F.date(row.end), shortenedReason: row.reason,
                                                    calendar: F.calendar)
        if let field = row.field {
            #expect(errors[field] == [row.message!])
            #expect(errors.entries.count == 1)
        } else {
            #expect(errors.isEmpty, "\(errors)")
        }
    }

    @Test func openThroughTheEndDate() {
        let rule = ConsultationPeriodRule()
        let start = F.date("2020-03-02"), end = F.date("2020-03-31")
        #expect(!rule.isOpen(on: F.date("2020-03-01"), start: start, end: end))
        #expect(rule.isOpen(on: start, start: start, end: end))
        #expect(rule.isOpen(on: end, start: start, end: end))
        #expect(!rule.isOpen(on: F.date("2020-04-01"), start: start, end: end))
    }

    struct ReviewCase: Sendable, CustomTestStringConvertible {
        var received: String
        var earliest: String
        var why: String
        var testDescription: String { "\(received) → \(earliest) (\(why))" }
    }

    /// Art. 26(2): at least 7 working days, the receiving day not counted.
    @Test(arguments: [
        ReviewCase(received: "2020-06-01", earliest: "2020-06-10", why: "plain weeks"),
        ReviewCase(received: "2020-06-05", earliest: "2020-06-16", why: "a Friday"),
        ReviewCase(received: "2020-09-25", earliest: "2020-10-12", why: "make-up 9-27 and 10-10 count, 10-1…10-8 do not"),
        ReviewCase(received: "2020-06-20", earliest: "2020-07-01", why: "端午 6-25…6-27, make-up Sunday 6-28 counts"),
        ReviewCase(received: "2020-01-20", earliest: "2020-02-06", why: "extended Spring Festival to 2-2"),
    ])
    func earliestCompletion(_ row: ReviewCase) throws {
        let rule = DecisionLegalityReviewRule()
        #expect(try rule.earliestCompletionDate(received: F.date(row.received), calendar: F.calendar) == F.date(row.earliest))
        #expect(rule.minimumReviewPeriod(received: F.date(row.received)).unit == .workingDays)
        #expect(try rule.shortNoticeWarning(received: F.date(row.received), requestedBy: F.date(row.earliest), calendar: F.calendar) == nil)
        let dayBefore = F.date(row.earliest).adding(days: -1)
        #expect(try rule.shortNoticeWarning(received: F.date(row.received), requestedBy: dayBefore, calendar: F.calendar) != nil)
    }

    @Test func shortNoticeWarningText() throws {
        let rule = DecisionLegalityReviewRule()
        let warning = try rule.shortNoticeWarning(received: F.date("2020-06-01"), requestedBy: F.date("2020-06-05"), calendar: F.calendar)
        #expect(warning == "决策承办单位要求在2020年6月5日前完成合法性审查，只留给法制机构4个工作日；送请合法性审查应当保证必要的审查时间，"
            + "一般不少于7个工作日（《重大行政决策程序暂行条例》第二十六条），即不早于2020年6月10日。")
        #expect(try rule.workingDaysAllowed(received: F.date("2020-06-01"), requestedBy: F.date("2020-05-20"), calendar: F.calendar) == 0)
        #expect(throws: CalendarError.self) {
            try rule.earliestCompletionDate(received: F.date("2026-12-28"), calendar: F.calendar)
        }
    }

    @Test(arguments: [
        ("2020-05-20", 24, "2022-05-20"),
        ("2020-02-29", 24, "2022-02-28"),
        ("2020-02-29", 48, "2024-02-29"),
        ("2020-01-31", 1, "2020-02-29"),
        ("2020-12-31", 12, "2021-12-31"),
        ("2020-08-31", 6, "2021-02-28"),
    ])
    func evaluationDue(_ decided: String, _ months: Int, _ due: String) {
        let rule = PostDecisionEvaluationRule(rules: DecisionRules(evaluationAfterMonths: months))
        #expect(rule.evaluationDue(decidedOn: F.date(decided)) == F.date(due))
        #expect(rule.evaluationDue(decidedOn: F.date(decided), planned: nil) == F.date(due))
        #expect(rule.evaluationDue(decidedOn: F.date(decided), planned: F.date("2021-12-31")) == F.date("2021-12-31"))
    }
}
