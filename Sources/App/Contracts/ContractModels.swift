import FazhiCore
import Fluent
import Foundation

/// A government contract (政府合同) submitted for legality review, then signed, filed, amended, ended.
/// The amount is exact decimal text (yuan, two places), never a floating-point number.
final class ContractModel: Model, WorkflowRecord, ChangeStamped, @unchecked Sendable {
    static let schema = "contracts"
    static let stateKey: FieldKey = "state"

    @ID(key: .id) var id: UUID?
    @Parent(key: "submitting_unit_id") var submittingUnit: UnitModel
    @Field(key: "title") var title: String
    /// The counterparties' names as the register shows and searches them, natural persons masked
    /// (the parties themselves are in contract_counterparties).
    @Field(key: "counterparty_name") var counterpartyName: String
    @Field(key: "contract_type") var contractType: String
    @OptionalField(key: "amount") var amount: String?
    @OptionalField(key: "term_start") var termStart: String?
    @OptionalField(key: "term_end") var termEnd: String?
    @OptionalField(key: "project_id") var projectID: UUID?
    @Field(key: "state") var state: String
    @Field(key: "submitted_on") var submittedOn: String
    /// When the legal office accepted it for review (the review period runs from here).
    @OptionalField(key: "review_requested_on") var reviewRequestedOn: String?
    @OptionalField(key: "signed_on") var signedOn: String?
    @OptionalField(key: "filed_on") var filedOn: String?
    @Field(key: "filing_required") var filingRequired: Bool
    @OptionalField(key: "resubmission_of") var resubmissionOf: UUID?
    @OptionalField(key: "ended_on") var endedOn: String?
    @OptionalField(key: "drafter_id") var drafterID: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var stateRaw: String { state }
    var ownerUnitID: UUID { $submittingUnit.id }

    /// A contract as submitted for review from a validated draft (the counterparties are stored after it,
    /// with `ContractCounterpartyModel.store`, which gives `counterpartyName`).
    convenience init(draft: ContractDraft, unit: UUID, projectID: UUID?, filingRequired: Bool, submittedOn: String, drafterID: UUID?, at now: Date) {
        self.init()
        id = UUID()
        $submittingUnit.id = unit
        title = draft.title
        counterpartyName = ""
        contractType = draft.type.rawValue
        amount = draft.amount?.plain
        termStart = draft.term.start.description
        termEnd = draft.term.end?.description
        self.projectID = projectID
        state = ContractState.submitted.rawValue
        self.submittedOn = submittedOn
        self.filingRequired = filingRequired
        self.drafterID = drafterID
        createdAt = now
        updatedAt = now
    }
}

/// One party on the other side of a contract: an organisation with its unified social credit code, or a
/// natural person whose 身份证号 is sealed (personal information, docs/SECURITY.md item 12).
final class ContractCounterpartyModel: Model, @unchecked Sendable {
    static let schema = "contract_counterparties"

    @ID(key: .id) var id: UUID?
    @Parent(key: "contract_id") var contract: ContractModel
    @Field(key: "position") var position: Int
    /// The organisation's name; a natural person's masked (张**), the full name sealed in `name_sealed`.
    @Field(key: "name") var name: String
    @OptionalField(key: "name_sealed") var nameSealed: String?
    @Field(key: "kind") var kind: String
    @OptionalField(key: "credit_code") var creditCode: String?
    @OptionalField(key: "resident_id") var residentIDSealed: String?

    init() {}

    var isNaturalPerson: Bool { kind == Counterparty.Kind.naturalPerson.rawValue }
    /// The name as lists show it: a natural person's masked.
    var displayName: String { name }

    /// Stores the validated parties of a contract in order, and returns the register's name text.
    static func store(_ parties: [Counterparty], contractID: UUID, box: SecretBox, on db: any Database) async throws -> String {
        var names: [String] = []
        for (position, party) in parties.enumerated() {
            let model = ContractCounterpartyModel()
            model.$contract.id = contractID
            model.position = position
            model.kind = party.kind.rawValue
            if party.kind == .naturalPerson {
                model.name = Masking.name(party.name)
                model.nameSealed = try box.seal(party.name)
            } else {
                model.name = party.name
            }
            switch party.identifier {
            case .creditCode(let code): model.creditCode = code.value
            case .residentID(let id): model.residentIDSealed = try box.seal(id.value)
            }
            try await model.create(on: db)
            names.append(model.displayName)
        }
        return names.joined(separator: "；")
    }
}

/// 变更、终止、履行完毕 of a signed contract.
final class ContractChangeModel: Model, @unchecked Sendable {
    static let schema = "contract_changes"

    @ID(key: .id) var id: UUID?
    @Parent(key: "contract_id") var contract: ContractModel
    @Field(key: "kind") var kind: String
    @Field(key: "date") var date: String
    @Field(key: "summary") var summary: String
    /// Who entered it; an amendment needing review is reviewed by someone else.
    @OptionalField(key: "submitted_by") var submittedBy: UUID?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// The kinds of entry in a contract's 变更与终止 list, as `contract_changes.kind` stores them. An amendment's
/// kind is its state in the amendment workflow (FazhiCore ContractAmendmentWorkflow); termination and
/// completion are plain entries.
enum ContractChangeKind {
    static let amended = ContractAmendmentState.inEffect.rawValue
    /// An amendment waiting for its legality review.
    static let pending = ContractAmendmentState.pendingReview.rawValue
    /// An amendment the review did not pass (不同意); the contract stays as signed.
    static let returned = ContractAmendmentState.returned.rawValue
    static let terminated = "terminated"
    static let completed = "completed"

    static func label(_ kind: String) -> String {
        switch kind {
        case terminated: "终止"
        case completed: "履行完毕"
        default: ContractAmendmentState(rawValue: kind)?.label ?? kind
        }
    }
}

extension ContractChangeModel {
    convenience init(contractID: UUID, kind: String, date: LocalDate, summary: String, by userID: UUID, at now: Date) {
        self.init()
        $contract.id = contractID
        self.kind = kind
        self.date = date.description
        self.summary = summary
        submittedBy = userID
        createdAt = now
    }
}
