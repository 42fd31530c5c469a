/// The legality review (合法性审查) shared by normative documents, major decisions, contracts and major
/// enforcement decisions (docs/ARCHITECTURE.md "Legality review"): one record per review, pointing at its subject.
public enum ReviewOpinion: String, CaseIterable, Codable, Sendable, Hashable {
    case agree
    case agreeWithChanges
    case disagree

    public var label: String {
        switch self {
        case .agree: "同意"
        case .agreeWithChanges: "修改后同意"
        case .disagree: "不同意"
        }
    }

    /// 同意 and 修改后同意 let the draft proceed; 不同意 sends it back (国办发〔2018〕115号; 重大行政决策程序暂行条例 art. 25-28).
    public var passed: Bool { self != .disagree }
}

/// What may be reviewed. The raw value is stored with each review.
public enum ReviewSubjectType: String, CaseIterable, Codable, Sendable, Hashable {
    case document
    case decision
    case contract
    case enforcementDecision = "enforcement_decision"
    /// An amendment (变更协议) of a signed contract that changes what was reviewed; the subject is the change.
    case contractAmendment = "contract_amendment"

    public var label: String {
        switch self {
        case .document: "规范性文件"
        case .decision: "重大行政决策"
        case .contract: "政府合同"
        case .enforcementDecision: "重大执法决定"
        case .contractAmendment: "政府合同变更"
        }
    }
}

/// A review opinion as entered on the form, validated.
public struct ReviewDraft: Sendable, Hashable {
    public var received: LocalDate
    public var decided: LocalDate
    public var opinion: ReviewOpinion
    public var reasons: String

    /// A 不同意 or 修改后同意 opinion must say why; dates must be in order and not in the future.
    public static func validate(received rawReceived: String?, decided rawDecided: String?, opinion rawOpinion: String?,
                                reasons rawReasons: String?, today: LocalDate) -> Result<ReviewDraft, FieldErrors> {
        var errors = FieldErrors()
        let received = DateRule(label: "收到送审稿日期").clean(rawReceived, field: "received", into: &errors)
        let decided = DateRule(label: "审查意见日期").clean(rawDecided, field: "decided", into: &errors)
        let opinion = ReviewOpinion(rawValue: rawOpinion ?? "")
        if opinion == nil { errors.add("opinion", "请选择「审查意见」：同意、修改后同意或不同意。") }
        let reasons = TextRule(label: "审查意见说明", required: opinion.map { $0 != .agree } ?? false, maxLength: 4000, multiline: true)
            .clean(rawReasons, field: "reasons", into: &errors)
        if let received, let decided {
            if decided < received { errors.add("decided", "「审查意见日期」不能早于收到送审稿的日期。") }
        }
        if let decided, decided > today { errors.add("decided", "「审查意见日期」不能晚于今天。") }
        if let received, received > today { errors.add("received", "「收到送审稿日期」不能晚于今天。") }
        guard errors.isEmpty, let received, let decided, let opinion else { return .failure(errors) }
        return .success(ReviewDraft(received: received, decided: decided, opinion: opinion, reasons: reasons ?? ""))
    }
}
