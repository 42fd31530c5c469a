/// What the annual report must contain, item by item (法治政府建设与责任落实督察工作规定, 2019, art. 25).
public enum StatutoryItem: String, Sendable, Hashable, Codable, CaseIterable {
    /// (一) 上一年度推进法治政府建设的主要举措和成效.
    case measuresAndResults
    /// (二) 上一年度推进法治政府建设存在的不足和原因.
    case shortcomingsAndCauses
    /// (三) 党政主要负责人履行推进法治建设第一责任人职责、加强法治政府建设的有关情况.
    case firstResponsiblePersonDuties
    /// (四) 下一年度推进法治政府建设的主要安排.
    case nextYearPlan
    /// (五) 其他需要报告的情况.
    case otherMatters

    public var label: String {
        switch self {
        case .measuresAndResults: "上一年度推进法治政府建设的主要举措和成效"
        case .shortcomingsAndCauses: "上一年度推进法治政府建设存在的不足和原因"
        case .firstResponsiblePersonDuties: "党政主要负责人履行推进法治建设第一责任人职责、加强法治政府建设的有关情况"
        case .nextYearPlan: "下一年度推进法治政府建设的主要安排"
        case .otherMatters: "其他需要报告的情况"
        }
    }
}

/// The report's top-level parts, each under a heading of the first level (一、二、三、; GB/T 9704-2012 7.3.3).
public enum ReportPart: String, Sendable, Hashable, Codable, CaseIterable {
    case work
    case plan
    case other

    /// The heading as a template: the plan's heading names the coming year.
    public var headingTemplate: String {
        switch self {
        case .work: "一、工作开展情况"
        case .plan: "二、{{nextYear}}年法治政府建设重点工作"
        case .other: "三、其他需要报告的情况"
        }
    }

    /// The heading for a report on `year`: "二、2021年法治政府建设重点工作".
    public func heading(year: Int) -> String {
        headingTemplate.replacingOccurrences(of: "{{nextYear}}", with: String(year + 1))
    }
}

/// The sections of the annual report, in report order, laid out as the county's 2020 report lays them out
/// (the demo county's 2020 report, Tests/FazhiCoreTests/Report/Fixtures/fenghuang-2020-report.txt). The raw value is the stable key drafts and snapshots store.
public enum ReportSectionKey: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case opening
    case leadership
    case decisionMaking
    case reform
    case enforcement
    case disputes
    case legalServices
    case publicity
    case shortcomings
    case nextYear
    case otherMatters
    case closing

    public var label: String {
        switch self {
        case .opening: "导语"
        case .leadership: "组织领导与第一责任人职责"
        case .decisionMaking: "依法科学民主决策"
        case .reform: "“放管服”改革"
        case .enforcement: "行政执法"
        case .disputes: "化解矛盾纠纷（调解、复议、应诉）"
        case .legalServices: "公共法律服务"
        case .publicity: "普法宣传教育"
        case .shortcomings: "存在的不足和原因"
        case .nextYear: "下一年度重点工作"
        case .otherMatters: "其他事项"
        case .closing: "结束语"
        }
    }

    /// The art. 25 item the section answers; nil for the closing formula, which answers none.
    /// The leadership section carries the first-responsible-person duties, as in the seed's (一) 三是.
    public var statutoryItem: StatutoryItem? {
        switch self {
        case .opening, .decisionMaking, .reform, .enforcement, .disputes, .legalServices, .publicity:
            .measuresAndResults
        case .leadership: .firstResponsiblePersonDuties
        case .shortcomings: .shortcomingsAndCauses
        case .nextYear: .nextYearPlan
        case .otherMatters: .otherMatters
        case .closing: nil
        }
    }

    /// The part whose heading precedes the section; the opening, the shortcomings paragraph and the closing
    /// stand outside the numbered parts, as in the seed.
    public var part: ReportPart? {
        switch self {
        case .leadership, .decisionMaking, .reform, .enforcement, .disputes, .legalServices, .publicity: .work
        case .nextYear: .plan
        case .otherMatters: .other
        case .opening, .shortcomings, .closing: nil
        }
    }

    /// Whether the section opens with a second-level heading （一）…（七）. The number comes from the
    /// section's position, never from the stored heading text, so reordering cannot misnumber.
    public var isNumbered: Bool { number != nil }

    /// The section's place among the numbered ones, 1 for leadership … 7 for publicity; nil for unnumbered
    /// sections. A rendered report numbers only what it prints (see `ReportDraftText.render`), so with an
    /// empty section the later ones move up.
    public var number: Int? {
        switch self {
        case .leadership: 1
        case .decisionMaking: 2
        case .reform: 3
        case .enforcement: 4
        case .disputes: 5
        case .legalServices: 6
        case .publicity: 7
        default: nil
        }
    }

    /// "（一）" … "（七）" for `number` (full-width parentheses, GB/T 9704-2012 7.3.3), nil for unnumbered sections.
    public var numberLabel: String? {
        number.map { "（\(ReportSectionKey.chineseNumeral($0))）" }
    }

    /// The statistics-catalogue key prefixes (modules) whose figures the section states; see
    /// DefaultReportTemplates for the exact keys.
    public var modules: [String] {
        switch self {
        case .leadership: ["assessment"]
        case .decisionMaking: ["documents", "decisions", "contracts", "advisers"]
        case .reform: ["licensing", "oneThing", "responsibility", "certification"]
        case .enforcement: ["enforcement"]
        case .disputes: ["mediation", "reconsideration", "litigation"]
        case .legalServices: ["legalServices", "advisers", "legalAid"]
        case .publicity: ["publicity"]
        case .opening, .shortcomings, .nextYear, .otherMatters, .closing: []
        }
    }

    public static func < (lhs: ReportSectionKey, rhs: ReportSectionKey) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// 一 … 九十九, the numerals of headings.
    static func chineseNumeral(_ value: Int) -> String {
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        precondition((1...99).contains(value))
        if value < 10 { return digits[value] }
        let tens = value / 10, ones = value % 10
        return (tens == 1 ? "" : digits[tens]) + "十" + (ones == 0 ? "" : digits[ones])
    }
}
