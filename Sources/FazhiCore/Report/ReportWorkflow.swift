import Foundation

/// The annual report on rule-of-law government (法治政府建设年度报告): drafted from the records, edited by the
/// legal office, finalized (text and every figure frozen with a hash), published; a finalized report never
/// changes again — a correction is a new version that supersedes it when it is published.
public enum ReportState: String, WorkflowState {
    case draft
    case finalized
    case published
    /// A later version of the same year's report was published in its place.
    case superseded

    public var label: String {
        switch self {
        case .draft: "起草中"
        case .finalized: "已定稿"
        case .published: "已公布"
        case .superseded: "已被新版本取代"
        }
    }
}

public enum ReportEvent: String, WorkflowEvent {
    /// draft → finalized: the snapshot of text and figures is taken and hashed.
    case finalize
    /// finalized → published on the public portal.
    case publish
    /// finalized or published → superseded: a later version was published.
    case supersede

    public var label: String {
        switch self {
        case .finalize: "定稿"
        case .publish: "公布"
        case .supersede: "由新版本取代"
        }
    }
}

/// What the guards need, filled by the App from the report's current text and figures.
public struct ReportWorkflowContext: Sendable, Hashable {
    /// Labels of the sections the statutory structure requires that are still empty.
    public var emptySections: [String]
    /// Figures the text asks for that neither the catalogue nor a declaration provides.
    public var unresolvedFigures: [String]
    /// Placeholder errors left in the text (unclosed braces, unknown styles or keys).
    public var templateErrors: [String]
    /// The issuing bodies (落款) and the date (成文日期) are entered.
    public var signatureRecorded: Bool
    /// The publication date is entered, not before the finalization, not in the future.
    public var publicationDateValid: Bool
    /// A later version of the report has been published.
    public var newerVersionPublished: Bool
    /// A later version of the same year's report is finalized or published: this one may no longer be published.
    public var newerVersionFinalized: Bool

    public init(emptySections: [String] = [], unresolvedFigures: [String] = [], templateErrors: [String] = [],
                signatureRecorded: Bool = true, publicationDateValid: Bool = false, newerVersionPublished: Bool = false,
                newerVersionFinalized: Bool = false) {
        self.emptySections = emptySections
        self.unresolvedFigures = unresolvedFigures
        self.templateErrors = templateErrors
        self.signatureRecorded = signatureRecorded
        self.publicationDateValid = publicationDateValid
        self.newerVersionPublished = newerVersionPublished
        self.newerVersionFinalized = newerVersionFinalized
    }
}

public enum ReportWorkflow {
    public typealias Guard = WorkflowGuard<ReportWorkflowContext>
    public typealias Definition = WorkflowDefinition<ReportState, ReportEvent, ReportWorkflowContext>

    /// The report has the statutory contents (法治政府建设与责任落实督察工作规定 2019, 第二十五条 [verify]: main
    /// measures and results, shortcomings and causes, the heads' first-responsible-person duties, next year's plan).
    public static let sectionsWritten = Guard("报告还有必备部分没有撰写。") { $0.emptySections.isEmpty }
    /// Every figure is traceable: none may be missing from a finalized report.
    public static let figuresResolved = Guard("报告中还有没有取得的数字，请补录申报数字或修改正文。") { $0.unresolvedFigures.isEmpty }
    public static let templateValid = Guard("正文中还有格式错误的数字占位符，请先改正。") { $0.templateErrors.isEmpty }
    /// GB/T 9704-2012 7.3.5: a document ends with the issuing bodies and the date.
    public static let signatureRecorded = Guard("请先填写落款机关和成文日期。") { $0.signatureRecorded }
    public static let publicationDateValid = Guard("公布日期应不早于定稿日期，且不晚于今天。") { $0.publicationDateValid }
    /// A correction supersedes what it corrects, never the other way round.
    public static let noNewerVersion = Guard("本年度已有更新的版本定稿或公布，旧版本不能再公布。") { !$0.newerVersionFinalized }
    public static let newerVersionPublished = Guard("只有新版本公布后，旧版本才被取代。") { $0.newerVersionPublished }

    /// Only the legal office writes the report; leaders read it, the public sees it once published.
    public static func definition() -> Definition {
        let office: Set<Role> = [.legalOffice]
        return Definition(caseType: "report", initial: .draft, transitions: [
            .init(.draft, .finalize, by: office, to: .finalized, guards: [sectionsWritten, templateValid, figuresResolved, signatureRecorded]),
            .init(.finalized, .publish, by: office, to: .published, guards: [noNewerVersion, publicationDateValid]),
            .init(.finalized, .supersede, by: office, to: .superseded, guards: [newerVersionPublished]),
            .init(.published, .supersede, by: office, to: .superseded, guards: [newerVersionPublished]),
        ])
    }
}

/// When a year's report must be public: rule `report.publish` (法治政府建设与责任落实督察工作规定 2019, 第二十四条:
/// before 1 April of the following year).
public struct ReportPublicationDeadline: Sendable, Hashable {
    public let reportYear: Int

    public init(reportYear: Int) { self.reportYear = reportYear }

    /// The last day it may be published: 31 March of the following year ("before 1 April").
    public var lastDay: LocalDate { ReportPeriods.publish.calendarFreeDate(from: LocalDate(year: reportYear, month: 1, day: 1)!)! }

    /// The last day to report to the same-level Party committee and people's congress standing committee: rule
    /// `report.submit` (same rules, art. 23: before 1 March).
    public var submitLastDay: LocalDate { ReportPeriods.submit.calendarFreeDate(from: LocalDate(year: reportYear, month: 1, day: 1)!)! }

    /// The countdown runs from 1 January of the following year.
    public var countdownStart: LocalDate { LocalDate(year: reportYear + 1, month: 1, day: 1)! }

    public enum Status: Sendable, Hashable {
        /// Before 1 January of the following year: the year is not over.
        case notStarted
        /// Days left including today and the last day (31 March itself → 1).
        case running(daysLeft: Int)
        case overdue(days: Int)
        case published(on: LocalDate, late: Bool)
    }

    public func status(today: LocalDate, publishedOn: LocalDate?) -> Status {
        if let publishedOn { return .published(on: publishedOn, late: publishedOn > lastDay) }
        if today < countdownStart { return .notStarted }
        if today <= lastDay { return .running(daysLeft: today.days(to: lastDay) + 1) }
        return .overdue(days: lastDay.days(to: today))
    }

    /// The report year whose deadline a dashboard shows on `today`: the previous year's report.
    public static func current(today: LocalDate) -> ReportPublicationDeadline {
        ReportPublicationDeadline(reportYear: today.year - 1)
    }
}

/// The statutory contents a report must have before it is finalized (法治政府建设与责任落实督察工作规定 2019,
/// 第二十五条 [verify]): each item answered by at least one non-empty section; "other matters" only when there are any.
public enum ReportCompleteness {
    public static let requiredItems: [StatutoryItem] = [.measuresAndResults, .shortcomingsAndCauses, .firstResponsiblePersonDuties, .nextYearPlan]

    public static func missing(in draft: ReportDraftText) -> [StatutoryItem] {
        let answered = Set(draft.sections.filter { !$0.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }.compactMap(\.key.statutoryItem))
        return requiredItems.filter { !answered.contains($0) }
    }
}

/// The dates a report carries, checked where the rules live rather than in the web layer.
public enum ReportDates {
    /// 成文日期 (GB/T 9704-2012 7.3.5.1): the report covers the whole year, so it is dated after the year ends,
    /// and never in the future. nil when the date is acceptable, else the sentence for the form.
    public static func signingProblem(_ date: LocalDate, reportYear: Int, today: LocalDate) -> String? {
        if date.year <= reportYear { return "成文日期应在报告年度（\(reportYear) 年）之后。" }
        if date > today { return "成文日期不能晚于今天。" }
        return nil
    }

    /// 报送日期 (督察工作规定 art. 23): after the report year, never in the future. A late submission is still
    /// recorded (the deadline shows it late); nil when the date is acceptable.
    public static func submissionProblem(_ date: LocalDate, reportYear: Int, today: LocalDate) -> String? {
        if date.year <= reportYear { return "报送日期应在报告年度（\(reportYear) 年）之后。" }
        if date > today { return "报送日期不能晚于今天。" }
        return nil
    }

    /// 公布日期: not before the report was finalized (what is published is the frozen text), not in the future.
    public static func publicationValid(_ date: LocalDate, finalizedOn: LocalDate?, today: LocalDate) -> Bool {
        guard let finalizedOn else { return false }
        return finalizedOn <= date && date <= today
    }
}
