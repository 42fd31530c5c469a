import FazhiCore
import Fluent
import Foundation
import Vapor

/// One module of Fazhi (规范性文件, 重大行政决策 …): everything the rest of the app needs to know about it, in one
/// value defined in the module's own folder. `ModuleRegistry.modules` (configure.swift) is the one ordered list;
/// routes, migrations, navigation, audit labels, statistics, deadlines, rules pages, the statutory-rule
/// catalogue, the demo and the OpenAPI document are all derived from it (docs/ARCHITECTURE.md).
protocol FazhiModule: Sendable {
    /// Stable English id, the prefix of its audit actions, figure keys and rule ids: "documents".
    var id: String { get }
    /// 规范性文件.
    var title: String { get }
    /// Registers every route of the module, each with its Access (deny by default).
    func routes(_ r: FazhiRoutes)
    /// The module's migrations with their place in the one global, append-only order.
    var migrations: [ModuleMigration] { get }
    /// Links in the main navigation, in order.
    var navigation: [NavItem] { get }
    /// Chinese names of the module's audit actions (the stored code stays English).
    var auditLabels: [String: String] { get }
    /// Labels for actions the table cannot list (e.g. one per change kind); nil when not the module's.
    func auditLabel(for action: String) -> String?
    /// `workflow.<caseType>.<event>` labels of the module's workflow tables (`WorkflowLabels.of`).
    var workflowLabels: [String: String] { get }
    /// The module's figures in the statistics catalogue.
    var statistics: [CatalogueEntry] { get }
    /// Where its open matters with deadlines come from, for the 待办 panel and the dashboard.
    var deadlineSources: [any DeadlineSource] { get }
    /// What it stores derived from its records (a record's end date, its rows in the 待办 index): kept in step
    /// by every write transaction, in this order (`DerivedIndexes`).
    var derivedIndexes: [any DerivedIndex] { get }
    /// Its configurable rules, one settings page each.
    var rulesPages: [RulesPage] { get }
    /// Every statutory period it enforces (docs/RULES.md).
    var statutoryRules: [StatutoryRule] { get }
    /// Its part of the demo county, if any.
    var demo: DemoStep? { get }
    /// Its tables, copied per county by `fazhi demo --scale` (DemoScale.Table: ids remapped, unique values made unique).
    var scaleTables: [DemoScale.Table] { get }
    /// Its paths and schemas in the OpenAPI document (JSON text of `{"paths":{…},"schemas":{…}}`), if it has an API.
    var openAPI: String? { get }
}

extension FazhiModule {
    var migrations: [ModuleMigration] { [] }
    var navigation: [NavItem] { [] }
    var auditLabels: [String: String] { [:] }
    func auditLabel(for action: String) -> String? { nil }
    var workflowLabels: [String: String] { [:] }
    var statistics: [CatalogueEntry] { [] }
    var deadlineSources: [any DeadlineSource] { [] }
    var derivedIndexes: [any DerivedIndex] { [] }
    var rulesPages: [RulesPage] { [] }
    var statutoryRules: [StatutoryRule] { [] }
    var demo: DemoStep? { nil }
    var scaleTables: [DemoScale.Table] { [] }
    var openAPI: String? { nil }
}

/// A migration and its place in the global order. The number is given once, when the migration is written
/// (the next free number, see `ModuleRegistry.migrations`), and never changes: a database created by any release
/// migrates forward in this order. The migration's type name is its identity in `_fluent_migrations`.
struct ModuleMigration: Sendable {
    let sequence: Int
    let migration: any Migration

    init(_ sequence: Int, _ migration: any Migration) {
        self.sequence = sequence
        self.migration = migration
    }
}

/// A module's configurable-rules page: shown to whoever reads the module, saved by the legal office. Its values
/// also set the numbers of the module's statutory rules that name a setting (`StatutoryRule.settingField`).
struct RulesPage: Sendable {
    let url: any RoutePath
    let readAccess: Access
    let writeAccess: Access
    let show: @Sendable (Request) async throws -> Response
    let save: @Sendable (Request) async throws -> Response
    /// The stored rules (or their defaults), as the statutory rules read them.
    let periodSettings: @Sendable (any Database) async throws -> any PeriodSettings

    /// `RulesPage(DocumentRules.self, url: .documentRules, back: (title, .documents), nav: id)`: the SiteURL spelling.
    init<R: ModuleRules & PeriodSettings>(_ rules: R.Type, url: SiteURL, back: (String, SiteURL), nav: String,
                                          read: Access = .readRecords, write: Access = .legalOffice) {
        self.init(rules, route: url, back: (back.0, back.1 as any RoutePath), nav: nav, read: read, write: write)
    }

    init<R: ModuleRules & PeriodSettings>(_ rules: R.Type, route url: any RoutePath, back: (String, any RoutePath), nav: String,
                                          read: Access = .readRecords, write: Access = .legalOffice) {
        self.url = url
        readAccess = read
        writeAccess = write
        show = RulesSettings.show(R.self, url: url, back: back, nav: nav)
        save = RulesSettings.save(R.self, url: url, back: back, nav: nav)
        periodSettings = { db in try await RulesSettings.load(R.self, on: db) }
    }
}

/// A module's part of the demo county: loaded after the modules it names, with what they published.
struct DemoStep: Sendable {
    /// Ids of the modules whose demo records this one refers to.
    let after: [String]
    let load: @Sendable (DemoContext) async throws -> Void
}

/// What a module's demo loader gets: the database, the demo's legal-office reviewer, the clock, and the id
/// tables earlier loaders published (e.g. "documents" → title → id) for records that refer to theirs.
final class DemoContext: @unchecked Sendable {
    let db: any Database
    let reviewer: UserModel
    let box: SecretBox
    let today: LocalDate
    let now: Date
    /// Written by one loader, read by later ones; the loaders run one after another, never at once.
    var published: [String: [String: UUID]] = [:]

    init(db: any Database, reviewer: UserModel, box: SecretBox, today: LocalDate, now: Date) {
        self.db = db
        self.reviewer = reviewer
        self.box = box
        self.today = today
        self.now = now
    }
}

/// `workflow.<case type>.<event>` → "规范性文件：公布" for every event of a workflow table.
enum WorkflowLabels {
    static func of<S, E, C>(_ definition: WorkflowDefinition<S, E, C>, _ module: String) -> [String: String] {
        var map: [String: String] = [:]
        for event in E.allCases { map["workflow.\(definition.caseType).\(event.rawValue)"] = "\(module)：\(event.label)" }
        return map
    }
}

extension Access {
    /// Read a unit's own records (every role that works with records).
    static let readRecords = Access.capability(.readOwnUnitRecords)
    /// Draft and change a unit's own records.
    static let draftRecords = Access.capability(.writeOwnUnitRecords)
    /// The legal office: review, approve, file, change any unit's records.
    static let legalOffice = Access.capability(.writeAllRecords)
    /// Leaders' dashboards and reports.
    static let dashboards = Access.capability(.viewDashboards)
}

/// Everything derived from the module list.
extension ModuleRegistry {
    /// Migrations of the platform itself (no module owns them), with their global numbers.
    static let coreMigrations: [ModuleMigration] = [
        ModuleMigration(1, CreateRegions()),
        ModuleMigration(2, CreateUnits()),
        ModuleMigration(3, CreateUsers()),
        ModuleMigration(4, CreateSessions()),
        ModuleMigration(5, CreateLoginAttempts()),
        ModuleMigration(6, CreateAPITokens()),
        ModuleMigration(7, CreateSettings()),
        ModuleMigration(8, CreateAuditTrail()),
        ModuleMigration(9, CreateCalendarYears()),
        ModuleMigration(10, CreateReviews()),
        ModuleMigration(11, CreateAttachments()),
        ModuleMigration(19, CreateDeadlineIndex()),
        ModuleMigration(21, AddChecksumToCalendarYears()),
        ModuleMigration(23, IndexForeignKeyColumns()),
    ]

    /// Every migration in its global order (by number, whatever the module order).
    static var migrations: [any Migration] {
        (coreMigrations + modules.flatMap(\.migrations)).sorted { $0.sequence < $1.sequence }.map(\.migration)
    }

    static var statistics: [CatalogueEntry] { modules.flatMap(\.statistics) }

    static var deadlineSources: [any DeadlineSource] { modules.flatMap(\.deadlineSources) }

    static var navigation: [NavItem] { modules.flatMap(\.navigation) }

    static let ruleCatalogue = RuleCatalogue(modules.flatMap(\.statutoryRules))

    /// The modules' demo steps, each after the ones it names (stable: otherwise in module order).
    static var demoSteps: [(String, DemoStep)] {
        var pending = modules.compactMap { module in module.demo.map { (module.id, $0) } }
        var done: [(String, DemoStep)] = []
        while !pending.isEmpty {
            guard let next = pending.firstIndex(where: { step in step.1.after.allSatisfy { id in done.contains { $0.0 == id } || !pending.contains { $0.0 == id } } })
            else { fatalError("demo steps depend on each other in a circle: \(pending.map(\.0))") }
            done.append(pending.remove(at: next))
        }
        return done
    }

    /// The version of a rule that applies to a matter starting on `date` (or the named law version), with the
    /// legal office's value where the rule is a setting: what every deadline, the calculator page and
    /// `fazhi deadline --rule` compute with.
    static func rule(_ id: String, on date: LocalDate, lawVersion: String? = nil, db: (any Database)?) async throws -> StatutoryRule {
        let rule = try ruleCatalogue.rule(id, on: date, lawVersion: lawVersion)
        guard rule.settingField != nil, let db, let module = modules.first(where: { $0.id == rule.module }) else { return rule }
        for page in module.rulesPages {
            let settings = try await page.periodSettings(db)
            if let field = rule.settingField, settings.settingValue(field) != nil { return rule.applying(settings) }
        }
        return rule
    }

    /// Registers every module's routes and its rules pages.
    static func routes(_ r: FazhiRoutes) {
        for module in modules {
            module.routes(r)
            for page in module.rulesPages {
                r.get(page.url, page.readAccess, use: page.show)
                r.post(page.url, page.writeAccess, use: page.save)
            }
        }
    }

    /// The OpenAPI document: the platform's own file with every module's paths and schemas added.
    static func openAPIDocument(base: String) throws -> String {
        guard var document = try JSONSerialization.jsonObject(with: Data(base.utf8)) as? [String: Any],
              var paths = document["paths"] as? [String: Any],
              var components = document["components"] as? [String: Any],
              var schemas = components["schemas"] as? [String: Any] else {
            throw Abort(.internalServerError, reason: "openapi.json is not an OpenAPI document")
        }
        for module in modules {
            guard let fragment = module.openAPI else { continue }
            guard let object = try JSONSerialization.jsonObject(with: Data(fragment.utf8)) as? [String: Any] else {
                throw Abort(.internalServerError, reason: "\(module.id): OpenAPI fragment is not a JSON object")
            }
            for (path, value) in object["paths"] as? [String: Any] ?? [:] {
                guard paths[path] == nil else { throw Abort(.internalServerError, reason: "\(module.id): OpenAPI path \(path) declared twice") }
                paths[path] = value
            }
            for (name, value) in object["schemas"] as? [String: Any] ?? [:] {
                guard schemas[name] == nil else { throw Abort(.internalServerError, reason: "\(module.id): OpenAPI schema \(name) declared twice") }
                schemas[name] = value
            }
        }
        components["schemas"] = schemas
        document["components"] = components
        document["paths"] = paths
        let data = try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
