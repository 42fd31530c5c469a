@testable import App
import FazhiCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// docs/SECURITY.md items 8, 9 and 10: headers on every response, generic errors with a request id, and bad
/// input that never crashes the server, never answers 5xx and changes nothing.
@Suite("Requests: headers, errors, hostile input")
struct RequestHardeningTests {
    static let requiredHeaders = ["Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Request-Id"]

    @Test("Every response carries the security headers; pages are not cached")
    func headers() async throws {
        try await withTestApp { t in
            let browser = t.browser()
            for path in [SiteURL.home.path, SiteURL.login.path, "/no/such/page", SiteURL.stylesheet.path, SiteURL.api(.openAPI).path,
                         SiteURL.api(.units).path, SiteURL.admin.path] {
                let response = try await browser.get(path)
                for header in Self.requiredHeaders {
                    #expect(response.headers.first(name: header) != nil, "\(path) lacks \(header)")
                }
                let csp = response.headers.first(name: "Content-Security-Policy") ?? ""
                for directive in ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"] {
                    #expect(csp.contains(directive))
                }
                #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff")
            }
            #expect(try await browser.get(SiteURL.login.path).headers.first(name: .cacheControl) == "no-store")
            #expect(try await browser.get(SiteURL.stylesheet.path).headers.first(name: .cacheControl)?.contains("max-age") == true)
            // No HSTS over plain HTTP.
            #expect(try await browser.get(SiteURL.login.path).headers.first(name: "Strict-Transport-Security") == nil)
        }
    }

    @Test("Errors show a generic page with the request id and no internals")
    func genericErrors() async throws {
        try await withTestApp { t in
            let browser = t.browser()
            let missing = try await browser.get("/no/such/page")
            #expect(missing.status == .notFound)
            let id = try #require(missing.headers.first(name: "X-Request-Id"))
            #expect(missing.text.contains(id))
            #expect(missing.text.contains("页面不存在"))
            let api = try await browser.get(SiteURL.api(.units).path)
            #expect(api.status == .unauthorized)
            #expect(api.headers.contentType == .json)
            #expect(api.text.contains("\"requestId\""))
            for body in [missing.text, api.text] {
                #expect(!body.contains("Abort"))
                #expect(!body.contains(".swift"))
            }
        }
    }

    @Test("Oversized bodies get 413, wrong content types 415, invalid UTF-8 400")
    func bodies() async throws {
        try await withTestApp(settings: { $0.maxBodyBytes = 64 * 1024 }) { t in
            let browser = t.browser()
            try await browser.get(SiteURL.login.path)
            let huge = String(repeating: "a", count: 3 * 1024 * 1024)
            let big = try await browser.post(SiteURL.login.path, [("username", huge), ("password", "x")])
            #expect(big.status == .payloadTooLarge)
            let json = try await browser.send(.POST, SiteURL.login.path, headers: ["Content-Type": "application/json"],
                                              body: ByteBuffer(string: "{\"username\":\"legal\"}"))
            #expect(json.status == .unsupportedMediaType)
            let noType = try await browser.send(.POST, SiteURL.login.path, headers: [:], body: ByteBuffer(string: "username=legal"))
            #expect(noType.status == .unsupportedMediaType)
            var invalid = ByteBuffer(string: "username=")
            invalid.writeBytes([0xC3, 0x28, 0xFF])
            invalid.writeString("&password=x&_csrf=\(browser.csrf ?? "")")
            let bad = try await browser.send(.POST, SiteURL.login.path, headers: ["Content-Type": "application/x-www-form-urlencoded"], body: invalid)
            #expect(bad.status == .badRequest)
            let percent = try await browser.send(.POST, SiteURL.login.path, headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                                 body: ByteBuffer(string: "username=%FF%FE&password=%zz&_csrf=\(browser.csrf ?? "")"))
            #expect(percent.status == .badRequest)
        }
    }

    @Test("Hostile form input gets field errors, never 5xx, and is stored nowhere", arguments: [
        String(repeating: "县", count: 4000),
        "单位\u{0}名称",
        "单位\r\n名称",
        "<script>alert(1)</script>",
        "' OR 1=1; DROP TABLE units; --",
        "../../../../etc/passwd",
        "99999999999999999999999999999999",
        "\u{202E}反转文字",
    ])
    func hostileUnitNames(_ name: String) async throws {
        try await withTestApp { t in
            let admin = try await t.signedIn("admin")
            let region = try #require(try await RegionModel.query(on: t.db).filter(\.$level == "county").first())
            try await admin.get(SiteURL.adminUnitNew.path)
            let before = try await UnitModel.query(on: t.db).count()
            let response = try await admin.post(SiteURL.adminUnitNew.path, [
                ("name", name), ("kind", "department"), ("region", region.id!.uuidString), ("creditCode", name),
            ])
            #expect(response.status.code < 500)
            #expect(!response.text.contains("<script>alert(1)</script>"))
            let after = try await UnitModel.query(on: t.db).count()
            if response.status == .seeOther {
                // Only a harmless, single-line name of sane length may be accepted (the injection strings are text).
                #expect(name.count <= 60 && !name.contains("\u{0}") && !name.contains("\n"))
                #expect(after == before + 1)
            } else {
                #expect(response.status == .unprocessableEntity)
                #expect(after == before)
            }
        }
    }

    @Test("Deeply nested and numerous form keys, odd query values and path traversal are harmless")
    func oddRequests() async throws {
        try await withTestApp { t in
            let admin = try await t.signedIn("admin")
            let nested = String(repeating: "a[", count: 5000) + "x" + String(repeating: "]", count: 5000)
            try await admin.get(SiteURL.adminUnitNew.path)
            let deep = try await admin.post(SiteURL.adminUnitNew.path, [(nested, "1"), ("name", "嵌套测试单位"), ("kind", "other")])
            #expect(deep.status == .unprocessableEntity)
            let many = (0..<2500).map { ("k\($0)", "v") }
            #expect(try await admin.post(SiteURL.adminUnitNew.path, many).status == .badRequest)
            for path in ["/admin/users?page=99999999999999999999999", "/admin/users?page=-5", "/admin/regions?level=%00",
                         "/audit?from=2024-02-30&to=abc", "/admin/users/not-a-uuid", "/static/../Package.swift",
                         "/static/%2e%2e/%2e%2e/etc/passwd", "/calendar?year=99999"] {
                let response = try await admin.get(path)
                #expect(response.status.code < 500, "\(path) answered \(response.status)")
            }
        }
    }

    @Test("Text a user typed is escaped in every page it appears on")
    func escaping() async throws {
        try await withTestApp { t in
            let admin = try await t.signedIn("admin")
            let region = try #require(try await RegionModel.query(on: t.db).filter(\.$level == "county").first())
            try await admin.get(SiteURL.adminUnitNew.path)
            let name = "\"><img src=x onerror=alert(1)>局"
            let created = try await admin.post(SiteURL.adminUnitNew.path, [("name", name), ("kind", "department"), ("region", region.id!.uuidString)])
            #expect(created.status == .seeOther)
            let list = try await admin.get(SiteURL.adminUnits.path(query: [("q", "img")]))
            #expect(list.text.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;局"))
            #expect(!list.text.contains("<img src=x"))
        }
    }
}
