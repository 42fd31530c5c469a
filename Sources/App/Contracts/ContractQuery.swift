import FazhiCore
import Fluent
import Foundation

// MARK: Page models (plain values: no Fluent model reaches a view)

/// The deadline that is running on a contract, derived today.
struct ContractDeadline: Sendable {
    let label: String
    let due: LocalDate
    let status: DeadlineStatus
}

/// A contract as the register and its exports show it.
struct ContractRow: Sendable {
    let id: UUID
    let title: String
    let unitName: String
    /// The counterparties' names, natural persons masked.
    let counterpartyName: String
    let contractType: String
    let amount: ContractAmount?
    let projectName: String?
    let submittedOn: LocalDate?
    let signedOn: LocalDate?
    let filedOn: LocalDate?
    /// The stored state (a `ContractState` raw value).
    let state: String
    let deadline: ContractDeadline?

    var typeLabel: String { ContractType(rawValue: contractType)?.label ?? contractType }
    var stateLabel: String { ContractState(rawValue: state)?.label ?? state }
}

/// A unit or key project offered in a filter or form.
struct ContractChoice: Sendable {
    let id: UUID
    let name: String
}

/// The filters of the register and its exports.
struct ContractFilter: Sendable {
    var query = ""
    var unitID: UUID?
    var state: ContractState?
    var year: Int?
    var projectID: UUID?

    init(_ form: FormBody) {
        query = String((form["q"] ?? "").trimmingCharacters(in: .whitespaces).prefix(60))
        unitID = form["unit"].flatMap(UUID.init(uuidString:))
        state = ContractState(rawValue: form["state"] ?? "")
        year = form["year"].flatMap { $0.count == 4 ? Int($0) : nil }
        projectID = form["project"].flatMap(UUID.init(uuidString:))
    }

    var pairs: [(String, String)] {
        [("q", query), ("unit", unitID?.uuidString ?? ""), ("state", state?.rawValue ?? ""), ("year", year.map(String.init) ?? ""),
         ("project", projectID?.uuidString ?? "")]
    }
}

/// What a page needs to know of a contract before anything else: enough to authorize and to name it.
struct ContractRef: Sendable {
    let id: UUID
    let title: String
    let ownerUnitID: UUID
}

/// One party on the other side, as the contract page shows it.
struct ContractPartyRow: Sendable {
    let id: UUID
    /// The organisation's name; a natural person's masked.
    let displayName: String
    let isNaturalPerson: Bool
    let creditCode: String?
}

/// One entry of the 变更与终止 list, with the review of an amendment that needed one.
struct ContractChangeRow: Sendable {
    let id: UUID
    /// The stored kind (`ContractChangeKind`).
    let kind: String
    let date: String
    let summary: String
    let submittedBy: UUID?
    let createdAt: Date
    let review: ReviewSummary?

    var kindLabel: String { ContractChangeKind.label(kind) }
    var isPendingReview: Bool { kind == ContractChangeKind.pending }
}

/// Everything the contract page shows of one contract.
struct ContractPage: Sendable {
    let id: UUID
    let title: String
    let ownerUnitID: UUID
    let unitName: String
    /// The stored state (a `ContractState` raw value).
    let state: String
    let contractType: String
    let amount: ContractAmount?
    let termStart: LocalDate?
    let termEnd: LocalDate?
    let projectName: String?
    let submittedOn: LocalDate?
    let reviewRequestedOn: String?
    let signedOn: LocalDate?
    let filedOn: LocalDate?
    let filingRequired: Bool
    let drafterID: UUID?
    let parties: [ContractPartyRow]
    let reviews: [ReviewSummary]
    let changes: [ContractChangeRow]
    let attachments: [AttachmentSummary]
    let deadline: ContractDeadline?
    /// The 法律顾问参与 card (the Advisers module's shared component).
    let advisers: AdviserPages.EngagementSection

    var typeLabel: String { ContractType(rawValue: contractType)?.label ?? contractType }
    var pendingAmendment: ContractChangeRow? { changes.first(where: \.isPendingReview) }
}

/// A natural-person counterparty's sealed ID number, with the full name to say whose it is.
struct ContractPartyReveal: Sendable {
    let contract: ContractRef
    let fullName: String
    let residentIDSealed: String?
}

// MARK: Reads

/// Every read of the Contracts module: the register and its exports, the contract page, the submission
/// form's choices, the running deadline. Access is record-level: what an actor may not read is not there.
enum ContractQuery {
    /// The legal office's current settings (defaults until changed).
    static func rules(on db: any Database) async throws -> ContractRules {
        try await RulesSettings.load(ContractRules.self, on: db)
    }

    /// The register's filters and record-level access as one SQL query, newest submission first.
    static func filtered(_ filter: ContractFilter, actor: Actor, on db: any Database) -> QueryBuilder<ContractModel> {
        var query = ContractModel.query(on: db).readable(by: actor, owner: \.$submittingUnit.$id)
        if let unitID = filter.unitID { query = query.filter(\.$submittingUnit.$id == unitID) }
        if let state = filter.state { query = query.filter(\.$state == state.rawValue) }
        if let year = filter.year { query = query.filter(\.$submittedOn >= "\(year)-01-01").filter(\.$submittedOn <= "\(year)-12-31") }
        if let project = filter.projectID { query = query.filter(\.$projectID == project) }
        if !filter.query.isEmpty { query = query.group(.or) { $0.filter(\.$title ~~ filter.query).filter(\.$counterpartyName ~~ filter.query) } }
        return query.sort(\.$submittedOn, .descending).sort(\.$id)
    }

    /// One page of the register, with the number and the summed amount of every matching contract (in SQL).
    static func page(_ filter: ContractFilter, form: FormBody, actor: Actor, today: LocalDate, calendar: LegalCalendar,
                     on db: any Database) async throws -> (rows: [ContractRow], page: PageInfo, sum: ContractAmount) {
        let (models, page) = try await filtered(filter, actor: actor, on: db).with(\.$submittingUnit).page(form)
        // The sum is exact decimal yuan: one column of the matching rows, added as fen (SQL SUM would go through floating point).
        let sum = try await filtered(filter, actor: actor, on: db).filter(\.$amount != nil).field(\.$id).field(\.$amount).all()
            .compactMap { $0.amount.flatMap { try? ContractAmount.parse($0).get() } }
            .reduce(ContractAmount.zero) { $0.adding($1) ?? $0 }
        return (try await rows(models, today: today, calendar: calendar, on: db), page, sum)
    }

    /// Every matching row (exports).
    static func rows(_ filter: ContractFilter, actor: Actor, today: LocalDate, calendar: LegalCalendar, on db: any Database) async throws -> [ContractRow] {
        try await rows(try await filtered(filter, actor: actor, on: db).with(\.$submittingUnit).all(), today: today, calendar: calendar, on: db)
    }

    private static func rows(_ models: [ContractModel], today: LocalDate, calendar: LegalCalendar, on db: any Database) async throws -> [ContractRow] {
        let projectIDs = Set(models.compactMap(\.projectID))
        let projects = projectIDs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await KeyProjectModel.query(on: db)
            .filter(\.$id ~~ Array(projectIDs)).all().map { ($0.id!, $0.name) })
        let rules = try await rules(on: db)
        return models.map { model in
            ContractRow(id: model.id!, title: model.title, unitName: model.submittingUnit.name, counterpartyName: model.counterpartyName,
                        contractType: model.contractType, amount: amount(model), projectName: model.projectID.flatMap { projects[$0] },
                        submittedOn: LocalDate(iso: model.submittedOn), signedOn: model.signedOn.flatMap(LocalDate.init(iso:)),
                        filedOn: model.filedOn.flatMap(LocalDate.init(iso:)), state: model.state,
                        deadline: deadline(model, rules: rules, today: today, calendar: calendar))
        }
    }

    static func amount(_ model: ContractModel) -> ContractAmount? {
        model.amount.flatMap { try? ContractAmount.parse($0).get() }
    }

    /// The deadline that is running: the review while under review, the filing once signed.
    static func deadline(_ model: ContractModel, rules: ContractRules, today: LocalDate, calendar: LegalCalendar) -> ContractDeadline? {
        let rule = ContractDeadlineRule(rules: rules)
        let status = DeadlineStatusRule()
        switch ContractState(rawValue: model.state) {
        case .underReview?:
            guard let received = model.reviewRequestedOn.flatMap(LocalDate.init(iso:)), let due = try? calendar.dueDate(of: rule.reviewPeriod(received: received)) else { return nil }
            return ContractDeadline(label: "审查期限", due: due, status: status.status(due: due, today: today, completedOn: nil, calendar: calendar))
        case .signed?, .filed?:
            guard model.filingRequired, let signed = model.signedOn.flatMap(LocalDate.init(iso:)),
                  let due = try? calendar.dueDate(of: rule.filingPeriod(signed: signed)) else { return nil }
            return ContractDeadline(label: "备案期限", due: due,
                                    status: status.status(due: due, today: today, completedOn: model.filedOn.flatMap(LocalDate.init(iso:)), calendar: calendar))
        default:
            return nil
        }
    }

    /// Every unit, for the register's filter.
    static func units(on db: any Database) async throws -> [ContractChoice] {
        try await UnitModel.query(on: db).sort(\.$name).all().map { ContractChoice(id: $0.id!, name: $0.name) }
    }

    /// The units a user may submit for: every active unit for the legal office, otherwise their own.
    static func submittingUnits(for user: CurrentUser, on db: any Database) async throws -> [ContractChoice] {
        let models = user.has(.writeAllRecords)
            ? try await UnitModel.query(on: db).filter(\.$active == true).sort(\.$name).all()
            : try await UnitModel.query(on: db).filter(\.$id == user.unitID).all()
        return models.map { ContractChoice(id: $0.id!, name: $0.name) }
    }

    static func projects(on db: any Database) async throws -> [ContractChoice] {
        try await KeyProjectModel.query(on: db).sort(\.$name).all().map { ContractChoice(id: $0.id!, name: $0.name) }
    }

    /// The contract, if the actor may read it.
    static func ref(_ id: UUID, actor: Actor, on db: any Database) async throws -> ContractRef? {
        guard let model = try await ContractModel.find(id, on: db), actor.canRead(recordOf: model.ownerUnitID) else { return nil }
        return ContractRef(id: id, title: model.title, ownerUnitID: model.ownerUnitID)
    }

    static func latestReview(_ id: UUID, on db: any Database) async throws -> ReviewModel? {
        try await ReviewModel.query(on: db).filter(\.$subjectType == ReviewSubjectType.contract.rawValue).filter(\.$subjectID == id)
            .sort(\.$createdAt, .descending).sort(\.$id, .descending).first()
    }

    /// The contract page, if the user may read the contract.
    static func page(_ id: UUID, user: CurrentUser, today: LocalDate, calendar: LegalCalendar, on db: any Database) async throws -> ContractPage? {
        guard let model = try await ContractModel.query(on: db).filter(\.$id == id).with(\.$submittingUnit).first(),
              user.actor.canRead(recordOf: model.ownerUnitID) else { return nil }
        let rules = try await rules(on: db)
        let reviews = try await ReviewModel.query(on: db).filter(\.$subjectType == ReviewSubjectType.contract.rawValue).filter(\.$subjectID == id)
            .sort(\.$createdAt).all()
        let changes = try await ContractChangeModel.query(on: db).filter(\.$contract.$id == id).sort(\.$date).sort(\.$createdAt).all()
        let amendmentReviews = changes.isEmpty ? [] : try await ReviewModel.query(on: db)
            .filter(\.$subjectType == ReviewSubjectType.contractAmendment.rawValue).filter(\.$subjectID ~~ changes.compactMap(\.id)).all()
        let reviewOfChange = Dictionary(amendmentReviews.map { ($0.subjectID, ReviewSummary($0)) }, uniquingKeysWith: { $1 })
        let project = try await model.projectID.asyncMap { try await KeyProjectModel.find($0, on: db) } ?? nil
        let parties = try await ContractCounterpartyModel.query(on: db).filter(\.$contract.$id == id).sort(\.$position).all()
        return ContractPage(
            id: id, title: model.title, ownerUnitID: model.ownerUnitID, unitName: model.submittingUnit.name, state: model.state,
            contractType: model.contractType, amount: amount(model), termStart: model.termStart.flatMap(LocalDate.init(iso:)),
            termEnd: model.termEnd.flatMap(LocalDate.init(iso:)), projectName: project?.name, submittedOn: LocalDate(iso: model.submittedOn),
            reviewRequestedOn: model.reviewRequestedOn, signedOn: model.signedOn.flatMap(LocalDate.init(iso:)),
            filedOn: model.filedOn.flatMap(LocalDate.init(iso:)), filingRequired: model.filingRequired, drafterID: model.drafterID,
            parties: parties.map { ContractPartyRow(id: $0.id!, displayName: $0.displayName, isNaturalPerson: $0.isNaturalPerson, creditCode: $0.creditCode) },
            reviews: reviews.map(ReviewSummary.init),
            changes: changes.map { change in
                ContractChangeRow(id: change.id!, kind: change.kind, date: change.date, summary: change.summary, submittedBy: change.submittedBy,
                                  createdAt: change.createdAt, review: reviewOfChange[change.id!])
            },
            attachments: try await Attachments.list("contract", id, on: db).map(AttachmentSummary.init),
            deadline: deadline(model, rules: rules, today: today, calendar: calendar),
            advisers: try await AdviserQuery.engagementCard(.contract, id: id, user: user, today: today, on: db))
    }

    /// The workflow steps a user may take on a contract in `state` (the page offers only these).
    static func moves(state: String, ownerUnitID: UUID, user: CurrentUser) -> [ContractWorkflow.Transition] {
        guard user.actor.canWrite(recordOf: ownerUnitID) else { return [] }
        return ContractWorkflow.definition().transitions.filter { $0.from.rawValue == state && !$0.roles.isDisjoint(with: user.roles) }
    }

    /// A natural-person counterparty of a contract the actor may read, with the full name opened.
    static func partyReveal(_ contractID: UUID, party partyID: UUID, actor: Actor, box: SecretBox, on db: any Database) async throws -> ContractPartyReveal? {
        guard let contract = try await ref(contractID, actor: actor, on: db),
              let party = try await ContractCounterpartyModel.query(on: db).filter(\.$id == partyID).filter(\.$contract.$id == contractID).first() else {
            return nil
        }
        let fullName = try party.nameSealed.map { try box.open($0) } ?? party.name
        return ContractPartyReveal(contract: contract, fullName: fullName, residentIDSealed: party.residentIDSealed)
    }
}
