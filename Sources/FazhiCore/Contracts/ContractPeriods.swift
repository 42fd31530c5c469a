/// The government contracts' periods (docs/RULES.md, "contracts"). Both come from provincial or county rules,
/// not a national statute [verify]; the legal office sets them in `ContractRules`.
public enum ContractPeriods {
    public static let review = StatutoryRule(
        "contracts.review", "政府合同合法性审查", length: .workingDays(5), from: "法制机构受理审查之日",
        source: LegalSource("本省《政府合同管理规定》", "", "法制机构自受理之日起5个工作日内出具审查意见"),
        setting: "reviewWorkingDays", verify: true)

    public static let filing = StatutoryRule(
        "contracts.filing", "政府合同备案", length: .days(30), from: "合同签订之日",
        source: LegalSource("本省《政府合同管理规定》", "", "重大合同自签订之日起30日内报法制机构备案"),
        setting: "filingDays", verify: true)

    public static let all: [StatutoryRule] = [review, filing]
}
