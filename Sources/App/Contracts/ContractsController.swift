import FazhiCore
import Foundation
import Vapor

/// Government contracts (政府合同审查与备案): submission, the shared legality review, signing, filing
/// with its deadline, amendments and termination; the register with search, filters, deadline status, export.
/// The handlers parse, authorize, call ContractService (changes) or ContractQuery (reads) and render.
enum ContractsController {
    // MARK: Register

    static func list(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = req.queryForm
        let filter = ContractFilter(form)
        let result = try await ContractQuery.page(filter, form: form, actor: user.actor, today: req.fazhi.clock.today,
                                                  calendar: try await req.legalCalendar(), on: req.db)
        let frame = try await req.frame("政府合同", crumbs: [Crumb("政府合同")], nav: "contracts")
        return htmlResponse(ContractPages.list(frame, user: user, rows: result.rows, page: result.page, filter: filter,
                                               units: try await ContractQuery.units(on: req.db), projects: try await ContractQuery.projects(on: req.db),
                                               sum: result.sum))
    }

    static func export(_ format: SiteURL.ExportFormat) -> @Sendable (Request) async throws -> Response {
        { req in
            let user = try req.requireUser()
            let rows = try await ContractQuery.rows(ContractFilter(req.queryForm), actor: user.actor, today: req.fazhi.clock.today,
                                                    calendar: try await req.legalCalendar(), on: req.db)
            try await ContractService(req, user: user).recordExport(count: rows.count, format: format)
            return try ContractPages.exportTable(rows).response(format, filename: "政府合同登记")
        }
    }

    // MARK: New

    static func new(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        return try await renderForm(req, user: user, values: ["unit": user.unitID.uuidString, "kind": "organisation"], errors: FieldErrors())
    }

    static func renderForm(_ req: Request, user: CurrentUser, values: [String: String], errors: FieldErrors) async throws -> Response {
        let frame = try await req.frame("提交合同审查", crumbs: [Crumb("政府合同", .contracts), Crumb("提交审查")], nav: "contracts")
        return htmlResponse(ContractPages.form(frame, values: values, errors: errors, units: try await ContractQuery.submittingUnits(for: user, on: req.db),
                                               projects: try await ContractQuery.projects(on: req.db)),
                            status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    static func create(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = req.form
        let input = ContractSubmissionInput(
            title: form["title"], type: form["type"], amount: form["amount"],
            counterparties: (0..<ContractSubmissionInput.counterpartyRows).map { index in
                ContractDraft.CounterpartyInput(name: form["counterparties.\(index).name"], kind: form["counterparties.\(index).kind"],
                                                identifier: form["counterparties.\(index).identifier"])
            },
            termStart: form["termStart"], termEnd: form["termEnd"], unit: form["unit"], project: form["project"],
            filingRequired: form["filingRequired"] == "on")
        switch try await ContractService(req, user: user).submit(input) {
        case .failure(let errors): return try await renderForm(req, user: user, values: form.flat, errors: errors)
        case .success(let id): return req.redirect(to: SiteURL.contract(.value(id)).path(query: [("done", "created")]), redirectType: .normal)
        }
    }

    // MARK: One contract

    /// The contract of the path, if the user may read it (404 otherwise) and, for a change, write it (403).
    static func load(_ req: Request, write: Bool = false) async throws -> (ContractRef, CurrentUser) {
        let user = try req.requireUser()
        guard let id = req.parameters.get("contractID", as: UUID.self),
              let contract = try await ContractQuery.ref(id, actor: user.actor, on: req.db) else { throw Abort(.notFound) }
        if write, !user.actor.canWrite(recordOf: contract.ownerUnitID) { throw Abort(.forbidden) }
        return (contract, user)
    }

    static func show(_ req: Request) async throws -> Response {
        let (contract, user) = try await load(req)
        return try await renderShow(req, contract.id, user: user, errors: FieldErrors(), open: nil)
    }

    static func renderShow(_ req: Request, _ id: UUID, user: CurrentUser, errors: FieldErrors, open: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let today = req.fazhi.clock.today
        guard let page = try await ContractQuery.page(id, user: user, today: today, calendar: try await req.legalCalendar(), on: req.db) else {
            throw Abort(.notFound)
        }
        let frame = try await req.frame(page.title, crumbs: [Crumb("政府合同", .contracts), Crumb(page.title)], nav: "contracts")
        return htmlResponse(ContractPages.show(frame, .init(
            page: page, user: user, moves: ContractQuery.moves(state: page.state, ownerUnitID: page.ownerUnitID, user: user),
            canWrite: user.actor.canWrite(recordOf: page.ownerUnitID), today: today, errors: errors, open: open)), status: status)
    }

    /// A Service outcome as a response: saved → back to the contract page (已保存), otherwise the page again
    /// with the errors (422) or the refusal (409).
    static func respond(_ req: Request, _ outcome: ContractService.Outcome, contract id: UUID, user: CurrentUser) async throws -> Response {
        switch outcome {
        case .saved(let anchor):
            return req.redirect(to: SiteURL.contract(.value(id)).path(query: [("done", "saved")]) + (anchor.map { "#" + $0 } ?? ""), redirectType: .normal)
        case .invalid(let errors, let form):
            return try await renderShow(req, id, user: user, errors: errors, open: form, status: .unprocessableEntity)
        case .refused(let message, let form):
            return try await renderShow(req, id, user: user, errors: FieldErrors("workflow", message), open: form, status: .conflict)
        }
    }

    static func step(_ event: ContractEvent) -> @Sendable (Request) async throws -> Response {
        { req in
            let (contract, user) = try await load(req, write: true)
            let form = req.form
            let input = ContractStepInput(reason: form["reason"], date: form["date"], signedOn: form["signedOn"], filedOn: form["filedOn"],
                                          summary: form["summary"], reviewRequired: form["reviewRequired"] == "on")
            return try await respond(req, try await ContractService(req, user: user).step(event, on: contract.id, input), contract: contract.id, user: user)
        }
    }

    static func reviewInput(_ form: FormBody) -> ContractReviewInput {
        ContractReviewInput(received: form["received"], decided: form["decided"], opinion: form["opinion"], reasons: form["reasons"], change: form["change"])
    }

    /// The legality review of an amendment that changes what was reviewed (ContractService.reviewAmendment).
    static func reviewAmendment(_ req: Request) async throws -> Response {
        let (contract, user) = try await load(req, write: true)
        return try await respond(req, try await ContractService(req, user: user).reviewAmendment(contract.id, reviewInput(req.form)), contract: contract.id, user: user)
    }

    static func review(_ req: Request) async throws -> Response {
        let (contract, user) = try await load(req, write: true)
        return try await respond(req, try await ContractService(req, user: user).review(contract.id, reviewInput(req.form)), contract: contract.id, user: user)
    }

    /// A natural-person counterparty's ID number, unmasked for a user allowed to; audited.
    static func revealCounterparty(_ req: Request) async throws -> Response {
        let (contract, user) = try await load(req)
        let reveal = try await ContractService(req, user: user).revealCounterparty(contract.id, party: req.form["party"].flatMap(UUID.init(uuidString:)))
        return try await reveal.response(req)
    }

    static func upload(_ req: Request) async throws -> Response {
        let (contract, user) = try await load(req, write: true)
        try await ContractService(req, user: user).attach(from: req, to: contract)
        return req.redirect(to: SiteURL.contract(.value(contract.id)).path(query: [("done", "saved")]) + "#attachments", redirectType: .normal)
    }

    static func download(_ req: Request) async throws -> Response {
        let (contract, _) = try await load(req)
        return try await Attachments.download(req, subjectType: "contract", subjectID: contract.id, publicOnly: false)
    }
}
