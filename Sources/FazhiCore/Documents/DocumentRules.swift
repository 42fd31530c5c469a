/// The figures of the normative-document rules marked [verify] in docs/RULES.md: the legal office
/// changes them in the settings page without a release. Every rule type in this folder reads its numbers
/// from here, never from a literal.
///
/// Decoding tolerates missing keys (each takes its default), so settings stored by an older release still
/// load after a figure is added.
public struct DocumentRules: Codable, Sendable, Hashable {
    /// 有效期一般为5年. 湖南省规范性文件管理办法 (省政府令第242号, as amended by 第289号 2018, 第310号 2022,
    /// 第327号 2025), validity provisions [verify article]; restated in the 岳阳市 2025 cleanup notice.
    public var standardTermYears: Int
    /// 标注"暂行""试行"和部署阶段性工作的，有效期不超过2年 (same source) [verify].
    public var provisionalTermYears: Int
    /// 起草单位应当于有效期届满前6个月内进行评估 (same source) [verify].
    public var evaluationWindowMonths: Int
    /// 需要继续执行的，应当在有效期届满30日前重新办理登记、编号和公布 (same source) [verify].
    public var republishLeadDays: Int
    /// Public comment: 一般不少于7个工作日 (法治政府建设示范指标体系 item 24) [verify the source].
    public var commentMinimumWorkingDays: Int
    /// Public comment on documents closely tied to market entities: 一般不少于30日 (优化营商环境条例,
    /// 国务院令第722号, art. 62) [verify].
    public var marketCommentMinimumDays: Int
    /// Legality review: 原则上不少于5个工作日 (国办发〔2018〕115号) [verify].
    public var reviewMinimumWorkingDays: Int
    /// Legality review: 最长不超过15个工作日 (国办发〔2018〕115号) [verify].
    public var reviewMaximumWorkingDays: Int
    /// 应当于统一公布之日起30日以后施行 (湖南省规范性文件管理办法 art. 20 as amended by 省政府令第289号, 2018).
    public var effectiveDelayDays: Int
    /// 政府规范性文件于公布之日起15日内报送备案 (same, art. 22(1)(1) as amended by 省政府令第289号; current text
    /// 省政府令第327号, 2025) [verify the department rule].
    public var filingDays: Int
    /// The province's 统一登记号 format.
    public var registrationPattern: RegistrationNumberPattern

    public init(
        standardTermYears: Int = 5, provisionalTermYears: Int = 2, evaluationWindowMonths: Int = 6,
        republishLeadDays: Int = 30, commentMinimumWorkingDays: Int = 7, marketCommentMinimumDays: Int = 30,
        reviewMinimumWorkingDays: Int = 5, reviewMaximumWorkingDays: Int = 15,
        effectiveDelayDays: Int = 30, filingDays: Int = 15,
        registrationPattern: RegistrationNumberPattern = .default
    ) {
        self.standardTermYears = standardTermYears
        self.provisionalTermYears = provisionalTermYears
        self.evaluationWindowMonths = evaluationWindowMonths
        self.republishLeadDays = republishLeadDays
        self.commentMinimumWorkingDays = commentMinimumWorkingDays
        self.marketCommentMinimumDays = marketCommentMinimumDays
        self.reviewMinimumWorkingDays = reviewMinimumWorkingDays
        self.reviewMaximumWorkingDays = reviewMaximumWorkingDays
        self.effectiveDelayDays = effectiveDelayDays
        self.filingDays = filingDays
        self.registrationPattern = registrationPattern
    }

    public static let `default` = DocumentRules()

    enum CodingKeys: String, CodingKey, CaseIterable {
        case standardTermYears, provisionalTermYears, evaluationWindowMonths, republishLeadDays
        case commentMinimumWorkingDays, marketCommentMinimumDays
        case reviewMinimumWorkingDays, reviewMaximumWorkingDays, effectiveDelayDays, filingDays
        case registrationPattern
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = DocumentRules.default
        standardTermYears = try c.decodeIfPresent(Int.self, forKey: .standardTermYears) ?? d.standardTermYears
        provisionalTermYears = try c.decodeIfPresent(Int.self, forKey: .provisionalTermYears) ?? d.provisionalTermYears
        evaluationWindowMonths = try c.decodeIfPresent(Int.self, forKey: .evaluationWindowMonths) ?? d.evaluationWindowMonths
        republishLeadDays = try c.decodeIfPresent(Int.self, forKey: .republishLeadDays) ?? d.republishLeadDays
        commentMinimumWorkingDays = try c.decodeIfPresent(Int.self, forKey: .commentMinimumWorkingDays) ?? d.commentMinimumWorkingDays
        marketCommentMinimumDays = try c.decodeIfPresent(Int.self, forKey: .marketCommentMinimumDays) ?? d.marketCommentMinimumDays
        reviewMinimumWorkingDays = try c.decodeIfPresent(Int.self, forKey: .reviewMinimumWorkingDays) ?? d.reviewMinimumWorkingDays
        reviewMaximumWorkingDays = try c.decodeIfPresent(Int.self, forKey: .reviewMaximumWorkingDays) ?? d.reviewMaximumWorkingDays
        effectiveDelayDays = try c.decodeIfPresent(Int.self, forKey: .effectiveDelayDays) ?? d.effectiveDelayDays
        filingDays = try c.decodeIfPresent(Int.self, forKey: .filingDays) ?? d.filingDays
        registrationPattern = try c.decodeIfPresent(RegistrationNumberPattern.self, forKey: .registrationPattern)
            ?? d.registrationPattern
    }

    /// The allowed range of each number, with its form label. Wide enough for any province's variant,
    /// narrow enough that a typing slip (50 years, 0 days) is caught.
    static let numberFields: [(key: CodingKeys, label: String, range: ClosedRange<Int>)] = [
        (.standardTermYears, "一般有效期（年）", 1...10),
        (.provisionalTermYears, "暂行、试行文件有效期（年）", 1...10),
        (.evaluationWindowMonths, "届满前评估期（月）", 1...24),
        (.republishLeadDays, "届满前重新公布提前天数（日）", 0...365),
        (.commentMinimumWorkingDays, "征求意见最短期限（工作日）", 1...60),
        (.marketCommentMinimumDays, "涉市场主体文件征求意见最短期限（日）", 1...180),
        (.reviewMinimumWorkingDays, "合法性审查最短时间（工作日）", 1...60),
        (.reviewMaximumWorkingDays, "合法性审查最长时间（工作日）", 1...60),
        (.effectiveDelayDays, "公布至施行的最短间隔（日）", 0...365),
        (.filingDays, "备案期限（日）", 1...365),
    ]

    /// Reads the settings form (field names are the coding keys; the registration pattern's fields are
    /// `registrationPrefix`, `registrationSeparator` and `registrationSequenceWidth`).
    public static func validate(form: [String: String]) -> Result<DocumentRules, FieldErrors> {
        var errors = FieldErrors()
        var values: [CodingKeys: Int] = [:]
        for field in numberFields {
            let rule = IntegerRule(label: field.label, range: field.range)
            values[field.key] = rule.clean(form[field.key.rawValue], field: field.key.rawValue, into: &errors)
        }
        if let standard = values[.standardTermYears], let provisional = values[.provisionalTermYears], provisional >= standard {
            errors.add(CodingKeys.provisionalTermYears.rawValue, "「暂行、试行文件有效期（年）」应短于「一般有效期（年）」。")
        }
        if let minimum = values[.reviewMinimumWorkingDays], let maximum = values[.reviewMaximumWorkingDays], minimum > maximum {
            errors.add(CodingKeys.reviewMaximumWorkingDays.rawValue, "「合法性审查最长时间（工作日）」不能少于最短时间。")
        }
        var pattern: RegistrationNumberPattern?
        switch RegistrationNumberPattern.validate(
            prefix: form["registrationPrefix"], separator: form["registrationSeparator"],
            sequenceWidth: form["registrationSequenceWidth"]) {
        case .success(let valid): pattern = valid
        case .failure(let problems): errors.merge(problems)
        }
        guard errors.isEmpty, let pattern else { return .failure(errors) }
        return .success(DocumentRules(
            standardTermYears: values[.standardTermYears]!, provisionalTermYears: values[.provisionalTermYears]!,
            evaluationWindowMonths: values[.evaluationWindowMonths]!, republishLeadDays: values[.republishLeadDays]!,
            commentMinimumWorkingDays: values[.commentMinimumWorkingDays]!,
            marketCommentMinimumDays: values[.marketCommentMinimumDays]!,
            reviewMinimumWorkingDays: values[.reviewMinimumWorkingDays]!,
            reviewMaximumWorkingDays: values[.reviewMaximumWorkingDays]!,
            effectiveDelayDays: values[.effectiveDelayDays]!, filingDays: values[.filingDays]!,
            registrationPattern: pattern))
    }

    /// The same checks on a decoded value (settings read from the database or an API call).
    public func validate() -> FieldErrors {
        switch DocumentRules.validate(form: formValues) {
        case .success: return FieldErrors()
        case .failure(let errors): return errors
        }
    }

    /// The form's current values, to fill the settings page.
    public var formValues: [String: String] {
        var form: [String: String] = [
            "registrationPrefix": registrationPattern.prefix,
            "registrationSeparator": registrationPattern.separator,
            "registrationSequenceWidth": String(registrationPattern.sequenceWidth),
        ]
        for field in DocumentRules.numberFields { form[field.key.rawValue] = String(self[field.key]) }
        return form
    }

    private subscript(key: CodingKeys) -> Int {
        switch key {
        case .standardTermYears: standardTermYears
        case .provisionalTermYears: provisionalTermYears
        case .evaluationWindowMonths: evaluationWindowMonths
        case .republishLeadDays: republishLeadDays
        case .commentMinimumWorkingDays: commentMinimumWorkingDays
        case .marketCommentMinimumDays: marketCommentMinimumDays
        case .reviewMinimumWorkingDays: reviewMinimumWorkingDays
        case .reviewMaximumWorkingDays: reviewMaximumWorkingDays
        case .effectiveDelayDays: effectiveDelayDays
        case .filingDays: filingDays
        case .registrationPattern: 0
        }
    }
}

extension DocumentRules: PeriodSettings {
    public func settingValue(_ field: String) -> Int? { Int(formValues[field] ?? "") }
}
