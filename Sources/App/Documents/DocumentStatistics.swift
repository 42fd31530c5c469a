import FazhiCore
import Fluent
import Foundation
import SQLKit
import FluentSQL

/// The documents.* figures of the statistics catalogue (Tests/FazhiCoreTests/Report/Fixtures/fenghuang-2020-figures.tsv).
enum DocumentStatistics {
    /// Documents newly issued in the period by the county's issuing bodies (a re-publication is not a new document).
    static func issued(_ period: StatisticPeriod, kinds: Set<UnitKind>?, on db: any Database) async throws -> StatisticResult {
        let kinds = kinds ?? Set(UnitKind.allCases).subtracting([.other])
        let query = DocumentModel.query(on: db)
            .join(UnitModel.self, on: \DocumentModel.$issuingUnit.$id == \UnitModel.$id)
            .filter(UnitModel.self, \.$kind ~~ kinds.map(\.rawValue))
            .filter(\.$publishedOn >= period.from.description).filter(\.$publishedOn <= period.through.description)
            .filter(\.$predecessorID == nil).sort(\.$publishedOn)
        return try await .count(query, trace: trace)
    }

    @Sendable static func trace(_ document: DocumentModel) -> TracedRecord {
        TracedRecord(id: document.id!, label: "\(document.documentNumber ?? document.registrationNumber ?? "") \(document.title)",
                     path: SiteURL.document(.value(document.id!)).path)
    }

    /// Cleanup entries of campaigns whose result decision falls in the period, optionally of one outcome.
    static func cleanup(_ period: StatisticPeriod, outcome: CleanupOutcome?, on db: any Database) async throws -> StatisticResult {
        var query = CleanupEntryModel.query(on: db)
            .join(CleanupCampaignModel.self, on: \CleanupEntryModel.$campaign.$id == \CleanupCampaignModel.$id)
            .filter(CleanupCampaignModel.self, \.$decisionDate >= period.from.description)
            .filter(CleanupCampaignModel.self, \.$decisionDate <= period.through.description)
            .with(\.$document)
        if let outcome { query = query.filter(\.$outcome == outcome.rawValue) }
        return try await .count(query) { trace($0.document) }
    }

    /// Of the documents published in the period whose filing deadline has passed by the cut-off (or that are
    /// filed), the share filed within 15 days (湖南省规范性文件管理办法 art. 22 as amended). The deadline is the stored
    /// `filing_due_on` (rule `documents.filing` on the legal calendar); documents whose deadline the calendar
    /// cannot give are left out, as before.
    static func filingOnTime(_ period: StatisticPeriod, on db: any Database) async throws -> StatisticResult {
        let from = period.from.description, through = period.through.description
        let counted: SQLQueryString = """
            FROM documents WHERE published_on >= \(bind: from) AND published_on <= \(bind: through) AND predecessor_id IS NULL
            AND filing_due_on IS NOT NULL AND ((filed_on IS NOT NULL AND filed_on <= \(bind: through)) OR filing_due_on < \(bind: through))
            """
        struct Counts: Decodable { let total: Int; let on_time: Int? }
        let counts = try await db.sql.raw("SELECT COUNT(*) AS total, SUM(CASE WHEN filed_on IS NOT NULL AND filed_on <= \(bind: through) AND filed_on <= filing_due_on THEN 1 ELSE 0 END) AS on_time " + counted)
            .first(decoding: Counts.self)
        return StatisticResult(value: StatisticValue(numerator: counts?.on_time ?? 0, denominator: counts?.total ?? 0)) {
            struct IDRow: Decodable { let id: UUID }
            let ids = try await db.sql.raw("SELECT id " + counted + " ORDER BY published_on").all(decoding: IDRow.self).map(\.id)
            var documents: [DocumentModel] = []
            for chunk in ids.chunked(500) { documents += try await DocumentModel.query(on: db).filter(\.$id ~~ chunk).sort(\.$publishedOn).all() }
            return documents.map(trace)
        }
    }

    /// Legality reviews of documents decided in the period (optionally only those that passed).
    static func reviews(_ period: StatisticPeriod, passedOnly: Bool, on db: any Database) async throws -> StatisticResult {
        var query = ReviewModel.query(on: db).filter(\.$subjectType == ReviewSubjectType.document.rawValue)
            .filter(\.$decidedOn >= period.from.description).filter(\.$decidedOn <= period.through.description)
        if passedOnly { query = query.filter(\.$opinion != ReviewOpinion.disagree.rawValue) }
        return try await .count(query.sort(\.$decidedOn), trace: traceReview)
    }

    @Sendable static func traceReview(_ review: ReviewModel) -> TracedRecord {
        TracedRecord(id: review.subjectID, label: "审查意见 \(review.decidedOn) \(review.reviewOpinion?.label ?? review.opinion)",
                     path: SiteURL.document(.value(review.subjectID)).path)
    }

    static let entries: [CatalogueEntry] = [
        CatalogueEntry(definition: .init(key: "documents.issued", label: "全县出台规范性文件",
                                         definition: "统计期内公布的规范性文件件数（县政府、县政府办公室、县直部门和乡镇制定；重新公布的不重复计算）", unit: "件"),
                       compute: { try await issued($0, kinds: nil, on: $1) }),
        CatalogueEntry(definition: .init(key: "documents.issued.government", label: "县政府规范性文件",
                                         definition: "统计期内以县人民政府名义公布的规范性文件件数", unit: "件"),
                       compute: { try await issued($0, kinds: [.countyGovernment], on: $1) }),
        CatalogueEntry(definition: .init(key: "documents.issued.governmentOffice", label: "县政府办规范性文件",
                                         definition: "统计期内以县人民政府办公室名义公布的规范性文件件数", unit: "件"),
                       compute: { try await issued($0, kinds: [.governmentOffice], on: $1) }),
        CatalogueEntry(definition: .init(key: "documents.issued.departments", label: "县直部门规范性文件",
                                         definition: "统计期内以县直部门名义公布的规范性文件件数", unit: "件"),
                       compute: { try await issued($0, kinds: [.department], on: $1) }),
        CatalogueEntry(definition: .init(key: "documents.cleanup.total", label: "清理规范性文件",
                                         definition: "统计期内作出清理决定的清理中，纳入清理范围的规范性文件件数", unit: "件"),
                       compute: { try await cleanup($0, outcome: nil, on: $1) }),
        CatalogueEntry(definition: .init(key: "documents.cleanup.repealed", label: "清理后废止", definition: "清理决定为废止的件数", unit: "件"),
                       compute: { try await cleanup($0, outcome: .repeal, on: $1) }),
        CatalogueEntry(definition: .init(key: "documents.cleanup.declaredInvalid", label: "清理后宣布失效", definition: "清理决定为宣布失效的件数", unit: "件"),
                       compute: { try await cleanup($0, outcome: .declareInvalid, on: $1) }),
        CatalogueEntry(definition: .init(key: "documents.cleanup.continued", label: "清理后继续有效", definition: "清理决定为继续有效的件数", unit: "件"),
                       compute: { try await cleanup($0, outcome: .continued, on: $1) }),
        CatalogueEntry(definition: .init(key: "documents.cleanup.amended", label: "清理后修改", definition: "清理决定为修改的件数", unit: "件"),
                       compute: { try await cleanup($0, outcome: .amend, on: $1) }),
        CatalogueEntry(definition: .init(key: "documents.cleanup.republished", label: "清理后重新公布", definition: "清理决定为重新公布的件数", unit: "件"),
                       compute: { try await cleanup($0, outcome: .republish, on: $1) }),
        CatalogueEntry(definition: .init(key: "documents.filing.onTimeRate", label: "规范性文件按时备案率",
                                         definition: "统计期内公布、备案期限已届满或已备案的规范性文件中，公布之日起 15 日内报送备案的比例", unit: "%", kind: .rate),
                       compute: { try await filingOnTime($0, on: $1) }),
        CatalogueEntry(definition: .init(key: "documents.reviews", label: "规范性文件合法性审查",
                                         definition: "统计期内法制机构出具审查意见的规范性文件审查次数", unit: "件"),
                       compute: { try await reviews($0, passedOnly: false, on: $1) }),
        CatalogueEntry(definition: .init(key: "documents.reviews.passed", label: "审查通过（同意或修改后同意）",
                                         definition: "统计期内审查意见为同意或修改后同意的次数", unit: "件"),
                       compute: { try await reviews($0, passedOnly: true, on: $1) }),
    ] + beyondSeed
}

/// Figures other counties' reports state and the seed's does not: natural counts of the documents' records.
extension DocumentStatistics {
    /// Documents filed (报送备案) with the higher level, placed in the period by their filing date; with
    /// `lateOnly`, those filed after their filing deadline (15 days from publication, by the legal calendar).
    static func filed(_ period: StatisticPeriod, lateOnly: Bool, on db: any Database) async throws -> StatisticResult {
        let query = DocumentModel.query(on: db)
            .filter(\.$filedOn >= period.from.description).filter(\.$filedOn <= period.through.description).sort(\.$filedOn)
        guard lateOnly else { return try await .count(query, trace: trace) }
        // Late = filed after the stored filing deadline (rule `documents.filing`, 15 days from publication).
        return try await .count(query.filter(.sql(unsafeRaw: "\"documents\".\"filing_due_on\" IS NOT NULL AND \"documents\".\"filed_on\" > \"documents\".\"filing_due_on\"")),
                                trace: trace)
    }

    /// Legality reviews of documents decided in the period with one opinion.
    static func reviews(_ period: StatisticPeriod, opinion: ReviewOpinion, on db: any Database) async throws -> StatisticResult {
        let query = ReviewModel.query(on: db).filter(\.$subjectType == ReviewSubjectType.document.rawValue)
            .filter(\.$decidedOn >= period.from.description).filter(\.$decidedOn <= period.through.description)
            .filter(\.$opinion == opinion.rawValue).sort(\.$decidedOn)
        return try await .count(query, trace: traceReview)
    }

    /// Changes of one kind to documents' legal force (修改、废止、宣布失效), placed in the period by the change's date,
    /// whether made by a cleanup decision or on their own.
    static func changes(_ period: StatisticPeriod, kind: DocumentChange.Kind, on db: any Database) async throws -> StatisticResult {
        let query = DocumentChangeModel.query(on: db).filter(\.$kind == kind.rawValue)
            .filter(\.$date >= period.from.description).filter(\.$date <= period.through.description)
            .with(\.$document).sort(\.$date)
        return try await .count(query) { trace($0.document) }
    }

    /// Cleanup entries of campaigns decided in the period whose document concerns market participants' economic
    /// activity (the document's 涉及市场主体经济活动 mark, the scope of 公平竞争审查), optionally of some outcomes.
    static func cleanupMarketRelated(_ period: StatisticPeriod, outcomes: [CleanupOutcome]?, on db: any Database) async throws -> StatisticResult {
        var query = CleanupEntryModel.query(on: db)
            .join(CleanupCampaignModel.self, on: \CleanupEntryModel.$campaign.$id == \CleanupCampaignModel.$id)
            .filter(CleanupCampaignModel.self, \.$decisionDate >= period.from.description)
            .filter(CleanupCampaignModel.self, \.$decisionDate <= period.through.description)
            .join(DocumentModel.self, on: \CleanupEntryModel.$document.$id == \DocumentModel.$id)
            .filter(DocumentModel.self, \.$marketRelated == true).with(\.$document)
        if let outcomes { query = query.filter(\.$outcome ~~ outcomes.map(\.rawValue)) }
        return try await .count(query) { trace($0.document) }
    }

    /// Public comments on draft documents received in the period (征求意见, by the day received).
    static func commentsReceived(_ period: StatisticPeriod, on db: any Database) async throws -> StatisticResult {
        let query = DocumentCommentModel.query(on: db)
            .filter(\.$receivedOn >= period.from.description).filter(\.$receivedOn <= period.through.description)
            .with(\.$document).sort(\.$receivedOn)
        return try await .count(query) { trace($0.document) }
    }

    static let beyondSeed: [CatalogueEntry] = [
        CatalogueEntry(definition: .init(key: "documents.issued.townships", label: "乡镇规范性文件",
                                         definition: "统计期内以乡镇人民政府名义公布的规范性文件件数（以公布日期计，截至统计截止日；重新公布的不重复计算）", unit: "件"),
                       compute: { try await issued($0, kinds: [.township], on: $1) }),
        CatalogueEntry(definition: .init(key: "documents.filed", label: "报送备案规范性文件",
                                         definition: "统计期内向上级机关报送备案的规范性文件件数（以报送备案日期计，截至统计截止日；含重新公布后报送备案的）", unit: "件"),
                       compute: { try await filed($0, lateOnly: false, on: $1) }),
        CatalogueEntry(definition: .init(key: "documents.filed.late", label: "逾期报送备案规范性文件",
                                         definition: "统计期内报送备案的规范性文件中，晚于公布之日起 15 日备案期限报送的件数（以报送备案日期计，截至统计截止日）", unit: "件"),
                       compute: { try await filed($0, lateOnly: true, on: $1) }),
        CatalogueEntry(definition: .init(key: "documents.reviews.agreed", label: "审查意见为同意",
                                         definition: "统计期内法制机构出具的规范性文件合法性审查意见中，意见为同意的次数（以出具意见日期计，截至统计截止日）", unit: "件"),
                       compute: { try await reviews($0, opinion: .agree, on: $1) }),
        CatalogueEntry(definition: .init(key: "documents.reviews.agreedWithChanges", label: "审查意见为修改后同意",
                                         definition: "统计期内法制机构出具的规范性文件合法性审查意见中，意见为修改后同意的次数（以出具意见日期计，截至统计截止日）", unit: "件"),
                       compute: { try await reviews($0, opinion: .agreeWithChanges, on: $1) }),
        CatalogueEntry(definition: .init(key: "documents.reviews.returned", label: "审查不同意（退回）",
                                         definition: "统计期内法制机构出具的规范性文件合法性审查意见中，意见为不同意、退回起草单位的次数（以出具意见日期计，截至统计截止日）", unit: "件"),
                       compute: { try await reviews($0, opinion: .disagree, on: $1) }),
        CatalogueEntry(definition: .init(key: "documents.amended", label: "修改规范性文件",
                                         definition: "统计期内规范性文件被修改的件次（含清理决定修改的；以修改日期计，截至统计截止日）", unit: "件"),
                       compute: { try await changes($0, kind: .amended, on: $1) }),
        CatalogueEntry(definition: .init(key: "documents.repealed", label: "废止规范性文件",
                                         definition: "统计期内废止的规范性文件件数（含清理决定废止的；以废止日期计，截至统计截止日）", unit: "件"),
                       compute: { try await changes($0, kind: .repealed, on: $1) }),
        CatalogueEntry(definition: .init(key: "documents.declaredInvalid", label: "宣布失效规范性文件",
                                         definition: "统计期内宣布失效的规范性文件件数（含清理决定宣布失效的；以宣布失效日期计，截至统计截止日）", unit: "件"),
                       compute: { try await changes($0, kind: .declaredInvalid, on: $1) }),
        CatalogueEntry(definition: .init(key: "documents.cleanup.marketRelated", label: "清理涉及市场主体经济活动的规范性文件",
                                         definition: "统计期内（以清理决定日期计，截至统计截止日）作出清理决定的清理中，纳入清理范围且标注为涉及市场主体经济活动（公平竞争审查范围）的规范性文件件数", unit: "件"),
                       compute: { try await cleanupMarketRelated($0, outcomes: nil, on: $1) }),
        CatalogueEntry(definition: .init(key: "documents.cleanup.marketRelated.changed", label: "涉及市场主体经济活动的文件清理后修改或废止",
                                         definition: "上项中清理决定为修改、废止或宣布失效的件数（以清理决定日期计，截至统计截止日）", unit: "件"),
                       compute: { try await cleanupMarketRelated($0, outcomes: [.amend, .repeal, .declareInvalid], on: $1) }),
        CatalogueEntry(definition: .init(key: "documents.comments.received", label: "规范性文件征求意见收到意见",
                                         definition: "统计期内规范性文件草案公开征求意见收到并登记的意见条数（以收到日期计，截至统计截止日）", unit: "条"),
                       compute: { try await commentsReceived($0, on: $1) }),
    ]
}
