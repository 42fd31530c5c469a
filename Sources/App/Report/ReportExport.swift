import FazhiCore
import Fluent
import Foundation

/// The year's report as an official document for the CLI: the published version, else the latest finalized,
/// else the latest draft; with none, drafted from the templates with the figures as they stand.
enum ReportExport {
    static func choose(year: Int, on db: any Database) async throws -> ReportModel? {
        let reports = try await ReportModel.query(on: db).filter(\.$year == year).sort(\.$version, .descending).all()
        return reports.first { $0.reportState == .published } ?? reports.first { $0.reportState == .finalized } ?? reports.first { $0.reportState == .draft }
            ?? reports.first
    }

    static func document(year: Int, today: LocalDate, on db: any Database, progress: @Sendable (String) -> Void) async throws -> OfficialDocument {
        if let report = try await choose(year: year, on: db) {
            progress("使用 \(year) 年度报告第 \(report.version) 版（\(report.reportState.label)）…")
            progress("正在取得报告中的数字…")
            let content = try await ReportService.content(report, on: db)
            progress(content.snapshot == nil ? "已取得 \(content.figures.count) 个数字（起草中，按业务记录实时计算）" : "已取得定稿时冻结的 \(content.figures.count) 个数字")
            do {
                return ReportService.officialDocument(try content.rendered(), date: content.draft.date ?? today)
            } catch {
                throw Operations.Failure("报告正文有格式错误的数字占位符：\(error.entries.map(\.message).joined(separator: "；"))")
            }
        }
        let region = try await RegionModel.query(on: db).filter(\.$level == RegionLevel.county.rawValue).first()?.name ?? ""
        progress("\(year) 年度尚未起草报告，按报告模板起草…")
        let draft = DefaultReportTemplates.draft(year: year, region: region)
        let figures = try await ReportFigures.resolve(ReportService.keys(of: draft), year: year, cutoffs: [:], on: db)
        progress("已取得 \(figures.count) 个数字")
        let content = ReportService.Content(draft: draft, latest: [:], figures: figures, snapshot: nil, problems: FieldErrors())
        do {
            return ReportService.officialDocument(try content.rendered(), date: today)
        } catch {
            throw Operations.Failure("模板有格式错误的数字占位符：\(error.entries.map(\.message).joined(separator: "；"))")
        }
    }
}
