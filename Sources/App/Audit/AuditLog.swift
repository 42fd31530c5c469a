import FazhiCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// Who and where, for an audit entry: taken from the request (or the CLI) once, passed to every append.
public struct AuditContext: Sendable {
    public var userID: String
    public var username: String
    public var unitID: String
    public var requestID: String
    public var sourceAddress: String

    public init(userID: String = "", username: String, unitID: String = "", requestID: String = "", sourceAddress: String = "") {
        self.userID = userID
        self.username = username
        self.unitID = unitID
        self.requestID = requestID
        self.sourceAddress = sourceAddress
    }

    /// The command line (`fazhi user create`, `fazhi demo`, …).
    public static func cli(_ command: String) -> AuditContext {
        AuditContext(username: "cli", requestID: command, sourceAddress: "local")
    }
}

/// What happened, to whom: the part of an entry the caller supplies.
public struct AuditEvent: Sendable {
    public var action: String
    public var subjectType: String
    public var subjectID: String
    public var outcome: AuditOutcome
    public var detail: String

    public init(_ action: String, subjectType: String = "", subjectID: String = "", outcome: AuditOutcome = .success, detail: String = "") {
        self.action = action
        self.subjectType = subjectType
        self.subjectID = subjectID
        self.outcome = outcome
        self.detail = detail
    }
}

enum AuditLog {
    /// Appends one entry. Must run inside `Database.writeTransaction`, which holds the head row, so the
    /// chain cannot fork; the entry commits or rolls back with the change it describes.
    @discardableResult
    static func append(_ event: AuditEvent, context: AuditContext, at time: Date, on tx: any Database) async throws -> Int64 {
        guard let head = try await AuditHeadModel.find(1, on: tx) else {
            throw Abort(.internalServerError, reason: "audit head row missing")
        }
        let record = AuditRecord(
            sequence: head.lastSequence + 1,
            occurredAtMillis: Int64((time.timeIntervalSince1970 * 1000).rounded(.down)),
            userID: context.userID, username: context.username, unitID: context.unitID,
            action: event.action, subjectType: event.subjectType, subjectID: event.subjectID,
            outcome: event.outcome.rawValue, detail: event.detail,
            requestID: context.requestID, sourceAddress: context.sourceAddress)
        let hash = AuditChain.hash(previous: head.lastHash, record: record)
        try await AuditEntryModel(record: record, previousHash: head.lastHash, hash: hash).create(on: tx)
        head.lastSequence = record.sequence
        head.lastHash = hash
        try await head.update(on: tx)
        DerivedChangeLog.current?.record(event, context: context, at: time)
        return record.sequence
    }

    /// A standalone entry (a failed login, a view of personal data): its own write transaction.
    @discardableResult
    /// Such an entry records no change of any record, so it leaves the derived indexes alone.
    static func record(_ event: AuditEvent, context: AuditContext, at time: Date, on db: any Database) async throws -> Int64 {
        try await DerivedChangeLog.$current.withValue(DerivedChangeLog.current ?? .ignoring) {
            try await db.writeTransaction { tx in
                try await append(event, context: context, at: time, on: tx)
            }
        }
    }

    struct VerifyResult: Sendable {
        var entries: Int
        var lastSequence: Int64
        var firstBreak: AuditChain.Break?
        /// The head says the chain is longer (or differs) from what the table holds: entries were cut off the end.
        var headMismatch: String?

        var ok: Bool { firstBreak == nil && headMismatch == nil }

        var message: String {
            if let firstBreak { return "审计链校验失败：\(firstBreak)。" }
            if let headMismatch { return "审计链校验失败：\(headMismatch)。" }
            return "审计链完整：共 \(entries) 条记录，最后一条为第 \(lastSequence) 条。"
        }
    }

    /// Walks the whole chain in pages, recomputing every hash (`fazhi audit verify`, the admin page).
    static func verify(on db: any Database, pageSize: Int = 2000) async throws -> VerifyResult {
        var verifier = AuditChain.Verifier()
        var after: Int64 = 0
        while true {
            let page = try await AuditEntryModel.query(on: db)
                .filter(\.$id > after)
                .sort(\.$id, .ascending)
                .limit(pageSize)
                .all()
            for entry in page { verifier.feed(entry.storedEntry) }
            guard let last = page.last?.id, page.count == pageSize, verifier.firstBreak == nil else { break }
            after = last
        }
        var result = VerifyResult(entries: verifier.count, lastSequence: verifier.lastSequence, firstBreak: verifier.firstBreak)
        if result.firstBreak == nil, let head = try await AuditHeadModel.find(1, on: db) {
            if head.lastSequence != verifier.lastSequence || head.lastHash != verifier.lastHash {
                result.headMismatch = "链头记录第 \(head.lastSequence) 条，但表中最后一条为第 \(verifier.lastSequence) 条（末尾记录被删除或链头被改动）"
            }
        }
        return result
    }
}

extension Request {
    /// The audit context of this request: the signed-in user (or API token), request id and source address.
    var auditContext: AuditContext {
        let user = currentUser
        return AuditContext(
            userID: user?.id.uuidString ?? "",
            username: user?.username ?? apiClient?.label ?? "anonymous",
            unitID: user?.unitID.uuidString ?? apiClient?.unitID.uuidString ?? "",
            requestID: id,
            sourceAddress: clientAddress)
    }

    /// Creates a record and its audit entry in one write transaction (the common case of a simple addition);
    /// `then` writes the record's dependent rows in the same transaction.
    func create<M: Model>(_ model: M, audit event: AuditEvent,
                          then: @escaping @Sendable (any Database) async throws -> Void = { _ in }) async throws {
        let context = auditContext
        let time = now
        try await db.writeTransaction { tx in
            try await model.create(on: tx)
            try await then(tx)
            var event = event
            if event.subjectID.isEmpty, let id = model.id { event.subjectID = "\(id)" }
            try await AuditLog.append(event, context: context, at: time, on: tx)
        }
    }

    /// Writes a standalone audit entry for this request.
    func audit(_ event: AuditEvent) async throws {
        try await AuditLog.record(event, context: auditContext, at: now, on: db)
    }
}
