import Foundation

/// Who is acting: a signed-in user, an API token acting for a unit, or the system itself (CLI, demo loader).
public struct Actor: Sendable, Hashable {
    public var userID: UUID?
    public var username: String
    public var unitID: UUID?
    public var roles: Set<Role>

    public init(userID: UUID?, username: String, unitID: UUID?, roles: Set<Role>) {
        self.userID = userID
        self.username = username
        self.unitID = unitID
        self.roles = roles
    }

    /// The command line and the demo loader: trusted, acting as nobody in particular.
    public static func system(_ name: String = "system") -> Actor {
        Actor(userID: nil, username: name, unitID: nil, roles: [])
    }

    public func has(_ capability: Capability) -> Bool {
        roles.contains { $0.capabilities.contains(capability) }
    }

    /// Record-level read: every record belongs to a unit (docs/ARCHITECTURE.md: a unit-staff user reaching
    /// another unit's record gets 404).
    public func canRead(recordOf ownerUnitID: UUID?) -> Bool {
        if has(.readAllRecords) { return true }
        guard let ownerUnitID, let unitID else { return false }
        return has(.readOwnUnitRecords) && ownerUnitID == unitID
    }

    /// Which records' owners the actor may read, for a query's WHERE clause: the same answer as `canRead`.
    public enum ReadScope: Sendable, Hashable {
        case all
        case unit(UUID)
        case none
    }

    public var readScope: ReadScope {
        if has(.readAllRecords) { return .all }
        if has(.readOwnUnitRecords), let unitID { return .unit(unitID) }
        return .none
    }

    /// Record-level write: leaders write nothing; admins edit no case data.
    public func canWrite(recordOf ownerUnitID: UUID?) -> Bool {
        if has(.writeAllRecords) { return true }
        guard let ownerUnitID, let unitID else { return false }
        return has(.writeOwnUnitRecords) && ownerUnitID == unitID
    }
}
