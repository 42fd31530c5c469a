import FazhiCore
import Fluent
import Foundation
import Vapor

/// The demo county's legal advisers (advisers-fenghuang.tsv), their village assignments
/// (adviser-assignments-fenghuang.tsv), the nine key projects (key-projects-fenghuang.tsv) and who took part
/// in them (project-participation-fenghuang.tsv). Every row passes the rule its form applies. The tables give
/// the 2020 terms; a county renews its advisers each year, so terms and assignments that ended before the day
/// the demo is loaded are renewed (续聘) to the end of the current year, leaving 31 December 2020 as it was.
enum DemoAdvisers {
    typealias Problem = DemoDocuments.Problem

    /// Returns the key projects' ids by their key (contracts link to them).
    static func load(on db: any Database, box: SecretBox, today: LocalDate, at now: Date) async throws -> [String: UUID] {
        let units = Dictionary(uniqueKeysWithValues: try await UnitModel.query(on: db).all().map { ($0.name, $0.id!) })
        guard let legalOffice = try await UnitModel.query(on: db).filter(\.$isLegalOffice == true).first()?.id else {
            throw Problem(description: "demo legal office missing")
        }
        let regions = Dictionary(uniqueKeysWithValues: try await RegionModel.query(on: db).all().map { ($0.code, $0) })
        let asOf = LocalDate(year: 2020, month: 12, day: 31)!
        let renewedTo = LocalDate(year: max(today.year, 2020), month: 12, day: 31)!
        @Sendable func renewed(_ end: LocalDate?) -> LocalDate? { end.map { $0 < today ? max($0, renewedTo) : $0 } }
        return try await db.writeTransaction { tx in
            var advisers: [String: (id: UUID, term: AdviserTerm)] = [:]
            for row in try DemoDocuments.table("advisers-fenghuang") {
                guard let key = row["key"] else { throw Problem(description: "demo adviser row without key") }
                let draft = try AdviserDraft.validate(name: row["name"], type: row["type"], organisation: row["organisation"], licenceNumber: row["licenceNumber"],
                                                      contact: row["mobile"], termStart: row["termStart"], termEnd: row["termEnd"], today: asOf)
                    .checked("adviser \(key)")
                let model = AdviserModel()
                model.id = UUID()
                model.name = draft.name
                model.type = draft.type.rawValue
                model.organisation = draft.organisation
                model.licenceNumber = draft.licence?.value
                model.contactSealed = try draft.contact.map { try box.seal($0.value) }
                model.termStart = draft.term.start.description
                model.termEnd = renewed(draft.term.end)?.description
                model.$unit.id = legalOffice
                model.createdAt = now
                try await model.create(on: tx)
                advisers[key] = (model.id!, draft.term)
            }
            var assigned = 0
            for row in try DemoDocuments.table("adviser-assignments-fenghuang") {
                guard let adviser = row["adviserKey"].flatMap({ advisers[$0] }), let region = row["regionCode"].flatMap({ regions[$0] }) else {
                    throw Problem(description: "demo assignment row invalid: \(row["adviserKey"] ?? "?") \(row["regionCode"] ?? "?")")
                }
                let plan = try VillageAssignmentPlan.plan(regionLevel: RegionLevel(rawValue: region.level), adviserID: adviser.id, adviserTerm: adviser.term,
                                                          from: row["from"], existing: [], today: asOf).checked("assignment \(region.name)")
                let model = AdviserAssignmentModel()
                model.$adviser.id = adviser.id
                model.$region.id = region.id!
                model.from = plan.from.description
                model.to = renewed(row["to"].flatMap(LocalDate.init(iso:)) ?? plan.to)?.description
                try await model.create(on: tx)
                assigned += 1
            }
            var projects: [String: (id: UUID, project: KeyProject)] = [:]
            for row in try DemoDocuments.table("key-projects-fenghuang") {
                guard let key = row["key"], let unit = row["ownerUnit"].flatMap({ units[$0] }) else {
                    throw Problem(description: "demo key project row invalid: \(row["key"] ?? "?")")
                }
                let project = try KeyProject.validate(name: row["name"], ownerUnit: row["ownerUnit"], startDate: row["startDate"], endDate: row["endDate"])
                    .checked("key project \(key)")
                let model = KeyProjectModel()
                model.id = UUID()
                model.name = project.name
                model.$ownerUnit.id = unit
                model.startDate = project.startDate.description
                model.endDate = project.endDate?.description
                model.description = row["description"] ?? ""
                model.createdAt = now
                try await model.create(on: tx)
                projects[key] = (model.id!, project)
            }
            let participations = try DemoDocuments.table("project-participation-fenghuang")
            for row in participations {
                guard let project = row["projectKey"].flatMap({ projects[$0] }), let adviser = row["adviserKey"].flatMap({ advisers[$0] }) else {
                    throw Problem(description: "demo participation row invalid: \(row["projectKey"] ?? "?") \(row["adviserKey"] ?? "?")")
                }
                // "出具法律意见书3份，审查合同协议1份": the legal opinions given are the 法律意见书.
                let summary = row["opinions"] ?? ""
                let count = summary.range(of: "法律意见书").map { Int(summary[$0.upperBound...].prefix { $0.isNumber }) ?? 0 } ?? 0
                let participation = try ProjectParticipation.validate(
                    adviserID: adviser.id, projectID: project.id, project: project.project, adviserTerm: adviser.term, from: row["from"], to: row["to"],
                    opinionsCount: String(count), opinionsSummary: row["opinions"], today: asOf).checked("participation \(project.project.name)")
                let model = ProjectParticipationModel()
                model.$project.id = project.id
                model.$adviser.id = adviser.id
                model.from = participation.from.description
                model.to = participation.to?.description
                model.opinionsCount = participation.opinionsCount
                model.opinions = participation.opinionsSummary ?? ""
                try await model.create(on: tx)
            }
            try await AuditLog.append(AuditEvent("system.demo.loaded", subjectType: "adviser",
                                                 detail: "载入演示法律顾问 \(advisers.count) 人、村（社区）分派 \(assigned) 个、重点项目 \(projects.count) 个、参与记录 \(participations.count) 条"),
                                      context: .cli("demo"), at: now, on: tx)
            return projects.mapValues(\.id)
        }
    }
}
