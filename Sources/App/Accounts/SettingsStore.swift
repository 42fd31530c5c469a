import FazhiCore
import Fluent
import Foundation

/// Run-time settings an admin changes on the settings page; each change is audited.
enum SettingsStore {
    enum Key: String, CaseIterable {
        /// docs/SECURITY.md item 3: a second factor "can be required for everyone by a setting".
        case requireSecondFactorForEveryone = "auth.require_totp_all"
    }

    static func value(_ key: Key, on db: any Database) async throws -> String? {
        try await SettingModel.find(key.rawValue, on: db)?.value
    }

    static func requireSecondFactorForEveryone(on db: any Database) async throws -> Bool {
        try await value(.requireSecondFactorForEveryone, on: db) == "true"
    }

    /// Must run inside a write transaction; the caller audits.
    static func set(_ key: Key, to value: String, by username: String, at time: Date, on tx: any Database) async throws {
        if let existing = try await SettingModel.find(key.rawValue, on: tx) {
            existing.value = value
            existing.updatedAt = time
            existing.updatedBy = username
            try await existing.update(on: tx)
        } else {
            try await SettingModel(key: key.rawValue, value: value, updatedAt: time, updatedBy: username).create(on: tx)
        }
    }
}
