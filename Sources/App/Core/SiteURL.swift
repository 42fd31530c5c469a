import Foundation
import Vapor

/// A path parameter: `.key` when registering a route, `.value(x)` when linking to one.
public enum Parameter<Value: Sendable>: Sendable {
    case key
    case value(Value)
}

/// Every path of the site, in one place (DESIGN.md style 1). Views link with `SiteURL.x.path`;
/// routes.swift registers with `SiteURL.x.pathComponents`. Nothing hand-types a URL.
public enum SiteURL: Sendable {
    // Public
    case home
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
    case adminRegionNew
    case adminRegionEdit(Parameter<UUID>)
    case adminUnits
    case adminUnitNew
    case adminUnitEdit(Parameter<UUID>)
    case adminUsers
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

    public enum APIPath: Sendable {
        case openAPI
        case me
        case regions
        case region(Parameter<String>)
        case units
        case unit(Parameter<UUID>)
        case calendarYears
        case deadline
    }

    /// Path segments; a `.key` parameter becomes `:name`.
    var segments: [String] {
        func p<T>(_ parameter: Parameter<T>, _ name: String) -> String {
            switch parameter {
            case .key: ":\(name)"
            case .value(let value): "\(value)"
            }
        }
        switch self {
        case .home: return []
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
        case .adminRegionNew: return ["admin", "regions", "new"]
        case .adminRegionEdit(let id): return ["admin", "regions", p(id, "regionID")]
        case .adminUnits: return ["admin", "units"]
        case .adminUnitNew: return ["admin", "units", "new"]
        case .adminUnitEdit(let id): return ["admin", "units", p(id, "unitID")]
        case .adminUsers: return ["admin", "users"]
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
            }
        }
    }

    /// The path to link to, e.g. `/admin/users/…`.
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
