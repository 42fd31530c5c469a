import Crypto
import Foundation

/// Everything an operator can configure, read once from the environment (README "Configuration").
public struct AppSettings: Sendable {
    /// FAZHI_DATA_DIR (default ./data): the SQLite file fazhi.sqlite, the secret key, backups.
    public var dataDirectory: String
    /// FAZHI_DATABASE_URL: PostgreSQL instead of SQLite when set (postgres://user:pass@host:5432/db).
    public var databaseURL: String?
    /// PostgreSQL schema to use (tests give each app its own); nil = the server's default search path.
    public var databaseSchema: String?
    /// FAZHI_DATABASE_POOL (default 4): PostgreSQL connections per event loop (one loop per core).
    public var databasePoolSize: Int = 4
    /// FAZHI_PUBLIC_URL: the address users reach, e.g. https://fazhi.example.gov.cn. https turns on HSTS
    /// and the __Host- cookie prefix.
    public var publicURL: String?
    /// FAZHI_COOKIE_SECURE (default true): the Secure flag on cookies. Browsers accept Secure cookies from
    /// http://127.0.0.1 and http://localhost; set false only for a plain-http test network.
    public var cookieSecure: Bool
    /// FAZHI_TRUST_PROXY (default false): take the client address from X-Forwarded-For (behind nginx).
    public var trustProxy: Bool
    /// FAZHI_BCRYPT_COST (default 12).
    public var bcryptCost: Int
    /// FAZHI_MAX_BODY (default 8mb): requests with a larger body get 413.
    public var maxBodyBytes: Int
    /// FAZHI_SECRET_KEY: base64 of 32 bytes encrypting personal data and TOTP secrets at rest. When unset,
    /// the key lives in <data dir>/secret.key (created on first use, mode 0600) — never in the database.
    public var secretKeyBase64: String?
    /// FAZHI_LOG_LEVEL (default info).
    public var logLevel: String
    /// FAZHI_LOG_FORMAT: logfmt (default) or json.
    public var logFormat: String
    /// FAZHI_MAX_CONCURRENT: requests worked on at once; more wait up to FAZHI_QUEUE_WAIT_MS, then get 503.
    public var maxConcurrentRequests: Int = 64
    public var queueWaitMilliseconds: Int = 2000

    public init(dataDirectory: String = "./data", databaseURL: String? = nil, databaseSchema: String? = nil,
                publicURL: String? = nil, cookieSecure: Bool = true, trustProxy: Bool = false,
                bcryptCost: Int = 12, maxBodyBytes: Int = 8 * 1024 * 1024, secretKeyBase64: String? = nil,
                logLevel: String = "info", logFormat: String = "logfmt") {
        self.dataDirectory = dataDirectory
        self.databaseURL = databaseURL
        self.databaseSchema = databaseSchema
        self.publicURL = publicURL
        self.cookieSecure = cookieSecure
        self.trustProxy = trustProxy
        self.bcryptCost = bcryptCost
        self.maxBodyBytes = maxBodyBytes
        self.secretKeyBase64 = secretKeyBase64
        self.logLevel = logLevel
        self.logFormat = logFormat
    }

    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    /// Reads the FAZHI_* variables; a malformed value is an error naming the variable, never a silent default.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> AppSettings {
        var settings = AppSettings()
        func nonEmpty(_ key: String) -> String? {
            guard let value = env[key]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
            return value
        }
        func bool(_ key: String, _ current: Bool) throws -> Bool {
            guard let value = nonEmpty(key) else { return current }
            switch value.lowercased() {
            case "1", "true", "yes", "on": return true
            case "0", "false", "no", "off": return false
            default: throw Problem(description: "\(key) 应为 true 或 false，而不是「\(value)」")
            }
        }
        if let dir = nonEmpty("FAZHI_DATA_DIR") { settings.dataDirectory = dir }
        settings.databaseURL = nonEmpty("FAZHI_DATABASE_URL")
        if let url = settings.databaseURL, !(url.hasPrefix("postgres://") || url.hasPrefix("postgresql://")) {
            throw Problem(description: "FAZHI_DATABASE_URL 应以 postgres:// 开头")
        }
        if let pool = nonEmpty("FAZHI_DATABASE_POOL") {
            guard let value = Int(pool), (1...64).contains(value) else {
                throw Problem(description: "FAZHI_DATABASE_POOL 应为 1 到 64 之间的整数")
            }
            settings.databasePoolSize = value
        }
        settings.publicURL = nonEmpty("FAZHI_PUBLIC_URL")
        if let url = settings.publicURL, !(url.hasPrefix("http://") || url.hasPrefix("https://")) {
            throw Problem(description: "FAZHI_PUBLIC_URL 应以 http:// 或 https:// 开头")
        }
        settings.cookieSecure = try bool("FAZHI_COOKIE_SECURE", settings.cookieSecure)
        settings.trustProxy = try bool("FAZHI_TRUST_PROXY", settings.trustProxy)
        if let cost = nonEmpty("FAZHI_BCRYPT_COST") {
            guard let value = Int(cost), (4...31).contains(value) else {
                throw Problem(description: "FAZHI_BCRYPT_COST 应为 4 到 31 之间的整数")
            }
            settings.bcryptCost = value
        }
        if let size = nonEmpty("FAZHI_MAX_BODY") {
            guard let bytes = parseByteSize(size), bytes >= 1024 else {
                throw Problem(description: "FAZHI_MAX_BODY 应为字节数，例如 8mb 或 512kb")
            }
            settings.maxBodyBytes = bytes
        }
        settings.secretKeyBase64 = nonEmpty("FAZHI_SECRET_KEY")
        if let level = nonEmpty("FAZHI_LOG_LEVEL") {
            let allowed = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
            guard allowed.contains(level.lowercased()) else {
                throw Problem(description: "FAZHI_LOG_LEVEL 应为 \(allowed.joined(separator: "/")) 之一")
            }
            settings.logLevel = level.lowercased()
        }
        if let value = nonEmpty("FAZHI_MAX_CONCURRENT") {
            guard let limit = Int(value), (1...10_000).contains(limit) else {
                throw Problem(description: "FAZHI_MAX_CONCURRENT 应为 1 到 10000 之间的整数")
            }
            settings.maxConcurrentRequests = limit
        }
        if let value = nonEmpty("FAZHI_QUEUE_WAIT_MS") {
            guard let wait = Int(value), (0...60_000).contains(wait) else {
                throw Problem(description: "FAZHI_QUEUE_WAIT_MS 应为 0 到 60000 之间的毫秒数")
            }
            settings.queueWaitMilliseconds = wait
        }
        if let format = nonEmpty("FAZHI_LOG_FORMAT") {
            guard ["logfmt", "json"].contains(format.lowercased()) else {
                throw Problem(description: "FAZHI_LOG_FORMAT 应为 logfmt 或 json")
            }
            settings.logFormat = format.lowercased()
        }
        return settings
    }

    static func parseByteSize(_ text: String) -> Int? {
        let lower = text.lowercased()
        let units: [(String, Int)] = [("gb", 1 << 30), ("mb", 1 << 20), ("kb", 1 << 10), ("b", 1)]
        for (suffix, factor) in units where lower.hasSuffix(suffix) {
            guard let value = Int(lower.dropLast(suffix.count)), value >= 0, value <= Int.max / factor else { return nil }
            return value * factor
        }
        return Int(lower)
    }

    public var usesPostgres: Bool { databaseURL != nil }

    public var sqlitePath: String {
        (dataDirectory as NSString).appendingPathComponent("fazhi.sqlite")
    }

    public var servedOverHTTPS: Bool { publicURL?.hasPrefix("https://") ?? false }

    /// Where the secret key file lives when FAZHI_SECRET_KEY is not set.
    public var secretKeyPath: String {
        (dataDirectory as NSString).appendingPathComponent("secret.key")
    }

    /// The 256-bit key for personal data and TOTP secrets: from FAZHI_SECRET_KEY, else the key file
    /// (created with mode 0600 on first use).
    public func loadSecretKey() throws -> SymmetricKey {
        if let base64 = secretKeyBase64 {
            guard let data = Data(base64Encoded: base64), data.count == 32 else {
                throw Problem(description: "FAZHI_SECRET_KEY 应为 32 字节密钥的 base64 编码（可用 openssl rand -base64 32 生成）")
            }
            return SymmetricKey(data: data)
        }
        let path = secretKeyPath
        let manager = FileManager.default
        if let data = manager.contents(atPath: path) {
            guard let text = String(data: data, encoding: .utf8),
                  let key = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), key.count == 32 else {
                throw Problem(description: "密钥文件 \(path) 已损坏：应为 32 字节密钥的 base64 编码")
            }
            return SymmetricKey(data: key)
        }
        try manager.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let key = SymmetricKey(size: .bits256)
        let text = key.withUnsafeBytes { Data($0).base64EncodedString() } + "\n"
        guard manager.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw Problem(description: "无法创建密钥文件 \(path)")
        }
        return key
    }
}
