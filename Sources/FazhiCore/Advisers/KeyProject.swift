import Foundation

/// A key project (重点项目工程) that advisers and public lawyers take part in (the seed names nine:
/// 全域旅游转型升级、领创项目、德馨园项目 …; the 2020 figures: advisers.keyProjects 9).
public struct KeyProject: Sendable, Hashable {
    public var name: String
    /// The unit that owns the project.
    public var ownerUnit: String
    public var startDate: LocalDate
    /// Nil while the project runs.
    public var endDate: LocalDate?

    public init(name: String, ownerUnit: String, startDate: LocalDate, endDate: LocalDate? = nil) {
        self.name = name
        self.ownerUnit = ownerUnit
        self.startDate = startDate
        self.endDate = endDate
    }

    /// Fields: `name`, `ownerUnit`, `startDate`, `endDate`.
    public static func validate(name rawName: String?, ownerUnit rawOwner: String?, startDate rawStart: String?,
                                endDate rawEnd: String?) -> Result<KeyProject, FieldErrors> {
        var errors = FieldErrors()
        let name = TextRule(label: "项目名称", maxLength: 100).clean(rawName, field: "name", into: &errors)
        if let name, name.count < 2 { errors.add("name", "「项目名称」至少 2 个字。") }
        let owner = TextRule(label: "项目单位", maxLength: 60).clean(rawOwner, field: "ownerUnit", into: &errors)
        let start = DateRule(label: "开始日期").clean(rawStart, field: "startDate", into: &errors)
        let end = DateRule(label: "结束日期", required: false).clean(rawEnd, field: "endDate", into: &errors)
        if let start, let end, end < start {
            errors.add("endDate", "「结束日期」（\(end.chinese)）不能早于开始日期（\(start.chinese)）。")
        }
        guard errors.isEmpty, let name, let owner, let start else { return .failure(errors) }
        return .success(KeyProject(name: name, ownerUnit: owner, startDate: start, endDate: end))
    }
}

/// An adviser's part in a key project: from when to when, and the legal opinions given.
public struct ProjectParticipation: Sendable, Hashable {
    public var adviserID: UUID
    public var projectID: UUID
    public var from: LocalDate
    /// Nil while still taking part.
    public var to: LocalDate?
    public var opinionsCount: Int
    /// What the opinions said, briefly; required once any opinion was given.
    public var opinionsSummary: String?

    public init(adviserID: UUID, projectID: UUID, from: LocalDate, to: LocalDate? = nil, opinionsCount: Int = 0,
                opinionsSummary: String? = nil) {
        self.adviserID = adviserID
        self.projectID = projectID
        self.from = from
        self.to = to
        self.opinionsCount = opinionsCount
        self.opinionsSummary = opinionsSummary
    }

    /// Whether the adviser takes part on `date`.
    public func isActive(on date: LocalDate) -> Bool {
        from <= date && (to.map { date <= $0 } ?? true)
    }

    /// Fields: `from`, `to`, `opinionsCount`, `opinionsSummary`. The participation lies within the project's
    /// dates and, when given, within the adviser's term; it has begun (not in the future).
    public static func validate(adviserID: UUID, projectID: UUID, project: KeyProject, adviserTerm: AdviserTerm?,
                                from rawFrom: String?, to rawTo: String?, opinionsCount rawCount: String?,
                                opinionsSummary rawSummary: String?, today: LocalDate) -> Result<ProjectParticipation, FieldErrors> {
        var errors = FieldErrors()
        let from = DateRule(label: "参与开始日期").clean(rawFrom, field: "from", into: &errors)
        let to = DateRule(label: "参与结束日期", required: false).clean(rawTo, field: "to", into: &errors)
        let count = IntegerRule(label: "提出法律意见数", range: 0...10_000).clean(rawCount, field: "opinionsCount", into: &errors)
        let summary = TextRule(label: "法律意见摘要", required: (count ?? 0) > 0, maxLength: 4000, multiline: true)
            .clean(rawSummary, field: "opinionsSummary", into: &errors)
        if let from {
            if from > today { errors.add("from", "「参与开始日期」不能晚于今天。") }
            if from < project.startDate {
                errors.add("from", "「参与开始日期」不能早于项目开始日期（\(project.startDate.chinese)）。")
            }
            if let end = project.endDate, from > end {
                errors.add("from", "「参与开始日期」不能晚于项目结束日期（\(end.chinese)）。")
            }
            if let term = adviserTerm, !term.isActive(on: from) {
                errors.add("from", "「参与开始日期」不在该顾问的聘期内。")
            }
            if let to, to < from { errors.add("to", "「参与结束日期」不能早于开始日期（\(from.chinese)）。") }
        }
        if let to, let end = project.endDate, to > end {
            errors.add("to", "「参与结束日期」不能晚于项目结束日期（\(end.chinese)）。")
        }
        guard errors.isEmpty, let from, let count else { return .failure(errors) }
        return .success(ProjectParticipation(adviserID: adviserID, projectID: projectID, from: from, to: to,
                                             opinionsCount: count, opinionsSummary: summary))
    }
}
