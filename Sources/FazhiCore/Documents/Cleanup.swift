import Foundation

/// The outcome a cleanup campaign (清理) gives a document: 继续有效, 修改, 废止, 宣布失效, 重新公布
/// (湖南省规范性文件管理办法, cleanup provisions [verify article]; a document left off the published 继续有效
/// list stops applying, which is why every document in scope must get an outcome).
public enum CleanupOutcome: String, Hashable, Sendable, CaseIterable, Codable, CodingKeyRepresentable {
    case continued
    case amend
    case repeal
    case declareInvalid
    case republish

    public var label: String {
        switch self {
        case .continued: "继续有效"
        case .amend: "修改"
        case .repeal: "废止"
        case .declareInvalid: "宣布失效"
        case .republish: "重新公布"
        }
    }

    /// The change applying the result decision records on the document.
    public var changeKind: DocumentChange.Kind {
        switch self {
        case .continued: .continued
        case .amend: .amended
        case .repeal: .repealed
        case .declareInvalid: .declaredInvalid
        case .republish: .republished
        }
    }

    /// Every outcome that changes a document needs its reason on the published result list; 继续有效 may
    /// carry one.
    public var requiresReason: Bool { self != .continued }
}

/// One document's outcome in a campaign.
public struct CleanupEntry: Hashable, Sendable, Codable {
    public var documentID: UUID
    public var outcome: CleanupOutcome
    public var reason: String?

    public init(documentID: UUID, outcome: CleanupOutcome, reason: String? = nil) {
        self.documentID = documentID
        self.outcome = outcome
        self.reason = reason
    }
}

/// The change to record on one document when the result decision is applied.
public struct CleanupApplication: Hashable, Sendable {
    public var documentID: UUID
    public var change: DocumentChange

    public init(documentID: UUID, change: DocumentChange) {
        self.documentID = documentID
        self.change = change
    }
}

/// Why a campaign step is refused.
public enum CleanupCampaignProblem: Error, Hashable, Sendable, CustomStringConvertible {
    case emptyScope
    case outsideScope(UUID)
    case duplicateOutcome(UUID)
    case missingOutcomes([UUID])
    case invalidDecisionNumber(String)

    public var message: String {
        switch self {
        case .emptyScope: "清理范围内没有文件。"
        case .outsideScope: "该文件不在本次清理范围内。"
        case .duplicateOutcome: "同一文件在本次清理中只能有一个清理结果。"
        case .missingOutcomes(let ids): "还有\(ids.count)件文件尚未确定清理结果，全部确定后才能适用清理结果决定。"
        case .invalidDecisionNumber(let detail): "清理结果决定的文号有误：\(detail)"
        }
    }

    public var description: String { message }
}

/// Why the result decision cannot be applied yet: every problem at once.
public struct CleanupCampaignRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    public var problems: [CleanupCampaignProblem]

    public init(problems: [CleanupCampaignProblem]) {
        self.problems = problems
    }

    /// Distinct messages, one a line.
    public var description: String {
        var seen = Set<String>()
        return problems.map(\.message).filter { seen.insert($0).inserted }.joined(separator: "\n")
    }
}

/// Counts of a campaign's outcomes, for the statistics catalogue (documents.cleanup.*) and the result page.
public struct CampaignTally: Hashable, Sendable, Codable {
    public var total: Int
    public var byOutcome: [CleanupOutcome: Int]

    public init(total: Int = 0, byOutcome: [CleanupOutcome: Int] = [:]) {
        self.total = total
        self.byOutcome = byOutcome
    }

    public func count(_ outcome: CleanupOutcome) -> Int { byOutcome[outcome] ?? 0 }

    public var continued: Int { count(.continued) }
    public var amended: Int { count(.amend) }
    public var repealed: Int { count(.repeal) }
    public var declaredInvalid: Int { count(.declareInvalid) }
    public var republished: Int { count(.republish) }
}

/// The rules of a cleanup campaign: one outcome per document, all of scope decided before the result
/// decision applies, and the mapping of outcomes to document changes.
public enum CleanupCampaignRules {
    /// Reads one document's outcome form: fields `outcome`, `reason`.
    public static func validateEntry(documentID: UUID, outcome rawOutcome: String?, reason rawReason: String?)
        -> Result<CleanupEntry, FieldErrors> {
        var errors = FieldErrors()
        let outcome = CleanupOutcome(rawValue: rawOutcome ?? "")
        if outcome == nil { errors.add("outcome", "请选择「清理结果」。") }
        let reason = TextRule(label: "理由", required: outcome?.requiresReason ?? false, maxLength: 500, multiline: true)
            .clean(rawReason, field: "reason", into: &errors)
        guard errors.isEmpty, let outcome else { return .failure(errors) }
        return .success(CleanupEntry(documentID: documentID, outcome: outcome, reason: reason))
    }

    /// Whether a new outcome for `documentID` may be recorded: it must be in scope and not decided yet
    /// (to change one, the App replaces the entry rather than adding a second).
    public static func checkNewEntry(documentID: UUID, scope: Set<UUID>, existing: [CleanupEntry]) -> CleanupCampaignProblem? {
        if !scope.contains(documentID) { return .outsideScope(documentID) }
        if existing.contains(where: { $0.documentID == documentID }) { return .duplicateOutcome(documentID) }
        return nil
    }

    /// Everything wrong with the entries against the scope, in the order: outside scope, duplicates, missing.
    public static func problems(scope: [UUID], entries: [CleanupEntry]) -> [CleanupCampaignProblem] {
        let inScope = Set(scope)
        if inScope.isEmpty { return [.emptyScope] }
        var problems: [CleanupCampaignProblem] = []
        var seen = Set<UUID>()
        var reported = Set<UUID>()
        for entry in entries {
            if !inScope.contains(entry.documentID) {
                problems.append(.outsideScope(entry.documentID))
            } else if !seen.insert(entry.documentID).inserted, reported.insert(entry.documentID).inserted {
                problems.append(.duplicateOutcome(entry.documentID))
            }
        }
        var missing: [UUID] = []
        var listed = Set<UUID>()
        for id in scope where !seen.contains(id) && listed.insert(id).inserted { missing.append(id) }
        if !missing.isEmpty { problems.append(.missingOutcomes(missing)) }
        return problems
    }

    /// The changes that applying the result decision records, one per document in scope order, all dated on
    /// the decision date with the decision's 文号 as basis: the App writes them in one transaction.
    /// 继续有效 records the confirmation without changing the status; 重新公布's successor is created by the App
    /// and linked afterwards.
    public static func apply(scope: [UUID], entries: [CleanupEntry], decisionDate: LocalDate, decisionNumber: String)
        -> Result<[CleanupApplication], CleanupCampaignRefusal> {
        var problems = problems(scope: scope, entries: entries)
        var basis = decisionNumber
        switch DocumentNumber.validate(decisionNumber) {
        case .success(let number): basis = number.description
        case .failure(let problem): problems.append(.invalidDecisionNumber(problem.message))
        }
        guard problems.isEmpty else { return .failure(CleanupCampaignRefusal(problems: problems)) }
        let outcomeOf = Dictionary(uniqueKeysWithValues: entries.map { ($0.documentID, $0.outcome) })
        var done = Set<UUID>()
        var applications: [CleanupApplication] = []
        for id in scope where done.insert(id).inserted {
            let change = DocumentChange(kind: outcomeOf[id]!.changeKind, date: decisionDate, basis: basis)
            applications.append(CleanupApplication(documentID: id, change: change))
        }
        return .success(applications)
    }

    public static func tally(_ entries: [CleanupEntry]) -> CampaignTally {
        tally(outcomes: entries.map(\.outcome))
    }

    public static func tally(outcomes: [CleanupOutcome]) -> CampaignTally {
        var byOutcome: [CleanupOutcome: Int] = [:]
        for outcome in outcomes { byOutcome[outcome, default: 0] += 1 }
        return CampaignTally(total: outcomes.count, byOutcome: byOutcome)
    }
}
