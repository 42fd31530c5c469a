@testable import App
import FazhiCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// The Contracts module's Service and Query: what the page shows comes from ContractQuery's page
/// models, and every change goes through ContractService and the workflow tables, leaving the stored values
/// and the audit actions as they always were.
@Suite("Contracts: Service and Query")
struct ContractServiceTests {
    typealias C = ContractsTests

    /// The demo account as a signed-in user (for calling the Query directly).
    static func currentUser(_ t: TestApp, _ username: String) async throws -> CurrentUser {
        let user = try #require(try await UserModel.query(on: t.db).filter(\.$username == username).with(\.$unit).first())
        return CurrentUser(id: try user.requireID(), username: user.username, displayName: user.displayName, unitID: user.$unit.id,
                           unitName: user.unit.name, roles: user.roles, sessionID: "test", csrfToken: "test", stage: .full,
                           mustChangePassword: false, totpEnrolled: true)
    }

    @Test("The page model carries the contract, its parties, its changes with their reviews and its deadline; another unit's user gets none")
    func pageModel() async throws {
        try await withTestApp { t in
            let id = try await C.signed(t, title: "凤凰县测试专用绿化养护服务合同")
            let staff = try await PageTesting.session(t, "staff")
            let legal = try await PageTesting.session(t, "legal")
            #expect(try await C.step(staff, id, .amend, [("date", "2025-11-25"), ("summary", "调整养护范围。"), ("reviewRequired", "on")]).status == .seeOther)
            let pending = try #require(try await ContractChangeModel.query(on: t.db).filter(\.$contract.$id == id).first()?.id)
            #expect(try await C.reviewAmendment(legal, id, change: pending, opinion: "agree").status == .seeOther)

            let calendar = try await CalendarService.calendar(on: t.db)
            let today = LocalDate(iso: "2025-11-25")!
            let viewer = try await Self.currentUser(t, "legal")
            let page = try #require(try await ContractQuery.page(id, user: viewer, today: today, calendar: calendar, on: t.db))
            #expect(page.title == "凤凰县测试专用绿化养护服务合同" && page.state == ContractState.signed.rawValue)
            #expect(page.parties.map(\.displayName) == [C.company.name] && page.parties.first?.creditCode == C.creditCode)
            #expect(page.reviews.map(\.reviewOpinion) == [.agree])
            #expect(page.changes.map(\.kind) == [ContractChangeKind.amended])
            #expect(page.changes.first?.review?.reviewOpinion == .agree && page.pendingAmendment == nil)
            #expect(page.deadline?.label == "备案期限")
            #expect(ContractQuery.moves(state: page.state, ownerUnitID: page.ownerUnitID, user: viewer).map(\.event).contains(.file))

            // Record-level access: a user of another unit reads nothing of it, the register included.
            let staffUnit = try await PageTesting.staffUnit(t)
            let other = try #require(try await UnitModel.query(on: t.db).filter(\.$id != staffUnit.id!).filter(\.$isLegalOffice == false).first())
            let outsider = Actor(userID: UUID(), username: "outsider", unitID: other.id!, roles: [.unitStaff])
            #expect(try await ContractQuery.ref(id, actor: outsider, on: t.db) == nil)
            #expect(try await ContractQuery.rows(ContractFilter(FormBody()), actor: outsider, today: today, calendar: calendar, on: t.db)
                .allSatisfy { $0.id != id })
            let own = try await ContractQuery.rows(ContractFilter(FormBody(["q": ["测试专用绿化"]])), actor: viewer.actor, today: today, calendar: calendar, on: t.db)
            #expect(own.map(\.id) == [id] && own.first?.deadline?.label == "备案期限")
        }
    }

    @Test("Amendments are stored in the strings existing databases hold, audited with the actions they always had; a termination entry is not reviewable")
    func amendmentStorageAndAudit() async throws {
        try await withTestApp { t in
            let id = try await C.signed(t, title: "凤凰县公共自行车运营服务合同")
            let staff = try await PageTesting.session(t, "staff")
            let legal = try await PageTesting.session(t, "legal")
            func kinds() async throws -> [String] {
                try await ContractChangeModel.query(on: t.db).filter(\.$contract.$id == id).sort(\.$createdAt).all().map(\.kind)
            }
            // Without a review: in effect at once, through the contract's amend step.
            #expect(try await C.step(staff, id, .amend, [("date", "2025-11-25"), ("summary", "变更联系人。")]).status == .seeOther)
            #expect(try await kinds() == ["amended"])
            // With one, returned: the contract stays as signed.
            #expect(try await C.step(staff, id, .amend, [("date", "2025-11-25"), ("summary", "增加服务站点。"), ("reviewRequired", "on")]).status == .seeOther)
            #expect(try await kinds() == ["amended", "amendment.pending"])
            let pending = try #require(try await ContractChangeModel.query(on: t.db).filter(\.$kind == "amendment.pending").first()?.id)
            #expect(try await C.reviewAmendment(legal, id, change: pending, opinion: "disagree", reasons: "缺少预算。").status == .seeOther)
            #expect(try await kinds() == ["amended", "amendment.returned"])
            #expect(try await C.contract(t, id).state == "signed")
            // Terminated: its entry is no amendment and cannot be reviewed as one.
            #expect(try await C.step(staff, id, .terminate, [("date", "2025-11-25"), ("reason", "项目取消。")]).status == .seeOther)
            #expect(try await kinds() == ["amended", "amendment.returned", "terminated"])
            let terminated = try #require(try await ContractChangeModel.query(on: t.db).filter(\.$kind == "terminated").first()?.id)
            let refused = try await C.reviewAmendment(legal, id, change: terminated, opinion: "agree")
            #expect(refused.status == .conflict && refused.text.contains("该变更不存在或已经审查。"))

            let actions = try await PageTesting.audit(t, subject: id).filter { $0.outcome == "success" }.map(\.action)
            #expect(actions.suffix(4) == ["workflow.contract.amend", "contracts.amendment.submitted", "contracts.amendment.returned", "workflow.contract.terminate"])
            // Every action written has its Chinese label.
            for action in Set(actions) { #expect(AuditActions.label(action) != action, "no label for \(action)") }
        }
    }
}
