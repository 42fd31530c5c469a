/// The roles of docs/ARCHITECTURE.md "Who uses it". A user holds one or more.
public enum Role: String, CaseIterable, Codable, Sendable, Hashable, Comparable {
    case admin
    case legalOffice = "legal_office"
    case unitStaff = "unit_staff"
    case leader

    public var label: String {
        switch self {
        case .admin: "系统管理员"
        case .legalOffice: "法制机构"
        case .unitStaff: "单位填报员"
        case .leader: "领导"
        }
    }

    public var summary: String {
        switch self {
        case .admin: "账户、单位、日历和系统设置；不编辑业务数据"
        case .legalOffice: "全县业务：审查、审批、备案、报告"
        case .unitStaff: "仅限本单位的记录"
        case .leader: "查看看板、报告和全部记录；不可修改"
        }
    }

    /// Parses a comma-separated list as stored in the database; unknown codes are dropped.
    public static func parseList(_ text: String) -> Set<Role> {
        Set(text.split(separator: ",").compactMap { Role(rawValue: String($0).trimmingCharacters(in: .whitespaces)) })
    }

    public static func encodeList(_ roles: Set<Role>) -> String {
        roles.sorted().map(\.rawValue).joined(separator: ",")
    }

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// What a role may do. Deny by default: a capability not listed for any of the user's roles is refused.
public enum Capability: String, CaseIterable, Sendable, Hashable {
    /// Accounts, units, regions, API tokens (admin).
    case manageOrganisation
    /// The legal calendar: add or replace a year's holiday schedule (admin).
    case manageCalendar
    /// Browse the audit trail (admin; leaders and the legal office read it too).
    case viewAudit
    /// Read every unit's records (legal office, leader).
    case readAllRecords
    /// Create and change every unit's records (legal office).
    case writeAllRecords
    /// Create and change the records of one's own unit (unit staff, legal office).
    case writeOwnUnitRecords
    /// Read one's own unit's records (everyone but admin).
    case readOwnUnitRecords
    /// Dashboards and reports (legal office, leader).
    case viewDashboards
    /// Unmask personal information (ID numbers, phone numbers); each view is audited.
    case revealPersonalData
}

extension Role {
    /// The role → capability table (docs/ARCHITECTURE.md "Who uses it").
    public var capabilities: Set<Capability> {
        switch self {
        case .admin:
            // Reveal covers account contact data only: an admin reads no case records at all.
            [.manageOrganisation, .manageCalendar, .viewAudit, .revealPersonalData]
        case .legalOffice:
            [.readAllRecords, .writeAllRecords, .writeOwnUnitRecords, .readOwnUnitRecords, .viewDashboards,
             .viewAudit, .revealPersonalData]
        case .unitStaff:
            [.writeOwnUnitRecords, .readOwnUnitRecords]
        case .leader:
            [.readAllRecords, .readOwnUnitRecords, .viewDashboards, .viewAudit]
        }
    }
}
