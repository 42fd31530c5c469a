@testable import App
import FazhiCore
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

/// The module list is the one place a module is named; everything else is derived from it (docs/ARCHITECTURE.md).
@Suite("Module registry")
struct ModuleRegistryTests {
    /// The order every database so far was created in (the names Fluent records in `_fluent_migrations`).
    static let releasedMigrations = [
        "App.CreateRegions", "App.CreateUnits", "App.CreateUsers", "App.CreateSessions", "App.CreateLoginAttempts", "App.CreateAPITokens",
        "App.CreateSettings", "App.CreateAuditTrail", "App.CreateCalendarYears", "App.CreateReviews", "App.CreateAttachments",
        "App.CreateDocuments", "App.CreateDecisions", "App.CreateContracts", "App.CreateAdvisers", "App.CreateReports",
    ]

    @Test("Migrations keep one global append-only order: unique numbers, released ones first and unchanged")
    func migrationOrder() {
        let numbered = ModuleRegistry.coreMigrations + ModuleRegistry.modules.flatMap(\.migrations)
        let numbers = numbered.map(\.sequence)
        #expect(Set(numbers).count == numbers.count, "two migrations share a number: \(numbers.sorted())")
        let names = ModuleRegistry.migrations.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(Array(names.prefix(Self.releasedMigrations.count)) == Self.releasedMigrations)
    }

    @Test("Each module names itself once, and its audit actions, figures and rules carry its id")
    func modulesOwnTheirNames() {
        let ids = ModuleRegistry.modules.map(\.id)
        #expect(Set(ids).count == ids.count)
        for module in ModuleRegistry.modules {
            for action in module.auditLabels.keys {
                #expect(action.hasPrefix(module.id + "."), "\(module.id) labels \(action)")
            }
            for entry in module.statistics {
                #expect(entry.definition.key.hasPrefix(module.id + "."), "\(module.id) computes \(entry.definition.key)")
            }
            for rule in module.statutoryRules {
                #expect(rule.module == module.id, "\(module.id) declares rule \(rule.id)")
            }
        }
        #expect(ModuleRegistry.ruleCatalogue.problems.isEmpty, "\(ModuleRegistry.ruleCatalogue.problems)")
        let keys = StatisticsCatalogue.entries.map(\.definition.key)
        #expect(Set(keys).count == keys.count, "a figure is computed twice")
    }

    @Test("Navigation, statistics, deadlines, audit labels and demo steps come from the list")
    func derivedLists() {
        let navigation = Navigation.items.map(\.key)
        for module in ModuleRegistry.modules {
            for item in module.navigation { #expect(navigation.contains(item.key)) }
            for (action, label) in module.auditLabels { #expect(AuditActions.label(action) == label) }
            for (action, label) in module.workflowLabels { #expect(AuditActions.label(action) == label) }
        }
        #expect(StatisticsCatalogue.entries.count == ModuleRegistry.modules.map(\.statistics.count).reduce(0, +))
        #expect(ModuleRegistry.deadlineSources.count == ModuleRegistry.modules.map(\.deadlineSources.count).reduce(0, +))
        // Each demo step runs after the steps it names.
        let order = ModuleRegistry.demoSteps.map(\.0)
        for (index, step) in ModuleRegistry.demoSteps.enumerated() {
            for dependency in step.1.after where order.contains(dependency) {
                #expect(order.firstIndex(of: dependency)! < index, "\(step.0) runs before \(dependency)")
            }
        }
        #expect(order == ["documents", "advisers", "contracts", "decisions", "report"])
    }

    @Test("Every module route is registered with an access rule, rules pages included")
    func moduleRoutesAreRegistered() async throws {
        try await withTestApp(demo: false) { t in
            let registered = Set(t.app.routes.all.map { "\($0.method) /" + $0.path.map(\.description).joined(separator: "/") })
            for module in ModuleRegistry.modules {
                let builder = RecordingRoutes()
                module.routes(FazhiRoutes(builder: builder))
                for page in module.rulesPages {
                    builder.on(.GET, page.url.pathComponents, body: .collect, use: { _ in Response() })
                    builder.on(.POST, page.url.pathComponents, body: .collect, use: { _ in Response() })
                }
                #expect(!builder.routes.isEmpty, "\(module.id) has no routes")
                for route in builder.routes {
                    let key = "\(route.method) /" + route.path.map(\.description).joined(separator: "/")
                    #expect(registered.contains(key), "\(module.id): \(key) is not served")
                }
            }
            for route in t.app.routes.all {
                #expect(route.userInfo[FazhiRoutes.accessKey] is Access, "\(route.method) \(route.path) has no access rule")
            }
        }
    }
}

/// A module's own path type, as a new module declares it instead of editing SiteURL.
enum ExampleModuleURL: RoutePath {
    case cases
    case item(Parameter<UUID>)

    var segments: [String] {
        switch self {
        case .cases: ["example", "cases"]
        case .item(let id): ["example", "cases", id.segment("caseID")]
        }
    }
}

@Suite("Module paths")
struct ModulePathTests {
    @Test("A module's own RoutePath registers routes, links, breadcrumbs and navigation like SiteURL")
    func ownPathType() {
        let id = UUID(uuidString: "3F2504E0-4F89-11D3-9A0C-0305E82C3301")!
        #expect(ExampleModuleURL.item(.value(id)).path == "/example/cases/3F2504E0-4F89-11D3-9A0C-0305E82C3301")
        #expect(ExampleModuleURL.cases.path(query: [("page", "2"), ("q", "")]) == "/example/cases?page=2")
        let builder = RecordingRoutes()
        FazhiRoutes(builder: builder).get(ExampleModuleURL.item(.key), .readRecords, use: { _ in Response() })
        #expect(builder.routes.map { $0.path.map(\.description).joined(separator: "/") } == ["example/cases/:caseID"])
        #expect(builder.routes.first?.userInfo[FazhiRoutes.accessKey] as? Access == .readRecords)
        #expect(Components.link("案件", route: ExampleModuleURL.cases).render().contains("href=\"/example/cases\""))
        #expect(Crumb("案件", route: ExampleModuleURL.cases).url?.path == "/example/cases")
        // SiteURL is a RoutePath too: the same segments either way.
        #expect((SiteURL.document(.value(id)) as any RoutePath).path == SiteURL.document(.value(id)).path)
    }
}

/// Collects the routes a module registers, without an app.
final class RecordingRoutes: RoutesBuilder, @unchecked Sendable {
    var routes: [Route] = []
    func add(_ route: Route) { routes.append(route) }
}
