import Foundation

/// The dates lists, filters, figures and the 待办 index need from a document, computed from its own dates and
/// its changes whenever either changes and stored beside the record, so a list filters and pages by legal
/// status in SQL instead of deriving every document's status on every read. Still derived: nothing here is
/// entered by anyone, and a changed rule or holiday table recomputes every document (DerivedIndexes).
public struct DocumentDerivedDates: Hashable, Sendable {
    /// The last day in force by its term (nil: long-term, or not yet effective).
    public var validUntil: LocalDate?
    /// The first day it no longer applies (an ending change or the day after `validUntil`), and why.
    public var endsOn: LocalDate?
    public var endingStatus: LegalStatus?
    /// The first amendment's date: from that day it is 有效（已修改）.
    public var amendedOn: LocalDate?
    /// The last day to file it with the higher level (rule `documents.filing`), nil when unpublished or
    /// when the legal calendar lacks a year the period needs.
    public var filingDue: LocalDate?

    public init(validUntil: LocalDate?, endsOn: LocalDate?, endingStatus: LegalStatus?, amendedOn: LocalDate?, filingDue: LocalDate?) {
        self.validUntil = validUntil
        self.endsOn = endsOn
        self.endingStatus = endingStatus
        self.amendedOn = amendedOn
        self.filingDue = filingDue
    }

    /// Derives the dates with the office's rules and the legal calendar.
    public init(published: LocalDate?, effective: LocalDate?, term: ValidityTerm, changes: [DocumentChange],
                rules: DocumentRules, calendar: LegalCalendar) {
        let validUntil = effective.flatMap { ValidityRule(rules: rules).validUntil(effective: $0, term: term) }
        let ending = DocumentStatusTimeline.ending(validUntil: validUntil, changes: changes)
        self.init(validUntil: validUntil, endsOn: ending?.date, endingStatus: ending?.status,
                  amendedOn: changes.filter { $0.kind == .amended }.map(\.date).min(),
                  filingDue: published.flatMap { try? calendar.dueDate(of: FilingRule(rules: rules).filingPeriod(published: $0)) })
    }

    /// The status on `date`: the same answer as `DocumentStatusTimeline.status`, from the stored dates
    /// (nil for an unpublished document). The SQL filters in the App's DocumentQuery mirror these branches.
    public func status(on date: LocalDate, published: Bool, effective: LocalDate?) -> LegalStatus? {
        guard published else { return nil }
        if let endsOn, let endingStatus, endsOn <= date { return endingStatus }
        guard let effective, date >= effective else { return .notYetEffective }
        if let amendedOn, amendedOn <= date { return .amendedInForce }
        return .inForce
    }
}
