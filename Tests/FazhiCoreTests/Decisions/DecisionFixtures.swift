import Foundation
@testable import FazhiCore

/// Shared helpers for the major-decision tests (a namespace, so other test files' helpers cannot clash).
enum DecisionFixtures {
    static func date(_ iso: String) -> LocalDate {
        guard let value = LocalDate(iso: iso) else { fatalError("bad test date \(iso)") }
        return value
    }

    static let calendar: LegalCalendar = {
        do { return try LegalCalendar.bundled() } catch { fatalError("bundled calendar: \(error)") }
    }()

    static let today = date("2020-12-31")
    static let drafter = UUID(uuidString: "00000000-0000-0000-0000-0000000000D1")!
    static let reviewer = UUID(uuidString: "00000000-0000-0000-0000-0000000000E2")!
    static let decisionA = UUID(uuidString: "00000000-0000-0000-0000-00000000DA01")!
    static let decisionB = UUID(uuidString: "00000000-0000-0000-0000-00000000DB02")!

    static func errorsOf<T>(_ result: Result<T, FieldErrors>) -> FieldErrors? {
        if case .failure(let errors) = result { return errors }
        return nil
    }
}

func decisionRefusalText<T>(_ result: Result<T, WorkflowRefusal>) -> String? {
    if case .failure(let refusal) = result { return refusal.message }
    return nil
}
