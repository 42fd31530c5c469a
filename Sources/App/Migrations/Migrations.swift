import Fluent

/// Every migration, in the one global order (`ModuleRegistry.migrations`: the platform's own and each module's,
/// by number). Append only: a released migration is never edited or renumbered (docs/ARCHITECTURE.md).
enum FazhiMigrations {
    static var all: [any Migration] { ModuleRegistry.migrations }
}
