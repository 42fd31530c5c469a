import FazhiCore
import Fluent
import Foundation

final class UserModel: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Field(key: "username") var username: String
    @Field(key: "display_name") var displayName: String
    @Parent(key: "unit_id") var unit: UnitModel
    /// Comma-separated role codes (FazhiCore.Role).
    @Field(key: "roles") var rolesText: String
    /// bcrypt over the SHA-256 prehash (FazhiCore.PasswordPrehash), so no byte of a long passphrase is ignored.
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "password_changed_at") var passwordChangedAt: Date
    @Field(key: "must_change_password") var mustChangePassword: Bool
    @Field(key: "active") var active: Bool
    @Field(key: "failed_logins") var failedLogins: Int
    @OptionalField(key: "locked_until") var lockedUntil: Date?
    /// TOTP secret sealed with SecretBox; nil until enrolled.
    @OptionalField(key: "totp_secret") var totpSecret: String?
    /// The last accepted TOTP time step, so a code cannot be used twice.
    @OptionalField(key: "totp_last_counter") var totpLastCounter: Int64?
    /// Mobile number sealed with SecretBox (personal information, docs/SECURITY.md item 12).
    @OptionalField(key: "mobile") var mobileSealed: String?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var roles: Set<Role> {
        get { Role.parseList(rolesText) }
        set { rolesText = Role.encodeList(newValue) }
    }
}

/// A server-side session (docs/SECURITY.md items 4–5). The cookie holds a random token; the table holds only its
/// SHA-256, so a copy of the database does not yield live sessions. Several app servers share this table.
final class SessionModel: Model, @unchecked Sendable {
    static let schema = "sessions"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Parent(key: "user_id") var user: UserModel
    /// password (TOTP still to come), enrol (admin must enrol TOTP first), full.
    @Field(key: "stage") var stage: String
    @Field(key: "csrf_token") var csrfToken: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date
    @OptionalField(key: "ended_at") var endedAt: Date?
    @OptionalField(key: "end_reason") var endReason: String?
    @Field(key: "source_address") var sourceAddress: String
    @Field(key: "user_agent") var userAgent: String

    init() {}
}

public enum SessionStage: String, Sendable {
    /// Password accepted, TOTP code still required.
    case password
    /// Password accepted; the user must enrol a second factor before anything else.
    case enrol
    case full
}

/// Every login attempt, for per-address throttling (docs/SECURITY.md item 2).
final class LoginAttemptModel: Model, @unchecked Sendable {
    static let schema = "login_attempts"

    @ID(key: .id) var id: UUID?
    @Field(key: "username") var username: String
    @Field(key: "source_address") var sourceAddress: String
    @Field(key: "occurred_at") var occurredAt: Date
    @Field(key: "succeeded") var succeeded: Bool

    init() {}

    init(username: String, sourceAddress: String, occurredAt: Date, succeeded: Bool) {
        self.username = username
        self.sourceAddress = sourceAddress
        self.occurredAt = occurredAt
        self.succeeded = succeeded
    }
}

/// An API token for a unit (docs/ARCHITECTURE.md "API"): shown once, stored as its SHA-256.
final class APITokenModel: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Parent(key: "unit_id") var unit: UnitModel
    @Field(key: "name") var name: String
    @Field(key: "token_hash") var tokenHash: String
    /// unit: acts as that unit's staff (read); county: reads every unit's records, like a leader.
    @Field(key: "scope") var scope: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "created_by") var createdBy: String
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}
}

/// Settings an admin changes at run time (e.g. require a second factor for everyone).
final class SettingModel: Model, @unchecked Sendable {
    static let schema = "settings"

    @ID(custom: "key", generatedBy: .user) var id: String?
    @Field(key: "value") var value: String
    @Field(key: "updated_at") var updatedAt: Date
    @Field(key: "updated_by") var updatedBy: String

    init() {}

    init(key: String, value: String, updatedAt: Date, updatedBy: String) {
        self.id = key
        self.value = value
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
    }
}
