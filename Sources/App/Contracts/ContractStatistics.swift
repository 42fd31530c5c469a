import FazhiCore
import Fluent
import FluentSQL
import Foundation

/// The contracts.* figures of the statistics catalogue (Tests/FazhiCoreTests/Report/Fixtures/fenghuang-2020-figures.tsv, report (二)四).
enum ContractStatistics {
    @Sendable static func trace(_ contract: ContractModel) -> TracedRecord {
        TracedRecord(id: contract.id!, label: contract.title, path: SiteURL.contract(.value(contract.id!)).path)
    }

    /// Contract reviews (the shared Review) decided in the period; a resubmitted contract reviewed again counts again.
    static func reviews(_ period: StatisticPeriod, on db: any Database) -> QueryBuilder<ReviewModel> {
        ReviewModel.query(on: db).filter(\.$subjectType == ReviewSubjectType.contract.rawValue)
            .filter(\.$decidedOn >= period.from.description).filter(\.$decidedOn <= period.through.description)
            .sort(\.$decidedOn)
    }

    static func reviewed(_ period: StatisticPeriod, on db: any Database) async throws -> StatisticResult {
        try await .count(reviews(period, on: db), trace: traceReview)
    }

    @Sendable static func traceReview(_ review: ReviewModel) -> TracedRecord {
        TracedRecord(id: review.subjectID, label: "审查意见 \(review.decidedOn) \(review.reviewOpinion?.label ?? review.opinion)",
                     path: SiteURL.contract(.value(review.subjectID)).path)
    }

    /// Of the reviews decided in the period, the share given within the review period after receipt: one aggregate
    /// against each review's stored deadline (`ContractDatesIndex`); reviews whose deadline the calendar cannot give
    /// are left out.
    static func reviewOnTime(_ period: StatisticPeriod, on db: any Database) async throws -> StatisticResult {
        let counted = reviews(period, on: db).filter(.sql(unsafeRaw: "\"reviews\".\"due_on\" IS NOT NULL"))
        let total = try await counted.count()
        let onTime = try await reviews(period, on: db)
            .filter(.sql(unsafeRaw: "\"reviews\".\"due_on\" IS NOT NULL AND \"reviews\".\"decided_on\" <= \"reviews\".\"due_on\"")).count()
        let box = UncheckedQuery(counted)
        return StatisticResult(value: StatisticValue(numerator: onTime, denominator: total)) { try await box.query.all().map(traceReview) }
    }

    /// Contracts filed (备案) in the period.
    static func filed(_ period: StatisticPeriod, on db: any Database) async throws -> StatisticResult {
        try await .count(ContractModel.query(on: db)
            .filter(\.$filedOn >= period.from.description).filter(\.$filedOn <= period.through.description).sort(\.$filedOn), trace: trace)
    }

    /// Of the contracts that must be filed, signed in the period, and filed by the cut-off or past their filing
    /// deadline, the share filed within the filing period after signing (against the stored `filing_due_on`).
    static func filingOnTime(_ period: StatisticPeriod, on db: any Database) async throws -> StatisticResult {
        let through = period.through.description
        func counted() -> QueryBuilder<ContractModel> {
            ContractModel.query(on: db).filter(\.$filingRequired == true)
                .filter(\.$signedOn >= period.from.description).filter(\.$signedOn <= through)
                .filter(.sql(unsafeRaw: "\"contracts\".\"filing_due_on\" IS NOT NULL"))
                .group(.or) { group in
                    group.group(.and) { $0.filter(\.$filedOn != nil).filter(\.$filedOn <= through) }
                        .filter(.sql(unsafeRaw: "\"contracts\".\"filing_due_on\" < '\(through)'"))
                }
                .sort(\.$signedOn)
        }
        let total = try await counted().count()
        let onTime = try await counted().filter(\.$filedOn != nil).filter(\.$filedOn <= through)
            .filter(.sql(unsafeRaw: "\"contracts\".\"filed_on\" <= \"contracts\".\"filing_due_on\"")).count()
        let box = UncheckedQuery(counted())
        return StatisticResult(value: StatisticValue(numerator: onTime, denominator: total)) { try await box.query.all().map(trace) }
    }

    static let entries: [CatalogueEntry] = [
        CatalogueEntry(definition: .init(key: "contracts.reviewed", label: "审查各类合同协议",
                                         definition: "统计期内法制机构对政府合同协议出具审查意见的次数（退回后重新报送的再审查另计）", unit: "份"),
                       compute: { try await reviewed($0, on: $1) }),
        CatalogueEntry(definition: .init(key: "contracts.reviewOnTimeRate", label: "合同审查按时办结率",
                                         definition: "统计期内出具审查意见的合同审查中，在收到合同后规定工作日内出具意见的比例", unit: "%", kind: .rate),
                       compute: { try await reviewOnTime($0, on: $1) }),
        CatalogueEntry(definition: .init(key: "contracts.filed", label: "政府合同备案", definition: "统计期内报送备案的政府合同份数", unit: "份"),
                       compute: { try await filed($0, on: $1) }),
        CatalogueEntry(definition: .init(key: "contracts.filingOnTimeRate", label: "政府合同按时备案率",
                                         definition: "统计期内签订的须备案合同中（截至统计截止日已备案或备案期限已届满），签订之日起规定日数内备案的比例", unit: "%", kind: .rate),
                       compute: { try await filingOnTime($0, on: $1) }),
    ] + ContractType.allCases.map { type in
        CatalogueEntry(definition: .init(key: "contracts.reviewed.\(type.rawValue)", label: "审查\(type.label)合同",
                                         definition: "统计期内法制机构对\(type.label)类政府合同出具审查意见的次数（以出具意见日期计，截至统计截止日；退回后重新报送的再审查另计）", unit: "份"),
                       compute: { try await reviewed($0, type: type, on: $1) })
    } + [
        CatalogueEntry(definition: .init(key: "contracts.reviewed.returned", label: "合同审查不同意",
                                         definition: "统计期内法制机构出具的政府合同审查意见中，意见为不同意、退回报送单位的次数（以出具意见日期计，截至统计截止日）", unit: "份"),
                       compute: { try await reviewed($0, opinion: .disagree, on: $1) }),
        CatalogueEntry(definition: .init(key: "contracts.signed", label: "签订政府合同",
                                         definition: "统计期内签订的经合法性审查的政府合同份数（以签订日期计，截至统计截止日）", unit: "份"),
                       compute: { try await signed($0, on: $1) }),
        CatalogueEntry(definition: .init(key: "contracts.amended", label: "政府合同变更",
                                         definition: "统计期内生效的政府合同变更（变更协议）次数（以变更日期计，截至统计截止日；审查不同意、未生效的不计）", unit: "次"),
                       compute: { try await changes($0, kind: ContractChangeKind.amended, on: $1) }),
        CatalogueEntry(definition: .init(key: "contracts.terminated", label: "政府合同终止",
                                         definition: "统计期内终止的政府合同份数（以终止日期计，截至统计截止日）", unit: "份"),
                       compute: { try await changes($0, kind: ContractChangeKind.terminated, on: $1) }),
    ]
}

/// Contract matters in the 待办 index: reviews under way and filings owed.
struct ContractDeadlines: IndexedDeadlineSource {
    var id: String { "contracts" }
    var title: String { "政府合同" }
    var subjectTypes: Set<String> { ["contract"] }

    func matters(of records: [UUID]?, on db: any Database) async throws -> [IndexedMatter] {
        let rule = ContractDeadlineRule(rules: try await ContractQuery.rules(on: db))
        let base = { ContractModel.query(on: db).filter(\.$state ~~ [ContractState.underReview.rawValue, ContractState.signed.rawValue]) }
        let open = try await base().all(among: records)
        var matters: [IndexedMatter] = []
        for contract in open {
            let path = SiteURL.contract(.value(contract.id!)).path
            if contract.state == ContractState.underReview.rawValue, let received = contract.reviewRequestedOn.flatMap(LocalDate.init(iso:)) {
                matters.append(IndexedMatter(record: contract.id!, module: title, title: "合同审查：\(contract.title)", ownerUnitID: contract.ownerUnitID,
                                             path: path, due: .period(rule.reviewPeriod(received: received))))
            } else if contract.filingRequired, contract.filedOn == nil, let signed = contract.signedOn.flatMap(LocalDate.init(iso:)) {
                matters.append(IndexedMatter(record: contract.id!, module: title, title: "合同备案：\(contract.title)", ownerUnitID: contract.ownerUnitID,
                                             path: path, due: .period(rule.filingPeriod(signed: signed))))
            }
        }
        return matters
    }
}

/// Figures other counties' reports state and the seed's does not: natural counts of the contracts' records.
extension ContractStatistics {
    /// Contract reviews decided in the period of contracts of one type.
    static func reviewed(_ period: StatisticPeriod, type: ContractType, on db: any Database) async throws -> StatisticResult {
        let query = ReviewModel.query(on: db).filter(\.$subjectType == ReviewSubjectType.contract.rawValue)
            .filter(\.$decidedOn >= period.from.description).filter(\.$decidedOn <= period.through.description)
            .join(ContractModel.self, on: \ReviewModel.$subjectID == \ContractModel.$id)
            .filter(ContractModel.self, \.$contractType == type.rawValue).sort(\.$decidedOn)
        return try await .count(query, trace: traceReview)
    }

    /// Contract reviews decided in the period with one opinion.
    static func reviewed(_ period: StatisticPeriod, opinion: ReviewOpinion, on db: any Database) async throws -> StatisticResult {
        let query = ReviewModel.query(on: db).filter(\.$subjectType == ReviewSubjectType.contract.rawValue)
            .filter(\.$decidedOn >= period.from.description).filter(\.$decidedOn <= period.through.description)
            .filter(\.$opinion == opinion.rawValue).sort(\.$decidedOn)
        return try await .count(query, trace: traceReview)
    }

    /// Contracts signed in the period.
    static func signed(_ period: StatisticPeriod, on db: any Database) async throws -> StatisticResult {
        let query = ContractModel.query(on: db)
            .filter(\.$signedOn >= period.from.description).filter(\.$signedOn <= period.through.description).sort(\.$signedOn)
        return try await .count(query, trace: trace)
    }

    /// Entries of one kind in the contracts' 变更与终止 list dated in the period.
    static func changes(_ period: StatisticPeriod, kind: String, on db: any Database) async throws -> StatisticResult {
        let query = ContractChangeModel.query(on: db).filter(\.$kind == kind)
            .filter(\.$date >= period.from.description).filter(\.$date <= period.through.description)
            .with(\.$contract).sort(\.$date)
        return try await .count(query) { trace($0.contract) }
    }
}
