/// The normative documents' statutory periods (docs/RULES.md, "documents"). The legal office's values, where
/// it may change them, are in `DocumentRules`; `DocumentRules.rule(_:)` gives a rule with them applied.
public enum DocumentPeriods {
    /// 征求意见: 一般不少于7个工作日 for documents with a major effect on rights and obligations or on the public's vital
    /// interests — stated in the national 法治政府建设示范 indicator list (item 24); whether 国办发〔2018〕37号 states it in
    /// those words is unconfirmed [verify]. Counted from the day after the comment period opens (民法典 art. 201).
    public static let publicComment = StatutoryRule(
        "documents.publicComment", "规范性文件征求意见（一般）", length: .workingDays(7), bound: .minimum, from: "征求意见开始之日",
        source: LegalSource("《法治政府建设示范指标体系》", "第24项", "对公民、法人和其他组织权利义务有重大影响的，征求意见一般不少于7个工作日"),
        setting: "commentMinimumWorkingDays", verify: true)

    /// 与市场主体生产经营活动密切相关的: 一般不少于30日 (优化营商环境条例 2019, art. 62(2)).
    public static let publicCommentMarket = StatutoryRule(
        "documents.publicCommentMarket", "规范性文件征求意见（涉市场主体）", length: .days(30), bound: .minimum, from: "征求意见开始之日",
        source: LegalSource("《优化营商环境条例》", "第六十二条第二款", "与市场主体生产经营活动密切相关的，征求意见时间一般不少于30日"),
        setting: "marketCommentMinimumDays")

    /// 合法性审核: 原则上不少于5个工作日，最长不超过15个工作日 (国办发〔2018〕115号) [verify].
    public static let legalityReview = StatutoryRule(
        "documents.legalityReview", "规范性文件合法性审核期限", length: .workingDays(15), from: "法制机构收到送审材料之日",
        source: LegalSource("国办发〔2018〕115号", "", "合法性审核时间原则上不少于5个工作日，最长不超过15个工作日"),
        setting: "reviewMaximumWorkingDays", verify: true)

    public static let legalityReviewMinimum = StatutoryRule(
        "documents.legalityReviewMinimum", "规范性文件合法性审核最短时间", length: .workingDays(5), bound: .minimum, from: "法制机构收到送审材料之日",
        source: LegalSource("国办发〔2018〕115号", "", "应当保证必要的审核时间，原则上不少于5个工作日"),
        setting: "reviewMinimumWorkingDays", verify: true)

    /// 自统一公布之日起30日以后施行 unless delay would hinder implementation or harm national security or the public
    /// interest (湖南省规范性文件管理办法 art. 20 as amended by 省政府令第289号, 2018). "30日以后" includes the 30th day;
    /// no roll-over: an effective date on a rest day harms nobody.
    public static let effective = StatutoryRule(
        "documents.effective", "规范性文件施行日期", length: .days(30), counting: .noRollOver, bound: .earliest, from: "统一公布之日",
        source: LegalSource("《湖南省规范性文件管理办法》（省政府令第289号修正）", "第二十条", "自统一公布之日起30日以后施行，确需立即施行的应说明理由"),
        setting: "effectiveDelayDays")

    /// 公布之日起15日内报送备案 (湖南省规范性文件管理办法 art. 22(1)(1) as amended by 省政府令第289号, 2018; current text
    /// 省政府令第327号, 2025) [verify the department rule].
    public static let filing = StatutoryRule(
        "documents.filing", "规范性文件报送备案", length: .days(15), from: "公布之日",
        source: LegalSource("《湖南省规范性文件管理办法》（省政府令第289号修正）", "第二十二条", "政府规范性文件自公布之日起15日内报上一级人民政府备案"),
        setting: "filingDays", verify: true)

    /// 有效期一般为5年 (same rules, validity provisions) [verify article]. The effective date is itself a day in force.
    public static let validity = StatutoryRule(
        "documents.validity", "规范性文件有效期", length: .years(5), counting: .termIncludingStart, bound: .termEnd, from: "施行之日",
        source: LegalSource("《湖南省规范性文件管理办法》", "有效期条款", "有效期一般为5年，期满自动失效"),
        setting: "standardTermYears", verify: true)

    /// 标注"暂行""试行"和部署阶段性工作的，有效期不超过2年 (same) [verify].
    public static let validityProvisional = StatutoryRule(
        "documents.validityProvisional", "暂行、试行规范性文件有效期", length: .years(2), counting: .termIncludingStart, bound: .termEnd,
        from: "施行之日", source: LegalSource("《湖南省规范性文件管理办法》", "有效期条款", "标注暂行、试行和部署阶段性工作的，有效期不超过2年"),
        setting: "provisionalTermYears", verify: true)

    /// 起草单位应当于有效期届满前6个月内进行评估 (same) [verify]: the window opens 6 months before the day the document
    /// lapses (the day after its last day in force).
    public static let evaluationWindow = StatutoryRule(
        "documents.evaluationWindow", "有效期届满前评估", length: .months(6), counting: .beforeEvent, bound: .dueFrom,
        from: "失效之日（有效期最后一日的次日）", source: LegalSource("《湖南省规范性文件管理办法》", "有效期条款", "起草单位应当在有效期届满前6个月内进行评估"),
        setting: "evaluationWindowMonths", verify: true)

    /// 需要继续施行的，应当在有效期届满30日前重新登记、编号、公布 (same) [verify].
    public static let republication = StatutoryRule(
        "documents.republication", "继续施行的重新公布", length: .days(30), counting: .beforeEvent, from: "有效期最后一日",
        source: LegalSource("《湖南省规范性文件管理办法》", "有效期条款", "需要继续施行的，应当在有效期届满30日前重新登记、编号、公布"),
        setting: "republishLeadDays", verify: true)

    public static let all: [StatutoryRule] = [
        publicComment, publicCommentMarket, legalityReview, legalityReviewMinimum, effective, filing,
        validity, validityProvisional, evaluationWindow, republication,
    ]
}
