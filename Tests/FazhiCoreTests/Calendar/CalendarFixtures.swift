import Foundation
@testable import FazhiCore

/// Shared helpers for the calendar tests (a namespace, so other test files' helpers cannot clash).
enum CalendarFixtures {
    static func date(_ iso: String) -> LocalDate {
        guard let value = LocalDate(iso: iso) else { fatalError("bad test date \(iso)") }
        return value
    }

    static let bundled: LegalCalendar = {
        do { return try LegalCalendar.bundled() } catch { fatalError("bundled calendar: \(error)") }
    }()

    static func bundledYear(_ year: Int) -> CalendarYear {
        guard let value = bundled.year(year) else { fatalError("no bundled \(year)") }
        return value
    }

    /// A calendar of the bundled years except those listed.
    static func bundled(without excluded: Set<Int>) throws -> LegalCalendar {
        try LegalCalendar(years: bundled.years.filter { !excluded.contains($0.year) })
    }
}
