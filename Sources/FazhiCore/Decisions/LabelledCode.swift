/// A choice with a stable code (its raw value, stored and sent by forms) and a Chinese label (shown, and
/// written in import files and spreadsheets: 中、常务会议、修改后通过、服务).
public protocol LabelledCode: RawRepresentable, CaseIterable where RawValue == String {
    var label: String { get }
    /// Other spellings clerks use for the same choice (e.g. 特许经营 for 特许经营（PPP）).
    var alternativeLabels: [String] { get }
}

extension LabelledCode {
    public var alternativeLabels: [String] { [] }

    /// The choice whose code, label or alternative label is `text` (surrounding spaces ignored); nil for
    /// anything else.
    public init?(codeOrLabel text: String?) {
        let trimmed = (text ?? "").trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty,
              let value = Self(rawValue: trimmed)
                ?? Self.allCases.first(where: { $0.label == trimmed })
                ?? Self.allCases.first(where: { $0.alternativeLabels.contains(trimmed) }) else { return nil }
        self = value
    }
}

extension DecisionProcedure: LabelledCode {}
extension ExpertArgumentRecord.Method: LabelledCode {}
extension RiskAssessmentRecord.Level: LabelledCode {}
extension CollectiveDiscussionRecord.MeetingType: LabelledCode {}
extension CollectiveDiscussionRecord.Outcome: LabelledCode {}
extension ContractType: LabelledCode {
    public var alternativeLabels: [String] {
        switch self {
        case .concession: ["特许经营", "特许经营(PPP)", "PPP", "政府和社会资本合作"]
        case .loanOrGuarantee: ["借款", "担保", "借款、担保", "借款担保"]
        case .sale: ["买卖合同"]
        case .construction: ["建设工程合同"]
        case .service: ["服务合同"]
        case .lease: ["租赁合同"]
        case .landUseRightGrant: ["土地使用权出让合同", "国有土地使用权出让"]
        case .cooperation, .other: []
        }
    }
}
extension Counterparty.Kind: LabelledCode {}
extension AdviserType: LabelledCode {}
