/// A contract as submitted for review, validated. The submitting unit, the key project and the attachments
/// are references the App resolves; this checks what the clerk typed.
public struct ContractDraft: Sendable, Hashable {
    /// One counterparty as typed on the form.
    public struct CounterpartyInput: Sendable, Hashable {
        public var name: String?
        public var kind: String?
        public var identifier: String?

        public init(name: String?, kind: String?, identifier: String?) {
            self.name = name
            self.kind = kind
            self.identifier = identifier
        }
    }

    public static let maximumCounterparties = 20

    public var title: String
    public var type: ContractType
    /// Nil: the agreement states no fixed amount (investment cooperation, concession, PPP supplements).
    public var amount: ContractAmount?
    public var counterparties: [Counterparty]
    public var term: ContractTerm

    public init(title: String, type: ContractType, amount: ContractAmount?, counterparties: [Counterparty], term: ContractTerm) {
        self.title = title
        self.type = type
        self.amount = amount
        self.counterparties = counterparties
        self.term = term
    }

    /// Fields: `title`, `type`, `amount`, `counterparties` and `counterparties.N.name|kind|identifier`,
    /// `termStart`, `termEnd`. `type` and `kind` take the code or the Chinese label; a blank amount means none
    /// is fixed.
    public static func validate(title rawTitle: String?, type rawType: String?, amount rawAmount: String?,
                                counterparties inputs: [CounterpartyInput], termStart: String?, termEnd: String?,
                                today: LocalDate) -> Result<ContractDraft, FieldErrors> {
        var errors = FieldErrors()
        let title = TextRule(label: "合同名称", maxLength: 200).clean(rawTitle, field: "title", into: &errors)
        let type = ContractType(codeOrLabel: rawType)
        if type == nil { errors.add("type", "请选择「合同类型」。") }
        var amount: ContractAmount?
        if !(rawAmount ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            switch ContractAmount.parse(rawAmount) {
            case .success(let value): amount = value
            case .failure(let problems): errors.merge(problems)
            }
        }
        var counterparties: [Counterparty] = []
        if inputs.isEmpty {
            errors.add("counterparties", "请填写至少一个合同相对方。")
        } else if inputs.count > maximumCounterparties {
            errors.add("counterparties", "合同相对方不能超过 \(maximumCounterparties) 个。")
        } else {
            for (index, input) in inputs.enumerated() {
                switch Counterparty.validate(name: input.name, kind: input.kind, identifier: input.identifier,
                                             today: today, fieldPrefix: "counterparties.\(index).") {
                case .success(let party): counterparties.append(party)
                case .failure(let problems): errors.merge(problems)
                }
            }
            var seen = Set<String>()
            if counterparties.contains(where: { !seen.insert($0.identifier.value).inserted }) {
                errors.add("counterparties", "同一合同相对方（相同的统一社会信用代码或身份号码）重复填写。")
            }
        }
        var term: ContractTerm?
        switch ContractTerm.validate(start: termStart, end: termEnd) {
        case .success(let value): term = value
        case .failure(let problems): errors.merge(problems)
        }
        guard errors.isEmpty, let title, let type, let term else { return .failure(errors) }
        return .success(ContractDraft(title: title, type: type, amount: amount, counterparties: counterparties, term: term))
    }
}

/// The signing date (签订日期): a fact, so not in the future, and not before the review that cleared the
/// contract (the review comes first: the contract workflow's `reviewPassed` guard).
public enum ContractSigning {
    /// Field: `signedOn`. `reviewDecidedOn`: the date of the passed review, nil when no review was required.
    public static func validate(signedOn raw: String?, reviewDecidedOn: LocalDate?, today: LocalDate) -> Result<LocalDate, FieldErrors> {
        var errors = FieldErrors()
        guard let signed = DateRule(label: "签订日期").clean(raw, field: "signedOn", into: &errors) else { return .failure(errors) }
        if signed > today { errors.add("signedOn", "「签订日期」不能晚于今天。") }
        if let reviewed = reviewDecidedOn, signed < reviewed {
            errors.add("signedOn", "「签订日期」不能早于合法性审查意见日期（\(reviewed.chinese)）：合同应当先审查后签订。")
        }
        return errors.isEmpty ? .success(signed) : .failure(errors)
    }
}
