import Foundation
import Testing
@testable import FazhiCore

@Suite("Documents: validity term, evaluation and re-publication")
struct ValidityTests {
    typealias F = DocumentFixtures
    static let rule = ValidityRule()

    struct EndCase: Sendable, CustomTestStringConvertible {
        var effective: String
        var term: ValidityTerm
        var until: String?
        var why: String
        var testDescription: String { "\(effective) \(term.label()) → \(until ?? "长期"): \(why)" }
    }

    static let endCases: [EndCase] = [
        EndCase(effective: "2020-06-01", term: .standard, until: "2025-05-31", why: "day before the same date 5 years later"),
        EndCase(effective: "2020-01-01", term: .standard, until: "2024-12-31", why: "ends on New Year's Eve"),
        EndCase(effective: "2020-06-01", term: .provisional, until: "2022-05-31", why: "2 years"),
        EndCase(effective: "2020-02-29", term: .standard, until: "2025-02-28", why: "29 Feb: no same date, runs to month end"),
        EndCase(effective: "2020-02-29", term: .provisional, until: "2022-02-28", why: "29 Feb, 2 years"),
        EndCase(effective: "2020-02-29", term: .custom(years: 4, months: 0), until: "2024-02-28", why: "29 Feb to a leap year: same date exists"),
        EndCase(effective: "2020-03-01", term: .standard, until: "2025-02-28", why: "day before 1 March, common year"),
        EndCase(effective: "2021-03-01", term: .custom(years: 3, months: 0), until: "2024-02-29", why: "day before 1 March, leap year"),
        EndCase(effective: "2020-01-31", term: .custom(years: 0, months: 1), until: "2020-02-29", why: "31 Jan + 1 month: February's end"),
        EndCase(effective: "2021-01-31", term: .custom(years: 0, months: 1), until: "2021-02-28", why: "common February"),
        EndCase(effective: "2020-06-01", term: .custom(years: 1, months: 6), until: "2021-11-30", why: "18 months"),
        EndCase(effective: "2020-12-15", term: .custom(years: 0, months: 11), until: "2021-11-14", why: "across the year end"),
        EndCase(effective: "2020-06-01", term: .untilTaskDeadline(F.date("2021-06-30")), until: "2021-06-30", why: "task deadline is the last day"),
        EndCase(effective: "2020-06-01", term: .longTerm, until: nil, why: "repeal-only document"),
    ]

    @Test(arguments: endCases)
    func validUntil(_ c: EndCase) {
        #expect(Self.rule.validUntil(effective: F.date(c.effective), term: c.term) == c.until.map(F.date))
    }

    struct TermCase: Sendable, CustomTestStringConvertible {
        var title: String
        var requested: ValidityTerm?
        var phaseOfWork = false
        var repealOnly = false
        var effective: String?
        var expected: ValidityTerm?
        var message: String?
        var testDescription: String { "\(title) \(requested.map { $0.label() } ?? "默认") → \(expected.map { $0.label() } ?? "refused")" }
    }

    static let termCases: [TermCase] = [
        TermCase(title: "凤凰县城区停车管理办法", requested: nil, expected: .standard),
        TermCase(title: "凤凰县城区停车管理暂行办法", requested: nil, expected: .provisional),
        TermCase(title: "关于印发《凤凰县农村建房管理实施细则（试行）》的通知", requested: nil, expected: .provisional),
        TermCase(title: "关于做好2020年春耕生产工作的通知", requested: nil, phaseOfWork: true, expected: .provisional),
        TermCase(title: "关于废止《凤凰县城区停车管理暂行办法》的决定", requested: nil, repealOnly: true, expected: .longTerm),
        TermCase(title: "关于废止《凤凰县城区停车管理暂行办法》的决定", requested: .longTerm, repealOnly: true, expected: .longTerm),
        TermCase(title: "凤凰县城区停车管理暂行办法", requested: .standard,
                 message: "标题含「暂行」或「试行」的文件有效期不超过2年，不能选择5年。"),
        TermCase(title: "凤凰县农村建房管理办法（试行）", requested: .standard,
                 message: "标题含「暂行」或「试行」的文件有效期不超过2年，不能选择5年。"),
        TermCase(title: "关于做好2020年春耕生产工作的通知", requested: .standard, phaseOfWork: true,
                 message: "部署阶段性工作的文件有效期不超过2年，不能选择5年。"),
        TermCase(title: "凤凰县城区停车管理办法", requested: .standard, expected: .standard),
        TermCase(title: "凤凰县城区停车管理办法", requested: .provisional, expected: .provisional),
        TermCase(title: "凤凰县城区停车管理暂行办法", requested: .custom(years: 1, months: 6), expected: .custom(years: 1, months: 6)),
        TermCase(title: "凤凰县城区停车管理暂行办法", requested: .custom(years: 2, months: 0), expected: .custom(years: 2, months: 0)),
        TermCase(title: "凤凰县城区停车管理暂行办法", requested: .custom(years: 2, months: 6),
                 message: "标题含「暂行」或「试行」的文件有效期不超过2年。"),
        TermCase(title: "凤凰县城区停车管理办法", requested: .custom(years: 4, months: 11), expected: .custom(years: 4, months: 11)),
        TermCase(title: "凤凰县城区停车管理办法", requested: .custom(years: 5, months: 0),
                 message: "自定义有效期应短于5年；需要5年的，请选择一般有效期。"),
        TermCase(title: "凤凰县城区停车管理办法", requested: .custom(years: 6, months: 0),
                 message: "自定义有效期应短于5年；需要5年的，请选择一般有效期。"),
        TermCase(title: "凤凰县城区停车管理办法", requested: .custom(years: 0, months: 0), message: "自定义有效期不能为0。"),
        TermCase(title: "凤凰县城区停车管理办法", requested: .custom(years: 1, months: 12),
                 message: "自定义有效期的年数不能为负数，月数应在0至11之间。"),
        TermCase(title: "凤凰县城区停车管理办法", requested: .custom(years: -1, months: 3),
                 message: "自定义有效期的年数不能为负数，月数应在0至11之间。"),
        TermCase(title: "凤凰县城区停车管理办法", requested: .longTerm,
                 message: "只有专门用于废止其他文件或停止某项制度实施的文件才能长期有效。"),
        TermCase(title: "凤凰县城区停车管理办法", requested: .untilTaskDeadline(F.date("2021-12-31")),
                 effective: "2020-06-01", expected: .untilTaskDeadline(F.date("2021-12-31"))),
        TermCase(title: "凤凰县城区停车管理办法", requested: .untilTaskDeadline(F.date("2025-05-31")),
                 effective: "2020-06-01", expected: .untilTaskDeadline(F.date("2025-05-31"))),
        TermCase(title: "凤凰县城区停车管理办法", requested: .untilTaskDeadline(F.date("2025-06-01")),
                 effective: "2020-06-01", message: "有效期至工作任务完成时间，但不得超过5年（即不晚于2025年5月31日）。"),
        TermCase(title: "凤凰县城区停车管理暂行办法", requested: .untilTaskDeadline(F.date("2023-01-01")),
                 effective: "2020-06-01", message: "有效期至工作任务完成时间，但不得超过2年（即不晚于2022年5月31日）。"),
        TermCase(title: "凤凰县城区停车管理办法", requested: .untilTaskDeadline(F.date("2020-05-31")),
                 effective: "2020-06-01", message: "工作任务完成时间不能早于施行日期（2020年6月1日）。"),
        TermCase(title: "凤凰县城区停车管理办法", requested: .untilTaskDeadline(F.date("2030-01-01")),
                 expected: .untilTaskDeadline(F.date("2030-01-01"))),
    ]

    @Test(arguments: termCases)
    func term(_ c: TermCase) {
        let result = Self.rule.term(forTitle: c.title, requested: c.requested, phaseOfWork: c.phaseOfWork,
                                    repealOnly: c.repealOnly, effective: c.effective.map(F.date))
        switch result {
        case .success(let term):
            #expect(term == c.expected)
        case .failure(let errors):
            #expect(c.expected == nil)
            #expect(errors["validityTerm"] == [c.message ?? ""])
        }
    }

    @Test func provisionalTitles() {
        #expect(ValidityRule.isProvisionalTitle("凤凰县城区停车管理暂行办法"))
        #expect(ValidityRule.isProvisionalTitle("实施细则（试行）"))
        #expect(!ValidityRule.isProvisionalTitle("凤凰县城区停车管理办法"))
    }

    @Test(arguments: [
        ("2025-05-31", "2024-12-01", "2025-05-01"),
        ("2024-12-31", "2024-07-01", "2024-12-01"),
        ("2025-02-28", "2024-09-01", "2025-01-29"),
        ("2025-08-30", "2025-02-28", "2025-07-31"),
        ("2024-02-29", "2023-09-01", "2024-01-30"),
    ])
    func evaluationWindowAndRepublicationDate(validUntil: String, evaluationFrom: String, republishBy: String) {
        #expect(Self.rule.evaluationDueFrom(validUntil: F.date(validUntil)) == F.date(evaluationFrom))
        #expect(Self.rule.republishBy(validUntil: F.date(validUntil)) == F.date(republishBy))
    }

    @Test(arguments: [
        ("2020-07-01", RenewalStage.none),
        ("2024-11-30", .none),
        ("2024-12-01", .evaluationDue),
        ("2025-04-30", .evaluationDue),
        ("2025-05-01", .republicationUrgent),
        ("2025-05-31", .republicationUrgent),
        ("2025-06-01", .expired),
        ("2030-01-01", .expired),
    ])
    func renewalStage(today: String, stage: RenewalStage) {
        #expect(Self.rule.renewalStage(today: F.date(today), validUntil: F.date("2025-05-31")) == stage)
    }

    @Test func longTermHasNoRenewal() {
        #expect(Self.rule.renewalStage(today: F.date("2099-01-01"), validUntil: nil) == .none)
    }

    @Test func labels() {
        #expect(ValidityTerm.standard.label() == "5年")
        #expect(ValidityTerm.provisional.label() == "2年")
        #expect(ValidityTerm.custom(years: 1, months: 6).label() == "1年6个月")
        #expect(ValidityTerm.custom(years: 0, months: 9).label() == "9个月")
        #expect(ValidityTerm.untilTaskDeadline(F.date("2021-06-30")).label() == "至2021年6月30日")
        #expect(ValidityTerm.longTerm.label() == "长期")
        #expect(RenewalStage.allCases.map(\.label).allSatisfy { !$0.isEmpty })
    }

    @Test func termCodes() throws {
        let terms: [ValidityTerm] = [.standard, .provisional, .custom(years: 1, months: 6),
                                     .untilTaskDeadline(F.date("2021-06-30")), .longTerm]
        #expect(terms.map(\.code) == ["standard", "provisional", "custom:1:6", "until:2021-06-30", "longTerm"])
        #expect(terms.map(\.code).map(ValidityTerm.init(code:)) == terms)
        let data = try JSONEncoder().encode(terms)
        #expect(String(decoding: data, as: UTF8.self) == #"["standard","provisional","custom:1:6","until:2021-06-30","longTerm"]"#)
        #expect(try JSONDecoder().decode([ValidityTerm].self, from: data) == terms)
        for bad in ["", "Standard", "custom:1", "custom:a:6", "custom:1:6:0", "until:2021-02-30", "until:", "long_term", "custom:-1:6"] {
            #expect(ValidityTerm(code: bad) == nil, "\(bad)")
        }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([ValidityTerm].self, from: Data(#"["forever"]"#.utf8)) }
    }

    @Test func figuresComeFromTheSettings() {
        var rules = DocumentRules()
        rules.standardTermYears = 3
        rules.provisionalTermYears = 1
        rules.evaluationWindowMonths = 3
        rules.republishLeadDays = 60
        let rule = ValidityRule(rules: rules)
        #expect(rule.validUntil(effective: F.date("2020-06-01"), term: .standard) == F.date("2023-05-31"))
        #expect(rule.validUntil(effective: F.date("2020-06-01"), term: .provisional) == F.date("2021-05-31"))
        #expect(rule.evaluationDueFrom(validUntil: F.date("2023-05-31")) == F.date("2023-03-01"))
        #expect(rule.republishBy(validUntil: F.date("2023-05-31")) == F.date("2023-04-01"))
        if case .failure(let errors) = rule.term(forTitle: "办法", requested: .custom(years: 3, months: 0)) {
            #expect(errors["validityTerm"] == ["自定义有效期应短于3年；需要3年的，请选择一般有效期。"])
        } else {
            Issue.record("3 years accepted as a custom term under a 3-year standard")
        }
    }
}
