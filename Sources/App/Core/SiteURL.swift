import FazhiCore
import Foundation
import Vapor

/// A path parameter: `.key` when registering a route, `.value(x)` when linking to one.
public enum Parameter<Value: Sendable>: Sendable {
    case key
    case value(Value)

    /// The segment: `:name` when registering, the value when linking.
    public func segment(_ name: String) -> String {
        switch self {
        case .key: return ":\(name)"
        case .value(let value): return "\(value)"
        }
    }
}

/// Something a route is registered at and a page links to. `SiteURL` holds the platform's and the first modules'
/// paths; a new module declares its own `enum …URL: RoutePath` in its folder (docs/ARCHITECTURE.md), so adding a
/// module edits no shared file. Routes, forms, links, breadcrumbs and navigation take any of them.
public protocol RoutePath: Sendable {
    /// The path's segments, unescaped: `["enforcement", "cases", id.segment("caseID")]`.
    var segments: [String] { get }
}

extension RoutePath {
    /// The path to link to, each segment percent-encoded.
    public var path: String {
        "/" + segments.map { segment in
            segment.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))) ?? segment
        }.joined(separator: "/")
    }

    /// The path with a query string.
    public func path(query: [(String, String)]) -> String {
        let pairs = query.filter { !$0.1.isEmpty }
        return pairs.isEmpty ? path : path + "?" + FormBody.encode(pairs)
    }

    /// Route registration form (`:name` for parameters).
    public var pathComponents: [PathComponent] {
        segments.map { PathComponent(stringLiteral: $0) }
    }
}

/// Every path of the site, in one place (docs/ARCHITECTURE.md style 1). Views link with `SiteURL.x.path`;
/// routes.swift registers with `SiteURL.x.pathComponents`. Nothing hand-types a URL.
public enum SiteURL: RoutePath {
    // Public
    case home
    /// One band of the 待办 list, paged (?band=overdue|soon|todo).
    case deadlines
    case stylesheet
    case health
    case login
    case loginTOTP
    case logout
    // Signed-in staff
    case account
    case accountPassword
    case accountTOTP
    case calendar
    case deadlineCalculator
    case unit(Parameter<UUID>)
    case audit
    case auditEntry(Parameter<Int64>)
    case auditVerify
    case auditExport
    // Administration
    case admin
    case adminRegions
    case adminRegionsExport(ExportFormat)
    case adminRegionNew
    case adminRegionEdit(Parameter<UUID>)
    case adminUnits
    case adminUnitsExport(ExportFormat)
    case adminUnitNew
    case adminUnitEdit(Parameter<UUID>)
    case adminUsers
    case adminUsersExport(ExportFormat)
    case adminUserNew
    case adminUserEdit(Parameter<UUID>)
    case adminUserAction(Parameter<UUID>, UserAction)
    case adminUserRevealMobile(Parameter<UUID>)
    case adminAPITokens
    case adminAPITokenNew
    case adminAPITokenRevoke(Parameter<UUID>)
    case adminCalendarYearNew
    case adminCalendarImport
    case adminSettings
    // Normative documents (规范性文件)
    case documents
    case documentsExport(ExportFormat)
    case documentNew
    case documentImport
    case documentRules
    case document(Parameter<UUID>)
    case documentEdit(Parameter<UUID>)
    case documentStep(Parameter<UUID>, DocumentEvent)
    case documentReview(Parameter<UUID>)
    case documentComments(Parameter<UUID>)
    case documentChanges(Parameter<UUID>)
    case documentAttachments(Parameter<UUID>)
    case documentRepublish(Parameter<UUID>)
    case documentAttachment(Parameter<UUID>, Parameter<UUID>)
    case cleanups
    case cleanupNew
    case cleanup(Parameter<UUID>)
    case cleanupScope(Parameter<UUID>)
    case cleanupOutcomes(Parameter<UUID>)
    case cleanupApply(Parameter<UUID>)
    case cleanupPublish(Parameter<UUID>)
    case cleanupExport(Parameter<UUID>, ExportFormat)
    // Major administrative decisions (重大行政决策)
    case decisions
    case decisionNew
    case decisionCatalogue
    case decisionRules
    case decisionCatalogueItem
    case decisionCatalogueApproval
    case decision(Parameter<UUID>)
    case decisionEdit(Parameter<UUID>)
    case decisionStep(Parameter<UUID>, DecisionEvent)
    case decisionProcedure(Parameter<UUID>, String)
    case decisionReview(Parameter<UUID>)
    case decisionFeedback(Parameter<UUID>)
    case decisionComment(Parameter<UUID>, Parameter<UUID>)
    case decisionCommentContact(Parameter<UUID>, Parameter<UUID>)
    case decisionAttachments(Parameter<UUID>)
    case decisionAttachment(Parameter<UUID>, Parameter<UUID>)
    // Government contracts (政府合同)
    case contracts
    case contractsExport(ExportFormat)
    case contractNew
    case contractRules
    case contract(Parameter<UUID>)
    case contractStep(Parameter<UUID>, ContractEvent)
    case contractReview(Parameter<UUID>)
    case contractAmendmentReview(Parameter<UUID>)
    case contractCounterparty(Parameter<UUID>)
    case contractAttachments(Parameter<UUID>)
    case contractAttachment(Parameter<UUID>, Parameter<UUID>)
    // Legal advisers (法律顾问)
    case advisers
    case advisersExport(ExportFormat)
    case adviserNew
    case adviser(Parameter<UUID>)
    case adviserContact(Parameter<UUID>)
    case adviserEngagements
    case projects
    case projectNew
    case project(Parameter<UUID>)
    case projectParticipation(Parameter<UUID>)
    case coverage
    case coverageAssign
    // Annual report (年度报告) and the leaders' dashboard (领导看板)
    case dashboard
    case reports
    case reportNew
    case reportTemplates
    case reportTemplate(Parameter<String>)
    case reportDeclared
    case reportDeclaredExport(ExportFormat)
    case reportDeclaredImport
    case reportDeclaredDelete(Parameter<UUID>)
    case report(Parameter<UUID>)
    case reportSection(Parameter<UUID>, Parameter<String>)
    case reportSectionVersions(Parameter<UUID>, Parameter<String>)
    case reportFigure(Parameter<UUID>, Parameter<String>)
    case reportCutoffs(Parameter<UUID>)
    case reportSignature(Parameter<UUID>)
    case reportSubmission(Parameter<UUID>)
    case reportStep(Parameter<UUID>, ReportEvent)
    case reportNewVersion(Parameter<UUID>)
    case reportDocx(Parameter<UUID>)
    case reportPrint(Parameter<UUID>)
    // Public portal (no login)
    case publicReports
    case publicReport(Parameter<UUID>)
    case publicReportDocx(Parameter<UUID>)
    case publicDecisions
    case publicDecision(Parameter<UUID>)
    case publicDecisionComments(Parameter<UUID>)
    case publicDecisionCatalogue
    case publicDecisionAttachment(Parameter<UUID>, Parameter<UUID>)
    case publicDocuments
    case publicDocumentsExport(ExportFormat)
    case publicDocument(Parameter<UUID>)
    case publicAttachment(Parameter<UUID>, Parameter<UUID>)
    case publicCleanups
    case publicCleanup(Parameter<UUID>)
    case publicCleanupExport(Parameter<UUID>, ExportFormat)
    // Machine interfaces
    case metrics
    case api(APIPath)

    public enum UserAction: String, Sendable, CaseIterable {
        case resetPassword = "reset-password"
        case disable
        case enable
        case unlock
        case resetTOTP = "reset-totp"
    }

    public enum ExportFormat: String, Sendable, CaseIterable {
        case csv
        case xlsx

        var label: String {
            switch self {
            case .csv: "CSV"
            case .xlsx: "Excel（XLSX）"
            }
        }
    }

    public enum APIPath: Sendable {
        case openAPI
        case me
        case regions
        case region(Parameter<String>)
        case units
        case unit(Parameter<UUID>)
        case calendarYears
        case deadline
        case documents
        case document(Parameter<UUID>)
        case statistics
        case reports
        case report(Parameter<UUID>)
    }

    /// Path segments; a `.key` parameter becomes `:name`.
    public var segments: [String] {
        func p<T>(_ parameter: Parameter<T>, _ name: String) -> String {
            switch parameter {
            case .key: ":\(name)"
            case .value(let value): "\(value)"
            }
        }
        switch self {
        case .home: return []
        case .deadlines: return ["deadlines"]
        case .stylesheet: return ["static", "fazhi.css"]
        case .health: return ["healthz"]
        case .login: return ["login"]
        case .loginTOTP: return ["login", "totp"]
        case .logout: return ["logout"]
        case .account: return ["account"]
        case .accountPassword: return ["account", "password"]
        case .accountTOTP: return ["account", "totp"]
        case .calendar: return ["calendar"]
        case .deadlineCalculator: return ["calendar", "deadline"]
        case .unit(let id): return ["units", p(id, "unitID")]
        case .audit: return ["audit"]
        case .auditEntry(let seq): return ["audit", p(seq, "seq")]
        case .auditVerify: return ["audit", "verify"]
        case .auditExport: return ["audit", "export.csv"]
        case .admin: return ["admin"]
        case .adminRegions: return ["admin", "regions"]
        case .adminRegionsExport(let format): return ["admin", "regions", "export.\(format.rawValue)"]
        case .adminRegionNew: return ["admin", "regions", "new"]
        case .adminRegionEdit(let id): return ["admin", "regions", p(id, "regionID")]
        case .adminUnits: return ["admin", "units"]
        case .adminUnitsExport(let format): return ["admin", "units", "export.\(format.rawValue)"]
        case .adminUnitNew: return ["admin", "units", "new"]
        case .adminUnitEdit(let id): return ["admin", "units", p(id, "unitID")]
        case .adminUsers: return ["admin", "users"]
        case .adminUsersExport(let format): return ["admin", "users", "export.\(format.rawValue)"]
        case .adminUserNew: return ["admin", "users", "new"]
        case .adminUserEdit(let id): return ["admin", "users", p(id, "userID")]
        case .adminUserAction(let id, let action): return ["admin", "users", p(id, "userID"), action.rawValue]
        case .adminUserRevealMobile(let id): return ["admin", "users", p(id, "userID"), "mobile"]
        case .adminAPITokens: return ["admin", "api-tokens"]
        case .adminAPITokenNew: return ["admin", "api-tokens", "new"]
        case .adminAPITokenRevoke(let id): return ["admin", "api-tokens", p(id, "tokenID"), "revoke"]
        case .adminCalendarYearNew: return ["admin", "calendar", "new"]
        case .adminCalendarImport: return ["admin", "calendar", "import"]
        case .adminSettings: return ["admin", "settings"]
        case .documents: return ["documents"]
        case .documentsExport(let format): return ["documents", "export.\(format.rawValue)"]
        case .documentNew: return ["documents", "new"]
        case .documentImport: return ["documents", "import"]
        case .documentRules: return ["documents", "rules"]
        case .document(let id): return ["documents", p(id, "documentID")]
        case .documentEdit(let id): return ["documents", p(id, "documentID"), "edit"]
        case .documentStep(let id, let event): return ["documents", p(id, "documentID"), "step", event.rawValue]
        case .documentReview(let id): return ["documents", p(id, "documentID"), "review"]
        case .documentComments(let id): return ["documents", p(id, "documentID"), "comments"]
        case .documentChanges(let id): return ["documents", p(id, "documentID"), "changes"]
        case .documentAttachments(let id): return ["documents", p(id, "documentID"), "attachments"]
        case .documentRepublish(let id): return ["documents", p(id, "documentID"), "republish"]
        case .documentAttachment(let id, let file): return ["documents", p(id, "documentID"), "attachments", p(file, "attachmentID")]
        case .cleanups: return ["cleanups"]
        case .cleanupNew: return ["cleanups", "new"]
        case .cleanup(let id): return ["cleanups", p(id, "campaignID")]
        case .cleanupScope(let id): return ["cleanups", p(id, "campaignID"), "scope"]
        case .cleanupOutcomes(let id): return ["cleanups", p(id, "campaignID"), "outcomes"]
        case .cleanupApply(let id): return ["cleanups", p(id, "campaignID"), "apply"]
        case .cleanupPublish(let id): return ["cleanups", p(id, "campaignID"), "publish"]
        case .cleanupExport(let id, let format): return ["cleanups", p(id, "campaignID"), "export.\(format.rawValue)"]
        case .decisions: return ["decisions"]
        case .decisionNew: return ["decisions", "new"]
        case .decisionCatalogue: return ["decisions", "catalogue"]
        case .decisionRules: return ["decisions", "rules"]
        case .decisionCatalogueItem: return ["decisions", "catalogue", "items"]
        case .decisionCatalogueApproval: return ["decisions", "catalogue", "approval"]
        case .decision(let id): return ["decisions", p(id, "decisionID")]
        case .decisionEdit(let id): return ["decisions", p(id, "decisionID"), "edit"]
        case .decisionStep(let id, let event): return ["decisions", p(id, "decisionID"), "step", event.rawValue]
        case .decisionProcedure(let id, let procedure): return ["decisions", p(id, "decisionID"), "procedures", procedure]
        case .decisionReview(let id): return ["decisions", p(id, "decisionID"), "review"]
        case .decisionFeedback(let id): return ["decisions", p(id, "decisionID"), "feedback"]
        case .decisionComment(let id, let comment): return ["decisions", p(id, "decisionID"), "comments", p(comment, "commentID")]
        case .decisionCommentContact(let id, let comment): return ["decisions", p(id, "decisionID"), "comments", p(comment, "commentID"), "contact"]
        case .decisionAttachments(let id): return ["decisions", p(id, "decisionID"), "attachments"]
        case .decisionAttachment(let id, let file): return ["decisions", p(id, "decisionID"), "attachments", p(file, "attachmentID")]
        case .contracts: return ["contracts"]
        case .contractsExport(let format): return ["contracts", "export.\(format.rawValue)"]
        case .contractNew: return ["contracts", "new"]
        case .contractRules: return ["contracts", "rules"]
        case .contract(let id): return ["contracts", p(id, "contractID")]
        case .contractStep(let id, let event): return ["contracts", p(id, "contractID"), "step", event.rawValue]
        case .contractReview(let id): return ["contracts", p(id, "contractID"), "review"]
        case .contractAmendmentReview(let id): return ["contracts", p(id, "contractID"), "amendment-review"]
        case .contractCounterparty(let id): return ["contracts", p(id, "contractID"), "counterparty"]
        case .contractAttachments(let id): return ["contracts", p(id, "contractID"), "attachments"]
        case .contractAttachment(let id, let file): return ["contracts", p(id, "contractID"), "attachments", p(file, "attachmentID")]
        case .advisers: return ["advisers"]
        case .advisersExport(let format): return ["advisers", "export.\(format.rawValue)"]
        case .adviserNew: return ["advisers", "new"]
        case .adviser(let id): return ["advisers", p(id, "adviserID")]
        case .adviserContact(let id): return ["advisers", p(id, "adviserID"), "contact"]
        case .adviserEngagements: return ["advisers", "engagements"]
        case .projects: return ["advisers", "projects"]
        case .projectNew: return ["advisers", "projects", "new"]
        case .project(let id): return ["advisers", "projects", p(id, "projectID")]
        case .projectParticipation(let id): return ["advisers", "projects", p(id, "projectID"), "participation"]
        case .coverage: return ["advisers", "coverage"]
        case .coverageAssign: return ["advisers", "coverage", "assign"]
        case .dashboard: return ["dashboard"]
        case .reports: return ["reports"]
        case .reportNew: return ["reports", "new"]
        case .reportTemplates: return ["reports", "templates"]
        case .reportTemplate(let section): return ["reports", "templates", p(section, "section")]
        case .reportDeclared: return ["reports", "declared"]
        case .reportDeclaredExport(let format): return ["reports", "declared", "export.\(format.rawValue)"]
        case .reportDeclaredImport: return ["reports", "declared", "import"]
        case .reportDeclaredDelete(let id): return ["reports", "declared", p(id, "figureID"), "delete"]
        case .report(let id): return ["reports", p(id, "reportID")]
        case .reportSection(let id, let section): return ["reports", p(id, "reportID"), "sections", p(section, "section")]
        case .reportSectionVersions(let id, let section): return ["reports", p(id, "reportID"), "sections", p(section, "section"), "versions"]
        case .reportFigure(let id, let key): return ["reports", p(id, "reportID"), "figures", p(key, "key")]
        case .reportCutoffs(let id): return ["reports", p(id, "reportID"), "cutoffs"]
        case .reportSignature(let id): return ["reports", p(id, "reportID"), "signature"]
        case .reportSubmission(let id): return ["reports", p(id, "reportID"), "submission"]
        case .reportStep(let id, let event): return ["reports", p(id, "reportID"), "step", event.rawValue]
        case .reportNewVersion(let id): return ["reports", p(id, "reportID"), "new-version"]
        case .reportDocx(let id): return ["reports", p(id, "reportID"), "report.docx"]
        case .reportPrint(let id): return ["reports", p(id, "reportID"), "print"]
        case .publicReports: return ["public", "reports"]
        case .publicReport(let id): return ["public", "reports", p(id, "reportID")]
        case .publicReportDocx(let id): return ["public", "reports", p(id, "reportID"), "report.docx"]
        case .publicDecisions: return ["public", "decisions"]
        case .publicDecision(let id): return ["public", "decisions", p(id, "decisionID")]
        case .publicDecisionComments(let id): return ["public", "decisions", p(id, "decisionID"), "comments"]
        case .publicDecisionCatalogue: return ["public", "decisions", "catalogue"]
        case .publicDecisionAttachment(let id, let file): return ["public", "decisions", p(id, "decisionID"), "attachments", p(file, "attachmentID")]
        case .publicDocuments: return ["public", "documents"]
        case .publicDocumentsExport(let format): return ["public", "documents", "export.\(format.rawValue)"]
        case .publicDocument(let id): return ["public", "documents", p(id, "documentID")]
        case .publicAttachment(let id, let file): return ["public", "documents", p(id, "documentID"), "attachments", p(file, "attachmentID")]
        case .publicCleanups: return ["public", "cleanups"]
        case .publicCleanup(let id): return ["public", "cleanups", p(id, "campaignID")]
        case .publicCleanupExport(let id, let format): return ["public", "cleanups", p(id, "campaignID"), "export.\(format.rawValue)"]
        case .metrics: return ["metrics"]
        case .api(let api):
            let base = ["api", "v1"]
            switch api {
            case .openAPI: return base + ["openapi.json"]
            case .me: return base + ["me"]
            case .regions: return base + ["regions"]
            case .region(let code): return base + ["regions", p(code, "code")]
            case .units: return base + ["units"]
            case .unit(let id): return base + ["units", p(id, "unitID")]
            case .calendarYears: return base + ["calendar", "years"]
            case .deadline: return base + ["calendar", "deadline"]
            case .documents: return base + ["documents"]
            case .document(let id): return base + ["documents", p(id, "documentID")]
            case .statistics: return base + ["statistics"]
            case .reports: return base + ["reports"]
            case .report(let id): return base + ["reports", p(id, "reportID")]
            }
        }
    }
}
