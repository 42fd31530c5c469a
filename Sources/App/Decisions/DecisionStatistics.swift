import FazhiCore
import Fluent
import Foundation

/// The decisions.* figures of the statistics catalogue (Tests/FazhiCoreTests/Report/Fixtures/fenghuang-2020-figures.tsv, report (二)二).
enum DecisionStatistics {
    /// Major administrative decisions made (决定) in the period; a withdrawn decision was never made.
    static func made(_ period: StatisticPeriod, on db: any Database) async throws -> StatisticResult {
        let decisions = try await DecisionModel.query(on: db)
            .filter(\.$decidedOn >= period.from.description).filter(\.$decidedOn <= period.through.description)
            .filter(\.$state != DecisionState.withdrawn.rawValue).sort(\.$decidedOn).all()
        return StatisticResult(value: StatisticValue(count: decisions.count), records: decisions.map {
            TracedRecord(id: $0.id!, label: $0.title, path: SiteURL.decision(.value($0.id!)).path)
        })
    }

    static let entries: [CatalogueEntry] = [
        CatalogueEntry(definition: .init(key: "decisions.major", label: "重大行政决策事项",
                                         definition: "统计期内作出决定的重大行政决策件数（均经法制机构合法性审查）", unit: "件"),
                       compute: { try await made($0, on: $1) }),
    ]
}

/// Open decision matters for the 待办 panel: the post-decision evaluation (决策后评估) by its planned date.
struct DecisionDeadlines: DeadlineSource {
    func openMatters(for actor: Actor, today: LocalDate, on db: any Database) async throws -> [OpenMatter] {
        let decisions = try await DecisionModel.query(on: db)
            .filter(\.$state ~~ [DecisionState.published.rawValue, DecisionState.implementing.rawValue])
            .filter(\.$evaluationDue != nil).with(\.$proposingUnit).all()
        return decisions.compactMap { decision in
            guard actor.canRead(recordOf: decision.ownerUnitID), decision.evaluatedOn == nil,
                  let due = decision.evaluationDue.flatMap(LocalDate.init(iso:)) else { return nil }
            return OpenMatter(module: "重大行政决策", title: "决策后评估：\(decision.title)", ownerUnitID: decision.ownerUnitID,
                              ownerUnitName: decision.proposingUnit.name, path: SiteURL.decision(.value(decision.id!)).path, due: .fixed(due))
        }
    }
}
