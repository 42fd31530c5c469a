import FazhiCore
import Fluent
import Foundation

/// The advisers.* figures of the statistics catalogue (Tests/FazhiCoreTests/Report/Fixtures/fenghuang-2020-figures.tsv, report (二)一 and (六)二).
enum AdviserStatistics {
    /// Key projects in which an adviser or public lawyer took part at some time in the period.
    static func keyProjects(_ period: StatisticPeriod, on db: any Database) async throws -> StatisticResult {
        let participations = try await ProjectParticipationModel.query(on: db).with(\.$project).all().filter { participation in
            guard let from = LocalDate(iso: participation.from) else { return false }
            let to = participation.to.flatMap(LocalDate.init(iso:))
            return from <= period.through && (to.map { $0 >= period.from } ?? true)
        }
        var seen = Set<UUID>()
        let projects = participations.map(\.project).filter { seen.insert($0.id!).inserted }.sorted { $0.startDate < $1.startDate }
        return StatisticResult(value: StatisticValue(count: projects.count), records: projects.map {
            TracedRecord(id: $0.id!, label: $0.name, path: SiteURL.project(.value($0.id!)).path)
        })
    }

    /// One figure of the village coverage on the period's last day (一村（社区）一法律顾问 as it stood at the cut-off).
    static func village(_ key: String, _ period: StatisticPeriod, on db: any Database) async throws -> StatisticResult {
        let (report, _) = try await CoverageController.report(on: period.through, db: db)
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
    }
}
