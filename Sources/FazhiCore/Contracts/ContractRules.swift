/// The figures of government contract review and filing. No national statute sets them, so each is a setting
/// with a default the legal office confirms against the province's rule on government contracts [verify all
/// three] (rules `contracts.review` and `contracts.filing`, docs/RULES.md):
/// - the review time: 5 working days, the lower end of the 5–15 working days the review guidance gives for
///   normative documents (国办发〔2018〕115号) — the figure the issue brief proposes;
/// - the filing deadline: 30 days after signing — a placeholder until the province's figure is entered;
/// - the amount from which the legal office must review: 0, i.e. every contract (the seed reviews "各类合同协议").
///
/// Decoding tolerates missing keys (each takes its default).
public struct ContractRules: Codable, Sendable, Hashable {
    /// Working days the legal office has for a contract's legality review, from the day after receipt.
    public var reviewWorkingDays: Int
    /// Calendar days after signing within which a contract to be filed is filed (备案).
    public var filingDays: Int
    /// Contracts of at least this amount need the legal office's review (0 = all).
    public var reviewThreshold: ContractAmount

    public init(reviewWorkingDays: Int = 5, filingDays: Int = 30, reviewThreshold: ContractAmount = .zero) {
        self.reviewWorkingDays = reviewWorkingDays
        self.filingDays = filingDays
        self.reviewThreshold = reviewThreshold
    }

    public static let `default` = ContractRules()

    enum CodingKeys: String, CodingKey, CaseIterable {
        case reviewWorkingDays, filingDays, reviewThreshold
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ContractRules.default
        reviewWorkingDays = try c.decodeIfPresent(Int.self, forKey: .reviewWorkingDays) ?? d.reviewWorkingDays
        filingDays = try c.decodeIfPresent(Int.self, forKey: .filingDays) ?? d.filingDays
        reviewThreshold = try c.decodeIfPresent(ContractAmount.self, forKey: .reviewThreshold) ?? d.reviewThreshold
    }

    /// Whether a contract of `amount` must be reviewed by the legal office. One with no fixed amount
    /// (nil: investment cooperation, concessions) is always reviewed: its value cannot be shown to be small.
    public func requiresReview(amount: ContractAmount?) -> Bool {
        guard let amount else { return true }
        return amount >= reviewThreshold
    }

    static let numberFields: [(key: CodingKeys, label: String, range: ClosedRange<Int>)] = [
        (.reviewWorkingDays, "合同审查期限（工作日）", 1...60),
        (.filingDays, "合同备案期限（签订后日数）", 1...365),
    ]

    /// Reads the settings form (field names are the coding keys; `reviewThreshold` accepts any amount form,
    /// e.g. `0`, `50万`).
    public static func validate(form: [String: String]) -> Result<ContractRules, FieldErrors> {
        var errors = FieldErrors()
        var values: [CodingKeys: Int] = [:]
        for field in numberFields {
            values[field.key] = IntegerRule(label: field.label, range: field.range)
                .clean(form[field.key.rawValue], field: field.key.rawValue, into: &errors)
        }
        var threshold: ContractAmount?
        switch ContractAmount.parse(form[CodingKeys.reviewThreshold.rawValue], field: CodingKeys.reviewThreshold.rawValue,
                                    label: "须经审查的合同金额起点（元）") {
        case .success(let amount): threshold = amount
        case .failure(let problems): errors.merge(problems)
        }
        guard errors.isEmpty, let threshold else { return .failure(errors) }
        return .success(ContractRules(reviewWorkingDays: values[.reviewWorkingDays]!, filingDays: values[.filingDays]!,
                                      reviewThreshold: threshold))
    }

    /// The same checks on a decoded value.
    public func validate() -> FieldErrors {
        switch ContractRules.validate(form: formValues) {
        case .success: return FieldErrors()
        case .failure(let errors): return errors
        }
    }

    /// The form's current values, to fill the settings page.
    public var formValues: [String: String] {
        [
            CodingKeys.reviewWorkingDays.rawValue: String(reviewWorkingDays),
            CodingKeys.filingDays.rawValue: String(filingDays),
            CodingKeys.reviewThreshold.rawValue: reviewThreshold.plain,
        ]
    }
}

/// The contract deadlines as periods over the legal calendar: due dates and status (正常/临期/超期/已办结) are
/// derived when read (`LegalCalendar.dueDate(of:)`, `DeadlineStatusRule`), never stored.
public struct ContractDeadlineRule: Sendable, Hashable {
    public var rules: ContractRules

    public init(rules: ContractRules = .default) {
        self.rules = rules
    }

    /// The review: rule `contracts.review`, `reviewWorkingDays` working days after the legal office received
    /// the contract (the receiving day not counted; docs/RULES.md).
    public func reviewPeriod(received: LocalDate) -> Period {
        ContractPeriods.review.applying(rules).period(from: received)!
    }

    /// The filing: rule `contracts.filing`, `filingDays` calendar days after signing (the signing day not
    /// counted), the last day rolled over a rest day (民事诉讼法 art. 85).
    public func filingPeriod(signed: LocalDate) -> Period {
        ContractPeriods.filing.applying(rules).period(from: signed)!
    }

    /// Late = done after the due date; done on the due date is on time.
    public func isLate(doneOn: LocalDate, due: LocalDate) -> Bool {
        doneOn > due
    }
}

extension ContractRules: PeriodSettings {
    public func settingValue(_ field: String) -> Int? { Int(formValues[field] ?? "") }
}
