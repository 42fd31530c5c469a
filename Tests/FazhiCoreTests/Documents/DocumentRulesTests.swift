import Foundation
import Testing
@testable import FazhiCore

@Suite("Documents: settings (DocumentRules)")
struct DocumentRulesTests {
    @Test func defaultsAreTheLegalRulesFigures() {
        let rules = DocumentRules.default
        #expect(rules.standardTermYears == 5)
        #expect(rules.provisionalTermYears == 2)
        #expect(rules.evaluationWindowMonths == 6)
        #expect(rules.republishLeadDays == 30)
        #expect(rules.commentMinimumWorkingDays == 7)
        #expect(rules.marketCommentMinimumDays == 30)
        #expect(rules.reviewMinimumWorkingDays == 5)
        #expect(rules.reviewMaximumWorkingDays == 15)
        #expect(rules.effectiveDelayDays == 30)
        #expect(rules.filingDays == 15)
        #expect(rules.registrationPattern.format(year: 2020, sequence: 11) == "FHXR-2020-011")
        #expect(rules.validate().isEmpty)
    }

    @Test func decodesOlderSettingsWithDefaults() throws {
        #expect(try JSONDecoder().decode(DocumentRules.self, from: Data("{}".utf8)) == .default)
        let partial = try JSONDecoder().decode(DocumentRules.self, from: Data(#"{"filingDays":20,"registrationPattern":{"prefix":"HNPR","separator":"—","sequenceWidth":5}}"#.utf8))
        #expect(partial.filingDays == 20)
        #expect(partial.standardTermYears == 5)
        #expect(partial.registrationPattern.format(year: 2019, sequence: 1) == "HNPR—2019—00001")
    }

    @Test func roundTrips() throws {
        var rules = DocumentRules()
        rules.filingDays = 20
        rules.marketCommentMinimumDays = 45
        let data = try JSONEncoder().encode(rules)
        #expect(try JSONDecoder().decode(DocumentRules.self, from: data) == rules)
    }

    @Test func formRoundTrips() throws {
        var rules = DocumentRules()
        rules.reviewMaximumWorkingDays = 20
        rules.marketCommentMinimumDays = 45
        #expect(try DocumentRules.validate(form: rules.formValues).get() == rules)
        #expect(try DocumentRules.validate(form: DocumentRules.default.formValues).get() == .default)
    }

    @Test func formRefusesWithFieldMessages() {
        var form = DocumentRules.default.formValues
        form["standardTermYears"] = "50"
        form["provisionalTermYears"] = "2"
        form["reviewMinimumWorkingDays"] = "16"
        form["filingDays"] = "十五"
        form["registrationPrefix"] = ""
        guard case .failure(let errors) = DocumentRules.validate(form: form) else {
            Issue.record("accepted")
            return
        }
        #expect(errors["standardTermYears"] == ["「一般有效期（年）」应在 1 到 10 之间。"])
        #expect(errors["reviewMaximumWorkingDays"] == ["「合法性审查最长时间（工作日）」不能少于最短时间。"])
        #expect(errors["filingDays"] == ["「备案期限（日）」应为整数。"])
        #expect(errors["registrationPrefix"] == ["请填写「统一登记号前缀」。"])
    }

    @Test func provisionalMustBeShorter() {
        var form = DocumentRules.default.formValues
        form["provisionalTermYears"] = "5"
        guard case .failure(let errors) = DocumentRules.validate(form: form) else {
            Issue.record("accepted")
            return
        }
        #expect(errors["provisionalTermYears"] == ["「暂行、试行文件有效期（年）」应短于「一般有效期（年）」。"])
    }

    @Test func decodedValuesAreCheckedToo() {
        var rules = DocumentRules()
        rules.filingDays = 0
        #expect(rules.validate()["filingDays"] == ["「备案期限（日）」应在 1 到 365 之间。"])
    }
}
