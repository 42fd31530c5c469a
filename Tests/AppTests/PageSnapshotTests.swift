@testable import App
import FazhiCore
import Fluent
import Foundation
import SnapshotTesting
import Testing
import Vapor

/// One page of each family, rendered on the demo county at the test clock (2025-11-24), recorded in
/// __Snapshots__/PageSnapshotTests: any change to what a page shows appears in review as a diff of these files.
/// Ids, CSRF tokens, the stylesheet version and request ids are replaced by stable placeholders; markup is split one tag a line. SQLite only
/// (PostgreSQL may order Chinese text differently). To accept a deliberate change, delete the file and run the
/// test twice (the first run records it and fails).
@Suite("Page snapshots", .serialized, .enabled(if: TestDatabase.postgresURL == nil))
struct PageSnapshotTests {
    /// UUIDs become 00000000-0000-0000-0000-00000000000N in order of first appearance; tokens become TOKEN.
    static func normalized(_ html: String) -> String {
        var text = html
        let uuid = try! NSRegularExpression(pattern: "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}")
        var names: [String: String] = [:]
        for match in uuid.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            let value = String(text[Range(match.range, in: text)!]).uppercased()
            if names[value] == nil { names[value] = String(format: "00000000-0000-0000-0000-%012d", names.count + 1) }
        }
        text = uuid.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "\u{0}$0\u{0}")
        for (value, name) in names {
            text = text.replacingOccurrences(of: "\u{0}\(value)\u{0}", with: name)
                .replacingOccurrences(of: "\u{0}\(value.lowercased())\u{0}", with: name)
        }
        let csrf = try! NSRegularExpression(pattern: #"name="_csrf" value="[^"]*""#)
        text = csrf.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: #"name="_csrf" value="TOKEN""#)
        // The stylesheet's content hash changes with every edit of the CSS, which these snapshots do not cover.
        text = text.replacingOccurrences(of: Stylesheet.versionedPath, with: SiteURL.stylesheet.path + "?v=VERSION")
        return text.replacingOccurrences(of: "><", with: ">\n<") + "\n"
    }

    @Test("A list with pagination, a detail page, a form with errors, a public portal page and the report")
    func pages() async throws {
        try await withTestApp(records: true) { t in
            let anonymous = t.browser()
            // A list with pagination: the public catalogue of documents in force, page 2.
            let list = try await anonymous.get(SiteURL.publicDocuments.path(query: [("page", "2")]))
            #expect(list.status == .ok)
            assertSnapshot(of: Self.normalized(list.text), as: .lines, named: "public-documents-page-2")

            // A detail page: one document of the public catalogue.
            let document = try #require(try await DocumentModel.query(on: t.db).filter(\.$documentNumber == "凤政发〔2020〕5号").first())
            let detail = try await anonymous.get(SiteURL.publicDocument(.value(document.id!)).path)
            #expect(detail.status == .ok)
            assertSnapshot(of: Self.normalized(detail.text), as: .lines, named: "public-document")

            // A form with errors: a contract submitted with nothing filled in.
            let staff = try await t.signedIn("staff")
            try await staff.get(SiteURL.contractNew.path)
            let form = try await staff.post(SiteURL.contractNew.path, [("title", ""), ("amount", "一百万"), ("termStart", "2025-02-30")])
            #expect(form.status == .unprocessableEntity)
            assertSnapshot(of: Self.normalized(form.text), as: .lines, named: "contract-form-errors")

            // A public portal page: major decisions open for comment and published.
            let portal = try await anonymous.get(SiteURL.publicDecisions.path)
            #expect(portal.status == .ok)
            assertSnapshot(of: Self.normalized(portal.text), as: .lines, named: "public-decisions")

            // The report: the demo county's published 2020 report.
            let report = try #require(try await ReportModel.query(on: t.db).filter(\.$year == 2020).filter(\.$publishedOn != nil).first())
            let published = try await anonymous.get(SiteURL.publicReport(.value(report.id!)).path)
            #expect(published.status == .ok)
            assertSnapshot(of: Self.normalized(published.text), as: .lines, named: "public-report-2020")
        }
    }

    @Test("The normalizer keeps the page and replaces only what changes from run to run")
    func normalizer() {
        let html = #"<a href="/documents/3F2504E0-4F89-11D3-9A0C-0305E82C3301">x</a><input type="hidden" name="_csrf" value="abc"/><p>3f2504e0-4f89-11d3-9a0c-0305e82c3301 1E0F4A55-0000-4000-8000-000000000001</p>"#
        #expect(Self.normalized(html) == """
            <a href="/documents/00000000-0000-0000-0000-000000000001">x</a>
            <input type="hidden" name="_csrf" value="TOKEN"/>
            <p>00000000-0000-0000-0000-000000000001 00000000-0000-0000-0000-000000000002</p>

            """)
    }
}
