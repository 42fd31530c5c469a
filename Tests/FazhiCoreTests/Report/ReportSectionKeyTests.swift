import Testing
@testable import FazhiCore

@Suite("Report: sections of the annual report")
struct ReportSectionKeyTests {
    @Test func sectionsAreInReportOrder() {
        #expect(ReportSectionKey.allCases.map(\.rawValue) == [
            "opening", "leadership", "decisionMaking", "reform", "enforcement", "disputes", "legalServices",
            "publicity", "shortcomings", "nextYear", "otherMatters", "closing",
        ])
        #expect(ReportSectionKey.leadership < .publicity)
        #expect(ReportSectionKey.nextYear > .shortcomings)
        #expect([ReportSectionKey.closing, .opening, .reform].sorted() == [.opening, .reform, .closing])
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var key: ReportSectionKey
        var label: String
        var item: StatutoryItem?
        var part: ReportPart?
        var numberLabel: String?
        var modules: [String]
        var testDescription: String { key.rawValue }
    }

    @Test(arguments: [
        Row(key: .opening, label: "导语", item: .measuresAndResults, part: nil, numberLabel: nil, modules: []),
        Row(key: .leadership, label: "组织领导与第一责任人职责", item: .firstResponsiblePersonDuties, part: .work, numberLabel: "（一）", modules: ["assessment"]),
        Row(key: .decisionMaking, label: "依法科学民主决策", item: .measuresAndResults, part: .work, numberLabel: "（二）",
            modules: ["documents", "decisions", "contracts", "advisers"]),
        Row(key: .reform, label: "“放管服”改革", item: .measuresAndResults, part: .work, numberLabel: "（三）",
            modules: ["licensing", "oneThing", "responsibility", "certification"]),
        Row(key: .enforcement, label: "行政执法", item: .measuresAndResults, part: .work, numberLabel: "（四）", modules: ["enforcement"]),
        Row(key: .disputes, label: "化解矛盾纠纷（调解、复议、应诉）", item: .measuresAndResults, part: .work, numberLabel: "（五）",
            modules: ["mediation", "reconsideration", "litigation"]),
        Row(key: .legalServices, label: "公共法律服务", item: .measuresAndResults, part: .work, numberLabel: "（六）",
            modules: ["legalServices", "advisers", "legalAid"]),
        Row(key: .publicity, label: "普法宣传教育", item: .measuresAndResults, part: .work, numberLabel: "（七）", modules: ["publicity"]),
        Row(key: .shortcomings, label: "存在的不足和原因", item: .shortcomingsAndCauses, part: nil, numberLabel: nil, modules: []),
        Row(key: .nextYear, label: "下一年度重点工作", item: .nextYearPlan, part: .plan, numberLabel: nil, modules: []),
        Row(key: .otherMatters, label: "其他事项", item: .otherMatters, part: .other, numberLabel: nil, modules: []),
        Row(key: .closing, label: "结束语", item: nil, part: nil, numberLabel: nil, modules: []),
    ])
    func describesEachSection(_ row: Row) {
        #expect(row.key.label == row.label)
        #expect(row.key.statutoryItem == row.item)
        #expect(row.key.part == row.part)
        #expect(row.key.numberLabel == row.numberLabel)
        #expect(row.key.isNumbered == (row.numberLabel != nil))
        #expect(row.key.modules == row.modules)
    }

    /// Art. 25 lists five items; the report must answer every one of them somewhere.
    @Test func everyStatutoryItemIsServed() {
        let served = Set(ReportSectionKey.allCases.compactMap(\.statutoryItem))
        #expect(served == Set(StatutoryItem.allCases))
        #expect(StatutoryItem.allCases.map(\.label) == [
            "上一年度推进法治政府建设的主要举措和成效",
            "上一年度推进法治政府建设存在的不足和原因",
            "党政主要负责人履行推进法治建设第一责任人职责、加强法治政府建设的有关情况",
            "下一年度推进法治政府建设的主要安排",
            "其他需要报告的情况",
        ])
    }

    @Test func partHeadingsNameTheYear() {
        #expect(ReportPart.work.heading(year: 2020) == "一、工作开展情况")
        #expect(ReportPart.plan.heading(year: 2020) == "二、2021年法治政府建设重点工作")
        #expect(ReportPart.plan.headingTemplate == "二、{{nextYear}}年法治政府建设重点工作")
        #expect(ReportPart.other.heading(year: 2020) == "三、其他需要报告的情况")
    }

    @Test(arguments: [(1, "一"), (7, "七"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (23, "二十三"), (99, "九十九")])
    func headingNumerals(_ value: Int, _ numeral: String) {
        #expect(ReportSectionKey.chineseNumeral(value) == numeral)
    }
}
