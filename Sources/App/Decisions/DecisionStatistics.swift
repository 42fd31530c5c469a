import FazhiCore
import Fluent
import Foundation

/// The decisions.* figures of the statistics catalogue (Tests/FazhiCoreTests/Report/Fixtures/fenghuang-2020-figures.tsv, report (二)二).
enum DecisionStatistics {
    /// Major administrative decisions made (决定) in the period; a withdrawn decision was never made.
    static func made(_ period: StatisticPeriod, on db: any Database) async throws -> StatisticResult {
        try await .count(DecisionModel.query(on: db)
            .filter(\.$decidedOn >= period.from.description).filter(\.$decidedOn <= period.through.description)
            .filter(\.$state != DecisionState.withdrawn.rawValue).sort(\.$decidedOn), trace: trace)
    }

    static let entries: [CatalogueEntry] = [
        CatalogueEntry(definition: .init(key: "decisions.major", label: "重大行政决策事项",
                                         definition: "统计期内作出决定的重大行政决策件数（均经法制机构合法性审查）", unit: "件"),
                       compute: { try await made($0, on: $1) }),
    ] + beyondSeed
}

/// Figures other counties' reports state and the seed's does not: natural counts of the decisions' records.
extension DecisionStatistics {
    @Sendable static func trace(_ decision: DecisionModel) -> TracedRecord {
        TracedRecord(id: decision.id!, label: decision.title, path: SiteURL.decision(.value(decision.id!)).path)
    }

    /// Decisions whose date (YYYY-MM-DD) in `field` falls in the period.
    static func dated(_ field: KeyPath<DecisionModel, OptionalFieldProperty<DecisionModel, String>>, _ period: StatisticPeriod,
                      on db: any Database) async throws -> StatisticResult {
        let query = DecisionModel.query(on: db).filter(field >= period.from.description).filter(field <= period.through.description).sort(field)
        return try await .count(query, trace: trace)
    }

    /// Legality reviews of decisions decided in the period, optionally of one opinion.
    static func reviews(_ period: StatisticPeriod, opinion: ReviewOpinion?, on db: any Database) async throws -> StatisticResult {
        var query = ReviewModel.query(on: db).filter(\.$subjectType == ReviewSubjectType.decision.rawValue)
            .filter(\.$decidedOn >= period.from.description).filter(\.$decidedOn <= period.through.description).sort(\.$decidedOn)
        if let opinion { query = query.filter(\.$opinion == opinion.rawValue) }
        return try await .count(query) {
            TracedRecord(id: $0.subjectID, label: "审查意见 \($0.decidedOn) \($0.reviewOpinion?.label ?? $0.opinion)", path: SiteURL.decision(.value($0.subjectID)).path)
        }
    }

    /// The recorded public-participation procedures (complete) with their fields, of the given decisions or of all.
    static func participation(of decisions: [UUID]?, on db: any Database) async throws -> [UUID: [String: String]] {
        var query = DecisionProcedureModel.query(on: db).filter(\.$procedure == DecisionProcedure.publicParticipation.rawValue)
            .filter(\.$status == ProcedureStatus.complete.code)
        if let decisions { query = query.filter(\.$decision.$id ~~ decisions) }
        var fields: [UUID: [String: String]] = [:]
        for model in try await query.all() {
            fields[model.$decision.id] = (try? JSONDecoder().decode([String: String].self, from: Data(model.data.utf8))) ?? [:]
        }
        return fields
    }

    /// Comments received in the public consultations that closed in the period: the number each recorded
    /// public-participation procedure gives (the platform's comments and those of other channels).
    static func commentsReceived(_ period: StatisticPeriod, on db: any Database) async throws -> StatisticResult {
        let decisions = try await DecisionModel.query(on: db)
            .filter(\.$consultationEnd >= period.from.description).filter(\.$consultationEnd <= period.through.description)
            .sort(\.$consultationEnd).all()
        let fields = try await participation(of: decisions.compactMap(\.id), on: db)
        var total = 0
        var records: [TracedRecord] = []
        for decision in decisions {
            guard let received = fields[decision.id!]?["commentsReceived"].flatMap({ Int($0) }) else { continue }
            total += received
            records.append(TracedRecord(id: decision.id!, label: "\(decision.title)（收到意见 \(received) 条）", path: SiteURL.decision(.value(decision.id!)).path))
        }
        return StatisticResult(value: StatisticValue(count: total), records: records)
    }

    /// Decisions whose recorded public participation held a hearing (听证) on a day in the period.
    static func hearings(_ period: StatisticPeriod, on db: any Database) async throws -> StatisticResult {
        let held = try await participation(of: nil, on: db).filter { _, fields in
            guard fields["hearingHeld"] == "true", let date = fields["hearingDate"].flatMap(LocalDate.init(iso:)) else { return false }
            return period.contains(date)
        }
        guard !held.isEmpty else { return StatisticResult(value: StatisticValue(count: 0), records: []) }
        let decisions = try await DecisionModel.query(on: db).filter(\.$id ~~ Array(held.keys)).sort(\.$title).all()
        return StatisticResult(value: StatisticValue(count: decisions.count), records: decisions.map(trace))
    }

    static let beyondSeed: [CatalogueEntry] = [
        CatalogueEntry(definition: .init(key: "decisions.reportedToParty", label: "重大行政决策向党委请示报告",
                                         definition: "统计期内向同级党委请示报告的重大行政决策件数（以请示报告日期计，截至统计截止日；《重大行政决策程序暂行条例》第三十一条）", unit: "件"),
                       compute: { try await dated(\.$partyReportedOn, $0, on: $1) }),
        CatalogueEntry(definition: .init(key: "decisions.published", label: "公布重大行政决策",
                                         definition: "统计期内向社会公布的重大行政决策件数（以公布日期计，截至统计截止日）", unit: "件"),
                       compute: { try await dated(\.$publishedOn, $0, on: $1) }),
        CatalogueEntry(definition: .init(key: "decisions.consultations", label: "重大行政决策公开征求意见",
                                         definition: "统计期内开始向社会公开征求意见的重大行政决策草案件数（以征求意见开始日期计，截至统计截止日）", unit: "件"),
                       compute: { try await dated(\.$consultationStart, $0, on: $1) }),
        CatalogueEntry(definition: .init(key: "decisions.comments.received", label: "重大行政决策征求意见收到意见",
                                         definition: "统计期内（以征求意见结束日期计，截至统计截止日）结束的重大行政决策公开征求意见中，公众参与程序记录的收到意见条数之和（含本平台和其他渠道收到的）", unit: "条"),
                       compute: { try await commentsReceived($0, on: $1) }),
        CatalogueEntry(definition: .init(key: "decisions.hearings", label: "重大行政决策举行听证",
                                         definition: "统计期内举行听证会的重大行政决策件数（以公众参与程序记录的听证日期计，截至统计截止日）", unit: "件"),
                       compute: { try await hearings($0, on: $1) }),
        CatalogueEntry(definition: .init(key: "decisions.reviewed", label: "重大行政决策合法性审查",
                                         definition: "统计期内法制机构对重大行政决策草案出具合法性审查意见的次数（以出具意见日期计，截至统计截止日）", unit: "件"),
                       compute: { try await reviews($0, opinion: nil, on: $1) }),
        CatalogueEntry(definition: .init(key: "decisions.reviewed.returned", label: "重大行政决策审查不同意",
                                         definition: "统计期内法制机构出具的重大行政决策合法性审查意见中，意见为不同意的次数（以出具意见日期计，截至统计截止日）", unit: "件"),
                       compute: { try await reviews($0, opinion: .disagree, on: $1) }),
        CatalogueEntry(definition: .init(key: "decisions.evaluated", label: "重大行政决策后评估",
                                         definition: "统计期内完成决策后评估的重大行政决策件数（以评估完成日期计，截至统计截止日）", unit: "件"),
                       compute: { try await dated(\.$evaluatedOn, $0, on: $1) }),
    ]
}

/// Decision matters in the 待办 index: the post-decision evaluation (决策后评估) by its planned date.
struct DecisionDeadlines: IndexedDeadlineSource {
    var id: String { "decisions" }
    var title: String { "重大行政决策" }
    var subjectTypes: Set<String> { ["decision"] }

    func matters(of records: [UUID]?, on db: any Database) async throws -> [IndexedMatter] {
        let base = {
            DecisionModel.query(on: db).filter(\.$state ~~ [DecisionState.published.rawValue, DecisionState.implementing.rawValue])
                .filter(\.$evaluationDue != nil).filter(\.$evaluatedOn == nil)
        }
        let decisions = try await base().all(among: records)
        return decisions.compactMap { decision in
            guard let due = decision.evaluationDue.flatMap(LocalDate.init(iso:)) else { return nil }
            return IndexedMatter(record: decision.id!, module: title, title: "决策后评估：\(decision.title)", ownerUnitID: decision.ownerUnitID,
                                 path: SiteURL.decision(.value(decision.id!)).path, due: .fixed(due))
        }
    }
}
