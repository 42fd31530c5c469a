import FazhiCore
import Fluent
import Foundation
import Vapor

/// Reads a report's current content and figures: the latest version of each section while it is a draft, the
/// frozen snapshot once finalized.
enum ReportService {
    struct Content: Sendable {
        let draft: ReportDraftText
        /// The latest saved version of each section (drafts only).
        let latest: [ReportSectionKey: ReportSectionVersionModel]
        let figures: [String: ReportFigure]
        let snapshot: ReportSnapshot?
        /// Template problems under each section's key (a draft saved before a key was withdrawn, say).
        let problems: FieldErrors

        var resolver: @Sendable (String) -> ResolvedFigure? {
            let figures = figures
            return { key in figures[key].map { ResolvedFigure(value: $0.value, asOf: $0.cutoff, label: $0.label, source: $0.isDeclared ? .declared : .computed) } }
        }

        func rendered() throws(FieldErrors) -> RenderedReport { try draft.render(resolve: resolver) }

        /// The sections the statutory structure needs that are empty, by their Chinese names.
        var missingItems: [StatutoryItem] { ReportCompleteness.missing(in: draft) }
    }

    static func cutoffs(_ report: ReportModel, on db: any Database) async throws -> [String: LocalDate] {
        try await ReportCutoffModel.query(on: db).filter(\.$report.$id == report.id!).all()
            .reduce(into: [String: LocalDate]()) { map, cutoff in map[cutoff.key] = LocalDate(iso: cutoff.through) }
    }

    static func latestSections(_ report: ReportModel, on db: any Database) async throws -> [ReportSectionKey: ReportSectionVersionModel] {
        let versions = try await ReportSectionVersionModel.query(on: db).filter(\.$report.$id == report.id!).sort(\.$number).all()
        var latest: [ReportSectionKey: ReportSectionVersionModel] = [:]
        for version in versions {
            guard let key = ReportSectionKey(rawValue: version.section) else { continue }
            latest[key] = version
        }
        return latest
    }

    /// Every catalogue key a draft's texts use.
    static func keys(of draft: ReportDraftText) -> Set<String> {
        var keys = Set<String>()
        for source in [draft.title] + draft.sections.flatMap({ [$0.heading ?? "", $0.text] }) {
            if let template = try? ReportTemplate(source) { keys.formUnion(template.keys) }
        }
        return keys
    }

    /// The report's text only, without computing its figures: what the dashboard's progress needs (sections
    /// written, statutory items missing).
    static func draft(_ report: ReportModel, on db: any Database) async throws -> ReportDraftText {
        if let stored = report.snapshot {
            guard let snapshot = try? ReportSnapshot(canonicalJSON: Data(stored.utf8)) else {
                throw Abort(.internalServerError, reason: "报告的定稿快照无法读取，不能以实时数字代替定稿内容。")
            }
            return ReportDraftText(title: snapshot.title, region: snapshot.region, year: snapshot.year, signatories: snapshot.signatories,
                                   date: snapshot.date, sections: snapshot.sections.map {
                                       ReportDraftText.Section(key: $0.key, heading: $0.headingTemplate, text: $0.template)
                                   })
        }
        return draft(report, latest: try await latestSections(report, on: db))
    }

    static func draft(_ report: ReportModel, latest: [ReportSectionKey: ReportSectionVersionModel]) -> ReportDraftText {
        ReportDraftText(title: report.title, region: report.regionName, year: report.year, signatories: report.signatoryList,
                        date: report.signedOn.flatMap(LocalDate.init(iso:)), sections: ReportSectionKey.allCases.map { key in
                            ReportDraftText.Section(key: key, heading: latest[key].flatMap { $0.heading.isEmpty ? nil : $0.heading },
                                                    text: latest[key]?.text ?? "")
                        })
    }

    static func content(_ report: ReportModel, on db: any Database) async throws -> Content {
        if let stored = report.snapshot {
            // A finalized report is only ever shown as frozen: an unreadable snapshot is an error, never a live render.
            guard let snapshot = try? ReportSnapshot(canonicalJSON: Data(stored.utf8)) else {
                throw Abort(.internalServerError, reason: "报告的定稿快照无法读取，不能以实时数字代替定稿内容。")
            }
            let draft = ReportDraftText(title: snapshot.title, region: snapshot.region, year: snapshot.year, signatories: snapshot.signatories,
                                        date: snapshot.date, sections: snapshot.sections.map {
                                            ReportDraftText.Section(key: $0.key, heading: $0.headingTemplate, text: $0.template)
                                        })
            let figures = snapshot.figures.reduce(into: [String: ReportFigure]()) { map, figure in
                map[figure.key] = ReportFigure(key: figure.key, label: figure.label, definition: "", unit: "", kind: figure.denominator == nil ? .count : .rate,
                                               value: figure.value, cutoff: figure.asOf,
                                               source: figure.source == .declared ? .declared(source: "", enteredBy: "") : .computed, records: .none)
            }
            return Content(draft: draft, latest: [:], figures: figures, snapshot: snapshot, problems: FieldErrors())
        }
        let latest = try await latestSections(report, on: db)
        let draft = draft(report, latest: latest)
        let figures = try await ReportFigures.resolve(keys(of: draft), year: report.year, cutoffs: try await cutoffs(report, on: db), on: db)
        let known = ReportFigures.computedKeys.union(try await DeclaredFigureModel.query(on: db).filter(\.$year == report.year).all().map(\.key))
        return Content(draft: draft, latest: latest, figures: figures, snapshot: nil, problems: draft.problems(knownKeys: known))
    }

    /// The report as an official document (GB/T 9704) for the DOCX and print exports.
    static func officialDocument(_ rendered: RenderedReport, date: LocalDate) -> OfficialDocument {
        var title = ""
        var blocks: [OfficialDocument.Block] = []
        var signatories: [String] = []
        func runs(_ text: RenderedText) -> [OfficialDocument.Run] {
            text.segments.map { segment in
                switch segment {
                case .text(let words): .text(words)
                case .figure(let figure): figure.role == .value ? .figure(key: figure.key, text: figure.text) : .text(figure.text)
                }
            }
        }
        for block in rendered.blocks {
            switch block.kind {
            case .title: title = block.text
            case .partHeading: blocks.append(.heading(level: 1, text: block.text))
            case .sectionHeading, .subheading: blocks.append(.heading(level: 2, text: block.text))
            case .paragraph: blocks.append(.paragraph(runs(block.content)))
            case .signatory: signatories.append(block.text)
            case .date: break  // the document's own date below
            }
        }
        return OfficialDocument(title: title, blocks: blocks, signatories: signatories, date: date)
    }
}
