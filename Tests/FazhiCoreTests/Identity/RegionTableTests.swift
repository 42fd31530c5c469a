import Foundation
import Testing
@testable import FazhiCore

@Suite("凤凰县演示区划表")
struct FenghuangRegionTableTests {
    /// The file as shipped in the FazhiCore bundle.
    static func rawText() throws -> String {
        // RegionTable.fenghuangDemoURL is FazhiCore's Bundle.module.url(forResource: "regions-fenghuang",
        // withExtension: "tsv", subdirectory: "Resources/demo").
        let url = try #require(RegionTable.fenghuangDemoURL)
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test func loadsWithTheReportsCounts() throws {
        let entries = try RegionTable.fenghuangDemo()
        func count(_ kind: RegionEntry.Kind) -> Int { entries.filter { $0.kind == kind }.count }
        // 《凤凰县2020年法治政府建设年度报告》: 17个乡镇, 256个村和26个社区.
        #expect(count(.county) == 1)
        #expect(count(.township) == 17)
        #expect(count(.village) == 256)
        #expect(count(.community) == 26)
        #expect(entries.count == 300)
    }

    @Test func everyRowIsStructurallyValid() throws {
        let text = try Self.rawText()
        var rows: [[String]] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            rows.append(line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init))
        }
        #expect(rows.count == 300)
        var codes: Set<String> = []
        var namesPerParent: [String: Set<String>] = [:]
        var levelOf: [String: String] = [:]
        for row in rows {
            try #require(row.count == 4, "\(row)")
            let (code, name, level, parent) = (row[0], row[1], row[2], row[3])
            let region = try #require(RegionCode(code), "\(code) is not a valid division code")
            #expect(code.count == 12)
            #expect(region.areaCode == "433123")
            #expect(codes.insert(code).inserted, "duplicate code \(code)")
            #expect(namesPerParent[parent, default: []].insert(name).inserted, "duplicate name \(name) under \(parent)")
            levelOf[code] = level
            switch level {
            case "county":
                #expect(code == "433123000000" && name == "凤凰县" && parent.isEmpty)
                #expect(region.level == .county)
            case "township":
                #expect(parent == "433123000000")
                #expect(region.level == .township)
                #expect(name.hasSuffix("镇") || name.hasSuffix("乡"))
            case "village", "community":
                #expect(region.level == .village)
                #expect(levelOf[parent] == "township", "\(code)'s parent \(parent) is not a township listed before it")
                #expect(code.hasPrefix(String(parent.prefix(9))))
                let serial = Int(code.suffix(3))!
                if level == "village" {
                    #expect((201...399).contains(serial), "\(code)")
                    #expect(name.hasSuffix("村"))
                } else {
                    #expect((1...199).contains(serial), "\(code)")
                    #expect(name.hasSuffix("社区"))
                }
            default:
                Issue.record("unknown level \(level)")
            }
            if !parent.isEmpty {
                #expect(code.hasPrefix(try #require(RegionCode(parent)).significantPrefix))
            }
        }
    }

    @Test func townshipsAreTheRealOnesOf2020() throws {
        let townships = Set(try RegionTable.fenghuangDemo().filter { $0.kind == .township }.map(\.name))
        #expect(townships == [
            "沱江镇", "廖家桥镇", "阿拉营镇", "茶田镇", "新场镇", "吉信镇", "木江坪镇", "山江镇", "禾库镇",
            "腊尔山镇", "筸子坪镇", "千工坪镇", "落潮井镇", "麻冲乡", "两林乡", "水打田乡", "林峰乡",
        ])
    }

    @Test func theCountySeatHoldsMostCommunities() throws {
        let entries = try RegionTable.fenghuangDemo()
        let seat = try #require(entries.first { $0.name == "沱江镇" })
        let byParent = Dictionary(grouping: entries.filter { $0.kind == .community }, by: { $0.parentCode })
        let seatCount = byParent[seat.code]?.count ?? 0
        #expect(byParent.values.allSatisfy { $0.count <= seatCount })
        #expect(seatCount > 26 / 3)
    }

    @Test func entriesCarryTypedCodesAndParents() throws {
        let entries = try RegionTable.fenghuangDemo()
        let byCode = Dictionary(uniqueKeysWithValues: entries.map { ($0.code, $0) })
        for entry in entries {
            #expect(entry.code.level == entry.kind.level)
            guard let parentCode = entry.parentCode else {
                #expect(entry.kind == .county)
                continue
            }
            let parent = try #require(byCode[parentCode])
            #expect(parent.code.contains(entry.code))
            #expect(entry.code.parent == parent.code)
        }
    }
}

@Suite("区划表解析")
struct RegionTableParsingTests {
    static let header = """
    # comment
    433123000000\t凤凰县\tcounty\t
    433123100000\t沱江镇\ttownship\t433123000000

    """

    @Test func parsesAWellFormedTable() throws {
        let text = Self.header + "433123100001\t虹桥社区\tcommunity\t433123100000\r\n433123100201\t官庄村\tvillage\t433123100000\n"
        let entries = try RegionTable.parse("\u{FEFF}" + text).get()
        #expect(entries.map(\.name) == ["凤凰县", "沱江镇", "虹桥社区", "官庄村"])
        #expect(entries[3].parentCode?.value == "433123100000")
    }

    @Test(arguments: [
        ("433123100201\t官庄村\tvillage", 4),                                   // 3 columns
        ("4331231002\t官庄村\tvillage\t433123100000", 4),                        // 10-digit code
        ("433123100201\t\tvillage\t433123100000", 4),                            // empty name
        ("433123100201\t官庄 村\tvillage\t433123100000", 4),                     // space in name
        ("433123100201\t官庄村\thamlet\t433123100000", 4),                       // unknown level
        ("433123100201\t官庄村\ttownship\t433123000000", 4),                     // level does not match code
        ("433123100001\t官庄村\tvillage\t433123100000", 4),                      // village with a community code
        ("433123100201\t虹桥社区\tcommunity\t433123100000", 4),                  // community with a village code
        ("433123101201\t官庄村\tvillage\t433123100000", 4),                      // not under its parent
        ("433123100201\t官庄村\tvillage\t433123101000", 4),                      // parent not listed
        ("433123100201\t官庄村\tvillage\t", 4),                                  // no parent
        ("433123100201\t官庄村\tvillage\t433123100000\n433123100201\t都里村\tvillage\t433123100000", 5), // duplicate code
        ("433123100201\t官庄村\tvillage\t433123100000\n433123100202\t官庄村\tvillage\t433123100000", 5), // duplicate name
        ("433123100201\t官庄村\tvillage\t433123000000", 4),                      // parent is the county
        ("433124000000\t吉首市\tcounty\tx", 4),                                  // county with a parent
    ])
    func namesTheBadLine(_ body: String, _ line: Int) {
        switch RegionTable.parse(Self.header + body + "\n") {
        case .success: Issue.record("accepted")
        case .failure(let problems):
            #expect(problems.lines.map(\.line) == [line])
            #expect(problems.description.hasPrefix("第\(line)行："))
        }
    }

    @Test func reportsEveryBadLineAtOnce() {
        let text = Self.header + "bad\n433123100201\t官庄村\tvillage\t433123100000\nalso bad\n"
        guard case .failure(let problems) = RegionTable.parse(text) else {
            Issue.record("accepted")
            return
        }
        #expect(problems.lines.map(\.line) == [4, 6])
    }
}
