@testable import App
import FazhiCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// docs/SECURITY.md item 3: TOTP (RFC 6238), required for administrators, optional or required for everyone by a setting.
@Suite("Second factor")
struct SecondFactorTests {
    @Test("An admin must enrol before anything else; later logins need a fresh code; codes cannot be replayed")
    func adminEnrolment() async throws {
        try await withTestApp { t in
            let browser = t.browser()
            try await browser.get(SiteURL.login.path)
            let login = try await browser.post(SiteURL.login.path, [("username", "admin"), ("password", t.password("admin"))])
            #expect(login.location == SiteURL.accountTOTP.path)
            // Nothing else is reachable before enrolment.
            let blocked = try await browser.get(SiteURL.admin.path)
            #expect(blocked.status == .seeOther)
            #expect(blocked.location == SiteURL.accountTOTP.path)
            let page = try await browser.get(SiteURL.accountTOTP.path)
            #expect(page.text.contains("<svg"))
            #expect(page.text.contains("role=\"img\""))
            let secret = try #require(Browser.secretText(in: page.text))
            let sealed = try #require(Browser.hiddenValue("secret", in: page.text))
            let wrong = try await browser.post(SiteURL.accountTOTP.path, [("secret", sealed), ("code", "000000")])
            #expect(wrong.status == .unprocessableEntity)
            let pendingCookie = browser.cookies["fazhi_session"]
            let totp = TOTP(secret: Base32.decode(secret)!)
            let done = try await browser.post(SiteURL.accountTOTP.path, [("secret", sealed), ("code", totp.code(at: t.clock.now))])
            #expect(done.status == .seeOther)
            #expect(browser.cookies["fazhi_session"] != pendingCookie, "enrolment completes the login with a new session id")
            #expect(try await browser.get(SiteURL.admin.path).status == .ok)

            // A second login: password, then a code; the code used once cannot be used again.
            let second = t.browser()
            try await second.get(SiteURL.login.path)
            let step = try await second.post(SiteURL.login.path, [("username", "admin"), ("password", t.password("admin"))])
            #expect(step.location.hasPrefix(SiteURL.loginTOTP.path))
            #expect(try await second.get(SiteURL.admin.path).location.hasPrefix(SiteURL.loginTOTP.path))
            try await second.get(SiteURL.loginTOTP.path)
            let replay = try await second.post(SiteURL.loginTOTP.path, [("code", totp.code(at: t.clock.now))])
            #expect(replay.status == .unauthorized)
            t.clock.advance(30)
            let fresh = try await second.post(SiteURL.loginTOTP.path, [("code", totp.code(at: t.clock.now))])
            #expect(fresh.status == .seeOther)
            #expect(try await second.get(SiteURL.admin.path).status == .ok)
            #expect(try await AuditEntryModel.query(on: t.db).filter(\.$action == "auth.totp.enrolled").count() == 1)
        }
    }

    @Test("Wrong TOTP codes count towards the lock")
    func wrongCodesLock() async throws {
        try await withTestApp { t in
            _ = try await t.signedIn("admin")  // enrols
            let browser = t.browser()
            try await browser.get(SiteURL.login.path)
            try await browser.post(SiteURL.login.path, [("username", "admin"), ("password", t.password("admin"))])
            try await browser.get(SiteURL.loginTOTP.path)
            for _ in 0..<5 {
                #expect(try await browser.post(SiteURL.loginTOTP.path, [("code", "123456")]).status == .unauthorized)
            }
            let user = try #require(try await UserModel.query(on: t.db).filter(\.$username == "admin").first())
            #expect(user.lockedUntil != nil)
        }
    }

    @Test("A setting requires the second factor for everyone")
    func requiredForEveryone() async throws {
        try await withTestApp { t in
            let admin = try await t.signedIn("admin")
            try await admin.get(SiteURL.adminSettings.path)
            #expect(try await admin.post(SiteURL.adminSettings.path, [("requireTOTPForAll", "on")]).status == .seeOther)
            let staff = t.browser()
            try await staff.get(SiteURL.login.path)
            let login = try await staff.post(SiteURL.login.path, [("username", "staff"), ("password", t.password("staff"))])
            #expect(login.location == SiteURL.accountTOTP.path)
            #expect(try await AuditEntryModel.query(on: t.db).filter(\.$action == "settings.changed").count() == 1)
        }
    }

    @Test("Other roles may enrol voluntarily from their account page")
    func voluntary() async throws {
        try await withTestApp { t in
            let legal = try await t.signedIn("legal")
            let page = try await legal.get(SiteURL.accountTOTP.path)
            let secret = try #require(Browser.secretText(in: page.text))
            let code = TOTP(secret: Base32.decode(secret)!).code(at: t.clock.now)
            let done = try await legal.post(SiteURL.accountTOTP.path, [("secret", Browser.hiddenValue("secret", in: page.text)!), ("code", code)])
            #expect(done.location.hasPrefix(SiteURL.account.path))
            let user = try #require(try await UserModel.query(on: t.db).filter(\.$username == "legal").first())
            #expect(user.totpSecret != nil)
            #expect(user.totpSecret?.contains(secret) == false, "the secret is stored encrypted")
        }
    }
}
