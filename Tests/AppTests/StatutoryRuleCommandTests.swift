@testable import App
import FazhiCore
import Foundation
import Testing

/// `fazhi rules`, `fazhi deadline --rule` and docs/RULES.md: the statutory-rule catalogue as users and
/// maintainers reach it.
@Suite("Statutory rules: fazhi rules, fazhi deadline --rule, docs/RULES.md", .serialized)
struct StatutoryRuleCommandTests {
    static let enabled = TestDatabase.postgresURL == nil && CLI.executable != nil
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("docs/RULES.md is what `fazhi rules --format markdown` prints (regenerate it with that command)")
    func rulesDocumentIsGenerated() throws {
        let committed = try String(contentsOf: Self.repository.appendingPathComponent("docs/RULES.md"), encoding: .utf8)
        #expect(committed == (try Operations.rules(format: "markdown")) + "\n",
                "docs/RULES.md is stale: run `swift run fazhi rules --format markdown > docs/RULES.md`")
    }

    @Test("fazhi rules lists every rule with its period, unit, start event and article; json and markdown too", .enabled(if: enabled))
    func rulesCommand() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let text = try await cli.run(["rules"])
        #expect(text.status == 0, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n")
        #expect(lines.count == ModuleRegistry.ruleCatalogue.rules.count)
        for rule in ModuleRegistry.ruleCatalogue.rules {
            #expect(lines.contains { $0.hasPrefix(rule.id + "\t") && $0.contains(rule.source.citation) && $0.contains(rule.startEvent) }, "\(rule.id)")
        }
        let json = try await cli.run(["rules", "--format", "json"])
        let array = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(array.count == ModuleRegistry.ruleCatalogue.rules.count)
        let filing = try #require(array.first { $0["id"] as? String == "documents.filing" })
        #expect(filing["length"] as? Int == 15)
        #expect(filing["unit"] as? String == "calendarDays")
        #expect((filing["source"] as? [String: Any])?["article"] as? String == "第二十二条")
        let markdown = try await cli.run(["rules", "--format", "markdown"])
        #expect(markdown.stdout == (try String(contentsOf: Self.repository.appendingPathComponent("docs/RULES.md"), encoding: .utf8)))
        #expect(try await cli.run(["rules", "--format", "yaml"]).status == 2)
    }

    /// Hand-counted on the State Council notices (2020: 清明 4-4…4-6; 国庆 10-1…8, make-up 9-27 and 10-10).
    @Test("fazhi deadline --rule prints the end date as its last line", .enabled(if: enabled), arguments: [
        (["--rule", "documents.filing", "--from", "2020-09-20"], "2020-10-09"),
        (["--rule", "documents.effective", "--from", "2020-03-02"], "2020-04-01"),
        (["--rule", "documents.publicComment", "--from", "2020-09-25"], "2020-10-12"),
        (["--rule", "documents.publicCommentMarket", "--from", "2020-03-06"], "2020-04-07"),
        (["--rule", "documents.legalityReview", "--from", "2020-09-21"], "2020-10-16"),
        (["--rule", "documents.validity", "--from", "2020-02-29"], "2025-02-28"),
        (["--rule", "documents.validityProvisional", "--from", "2020-06-01"], "2022-05-31"),
        (["--rule", "decisions.publicComment", "--from", "2020-03-02"], "2020-04-01"),
        (["--rule", "decisions.publicComment", "--from", "2020-03-02", "--pause", "2020-03-10..2020-03-12"], "2020-04-07"),
        (["--rule", "decisions.legalityReview", "--from", "2020-09-28"], "2020-10-14"),
        (["--rule", "contracts.filing", "--from", "2020-03-07"], "2020-04-07"),
        (["--rule", "contracts.review", "--from", "2020-09-28"], "2020-10-12"),
        (["--rule", "report.publish", "--from", "2020-06-30"], "2021-03-31"),
        (["--rule", "report.submit", "--from", "2023-12-31"], "2024-02-29"),
    ] as [([String], String)])
    func ruleDeadline(_ arguments: [String], _ expected: String) async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let result = try await cli.run(["deadline"] + arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        #expect(result.stdout.split(separator: "\n").last.map(String.init) == expected, "\(arguments): \(result.stdout)")
        let rule = try #require(ModuleRegistry.ruleCatalogue.versions(of: arguments[1]).first)
        #expect(result.stdout.contains(rule.source.statute) && result.stdout.contains(rule.source.summary), "the source is cited")
    }

    @Test("Every rule the catalogue lists answers fazhi deadline --rule, as the module computes it", .enabled(if: enabled))
    func everyRuleAnswers() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let calendar = try LegalCalendar.bundled()
        let start = LocalDate(iso: "2024-03-04")!
        for id in ModuleRegistry.ruleCatalogue.ids {
            let result = try await cli.run(["deadline", "--rule", id, "--from", start.description])
            let rule = try ModuleRegistry.ruleCatalogue.rule(id, on: start)
            #expect(result.stdout.split(separator: "\n").last.map(String.init) == (try rule.dueDate(from: start, calendar: calendar)).description, "\(id)")
        }
    }

    @Test("Unknown ids exit 64 naming the known ones; calendar gaps, bad dates and a missing extension exit 2", .enabled(if: enabled))
    func refusals() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let unknown = try await cli.run(["deadline", "--rule", "documents.nothing", "--from", "2020-03-02"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("documents.filing") && unknown.stderr.contains("decisions.publicComment"))
        #expect(try await cli.run(["deadline", "--rule", "documents.filing", "--from", "2099-03-02"]).status == 2)
        #expect(try await cli.run(["deadline", "--rule", "documents.filing", "--from", "2020-02-30"]).status == 2)
        #expect(try await cli.run(["deadline", "--rule", "documents.filing", "--from", "2020-03-02", "--extended"]).status == 2)
        #expect(try await cli.run(["deadline", "--rule", "documents.filing", "--from", "2020-03-02", "--pause", "2020-03-09..2020-03-05"]).status == 2)
        #expect(try await cli.run(["deadline", "--rule", "documents.filing", "--from", "2020-03-02", "--days", "5"]).status == 2)
        #expect(try await cli.run(["deadline", "--from", "2020-03-02", "--days", "5", "--unit", "calendar", "--extended"]).status == 2)
        #expect(!FileManager.default.fileExists(atPath: cli.dataDirectory + "/fazhi.sqlite"), "deadline creates no database")
    }

    @Test("The calculator page offers the rules by name and explains the date with its source")
    func calculatorPage() async throws {
        try await withTestApp { t in
            let staff = try await t.signedIn("staff")
            let page = try await staff.get(SiteURL.calendar.path)
            #expect(page.text.contains("value=\"documents.filing\""))
            let result = try await staff.get(SiteURL.deadlineCalculator.path(query: [("rule", "documents.filing"), ("from", "2020-09-20")]))
            #expect(result.status == .ok)
            #expect(result.text.contains("2020年10月9日"))
            #expect(result.text.contains("第二十二条"))
            let unknown = try await staff.get(SiteURL.deadlineCalculator.path(query: [("rule", "x.y"), ("from", "2020-09-20")]))
            #expect(unknown.status == .unprocessableEntity)
            #expect(unknown.text.contains("请选择一个法定期限"))
            let noExtension = try await staff.get(SiteURL.deadlineCalculator.path(query: [("rule", "documents.filing"), ("from", "2020-09-20"), ("extended", "on")]))
            #expect(noExtension.status == .unprocessableEntity)
            #expect(noExtension.text.contains("没有法定延长期限"))
        }
    }
}
