import Foundation
import Testing
@testable import FazhiCore

@Suite("Decisions: settings (DecisionRules)")
struct DecisionRulesTests {
    @Test func defaultsAreTheDecreesFigures() {
        let rules = DecisionRules.default
        #expect(rules.consultationMinimumDays == 30)          // art. 15
        #expect(rules.legalityReviewMinimumWorkingDays == 7)  // art. 26(2)
        #expect(rules.evaluationAfterMonths == 24)
        #expect(rules.commentsPerAddressPerHour == 5)
        #expect(rules.commentsPerAddressPerDecisionPerDay == 3)
        #expect(rules.validate().isEmpty)
    }

    @Test func decodesOlderSettingsWithDefaults() throws {
        #expect(try JSONDecoder().decode(DecisionRules.self, from: Data("{}".utf8)) == .default)
        let partial = try JSONDecoder().decode(DecisionRules.self, from: Data(#"{"legalityReviewMinimumWorkingDays":10}"#.utf8))
        #expect(partial.legalityReviewMinimumWorkingDays == 10)
        #expect(partial.consultationMinimumDays == 30)
    }

    @Test func roundTrips() throws {
        var rules = DecisionRules()
        rules.evaluationAfterMonths = 12
        rules.consultationMinimumDays = 45
        #expect(try JSONDecoder().decode(DecisionRules.self, from: JSONEncoder().encode(rules)) == rules)
        #expect(try DecisionRules.validate(form: rules.formValues).get() == rules)
        #expect(try DecisionRules.validate(form: DecisionRules.default.formValues).get() == .default)
    }

    struct FormCase: Sendable, CustomTestStringConvertible {
        var field: String
        var value: String
        var message: String
        var testDescription: String { "\(field)=\(value)" }
    }

    @Test(arguments: [
        FormCase(field: "consultationMinimumDays", value: "0", message: "「公开征求意见最短期限（日）」应在 1 到 180 之间。"),
        FormCase(field: "consultationMinimumDays", value: "三十", message: "「公开征求意见最短期限（日）」应为整数。"),
        FormCase(field: "legalityReviewMinimumWorkingDays", value: "", message: "请填写「合法性审查最短时间（工作日）」。"),
        FormCase(field: "evaluationAfterMonths", value: "121", message: "「决策后评估时间（决策后月数）」应在 1 到 120 之间。"),
        FormCase(field: "commentsPerAddressPerHour", value: "-1", message: "「同一地址每小时最多提交意见数」应在 1 到 1000 之间。"),
        FormCase(field: "commentsPerAddressPerDecisionPerDay", value: "121",
                 message: "「同一地址对同一决策每日最多提交意见数」不能超过每小时上限的24倍。"),
    ])
    func formRefuses(_ row: FormCase) {
        var form = DecisionRules.default.formValues
        form[row.field] = row.value
        #expect(DecisionFixtures.errorsOf(DecisionRules.validate(form: form))?[row.field] == [row.message])
    }

    @Test func olderSettingsWithTheRemovedOpeningDaySwitchStillDecode() throws {
        // Releases before the rule catalogue stored countConsultationOpeningDay; the period now always starts the
        // day after the consultation opens (民法典 art. 201), and the stored key is ignored.
        let stored = try JSONDecoder().decode(DecisionRules.self, from: Data(#"{"countConsultationOpeningDay":true,"consultationMinimumDays":30}"#.utf8))
        #expect(stored == .default)
    }

    @Test func decodedValuesAreCheckedToo() {
        var rules = DecisionRules()
        rules.legalityReviewMinimumWorkingDays = 0
        #expect(rules.validate()["legalityReviewMinimumWorkingDays"] == ["「合法性审查最短时间（工作日）」应在 1 到 60 之间。"])
    }
}
