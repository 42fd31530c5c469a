import FazhiCore
import Fluent
import Foundation
import Vapor

/// The demo county's 2020 annual report: the seed report's text with every figure a placeholder
/// (Resources/report/fenghuang-2020.txt), the year's declared figures for what no module tracks
/// (declared-figures-fenghuang-2020.tsv), finalized and published through the report workflow as the county did
/// (signed 2021-03-16, published 2021-03-17), so every figure in it traces to the records or a declaration.
enum DemoReports {
    typealias Problem = DemoDocuments.Problem

    static let signedOn = LocalDate(year: 2021, month: 3, day: 16)!
    static let publishedOn = LocalDate(year: 2021, month: 3, day: 17)!

    static func load(on db: any Database, author: UserModel, at now: Date) async throws {
        let draft = try ReportDraftText.fenghuang2020()
        let declarations = try DemoDocuments.table("declared-figures-fenghuang-2020").map { row -> DeclaredFigure in
            switch DeclaredFigure.validate(year: draft.year, key: row["key"], label: row["label"], kind: row["kind"], value: row["value"], unit: row["unit"],
                                           source: row["source"], asOf: row["asOf"], computedKeys: ReportFigures.computedKeys) {
            case .success(let figure): return figure
            case .failure(let errors): throw Problem(description: "demo declared figure \(row["key"] ?? "?"): \(errors)")
            }
        }
        let reportID = UUID()
        let actor = Actor(userID: author.id, username: author.username, unitID: author.$unit.id, roles: Set(author.roles))
        try await db.writeTransaction { tx in
            for figure in declarations {
                let model = DeclaredFigureModel()
                model.fill(from: figure, by: author.displayName, at: now)
                try await model.create(on: tx)
            }
            let report = ReportModel()
            report.id = reportID
            report.year = draft.year
            report.version = 1
            report.regionName = draft.region
            report.$ownerUnit.id = author.$unit.id
            report.title = draft.title
            report.signatories = draft.signatories.joined(separator: "\n")
            report.signedOn = (draft.date ?? signedOn).description
            report.state = ReportState.draft.rawValue
            report.createdBy = author.id!
            report.createdAt = now
            report.updatedAt = now
            try await report.create(on: tx)
            for section in draft.sections {
                let version = ReportSectionVersionModel()
                version.$report.id = reportID
                version.section = section.key.rawValue
                version.number = 1
                version.heading = section.heading ?? ""
                version.text = section.text
                version.authorID = author.id!
                version.authorName = author.displayName
                version.createdAt = now
                try await version.create(on: tx)
            }
            try await AuditLog.append(AuditEvent("system.demo.loaded", subjectType: "report", subjectID: reportID.uuidString,
                                                 detail: "载入演示年度报告：\(draft.title)，申报数字 \(declarations.count) 项"),
                                      context: .cli("demo"), at: now, on: tx)
        }
        // Finalized and published the way the legal office does it: the snapshot of text and figures, hashed.
        guard let report = try await ReportModel.find(reportID, on: db) else { throw Problem(description: "demo report missing") }
        let content = try await ReportService.content(report, on: db)
        let snapshot: ReportSnapshot
        do { snapshot = try ReportSnapshot.freeze(content.draft, resolve: content.resolver) } catch {
            throw Problem(description: "demo report cannot be finalized: \(error)")
        }
        let json = String(decoding: snapshot.canonicalJSON, as: UTF8.self)
        let finalizedAt = Date(timeIntervalSince1970: 1_615_852_800)  // 2021-03-16 08:00 in Beijing, the day it was signed
        _ = try await WorkflowRunner.apply(
            ReportEvent.finalize, to: reportID, of: ReportModel.self, definition: ReportWorkflow.definition(), actor: actor, audit: .cli("demo"), at: now, on: db,
            context: { _, _ in ReportWorkflowContext(signatureRecorded: true) },
            changes: { record, tx in
                record.snapshot = json
                record.snapshotHash = snapshot.sha256Hex
                record.finalizedAt = finalizedAt
                record.finalizedBy = author.displayName
                record.updatedAt = now
                try await record.update(on: tx)
            },
            detail: "定稿 2020 年度报告第 1 版（演示数据），快照 SHA-256 \(snapshot.sha256Hex)")
        _ = try await WorkflowRunner.apply(
            ReportEvent.publish, to: reportID, of: ReportModel.self, definition: ReportWorkflow.definition(), actor: actor, audit: .cli("demo"), at: now, on: db,
            context: { _, _ in ReportWorkflowContext(publicationDateValid: true) },
            changes: { record, tx in
                record.publishedOn = publishedOn.description
                // Reported to the county Party committee and the people's congress standing committee in February.
                record.submittedOn = "2021-02-26"
                record.submittedTo = "中共\(record.regionName)委、\(record.regionName)人大常委会"
                record.updatedAt = now
                try await record.update(on: tx)
            },
            detail: "公布 2020 年度报告第 1 版（演示数据），公布日期 \(publishedOn)")
    }
}
