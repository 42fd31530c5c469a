import FazhiCore
import Fluent
import Foundation
import Vapor

/// The demo county's 2020 government contracts (contracts-fenghuang.tsv): 94 legality reviews, 13 filings,
/// each checked by the rules the submission form applies.
enum DemoContracts {
    typealias Problem = DemoDocuments.Problem

    static func load(on db: any Database, reviewer: UserModel, projectIDs: [String: UUID], box: SecretBox, at now: Date) async throws {
        let units = Dictionary(uniqueKeysWithValues: try await UnitModel.query(on: db).all().map { ($0.name, $0.id!) })
        let rows = try DemoDocuments.table("contracts-fenghuang")
        try await db.writeTransaction { tx in
            var ids: [String: UUID] = [:]
            for row in rows {
                guard let key = row["key"], let unit = row["submittingUnit"].flatMap({ units[$0] }), let submitted = row["submittedOn"],
                      let today = LocalDate(iso: submitted) else {
                    throw Problem(description: "demo contract row invalid: \(row["key"] ?? "?")")
                }
                // Checked as of its submission day, as the form would have checked it then.
                let draft = try ContractDraft.validate(
                    title: row["title"], type: row["contractType"], amount: row["amount"],
                    counterparties: [.init(name: row["counterpartyName"], kind: Counterparty.Kind.organisation.rawValue, identifier: row["counterpartyCode"])],
                    termStart: row["termStart"], termEnd: row["termEnd"], today: today).checked("contract \(key)")
                guard let opinion = ReviewOpinion.allCases.first(where: { $0.label == row["reviewOpinion"] }),
                      let received = row["reviewReceived"], let decided = row["reviewDecided"] else {
                    throw Problem(description: "demo contract \(key): review missing")
                }
                let state: ContractState = !opinion.passed ? .returned : row["filedOn"] != nil ? .filed : row["signedOn"] != nil ? .signed : .reviewed
                let projectID = try row["projectKey"].map { key in
                    guard let id = projectIDs[key] else { throw Problem(description: "demo contract: unknown project \(key)") }
                    return id
                }
                let contract = ContractModel(draft: draft, unit: unit, projectID: projectID, filingRequired: row["filingRequired"] == "true",
                                             submittedOn: submitted, drafterID: nil, at: now)
                contract.state = state.rawValue
                contract.reviewRequestedOn = received
                contract.signedOn = row["signedOn"]
                contract.filedOn = row["filedOn"]
                contract.resubmissionOf = row["resubmissionOf"].flatMap { ids[$0] }
                try await contract.create(on: tx)
                contract.counterpartyName = try await ContractCounterpartyModel.store(draft.counterparties, contractID: contract.id!, box: box, on: tx)
                try await contract.update(on: tx)
                ids[key] = contract.id
                try await ReviewModel.record(.contract, id: contract.id!, owner: unit, reviewerID: try reviewer.requireID(), reviewerName: reviewer.displayName,
                                             received: received, decided: decided, opinion: opinion, reasons: row["reviewReasons"] ?? "", at: now, on: tx)
            }
            try await AuditLog.append(AuditEvent("system.demo.loaded", subjectType: "contract", detail: "载入演示政府合同 \(rows.count) 份"),
                                      context: .cli("demo"), at: now, on: tx)
        }
    }
}
