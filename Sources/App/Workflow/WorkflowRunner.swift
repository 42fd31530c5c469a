import FazhiCore
import Fluent
import Foundation
import Vapor

/// A Fluent model whose lifecycle a WorkflowDefinition governs. Its state column is written only here.
protocol WorkflowRecord: Model where IDValue == UUID {
    /// The column holding the state's raw value.
    static var stateKey: FieldKey { get }
    var stateRaw: String { get }
    /// The unit the record belongs to (record-level access).
    var ownerUnitID: UUID { get }
}

/// Applies an event to a record through its definition (docs/ARCHITECTURE.md "Workflow"): checks the actor may
/// write the record, asks the engine, moves the state with a compare-and-set (a concurrent change makes
/// the second one fail rather than overwrite), runs the caller's changes, and audits — all in one
/// write transaction. A refusal is audited too, then thrown.
enum WorkflowRunner {
    struct Outcome<State: WorkflowState>: Sendable {
        let from: State
        let to: State
        let auditSequence: Int64
    }

    static func apply<Record: WorkflowRecord, State: WorkflowState, Event: WorkflowEvent, Context>(
        _ event: Event,
        to recordID: UUID,
        of _: Record.Type,
        definition: WorkflowDefinition<State, Event, Context>,
        actor: Actor,
        audit: AuditContext,
        at time: Date,
        on db: any Database,
        context makeContext: @escaping @Sendable (Record, any Database) async throws -> Context,
        changes: @escaping @Sendable (Record, any Database) async throws -> Void = { _, _ in },
        detail: String = ""
    ) async throws -> Outcome<State> where Context: Sendable {
        let result: Result<Outcome<State>, WorkflowRefusal> = try await db.writeTransaction { tx in
            guard let record = try await Record.find(recordID, on: tx), actor.canRead(recordOf: record.ownerUnitID) else {
                throw Abort(.notFound)
            }
            guard actor.canWrite(recordOf: record.ownerUnitID) else { throw Abort(.forbidden) }
            guard let from = State(rawValue: record.stateRaw) else {
                throw Abort(.internalServerError, reason: "unknown state \(record.stateRaw)")
            }
            let context = try await makeContext(record, tx)
            switch definition.apply(event, from: from, roles: actor.roles, context: context) {
            case .failure(let refusal):
                return .failure(refusal)
            case .success(let transition):
                let moved = try await Record.query(on: tx)
                    .filter(\._$id == recordID)
                    .filter(Record.stateKey, .equal, from.rawValue)
                    .count()
                guard moved == 1 else { throw Abort(.conflict, reason: "记录已被他人修改，请刷新后重试。") }
                // The caller's field changes first (a save of the record writes its old state), then the state.
                try await changes(record, tx)
                try await Record.query(on: tx)
                    .filter(\._$id == recordID)
                    .set([Record.stateKey: .bind(transition.to.rawValue)])
                    .update()
                let sequence = try await AuditLog.append(
                    AuditEvent("workflow.\(definition.caseType).\(event.rawValue)", subjectType: definition.caseType,
                               subjectID: recordID.uuidString,
                               detail: "\(from.label) → \(transition.to.label)" + (detail.isEmpty ? "" : "；\(detail)")),
                    context: audit, at: time, on: tx)
                return .success(Outcome(from: from, to: transition.to, auditSequence: sequence))
            }
        }
        switch result {
        case .success(let outcome):
            return outcome
        case .failure(let refusal):
            try await AuditLog.record(
                AuditEvent("workflow.\(definition.caseType).\(event.rawValue)", subjectType: definition.caseType,
                           subjectID: recordID.uuidString, outcome: .refused, detail: refusal.message),
                context: audit, at: time, on: db)
            throw refusal
        }
    }
}

/// A workflow record that keeps the time of its last change.
protocol ChangeStamped: AnyObject {
    var updatedAt: Date { get set }
}

extension Request {
    /// One workflow step from a page: applies the event through `WorkflowRunner` (the caller's changes, then
    /// the record's `updatedAt`, saved in the same transaction), then redirects to `done` with 已保存; a
    /// refusal is rendered by `refused` (the record's page with the reason, 409).
    func workflowStep<Record: WorkflowRecord & ChangeStamped, State: WorkflowState, Event: WorkflowEvent, Context: Sendable>(
        _ event: Event, on recordID: UUID, of type: Record.Type, definition: WorkflowDefinition<State, Event, Context>, actor: Actor,
        context: @escaping @Sendable (Record, any Database) async throws -> Context,
        changes: @escaping @Sendable (Record, any Database) async throws -> Void = { _, _ in },
        detail: String, done: SiteURL, refused: (WorkflowRefusal) async throws -> Response
    ) async throws -> Response {
        let time = now
        do {
            _ = try await WorkflowRunner.apply(
                event, to: recordID, of: type, definition: definition, actor: actor, audit: auditContext, at: time, on: db,
                context: context,
                changes: { record, tx in
                    try await changes(record, tx)
                    record.updatedAt = time
                    try await record.update(on: tx)
                },
                detail: detail)
        } catch let refusal as WorkflowRefusal {
            return try await refused(refusal)
        }
        return redirect(to: done.path(query: [("done", "saved")]), redirectType: .normal)
    }
}
