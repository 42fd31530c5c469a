@testable import App
import FazhiCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// Helpers for tests that drive module pages (decisions, contracts, advisers): sessions, forms, audit entries.
enum PageTesting {
    static let day: TimeInterval = 86_400

    /// The record id in a redirect such as `/decisions/<id>?done=created` or `/contracts/<id>#advisers`.
    static func id(in location: String) -> UUID? {
        let path = location.split(separator: "?", maxSplits: 1).first.map(String.init) ?? location
        let clean = path.split(separator: "#", maxSplits: 1).first.map(String.init) ?? path
        return clean.split(separator: "/").reversed().lazy.compactMap { UUID(uuidString: String($0)) }.first
    }

    /// A signed-in browser that has loaded a page, so it holds its session's CSRF token.
    static func session(_ t: TestApp, _ username: String) async throws -> Browser {
        let browser = try await t.signedIn(username)
        try await browser.get(SiteURL.home.path)
        return browser
    }

    static func unit(_ t: TestApp, _ name: String) async throws -> UnitModel {
        try #require(try await UnitModel.query(on: t.db).filter(\.$name == name).first(), "unit \(name)")
    }

    /// The unit of the demo account `staff`.
    static func staffUnit(_ t: TestApp) async throws -> UnitModel { try await unit(t, "凤凰县自然资源局") }

    static func legalOffice(_ t: TestApp) async throws -> UnitModel {
        try #require(try await UnitModel.query(on: t.db).filter(\.$isLegalOffice == true).first())
    }

    static func user(_ t: TestApp, _ username: String) async throws -> UserModel {
        try #require(try await UserModel.query(on: t.db).filter(\.$username == username).first())
    }

    /// The audit entries about one subject, oldest first.
    static func audit(_ t: TestApp, subject id: UUID) async throws -> [AuditEntryModel] {
        try await AuditEntryModel.query(on: t.db).sort(\.$id).all().filter { UUID(uuidString: $0.subjectID) == id }
    }

    static func audit(_ t: TestApp, action: String) async throws -> [AuditEntryModel] {
        try await AuditEntryModel.query(on: t.db).filter(\.$action == action).sort(\.$id).all()
    }

    /// The error notice of a page (what the user is told to correct), for failure messages.
    static func problems(in html: String) -> String {
        guard let start = html.range(of: "notice notice-error") else { return "(no error notice)" }
        let rest = html[start.upperBound...]
        let end = rest.range(of: "</div>")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    /// The fields the error summary of a page links to (`#f-<field>`) that have no error shown at the field
    /// (`id="f-<field>-error"`): a message the user can read only in the summary, with a link that goes nowhere.
    static func unplacedErrors(in html: String) -> [String] {
        guard let start = html.range(of: "notice notice-error") else { return [] }
        let rest = html[start.upperBound...]
        let notice = rest[..<(rest.range(of: "</div>")?.lowerBound ?? rest.endIndex)]
        var fields: [String] = []
        var cursor = notice.startIndex
        while let link = notice.range(of: "href=\"#f-", range: cursor..<notice.endIndex),
              let close = notice[link.upperBound...].firstIndex(of: "\"") {
            fields.append(String(notice[link.upperBound..<close]))
            cursor = close
        }
        return fields.filter { !html.contains("id=\"f-\($0)-error\"") }
    }

    /// The text between `<strong>` and `</strong>` of the counter labelled `label` on a page.
    static func counter(_ label: String, in html: String) -> String? {
        guard let labelRange = html.range(of: "</strong><span>\(label)</span>") else { return nil }
        let before = html[..<labelRange.lowerBound]
        guard let open = before.range(of: "<strong>", options: .backwards) else { return nil }
        return String(before[open.upperBound...])
    }

    /// The 2020 figures of the demo county's report (Tests/FazhiCoreTests/Report/Fixtures/fenghuang-2020-figures.tsv)
    /// whose key starts with one of `prefixes`.
    static func seedFigures(prefixes: [String]) throws -> [(key: String, value: Int, comparator: String)] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("FazhiCoreTests/Report/Fixtures/fenghuang-2020-figures.tsv")
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#"), prefixes.contains(where: { line.hasPrefix($0) }) else { return nil }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count >= 3, let value = Int(columns[1]) else { return nil }
            return (columns[0], value, columns[2])
        }
    }

    /// Whether a computed figure satisfies the seed's comparator.
    static func satisfies(_ computed: Int?, _ figure: (key: String, value: Int, comparator: String)) -> Bool {
        guard let computed else { return false }
        switch figure.comparator {
        case "gte": return computed >= figure.value
        case "lte": return computed <= figure.value
        default: return computed == figure.value
        }
    }
}
