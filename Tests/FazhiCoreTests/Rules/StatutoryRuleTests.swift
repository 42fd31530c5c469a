import Foundation
import Testing
@testable import FazhiCore

@Suite("Rule catalogue: statutory periods")
struct StatutoryRuleTests {
    static let calendar = try! LegalCalendar.bundled()
    static func date(_ text: String) -> LocalDate { LocalDate(iso: text)! }

    static let source = LegalSource("测试法", "第一条", "测试")

    struct Case: Sendable, CustomTestStringConvertible {
        var rule: StatutoryRule
        var from: String
        var pauses: [(String, String)] = []
        var extended = false
        var expected: String
        var why: String
        var testDescription: String { "\(rule.id) from \(from) → \(expected): \(why)" }
    }

    static func rule(_ length: RuleLength, _ counting: RuleCounting = .statutory, extension ext: RuleLength? = nil) -> StatutoryRule {
        StatutoryRule("test.rule", "测试", length: length, extension: ext, counting: counting, from: "事件", source: source)
    }

    // Counted by hand against the State Council notices (2020: 春节 extended to 2-2; 清明 4-4…4-6; 国庆 10-1…8,
    // make-up 9-27 and 10-10. 2024: 清明 4-4…4-6, make-up 4-7; 劳动节 5-1…5, make-up 4-28 and 5-11).
    static let cases: [Case] = [
        Case(rule: rule(.days(15)), from: "2020-03-02", expected: "2020-03-17", why: "15 days, a Tuesday"),
        Case(rule: rule(.days(15)), from: "2020-09-20", expected: "2020-10-09", why: "day 15 is 10-5 in the holiday → first working day 10-9"),
        Case(rule: rule(.days(30)), from: "2020-08-28", expected: "2020-09-27", why: "day 30 a make-up working Sunday: no roll-over"),
        Case(rule: rule(.workingDays(5)), from: "2020-09-28", expected: "2020-10-12", why: "29, 30, 10-9, make-up Sat 10-10, 10-12"),
        Case(rule: rule(.workingDays(7)), from: "2024-04-25", expected: "2024-05-08", why: "26, make-up 28, 29, 30, 5-6, 7, 8"),
        Case(rule: rule(.days(10)), from: "2020-03-02", pauses: [("2020-03-05", "2020-03-07")], expected: "2020-03-16",
             why: "three paused days added back: 3-15 is a Sunday → 3-16"),
        Case(rule: rule(.months(6)), from: "2020-08-31", expected: "2021-03-01", why: "no 2-31: month's last day 2-28 is a Sunday → 3-1"),
        Case(rule: rule(.months(6)), from: "2020-03-02", expected: "2020-09-02", why: "corresponding day, a Wednesday"),
        Case(rule: rule(.months(6), .noRollOver), from: "2020-08-31", expected: "2021-02-28", why: "reminder: no roll-over"),
        Case(rule: rule(.years(5), .termIncludingStart), from: "2020-06-01", expected: "2025-05-31", why: "term counts its first day"),
        Case(rule: rule(.years(5), .termIncludingStart), from: "2020-02-29", expected: "2025-02-28", why: "no 2-29: ends the day before 3-1"),
        Case(rule: rule(.days(30), .noRollOver), from: "2020-03-01", expected: "2020-03-31", why: "earliest date, a rest day allowed"),
        Case(rule: rule(.days(30), .beforeEvent), from: "2025-05-31", expected: "2025-05-01", why: "30 days before expiry"),
        Case(rule: rule(.months(6), .beforeEvent), from: "2025-06-01", expected: "2024-12-01", why: "6 months before lapse"),
        Case(rule: rule(.months(6), .beforeEvent), from: "2025-08-31", expected: "2025-02-28", why: "shorter month: a day early, not late"),
        Case(rule: rule(.before(month: 4, day: 1)), from: "2020-07-15", expected: "2021-03-31", why: "before 1 April next year"),
        Case(rule: rule(.before(month: 3, day: 1)), from: "2023-01-01", expected: "2024-02-29", why: "before 1 March of a leap year"),
        Case(rule: rule(.days(60), extension: .days(30)), from: "2020-03-02", extended: true, expected: "2020-06-05",
             why: "60 days → 5-1 in the Labour Day holiday → 5-6; +30 → 6-5"),
        Case(rule: rule(.workingDays(20), extension: .workingDays(10)), from: "2024-03-01", extended: true, expected: "2024-04-15",
             why: "30 working days: 清明 4-4…4-6 skipped, make-up 4-7 counted"),
    ]

    @Test(arguments: cases)
    func dueDate(_ c: Case) throws {
        let pauses = c.pauses.map { Pause(from: Self.date($0.0), to: Self.date($0.1)) }
        let due = try c.rule.dueDate(from: Self.date(c.from), pauses: pauses, extended: c.extended, calendar: Self.calendar)
        #expect(due == Self.date(c.expected))
    }

    @Test func calendarGapIsAnErrorNotAGuess() {
        #expect(throws: CalendarError.yearNotCovered(2099)) {
            try Self.rule(.days(15)).dueDate(from: Self.date("2099-03-01"), calendar: Self.calendar)
        }
    }

    @Test func extensionOnlyWhereTheLawGivesOne() {
        #expect(throws: RuleError.noExtension("test.rule")) {
            try Self.rule(.days(15)).dueDate(from: Self.date("2020-03-01"), extended: true, calendar: Self.calendar)
        }
    }

    @Test func settingsReplaceTheNumberKeepingTheUnit() throws {
        struct Settings: PeriodSettings { func settingValue(_ field: String) -> Int? { field == "filingDays" ? 20 : nil } }
        let applied = DocumentPeriods.filing.applying(Settings())
        #expect(applied.length == .days(20))
        #expect(DocumentPeriods.publicComment.applying(Settings()).length == .workingDays(7))
        #expect(applied.period(from: Self.date("2020-03-02")) == Period(start: Self.date("2020-03-02"), length: 20, unit: .calendarDays))
    }

    @Test func catalogueFindsVersionsByDateAndName() throws {
        let old = StatutoryRule("x.decision", "旧", length: .days(60), from: "受理", source: Self.source,
                                inForceUntil: Self.date("2023-12-31"), lawVersion: "2017")
        let new = StatutoryRule("x.decision", "新", length: .days(60), extension: .days(30), from: "受理", source: Self.source,
                                inForceFrom: Self.date("2024-01-01"), lawVersion: "2023")
        let catalogue = RuleCatalogue([old, new])
        #expect(try catalogue.rule("x.decision", on: Self.date("2023-12-31")).lawVersion == "2017")
        #expect(try catalogue.rule("x.decision", on: Self.date("2024-01-01")).lawVersion == "2023")
        #expect(try catalogue.rule("x.decision", on: Self.date("2024-06-01"), lawVersion: "2017").lawVersion == "2017")
        #expect(throws: RuleError.unknownLawVersion("x.decision", "2010", known: ["2017", "2023"])) {
            try catalogue.rule("x.decision", on: Self.date("2024-06-01"), lawVersion: "2010")
        }
        #expect(throws: RuleError.unknownRule("x.nothing", known: ["x.decision"])) { try catalogue.rule("x.nothing", on: Self.date("2024-06-01")) }
        #expect(catalogue.problems.isEmpty)
        let overlapping = RuleCatalogue([old, StatutoryRule("x.decision", "新", length: .days(60), from: "受理", source: Self.source, lawVersion: "2023")])
        #expect(overlapping.problems == ["x.decision: versions 2017 and 2023 overlap"])
        #expect(RuleCatalogue([Self.rule(.days(1)), StatutoryRule("Bad.rule-id", "坏", length: .days(1), from: "x", source: Self.source)]).problems
                == ["Bad.rule-id: not module.rule in lowerCamelCase"])
    }

    @Test func everyModuleRuleIsWellFormedAndCitesItsSource() {
        let catalogue = RuleCatalogue(DocumentPeriods.all + DecisionPeriods.all + ContractPeriods.all + ReportPeriods.all)
        #expect(catalogue.problems.isEmpty)
        for rule in catalogue.rules {
            #expect(!rule.source.statute.isEmpty && !rule.source.summary.isEmpty, "\(rule.id) has no source")
            #expect(!rule.startEvent.isEmpty && !rule.title.isEmpty, "\(rule.id)")
        }
        for id in ["documents.publicComment", "documents.publicCommentMarket", "documents.legalityReview", "documents.effective",
                   "documents.filing", "documents.validity", "documents.validityProvisional", "decisions.publicComment",
                   "decisions.legalityReview", "contracts.filing", "contracts.review", "report.submit", "report.publish"] {
            #expect(catalogue.ids.contains(id), "\(id) missing")
        }
    }

    @Test func markdownHasOneRowPerRule() {
        let catalogue = RuleCatalogue(DocumentPeriods.all + ReportPeriods.all)
        let rows = catalogue.markdown.split(separator: "\n").filter { $0.hasPrefix("| `") }
        #expect(rows.count == catalogue.rules.count)
        #expect(catalogue.markdown.contains("| `report.publish` | 年度报告向社会公开 | 次年4月1日前 |"))
    }
}
