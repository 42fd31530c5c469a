import FazhiCore
import Fluent
import Foundation

/// Reads of the Advisers module that other modules' pages show, as plain page models (docs/ARCHITECTURE.md):
/// the 法律顾问参与 card on a decision's, contract's or document's page.
enum AdviserQuery {
    /// An adviser's term, from the stored dates.
    static func term(_ model: AdviserModel) -> AdviserTerm? {
        LocalDate(iso: model.termStart).map { AdviserTerm(start: $0, end: model.termEnd.flatMap(LocalDate.init(iso:))) }
    }

    /// The engagements recorded on a subject and, for the legal office, the advisers in office today to choose from.
    static func engagementCard(_ subject: EngagementSubject, id: UUID, user: CurrentUser, today: LocalDate,
                               on db: any Database) async throws -> AdviserPages.EngagementSection {
        let records = try await AdviserEngagementModel.query(on: db).filter(\.$subjectType == subject.rawValue).filter(\.$subjectID == id)
            .with(\.$adviser).sort(\.$date).all()
        let canWrite = user.has(.writeAllRecords)
        let advisers = canWrite
            ? try await AdviserModel.query(on: db).sort(\.$name).all().filter { term($0)?.isActive(on: today) ?? false }
            : []
        return AdviserPages.EngagementSection(
            subject: subject, subjectID: id,
            records: records.map { record in
                AdviserPages.EngagementLine(date: record.date, adviserID: record.$adviser.id, adviserName: record.adviser.name,
                                            adviserType: record.adviser.type, summary: record.summary)
            },
            advisers: advisers.compactMap { adviser in
                adviser.id.map { AdviserPages.AdviserChoice(id: $0, name: adviser.name, type: adviser.type, organisation: adviser.organisation) }
            },
            canWrite: canWrite)
    }
}
