import Foundation
@testable import FazhiCore

/// Shared helpers for the document tests (a namespace, so other test files' helpers cannot clash).
enum DocumentFixtures {
    static func date(_ iso: String) -> LocalDate {
        guard let value = LocalDate(iso: iso) else { fatalError("bad test date \(iso)") }
        return value
    }

    static let calendar: LegalCalendar = {
        do { return try LegalCalendar.bundled() } catch { fatalError("bundled calendar: \(error)") }
    }()

    static let drafter = UUID(uuidString: "00000000-0000-0000-0000-0000000000D1")!
    static let reviewer = UUID(uuidString: "00000000-0000-0000-0000-0000000000E2")!

    static func id(_ n: Int) -> UUID {
        let hex = String(n, radix: 16)
        return UUID(uuidString: "00000000-0000-0000-0000-" + String(repeating: "0", count: 12 - hex.count) + hex)!
    }
}
