import Foundation

/// The record an adviser's work is attached to (法律顾问参与审查和决策).
public enum EngagementSubject: String, CaseIterable, Codable, Sendable, Hashable {
    /// 重大行政决策: expert argument, legality review, attending the collective discussion.
    case decision
    /// 政府合同: a legal opinion on the contract before signing.
    case contract
    /// 规范性文件: a legal opinion during the document's legality review.
    case document

    public var label: String {
        switch self {
        case .decision: "重大行政决策"
        case .contract: "政府合同"
        case .document: "规范性文件"
        }
    }
}

/// An adviser's part in a review or decision, as entered on that record's page.
public struct AdviserEngagement: Sendable, Hashable {
    public static let summaryMaximumLength = 2000

    public var date: LocalDate
    public var summary: String

    public init(date: LocalDate, summary: String) {
        self.date = date
        self.summary = summary
    }

    /// Fields: `adviser`, `date`, `summary`. The adviser must be on the roster and serving on that date (聘期内);
    /// the date is not in the future.
    public static func validate(adviserTerm: AdviserTerm?, date rawDate: String?, summary rawSummary: String?,
                                today: LocalDate) -> Result<AdviserEngagement, FieldErrors> {
        var errors = FieldErrors()
        if adviserTerm == nil { errors.add("adviser", "请选择「法律顾问」。") }
        let date = DateRule(label: "参与日期").clean(rawDate, field: "date", into: &errors)
        let summary = TextRule(label: "参与内容和意见", maxLength: summaryMaximumLength, multiline: true)
            .clean(rawSummary, field: "summary", into: &errors)
        if let date {
            if date > today { errors.add("date", "「参与日期」不能晚于今天。") }
            if let term = adviserTerm, !term.isActive(on: date) {
                errors.add("date", "该法律顾问在 \(date.chinese) 不在聘期内（\(term.start.chinese) 至 \(term.end?.chinese ?? "今")）。")
            }
        }
        guard errors.isEmpty, let date, let summary else { return .failure(errors) }
        return .success(AdviserEngagement(date: date, summary: summary))
    }
}

/// Assigning an adviser to a village or community (一村（社区）一法律顾问). A new assignment from a date ends the
/// region's current assignment the day before, so the history of who served where is kept.
public struct VillageAssignmentPlan: Sendable, Hashable {
    /// An assignment already stored for the region.
    public struct Existing: Sendable, Hashable {
        public var id: UUID
        public var adviserID: UUID
        public var from: LocalDate
        public var to: LocalDate?

        public init(id: UUID, adviserID: UUID, from: LocalDate, to: LocalDate?) {
            self.id = id
            self.adviserID = adviserID
            self.from = from
            self.to = to
        }
    }

    public var from: LocalDate
    /// The new assignment ends with the adviser's term, if the term has an end.
    public var to: LocalDate?
    /// Existing assignments to close, with their new end date.
    public var ends: [UUID: LocalDate]

    /// Fields: `region`, `adviser`, `from`. Only villages and communities take advisers; the adviser serves on
    /// `from`; an assignment already starting on or after `from` is not overwritten (correct it instead).
    public static func plan(regionLevel: RegionLevel?, adviserID: UUID?, adviserTerm: AdviserTerm?, from rawFrom: String?,
                            existing: [Existing], today: LocalDate) -> Result<VillageAssignmentPlan, FieldErrors> {
        var errors = FieldErrors()
        switch regionLevel {
        case nil: errors.add("region", "请选择「村（社区）」。")
        case .village?, .community?: break
        case let level?: errors.add("region", "法律顾问分派到村或社区，不能分派到\(level.label)。")
        }
        if adviserID == nil || adviserTerm == nil { errors.add("adviser", "请选择「法律顾问」。") }
        let from = DateRule(label: "起始日期").clean(rawFrom, field: "from", into: &errors)
        var ends: [UUID: LocalDate] = [:]
        if let from {
            if from > today.adding(days: 366) { errors.add("from", "「起始日期」不能晚于一年以后。") }
            if let term = adviserTerm, !term.isActive(on: from) {
                errors.add("from", "该法律顾问在 \(from.chinese) 不在聘期内（\(term.start.chinese) 至 \(term.end?.chinese ?? "今")）。")
            }
            for assignment in existing {
                let endsOnOrAfter = assignment.to.map { $0 >= from } ?? true
                guard endsOnOrAfter else { continue }
                if assignment.from >= from {
                    errors.add("from", "该村（社区）已有自 \(assignment.from.chinese) 起的分派，起始日期须晚于它。")
                } else if assignment.adviserID == adviserID {
                    errors.add("adviser", "该法律顾问已在为这个村（社区）服务。")
                } else {
                    ends[assignment.id] = from.adding(days: -1)
                }
            }
        }
        guard errors.isEmpty, let from else { return .failure(errors) }
        return .success(VillageAssignmentPlan(from: from, to: adviserTerm?.end, ends: ends))
    }
}
