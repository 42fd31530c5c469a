import Foundation
import Testing
@testable import FazhiCore

@Suite("Contracts: settings and deadlines")
struct ContractRulesTests {
    typealias F = ContractFixtures

    @Test func defaults() {
        let rules = ContractRules.default
        #expect(rules.reviewWorkingDays == 5)
        #expect(rules.filingDays == 30)
        #expect(rules.reviewThreshold == .zero)
        #expect(rules.requiresReview(amount: .zero))
        #expect(rules.validate().isEmpty)
    }

    @Test func threshold() {
        let rules = ContractRules(reviewThreshold: F.amount("50万"))
        #expect(!rules.requiresReview(amount: F.amount("499,999.99")))
        #expect(rules.requiresReview(amount: F.amount("500000")))
        #expect(rules.requiresReview(amount: F.amount("1亿")))
    }

    @Test func codableAndForm() throws {
        #expect(try JSONDecoder().decode(ContractRules.self, from: Data("{}".utf8)) == .default)
        let rules = ContractRules(reviewWorkingDays: 10, filingDays: 15, reviewThreshold: F.amount("20万"))
        let data = try JSONEncoder().encode(rules)
        #expect(try JSONDecoder().decode(ContractRules.self, from: data) == rules)
        #expect(try ContractRules.validate(form: rules.formValues).get() == rules)
        var form = rules.formValues
        form["reviewThreshold"] = "30万元"
        #expect(try ContractRules.validate(form: form).get().reviewThreshold == F.amount("300000"))
        form["reviewWorkingDays"] = "0"
        form["filingDays"] = "一个月"
        form["reviewThreshold"] = "-1"
        let errors = F.errorsOf(ContractRules.validate(form: form))
        #expect(errors?["reviewWorkingDays"] == ["「合同审查期限（工作日）」应在 1 到 60 之间。"])
        #expect(errors?["filingDays"] == ["「合同备案期限（签订后日数）」应为整数。"])
        #expect(errors?["reviewThreshold"] == ["「须经审查的合同金额起点（元）」不能为负数。"])
    }

    @Test(arguments: [
        ("2020-06-01", "2020-06-08"),
        ("2020-09-25", "2020-10-09"),   // 9-27 make-up, 9-28…9-30, then 10-9
        ("2020-06-22", "2020-06-30"),   // 端午 6-25…6-27, make-up Sunday 6-28
    ])
    func reviewDeadline(_ received: String, _ due: String) throws {
        let period = ContractDeadlineRule().reviewPeriod(received: F.date(received))
        #expect(period.unit == .workingDays && period.length == 5)
        #expect(try F.calendar.dueDate(of: period) == F.date(due))
    }

    @Test(arguments: [
        ("2020-06-01", "2020-07-01"),
        ("2020-09-01", "2020-10-09"),   // the 30th day, 10-1, is in the National Day holiday
        ("2020-03-06", "2020-04-07"),   // 4-5 Sunday in 清明, 4-6 holiday
    ])
    func filingDeadline(_ signed: String, _ due: String) throws {
        let rule = ContractDeadlineRule()
        let period = rule.filingPeriod(signed: F.date(signed))
        #expect(period.unit == .calendarDays && period.length == 30)
        let dueDate = try F.calendar.dueDate(of: period)
        #expect(dueDate == F.date(due))
        #expect(!rule.isLate(doneOn: dueDate, due: dueDate))
        #expect(rule.isLate(doneOn: dueDate.adding(days: 1), due: dueDate))
    }

    @Test func deadlineStatusIsDerived() throws {
        let due = try F.calendar.dueDate(of: ContractDeadlineRule().filingPeriod(signed: F.date("2020-06-01")))
        let status = DeadlineStatusRule()
        #expect(status.status(due: due, today: F.date("2020-06-10"), completedOn: nil, calendar: F.calendar) == .normal)
        #expect(status.status(due: due, today: F.date("2020-06-29"), completedOn: nil, calendar: F.calendar) == .dueSoon)
        #expect(status.status(due: due, today: F.date("2020-07-02"), completedOn: nil, calendar: F.calendar) == .overdue)
    }
}
