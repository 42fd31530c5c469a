import FazhiCore
import Fluent
import Foundation
import SQLKit

/// Keeps the deadlines the contract figures count against beside the records: each contract's filing deadline
/// (rule `contracts.filing` from signing, when filing is required) and each contract review's deadline (rule
/// `contracts.review` from receipt), on the legal calendar.
struct ContractDatesIndex: DerivedIndex {
    var title: String { "政府合同期限" }
    var subjectTypes: Set<String> { ["contract"] }

    private struct ContractRow: Decodable { let id: UUID; let signed_on: String?; let filing_required: Bool; let filing_due_on: String? }
    private struct ReviewRow: Decodable { let id: UUID; let received_on: String; let due_on: String? }

    func refresh(_ records: [UUID]?, using inputs: DerivationInputs, on tx: any Database) async throws -> Int {
        let sql = tx.sql
        let rule = ContractDeadlineRule(rules: try await ContractQuery.rules(on: tx))
        var contracts: [ContractRow] = []
        var reviews: [ReviewRow] = []
        let contractSelect: SQLQueryString = "SELECT id, signed_on, filing_required, filing_due_on FROM contracts"
        let reviewSelect: SQLQueryString = "SELECT id, received_on, due_on FROM reviews WHERE subject_type = \(bind: ReviewSubjectType.contract.rawValue)"
        if let records {
            for chunk in records.chunked(500) {
                let ids = SQLList(chunk.map { SQLBind($0) })
                contracts += try await sql.raw(contractSelect + " WHERE id IN (\(ids))").all(decoding: ContractRow.self)
                reviews += try await sql.raw(reviewSelect + " AND subject_id IN (\(ids))").all(decoding: ReviewRow.self)
            }
        } else {
            contracts = try await sql.raw(contractSelect).all(decoding: ContractRow.self)
            reviews = try await sql.raw(reviewSelect).all(decoding: ReviewRow.self)
        }
        var written = 0
        for contract in contracts {
            let due = contract.filing_required ? contract.signed_on.flatMap(LocalDate.init(iso:))
                .flatMap { try? inputs.calendar.dueDate(of: rule.filingPeriod(signed: $0)) }?.description : nil
            guard due != contract.filing_due_on else { continue }
            try await sql.update("contracts").set("filing_due_on", to: SQLBind(due)).where("id", .equal, contract.id).run()
            written += 1
        }
        for review in reviews {
            let due = LocalDate(iso: review.received_on).flatMap { try? inputs.calendar.dueDate(of: rule.reviewPeriod(received: $0)) }?.description
            guard due != review.due_on else { continue }
            try await sql.update("reviews").set("due_on", to: SQLBind(due)).where("id", .equal, review.id).run()
            written += 1
        }
        return written
    }
}
