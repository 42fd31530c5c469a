/// The figures of the major-decision rules (重大行政决策程序暂行条例, 国务院令第713号, 2019) and of the public
/// comment portal. The legal office changes them in the settings page without a release; every rule type in
/// this folder reads its numbers from here, never from a literal.
///
/// Decoding tolerates missing keys (each takes its default), so settings stored by an older release still
/// load after a figure is added.
public struct DecisionRules: Codable, Sendable, Hashable {
    /// 公开征求意见的期限一般不少于30日；因情况紧急等原因需要缩短期限的，公开征求意见时应当予以说明 (art. 15).
    public var consultationMinimumDays: Int
    /// 送请合法性审查，应当保证必要的审查时间，一般不少于7个工作日 (art. 26(2)).
    public var legalityReviewMinimumWorkingDays: Int
    /// When the post-decision evaluation (决策后评估) is due, in months after the decision. Art. 36 makes the
    /// evaluation discretionary (决策机关可以组织) and sets no time; 24 months is this system's default, a
    /// local choice the legal office can change [verify against the county's own rule].
    public var evaluationAfterMonths: Int
    /// Public comments one source address may submit in any 60 minutes (portal abuse control, not law).
    public var commentsPerAddressPerHour: Int
    /// Public comments one source address may submit on one decision in any 24 hours (same).
    public var commentsPerAddressPerDecisionPerDay: Int

    public init(consultationMinimumDays: Int = 30,
                legalityReviewMinimumWorkingDays: Int = 7, evaluationAfterMonths: Int = 24,
                commentsPerAddressPerHour: Int = 5, commentsPerAddressPerDecisionPerDay: Int = 3) {
        self.consultationMinimumDays = consultationMinimumDays
        self.legalityReviewMinimumWorkingDays = legalityReviewMinimumWorkingDays
        self.evaluationAfterMonths = evaluationAfterMonths
        self.commentsPerAddressPerHour = commentsPerAddressPerHour
        self.commentsPerAddressPerDecisionPerDay = commentsPerAddressPerDecisionPerDay
    }

    public static let `default` = DecisionRules()

    enum CodingKeys: String, CodingKey, CaseIterable {
        case consultationMinimumDays, legalityReviewMinimumWorkingDays
        case evaluationAfterMonths, commentsPerAddressPerHour, commentsPerAddressPerDecisionPerDay
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = DecisionRules.default
        consultationMinimumDays = try c.decodeIfPresent(Int.self, forKey: .consultationMinimumDays) ?? d.consultationMinimumDays
        legalityReviewMinimumWorkingDays = try c.decodeIfPresent(Int.self, forKey: .legalityReviewMinimumWorkingDays)
            ?? d.legalityReviewMinimumWorkingDays
        evaluationAfterMonths = try c.decodeIfPresent(Int.self, forKey: .evaluationAfterMonths) ?? d.evaluationAfterMonths
        commentsPerAddressPerHour = try c.decodeIfPresent(Int.self, forKey: .commentsPerAddressPerHour)
            ?? d.commentsPerAddressPerHour
        commentsPerAddressPerDecisionPerDay = try c.decodeIfPresent(Int.self, forKey: .commentsPerAddressPerDecisionPerDay)
            ?? d.commentsPerAddressPerDecisionPerDay
    }

    /// The allowed range of each number, with its form label: wide enough for any local variant, narrow
    /// enough that a typing slip (300 days, 0 days) is caught.
    static let numberFields: [(key: CodingKeys, label: String, range: ClosedRange<Int>)] = [
        (.consultationMinimumDays, "公开征求意见最短期限（日）", 1...180),
        (.legalityReviewMinimumWorkingDays, "合法性审查最短时间（工作日）", 1...60),
        (.evaluationAfterMonths, "决策后评估时间（决策后月数）", 1...120),
        (.commentsPerAddressPerHour, "同一地址每小时最多提交意见数", 1...1000),
        (.commentsPerAddressPerDecisionPerDay, "同一地址对同一决策每日最多提交意见数", 1...1000),
    ]

    /// Reads the settings form (field names are the coding keys).
    public static func validate(form: [String: String]) -> Result<DecisionRules, FieldErrors> {
        var errors = FieldErrors()
        var values: [CodingKeys: Int] = [:]
        for field in numberFields {
            values[field.key] = IntegerRule(label: field.label, range: field.range)
                .clean(form[field.key.rawValue], field: field.key.rawValue, into: &errors)
        }
        if let perHour = values[.commentsPerAddressPerHour], let perDecision = values[.commentsPerAddressPerDecisionPerDay],
           perDecision > perHour * 24 {
            errors.add(CodingKeys.commentsPerAddressPerDecisionPerDay.rawValue,
                       "「同一地址对同一决策每日最多提交意见数」不能超过每小时上限的24倍。")
        }
        guard errors.isEmpty else { return .failure(errors) }
        return .success(DecisionRules(
            consultationMinimumDays: values[.consultationMinimumDays]!,
            legalityReviewMinimumWorkingDays: values[.legalityReviewMinimumWorkingDays]!,
            evaluationAfterMonths: values[.evaluationAfterMonths]!,
            commentsPerAddressPerHour: values[.commentsPerAddressPerHour]!,
            commentsPerAddressPerDecisionPerDay: values[.commentsPerAddressPerDecisionPerDay]!))
    }

    /// The same checks on a decoded value (settings read from the database or an API call).
    public func validate() -> FieldErrors {
        switch DecisionRules.validate(form: formValues) {
        case .success: return FieldErrors()
        case .failure(let errors): return errors
        }
    }

    /// The form's current values, to fill the settings page.
    public var formValues: [String: String] {
        var form: [String: String] = [:]
        for field in DecisionRules.numberFields { form[field.key.rawValue] = String(self[field.key]) }
        return form
    }

    private subscript(key: CodingKeys) -> Int {
        switch key {
        case .consultationMinimumDays: consultationMinimumDays
        case .legalityReviewMinimumWorkingDays: legalityReviewMinimumWorkingDays
        case .evaluationAfterMonths: evaluationAfterMonths
        case .commentsPerAddressPerHour: commentsPerAddressPerHour
        case .commentsPerAddressPerDecisionPerDay: commentsPerAddressPerDecisionPerDay
        }
    }
}

extension DecisionRules: PeriodSettings {
    public func settingValue(_ field: String) -> Int? { Int(formValues[field] ?? "") }
}
