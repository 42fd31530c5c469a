import FazhiCore
import Fluent
import Foundation

/// One version of a year's annual report (法治政府建设年度报告) for the county. Its sections' texts are kept as
/// versions (ReportSectionVersionModel); figures are placeholders resolved from the statistics catalogue on every
/// render until finalization, when `snapshot` freezes the text and every value and `snapshotHash` seals them.
final class ReportModel: Model, WorkflowRecord, ChangeStamped, @unchecked Sendable {
    static let schema = "reports"
    static let stateKey: FieldKey = "state"

    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    /// 1 for the first; a correction of a finalized report is the next version.
    @Field(key: "version") var version: Int
    @Field(key: "region_name") var regionName: String
    @Parent(key: "owner_unit_id") var ownerUnit: UnitModel
    @Field(key: "title") var title: String
    /// The issuing bodies (落款), one per line.
    @Field(key: "signatories") var signatories: String
    /// 成文日期.
    @OptionalField(key: "signed_on") var signedOn: String?
    @Field(key: "state") var state: String
    @OptionalField(key: "supersedes_id") var supersedesID: UUID?
    @OptionalField(key: "finalized_at") var finalizedAt: Date?
    @OptionalField(key: "finalized_by") var finalizedBy: String?
    /// The frozen ReportSnapshot (canonical JSON) and its SHA-256.
    @OptionalField(key: "snapshot") var snapshot: String?
    @OptionalField(key: "snapshot_hash") var snapshotHash: String?
    @OptionalField(key: "published_on") var publishedOn: String?
    /// When the report went to the same-level Party committee and people's congress standing committee, and to
    /// whom (督察工作规定 art. 23: before 1 March).
    @OptionalField(key: "submitted_on") var submittedOn: String?
    @OptionalField(key: "submitted_to") var submittedTo: String?
    @Field(key: "created_by") var createdBy: UUID
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var stateRaw: String { state }
    var ownerUnitID: UUID { $ownerUnit.id }
    var reportState: ReportState { ReportState(rawValue: state) ?? .draft }
    var signatoryList: [String] { signatories.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
}

/// A saved version of one section: append-only, so every save is kept (who, when) and can be compared.
final class ReportSectionVersionModel: Model, @unchecked Sendable {
    static let schema = "report_section_versions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "report_id") var report: ReportModel
    @Field(key: "section") var section: String
    @Field(key: "number") var number: Int
    @Field(key: "heading") var heading: String
    @Field(key: "text") var text: String
    @Field(key: "author_id") var authorID: UUID
    @Field(key: "author_name") var authorName: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// The cut-off date of one figure in one report (the seed counts some figures to 30 November); absent = 31 December.
final class ReportCutoffModel: Model, @unchecked Sendable {
    static let schema = "report_cutoffs"

    @ID(key: .id) var id: UUID?
    @Parent(key: "report_id") var report: ReportModel
    @Field(key: "key") var key: String
    @Field(key: "through") var through: String

    init() {}
}

/// A section's template as the legal office edited it; absent = the built-in default.
final class ReportTemplateModel: Model, @unchecked Sendable {
    static let schema = "report_templates"

    @ID(key: .id) var id: UUID?
    @Field(key: "section") var section: String
    @Field(key: "heading") var heading: String
    @Field(key: "text") var text: String
    @Field(key: "updated_by") var updatedBy: String
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

/// A figure no module tracks, declared for a year by the legal office (docs/ARCHITECTURE.md "Statistics catalogue").
final class DeclaredFigureModel: Model, @unchecked Sendable {
    static let schema = "declared_figures"

    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "key") var key: String
    @Field(key: "label") var label: String
    @Field(key: "kind") var kind: String
    @Field(key: "numerator") var numerator: Int
    @OptionalField(key: "denominator") var denominator: Int?
    @Field(key: "unit") var unit: String
    @Field(key: "source") var source: String
    @Field(key: "as_of") var asOf: String
    @Field(key: "entered_by") var enteredBy: String
    @Field(key: "entered_at") var enteredAt: Date

    init() {}

    var figure: DeclaredFigure? {
        guard let kind = StatisticDefinition.Kind(rawValue: kind), let asOf = LocalDate(iso: asOf) else { return nil }
        let value = denominator.map { StatisticValue(numerator: numerator, denominator: $0) } ?? StatisticValue(count: numerator)
        return DeclaredFigure(year: year, key: key, label: label, kind: kind, value: value, unit: unit, source: source, asOf: asOf)
    }

    func fill(from figure: DeclaredFigure, by user: String, at now: Date) {
        year = figure.year
        key = figure.key
        label = figure.label
        kind = figure.kind.rawValue
        numerator = figure.value.numerator
        denominator = figure.value.denominator
        unit = figure.unit
        source = figure.source
        asOf = figure.asOf.description
        enteredBy = user
        enteredAt = now
    }
}

struct CreateReports: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("reports")
            .id()
            .field("year", .int, .required)
            .field("version", .int, .required)
            .field("region_name", .string, .required)
            .field("owner_unit_id", .uuid, .required, .references("units", "id", onDelete: .restrict))
            .field("title", .string, .required)
            .field("signatories", .string, .required)
            .field("signed_on", .string)
            .field("state", .string, .required)
            .field("supersedes_id", .uuid, .references("reports", "id", onDelete: .restrict))
            .field("finalized_at", .datetime)
            .field("finalized_by", .string)
            .field("snapshot", .string)
            .field("snapshot_hash", .string)
            .field("published_on", .string)
            .field("created_by", .uuid, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "year", "version")
            .create()
        try await database.schema("report_section_versions")
            .id()
            .field("report_id", .uuid, .required, .references("reports", "id", onDelete: .cascade))
            .field("section", .string, .required)
            .field("number", .int, .required)
            .field("heading", .string, .required)
            .field("text", .string, .required)
            .field("author_id", .uuid, .required)
            .field("author_name", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "report_id", "section", "number")
            .create()
        try await database.schema("report_cutoffs")
            .id()
            .field("report_id", .uuid, .required, .references("reports", "id", onDelete: .cascade))
            .field("key", .string, .required)
            .field("through", .string, .required)
            .unique(on: "report_id", "key")
            .create()
        try await database.schema("report_templates")
            .id()
            .field("section", .string, .required)
            .field("heading", .string, .required)
            .field("text", .string, .required)
            .field("updated_by", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "section")
            .create()
        try await database.schema("declared_figures")
            .id()
            .field("year", .int, .required)
            .field("key", .string, .required)
            .field("label", .string, .required)
            .field("kind", .string, .required)
            .field("numerator", .int, .required)
            .field("denominator", .int)
            .field("unit", .string, .required)
            .field("source", .string, .required)
            .field("as_of", .string, .required)
            .field("entered_by", .string, .required)
            .field("entered_at", .datetime, .required)
            .unique(on: "year", "key")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["declared_figures", "report_templates", "report_cutoffs", "report_section_versions", "reports"] {
            try await database.schema(table).delete()
        }
    }
}
