import FazhiCore
import Fluent
import Foundation
import SQLKit

/// The advisers.* figures of the statistics catalogue (Tests/FazhiCoreTests/Report/Fixtures/fenghuang-2020-figures.tsv, report (二)一 and (六)二).
enum AdviserStatistics {
    /// Key projects in which an adviser or public lawyer took part at some time in the period.
    static func keyProjects(_ period: StatisticPeriod, on db: any Database) async throws -> StatisticResult {
        // Participations overlapping the period: begun by its end, not ended before its start; one count per project.
        let overlapping: SQLQueryString = """
            FROM project_participations WHERE "from" <= \(bind: period.through.description) AND ("to" IS NULL OR "to" >= \(bind: period.from.description))
            """
        struct Count: Decodable { let n: Int }
        let count = try await db.sql.raw("SELECT COUNT(DISTINCT project_id) AS n " + overlapping).first(decoding: Count.self)?.n ?? 0
        return StatisticResult(value: StatisticValue(count: count)) {
            struct Row: Decodable { let project_id: UUID }
            let ids = try await db.sql.raw("SELECT DISTINCT project_id " + overlapping).all(decoding: Row.self).map(\.project_id)
            var projects: [KeyProjectModel] = []
            for chunk in ids.chunked(500) { projects += try await KeyProjectModel.query(on: db).filter(\.$id ~~ chunk).all() }
            return projects.sorted { $0.startDate < $1.startDate }.map {
                TracedRecord(id: $0.id!, label: $0.name, path: SiteURL.project(.value($0.id!)).path)
            }
        }
    }

    /// One figure of the village coverage on the period's last day (一村（社区）一法律顾问 as it stood at the cut-off).
    static func village(_ key: String, _ period: StatisticPeriod, on db: any Database) async throws -> StatisticResult {
        // The seven village figures of one catalogue run share one coverage report of the date.
        let report = try await FigureMemo.shared("advisers.coverage:\(period.through)") {
            try await CoverageController.report(on: period.through, db: db).0
        }
        let value = report.statisticValues[key] ?? 0
        let cells = report.townships.flatMap(\.cells).filter(\.isCovered)
        let records: [TracedRecord]
        switch key {
        case "advisers.village.villages", "advisers.village.communities":
            let level: RegionLevel = key.hasSuffix("villages") ? .village : .community
            records = cells.filter { $0.level == level }.map {
                TracedRecord(id: $0.regionID, label: $0.name, path: SiteURL.coverage.path(query: [("date", period.through.description)]))
            }
        default:
            let ids = Set(cells.flatMap(\.adviserIDs))
            let type = AdviserType.allCases.first { $0.villageStatisticKey == key }
            let advisers = try await AdviserModel.query(on: db).filter(\.$id ~~ Array(ids)).sort(\.$name).all()
                .filter { type == nil || $0.type == type!.rawValue }
            records = advisers.map { TracedRecord(id: $0.id!, label: $0.name, path: SiteURL.adviser(.value($0.id!)).path) }
        }
        return StatisticResult(value: StatisticValue(count: value), records: records)
    }

    static let villageFigures: [(key: String, label: String, definition: String, unit: String)] = [
        ("advisers.village.total", "“一村一法律顾问”人员", "统计截止日担任村（社区）法律顾问的人数（一人服务多个村只计一次）", "人"),
        ("advisers.village.socialLawyers", "其中社会律师", "统计截止日担任村（社区）法律顾问的社会律师人数", "人"),
        ("advisers.village.publicLawyers", "其中公职律师", "统计截止日担任村（社区）法律顾问的公职律师人数", "人"),
        ("advisers.village.legalWorkers", "其中法律工作者", "统计截止日担任村（社区）法律顾问的基层法律服务工作者人数", "人"),
        ("advisers.village.staff", "其中机关工作人员", "统计截止日担任村（社区）法律顾问的县司法局、县执法局等机关工作人员人数", "人"),
        ("advisers.village.villages", "覆盖村", "统计截止日已配备法律顾问的村数", "个"),
        ("advisers.village.communities", "覆盖社区", "统计截止日已配备法律顾问的社区数", "个"),
    ]

    static let entries: [CatalogueEntry] = [
        CatalogueEntry(definition: .init(key: "advisers.keyProjects", label: "法律顾问公职律师参与的重点项目工程",
                                         definition: "统计期内有政府法律顾问或公职律师参与的重点项目工程个数", unit: "个"),
                       compute: { try await keyProjects($0, on: $1) }),
    ] + villageFigures.map { figure in
        CatalogueEntry(definition: .init(key: figure.key, label: figure.label, definition: figure.definition, unit: figure.unit),
                       compute: { try await village(figure.key, $0, on: $1) })
    } + beyondSeed
}

/// Figures other counties' reports state and the seed's does not: natural counts of the advisers' records.
extension AdviserStatistics {
    /// Advisers' recorded parts in decisions, contracts and documents (论证、法律意见), placed in the period by their
    /// date, optionally of one kind of subject. The trace links the subject each was recorded on.
    static func engagements(_ period: StatisticPeriod, subject: EngagementSubject?, on db: any Database) async throws -> StatisticResult {
        var query = AdviserEngagementModel.query(on: db)
            .filter(\.$date >= period.from.description).filter(\.$date <= period.through.description).with(\.$adviser).sort(\.$date)
        if let subject { query = query.filter(\.$subjectType == subject.rawValue) }
        return try await .count(query) { engagement in
            let path = switch EngagementSubject(rawValue: engagement.subjectType) {
            case .decision: SiteURL.decision(.value(engagement.subjectID)).path
            case .contract: SiteURL.contract(.value(engagement.subjectID)).path
            case .document: SiteURL.document(.value(engagement.subjectID)).path
            case nil: SiteURL.adviser(.value(engagement.$adviser.id)).path
            }
            return TracedRecord(id: engagement.id!, label: "\(engagement.adviser.name)：\(engagement.subjectTitle)（\(engagement.date)）", path: path)
        }
    }

    /// Advisers on the roster whose term covers the cut-off day, optionally of one type.
    static func serving(_ period: StatisticPeriod, type: AdviserType?, on db: any Database) async throws -> StatisticResult {
        let day = period.through.description
        var query = AdviserModel.query(on: db).filter(\.$termStart <= day)
            .group(.or) { $0.filter(\.$termEnd == nil).filter(\.$termEnd >= day) }.sort(\.$name)
        if let type { query = query.filter(\.$type == type.rawValue) }
        return try await .count(query) { TracedRecord(id: $0.id!, label: $0.name, path: SiteURL.adviser(.value($0.id!)).path) }
    }

    static let beyondSeed: [CatalogueEntry] = [
        CatalogueEntry(definition: .init(key: "advisers.engagements", label: "法律顾问参与决策、合同和文件",
                                         definition: "统计期内法律顾问、公职律师参与重大行政决策论证、出具合同法律意见和规范性文件审查意见的次数（以参与日期计，截至统计截止日）", unit: "次"),
                       compute: { try await engagements($0, subject: nil, on: $1) }),
    ] + EngagementSubject.allCases.map { subject in
        CatalogueEntry(definition: .init(key: "advisers.engagements.\(subject.rawValue)", label: "法律顾问参与\(subject.label)",
                                         definition: "统计期内法律顾问、公职律师参与\(subject.label)的次数（以参与日期计，截至统计截止日）", unit: "次"),
                       compute: { try await engagements($0, subject: subject, on: $1) })
    } + [
        CatalogueEntry(definition: .init(key: "advisers.serving", label: "在聘法律顾问、公职律师",
                                         definition: "统计截止日聘期（任职期）内的法律顾问名册人员人数（含政府法律顾问、公职律师、社会律师、法律工作者和机关工作人员）", unit: "人"),
                       compute: { try await serving($0, type: nil, on: $1) }),
    ] + AdviserType.allCases.map { type in
        CatalogueEntry(definition: .init(key: "advisers.serving.\(type.rawValue)", label: "在聘\(type.label)",
                                         definition: "统计截止日聘期（任职期）内的法律顾问名册中\(type.label)人数", unit: "人"),
                       compute: { try await serving($0, type: type, on: $1) })
    }
}
