@testable import App
import FazhiCore
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

// MARK: A test case type: an application with a 5-working-day review, as the modules will have.

enum TestCaseState: String, WorkflowState {
    case draft, submitted, approved, rejected
    var label: String {
        switch self {
        case .draft: "起草"
        case .submitted: "已提交"
        case .approved: "已同意"
        case .rejected: "不同意"
        }
    }
}

enum TestCaseEvent: String, WorkflowEvent {
    case submit, approve, reject
    var label: String {
        switch self {
        case .submit: "提交"
        case .approve: "同意"
        case .reject: "不同意"
        }
    }
}

struct TestCaseContext: Sendable {
    let hasAttachment: Bool
    let reviewerIsDrafter: Bool
}

let testCaseWorkflow = WorkflowDefinition<TestCaseState, TestCaseEvent, TestCaseContext>(
    caseType: "testcase", initial: .draft,
    transitions: [
        .init(.draft, .submit, by: [.unitStaff, .legalOffice], to: .submitted,
              guards: [.init("须先上传附件。") { $0.hasAttachment }]),
        .init(.submitted, .approve, by: [.legalOffice], to: .approved,
              guards: [.init("审查人不能是起草人。") { !$0.reviewerIsDrafter }]),
        .init(.submitted, .reject, by: [.legalOffice], to: .rejected),
    ])

final class TestCaseModel: Model, WorkflowRecord, @unchecked Sendable {
    static let schema = "test_cases"
    static let stateKey: FieldKey = "state"

    @ID(key: .id) var id: UUID?
    @Field(key: "state") var state: String
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "drafter") var drafter: String
    @Field(key: "has_attachment") var hasAttachment: Bool
    @Field(key: "received_on") var receivedOn: String

    var stateRaw: String { state }
    var ownerUnitID: UUID { unitID }

    init() {}
}

struct CreateTestCases: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("test_cases").id()
            .field("state", .string, .required).field("unit_id", .uuid, .required).field("drafter", .string, .required)
            .field("has_attachment", .bool, .required).field("received_on", .string, .required).create()
    }
    func revert(on database: any Database) async throws { try await database.schema("test_cases").delete() }
}

/// Open test cases as a DeadlineSource: review within 5 working days of receipt.
struct TestCaseDeadlines: DeadlineSource {
    func openMatters(for actor: Actor, today: LocalDate, on db: any Database) async throws -> [OpenMatter] {
        try await TestCaseModel.query(on: db).filter(\.$state == TestCaseState.submitted.rawValue).all().map { model in
            OpenMatter(module: "测试", title: "测试事项 \(model.drafter)", ownerUnitID: model.unitID, ownerUnitName: "测试单位",
                       path: "/", period: Period(start: LocalDate(iso: model.receivedOn)!, length: 5, unit: .workingDays))
        }
    }
}

@Suite("Workflow engine in the app, and the deadline panel")
struct WorkflowAndDeadlineTests {
    func actor(_ t: TestApp, _ username: String) async throws -> Actor {
        let user = try #require(try await UserModel.query(on: t.db).filter(\.$username == username).first())
        return Actor(userID: user.id, username: username, unitID: user.$unit.id, roles: user.roles)
    }

    @Test("Accepted transitions move the state and are audited; refused ones name the reason, change nothing and are audited")
    func transitions() async throws {
        try await withTestApp(extraMigrations: [CreateTestCases()]) { t in
            let staff = try await actor(t, "staff")
            let legal = try await actor(t, "legal")
            let leader = try await actor(t, "leader")
            let record = TestCaseModel()
            record.state = TestCaseState.draft.rawValue
            record.unitID = staff.unitID!
            record.drafter = "staff"
            record.hasAttachment = false
            record.receivedOn = "2025-11-24"
            try await record.create(on: t.db)
            let id = try record.requireID()
            func run(_ event: TestCaseEvent, _ who: Actor) async throws -> WorkflowRunner.Outcome<TestCaseState> {
                try await WorkflowRunner.apply(event, to: id, of: TestCaseModel.self, definition: testCaseWorkflow, actor: who,
                                               audit: AuditContext(userID: who.userID!.uuidString, username: who.username),
                                               at: t.clock.now, on: t.db,
                                               context: { record, _ in
                                                   TestCaseContext(hasAttachment: record.hasAttachment, reviewerIsDrafter: record.drafter == who.username)
                                               })
            }
            await #expect(throws: WorkflowRefusal(reason: .guardFailed, message: "须先上传附件。")) { try await run(.submit, staff) }
            record.hasAttachment = true
            try await record.update(on: t.db)
            // A leader writes nothing (record level), whatever the table says.
            await #expect(throws: Abort.self) { try await run(.submit, leader) }
            let submitted = try await run(.submit, staff)
            #expect(submitted.from == .draft && submitted.to == .submitted)
            await #expect(throws: WorkflowRefusal.self) { try await run(.approve, staff) }
            await #expect(throws: WorkflowRefusal.self) { try await run(.submit, legal) }
            let approved = try await run(.approve, legal)
            #expect(approved.to == .approved)
            #expect(try await TestCaseModel.find(id, on: t.db)?.state == "approved")
            let entries = try await AuditEntryModel.query(on: t.db).filter(\.$subjectType == "testcase").sort(\.$id).all()
            #expect(entries.map(\.outcome) == ["refused", "success", "refused", "refused", "success"])
            #expect(entries.last?.detail == "已提交 → 已同意")
            #expect(try await AuditLog.verify(on: t.db).ok)
        }
    }

    @Test("Another unit's staff reach no record: 404 before the table is consulted")
    func otherUnit() async throws {
        try await withTestApp(extraMigrations: [CreateTestCases()]) { t in
            let staff = try await actor(t, "staff")
            let finance = try #require(try await UnitModel.query(on: t.db).filter(\.$name == "凤凰县财政局").first())
            let record = TestCaseModel()
            record.state = "draft"; record.unitID = finance.id!; record.drafter = "x"; record.hasAttachment = true; record.receivedOn = "2025-11-24"
            try await record.create(on: t.db)
            await #expect(throws: Abort.self) {
                try await WorkflowRunner.apply(TestCaseEvent.submit, to: record.id!, of: TestCaseModel.self, definition: testCaseWorkflow,
                                               actor: staff, audit: AuditContext(username: "staff"), at: t.clock.now, on: t.db,
                                               context: { _, _ in TestCaseContext(hasAttachment: true, reviewerIsDrafter: false) })
            }
            #expect(try await TestCaseModel.find(record.id!, on: t.db)?.state == "draft")
        }
    }

    @Test("The home panel counts 待办 / 临期 / 超期 from due dates derived on the legal calendar")
    func panel() async throws {
        try await withTestApp(deadlineSources: [TestCaseDeadlines()], extraMigrations: [CreateTestCases()]) { t in
            let staffUnit = try #require(try await UnitModel.query(on: t.db).filter(\.$name == "凤凰县自然资源局").first())
            // Today (test clock) is 2025-11-25 (CST). Due dates: received 2025-11-03 → 11-10 (overdue);
            // 2025-11-21 → 11-28 (due soon: within 3 working days); 2025-11-24 → 12-01 (normal? 4 working days).
            t.clock.set(Date(timeIntervalSince1970: 1_764_028_800))  // 2025-11-25T00:00:00Z = 08:00 CST
            for (drafter, received) in [("甲", "2025-11-03"), ("乙", "2025-11-21"), ("丙", "2025-11-25")] {
                let record = TestCaseModel()
                record.state = "submitted"; record.unitID = staffUnit.id!; record.drafter = drafter; record.hasAttachment = true
                record.receivedOn = received
                try await record.create(on: t.db)
            }
            let staff = try await t.signedIn("staff")
            let home = try await staff.get(SiteURL.home.path)
            #expect(home.text.contains("超期（1）"))
            #expect(home.text.contains("临期（3 个工作日内届满）（1）"))
            #expect(home.text.contains("其他待办（1）"))
            #expect(home.text.contains("测试事项 甲"))
            // Another unit's staff see none of them.
            let finance = try #require(try await UnitModel.query(on: t.db).filter(\.$name == "凤凰县财政局").first())
            let financeStaff = Actor(userID: nil, username: "x", unitID: finance.id, roles: [.unitStaff])
            let calendar = try await CalendarService.calendar(on: t.db)
            let summary = try await DeadlineBoard.summary(for: financeStaff, sources: [TestCaseDeadlines()], calendar: calendar,
                                                         today: LocalDate(iso: "2025-11-25")!, on: t.db)
            let withoutSource = try await DeadlineBoard.summary(for: financeStaff, sources: [], calendar: calendar,
                                                               today: LocalDate(iso: "2025-11-25")!, on: t.db)
            #expect(summary.total == withoutSource.total, "the finance bureau's own matters only")
            #expect(!(summary.overdue + summary.dueSoon + summary.normal).contains { $0.matter.title.hasPrefix("测试事项") })
            // A live source's matters are dated on the calendar given, never guessed.
            let empty = try await DeadlineBoard.summary(for: Actor(userID: nil, username: "legal", unitID: nil, roles: [.legalOffice]),
                                                       sources: [TestCaseDeadlines()], calendar: try LegalCalendar(years: []),
                                                       today: LocalDate(iso: "2025-11-25")!, on: t.db)
            #expect(empty.uncomputable.count == 3)
        }
    }
}

@Suite("Storage")
struct StorageTests {
    @Test("SQLite runs in WAL mode with synchronous=FULL, foreign keys on and a busy timeout, on every connection")
    func pragmas() async throws {
        guard TestDatabase.postgresURL == nil else { return }
        try await withTestApp(demo: false) { t in
            for _ in 0..<8 {
                try await t.db.writeTransaction { tx in
                    let pragmas = try #require(try await DatabaseSetup.sqlitePragmas(tx))
                    #expect(pragmas.journalMode.lowercased() == "wal")
                    #expect(pragmas.synchronous == 2)
                    #expect(pragmas.foreignKeys == 1)
                    #expect(pragmas.busyTimeout >= 5000)
                }
            }
            #expect(FileManager.default.fileExists(atPath: t.app.fazhi.settings.sqlitePath))
        }
    }

    @Test("Foreign keys are enforced")
    func foreignKeys() async throws {
        try await withTestApp(demo: false) { t in
            let unit = UnitModel(name: "孤儿单位", shortName: nil, kind: .other, regionID: UUID(), creditCode: nil, isLegalOffice: false, now: t.clock.now)
            await #expect(throws: (any Error).self) { try await unit.create(on: t.db) }
        }
    }

    @Test("Migrations revert cleanly and apply again")
    func revertAndMigrate() async throws {
        try await withTestApp(demo: false) { t in
            try await t.app.autoRevert()
            try await FazhiApp.migrate(t.app)
            #expect(try await AuditHeadModel.find(1, on: t.db)?.lastSequence == 0)
        }
    }
}
