@testable import App
import FazhiCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// admin pages for regions, units and users, with validation; part 11: API tokens.
@Suite("Administration")
struct AdministrationTests {
    @Test("Regions, units and users export to CSV and XLSX with the list's filters, without secrets; admins only; audited")
    func exports() async throws {
        try await withTestApp { t in
            let admin = try await t.signedIn("admin")
            let users = try await admin.get(SiteURL.adminUsersExport(.csv).path)
            #expect(users.status == .ok)
            let table = try CSVReader.table(Array(users.body.readableBytesView))
            #expect(table.header == ["用户名", "姓名", "单位", "角色", "两步验证", "状态"])
            #expect(table.rows.count == (try await UserModel.query(on: t.db).count()))
            #expect(!users.text.contains("$2") && !users.text.contains("password"))
            let legalOnly = try CSVReader.table(Array(try await admin.get(SiteURL.adminUsersExport(.csv).path(query: [("role", "legal_office")])).body.readableBytesView))
            #expect(legalOnly.rows.count >= 1 && legalOnly.rows.allSatisfy { $0[3].contains("法制机构") })
            let units = try CSVReader.table(Array(try await admin.get(SiteURL.adminUnitsExport(.csv).path(query: [("q", "司法局")])).body.readableBytesView))
            #expect(units.rows.map { $0[0] } == ["凤凰县司法局"])
            let regions = try await admin.get(SiteURL.adminRegionsExport(.xlsx).path(query: [("level", "township")]))
            #expect(regions.status == .ok && regions.headers.first(name: .contentType)?.contains("spreadsheetml") == true)
            #expect(try await AuditEntryModel.query(on: t.db).filter(\.$action ~~ ["admin.users.exported", "admin.units.exported", "admin.regions.exported"]).count() == 4)
            let legal = try await t.signedIn("legal")
            #expect(try await legal.get(SiteURL.adminUsersExport(.csv).path).status == .forbidden)
        }
    }

    @Test("Units: a bad credit code is refused with the rule's message; a good one is saved and audited")
    func units() async throws {
        try await withTestApp { t in
            let admin = try await t.signedIn("admin")
            let county = try #require(try await RegionModel.query(on: t.db).filter(\.$level == "county").first())
            try await admin.get(SiteURL.adminUnitNew.path)
            let bad = try await admin.post(SiteURL.adminUnitNew.path, [
                ("name", "凤凰县档案馆"), ("kind", "department"), ("region", county.id!.uuidString), ("creditCode", "11433123MB1234567X"),
            ])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("统一社会信用代码"))
            #expect(bad.text.contains("凤凰县档案馆"), "the form keeps what was typed")
            let code = UnifiedSocialCreditCode.make(authority: "1", type: "2", division: "433123", organizationCode: "MB1234567").value
            let good = try await admin.post(SiteURL.adminUnitNew.path, [
                ("name", "凤凰县档案馆"), ("kind", "department"), ("region", county.id!.uuidString), ("creditCode", code.lowercased()),
            ])
            #expect(good.status == .seeOther)
            let saved = try #require(try await UnitModel.query(on: t.db).filter(\.$name == "凤凰县档案馆").first())
            #expect(saved.creditCode == code)
            #expect(try await AuditEntryModel.query(on: t.db).filter(\.$action == "org.unit.created").count() == 1)
            let duplicate = try await admin.post(SiteURL.adminUnitNew.path, [
                ("name", "凤凰县档案馆"), ("kind", "department"), ("region", county.id!.uuidString),
            ])
            #expect(duplicate.text.contains("已有同名单位"))
            let list = try await admin.get(SiteURL.adminUnits.path(query: [("q", "档案")]))
            #expect(list.text.contains("凤凰县档案馆"))
            #expect(!list.text.contains("凤凰县财政局"))
        }
    }

    @Test("Regions: codes are checked against their level and parent")
    func regions() async throws {
        try await withTestApp { t in
            let admin = try await t.signedIn("admin")
            let township = try #require(try await RegionModel.query(on: t.db).filter(\.$name == "沱江镇").first())
            try await admin.get(SiteURL.adminRegionNew.path)
            let wrongPrefix = try await admin.post(SiteURL.adminRegionNew.path, [
                ("level", "village"), ("code", "433124100299"), ("name", "测试村"), ("parent", township.id!.uuidString),
            ])
            #expect(wrongPrefix.status == .unprocessableEntity)
            #expect(wrongPrefix.text.contains("上级区划代码"))
            let communityCode = try await admin.post(SiteURL.adminRegionNew.path, [
                ("level", "village"), ("code", township.code.prefix(9) + "099"), ("name", "测试村"), ("parent", township.id!.uuidString),
            ])
            #expect(communityCode.text.contains("200–399"))
            let ok = try await admin.post(SiteURL.adminRegionNew.path, [
                ("level", "village"), ("code", township.code.prefix(9) + "398"), ("name", "测试村"), ("parent", township.id!.uuidString),
            ])
            #expect(ok.status == .seeOther)
            let filtered = try await admin.get(SiteURL.adminRegions.path(query: [("parent", township.id!.uuidString), ("level", "village")]))
            #expect(filtered.text.contains("测试村"))
            let page2 = try await admin.get(SiteURL.adminRegions.path(query: [("page", "2")]))
            #expect(page2.text.contains("第 2 页"))
        }
    }

    @Test("Users: created with a one-time password that must be changed at first login; roles are validated")
    func users() async throws {
        try await withTestApp { t in
            let admin = try await t.signedIn("admin")
            let unit = try #require(try await UnitModel.query(on: t.db).filter(\.$name == "凤凰县财政局").first())
            try await admin.get(SiteURL.adminUserNew.path)
            let legalRoleElsewhere = try await admin.post(SiteURL.adminUserNew.path, [
                ("username", "caizheng"), ("displayName", "王芳"), ("unit", unit.id!.uuidString), ("roles", "legal_office"),
            ])
            #expect(legalRoleElsewhere.status == .unprocessableEntity)
            #expect(legalRoleElsewhere.text.contains("法制机构"))
            let badMobile = try await admin.post(SiteURL.adminUserNew.path, [
                ("username", "caizheng"), ("displayName", "王芳"), ("unit", unit.id!.uuidString), ("roles", "unit_staff"), ("mobile", "12345"),
            ])
            #expect(badMobile.status == .unprocessableEntity)
            let created = try await admin.post(SiteURL.adminUserNew.path, [
                ("username", "caizheng"), ("displayName", "王芳"), ("unit", unit.id!.uuidString), ("roles", "unit_staff"), ("mobile", "138 0743 1234"),
            ])
            #expect(created.status == .ok)
            let password = try #require(Browser.secretText(in: created.text)?.replacingOccurrences(of: " ", with: ""))
            let user = try #require(try await UserModel.query(on: t.db).filter(\.$username == "caizheng").first())
            #expect(user.mobileSealed?.contains("13807431234") == false, "mobile numbers are encrypted at rest")
            let list = try await admin.get(SiteURL.adminUsers.path(query: [("q", "王芳")]))
            #expect(list.text.contains("caizheng"))
            let edit = try await admin.get(SiteURL.adminUserEdit(.value(user.id!)).path)
            #expect(edit.text.contains("138****1234"))
            #expect(!edit.text.contains("13807431234"))
            let reveal = try await admin.post(SiteURL.adminUserRevealMobile(.value(user.id!)).path)
            #expect(reveal.text.contains("13807431234"))
            #expect(try await AuditEntryModel.query(on: t.db).filter(\.$action == "personal.view").count() == 1)

            let newcomer = t.browser()
            try await newcomer.login("caizheng", password, clock: t.clock)
            let home = try await newcomer.get(SiteURL.home.path)
            #expect(home.location == SiteURL.accountPassword.path)
            let elsewhere = try await newcomer.get(SiteURL.calendar.path)
            #expect(elsewhere.location == SiteURL.accountPassword.path)
        }
    }

    @Test("The last administrator cannot be disabled or demoted")
    func lastAdmin() async throws {
        try await withTestApp { t in
            let admin = try await t.signedIn("admin")
            let me = try #require(try await UserModel.query(on: t.db).filter(\.$username == "admin").first())
            try await admin.get(SiteURL.adminUserEdit(.value(me.id!)).path)
            let disable = try await admin.post(SiteURL.adminUserAction(.value(me.id!), .disable).path)
            #expect(disable.status == .conflict)
            let demote = try await admin.post(SiteURL.adminUserEdit(.value(me.id!)).path, [
                ("displayName", "系统管理员"), ("unit", me.$unit.id.uuidString), ("roles", "leader"),
            ])
            #expect(demote.status == .unprocessableEntity)
            #expect(demote.text.contains("唯一可用的系统管理员"))
        }
    }

    @Test("Admin resets a password and unlocks an account; both are audited")
    func resetAndUnlock() async throws {
        try await withTestApp { t in
            let victim = t.browser()
            try await victim.get(SiteURL.login.path)
            for _ in 0..<5 { try await victim.post(SiteURL.login.path, [("username", "leader"), ("password", "not the password")]) }
            let admin = try await t.signedIn("admin")
            let leader = try #require(try await UserModel.query(on: t.db).filter(\.$username == "leader").first())
            let edit = try await admin.get(SiteURL.adminUserEdit(.value(leader.id!)).path)
            #expect(edit.text.contains("锁定中"))
            #expect(try await admin.post(SiteURL.adminUserAction(.value(leader.id!), .unlock).path).status == .seeOther)
            try await victim.get(SiteURL.login.path)
            #expect(try await victim.post(SiteURL.login.path, [("username", "leader"), ("password", t.password("leader"))]).status == .seeOther)
            let reset = try await admin.post(SiteURL.adminUserAction(.value(leader.id!), .resetPassword).path)
            let newPassword = try #require(Browser.secretText(in: reset.text))
            #expect(try await victim.get(SiteURL.account.path).status == .seeOther, "the reset ended the session")
            let again = t.browser()
            try await again.login("leader", newPassword, clock: t.clock)
            let actions = Set(try await AuditEntryModel.query(on: t.db).all().map(\.action))
            #expect(actions.isSuperset(of: ["account.user.unlocked", "account.password.reset"]))
        }
    }
}
