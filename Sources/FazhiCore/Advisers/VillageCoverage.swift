import Foundation

/// One region for the coverage table: a township, or a village or community with its township.
public struct CoverageRegion: Sendable, Hashable {
    public var id: UUID
    public var name: String
    public var level: RegionLevel
    /// The township of a village or community; nil for a township (and ignored for it).
    public var townshipID: UUID?

    public init(id: UUID, name: String, level: RegionLevel, townshipID: UUID?) {
        self.id = id
        self.name = name
        self.level = level
        self.townshipID = townshipID
    }
}

/// An adviser assigned to a village or community (一村（社区）一法律顾问), from `from` through `to` (nil = open).
public struct VillageAssignment: Sendable, Hashable {
    public var adviserID: UUID
    public var regionID: UUID
    public var from: LocalDate
    public var to: LocalDate?

    public init(adviserID: UUID, regionID: UUID, from: LocalDate, to: LocalDate?) {
        self.adviserID = adviserID
        self.regionID = regionID
        self.from = from
        self.to = to
    }

    /// Counts on `date` when from ≤ date ≤ to (both days included; open-ended when `to` is nil).
    public func isActive(on date: LocalDate) -> Bool {
        from <= date && (to.map { date <= $0 } ?? true)
    }
}

/// The one-village-one-adviser coverage on a date: per township, and for the county.
public struct CoverageReport: Sendable, Hashable {
    /// A village or community with the advisers serving it on the date (a cell of the grid).
    public struct Cell: Sendable, Hashable {
        public var regionID: UUID
        public var name: String
        public var level: RegionLevel
        /// Distinct advisers, in the order their assignments were given.
        public var adviserIDs: [UUID]

        public var isCovered: Bool { !adviserIDs.isEmpty }
    }

    public struct Township: Sendable, Hashable {
        /// Nil for the group of villages whose township is not in the region list.
        public var id: UUID?
        public var name: String
        public var cells: [Cell]

        public var villages: Int { cells.count { $0.level == .village } }
        public var communities: Int { cells.count { $0.level == .community } }
        public var coveredVillages: Int { cells.count { $0.level == .village && $0.isCovered } }
        public var coveredCommunities: Int { cells.count { $0.level == .community && $0.isCovered } }
        public var covered: Int { cells.count(where: \.isCovered) }
        /// Names of the villages and communities without an adviser, in region-list order.
        public var gaps: [String] { cells.filter { !$0.isCovered }.map(\.name) }
        public var isFullyCovered: Bool { cells.allSatisfy(\.isCovered) }
    }

    /// The name given to villages whose township is missing from the region list.
    public static let unknownTownshipName = "（未归属乡镇）"

    public var date: LocalDate
    /// In region-list order of the townships; the unknown-township group, if any, last.
    public var townships: [Township]
    /// Distinct advisers with at least one active assignment to a listed village or community.
    public var advisers: Int
    /// The same advisers by type (advisers of an unknown type count in `advisers` only).
    public var advisersByType: [AdviserType: Int]

    public var villages: Int { townships.reduce(0) { $0 + $1.villages } }
    public var communities: Int { townships.reduce(0) { $0 + $1.communities } }
    public var villagesCovered: Int { townships.reduce(0) { $0 + $1.coveredVillages } }
    public var communitiesCovered: Int { townships.reduce(0) { $0 + $1.coveredCommunities } }
    public var isFullyCovered: Bool { townships.allSatisfy(\.isFullyCovered) }

    /// The figures under their catalogue keys (Tests/FazhiCoreTests/Report/Fixtures/fenghuang-2020-figures.tsv): advisers.village.total,
    /// .socialLawyers, .publicLawyers, .legalWorkers, .staff, .villages (covered), .communities (covered).
    public var statisticValues: [String: Int] {
        var values: [String: Int] = [
            "advisers.village.total": advisers,
            "advisers.village.villages": villagesCovered,
            "advisers.village.communities": communitiesCovered,
        ]
        for type in AdviserType.allCases {
            if let key = type.villageStatisticKey { values[key] = advisersByType[type] ?? 0 }
        }
        return values
    }
}

public enum VillageCoverage {
    /// The coverage on `date`. Assignments to regions not in the list, or to townships, are ignored; an
    /// assignment whose `to` precedes its `from` is never active. `adviserTypes` gives each adviser's type for
    /// the per-type counts.
    public static func compute(regions: [CoverageRegion], assignments: [VillageAssignment], on date: LocalDate,
                               adviserTypes: [UUID: AdviserType] = [:]) -> CoverageReport {
        var townshipOrder: [UUID] = []
        var townshipNames: [UUID: String] = [:]
        for region in regions where region.level == .township && townshipNames[region.id] == nil {
            townshipOrder.append(region.id)
            townshipNames[region.id] = region.name
        }
        let villageLevels: Set<RegionLevel> = [.village, .community]
        var advisersOf: [UUID: [UUID]] = [:]
        let listed = Set(regions.filter { villageLevels.contains($0.level) }.map(\.id))
        var activeAdvisers: [UUID] = []
        var seenAdvisers = Set<UUID>()
        for assignment in assignments where listed.contains(assignment.regionID) && assignment.isActive(on: date) {
            if !(advisersOf[assignment.regionID] ?? []).contains(assignment.adviserID) {
                advisersOf[assignment.regionID, default: []].append(assignment.adviserID)
            }
            if seenAdvisers.insert(assignment.adviserID).inserted { activeAdvisers.append(assignment.adviserID) }
        }
        var cellsByTownship: [UUID: [CoverageReport.Cell]] = [:]
        var orphans: [CoverageReport.Cell] = []
        var placed = Set<UUID>()
        for region in regions where villageLevels.contains(region.level) && placed.insert(region.id).inserted {
            let cell = CoverageReport.Cell(regionID: region.id, name: region.name, level: region.level,
                                           adviserIDs: advisersOf[region.id] ?? [])
            if let township = region.townshipID, townshipNames[township] != nil {
                cellsByTownship[township, default: []].append(cell)
            } else {
                orphans.append(cell)
            }
        }
        var townships = townshipOrder.map {
            CoverageReport.Township(id: $0, name: townshipNames[$0]!, cells: cellsByTownship[$0] ?? [])
        }
        if !orphans.isEmpty {
            townships.append(CoverageReport.Township(id: nil, name: CoverageReport.unknownTownshipName, cells: orphans))
        }
        var byType: [AdviserType: Int] = [:]
        for adviser in activeAdvisers {
            if let type = adviserTypes[adviser] { byType[type, default: 0] += 1 }
        }
        return CoverageReport(date: date, townships: townships, advisers: activeAdvisers.count, advisersByType: byType)
    }

    /// The same from plain tuples, as the App's queries return them.
    public static func compute(regions: [(id: UUID, name: String, level: RegionLevel, townshipID: UUID?)],
                               assignments: [(adviserID: UUID, regionID: UUID, from: LocalDate, to: LocalDate?)],
                               on date: LocalDate, adviserTypes: [UUID: AdviserType] = [:]) -> CoverageReport {
        compute(regions: regions.map { CoverageRegion(id: $0.id, name: $0.name, level: $0.level, townshipID: $0.townshipID) },
                assignments: assignments.map { VillageAssignment(adviserID: $0.adviserID, regionID: $0.regionID, from: $0.from, to: $0.to) },
                on: date, adviserTypes: adviserTypes)
    }
}
