@testable import App
import FazhiCore
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

/// Figures other counties' annual reports state and the seed's does not (documents filed, reviews by opinion,
/// decisions reported to the Party committee, contracts reviewed by type …): each a natural count of a module's
/// records, checked against a count made here without the catalogue's code.
@Suite("Statistics catalogue: figures beyond the seed")
struct StatisticsCatalogueFiguresTests {
    static let year = "BETWEEN '2020-01-01' AND '2020-12-31'"

    /// Each new count and the SQL that counts the same records of 2020 independently.
    static let sqlCounts: [(key: String, sql: String)] = [
        ("documents.issued.townships", """
            SELECT COUNT(*) AS n FROM documents d JOIN units u ON u.id = d.issuing_unit_id
            WHERE u.kind = 'township' AND d.predecessor_id IS NULL AND d.published_on \(year)
            """),
        ("documents.filed", "SELECT COUNT(*) AS n FROM documents WHERE filed_on \(year)"),
        ("documents.reviews.agreed", "SELECT COUNT(*) AS n FROM reviews WHERE subject_type = 'document' AND opinion = 'agree' AND decided_on \(year)"),
        ("documents.reviews.agreedWithChanges",
         "SELECT COUNT(*) AS n FROM reviews WHERE subject_type = 'document' AND opinion = 'agreeWithChanges' AND decided_on \(year)"),
        ("documents.reviews.returned", "SELECT COUNT(*) AS n FROM reviews WHERE subject_type = 'document' AND opinion = 'disagree' AND decided_on \(year)"),
        ("documents.amended", "SELECT COUNT(*) AS n FROM document_changes WHERE kind = 'amended' AND \"date\" \(year)"),
        ("documents.repealed", "SELECT COUNT(*) AS n FROM document_changes WHERE kind = 'repealed' AND \"date\" \(year)"),
        ("documents.declaredInvalid", "SELECT COUNT(*) AS n FROM document_changes WHERE kind = 'declaredInvalid' AND \"date\" \(year)"),
        ("documents.cleanup.marketRelated", """
            SELECT COUNT(*) AS n FROM cleanup_entries e JOIN cleanup_campaigns c ON c.id = e.campaign_id JOIN documents d ON d.id = e.document_id
            WHERE c.decision_date \(year) AND d.market_related = TRUE
            """),
        ("documents.cleanup.marketRelated.changed", """
            SELECT COUNT(*) AS n FROM cleanup_entries e JOIN cleanup_campaigns c ON c.id = e.campaign_id JOIN documents d ON d.id = e.document_id
            WHERE c.decision_date \(year) AND d.market_related = TRUE AND e.outcome IN ('amend', 'repeal', 'declareInvalid')
            """),
        ("documents.comments.received", "SELECT COUNT(*) AS n FROM document_comments WHERE received_on \(year)"),
        ("decisions.reportedToParty", "SELECT COUNT(*) AS n FROM decisions WHERE party_reported_on \(year)"),
        ("decisions.published", "SELECT COUNT(*) AS n FROM decisions WHERE published_on \(year)"),
        ("decisions.consultations", "SELECT COUNT(*) AS n FROM decisions WHERE consultation_start \(year)"),
        ("decisions.reviewed", "SELECT COUNT(*) AS n FROM reviews WHERE subject_type = 'decision' AND decided_on \(year)"),
        ("decisions.reviewed.returned", "SELECT COUNT(*) AS n FROM reviews WHERE subject_type = 'decision' AND opinion = 'disagree' AND decided_on \(year)"),
        ("decisions.evaluated", "SELECT COUNT(*) AS n FROM decisions WHERE evaluated_on \(year)"),
        ("contracts.reviewed.returned", "SELECT COUNT(*) AS n FROM reviews WHERE subject_type = 'contract' AND opinion = 'disagree' AND decided_on \(year)"),
        ("contracts.signed", "SELECT COUNT(*) AS n FROM contracts WHERE signed_on \(year)"),
        ("contracts.amended", "SELECT COUNT(*) AS n FROM contract_changes WHERE kind = 'amended' AND \"date\" \(year)"),
        ("contracts.terminated", "SELECT COUNT(*) AS n FROM contract_changes WHERE kind = 'terminated' AND \"date\" \(year)"),
        ("advisers.engagements", "SELECT COUNT(*) AS n FROM adviser_engagements WHERE \"date\" \(year)"),
        ("advisers.serving", "SELECT COUNT(*) AS n FROM advisers WHERE term_start <= '2020-12-31' AND (term_end IS NULL OR term_end >= '2020-12-31')"),
    ] + ContractType.allCases.map { type in
        ("contracts.reviewed.\(type.rawValue)", """
            SELECT COUNT(*) AS n FROM reviews r JOIN contracts c ON c.id = r.subject_id
            WHERE r.subject_type = 'contract' AND c.contract_type = '\(type.rawValue)' AND r.decided_on \(year)
            """)
    } + EngagementSubject.allCases.map { subject in
        ("advisers.engagements.\(subject.rawValue)",
         "SELECT COUNT(*) AS n FROM adviser_engagements WHERE subject_type = '\(subject.rawValue)' AND \"date\" \(year)")
    } + AdviserType.allCases.map { type in
        ("advisers.serving.\(type.rawValue)", """
            SELECT COUNT(*) AS n FROM advisers WHERE type = '\(type.rawValue)' AND term_start <= '2020-12-31' AND (term_end IS NULL OR term_end >= '2020-12-31')
            """)
    }

    /// Keys counted here some other way (sums, deadlines, recorded procedure fields).
    static let otherKeys = ["documents.filed.late", "decisions.comments.received", "decisions.hearings"]

    static func sqlCount(_ sql: String, on db: any Database) async throws -> Int {
        let row = try #require(try await db.sql.raw(SQLQueryString(sql)).first())
        return try row.decode(column: "n", as: Int.self)
    }

    static func figure(_ key: String, _ period: StatisticPeriod, on db: any Database) async throws -> StatisticResult {
        try await #require(StatisticsCatalogue.entry(key), "\(key) is not in the catalogue").compute(period, db)
    }

    @Test("Every new figure is in the catalogue once, under its module, with a definition naming its date and the cut-off")
    func definitions() {
        let keys = Self.sqlCounts.map(\.key) + Self.otherKeys
        #expect(Set(keys).count == keys.count)
        for key in keys {
            let matches = StatisticsCatalogue.entries.filter { $0.definition.key == key }
            #expect(matches.count == 1, "\(key) is computed \(matches.count) times")
            guard let definition = matches.first?.definition else { continue }
            #expect(definition.kind == .count)
            #expect(!definition.label.isEmpty && !definition.unit.isEmpty)
            #expect(definition.definition.contains("统计截止日"), "\(key): the definition does not name the cut-off")
            let module = String(key.prefix { $0 != "." })
            #expect(ModuleRegistry.modules.first { $0.id == module }?.statistics.contains { $0.definition.key == key } == true,
                    "\(key) is not its module's")
        }
    }

    @Test("The demo's 2020 figures beyond the seed equal independent counts of its records")
    func demo2020() async throws {
        try await withTestApp(records: true) { t in
            let period = StatisticPeriod(year: 2020)
            var values: [String: Int] = [:]
            for (key, sql) in Self.sqlCounts {
                let result = try await Self.figure(key, period, on: t.db)
                let expected = try await Self.sqlCount(sql, on: t.db)
                #expect(result.value == StatisticValue(count: expected), "\(key): \(result.value.numerator) ≠ \(expected)")
                let records = try await result.loadRecords()
                #expect(records.count == expected, "\(key): the trace lists \(records.count) records")
                values[key] = result.value.numerator
            }
            // Written out from the demo tables (Resources/demo/*.tsv).
            #expect(values["documents.filed"] == 43)
            #expect(values["decisions.reportedToParty"] == 5)
            #expect(values["decisions.published"] == 5)
            #expect(values["decisions.consultations"] == 5)
            #expect(values["decisions.reviewed"] == 5)
            #expect(values["contracts.signed"] == 88)
            #expect(values["contracts.reviewed.service"] == 41)
            #expect(values["contracts.reviewed.construction"] == 21)
            #expect(values["contracts.reviewed.returned"] == 2)
            // The reviews by type add up to all contract reviews, and the 2020 cleanup's repeals are among the repeals.
            let reviewed = try await Self.figure("contracts.reviewed", period, on: t.db).value.numerator
            #expect(ContractType.allCases.map { values["contracts.reviewed.\($0.rawValue)"] ?? 0 }.reduce(0, +) == reviewed)
            let cleanupRepealed = try await Self.figure("documents.cleanup.repealed", period, on: t.db).value.numerator
            #expect(values["documents.repealed"]! >= cleanupRepealed)
            #expect(values["advisers.engagements"] == EngagementSubject.allCases.map { values["advisers.engagements.\($0.rawValue)"] ?? 0 }.reduce(0, +))
            #expect(values["advisers.serving"] == AdviserType.allCases.map { values["advisers.serving.\($0.rawValue)"] ?? 0 }.reduce(0, +))

            // Late filings: each document filed in 2020 against its deadline on the legal calendar.
            let rule = FilingRule(rules: try await DocumentService.rules(on: t.db))
            let calendar = try await CalendarService.calendar(on: t.db)
            let filed = try await DocumentModel.query(on: t.db).filter(\.$filedOn >= "2020-01-01").filter(\.$filedOn <= "2020-12-31").all()
            var late = 0
            for document in filed {
                let published = try #require(document.published)
                let due = try calendar.dueDate(of: rule.filingPeriod(published: published))
                if try #require(document.filed) > due { late += 1 }
            }
            let filedLate = try await Self.figure("documents.filed.late", period, on: t.db)
            #expect(filedLate.value == StatisticValue(count: late))
            #expect(try await filedLate.loadRecords().count == late)

            // Comments received: the numbers the five 2020 consultations recorded (decisions-fenghuang.tsv).
            let comments = try await Self.figure("decisions.comments.received", period, on: t.db)
            #expect(comments.value == StatisticValue(count: 11 + 47 + 36 + 19 + 58))
            #expect(try await comments.loadRecords().count == 5)

            // Hearings: the recorded public-participation procedures that held one in 2020.
            var hearings = 0
            for procedure in try await DecisionProcedureModel.query(on: t.db).filter(\.$procedure == "publicParticipation").all() {
                let fields = try JSONDecoder().decode([String: String].self, from: Data(procedure.data.utf8))
                if fields["hearingHeld"] == "true", let date = fields["hearingDate"], ("2020-01-01"..."2020-12-31").contains(date) { hearings += 1 }
            }
            #expect(try await Self.figure("decisions.hearings", period, on: t.db).value == StatisticValue(count: hearings))

            // The seed's figures are unchanged alongside (Tests/FazhiCoreTests/Report/Fixtures/fenghuang-2020-figures.tsv).
            #expect(try await Self.figure("documents.issued", period, on: t.db).value == StatisticValue(count: 43))
            #expect(try await Self.figure("documents.cleanup.total", period, on: t.db).value == StatisticValue(count: 417))
            #expect(try await Self.figure("contracts.filed", period, on: t.db).value == StatisticValue(count: 13))
            #expect(try await Self.figure("decisions.major", period, on: t.db).value == StatisticValue(count: 5))
        }
    }

    @Test("A record dated outside the year or after the cut-off is not counted")
    func periodAndCutoff() async throws {
        try await withTestApp { t in
            let db = t.db
            let unit = try #require(try await UnitModel.query(on: db).filter(\.$kind == UnitKind.department.rawValue).first())
            let reviewer = try #require(try await UserModel.query(on: db).first())
            let now = t.clock.now
            // Inside the period, after a 30 November cut-off, and in the next year.
            let dates = ["2020-06-10", "2020-12-15", "2021-01-05"]

            for (index, date) in dates.enumerated() {
                let document = DocumentModel()
                document.$draftingUnit.id = unit.id!
                document.$issuingUnit.id = unit.id!
                document.title = "测试文件 \(index)"
                document.state = DocumentState.filed.rawValue
                document.term = "standard"
                document.marketRelated = false
                document.body = "测试"
                document.publishedOn = LocalDate(iso: date)!.adding(days: -10).description
                document.filedOn = date
                document.createdAt = now
                document.updatedAt = now
                try await document.create(on: db)
                try await ReviewModel.record(.document, id: document.id!, owner: unit.id!, reviewerID: reviewer.id!, reviewerName: "审查员",
                                             received: date, decided: date, opinion: .disagree, reasons: "测试", at: now, on: db)

                let decision = DecisionModel()
                decision.$proposingUnit.id = unit.id!
                decision.title = "测试决策 \(index)"
                decision.catalogueYear = 2020
                decision.basis = ""
                decision.draftText = ""
                decision.explanation = ""
                decision.state = DecisionState.published.rawValue
                decision.partyReportedOn = date
                decision.publishedOn = date
                decision.createdAt = now
                decision.updatedAt = now
                try await decision.create(on: db)

                let contract = ContractModel()
                contract.$submittingUnit.id = unit.id!
                contract.title = "测试合同 \(index)"
                contract.counterpartyName = "某公司"
                contract.contractType = ContractType.service.rawValue
                contract.state = ContractState.signed.rawValue
                contract.submittedOn = date
                contract.signedOn = date
                contract.filingRequired = false
                contract.createdAt = now
                contract.updatedAt = now
                try await contract.create(on: db)
                try await ReviewModel.record(.contract, id: contract.id!, owner: unit.id!, reviewerID: reviewer.id!, reviewerName: "审查员",
                                             received: date, decided: date, opinion: .agree, reasons: "测试", at: now, on: db)

                let adviser = AdviserModel()
                adviser.name = "测试顾问\(index)"
                adviser.type = AdviserType.governmentCounsel.rawValue
                adviser.organisation = "测试律师事务所"
                adviser.termStart = date
                adviser.$unit.id = unit.id!
                adviser.createdAt = now
                try await adviser.create(on: db)
                let engagement = AdviserEngagementModel()
                engagement.$adviser.id = adviser.id!
                engagement.subjectType = EngagementSubject.contract.rawValue
                engagement.subjectID = contract.id!
                engagement.subjectTitle = contract.title
                engagement.date = date
                engagement.summary = "出具法律意见"
                engagement.createdAt = now
                try await engagement.create(on: db)
            }

            let keys = ["documents.filed", "documents.reviews.returned", "decisions.reportedToParty", "decisions.published",
                        "contracts.reviewed.service", "contracts.reviewed.construction", "contracts.signed",
                        "advisers.engagements", "advisers.engagements.contract", "advisers.engagements.decision",
                        "advisers.serving", "advisers.serving.governmentCounsel"]
            let toNovember = StatisticPeriod(year: 2020, through: LocalDate(year: 2020, month: 11, day: 30))
            let toDecember = StatisticPeriod(year: 2020)
            let expected: [String: (november: Int, december: Int)] = [
                "documents.filed": (1, 2), "documents.reviews.returned": (1, 2), "decisions.reportedToParty": (1, 2), "decisions.published": (1, 2),
                "contracts.reviewed.service": (1, 2), "contracts.reviewed.construction": (0, 0), "contracts.signed": (1, 2),
                "advisers.engagements": (1, 2), "advisers.engagements.contract": (1, 2), "advisers.engagements.decision": (0, 0),
                // On the roster at the cut-off: the one whose term began by then.
                "advisers.serving": (1, 2), "advisers.serving.governmentCounsel": (1, 2),
            ]
            for key in keys {
                let november = try await Self.figure(key, toNovember, on: db)
                let december = try await Self.figure(key, toDecember, on: db)
                #expect(november.value.numerator == expected[key]!.november, "\(key) to 30 November: \(november.value.numerator)")
                #expect(december.value.numerator == expected[key]!.december, "\(key) to 31 December: \(december.value.numerator)")
                #expect(try await november.loadRecords().count == november.value.numerator)
                #expect(try await december.loadRecords().count == december.value.numerator)
            }
            // The trace names what was counted: the June document, not the December or January one.
            let filed = try await Self.figure("documents.filed", toNovember, on: db)
            #expect(try await filed.loadRecords().map(\.label) == [" 测试文件 0"])
            // A filing 10 days after publication is on time.
            #expect(try await Self.figure("documents.filed.late", toDecember, on: db).value.numerator == 0)
        }
    }
}
