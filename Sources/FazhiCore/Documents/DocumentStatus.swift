import Foundation

/// A later act that changes a document's standing: recorded with its date and basis, never by
/// overwriting a status column.
public struct DocumentChange: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, CaseIterable, Codable {
        /// 修改: amended by a later document; stays in force as amended.
        case amended
        /// 废止.
        case repealed
        /// 宣布失效.
        case declaredInvalid
        /// 重新公布: replaced by a successor with a new registration number.
        case republished
        /// 继续有效: a cleanup confirms it; its term is unchanged (有效期自该文件发布之日起计算).
        case continued

        public var label: String {
            switch self {
            case .amended: "修改"
            case .repealed: "废止"
            case .declaredInvalid: "宣布失效"
            case .republished: "重新公布"
            case .continued: "继续有效"
            }
        }

        /// Whether the document stops applying from the change's date.
        public var ends: Bool {
            switch self {
            case .repealed, .declaredInvalid, .republished: true
            case .amended, .continued: false
            }
        }
    }

    public var kind: Kind
    /// The day the change takes effect; for an ending change, the first day the document no longer applies.
    public var date: LocalDate
    /// The 文号 of the act that made the change (the amending document, the cleanup result decision, …).
    public var basis: String
    /// The amending document or the successor, when it is in the register.
    public var linkedDocumentID: UUID?

    public init(kind: Kind, date: LocalDate, basis: String, linkedDocumentID: UUID? = nil) {
        self.kind = kind
        self.date = date
        self.basis = basis
        self.linkedDocumentID = linkedDocumentID
    }
}

/// A document's legal status on a given day. Derived, never stored.
public enum LegalStatus: String, Hashable, Sendable, CaseIterable, Codable {
    case notYetEffective
    case inForce
    case amendedInForce
    case expired
    case repealed
    case declaredInvalid
    case superseded

    public var label: String {
        switch self {
        case .notYetEffective: "未生效"
        case .inForce: "有效"
        case .amendedInForce: "有效（已修改）"
        case .expired: "已失效（有效期届满）"
        case .repealed: "已废止"
        case .declaredInvalid: "已宣布失效"
        case .superseded: "已重新公布（由新文件替代）"
        }
    }

    /// "Was it in force on date X?"
    public var isInForce: Bool { self == .inForce || self == .amendedInForce }
}

/// One line of the document page's history.
public struct TimelineEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case published
        case effective
        case change(DocumentChange.Kind)
        /// The last day of the term.
        case expiry
    }

    public var kind: Kind
    public var date: LocalDate
    /// 公布, 施行, 修改, 有效期届满, …
    public var label: String
    /// The change's basis 文号, nil for published / effective / expiry.
    public var basis: String?
    public var linkedDocumentID: UUID?

    public init(kind: Kind, date: LocalDate, label: String, basis: String? = nil, linkedDocumentID: UUID? = nil) {
        self.kind = kind
        self.date = date
        self.label = label
        self.basis = basis
        self.linkedDocumentID = linkedDocumentID
    }
}

/// Status and history from the dates and the changes.
///
/// Day convention: a document is in force from its effective date through `validUntil`, both included;
/// an ending change (废止, 宣布失效, 重新公布) dated D ends it on D — in force the day before, not on D.
/// That is how the acts are written: cleanup decisions say 自本决定公布之日起不再执行 (e.g. 花垣县 2024 cleanup
/// decision under 湖南省规范性文件管理办法), and a republished document's successor applies from its own date,
/// which is the predecessor's change date. Expiry needs no act: 有效期满自动失效.
public enum DocumentStatusTimeline {
    /// The status on `date`. `effective` nil = not (yet) published. When several ending events have
    /// happened, the earliest decides (a document already expired stays 已失效 even if a later cleanup
    /// declares it invalid); on the same day an explicit change wins over expiry.
    public static func status(on date: LocalDate, effective: LocalDate?, validUntil: LocalDate?,
                              changes: [DocumentChange]) -> LegalStatus {
        if let end = ending(validUntil: validUntil, changes: changes), end.date <= date {
            return end.status
        }
        guard let effective, date >= effective else { return .notYetEffective }
        let amended = changes.contains { $0.kind == .amended && $0.date <= date }
        return amended ? .amendedInForce : .inForce
    }

    /// The first day the document no longer applies and why, or nil while nothing ends it.
    public static func ending(validUntil: LocalDate?, changes: [DocumentChange]) -> (date: LocalDate, status: LegalStatus)? {
        var candidates: [(date: LocalDate, status: LegalStatus, rank: Int)] = []
        for (index, change) in changes.enumerated() where change.kind.ends {
            candidates.append((change.date, status(for: change.kind), index))
        }
        if let validUntil {
            candidates.append((validUntil.adding(days: 1), .expired, Int.max))
        }
        return candidates.min { ($0.date, $0.rank) < ($1.date, $1.rank) }.map { ($0.date, $0.status) }
    }

    static func status(for kind: DocumentChange.Kind) -> LegalStatus {
        switch kind {
        case .repealed: .repealed
        case .declaredInvalid: .declaredInvalid
        case .republished: .superseded
        case .amended: .amendedInForce
        case .continued: .inForce
        }
    }

    /// The history for the document page, in date order: published, effective, each change, and the end
    /// of the term (left out when an earlier act ended the document, since it never ran to its end).
    /// Same-day events keep this order: published, effective, changes as recorded, expiry.
    public static func timeline(published: LocalDate?, effective: LocalDate?, validUntil: LocalDate?,
                                changes: [DocumentChange]) -> [TimelineEvent] {
        var events: [(event: TimelineEvent, rank: Int)] = []
        if let published { events.append((TimelineEvent(kind: .published, date: published, label: "公布"), 0)) }
        if let effective { events.append((TimelineEvent(kind: .effective, date: effective, label: "施行"), 1)) }
        for (index, change) in changes.enumerated() {
            let event = TimelineEvent(kind: .change(change.kind), date: change.date, label: change.kind.label,
                                      basis: change.basis, linkedDocumentID: change.linkedDocumentID)
            events.append((event, 2 + index))
        }
        if let validUntil {
            let endedEarlier = changes.contains { $0.kind.ends && $0.date <= validUntil }
            if !endedEarlier {
                events.append((TimelineEvent(kind: .expiry, date: validUntil, label: "有效期届满"), Int.max))
            }
        }
        return events.sorted { ($0.event.date, $0.rank) < ($1.event.date, $1.rank) }.map(\.event)
    }
}
