import Fluent

/// Every migration, in order. Append only: a released migration is never edited (DESIGN.md style 5).
enum FazhiMigrations {
    static let all: [any Migration] = [
        CreateRegions(),
        CreateUnits(),
        CreateUsers(),
        CreateSessions(),
        CreateLoginAttempts(),
        CreateAPITokens(),
        CreateSettings(),
        CreateAuditTrail(),
        CreateCalendarYears(),
        CreateReviews(),
        CreateAttachments(),
        CreateDocuments(),
        CreateDecisions(),
        CreateContracts(),
        CreateAdvisers(),
        CreateReports(),
    ]
}
