import FazhiCore
import Fluent
import Foundation
import Vapor

/// The demo county's register of normative documents (Resources/demo/documents-fenghuang.tsv: the 43 of
/// 2020 and the 417 of 2016–2019) and its 2020 cleanup campaign (cleanup-fenghuang-2020.tsv), applied through
/// the same code path as the cleanup page, so the statistics come out of real records.
enum DemoDocuments {
    static let noticeNumber = "凤政办函〔2020〕15号"
    static let noticeDate = LocalDate(year: 2020, month: 3, day: 23)!
    static let decisionNumber = "凤政发〔2020〕12号"
    static let decisionDate = LocalDate(year: 2020, month: 5, day: 21)!

    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    /// Rows of a demo TSV as dictionaries by header (comment lines before the header are skipped).
    static func table(_ name: String) throws -> [[String: String]] {
        let text = try FazhiCoreResources.text(name, "tsv", in: "Resources/demo")
        var header: [String]?
        var rows: [[String: String]] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard let columns = header else { header = fields; continue }
            var row: [String: String] = [:]
            for (index, column) in columns.enumerated() where index < fields.count && !fields[index].isEmpty {
                row[column] = fields[index]
            }
            rows.append(row)
        }
        return rows
    }

    /// Returns the documents' ids by their key in the demo table (decisions link to them).
    @discardableResult
    static func load(on db: any Database, reviewer: UserModel, at now: Date) async throws -> [String: UUID] {
        let units = Dictionary(uniqueKeysWithValues: try await UnitModel.query(on: db).all().map { ($0.name, $0.id!) })
        let legalOffice = try await UnitModel.query(on: db).filter(\.$isLegalOffice == true).first()
        let rows = try table("documents-fenghuang")
        let outcomes = try table("cleanup-fenghuang-2020")
        let rules = try await DocumentService.rules(on: db)
        let ids = try await db.writeTransaction { tx -> [String: UUID] in
            var ids: [String: UUID] = [:]
            for row in rows {
                guard let key = row["key"], let title = row["title"], let issuer = row["issuer"].flatMap({ units[$0] }),
                      let drafting = row["draftingUnit"].flatMap({ units[$0] }), let registration = row["registrationNumber"],
                      let parsed = rules.registrationPattern.parse(registration) else {
                    throw Problem(description: "demo document row invalid: \(row["key"] ?? "?")")
                }
                let document = DocumentModel()
                document.id = UUID()
                document.$issuingUnit.id = issuer
                document.$draftingUnit.id = drafting
                document.title = title
                document.documentNumber = row["documentNumber"]
                document.registrationNumber = registration
                document.registrationYear = parsed.year
                document.registrationSequence = parsed.sequence
                document.term = row["term"] ?? "standard"
                document.marketRelated = row["marketRelated"] == "true"
                document.commentStart = row["commentStart"]
                document.commentEnd = row["commentEnd"]
                document.commentChannel = row["commentStart"] == nil ? nil : "凤凰县人民政府门户网站"
                document.commentExemptReason = row["commentExemptReason"]
                document.reviewRequestedOn = row["reviewReceived"]
                document.deliberationMeeting = row["deliberationMeeting"]
                document.deliberationDate = row["deliberationDate"]
                document.minutesReference = row["minutesReference"]
                document.publishedOn = row["published"]
                document.effectiveOn = row["effective"]
                document.immediateReason = row["immediateReason"]
                document.filedOn = row["filedOn"]
                document.state = (row["filedOn"] != nil ? DocumentState.filed : .published).rawValue
                document.body = "（演示数据）\(title)。本文件正文从略。"
                document.createdAt = now
                document.updatedAt = now
                try await document.create(on: tx)
                try await DocumentService.index(document, on: tx)
                ids[key] = document.id
                if let opinionLabel = row["reviewOpinion"], let received = row["reviewReceived"],
                   let opinion = ReviewOpinion.allCases.first(where: { $0.label == opinionLabel }) {
                    // The opinion is given before the meeting that deliberates it.
                    let decided = row["deliberationDate"].flatMap(LocalDate.init(iso:)).map { $0.adding(days: -1).description } ?? received
                    try await ReviewModel.record(.document, id: document.id!, owner: drafting, reviewerID: try reviewer.requireID(),
                                                 reviewerName: reviewer.displayName, received: received, decided: decided, opinion: opinion,
                                                 reasons: row["reviewReasons"] ?? "", at: now, on: tx)
                }
            }
            // Re-registered successors (a later document re-publishing an earlier one before it expires).
            for row in rows {
                guard let predecessorKey = row["predecessor"], let key = row["key"], let successorID = ids[key],
                      let predecessorID = ids[predecessorKey], let effective = row["effective"].flatMap(LocalDate.init(iso:)) else { continue }
                guard let successor = try await DocumentModel.find(successorID, on: tx) else { continue }
                successor.predecessorID = predecessorID
                try await successor.update(on: tx)
                try await DocumentService.addChange(to: predecessorID, kind: .republished, date: effective,
                                                    basis: successor.documentNumber ?? successor.registrationNumber ?? "",
                                                    linked: successorID, campaign: nil, note: "重新登记、编号、公布", at: now, on: tx)
            }
            return ids
        }
        // The 2020 cleanup: notice, scope, an outcome per document, then the decision through the page's code path.
        let campaign = CleanupCampaignModel()
        campaign.id = UUID()
        campaign.title = "2020年规范性文件全面清理"
        campaign.noticeNumber = noticeNumber
        campaign.noticeDate = noticeDate.description
        campaign.scopeDescription = "2016年1月1日以来公布、截至2020年3月23日仍然有效的规范性文件（\(outcomes.count) 件）"
        campaign.state = CleanupController.CampaignState.open.rawValue
        campaign.$ownerUnit.id = legalOffice?.id ?? units.values.first!
        campaign.createdAt = now
        try await db.writeTransaction { tx in
            try await campaign.create(on: tx)
            for row in outcomes {
                guard let id = row["key"].flatMap({ ids[$0] }), let outcome = row["outcome"].flatMap(CleanupOutcome.init(rawValue:)) else {
                    throw Problem(description: "demo cleanup row invalid: \(row["key"] ?? "?")")
                }
                let entry = CleanupEntryModel()
                entry.$campaign.id = campaign.id!
                entry.$document.id = id
                entry.outcome = outcome.rawValue
                entry.reason = row["reason"] ?? ""
                try await entry.create(on: tx)
            }
        }
        try await CleanupController.applyDecision(campaign: campaign, number: decisionNumber, date: decisionDate, context: .cli("demo"),
                                                  at: now, rules: rules, on: db)
        try await db.writeTransaction { tx in
            campaign.state = CleanupController.CampaignState.published.rawValue
            try await campaign.update(on: tx)
            try await AuditLog.append(AuditEvent("system.demo.loaded", subjectType: "document",
                                                 detail: "载入演示规范性文件 \(rows.count) 件及2020年清理（\(outcomes.count) 件）"),
                                      context: .cli("demo"), at: now, on: tx)
        }
        return ids
    }
}
