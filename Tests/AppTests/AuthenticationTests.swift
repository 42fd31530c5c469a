@testable import App
import FazhiCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// docs/SECURITY.md items 1, 2, 4, 5 and 6 through the real pages.
@Suite("Sign-in and sessions")
struct AuthenticationTests {
    @Test("Login sets an HttpOnly, SameSite=Lax, Secure cookie and issues a new session id")
    func cookieFlagsAndRotation() async throws {
        try await withTestApp { t in
            let browser = t.browser()
            try await browser.login("legal", t.password("legal"), clock: t.clock)
            let first = try #require(browser.cookies["fazhi_session"])
            let response = try await browser.get(SiteURL.home.path)
            #expect(response.status == .ok)
            #expect(response.text.contains("张建华"))
            #expect(response.text.contains("凤凰县司法局"))

            // The raw Set-Cookie header carries the flags.
            let again = t.browser()
            try await again.get(SiteURL.login.path)
            let login = try await again.post(SiteURL.login.path, [("username", "legal"), ("password", t.password("legal"))])
            let header = try #require(login.headers[.setCookie].first { $0.hasPrefix("fazhi_session=") })
            #expect(header.contains("HttpOnly"))
            #expect(header.contains("SameSite=Lax"))
            #expect(header.contains("Secure"))
            #expect(header.contains("Path=/"))

            // Logging in again from the first browser rotates its id and ends the old session.
            try await browser.login("legal", t.password("legal"), clock: t.clock)
            let second = try #require(browser.cookies["fazhi_session"])
            #expect(first != second)
            let stale = t.browser()
            stale.setCookie("fazhi_session", first)
            let staleHome = try await stale.get(SiteURL.account.path)
            #expect(staleHome.status == .seeOther)
            #expect(staleHome.location.hasPrefix(SiteURL.login.path))
        }
    }

    @Test("The __Host- prefix is used when served over HTTPS")
    func hostPrefixOverHTTPS() async throws {
        try await withTestApp(settings: { $0.publicURL = "https://fazhi.example.gov.cn" }) { t in
            let browser = t.browser()
            let page = try await browser.get(SiteURL.login.path)
            #expect(page.headers[.setCookie].contains { $0.hasPrefix("__Host-fazhi_csrf=") && $0.contains("Secure") })
            #expect(page.headers.first(name: "Strict-Transport-Security") != nil)
            let login = try await browser.post(SiteURL.login.path, [("username", "legal"), ("password", t.password("legal"))])
            #expect(login.headers[.setCookie].contains { $0.hasPrefix("__Host-fazhi_session=") && $0.contains("Path=/") && !$0.contains("Domain") })
        }
    }

    @Test("A form without a valid CSRF token gets 403 and changes nothing")
    func csrfRequired() async throws {
        try await withTestApp { t in
            let browser = t.browser()
            try await browser.get(SiteURL.login.path)
            let missing = try await browser.post(SiteURL.login.path, [("username", "legal"), ("password", t.password("legal"))], csrf: false)
            #expect(missing.status == .forbidden)
            let wrong = try await browser.post(SiteURL.login.path, [("username", "legal"), ("password", t.password("legal")), ("_csrf", "forged")])
            #expect(wrong.status == .forbidden)
            #expect(browser.cookies["fazhi_session"] == nil)

            let legal = try await t.signedIn("legal")
            let before = try await UserModel.query(on: t.db).filter(\.$username == "legal").first()!.passwordHash
            let change = try await legal.post(SiteURL.accountPassword.path, [
                ("current", t.password("legal")), ("new", "一段足够长的新密码短语用于测试"), ("confirm", "一段足够长的新密码短语用于测试"),
                ("_csrf", "not-the-session-token"),
            ])
            #expect(change.status == .forbidden)
            #expect(change.text.contains("CSRF"))
            let after = try await UserModel.query(on: t.db).filter(\.$username == "legal").first()!.passwordHash
            #expect(before == after)
        }
    }

    @Test("Five failed logins lock the account for 15 minutes; the lock and failures are audited")
    func lockout() async throws {
        try await withTestApp { t in
            let browser = t.browser()
            try await browser.get(SiteURL.login.path)
            for attempt in 1...5 {
                let response = try await browser.post(SiteURL.login.path, [("username", "legal"), ("password", "wrong password \(attempt)")])
                #expect(response.status == .unauthorized)
            }
            let locked = try await browser.post(SiteURL.login.path, [("username", "legal"), ("password", t.password("legal"))])
            #expect(locked.status == .unauthorized)
            #expect(locked.text.contains("已锁定"))
            #expect(browser.cookies["fazhi_session"] == nil)

            let actions = try await AuditEntryModel.query(on: t.db).all().map(\.action)
            #expect(actions.filter { $0 == "auth.login.failure" }.count == 5)
            #expect(actions.contains("auth.account.locked"))
            #expect(actions.contains("auth.login.locked"))

            t.clock.advance(14 * 60)
            let stillLocked = try await browser.post(SiteURL.login.path, [("username", "legal"), ("password", t.password("legal"))])
            #expect(stillLocked.status == .unauthorized)
            t.clock.advance(61)
            let open = try await browser.post(SiteURL.login.path, [("username", "legal"), ("password", t.password("legal"))])
            #expect(open.status == .seeOther)
        }
    }

    @Test("A source address that keeps failing is throttled whatever account it tries")
    func addressThrottle() async throws {
        try await withTestApp { t in
            let browser = t.browser()
            try await browser.get(SiteURL.login.path)
            for attempt in 0..<20 {
                let response = try await browser.post(SiteURL.login.path, [("username", "nobody\(attempt)"), ("password", "x")])
                #expect(response.status == .unauthorized)
            }
            let throttled = try await browser.post(SiteURL.login.path, [("username", "leader"), ("password", t.password("leader"))])
            #expect(throttled.status == .tooManyRequests)
            let audit = try await AuditEntryModel.query(on: t.db).filter(\.$action == "auth.login.throttled").count()
            #expect(audit == 1)
            t.clock.advance(15 * 60 + 1)
            let allowed = try await browser.post(SiteURL.login.path, [("username", "leader"), ("password", t.password("leader"))])
            #expect(allowed.status == .seeOther)
        }
    }

    @Test("Unknown user and wrong password answer alike")
    func uniformFailure() async throws {
        try await withTestApp { t in
            let browser = t.browser()
            try await browser.get(SiteURL.login.path)
            let unknown = try await browser.post(SiteURL.login.path, [("username", "ghost"), ("password", "whatever password")])
            let wrong = try await browser.post(SiteURL.login.path, [("username", "legal"), ("password", "whatever password")])
            #expect(unknown.status == wrong.status)
            #expect(unknown.text.contains(LoginController.genericFailure))
            #expect(wrong.text.contains(LoginController.genericFailure))
        }
    }

    @Test("Idle sessions end after 30 minutes, any session after 12 hours, on the server")
    func timeouts() async throws {
        try await withTestApp { t in
            let browser = try await t.signedIn("legal")
            t.clock.advance(29 * 60)
            #expect(try await browser.get(SiteURL.account.path).status == .ok)
            t.clock.advance(29 * 60)
            #expect(try await browser.get(SiteURL.account.path).status == .ok)
            t.clock.advance(30 * 60 + 1)
            let idle = try await browser.get(SiteURL.account.path)
            #expect(idle.status == .seeOther)
            #expect(idle.location.hasPrefix(SiteURL.login.path))
            #expect(try await AuditEntryModel.query(on: t.db).filter(\.$action == "auth.session.expired").count() == 1)

            let busy = try await t.signedIn("leader")
            for _ in 0..<(12 * 3) {
                t.clock.advance(20 * 60)
                let page = try await busy.get(SiteURL.account.path)
                if page.status != .ok {
                    break
                }
            }
            let absolute = try await busy.get(SiteURL.account.path)
            #expect(absolute.status == .seeOther)
            let session = try await SessionModel.query(on: t.db).filter(\.$endReason == "absolute").count()
            #expect(session == 1)
        }
    }

    @Test("Logout ends the session on the server: the old cookie no longer works")
    func logout() async throws {
        try await withTestApp { t in
            let browser = try await t.signedIn("staff")
            let cookie = try #require(browser.cookies["fazhi_session"])
            try await browser.get(SiteURL.home.path)
            let out = try await browser.post(SiteURL.logout.path)
            #expect(out.status == .seeOther)
            let replay = t.browser()
            replay.setCookie("fazhi_session", cookie)
            #expect(try await replay.get(SiteURL.account.path).status == .seeOther)
            #expect(try await AuditEntryModel.query(on: t.db).filter(\.$action == "auth.logout").count() == 1)
        }
    }

    @Test("Changing the password ends the user's other sessions; a long Chinese passphrase counts whole")
    func passwordChange() async throws {
        try await withTestApp { t in
            let phone = try await t.signedIn("staff")
            let desk = try await t.signedIn("staff")
            // 40 Chinese characters = 120 bytes: beyond bcrypt's 72.
            let passphrase = "凤凰古城沱江边的吊脚楼倒映在清澈的江水中游客们乘着小船缓缓驶过虹桥一路欣赏两岸风光"
            try await desk.get(SiteURL.accountPassword.path)
            let weak = try await desk.post(SiteURL.accountPassword.path, [("current", t.password("staff")), ("new", "password1234"), ("confirm", "password1234")])
            #expect(weak.status == .unprocessableEntity)
            #expect(weak.text.contains("常见密码"))
            let short = try await desk.post(SiteURL.accountPassword.path, [("current", t.password("staff")), ("new", "短密码"), ("confirm", "短密码")])
            #expect(short.text.contains("至少需要 12 个字符"))
            let ok = try await desk.post(SiteURL.accountPassword.path, [("current", t.password("staff")), ("new", passphrase), ("confirm", passphrase)])
            #expect(ok.status == .seeOther)
            #expect(try await desk.get(SiteURL.account.path).status == .ok)
            #expect(try await phone.get(SiteURL.account.path).status == .seeOther)

            // The same first 72 bytes with a different ending must not log in.
            let differentEnding = String(passphrase.dropLast()) + "景"
            let intruder = t.browser()
            try await intruder.get(SiteURL.login.path)
            #expect(try await intruder.post(SiteURL.login.path, [("username", "staff"), ("password", differentEnding)]).status == .unauthorized)
            let owner = t.browser()
            try await owner.login("staff", passphrase, clock: t.clock)
            #expect(try await owner.get(SiteURL.account.path).status == .ok)
        }
    }

    @Test("Disabling a user ends that user's sessions")
    func disableEndsSessions() async throws {
        try await withTestApp { t in
            let staff = try await t.signedIn("staff")
            #expect(try await staff.get(SiteURL.account.path).status == .ok)
            let admin = try await t.signedIn("admin")
            let user = try #require(try await UserModel.query(on: t.db).filter(\.$username == "staff").first())
            try await admin.get(SiteURL.adminUserEdit(.value(user.id!)).path)
            let disable = try await admin.post(SiteURL.adminUserAction(.value(user.id!), .disable).path)
            #expect(disable.status == .seeOther)
            #expect(try await staff.get(SiteURL.account.path).status == .seeOther)
            let again = t.browser()
            try await again.get(SiteURL.login.path)
            #expect(try await again.post(SiteURL.login.path, [("username", "staff"), ("password", t.password("staff"))]).status == .unauthorized)
        }
    }

    @Test("Two app instances on one database accept the same session cookie")
    func sessionsShared() async throws {
        try await withTestApp { t in
            let browser = try await t.signedIn("leader")
            let cookie = try #require(browser.cookies["fazhi_session"])
            var settings = t.app.fazhi.settings
            settings.databaseSchema = t.schema
            let other = try await FazhiApp.make(.testing, dependencies: AppDependencies(settings: settings, clock: t.clock.appClock))
            let second = Browser(app: other)
            second.setCookie("fazhi_session", cookie)
            let page = try await second.get(SiteURL.account.path)
            #expect(page.status == .ok)
            #expect(page.text.contains("吴涛"))
            try await other.asyncShutdown()
        }
    }
}
