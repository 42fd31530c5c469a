import Foundation
import Testing
@testable import FazhiCore

@Suite("Documents: cleanup campaigns")
struct CleanupTests {
    typealias F = DocumentFixtures
    static let decision = F.date("2020-12-31")

    @Test func outcomesAndTheirChanges() {
        #expect(CleanupOutcome.allCases.map(\.label) == ["继续有效", "修改", "废止", "宣布失效", "重新公布"])
        #expect(CleanupOutcome.allCases.map(\.changeKind) == [.continued, .amended, .repealed, .declaredInvalid, .republished])
        #expect(CleanupOutcome.allCases.filter(\.requiresReason) == [.amend, .repeal, .declareInvalid, .republish])
        // Stored and imported codes (Resources/demo/cleanup-fenghuang-2020.tsv uses them).
        #expect(CleanupOutcome.allCases.map(\.rawValue) == ["continued", "amend", "repeal", "declareInvalid", "republish"])
    }

    @Test(arguments: [
        ("repeal", "上位法已废止", nil, nil),
        ("continued", nil, nil, nil),
        ("continued", "仍然适用", nil, nil),
        ("repeal", nil, "reason", "请填写「理由」。"),
        ("declareInvalid", "  ", "reason", "请填写「理由」。"),
        ("republish", "需继续执行", nil, nil),
        ("bogus", "x", "outcome", "请选择「清理结果」。"),
        (nil, nil, "outcome", "请选择「清理结果」。"),
    ] as [(String?, String?, String?, String?)])
    func entryForm(outcome: String?, reason: String?, field: String?, message: String?) {
        switch CleanupCampaignRules.validateEntry(documentID: F.id(1), outcome: outcome, reason: reason) {
        case .success(let entry):
            #expect(field == nil)
            #expect(entry.outcome.rawValue == outcome)
            #expect(entry.reason == reason?.trimmingCharacters(in: .whitespaces))
        case .failure(let errors):
            #expect(errors.entries.map(\.field) == field.map { [$0] })
            #expect(errors.entries.map(\.message) == message.map { [$0] })
        }
    }

    @Test func oneOutcomePerDocumentAndOnlyInScope() {
        let scope: Set<UUID> = [F.id(1), F.id(2)]
        let existing = [CleanupEntry(documentID: F.id(1), outcome: .continued)]
        #expect(CleanupCampaignRules.checkNewEntry(documentID: F.id(2), scope: scope, existing: existing) == nil)
        #expect(CleanupCampaignRules.checkNewEntry(documentID: F.id(1), scope: scope, existing: existing) == .duplicateOutcome(F.id(1)))
        #expect(CleanupCampaignRules.checkNewEntry(documentID: F.id(3), scope: scope, existing: existing) == .outsideScope(F.id(3)))
        #expect(CleanupCampaignProblem.duplicateOutcome(F.id(1)).message == "同一文件在本次清理中只能有一个清理结果。")
    }

    @Test func problemsBeforeTheDecisionCanApply() {
        let scope = [F.id(1), F.id(2), F.id(3), F.id(4)]
        let entries = [
            CleanupEntry(documentID: F.id(1), outcome: .continued),
            CleanupEntry(documentID: F.id(1), outcome: .repeal, reason: "x"),
            CleanupEntry(documentID: F.id(1), outcome: .repeal, reason: "y"),
            CleanupEntry(documentID: F.id(9), outcome: .repeal, reason: "z"),
            CleanupEntry(documentID: F.id(2), outcome: .amend, reason: "w"),
        ]
        #expect(CleanupCampaignRules.problems(scope: scope, entries: entries) == [
            .duplicateOutcome(F.id(1)), .outsideScope(F.id(9)), .missingOutcomes([F.id(3), F.id(4)]),
        ])
        #expect(CleanupCampaignProblem.missingOutcomes([F.id(3), F.id(4)]).message
                == "还有2件文件尚未确定清理结果，全部确定后才能适用清理结果决定。")
        #expect(CleanupCampaignRules.problems(scope: [], entries: []) == [.emptyScope])
        #expect(CleanupCampaignRules.problems(scope: [F.id(1)], entries: [CleanupEntry(documentID: F.id(1), outcome: .continued)]).isEmpty)
    }

    @Test func applyingMapsEveryOutcomeToAChangeOnTheDecisionDate() throws {
        let scope = (1...5).map(F.id)
        let entries = zip(scope, CleanupOutcome.allCases).map { CleanupEntry(documentID: $0, outcome: $1, reason: "理由") }
        let applied = try CleanupCampaignRules.apply(scope: scope, entries: entries.reversed(), decisionDate: Self.decision,
                                                     decisionNumber: "凤政发〔２０２０〕40号").get()
        #expect(applied.map(\.documentID) == scope)
        #expect(applied.map(\.change.kind) == [.continued, .amended, .repealed, .declaredInvalid, .republished])
        #expect(applied.allSatisfy { $0.change.date == Self.decision && $0.change.basis == "凤政发〔2020〕40号" && $0.change.linkedDocumentID == nil })

        // What the document register shows afterwards (effective 2018-01-01, valid until 2022-12-31).
        let statuses = applied.map { application in
            DocumentStatusTimeline.status(on: Self.decision, effective: F.date("2018-01-01"), validUntil: F.date("2022-12-31"),
                                          changes: [application.change])
        }
        #expect(statuses == [.inForce, .amendedInForce, .repealed, .declaredInvalid, .superseded])
        let dayBefore = applied.map { application in
            DocumentStatusTimeline.status(on: Self.decision.adding(days: -1), effective: F.date("2018-01-01"),
                                          validUntil: F.date("2022-12-31"), changes: [application.change])
        }
        #expect(dayBefore == [.inForce, .inForce, .inForce, .inForce, .inForce])
    }

    @Test func applyingRefusesAnIncompleteCampaignOrABadNumber() {
        let scope = [F.id(1), F.id(2)]
        let entries = [CleanupEntry(documentID: F.id(1), outcome: .continued)]
        guard case .failure(let refusal) = CleanupCampaignRules.apply(scope: scope, entries: entries, decisionDate: Self.decision,
                                                                     decisionNumber: "凤政发[2020]40号") else {
            Issue.record("applied")
            return
        }
        #expect(refusal.problems == [
            .missingOutcomes([F.id(2)]),
            .invalidDecisionNumber("年份应使用六角括号〔〕，例如 凤政发〔2020〕11号。"),
        ])
        #expect(refusal.description == "还有1件文件尚未确定清理结果，全部确定后才能适用清理结果决定。\n清理结果决定的文号有误：年份应使用六角括号〔〕，例如 凤政发〔2020〕11号。")
    }

    /// The seed's 2020 campaign (Tests/FazhiCoreTests/Report/Fixtures/fenghuang-2020-figures.tsv): 417 = 40 + 136 + 227 + 14, no 修改.
    @Test func tallyOfTheSeedCampaign() throws {
        let outcomes = Array(repeating: CleanupOutcome.repeal, count: 40) + Array(repeating: .declareInvalid, count: 136)
            + Array(repeating: .continued, count: 227) + Array(repeating: .republish, count: 14)
        let scope = (1...outcomes.count).map(F.id)
        let entries = zip(scope, outcomes).map { CleanupEntry(documentID: $0, outcome: $1, reason: "依据清理通知") }
        let tally = CleanupCampaignRules.tally(entries)
        #expect(tally.total == 417)
        #expect(tally.repealed == 40)
        #expect(tally.declaredInvalid == 136)
        #expect(tally.continued == 227)
        #expect(tally.republished == 14)
        #expect(tally.amended == 0)
        #expect(tally.repealed + tally.declaredInvalid + tally.continued + tally.republished + tally.amended == tally.total)
        let applied = try CleanupCampaignRules.apply(scope: scope, entries: entries, decisionDate: Self.decision,
                                                     decisionNumber: "凤政发〔2020〕40号").get()
        #expect(applied.count == 417)
        #expect(applied.filter { $0.change.kind.ends }.count == 40 + 136 + 14)
    }

    @Test func tallyEncodesOutcomesAsKeys() throws {
        let tally = CleanupCampaignRules.tally(outcomes: [.repeal, .repeal, .continued])
        let json = String(decoding: try JSONEncoder().encode(tally.byOutcome), as: UTF8.self)
        #expect(json.contains("\"repeal\":2"))
        #expect(try JSONDecoder().decode(CampaignTally.self, from: JSONEncoder().encode(tally)) == tally)
    }
}
