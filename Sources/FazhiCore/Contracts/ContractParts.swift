/// The parts of a government contract (政府合同) submitted for legality review: its type, the other parties
/// and the term. The amount is `ContractAmount`.

/// Contract types as the county's register groups them.
public enum ContractType: String, CaseIterable, Codable, Sendable, Hashable {
    case sale
    case construction
    case service
    case lease
    /// 特许经营, including PPP (政府和社会资本合作).
    case concession
    case cooperation
    case landUseRightGrant
    case loanOrGuarantee
    case other

    public var label: String {
        switch self {
        case .sale: "买卖"
        case .construction: "建设工程"
        case .service: "服务"
        case .lease: "租赁"
        case .concession: "特许经营（PPP）"
        case .cooperation: "合作协议"
        case .landUseRightGrant: "土地使用权出让"
        case .loanOrGuarantee: "借款/担保"
        case .other: "其他"
        }
    }
}

/// The other party to a contract: an organisation with its unified social credit code (GB 32100), or a
/// natural person with a citizen identity number (GB 11643).
///
/// A natural person's name and identity number are personal information (个人信息保护法; docs/SECURITY.md item 12):
/// the App encrypts them at rest and shows them masked (`maskedName`, `Identifier.masked`) unless a user
/// allowed to reveal personal data asks, which is audited.
public struct Counterparty: Sendable, Hashable {
    public enum Kind: String, CaseIterable, Codable, Sendable, Hashable {
        case organisation
        case naturalPerson

        public var label: String {
            switch self {
            case .organisation: "单位"
            case .naturalPerson: "自然人"
            }
        }
    }

    public enum Identifier: Sendable, Hashable {
        case creditCode(UnifiedSocialCreditCode)
        case residentID(ResidentID)

        /// The normalised 18 characters.
        public var value: String {
            switch self {
            case .creditCode(let code): code.value
            case .residentID(let id): id.value
            }
        }

        /// A credit code is public registration data and shown whole; an identity number is masked.
        public var masked: String {
            switch self {
            case .creditCode(let code): code.value
            case .residentID(let id): id.masked
            }
        }
    }

    public var name: String
    public var identifier: Identifier

    public init(name: String, identifier: Identifier) {
        self.name = name
        self.identifier = identifier
    }

    public var kind: Kind {
        switch identifier {
        case .creditCode: .organisation
        case .residentID: .naturalPerson
        }
    }

    /// An organisation's name whole; a person's masked (`张**`).
    public var maskedName: String {
        kind == .organisation ? name : Masking.name(name)
    }

    /// Fields: `<prefix>name`, `<prefix>kind`, `<prefix>identifier` (the prefix lets a form hold several
    /// counterparties: `counterparties.0.`).
    public static func validate(name rawName: String?, kind rawKind: String?, identifier rawIdentifier: String?,
                                today: LocalDate, fieldPrefix: String = "") -> Result<Counterparty, FieldErrors> {
        var errors = FieldErrors()
        let kind = Kind(codeOrLabel: rawKind)
        if kind == nil { errors.add(fieldPrefix + "kind", "请选择合同相对方的类型：单位或自然人。") }
        let nameLabel = kind == .naturalPerson ? "相对方姓名" : "相对方名称"
        let name = TextRule(label: nameLabel, maxLength: kind == .naturalPerson ? 30 : 100)
            .clean(rawName, field: fieldPrefix + "name", into: &errors)
        var identifier: Identifier?
        let identifierLabel = kind == .naturalPerson ? "公民身份号码" : "统一社会信用代码"
        if let text = TextRule(label: identifierLabel, maxLength: 64).clean(rawIdentifier, field: fieldPrefix + "identifier", into: &errors),
           let kind {
            switch kind {
            case .organisation:
                switch UnifiedSocialCreditCode.validate(text) {
                case .success(let code): identifier = .creditCode(code)
                case .failure(let problem): errors.add(fieldPrefix + "identifier", problem.message)
                }
            case .naturalPerson:
                switch ResidentID.validate(text, asOf: today) {
                case .success(let id): identifier = .residentID(id)
                case .failure(let problem): errors.add(fieldPrefix + "identifier", problem.message)
                }
            }
        }
        guard errors.isEmpty, let name, let identifier else { return .failure(errors) }
        return .success(Counterparty(name: name, identifier: identifier))
    }
}

/// The contract's term: from `start` to `end`, both included. `end` nil = until performance is complete
/// (合同履行完毕之日止), which many service and cooperation agreements say instead of a date.
public struct ContractTerm: Sendable, Hashable, Codable {
    public var start: LocalDate
    public var end: LocalDate?

    public init(start: LocalDate, end: LocalDate?) {
        self.start = start
        self.end = end
    }

    public func contains(_ date: LocalDate) -> Bool {
        start <= date && (end.map { date <= $0 } ?? true)
    }

    /// Fields: `termStart`, `termEnd`.
    public static func validate(start rawStart: String?, end rawEnd: String?) -> Result<ContractTerm, FieldErrors> {
        var errors = FieldErrors()
        let start = DateRule(label: "合同期限起始日期").clean(rawStart, field: "termStart", into: &errors)
        let end = DateRule(label: "合同期限终止日期", required: false).clean(rawEnd, field: "termEnd", into: &errors)
        if let start, let end, end < start {
            errors.add("termEnd", "「合同期限终止日期」（\(end.chinese)）不能早于起始日期（\(start.chinese)）。")
        }
        guard errors.isEmpty, let start else { return .failure(errors) }
        return .success(ContractTerm(start: start, end: end))
    }
}
