import Foundation
import Testing
@testable import FazhiCore

@Suite("Documents: publication, comment, review and filing dates")
struct DocumentDatesTests {
    typealias F = DocumentFixtures

    // MARK: Publication (湖南省规范性文件管理办法 art. 20 as amended by 省政府令第289号)

    struct PublicationCase: Sendable, CustomTestStringConvertible {
        var published: String
        var effective: String
        var immediate = false
        var reason: String?
        var errors: [String: [String]] = [:]
        var why = ""
        var testDescription: String { "\(published) → \(effective)\(immediate ? " 立即施行" : "") \(why)" }
    }

    static let publicationCases: [PublicationCase] = [
        PublicationCase(published: "2020-06-01", effective: "2020-07-01"),
        PublicationCase(published: "2020-06-01", effective: "2020-09-01"),
        PublicationCase(published: "2020-06-01", effective: "2020-07-04", why: "a Saturday is fine: no roll-over"),
        PublicationCase(published: "2020-06-01", effective: "2020-06-30", errors: ["effective": [
            "施行日期应在公布之日起30日以后，即不早于2020年7月1日；公布后不立即施行将有碍执行或者不利于保障国家安全、公共利益的，可选择自公布之日起施行并说明理由。"]]),
        PublicationCase(published: "2020-06-01", effective: "2020-06-01", errors: ["effective": [
            "施行日期应在公布之日起30日以后，即不早于2020年7月1日；公布后不立即施行将有碍执行或者不利于保障国家安全、公共利益的，可选择自公布之日起施行并说明理由。"]]),
        PublicationCase(published: "2020-06-01", effective: "2020-06-01", immediate: true, reason: "疫情防控急需"),
        PublicationCase(published: "2020-06-01", effective: "2020-06-01", immediate: true, reason: nil,
                        errors: ["immediateReason": ["请填写「立即施行的理由」。"]]),
        PublicationCase(published: "2020-06-01", effective: "2020-06-01", immediate: true, reason: "  \n ",
                        errors: ["immediateReason": ["请填写「立即施行的理由」。"]]),
        PublicationCase(published: "2020-06-01", effective: "2020-06-02", immediate: true, reason: "疫情防控急需",
                        errors: ["effective": ["自公布之日起施行的，施行日期应与公布日期（2020年6月1日）相同。"]]),
        PublicationCase(published: "2020-06-01", effective: "2020-05-31", errors: ["effective": [
            "施行日期（2020年5月31日）不能早于公布日期（2020年6月1日）。"]]),
        PublicationCase(published: "2020-06-01", effective: "2020-05-31", immediate: true, reason: "急需", errors: ["effective": [
            "施行日期（2020年5月31日）不能早于公布日期（2020年6月1日）。"]]),
    ]

    @Test(arguments: publicationCases)
    func publication(_ c: PublicationCase) {
        let errors = PublicationRule().check(published: F.date(c.published), effective: F.date(c.effective),
                                             immediate: c.immediate, reason: c.reason)
        var byField: [String: [String]] = [:]
        for entry in errors.entries { byField[entry.field, default: []].append(entry.message) }
        #expect(byField == c.errors)
    }

    @Test func earliestEffective() {
        #expect(PublicationRule().earliestEffective(published: F.date("2020-12-15")) == F.date("2021-01-14"))
        #expect(PublicationRule(rules: DocumentRules(effectiveDelayDays: 10)).earliestEffective(published: F.date("2020-12-15"))
                == F.date("2020-12-25"))
    }

    // MARK: Public comment

    struct CommentCase: Sendable, CustomTestStringConvertible {
        var start: String
        var marketRelated = false
        var minimumEnd: String
        var why: String
        var testDescription: String { "\(start)\(marketRelated ? " 涉市场主体" : "") → \(minimumEnd): \(why)" }
    }

    // Counted by hand against the State Council notices; the opening day is never counted (民法典 art. 201).
    static let commentCases: [CommentCase] = [
        CommentCase(start: "2024-03-04", minimumEnd: "2024-03-13", why: "Mon opens; 5,6,7,8,11,12,13"),
        CommentCase(start: "2024-03-02", minimumEnd: "2024-03-12", why: "opens on a Saturday: 4,5,6,7,8,11,12"),
        CommentCase(start: "2020-09-25", minimumEnd: "2020-10-12",
                    why: "make-up Sun 9-27, 28, 29, 30, National Day 10-1…8, 10-9, make-up Sat 10-10, Mon 10-12"),
        CommentCase(start: "2024-04-25", minimumEnd: "2024-05-08", why: "4-26, make-up Sun 4-28 counts, 29, 30, Labour Day 5-1…5 does not, 6, 7, 8"),
        CommentCase(start: "2024-03-04", marketRelated: true, minimumEnd: "2024-04-03", why: "30 days from 3-5"),
        CommentCase(start: "2024-03-08", marketRelated: true, minimumEnd: "2024-04-07",
                    why: "day 30 is 4-7, the make-up working Sunday after 清明: no roll-over"),
        CommentCase(start: "2024-03-06", marketRelated: true, minimumEnd: "2024-04-07",
                    why: "day 30 is 4-5 (清明), next working day is make-up Sun 4-7"),
    ]

    @Test(arguments: commentCases)
    func commentMinimumEnd(_ c: CommentCase) throws {
        let rule = CommentPeriodRule()
        let start = F.date(c.start)
        let minimum = F.date(c.minimumEnd)
        #expect(try rule.minimumEnd(start: start, marketRelated: c.marketRelated, calendar: F.calendar) == minimum)
        #expect(rule.check(start: start, end: minimum, marketRelated: c.marketRelated, calendar: F.calendar).isEmpty)
        let short = rule.check(start: start, end: minimum.adding(days: -1), marketRelated: c.marketRelated, calendar: F.calendar)
        #expect(short.entries.map(\.field) == ["commentEnd"])
        #expect(short.description.contains("截止日期不得早于\(minimum.chinese)"))
    }

    @Test func commentMessages() {
        let rule = CommentPeriodRule()
        let cal = F.calendar
        #expect(rule.check(start: F.date("2024-03-04"), end: F.date("2024-03-12"), marketRelated: false, calendar: cal)["commentEnd"]
                == ["征求意见期限应不少于7个工作日（自开始之日的次日起算），截止日期不得早于2024年3月13日。"])
        #expect(rule.check(start: F.date("2024-03-04"), end: F.date("2024-03-29"), marketRelated: true, calendar: cal)["commentEnd"]
                == ["与市场主体生产经营活动密切相关的文件，征求意见期限应不少于30日且不少于7个工作日（自开始之日的次日起算），截止日期不得早于2024年4月3日。"])
        #expect(rule.check(start: F.date("2024-03-04"), end: F.date("2024-03-01"), marketRelated: false, calendar: cal)["commentEnd"]
                == ["征求意见截止日期（2024年3月1日）不能早于开始日期（2024年3月4日）。"])
    }

    @Test func commentPeriodOnAMissingYearNamesTheYear() {
        let errors = CommentPeriodRule().check(start: F.date("2099-03-02"), end: F.date("2099-04-30"), marketRelated: false,
                                               calendar: F.calendar)
        #expect(errors["commentEnd"] == [CalendarError.yearNotCovered(2099).message])
    }

    // MARK: Legality review (国办发〔2018〕115号)

    @Test func reviewDeadlineIsFifteenWorkingDays() throws {
        let period = ReviewPeriodRule().reviewDeadline(received: F.date("2024-09-27"))
        #expect(period == Period(start: F.date("2024-09-27"), length: 15, unit: .workingDays))
        // 9-29 (make-up Sun), 9-30, National Day 10-1…7, 10-8…11, 10-12 (make-up Sat), 10-14…18, 10-21…23.
        #expect(try F.calendar.dueDate(of: period) == F.date("2024-10-23"))
    }

    @Test(arguments: [
        ("2024-09-27", "2024-10-09", 4), ("2024-09-27", "2024-10-10", 5), ("2024-09-27", "2024-12-31", 5),
        ("2024-03-04", "2024-03-04", 0), ("2024-03-04", "2024-03-01", 0), ("2024-03-01", "2024-03-08", 5),
    ])
    func reviewShortNotice(received: String, requestedBy: String, allowed: Int) throws {
        let rule = ReviewPeriodRule()
        let cal = F.calendar
        #expect(try rule.workingDaysAllowed(received: F.date(received), requestedBy: F.date(requestedBy), calendar: cal) == allowed)
        let warning = try rule.shortNoticeWarning(received: F.date(received), requestedBy: F.date(requestedBy), calendar: cal)
        if allowed < 5 {
            #expect(warning == "起草单位要求在\(F.date(requestedBy).chinese)前出具审查意见，只留给法制机构\(allowed)个工作日，少于原则上不少于5个工作日的审查时间（国办发〔2018〕115号）。")
        } else {
            #expect(warning == nil)
        }
    }

    @Test func reviewOnAMissingYearThrows() {
        #expect(throws: CalendarError.yearNotCovered(2099)) {
            try ReviewPeriodRule().shortNoticeWarning(received: F.date("2099-01-05"), requestedBy: F.date("2099-01-30"),
                                                     calendar: F.calendar)
        }
    }

    // MARK: Filing (art. 22 as amended by 省政府令第289号)

    @Test(arguments: [
        ("2024-03-01", "2024-03-18", "day 15 is Sat 3-16, rolls to Monday"),
        ("2020-09-20", "2020-10-09", "day 15 is 10-5 inside National Day 10-1…8"),
        ("2024-03-04", "2024-03-19", "Tuesday"),
    ])
    func filingDue(published: String, due: String, why: String) throws {
        let period = FilingRule().filingPeriod(published: F.date(published))
        #expect(period.length == 15 && period.unit == .calendarDays && period.start == F.date(published))
        #expect(try F.calendar.dueDate(of: period) == F.date(due), "\(why)")
    }

    @Test func lateFiling() {
        let rule = FilingRule()
        let due = F.date("2020-10-09")
        #expect(!rule.isLate(filedOn: F.date("2020-10-08"), due: due))
        #expect(!rule.isLate(filedOn: due, due: due))
        #expect(rule.isLate(filedOn: F.date("2020-10-10"), due: due))
    }
}
