import Foundation
import Testing
@testable import FazhiCore

@Suite("Advisers: one-village-one-adviser coverage")
struct VillageCoverageTests {
    typealias F = AdviserFixtures

    // Two townships: A with villages 11, 12 and community 13; B with village 21. Village 99 has no township.
    static let regions = [
        CoverageRegion(id: F.id(1), name: "沱江镇", level: .township, townshipID: nil),
        CoverageRegion(id: F.id(11), name: "虹桥村", level: .village, townshipID: F.id(1)),
        CoverageRegion(id: F.id(12), name: "堤溪村", level: .village, townshipID: F.id(1)),
        CoverageRegion(id: F.id(13), name: "南华社区", level: .community, townshipID: F.id(1)),
        CoverageRegion(id: F.id(2), name: "廖家桥镇", level: .township, townshipID: nil),
        CoverageRegion(id: F.id(21), name: "菖蒲塘村", level: .village, townshipID: F.id(2)),
    ]

    static func assignment(_ adviser: Int, _ region: Int, _ from: String, _ to: String?) -> VillageAssignment {
        VillageAssignment(adviserID: F.id(1000 + adviser), regionID: F.id(region), from: F.date(from), to: to.map(F.date))
    }

    @Test func perTownshipAndOverall() {
        let assignments = [
            Self.assignment(1, 11, "2020-01-01", "2020-12-31"),
            Self.assignment(1, 12, "2020-01-01", nil),             // one adviser, two villages
            Self.assignment(2, 11, "2020-01-01", nil),             // two advisers, one village
            Self.assignment(3, 13, "2021-01-01", nil),             // not yet
            Self.assignment(4, 21, "2019-01-01", "2019-12-31"),    // ended
            Self.assignment(5, 1, "2020-01-01", nil),              // a township: ignored
            Self.assignment(6, 77, "2020-01-01", nil),             // unknown region: ignored
        ]
        let types = [F.id(1001): AdviserType.socialLawyer, F.id(1002): .staff, F.id(1003): .publicLawyer]
        let report = VillageCoverage.compute(regions: Self.regions, assignments: assignments, on: F.date("2020-06-30"), adviserTypes: types)
        #expect(report.townships.map(\.name) == ["沱江镇", "廖家桥镇"])
        let tuojiang = report.townships[0]
        #expect((tuojiang.villages, tuojiang.communities, tuojiang.coveredVillages, tuojiang.coveredCommunities) == (2, 1, 2, 0))
        #expect(tuojiang.gaps == ["南华社区"])
        #expect(tuojiang.cells[0].adviserIDs == [F.id(1001), F.id(1002)])
        #expect(!tuojiang.isFullyCovered)
        #expect(report.townships[1].gaps == ["菖蒲塘村"])
        #expect((report.villages, report.communities, report.villagesCovered, report.communitiesCovered) == (3, 1, 2, 0))
        #expect(report.advisers == 2)
        #expect(report.advisersByType == [.socialLawyer: 1, .staff: 1])
        #expect(!report.isFullyCovered)
    }

    struct DateCase: Sendable, CustomTestStringConvertible {
        var date: String
        var covered: Bool
        var testDescription: String { "\(date) → \(covered)" }
    }

    /// from ≤ date ≤ to, both days included; open-ended when `to` is nil.
    @Test(arguments: [
        DateCase(date: "2019-12-31", covered: false),
        DateCase(date: "2020-01-01", covered: true),
        DateCase(date: "2020-12-31", covered: true),
        DateCase(date: "2021-01-01", covered: false),
    ])
    func assignmentDates(_ row: DateCase) {
        let report = VillageCoverage.compute(regions: Self.regions, assignments: [Self.assignment(1, 21, "2020-01-01", "2020-12-31")],
                                             on: F.date(row.date))
        #expect(report.townships[1].coveredVillages == (row.covered ? 1 : 0))
        #expect(report.advisers == (row.covered ? 1 : 0))
    }

    @Test func openEndedAndReversed() {
        let open = VillageCoverage.compute(regions: Self.regions, assignments: [Self.assignment(1, 21, "2020-01-01", nil)], on: F.date("2035-01-01"))
        #expect(open.villagesCovered == 1)
        let reversed = VillageCoverage.compute(regions: Self.regions, assignments: [Self.assignment(1, 21, "2020-06-01", "2020-01-01")],
                                               on: F.date("2020-03-01"))
        #expect(reversed.villagesCovered == 0)
    }

    @Test func villagesWithoutATownshipAreNotLost() {
        var regions = Self.regions
        regions.append(CoverageRegion(id: F.id(99), name: "无名村", level: .village, townshipID: F.id(55)))
        let report = VillageCoverage.compute(regions: regions, assignments: [], on: F.date("2020-06-30"))
        #expect(report.townships.last?.name == CoverageReport.unknownTownshipName)
        #expect(report.townships.last?.id == nil)
        #expect(report.villages == 4)
    }

    @Test func tupleInput() {
        let report = VillageCoverage.compute(
            regions: [(id: F.id(1), name: "沱江镇", level: RegionLevel.township, townshipID: nil),
                      (id: F.id(11), name: "虹桥村", level: .village, townshipID: F.id(1))],
            assignments: [(adviserID: F.id(1001), regionID: F.id(11), from: F.date("2020-01-01"), to: nil)],
            on: F.date("2020-06-30"))
        #expect(report.isFullyCovered && report.villagesCovered == 1)
    }

    /// The demo county at the scale of the seed: 17 townships, 256 villages, 26 communities, 109 advisers
    /// (24 social lawyers, 12 public lawyers, 2 legal workers, 71 staff) covering every one of them.
    @Test func fenghuangAtTheSeedsScale() throws {
        let table = try RegionTable.fenghuangDemo()
        var ids: [String: UUID] = [:]
        for (index, entry) in table.enumerated() { ids[entry.code.value] = F.id(index + 1) }
        let regions: [CoverageRegion] = table.compactMap { entry in
            let level: RegionLevel
            switch entry.kind {
            case .county: return nil
            case .township: level = .township
            case .village: level = .village
            case .community: level = .community
            }
            return CoverageRegion(id: ids[entry.code.value]!, name: entry.name, level: level,
                                  townshipID: level == .township ? nil : entry.parentCode.flatMap { ids[$0.value] })
        }
        let places = regions.filter { $0.level != .township }
        #expect(places.count == 282)
        // 109 advisers by type, as the seed; each village or community gets one, round-robin.
        let types: [AdviserType] = Array(repeating: .socialLawyer, count: 24) + Array(repeating: .publicLawyer, count: 12)
            + Array(repeating: .legalWorker, count: 2) + Array(repeating: .staff, count: 71)
        var adviserTypes: [UUID: AdviserType] = [:]
        for (index, type) in types.enumerated() { adviserTypes[F.id(5000 + index)] = type }
        let assignments = places.enumerated().map { index, place in
            VillageAssignment(adviserID: F.id(5000 + index % 109), regionID: place.id, from: F.date("2020-01-01"), to: F.date("2020-12-31"))
        }
        let report = VillageCoverage.compute(regions: regions, assignments: assignments, on: F.date("2020-12-31"), adviserTypes: adviserTypes)
        #expect(report.townships.count == 17)
        #expect(report.isFullyCovered)
        #expect(report.statisticValues == [
            "advisers.village.total": 109, "advisers.village.socialLawyers": 24, "advisers.village.publicLawyers": 12,
            "advisers.village.legalWorkers": 2, "advisers.village.staff": 71, "advisers.village.villages": 256,
            "advisers.village.communities": 26,
        ])
        // A gap shows up under its township.
        let withGap = VillageCoverage.compute(regions: regions, assignments: Array(assignments.dropFirst()), on: F.date("2020-12-31"),
                                              adviserTypes: adviserTypes)
        #expect(withGap.townships.flatMap(\.gaps) == [places[0].name])
        #expect(withGap.villagesCovered + withGap.communitiesCovered == 281)
    }
}
