import FazhiCore
import Fluent
import Foundation
import Testing
import Vapor
@testable import App

/// The costs a request must not pay: a burst beyond the limit waits then gets 503; the stylesheet revalidates for
/// a 304; the calendar is parsed once per change.
@Suite("Cheap requests")
struct CheapRequestTests {
    @Test("The gate holds at most its limit; the next waits its turn, first come first served, or gives up in time")
    func gate() async throws {
        let gate = RequestGate(limit: 2, wait: .milliseconds(200))
        #expect(await gate.enter())
        #expect(await gate.enter())
        #expect(await gate.inFlight == 2)
        let start = ContinuousClock.now
        #expect(await gate.enter() == false, "no place came free")
        #expect(ContinuousClock.now - start >= .milliseconds(150))
        // A waiting request gets the place a finishing one gives back.
        async let waiter = gate.enter()
        try await Task.sleep(for: .milliseconds(50))
        #expect(await gate.queued == 1)
        await gate.leave()
        #expect(await waiter)
        #expect(await gate.inFlight == 2)
        await gate.leave()
        await gate.leave()
        #expect(await gate.inFlight == 0)
    }

    @Test("Over the limit a page answers 503 with Retry-After and changes nothing; the health check always answers")
    func busy() async throws {
        try await withTestApp(settings: { $0.maxConcurrentRequests = 1; $0.queueWaitMilliseconds = 50 }) { t in
            let browser = t.browser()
            #expect(try await browser.get(SiteURL.login.path).status == .ok)
            let gate = t.app.fazhi.requestGate
            #expect(await gate.enter(), "the test takes the only place")
            let busy = try await browser.get(SiteURL.login.path)
            #expect(busy.status == .serviceUnavailable)
            #expect(busy.headers.first(name: .retryAfter) == "1")
            #expect(busy.text.contains("服务器繁忙"))
            #expect(try await browser.get(SiteURL.health.path).status == .ok)
            await gate.leave()
            #expect(try await browser.get(SiteURL.login.path).status == .ok)
        }
    }

    @Test("The stylesheet: linked by its content hash, kept a year, revalidated with a 304")
    func stylesheet() async throws {
        try await withTestApp { t in
            let browser = t.browser()
            let login = try await browser.get(SiteURL.login.path)
            #expect(login.text.contains(Stylesheet.versionedPath.replacingOccurrences(of: "&", with: "&amp;")))
            let versioned = try await browser.get(Stylesheet.versionedPath)
            #expect(versioned.status == .ok && versioned.text.contains("body"))
            #expect(versioned.headers.first(name: .cacheControl)?.contains("immutable") == true)
            let etag = try #require(versioned.headers.first(name: .eTag))
            let again = try await browser.get(SiteURL.stylesheet.path, headers: [HTTPHeaders.Name.ifNoneMatch.description: etag])
            #expect(again.status == .notModified)
            #expect(again.body.readableBytes == 0)
            #expect(try await browser.get(SiteURL.stylesheet.path, headers: ["If-None-Match": "\"other\""]).status == .ok)
        }
    }

    @Test("The legal calendar is parsed once per change of the imported years, and a change is seen at once")
    func calendarOncePerChange() async throws {
        try await withTestApp(demo: false) { t in
            let first = try await CalendarService.calendar(on: t.db)
            let second = try await CalendarService.calendar(on: t.db)
            #expect(first.coveredYears == second.coveredYears)
            var year = try #require(try CalendarService.bundledYears().first { $0.year == 2025 })
            year.holidays.append(CalendarYear.Holiday(name: "测试假期", from: LocalDate(iso: "2025-12-01")!, to: LocalDate(iso: "2025-12-01")!))
            try await CalendarService.importYears([year], context: AuditContext(username: "admin"), at: t.clock.now, on: t.db)
            #expect(try await CalendarService.calendar(on: t.db).isWorkingDay(LocalDate(iso: "2025-12-01")!) == false)
            // The same length and the same second, another day: still seen (the cache is keyed by content).
            year.holidays[year.holidays.count - 1] = CalendarYear.Holiday(name: "测试假期", from: LocalDate(iso: "2025-12-02")!, to: LocalDate(iso: "2025-12-02")!)
            try await CalendarService.importYears([year], context: AuditContext(username: "admin"), at: t.clock.now, on: t.db)
            let calendar = try await CalendarService.calendar(on: t.db)
            #expect(try calendar.isWorkingDay(LocalDate(iso: "2025-12-01")!))
            #expect(try calendar.isWorkingDay(LocalDate(iso: "2025-12-02")!) == false)
        }
    }
}
