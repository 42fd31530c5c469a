import FazhiCore
import Fluent
import Foundation

/// The annual report's two deadlines on the legal office's 待办 panel, from 1 January: the report to the same-level
/// Party committee and people's congress standing committee (rule `report.submit`, before 1 March) until its
/// submission is recorded, and the publication (rule `report.publish`, before 1 April) until it is published.
struct ReportDeadlines: DeadlineSource {
    func openMatters(for actor: Actor, today: LocalDate, on db: any Database) async throws -> [OpenMatter] {
        guard actor.has(.writeAllRecords), let unitID = actor.unitID else { return [] }
        let deadline = ReportPublicationDeadline.current(today: today)
        guard today >= deadline.countdownStart else { return [] }
        let reports = try await ReportModel.query(on: db).filter(\.$year == deadline.reportYear).sort(\.$version, .descending).all()
        var matters: [OpenMatter] = []
        if !reports.contains(where: { $0.submittedOn != nil }) {
            matters.append(try await submission(deadline, reports.first, unitID: unitID, on: db))
        }
        if !reports.contains(where: { $0.publishedOn != nil }) {
            matters.append(try await matter(deadline, reports.first, unitID: unitID, on: db))
        }
        return matters
    }

    func submission(_ deadline: ReportPublicationDeadline, _ report: ReportModel?, unitID: UUID, on db: any Database) async throws -> OpenMatter {
        let unit = try await UnitModel.find(report?.$ownerUnit.id ?? unitID, on: db)
        return OpenMatter(module: "年度报告", title: "向同级党委、人大常委会报告\(deadline.reportYear)年度法治政府建设情况", ownerUnitID: unit?.id ?? unitID,
                          ownerUnitName: unit?.name ?? "", path: report.map { SiteURL.report(.value($0.id!)).path + "#submission" } ?? SiteURL.reports.path,
                          due: .fixed(deadline.submitLastDay))
    }

    func matter(_ deadline: ReportPublicationDeadline, _ report: ReportModel?, unitID: UUID, on db: any Database) async throws -> OpenMatter {
        let unit = try await UnitModel.find(report?.$ownerUnit.id ?? unitID, on: db)
        let state = report.map { "（\($0.reportState.label)）" } ?? "（尚未起草）"
        return OpenMatter(module: "年度报告", title: "公布\(deadline.reportYear)年度法治政府建设报告\(state)", ownerUnitID: unit?.id ?? unitID,
                          ownerUnitName: unit?.name ?? "", path: report.map { SiteURL.report(.value($0.id!)).path } ?? SiteURL.reports.path,
                          due: .fixed(deadline.lastDay))
    }
}
