import FazhiCore
import Fluent
import Foundation

/// One entry of the append-only, hash-chained audit trail (docs/SECURITY.md item 11). The database refuses
/// UPDATE and DELETE on this table (triggers in CreateAuditTrail).
final class AuditEntryModel: Model, @unchecked Sendable {
    static let schema = "audit_entries"

    @ID(custom: "seq", generatedBy: .user) var id: Int64?
    @Field(key: "occurred_at_ms") var occurredAtMillis: Int64
    @Field(key: "user_id") var userID: String
    @Field(key: "username") var username: String
    @Field(key: "unit_id") var unitID: String
    @Field(key: "action") var action: String
    @Field(key: "subject_type") var subjectType: String
    @Field(key: "subject_id") var subjectID: String
    @Field(key: "outcome") var outcome: String
    @Field(key: "detail") var detail: String
    @Field(key: "request_id") var requestID: String
    @Field(key: "source_address") var sourceAddress: String
    @Field(key: "prev_hash") var previousHash: String
    @Field(key: "hash") var hash: String

    init() {}

    init(record: AuditRecord, previousHash: String, hash: String) {
        self.id = record.sequence
        self.occurredAtMillis = record.occurredAtMillis
        self.userID = record.userID
        self.username = record.username
        self.unitID = record.unitID
        self.action = record.action
        self.subjectType = record.subjectType
        self.subjectID = record.subjectID
        self.outcome = record.outcome
        self.detail = record.detail
        self.requestID = record.requestID
        self.sourceAddress = record.sourceAddress
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The stored content as the chain sees it.
    var storedEntry: AuditChain.StoredEntry {
        AuditChain.StoredEntry(
            record: AuditRecord(
                sequence: id ?? 0, occurredAtMillis: occurredAtMillis, userID: userID, username: username,
                unitID: unitID, action: action, subjectType: subjectType, subjectID: subjectID,
                outcome: outcome, detail: detail,
                requestID: requestID, sourceAddress: sourceAddress),
            previousHash: previousHash, hash: hash)
    }
}

/// The chain's head: the last sequence number and hash. Its single row is also the write lock every
/// state change takes first (Database.writeTransaction).
final class AuditHeadModel: Model, @unchecked Sendable {
    static let schema = "audit_head"

    @ID(custom: "id", generatedBy: .user) var id: Int?
    @Field(key: "last_seq") var lastSequence: Int64
    @Field(key: "last_hash") var lastHash: String

    init() {}
}
