import Testing
@testable import FazhiCore

@Suite("Report: text diff for the version history")
struct TextDiffTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var old: String
        var new: String
        var expected: [DiffParagraph]
        var testDescription: String { name }
    }

    @Test(arguments: [
        Case(name: "identical", old: "一是加强领导。\n二是完善机制。", new: "一是加强领导。\n二是完善机制。",
             expected: [.same("一是加强领导。"), .same("二是完善机制。")]),
        Case(name: "both empty", old: "", new: "", expected: []),
        Case(name: "from nothing", old: "", new: "专此报告。", expected: [.added("专此报告。")]),
        Case(name: "to nothing", old: "专此报告。", new: "", expected: [.removed("专此报告。")]),
        Case(name: "paragraph added at the end", old: "甲段。", new: "甲段。\n乙段。", expected: [.same("甲段。"), .added("乙段。")]),
        Case(name: "paragraph removed in the middle", old: "甲段。\n乙段。\n丙段。", new: "甲段。\n丙段。",
             expected: [.same("甲段。"), .removed("乙段。"), .same("丙段。")]),
        Case(name: "blank lines are not paragraphs", old: "甲段。\n\n乙段。\n", new: "甲段。\n乙段。",
             expected: [.same("甲段。"), .same("乙段。")]),
        Case(name: "a figure edited", old: "截至2020年12月31日,共审查各类合同协议90余份。", new: "截至2020年12月31日,共审查各类合同协议120余份。",
             expected: [.changed([.same("截至2020年12月31日,共审查各类合同协议"), .deleted("9"), .inserted("12"), .same("0余份。")])]),
        Case(name: "words inserted", old: "推行依法民主决策", new: "推行依法科学民主决策",
             expected: [.changed([.same("推行依法"), .inserted("科学"), .same("民主决策")])]),
        Case(name: "words deleted and replaced", old: "调解率100%,成功率达98%", new: "调解率100%,成功率为99%",
             expected: [.changed([.same("调解率100%,成功率"), .deleted("达"), .inserted("为"), .same("9"), .deleted("8"),
                                  .inserted("9"), .same("%")])]),
        Case(name: "two edited paragraphs pair in order", old: "调解成功1330件。\n受援人188人。\n专此报告。",
             new: "调解成功1340件。\n受援人190人。\n专此报告。",
             expected: [
                 .changed([.same("调解成功13"), .deleted("3"), .inserted("4"), .same("0件。")]),
                 .changed([.same("受援人1"), .deleted("88"), .inserted("90"), .same("人。")]),
                 .same("专此报告。"),
             ]),
        Case(name: "an unrelated replacement is removed and added", old: "一是加强领导。\n专此报告。", new: "无其他需要报告的事项\n专此报告。",
             expected: [.removed("一是加强领导。"), .added("无其他需要报告的事项"), .same("专此报告。")]),
        Case(name: "more removed than added", old: "甲一。\n乙二。\n丙三。\n尾。", new: "甲一二。\n尾。",
             expected: [.changed([.same("甲一"), .inserted("二"), .same("。")]), .removed("乙二。"), .removed("丙三。"), .same("尾。")]),
        Case(name: "moved paragraph", old: "甲段。\n乙段。", new: "乙段。\n甲段。",
             expected: [.removed("甲段。"), .same("乙段。"), .added("甲段。")]),
    ])
    func comparesParagraphs(_ example: Case) {
        let diff = TextDiff.paragraphs(from: example.old, to: example.new)
        #expect(diff == example.expected)
        // Whatever the pairing, the diff reproduces both versions.
        #expect(diff.compactMap(\.oldText) == example.old.split(separator: "\n").map(String.init))
        #expect(diff.compactMap(\.newText) == example.new.split(separator: "\n").map(String.init))
    }

    @Test func characterRunsAreMergedWithDeletionsFirst() {
        #expect(TextDiff.characters(from: "abc", to: "abc") == [.same("abc")])
        #expect(TextDiff.characters(from: "", to: "新增") == [.inserted("新增")])
        #expect(TextDiff.characters(from: "删除", to: "") == [.deleted("删除")])
        #expect(TextDiff.characters(from: "甲乙丙", to: "丁戊") == [.deleted("甲乙丙"), .inserted("丁戊")])
        // "政府规范性文件" → "县政府行政规范性文件": two separate insertions.
        #expect(TextDiff.characters(from: "政府规范性文件", to: "县政府行政规范性文件")
            == [.inserted("县"), .same("政府"), .inserted("行政"), .same("规范性文件")])
    }

    @Test func aboveTheBoundTheMiddleIsReplacedWhole() {
        // Without a bound the common "12" is found; with 10 cells (6 × 6 needed) it is not looked for.
        let detailed = TextDiff.characters(from: "ab12cd", to: "ba12dc")
        #expect(detailed.contains(.same("12")))
        #expect(TextDiff.characters(from: "ab12cd", to: "ba12dc", maxCells: 10) == [.deleted("ab12cd"), .inserted("ba12dc")])
        // The common beginning and end are still matched.
        #expect(TextDiff.characters(from: "前缀ab12cd后缀", to: "前缀ba12dc后缀", maxCells: 10)
            == [.same("前缀"), .deleted("ab12cd"), .inserted("ba12dc"), .same("后缀")])
    }

    @Test func longParagraphsStayCheap() {
        let base = String(repeating: "依法行政推进法治政府建设", count: 400)   // 4,800 characters
        let edited = base.prefix(2400) + "科学" + base.dropFirst(2400)
        #expect(TextDiff.characters(from: base, to: String(edited))
            == [.same(String(base.prefix(2400))), .inserted("科学"), .same(String(base.dropFirst(2400)))])
        // Two unrelated 3,000-character paragraphs: 9,000,000 cells, over the bound: replaced whole.
        let first = String(repeating: "甲乙", count: 1500), second = String(repeating: "丙丁", count: 1500)
        #expect(TextDiff.paragraphs(from: first, to: second) == [.removed(first), .added(second)])
    }

    /// One comparison fills at most four tables of `maxCells`: here the line table takes 25 cells and each
    /// edited pair 100 (10 × 10 after the common "第N段"), so the fourth and fifth pairs get no detail.
    @Test func oneComparisonHasATotalBudget() {
        let old = (1...5).map { "第\($0)段0123456789" }.joined(separator: "\n")
        let new = (1...5).map { "第\($0)段1234567890" }.joined(separator: "\n")
        let diff = TextDiff.paragraphs(from: old, to: new, maxCells: 100)
        let detailed = DiffParagraph.changed([.same("第1段"), .deleted("0"), .same("123456789"), .inserted("0")])
        #expect(diff.first == detailed)
        #expect(diff.map { paragraph -> String in
            switch paragraph {
            case .changed: "changed"
            case .removed: "removed"
            case .added: "added"
            case .same: "same"
            }
        } == ["changed", "changed", "changed", "removed", "added", "removed", "added"])
        // With the default bound every pair is detailed.
        #expect(TextDiff.paragraphs(from: old, to: new).allSatisfy { if case .changed = $0 { true } else { false } })
    }

    @Test func paragraphTextsOfAChange() {
        let changed = DiffParagraph.changed([.same("共"), .deleted("43"), .inserted("44"), .same("件")])
        #expect(changed.oldText == "共43件")
        #expect(changed.newText == "共44件")
        #expect(DiffParagraph.added("新").oldText == nil)
        #expect(DiffParagraph.removed("旧").newText == nil)
    }
}
