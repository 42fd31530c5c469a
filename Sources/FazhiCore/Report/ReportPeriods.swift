/// The annual report's dates (docs/RULES.md, "report"): 法治政府建设与责任落实督察工作规定 (中办、国办 2019).
public enum ReportPeriods {
    /// Art. 23: 每年3月1日前 a county government reports its rule-of-law work of the past year to the same-level Party
    /// committee and people's congress standing committee [verify article number]. From any day of the report year.
    public static let submit = StatutoryRule(
        "report.submit", "年度报告报送党委、人大常委会", length: .before(month: 3, day: 1), from: "报告年度（该年任一日）",
        source: LegalSource("《法治政府建设与责任落实督察工作规定》", "第二十三条", "每年3月1日前向同级党委、人大常委会报告上一年度法治政府建设情况"),
        verify: true)

    /// Art. 24: 每年4月1日之前 the report is published, save state and Party secrets.
    public static let publish = StatutoryRule(
        "report.publish", "年度报告向社会公开", length: .before(month: 4, day: 1), from: "报告年度（该年任一日）",
        source: LegalSource("《法治政府建设与责任落实督察工作规定》", "第二十四条", "每年4月1日之前通过报刊、网站等向社会公开"))

    public static let all: [StatutoryRule] = [submit, publish]
}
