import Foundation
import Testing
@testable import FazhiCore

@Suite("Roles, capabilities and record access")
struct AccessTests {
    @Test(arguments: [
        (Role.admin, Capability.manageOrganisation, true), (.admin, .readAllRecords, false), (.admin, .writeAllRecords, false),
        (.legalOffice, .writeAllRecords, true), (.legalOffice, .manageOrganisation, false), (.legalOffice, .viewDashboards, true),
        (.unitStaff, .writeOwnUnitRecords, true), (.unitStaff, .readAllRecords, false), (.unitStaff, .viewAudit, false),
        (.leader, .readAllRecords, true), (.leader, .writeAllRecords, false), (.leader, .writeOwnUnitRecords, false),
    ])
    func capabilityTable(_ role: Role, _ capability: Capability, _ expected: Bool) {
        #expect(role.capabilities.contains(capability) == expected)
    }

    @Test func recordLevel() {
        let mine = UUID(), theirs = UUID()
        let staff = Actor(userID: UUID(), username: "s", unitID: mine, roles: [.unitStaff])
        #expect(staff.canRead(recordOf: mine) && staff.canWrite(recordOf: mine))
        #expect(!staff.canRead(recordOf: theirs) && !staff.canWrite(recordOf: theirs))
        #expect(!staff.canRead(recordOf: nil))
        let leader = Actor(userID: UUID(), username: "l", unitID: mine, roles: [.leader])
        #expect(leader.canRead(recordOf: theirs) && !leader.canWrite(recordOf: theirs) && !leader.canWrite(recordOf: mine))
        let legal = Actor(userID: UUID(), username: "f", unitID: mine, roles: [.legalOffice])
        #expect(legal.canWrite(recordOf: theirs))
        let admin = Actor(userID: UUID(), username: "a", unitID: mine, roles: [.admin])
        #expect(!admin.canRead(recordOf: mine) && !admin.canWrite(recordOf: mine))
        #expect(!Actor.system().canRead(recordOf: mine), "no roles, no access: deny by default")
    }

    /// The scope a query filters by says the same as `canRead` for every role.
    @Test(arguments: [Role.admin, .legalOffice, .unitStaff, .leader])
    func readScopeAgreesWithCanRead(_ role: Role) {
        let mine = UUID(), theirs = UUID()
        let actor = Actor(userID: UUID(), username: "x", unitID: mine, roles: [role])
        func scopeReads(_ owner: UUID) -> Bool {
            switch actor.readScope {
            case .all: true
            case .unit(let unit): unit == owner
            case .none: false
            }
        }
        #expect(scopeReads(mine) == actor.canRead(recordOf: mine))
        #expect(scopeReads(theirs) == actor.canRead(recordOf: theirs))
        #expect(Actor.system().readScope == .none)
    }

    @Test func roleListsRoundTrip() {
        #expect(Role.parseList("leader, admin,bogus,,") == [.leader, .admin])
        #expect(Role.encodeList([.leader, .admin]) == "admin,leader")
    }
}

@Suite("Organisation drafts")
struct OrganisationDraftTests {
    @Test(arguments: [
        ("433123", "凤凰县", "county", nil, true, "433123000000"),
        ("433123100000", "沱江镇", "township", (RegionLevel.county, "433123000000"), true, "433123100000"),
        ("433123100201", "测试村", "village", (RegionLevel.township, "433123100000"), true, "433123100201"),
        ("433123100001", "测试社区", "community", (RegionLevel.township, "433123100000"), true, "433123100001"),
        ("433123100001", "测试村", "village", (RegionLevel.township, "433123100000"), false, nil),
        ("433123101201", "测试村", "village", (RegionLevel.township, "433123100000"), false, nil),
        ("433123100000", "沱江镇", "township", nil, false, nil),
        ("433123100201", "测试村", "village", (RegionLevel.county, "433123000000"), false, nil),
        ("433123", "凤凰县", "township", (RegionLevel.county, "433123000000"), false, nil),
        ("993123", "某县", "county", nil, false, nil),
        ("433123", "", "county", nil, false, nil),
        ("433123", "凤凰县", "planet", nil, false, nil),
    ] as [(String, String, String, (RegionLevel, String)?, Bool, String?)])
    func regions(code: String, name: String, level: String, parent: (RegionLevel, String)?, valid: Bool, stored: String?) {
        let result = RegionDraft.validate(code: code, name: name, level: level, parent: parent.map { (level: $0.0, code: $0.1) })
        switch result {
        case .success(let draft):
            #expect(valid)
            #expect(draft.code == stored)
        case .failure(let errors):
            #expect(!valid)
            #expect(!errors.isEmpty)
        }
    }

    @Test func units() {
        let code = UnifiedSocialCreditCode.make(authority: "1", type: "1", division: "433123", organizationCode: "007123456").value
        #expect((try? UnitDraft.validate(name: "凤凰县司法局", shortName: "县司法局", kind: "department", creditCode: code.lowercased(),
                                        isLegalOffice: true).get())?.creditCode == code)
        for (name, kind, credit, field) in [("局", "department", "", "name"), ("凤凰县司法局", "ministry", "", "kind"),
                                            ("凤凰县司法局", "department", "11433123007123456X", "creditCode"),
                                            (String(repeating: "局", count: 61), "department", "", "name")] {
            guard case .failure(let errors) = UnitDraft.validate(name: name, shortName: nil, kind: kind, creditCode: credit, isLegalOffice: false) else {
                Issue.record("accepted \(name) \(kind) \(credit)")
                continue
            }
            #expect(!errors[field].isEmpty, "\(field): \(errors)")
        }
    }

    @Test func users() {
        #expect((try? UserDraft.validate(displayName: "张建华", roles: ["legal_office"], mobile: "+86 138-0743-1234", unitIsLegalOffice: true).get())?.mobile == "13807431234")
        guard case .failure(let outside) = UserDraft.validate(displayName: "王芳", roles: ["legal_office"], mobile: nil, unitIsLegalOffice: false) else {
            Issue.record("legal-office role outside the legal office"); return
        }
        #expect(!outside["roles"].isEmpty)
        guard case .failure(let none) = UserDraft.validate(displayName: "王芳", roles: [], mobile: "12345", unitIsLegalOffice: false) else {
            Issue.record("no roles accepted"); return
        }
        #expect(!none["roles"].isEmpty && !none["mobile"].isEmpty)
    }
}
