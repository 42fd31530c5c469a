import FazhiCore
import Fluent
import Foundation

/// The annual report's publication deadline on the legal office's 待办 panel: from 1 January until last year's
/// report is published (before 1 April, ReportPublicationDeadline).
struct ReportDeadlines: DeadlineSource {
    func openMatters(for actor: Actor, today: LocalDate, on db: any Database) async throws -> [OpenMatter] {
        guard actor.has(.writeAllRecords), let unitID = actor.unitID else { return [] }
        let deadline = ReportPublicationDeadline.current(today: today)
        let reports = try await ReportModel.query(on: db).filter(\.$year == deadline.reportYear).sort(\.$version, .descending).all()
        if reports.contains(where: { $0.publishedOn != nil }) { return [] }
        switch deadline.status(today: today, publishedOn: nil) {
        case .running, .overdue: return [try await matter(deadline, reports.first, unitID: unitID, on: db)]
        case .notStarted, .published: return []
        }
    }

    func matter(_ deadline: ReportPublicationDeadline, _ report: ReportModel?, unitID: UUID, on db: any Database) async throws -> OpenMatter {
        let unit = try await UnitModel.find(report?.$ownerUnit.id ?? unitID, on: db)
        let state = report.map { "（\($0.reportState.label)）" } ?? "（尚未起草）"
        return OpenMatter(module: "年度报告", title: "公布\(deadline.reportYear)年度法治政府建设报告\(state)", ownerUnitID: unit?.id ?? unitID,
                          ownerUnitName: unit?.name ?? "", path: report.map { SiteURL.report(.value($0.id!)).path } ?? SiteURL.reports.path,
                          due: .fixed(deadline.lastDay))
    }
}
