@testable import App
import FazhiCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// docs/SECURITY.md item 7: every route, tried with every role and with another unit's record ids.
@Suite("Authorization matrix")
struct AuthorizationMatrixTests {
    @Test("Every route is registered with an access rule (deny by default)")
    func everyRouteDeclaresAccess() async throws {
        try await withTestApp(demo: false) { t in
            for route in t.app.routes.all {
                #expect(route.userInfo[FazhiRoutes.accessKey] is Access, "\(route.method) \(route.path) has no access rule")
            }
        }
    }

    /// The concrete path to request for a route pattern, filling parameters with real ids.
    static func concretePath(_ route: Route, ids: [String: String]) -> String {
        "/" + route.path.map { component -> String in
            if case .parameter(let name) = component { return ids[name] ?? "x" }
            return component.description
        }.joined(separator: "/")
    }

    static func allowed(_ access: Access, roles: Set<Role>?) -> Bool {
        switch access {
        case .anyone: return true
        case .secondFactorPending, .apiToken: return false
        // A full session may manage its own second factor; metrics are for admins (or loopback).
        case .signedIn, .enrolling: return roles != nil
        case .metrics: return roles.map { Actor(userID: nil, username: "", unitID: nil, roles: $0).has(.manageOrganisation) } ?? false
        case .capability(let capability): return roles.map { Actor(userID: nil, username: "", unitID: nil, roles: $0).has(capability) } ?? false
        }
    }

    @Test("Each role reaches exactly the routes its capabilities allow; nothing else answers with data")
    func matrix() async throws {
        try await withTestApp { t in
            let otherUnit = try #require(try await UnitModel.query(on: t.db).filter(\.$name == "凤凰县公安局").first())
            let region = try #require(try await RegionModel.query(on: t.db).filter(\.$level == "township").first())
            let user = try #require(try await UserModel.query(on: t.db).filter(\.$username == "leader").first())
            let ids: [String: String] = [
                "unitID": otherUnit.id!.uuidString, "regionID": region.id!.uuidString, "userID": user.id!.uuidString,
                "tokenID": UUID().uuidString, "seq": "1", "code": region.code,
            ]
            var browsers: [(String, Set<Role>?, Browser)] = [("anonymous", nil, t.browser())]
            for (username, role) in [("admin", Role.admin), ("legal", .legalOffice), ("staff", .unitStaff), ("leader", .leader)] {
                browsers.append((username, [role], try await t.signedIn(username)))
            }
            for route in t.app.routes.all {
                let access = try #require(route.userInfo[FazhiRoutes.accessKey] as? Access)
                let path = Self.concretePath(route, ids: ids)
                for (name, roles, browser) in browsers {
                    if route.method == .GET {
                        let response = try await browser.get(path)
                        if Self.allowed(access, roles: roles) {
                            #expect(response.status.code < 500 && response.status != .forbidden && response.status != .unauthorized,
                                    "\(name) GET \(path) → \(response.status)")
                            if case .signedIn = access, path.hasPrefix("/units/") {
                                // Record level: another unit's page only for those who read all records.
                                let canRead = roles.map { Actor(userID: nil, username: "", unitID: nil, roles: $0).has(.readAllRecords) } ?? false
                                #expect(response.status == (canRead ? .ok : .notFound), "\(name) GET \(path) → \(response.status)")
                            }
                        } else {
                            #expect([.seeOther, .forbidden, .unauthorized, .notFound].contains(response.status),
                                    "\(name) GET \(path) (\(access)) answered \(response.status)")
                            #expect(!response.text.contains("凤凰县公安局"), "\(name) GET \(path) leaked data")
                        }
                    } else {
                        // A POST with a valid CSRF token but no right must not get through.
                        if !Self.allowed(access, roles: roles) {
                            let before = try await AuditEntryModel.query(on: t.db).filter(\.$outcome == "success").filter(\.$action != "auth.login.success").count()
                            let response = try await browser.post(path, [("name", "越权测试")])
                            #expect([.seeOther, .forbidden, .unauthorized, .notFound].contains(response.status),
                                    "\(name) POST \(path) (\(access)) answered \(response.status)")
                            if response.status == .seeOther {
                                #expect(response.location.hasPrefix(SiteURL.login.path) || response.location.hasPrefix(SiteURL.accountTOTP.path),
                                        "\(name) POST \(path) redirected to \(response.location)")
                            }
                            let after = try await AuditEntryModel.query(on: t.db).filter(\.$outcome == "success").filter(\.$action != "auth.login.success").count()
                            #expect(before == after, "\(name) POST \(path) changed something")
                        }
                    }
                }
            }
        }
    }

    @Test("Unit staff see their own unit's page and get 404 for any other unit")
    func recordLevel() async throws {
        try await withTestApp { t in
            let staff = try await t.signedIn("staff")
            let own = try #require(try await UnitModel.query(on: t.db).filter(\.$name == "凤凰县自然资源局").first())
            let other = try #require(try await UnitModel.query(on: t.db).filter(\.$name == "凤凰县财政局").first())
            let mine = try await staff.get(SiteURL.unit(.value(own.id!)).path)
            #expect(mine.status == .ok)
            #expect(mine.text.contains("李明"))
            let theirs = try await staff.get(SiteURL.unit(.value(other.id!)).path)
            #expect(theirs.status == .notFound)
            #expect(!theirs.text.contains("凤凰县财政局"))
            let leader = try await t.signedIn("leader")
            #expect(try await leader.get(SiteURL.unit(.value(other.id!)).path).status == .ok)
        }
    }
}
