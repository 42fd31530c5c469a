import Foundation
import Testing
@testable import FazhiCore

private func isoDate(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

@Suite("Report: finalized snapshot and its hash")
struct ReportSnapshotTests {
    typealias Snapshot = ReportSnapshot

    static let reviewed = Snapshot.Figure(key: "contracts.reviewed", label: "审查各类合同协议", display: "90余", numerator: 94,
                                          denominator: nil, asOf: isoDate("2020-12-31"), source: .computed)
    static let successRate = Snapshot.Figure(key: "mediation.successRate", label: "成功率", display: "98%", numerator: 1330,
                                             denominator: 1356, asOf: isoDate("2020-11-30"), source: .declared)
    static let closing = Snapshot.Section(key: .closing, heading: nil, headingTemplate: nil, text: "专此报告。", template: "专此报告。")
    static let decisions = Snapshot.Section(
        key: .decisionMaking, heading: "（二）健全合法性审查", headingTemplate: "健全合法性审查",
        text: "共审查各类合同协议90余份,政府合同备案13份。",
        template: "共审查各类合同协议{{contracts.reviewed|余:10}}份,政府合同备案{{contracts.filed}}份。")

    static func sample(sections: [Snapshot.Section] = [closing, decisions], figures: [Snapshot.Figure] = [successRate, reviewed]) -> Snapshot {
        Snapshot(year: 2020, region: "凤凰县", title: "关于2020年度法治政府建设工作的报告", signatories: ["中共凤凰县委", "凤凰县人民政府"],
                 date: isoDate("2021-03-16"), sections: sections, figures: figures)
    }

    /// Sorted keys, no spaces, null for absent values, sections in report order, figures by key. The hash was
    /// computed independently (Python hashlib.sha256 over these exact bytes).
    @Test func canonicalFormAndHash() {
        let expected = #"{"date":"2021-03-16","figures":[{"asOf":"2020-12-31","denominator":null,"display":"90余","key":"contracts.reviewed","label":"审查各类合同协议","numerator":94,"source":"computed"},{"asOf":"2020-11-30","denominator":1356,"display":"98%","key":"mediation.successRate","label":"成功率","numerator":1330,"source":"declared"}],"format":"fazhi-report-snapshot-v1","region":"凤凰县","sections":[{"heading":"（二）健全合法性审查","headingTemplate":"健全合法性审查","key":"decisionMaking","template":"共审查各类合同协议{{contracts.reviewed|余:10}}份,政府合同备案{{contracts.filed}}份。","text":"共审查各类合同协议90余份,政府合同备案13份。"},{"heading":null,"headingTemplate":null,"key":"closing","template":"专此报告。","text":"专此报告。"}],"signatories":["中共凤凰县委","凤凰县人民政府"],"title":"关于2020年度法治政府建设工作的报告","year":2020}"#
        #expect(String(decoding: Self.sample().canonicalJSON, as: UTF8.self) == expected)
        #expect(Self.sample().sha256Hex == "783eebd657202941e4df70a2a5372f3d257e3de6f66f2d4ee98def39690505c3")
    }

    @Test func escapesOnlyWhatJSONRequires() {
        var snapshot = Self.sample()
        snapshot.region = "引号\"反斜杠\\换行\n制表\t响铃\u{07}斜杠/"
        let json = String(decoding: snapshot.canonicalJSON, as: UTF8.self)
        #expect(json.contains(#""region":"引号\"反斜杠\\换行\n制表\t响铃\u0007斜杠/""#))
    }

    /// Equal content gives equal bytes whatever order it was assembled in and however it was stored.
    @Test func hashIsStableAcrossEncodingsOfEqualSnapshots() throws {
        let original = Self.sample()
        let reordered = Self.sample(sections: [Self.decisions, Self.closing], figures: [Self.reviewed, Self.successRate])
        #expect(reordered == original)
        #expect(reordered.sha256Hex == original.sha256Hex)

        let decoded = try Snapshot(canonicalJSON: original.canonicalJSON)
        #expect(decoded == original)
        #expect(decoded.canonicalJSON == original.canonicalJSON)

        for formatting in [JSONEncoder.OutputFormatting(), .prettyPrinted, [.sortedKeys, .withoutEscapingSlashes]] {
            let encoder = JSONEncoder()
            encoder.outputFormatting = formatting
            let stored = try encoder.encode(original)
            let restored = try JSONDecoder().decode(Snapshot.self, from: stored)
            #expect(restored.sha256Hex == original.sha256Hex)
        }
    }

    @Test func refusesAnotherFormat() {
        let json = String(decoding: Self.sample().canonicalJSON, as: UTF8.self)
            .replacingOccurrences(of: "fazhi-report-snapshot-v1", with: "fazhi-report-snapshot-v0")
        #expect(throws: DecodingError.self) { try Snapshot(canonicalJSON: Data(json.utf8)) }
    }

    struct Mutation: Sendable, CustomTestStringConvertible {
        var name: String
        var apply: @Sendable (inout Snapshot) -> Void
        var testDescription: String { name }
    }

    static let mutations: [Mutation] = [
        Mutation(name: "title, one character") { $0.title = "关于2020年度法治政府建设工作的报吿" },
        Mutation(name: "region") { $0.region = "凤凰区" },
        Mutation(name: "year") { $0.year = 2021 },
        Mutation(name: "signatory, one character") { $0.signatories[1] = "凤凰县人民政俯" },
        Mutation(name: "signatories order") { $0.signatories.reverse() },
        Mutation(name: "date") { $0.date = isoDate("2021-03-17") },
        Mutation(name: "no date") { $0.date = nil },
        Mutation(name: "section text, one character") { $0.sections[0].text = "共审查各类合同协议91余份,政府合同备案13份。" },
        Mutation(name: "section text, punctuation width") { $0.sections[0].text = "共审查各类合同协议90余份，政府合同备案13份。" },
        Mutation(name: "section template") { $0.sections[0].template = "共审查各类合同协议{{contracts.reviewed|余:100}}份,政府合同备案{{contracts.filed}}份。" },
        Mutation(name: "heading") { $0.sections[0].heading = "（三）健全合法性审查" },
        Mutation(name: "heading template gone") { $0.sections[0].headingTemplate = nil },
        Mutation(name: "section removed") { $0.sections.removeLast() },
        Mutation(name: "figure numerator") { $0.figures[0].numerator = 95 },
        Mutation(name: "figure denominator") { $0.figures[1].denominator = 1357 },
        Mutation(name: "rate becomes count") { $0.figures[1].denominator = nil },
        Mutation(name: "figure display") { $0.figures[0].display = "94" },
        Mutation(name: "figure label") { $0.figures[0].label = "审查各类合同" },
        Mutation(name: "figure cut-off date") { $0.figures[1].asOf = isoDate("2020-12-31") },
        Mutation(name: "figure source") { $0.figures[0].source = .declared },
        Mutation(name: "figure key") { $0.figures[0].key = "contracts.filed" },
        Mutation(name: "figure added") {
            $0.figures.append(.init(key: "contracts.filed", label: "政府合同备案", display: "13", numerator: 13, denominator: nil,
                                    asOf: isoDate("2020-12-31"), source: .computed))
        },
    ]

    @Test(arguments: mutations)
    func anyChangeChangesTheHash(_ mutation: Mutation) {
        var changed = Self.sample()
        mutation.apply(&changed)
        #expect(changed.sha256Hex != Self.sample().sha256Hex)
    }

    @Test func allMutationsGiveDistinctHashes() {
        let hashes = Self.mutations.map { mutation in
            var changed = Self.sample()
            mutation.apply(&changed)
            return changed.sha256Hex
        }
        #expect(Set(hashes + [Self.sample().sha256Hex]).count == Self.mutations.count + 1)
    }

    // MARK: Freezing a draft

    @Test func freezesRenderedTextAndTheFiguresUsed() throws {
        var draft = ReportDraftText(title: "关于2020年度法治政府建设工作的报告", region: "凤凰县", year: 2020,
                                    signatories: ["中共凤凰县委"], date: isoDate("2021-03-16"), sections: [
                                        .init(key: .opening, text: "截至{{截至:documents.issued}},{{year}}年。"),
                                        .init(key: .decisionMaking, heading: "推行依法决策",
                                              text: "共审查各类合同协议{{contracts.reviewed|余:10}}份。\n成功率达{{mediation.successRate|%}},审查{{contracts.reviewed}}份。"),
                                        .init(key: .closing, text: "专此报告。"),
                                    ])
        let figures: [String: ResolvedFigure] = [
            "documents.issued": .init(value: StatisticValue(count: 43), asOf: isoDate("2020-12-31"), label: "全县出台规范性文件"),
            "contracts.reviewed": .init(value: StatisticValue(count: 94), asOf: isoDate("2020-12-31"), label: "审查各类合同协议"),
            "mediation.successRate": .init(value: StatisticValue(numerator: 1330, denominator: 1356), asOf: isoDate("2020-11-30"),
                                           label: "成功率", source: .declared),
            "unused.figure": .init(value: StatisticValue(count: 1), asOf: isoDate("2020-12-31")),
        ]
        let snapshot = try Snapshot.freeze(draft) { figures[$0] }
        #expect(snapshot.sections == [
            .init(key: .opening, heading: nil, headingTemplate: nil, text: "截至2020年12月31日,2020年。",
                  template: "截至{{截至:documents.issued}},{{year}}年。"),
            .init(key: .decisionMaking, heading: "（一）推行依法决策", headingTemplate: "推行依法决策",
                  text: "共审查各类合同协议90余份。\n成功率达98%,审查94份。", template: draft[.decisionMaking].text),
            .init(key: .closing, heading: nil, headingTemplate: nil, text: "专此报告。", template: "专此报告。"),
        ])
        #expect(snapshot.figures == [
            .init(key: "contracts.reviewed", label: "审查各类合同协议", display: "90余", numerator: 94, denominator: nil,
                  asOf: isoDate("2020-12-31"), source: .computed),
            // Used only for its cut-off date: shown as its plain value.
            .init(key: "documents.issued", label: "全县出台规范性文件", display: "43", numerator: 43, denominator: nil,
                  asOf: isoDate("2020-12-31"), source: .computed),
            .init(key: "mediation.successRate", label: "成功率", display: "98%", numerator: 1330, denominator: 1356,
                  asOf: isoDate("2020-11-30"), source: .declared),
        ])
        #expect((snapshot.title, snapshot.region, snapshot.year, snapshot.signatories, snapshot.date)
            == ("关于2020年度法治政府建设工作的报告", "凤凰县", 2020, ["中共凤凰县委"], isoDate("2021-03-16")))

        // The same draft and figures freeze to the same hash; one figure's change does not.
        #expect(try Snapshot.freeze(draft) { figures[$0] }.sha256Hex == snapshot.sha256Hex)
        var moved = figures
        moved["contracts.reviewed"]?.value = StatisticValue(count: 95)
        #expect(try Snapshot.freeze(draft) { moved[$0] }.sha256Hex != snapshot.sha256Hex)
        draft[.closing] = .init(key: .closing, text: "特此报告。")
        #expect(try Snapshot.freeze(draft) { figures[$0] }.sha256Hex != snapshot.sha256Hex)
    }

    @Test func refusesToFreezeUnresolvedFigures() {
        let draft = DefaultReportTemplates.draft(year: 2020, region: "凤凰县")
        do {
            _ = try Snapshot.freeze(draft) { key in
                key.hasPrefix("legalAid.cases") || key == "publicity.audience"
                    ? (key == "publicity.audience" ? ResolvedFigure(value: StatisticValue(numerator: 1, denominator: 2), asOf: isoDate("2020-12-31")) : nil)
                    : ResolvedFigure(value: StatisticValue(count: 5), asOf: isoDate("2020-12-31"))
            }
            Issue.record("froze a report with unresolved figures")
        } catch {
            #expect(error["legalServices"] == [
                "统计项「legalAid.cases」没有取得数值。", "统计项「legalAid.cases」没有取得数值。",
                "统计项「legalAid.cases.criminal」没有取得数值。", "统计项「legalAid.cases.civil」没有取得数值。",
            ])
            #expect(error["publicity"] == ["「publicity.audience」：格式「万余:0.1」只能用于数量，不能用于比率；比率请用「%」或不写格式。"])
            #expect(error["decisionMaking"].isEmpty)
        }
    }

    @Test
    func freezesTheDemoReport() throws {
        let snapshot = try Snapshot.freeze(try ReportDraftText.fenghuang2020(), resolve: try ReportFixtures.tsvResolver())
        #expect(snapshot.figures.count == 76)
        #expect(snapshot.sections.count == 11)
        let reviewed = try #require(snapshot.figures.first { $0.key == "contracts.reviewed" })
        #expect((reviewed.display, reviewed.numerator, reviewed.label) == ("90余", 91, "审查各类合同协议（90余份）"))
        let rate = try #require(snapshot.figures.first { $0.key == "mediation.successRate" })
        #expect((rate.display, rate.numerator, rate.denominator) == ("98%", 98, 100))
        #expect(snapshot.sections.first { $0.key == .decisionMaking }?.heading == "（二）健全合法性审查工作机制,推行依法科学民主决策")
        #expect(snapshot.sections.first { $0.key == .nextYear }?.text.split(separator: "\n").count == 18)
        #expect(snapshot.sha256Hex.count == 64)
        #expect(try Snapshot(canonicalJSON: snapshot.canonicalJSON) == snapshot)
    }
}
