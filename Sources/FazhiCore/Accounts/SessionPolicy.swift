import Foundation

/// Server-side session lifetimes (docs/SECURITY.md item 5; ASVS 3.3.1–3.3.3; MLPS 8.1.4.1 b).
public struct SessionPolicy: Sendable {
    public var idleTimeout: TimeInterval = 30 * 60
    public var absoluteTimeout: TimeInterval = 12 * 3600
    /// How stale `lastSeen` may get before a request writes it again; bounds the idle-timeout error
    /// while sparing the database a write on every page view.
    public var touchInterval: TimeInterval = 60

    public init() {}

    public enum Expiry: String, Sendable {
        case idle
        case absolute

        public var message: String {
            switch self {
            case .idle: "您已超过 30 分钟未操作，为保护账户安全已自动退出，请重新登录。"
            case .absolute: "登录已超过 12 小时，请重新登录。"
            }
        }
    }

    public func expiry(createdAt: Date, lastSeenAt: Date, now: Date) -> Expiry? {
        if now.timeIntervalSince(createdAt) >= absoluteTimeout { return .absolute }
        if now.timeIntervalSince(lastSeenAt) >= idleTimeout { return .idle }
        return nil
    }

    public func needsTouch(lastSeenAt: Date, now: Date) -> Bool {
        now.timeIntervalSince(lastSeenAt) >= touchInterval
    }
}

/// Account lockout and per-address throttling (docs/SECURITY.md item 2; ASVS 2.2.1; MLPS 8.1.4.1 b).
public struct LockoutPolicy: Sendable {
    /// Five failed logins in a row lock the account …
    public var maxConsecutiveFailures = 5
    /// … for 15 minutes.
    public var lockDuration: TimeInterval = 15 * 60
    /// A source address with this many failures inside `addressWindow` is refused for the rest of the window.
    public var maxFailuresPerAddress = 20
    public var addressWindow: TimeInterval = 15 * 60

    public init() {}

    public struct AfterFailure: Sendable, Hashable {
        public let consecutiveFailures: Int
        public let lockedUntil: Date?
    }

    /// The account's state after one more failed password.
    public func afterFailure(previousConsecutiveFailures: Int, now: Date) -> AfterFailure {
        let count = previousConsecutiveFailures + 1
        if count >= maxConsecutiveFailures {
            return AfterFailure(consecutiveFailures: 0, lockedUntil: now.addingTimeInterval(lockDuration))
        }
        return AfterFailure(consecutiveFailures: count, lockedUntil: nil)
    }

    public func isLocked(lockedUntil: Date?, now: Date) -> Bool {
        guard let lockedUntil else { return false }
        return now < lockedUntil
    }

    public func addressThrottled(recentFailures: Int) -> Bool {
        recentFailures >= maxFailuresPerAddress
    }
}
