import FazhiCore
import Fluent
import Foundation
import Vapor

/// Builds the whole app from its dependencies (docs/ARCHITECTURE.md style 6): the executable and every test call this.
public enum FazhiApp {
    public static func make(_ environment: Environment, dependencies: AppDependencies) async throws -> Application {
        let app = try await Application.make(environment)
        do {
            try await configure(app, dependencies)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        return app
    }

    /// Migrates to the latest schema and checks the storage settings.
    public static func migrate(_ app: Application) async throws {
        try await DatabaseSetup.prepare(app.db)
        try await app.autoMigrate()
        try await DerivedIndexes.ensureCurrent(on: app.db)
    }

    /// True when the database holds no organisation data yet (a first run).
    public static func isEmpty(_ app: Application) async throws -> Bool {
        try await !DemoCounty.hasData(on: app.db)
    }
}

/// The modules, in the order the navigation shows them. Adding a module is one line here (docs/ARCHITECTURE.md).
enum ModuleRegistry {
    static let modules: [any FazhiModule] = [
        DocumentsModule(),
        DecisionsModule(),
        ContractsModule(),
        AdvisersModule(),
        ReportModule(),
    ]
}

public func configure(_ app: Application, _ dependencies: AppDependencies) async throws {
    let settings = dependencies.settings
    app.logger.logLevel = Logger.Level(rawValue: settings.logLevel) ?? .info
    try DatabaseSetup.configure(app, settings: settings)
    app.migrations.add(FazhiMigrations.all)
    app.routes.defaultMaxBodySize = ByteCount(value: settings.maxBodyBytes)
    app.routes.caseInsensitive = false

    let stylesheet = try appResource("fazhi", "css", in: "Resources/Public")
    let openAPI = try ModuleRegistry.openAPIDocument(base: try appResource("openapi", "json", in: "Resources"))
    let decoy = try Bcrypt.hash("decoy-" + UUID().uuidString, cost: settings.bcryptCost)
    app.setFazhi(AppContext(
        dependencies: dependencies,
        secretBox: SecretBox(key: try settings.loadSecretKey()),
        passwordPolicy: try PasswordPolicy.bundled(),
        bundledCalendarYears: try LegalCalendar.bundledYears(),
        metrics: AppMetrics(),
        stylesheet: stylesheet,
        openAPIDocument: ByteBuffer(string: openAPI),
        decoyPasswordHash: decoy))

    // Outermost first: headers on everything, then metrics and the request log, then the request gate (bounded
    // concurrency), then errors become pages, then the session is loaded for the route.
    app.middleware = Middlewares()
    app.middleware.use(SecurityHeadersMiddleware(https: settings.servedOverHTTPS))
    app.middleware.use(MetricsMiddleware())
    app.middleware.use(RequestGateMiddleware(gate: app.fazhi.requestGate))
    app.middleware.use(ErrorPageMiddleware())
    app.middleware.use(SessionMiddleware())

    try routes(app)
}

func appResource(_ name: String, _ ext: String, in subdirectory: String) throws -> String {
    guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: subdirectory) else {
        throw Abort(.internalServerError, reason: "resource \(subdirectory)/\(name).\(ext) missing")
    }
    return try String(contentsOf: url, encoding: .utf8)
}
