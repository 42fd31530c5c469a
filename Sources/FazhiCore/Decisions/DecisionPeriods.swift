/// The major decisions' statutory periods (docs/RULES.md, "decisions"); the legal office's values are in
/// `DecisionRules`.
public enum DecisionPeriods {
    /// 重大行政决策程序暂行条例 (国务院令第713号) art. 15: 公开征求意见的期限一般不少于30日; shorter only for urgency, with
    /// the reason stated. Counted from the day after the consultation opens (民法典 art. 201), the last day rolled
    /// over a rest day — the roll-over never shortens the public's time.
    public static let publicComment = StatutoryRule(
        "decisions.publicComment", "重大行政决策公开征求意见", length: .days(30), bound: .minimum, from: "征求意见开始之日",
        source: LegalSource("《重大行政决策程序暂行条例》", "第十五条", "公开征求意见的期限一般不少于30日；因情况紧急需要缩短的，应当说明"),
        setting: "consultationMinimumDays")

    /// Art. 26(2): 送请合法性审查，应当保证必要的审查时间，一般不少于7个工作日.
    public static let legalityReview = StatutoryRule(
        "decisions.legalityReview", "重大行政决策合法性审查时间", length: .workingDays(7), bound: .minimum, from: "法制机构收到送审材料之日",
        source: LegalSource("《重大行政决策程序暂行条例》", "第二十六条第二款", "送请合法性审查，应当保证必要的审查时间，一般不少于7个工作日"),
        setting: "legalityReviewMinimumWorkingDays")

    /// Art. 36 sets no time for the post-decision evaluation; this is the county's reminder (default 24 months), the
    /// same day that many months later, or that month's last day (民法典 art. 202); a reminder, so no roll-over.
    public static let evaluation = StatutoryRule(
        "decisions.evaluation", "决策后评估提醒", length: .months(24), counting: .noRollOver, bound: .dueFrom, from: "作出决策之日",
        source: LegalSource("《重大行政决策程序暂行条例》", "第三十六条", "决策机关可以组织决策后评估；条例未规定时间，提醒时间由本级规定"),
        setting: "evaluationAfterMonths")

    public static let all: [StatutoryRule] = [publicComment, legalityReview, evaluation]
}
