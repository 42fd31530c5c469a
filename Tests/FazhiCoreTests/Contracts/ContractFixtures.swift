import Foundation
@testable import FazhiCore

/// Shared helpers for the contract tests.
enum ContractFixtures {
    static func date(_ iso: String) -> LocalDate {
        guard let value = LocalDate(iso: iso) else { fatalError("bad test date \(iso)") }
        return value
    }

    static let calendar: LegalCalendar = {
        do { return try LegalCalendar.bundled() } catch { fatalError("bundled calendar: \(error)") }
    }()

    static let today = date("2020-12-31")
    static let drafter = UUID(uuidString: "00000000-0000-0000-0000-0000000000C1")!
    static let reviewer = UUID(uuidString: "00000000-0000-0000-0000-0000000000C2")!
    /// A valid unified social credit code (check character computed by the shared validator).
    static let creditCode = UnifiedSocialCreditCode.make(authority: "9", type: "1", division: "433123", organizationCode: "MA4L0XXX1").value
    static let otherCreditCode = UnifiedSocialCreditCode.make(authority: "1", type: "1", division: "433123", organizationCode: "006130272").value
    static let residentID = ResidentID.make(areaCode: "433123", birthDate: date("1985-06-15"), sequenceNumber: 123)!.value

    static func errorsOf<T>(_ result: Result<T, FieldErrors>) -> FieldErrors? {
        if case .failure(let errors) = result { return errors }
        return nil
    }

    static func amount(_ text: String) -> ContractAmount {
        guard case .success(let value) = ContractAmount.parse(text) else { fatalError("bad test amount \(text)") }
        return value
    }
}
