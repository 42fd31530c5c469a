import Foundation
import Testing
@testable import FazhiCore

@Suite("Decisions: annual decision-item catalogue")
struct DecisionCatalogueTests {
    typealias F = DecisionFixtures
    typealias Timing = DecisionCatalogueItem.Timing

    @Test(arguments: [
        ("2020-Q2", Timing.quarter(year: 2020, quarter: 2)),
        ("2020Q4", .quarter(year: 2020, quarter: 4)),
        ("2020q1", .quarter(year: 2020, quarter: 1)),
        ("2020年第二季度", .quarter(year: 2020, quarter: 2)),
        ("2020年三季度", .quarter(year: 2020, quarter: 3)),
        ("2020年第4季度", .quarter(year: 2020, quarter: 4)),
        (" 2020-05 ", .month(year: 2020, month: 5)),
        ("2020-5", .month(year: 2020, month: 5)),
        ("2020年5月", .month(year: 2020, month: 5)),
        ("2020年12月", .month(year: 2020, month: 12)),
    ])
    func timingParses(_ text: String, _ expected: Timing) {
        #expect(Timing(text: text) == expected)
        #expect(Timing(text: expected.code) == expected)
    }

    @Test(arguments: ["", "2020", "2020-Q5", "2020-Q0", "2020-13", "2020-00", "2020年第五季度", "2020年13月", "20-05", "2020-Q一",
                      "2020/05", "2020-123", "２０２０-05", String(repeating: "2020-05", count: 10)])
    func timingRefuses(_ text: String) {
        #expect(Timing(text: text) == nil)
    }

    @Test func timingLabelsAndBounds() throws {
        #expect(Timing.quarter(year: 2020, quarter: 2).label == "2020年第二季度")
        #expect(Timing.quarter(year: 2020, quarter: 2).firstDay == F.date("2020-04-01"))
        #expect(Timing.quarter(year: 2020, quarter: 4).lastDay == F.date("2020-12-31"))
        #expect(Timing.month(year: 2020, month: 2).lastDay == F.date("2020-02-29"))
        #expect(Timing.month(year: 2020, month: 5).label == "2020年5月")
        #expect(Timing.month(year: 2020, month: 5).code == "2020-05")
        let data = try JSONEncoder().encode([Timing.quarter(year: 2020, quarter: 3)])
        #expect(String(decoding: data, as: UTF8.self) == #"["2020-Q3"]"#)
        #expect(try JSONDecoder().decode([Timing].self, from: data) == [.quarter(year: 2020, quarter: 3)])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Timing].self, from: Data(#"["soon"]"#.utf8)) }
    }

    struct ItemCase: Sendable, CustomTestStringConvertible {
        var name: String
        var form: [String: String] = [:]
        var field: String?
        var message: String?
        var testDescription: String { name }
    }

    static let form: [String: String] = [
        "year": "2020", "proposingUnit": "凤凰县自然资源局", "subject": "凤凰县集体土地征收与房屋拆迁补偿安置办法",
        "basis": "《中华人民共和国土地管理法》第四十八条", "plannedTiming": "2020年第二季度", "approvedOn": "2020-03-10",
        "approvingBody": "中共凤凰县委常委会", "publishedOn": "2020-03-16",
    ]

    @Test(arguments: [
        ItemCase(name: "approved and published"),
        ItemCase(name: "not yet approved", form: ["approvedOn": "", "approvingBody": "", "publishedOn": ""]),
        ItemCase(name: "approved the year before", form: ["approvedOn": "2019-12-20", "publishedOn": "2019-12-30"]),
        ItemCase(name: "published the same day", form: ["publishedOn": "2020-03-10"]),
        ItemCase(name: "published before approval", form: ["publishedOn": "2020-03-09"], field: "publishedOn",
                 message: "「公布日期」不能早于批准日期（2020年3月10日）：目录经同级党委同意后向社会公布。"),
        ItemCase(name: "published without approval", form: ["approvedOn": "", "approvingBody": ""], field: "publishedOn",
                 message: "目录经同级党委同意后才能公布，请先填写「批准日期」和「批准机关」。"),
        ItemCase(name: "approved without body", form: ["approvingBody": " "], field: "approvingBody", message: "请填写「批准机关」。"),
        ItemCase(name: "body without date", form: ["approvedOn": "", "publishedOn": ""], field: "approvedOn",
                 message: "填写了「批准机关」的，请同时填写「批准日期」。"),
        ItemCase(name: "approval far from the year", form: ["approvedOn": "2018-12-20", "publishedOn": "2018-12-30"], field: "approvedOn",
                 message: "「批准日期」应在2019年或2020年内。"),
        ItemCase(name: "approval in the future", form: ["year": "2021", "plannedTiming": "2021-Q1", "approvedOn": "2021-01-05", "publishedOn": ""],
                 field: "approvedOn", message: "「批准日期」不能晚于今天。"),
        ItemCase(name: "timing outside the year", form: ["plannedTiming": "2021-03"], field: "plannedTiming",
                 message: "「计划完成时间」应在目录年度（2020年）内。"),
        ItemCase(name: "timing unreadable", form: ["plannedTiming": "上半年"], field: "plannedTiming",
                 message: "「计划完成时间」应为季度或月份，例如 2020年第二季度、2020-Q2、2020年5月 或 2020-05。"),
        ItemCase(name: "before the Decree", form: ["year": "2018"], field: "year", message: "「目录年度」应在 2019 到 2021 之间。"),
        ItemCase(name: "no subject", form: ["subject": ""], field: "subject", message: "请填写「决策事项」。"),
        ItemCase(name: "no basis", form: ["basis": "\n"], field: "basis", message: "请填写「决策依据」。"),
        ItemCase(name: "no unit", form: ["proposingUnit": ""], field: "proposingUnit", message: "请填写「决策承办单位」。"),
    ])
    func item(_ row: ItemCase) {
        let form = Self.form.merging(row.form) { $1 }
        let result = DecisionCatalogueItem.validate(
            year: form["year"], proposingUnit: form["proposingUnit"], subject: form["subject"], basis: form["basis"],
            plannedTiming: form["plannedTiming"], approvedOn: form["approvedOn"], approvingBody: form["approvingBody"],
            publishedOn: form["publishedOn"], today: F.today)
        switch result {
        case .success(let item):
            #expect(row.field == nil)
            #expect(item.plannedTiming == .quarter(year: 2020, quarter: 2))
            if let published = item.publishedOn, let approved = item.approvedOn { #expect(published >= approved) }
        case .failure(let errors):
            #expect(errors[row.field ?? "-"] == [row.message ?? "accepted: \(errors)"])
            #expect(errors.entries.count == 1, "\(errors)")
        }
    }

    @Test func defaultApprovingBody() {
        #expect(DecisionCatalogueItem.defaultApprovingBody == "县委常委会")
    }
}
