import FazhiCore
import Foundation
import Vapor

/// The clock every rule reads (docs/ARCHITECTURE.md style 7): tests move time to cross session timeouts,
/// lockouts and deadlines without sleeping.
public struct AppClock: Sendable {
    public let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date) {
        self.now = now
    }

    public static let system = AppClock { Date() }

    /// Today's date in China Standard Time.
    public var today: LocalDate { LocalDate(now()) }
}

/// Randomness for tokens and generated passwords, injectable so tests can be deterministic where they need to be.
public struct AppRandom: Sendable {
    public let bytes: @Sendable (Int) -> [UInt8]

    public init(bytes: @escaping @Sendable (Int) -> [UInt8]) {
        self.bytes = bytes
    }

    public static let system = AppRandom { count in
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// URL-safe base64 of `count` random bytes.
    public func token(bytes count: Int = 32) -> String {
        Data(bytes(count)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

/// Everything the app is built from, passed in once (docs/ARCHITECTURE.md style 6: no globals).
public struct AppDependencies: Sendable {
    public var settings: AppSettings
    public var clock: AppClock
    public var random: AppRandom
    /// Extra sources of open matters for the home page's 待办 panel, beside the modules' own (tests add theirs).
    public var deadlineSources: [any DeadlineSource]

    public init(settings: AppSettings, clock: AppClock = .system, random: AppRandom = .system,
                deadlineSources: [any DeadlineSource] = []) {
        self.settings = settings
        self.clock = clock
        self.random = random
        self.deadlineSources = deadlineSources
    }
}

struct AppDependenciesKey: StorageKey {
    typealias Value = AppContext
}

/// What the running app holds after configure: dependencies plus objects built from them.
public final class AppContext: Sendable {
    public let dependencies: AppDependencies
    public let secretBox: SecretBox
    public let passwordPolicy: PasswordPolicy
    /// The State Council schedules shipped with the release, parsed once (immutable data, not request state).
    public let bundledCalendarYears: [CalendarYear]
    public let metrics: AppMetrics
    public let stylesheet: String
    public let openAPIDocument: ByteBuffer
    /// A bcrypt hash of nothing, verified against when a username is unknown so timing reveals no accounts.
    public let decoyPasswordHash: String
    /// Bounded concurrency for this app (`RequestGateMiddleware`).
    let requestGate: RequestGate

    init(dependencies: AppDependencies, secretBox: SecretBox, passwordPolicy: PasswordPolicy, bundledCalendarYears: [CalendarYear],
         metrics: AppMetrics, stylesheet: String, openAPIDocument: ByteBuffer, decoyPasswordHash: String) {
        self.dependencies = dependencies
        self.secretBox = secretBox
        self.passwordPolicy = passwordPolicy
        self.bundledCalendarYears = bundledCalendarYears
        self.metrics = metrics
        self.stylesheet = stylesheet
        self.openAPIDocument = openAPIDocument
        self.decoyPasswordHash = decoyPasswordHash
        requestGate = RequestGate(limit: dependencies.settings.maxConcurrentRequests,
                                  wait: .milliseconds(dependencies.settings.queueWaitMilliseconds))
    }

    public var settings: AppSettings { dependencies.settings }
    /// Every module's open matters with deadlines, plus any the caller added (tests).
    public var deadlineSources: [any DeadlineSource] { ModuleRegistry.deadlineSources + dependencies.deadlineSources }
    public var clock: AppClock { dependencies.clock }
    public var random: AppRandom { dependencies.random }
}

extension Application {
    public var fazhi: AppContext {
        guard let context = storage[AppDependenciesKey.self] else {
            fatalError("configure(_:dependencies:) has not run")
        }
        return context
    }

    func setFazhi(_ context: AppContext) {
        storage[AppDependenciesKey.self] = context
    }
}

extension Request {
    public var fazhi: AppContext { application.fazhi }
    public var now: Date { application.fazhi.clock.now() }
}
