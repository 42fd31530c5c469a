@testable import App
import FazhiCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("Legal calendar pages and the API")
struct CalendarAndAPITests {
    @Test("The calendar page shows a year's notice, holidays and make-up days; the calculator explains a roll-over")
    func calendarPages() async throws {
        try await withTestApp { t in
            let staff = try await t.signedIn("staff")
            let page = try await staff.get(SiteURL.calendar.path(query: [("year", "2020")]))
            #expect(page.text.contains("国办发明电〔2019〕16号"))
            #expect(page.text.contains("国办发明电〔2020〕1号"))
            #expect(page.text.contains("2020年2月2日"))
            let calc = try await staff.get(SiteURL.deadlineCalculator.path(query: [("from", "2020-01-21"), ("days", "10"), ("unit", "calendar")]))
            #expect(calc.status == .ok)
            #expect(calc.text.contains("2020年2月3日"))
            #expect(calc.text.contains("顺延"))
            let working = try await staff.get(SiteURL.deadlineCalculator.path(query: [("from", "2024-09-27"), ("days", "5"), ("unit", "working")]))
            #expect(working.text.contains("2024年10月10日"))
            let uncovered = try await staff.get(SiteURL.deadlineCalculator.path(query: [("from", "2031-01-01"), ("days", "5"), ("unit", "calendar")]))
            #expect(uncovered.status == .unprocessableEntity)
            #expect(uncovered.text.contains("2031"))
            let bad = try await staff.get(SiteURL.deadlineCalculator.path(query: [("from", "2024-02-30"), ("days", "abc"), ("unit", "x")]))
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("不是有效的日期"))
        }
    }

    @Test("An admin adds a year by form; every computation sees it at once; bad lines are named")
    func addYear() async throws {
        try await withTestApp { t in
            let admin = try await t.signedIn("admin")
            try await admin.get(SiteURL.adminCalendarYearNew.path)
            let bad = try await admin.post(SiteURL.adminCalendarYearNew.path, [
                ("year", "2027"), ("notice", "国办发明电〔2026〕9号"), ("holidays", "元旦 2027-01-01\n春节 2027-02-31 2027-02-11"), ("workdays", "2027-01-06"),
            ])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("第 2 行") || bad.text.contains("第2行"))
            let good = try await admin.post(SiteURL.adminCalendarYearNew.path, [
                ("year", "2027"), ("notice", "国办发明电〔2026〕9号"),
                ("holidays", "元旦 2027-01-01\n春节 2027-02-05 至 2027-02-11"), ("workdays", "2027-02-14 春节调休"),
            ])
            #expect(good.status == .seeOther)
            let calendar = try await CalendarService.calendar(on: t.db)
            #expect(calendar.covers(2027))
            // 2027-02-04 + 2 calendar days = 02-06, inside the holiday → first working day after it.
            #expect(try calendar.dueDate(of: Period(start: LocalDate(iso: "2027-02-04")!, length: 2, unit: .calendarDays)) == LocalDate(iso: "2027-02-12"))
            #expect(try await AuditEntryModel.query(on: t.db).filter(\.$action == "calendar.year.imported").count() == 1)
        }
    }

    @Test("API: tokens are required, hashed at rest, revocable; organisation and deadline endpoints answer JSON")
    func api() async throws {
        try await withTestApp { t in
            let anonymous = t.browser()
            #expect(try await anonymous.get(SiteURL.api(.units).path).status == .unauthorized)
            #expect(try await anonymous.get(SiteURL.api(.units).path, headers: ["Authorization": "Bearer fz_nonsense"]).status == .unauthorized)

            let admin = try await t.signedIn("admin")
            let legalOffice = try #require(try await UnitModel.query(on: t.db).filter(\.$isLegalOffice == true).first())
            let finance = try #require(try await UnitModel.query(on: t.db).filter(\.$name == "凤凰县财政局").first())
            try await admin.get(SiteURL.adminAPITokenNew.path)
            let refused = try await admin.post(SiteURL.adminAPITokenNew.path, [("unit", finance.id!.uuidString), ("name", "财政系统"), ("scope", "county")])
            #expect(refused.status == .unprocessableEntity)
            let created = try await admin.post(SiteURL.adminAPITokenNew.path, [("unit", legalOffice.id!.uuidString), ("name", "省平台"), ("scope", "county")])
            let token = try #require(Browser.secretText(in: created.text))
            #expect(token.hasPrefix("fz_"))
            let stored = try #require(try await APITokenModel.query(on: t.db).first())
            #expect(stored.tokenHash != token && !stored.tokenHash.contains(token))

            let auth: HTTPHeaders = ["Authorization": "Bearer \(token)"]
            let me = try await anonymous.get(SiteURL.api(.me).path, headers: auth)
            #expect(me.status == .ok)
            #expect(me.text.contains("凤凰县司法局"))
            let villages = try await anonymous.get(SiteURL.api(.regions).path(query: [("level", "village"), ("per", "10"), ("page", "2")]), headers: auth)
            #expect(villages.status == .ok)
            struct Page: Decodable { let items: [OrganisationAPI.RegionDTO]; let total: Int; let page: Int }
            let decoded = try JSONDecoder().decode(Page.self, from: Data(villages.text.utf8))
            #expect(decoded.total == 256)
            #expect(decoded.items.count == 10)
            #expect(decoded.page == 2)
            let bogus = try await anonymous.get(SiteURL.api(.regions).path(query: [("level", "planet"), ("per", "100000")]), headers: auth)
            #expect(bogus.status == .unprocessableEntity)
            #expect(bogus.text.contains("\"fields\""))
            let deadline = try await anonymous.get(SiteURL.api(.deadline).path(query: [("from", "2020-01-21"), ("days", "10"), ("unit", "calendar")]), headers: auth)
            #expect(deadline.text.contains("\"due\":\"2020-02-03\""))
            let unit = try await anonymous.get(SiteURL.api(.unit(.value(finance.id!))).path, headers: auth)
            #expect(unit.text.contains("凤凰县财政局"))
            #expect(try await AuditEntryModel.query(on: t.db).filter(\.$action == "api.request").count() >= 4)

            try await admin.get(SiteURL.adminAPITokens.path)
            #expect(try await admin.post(SiteURL.adminAPITokenRevoke(.value(stored.id!)).path).status == .seeOther)
            #expect(try await anonymous.get(SiteURL.api(.me).path, headers: auth).status == .unauthorized)
        }
    }

    @Test("The OpenAPI document is served: the platform's file plus every module's paths, describing every /api/v1 route")
    func openAPI() async throws {
        try await withTestApp(demo: false) { t in
            let response = try await t.browser().get(SiteURL.api(.openAPI).path)
            #expect(response.status == .ok)
            let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Sources/App/Resources/openapi.json")
            #expect(response.text == (try ModuleRegistry.openAPIDocument(base: try String(contentsOf: repository, encoding: .utf8))))
            let document = try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: Any])
            for route in t.app.routes.all where route.path.first?.description == "api" {
                let templated = "/" + route.path.dropFirst(2).map { component -> String in
                    if case .parameter(let name) = component { return "{\(name)}" }
                    return component.description
                }.joined(separator: "/")
                let operations = paths[templated] as? [String: Any]
                #expect(operations?[route.method.rawValue.lowercased()] != nil, "\(route.method) \(templated) is not in openapi.json")
            }
            #expect(paths.count == t.app.routes.all.filter { $0.path.first?.description == "api" }.count)
        }
    }

    @Test("Metrics: from loopback or for an admin, refused to others")
    func metrics() async throws {
        try await withTestApp { t in
            let staff = try await t.signedIn("staff")
            #expect(try await staff.get(SiteURL.metrics.path).status == .forbidden)
            let admin = try await t.signedIn("admin")
            let scraped = try await admin.get(SiteURL.metrics.path)
            #expect(scraped.status == .ok)
            #expect(scraped.text.contains("fazhi_http_requests_total"))
            #expect(scraped.text.contains("fazhi_logins_total"))
            // Over a real socket from 127.0.0.1 no session is needed.
            let port = Int.random(in: 20_000...40_000)
            let live = try t.app.testing(method: .running(hostname: "127.0.0.1", port: port))
            let response = try await live.performTest(request: TestingHTTPRequest(method: .GET, url: URI(path: SiteURL.metrics.path), headers: [:], body: ByteBuffer()))
            #expect(response.status == .ok)
        }
    }
}
