import Testing
@testable import FazhiCore

@Suite("Decisions: the 请示报告 before publication (art. 31)")
struct PartyReportRuleTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var reported: String?
        var reason: String?
        var field: String?
        var message: String?
        var testDescription: String { "\(reported ?? "-") / \(reason ?? "-")" }
    }

    @Test(arguments: [
        Case(reported: "2025-11-25"),
        Case(reported: "2025-11-20"),
        Case(reason: "县委规定此类事项无需请示报告"),
        Case(reported: "2025-11-19", field: "partyReportedOn", message: "请示报告日期不能早于决定日期。"),
        Case(reported: "2025-11-26", field: "partyReportedOn", message: "应当在公布前向同级党委请示报告：请示报告日期不能晚于公布日期。"),
        Case(reported: "2025-11-25", reason: "无需", field: "partyReportNotRequiredReason", message: "已填写请示报告日期的，不要再填写无需请示报告的理由。"),
        Case(field: "partyReportedOn", message: "请填写向同级党委请示报告的日期；按规定不需要请示报告的，请填写理由（《重大行政决策程序暂行条例》第三十一条）。"),
        Case(reason: " \n ", field: "partyReportedOn", message: "请填写向同级党委请示报告的日期；按规定不需要请示报告的，请填写理由（《重大行政决策程序暂行条例》第三十一条）。"),
    ])
    func check(_ c: Case) {
        var errors = FieldErrors()
        let result = PartyReportRule.clean(reportedOn: c.reported, notRequiredReason: c.reason, decidedOn: LocalDate(iso: "2025-11-20"),
                                           publishedOn: LocalDate(iso: "2025-11-25"), into: &errors)
        if let field = c.field {
            #expect(errors[field] == [c.message!])
            #expect(errors.entries.count == 1)
        } else {
            #expect(errors.isEmpty, "\(errors)")
            #expect(result.reportedOn?.description == c.reported)
        }
    }
}
