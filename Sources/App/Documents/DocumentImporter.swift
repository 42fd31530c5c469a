import FazhiCore
import Fluent
import Foundation
import Vapor

/// Imports an existing register (CSV in UTF-8 or GB18030, or XLSX): validated whole by FazhiCore's
/// RegisterImport, then inserted in one transaction — all rows or none. Used by the upload page and
/// `fazhi import documents`.
enum DocumentImporter {
    struct Outcome: Sendable {
        let rows: [RegisterImport.Row]
        let problems: [RegisterImport.Problem]
        let encoding: String
        let imported: Bool
    }

    /// `progress` hears (rows written, rows in all) as the rows go in.
    static func run(_ bytes: [UInt8], dryRun: Bool, context: AuditContext, at now: Date, on db: any Database,
                    progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> Outcome {
        let units = try await UnitModel.query(on: db).all()
        var names: [String: String] = [:]
        for unit in units {
            names[unit.name] = unit.name
            if let short = unit.shortName, names[short] == nil { names[short] = unit.name }
        }
        struct Numbers: Decodable { let document_number: String?; let registration_number: String? }
        let existing = try await db.sql.raw("SELECT document_number, registration_number FROM documents").all(decoding: Numbers.self)
        let rules = try await DocumentService.rules(on: db)
        let importer = RegisterImport(rules: rules, unitNames: names,
                                      existingDocumentNumbers: Set(existing.compactMap(\.document_number)),
                                      existingRegistrationNumbers: Set(existing.compactMap(\.registration_number)))
        // Parsing and validating a large sheet is CPU work: it runs on the thread pool, so the threads that answer
        // requests keep answering while it goes.
        let validated: (Result<[RegisterImport.Row], RegisterImport.Problems>, String) = try await NIOThreadPool.singleton.runIfActive {
            let (table, encoding) = try UploadedSheet.table(bytes)
            return (importer.validate(table), encoding)
        }
        let encoding = validated.1
        switch validated.0 {
        case .failure(let problems):
            return Outcome(rows: [], problems: problems.items, encoding: encoding, imported: false)
        case .success(let rows):
            guard !dryRun else { return Outcome(rows: rows, problems: [], encoding: encoding, imported: false) }
            let unitIDs = Dictionary(uniqueKeysWithValues: units.map { ($0.name, $0.id!) })
            try await db.writeTransaction { tx in
                // Rows without a registration number get the next of their publication year, in date order (the
                // highest sequence of the year read once, under the write lock, then counted on).
                var highest: [Int: Int] = [:]
                func next(_ year: Int) async throws -> Int {
                    if highest[year] == nil {
                        struct Max: Decodable { let n: Int? }
                        highest[year] = try await tx.sql.raw("SELECT MAX(registration_sequence) AS n FROM documents WHERE registration_year = \(bind: year)")
                            .first(decoding: Max.self)?.n ?? 0
                    }
                    highest[year]! += 1
                    return highest[year]!
                }
                var documents: [DocumentModel] = []
                for row in rows.sorted(by: { ($0.published, $0.line) < ($1.published, $1.line) }) {
                    let document = DocumentModel()
                    document.id = UUID()
                    document.$issuingUnit.id = unitIDs[row.issuer]!
                    document.$draftingUnit.id = unitIDs[row.draftingUnit]!
                    document.title = row.title
                    document.documentNumber = row.documentNumber
                    if let registration = row.registration {
                        document.registrationNumber = registration.text
                        document.registrationYear = registration.year
                        document.registrationSequence = registration.sequence
                        if highest[registration.year] != nil { highest[registration.year] = max(highest[registration.year]!, registration.sequence) }
                    } else {
                        let sequence = try await next(row.published.year)
                        document.registrationNumber = rules.registrationPattern.format(year: row.published.year, sequence: sequence)
                        document.registrationYear = row.published.year
                        document.registrationSequence = sequence
                    }
                    document.term = row.term.code
                    document.marketRelated = false
                    document.publishedOn = row.published.description
                    document.effectiveOn = row.effective.description
                    document.immediateReason = row.immediateReason
                    document.filedOn = row.filed?.description
                    document.state = (row.filed != nil ? DocumentState.filed : .published).rawValue
                    document.body = ""
                    document.createdAt = now
                    document.updatedAt = now
                    documents.append(document)
                }
                // Many rows per statement: a register of tens of thousands of documents goes in within seconds.
                var written = 0
                for chunk in documents.chunked(400) {
                    try await chunk.create(on: tx)
                    try await DocumentService.index(chunk, on: tx)
                    written += chunk.count
                    progress?(written, documents.count)
                }
                DerivedChangeLog.current?.touch("document", documents.compactMap(\.id))
                try await AuditLog.append(AuditEvent("documents.imported", subjectType: "document",
                                                     detail: "导入规范性文件登记簿 \(rows.count) 件（\(encoding)）"), context: context, at: now, on: tx)
            }
            return Outcome(rows: rows, problems: [], encoding: encoding, imported: true)
        }
    }
}

enum DocumentImportController {
    static let maxUpload = 4 << 20

    static func show(_ req: Request) async throws -> Response {
        let frame = try await req.frame("导入规范性文件登记簿", crumbs: [Crumb("规范性文件", .documents), Crumb("导入")], nav: "documents")
        return htmlResponse(DocumentImportPages.form(frame, outcome: nil, error: nil))
    }

    static func upload(_ req: Request) async throws -> Response {
        struct Upload: Decodable { var file: File?; var mode: String? }
        let upload = try? req.content.decode(Upload.self, as: .formData)
        let frame = try await req.frame("导入规范性文件登记簿", crumbs: [Crumb("规范性文件", .documents), Crumb("导入")], nav: "documents")
        guard let file = upload?.file, file.data.readableBytes > 0 else {
            return htmlResponse(DocumentImportPages.form(frame, outcome: nil, error: "请选择要导入的 CSV 或 XLSX 文件。"), status: .unprocessableEntity)
        }
        let dryRun = upload?.mode != "import"
        do {
            let outcome = try await DocumentImporter.run(Array(file.data.readableBytesView), dryRun: dryRun, context: req.auditContext,
                                                         at: req.now, on: req.db)
            return htmlResponse(DocumentImportPages.form(frame, outcome: outcome, error: nil),
                                status: outcome.problems.isEmpty ? .ok : .unprocessableEntity)
        } catch let failure as Operations.Failure {
            return htmlResponse(DocumentImportPages.form(frame, outcome: nil, error: failure.message), status: .unprocessableEntity)
        }
    }
}

enum DocumentImportPages {
    static func form(_ frame: PageFrame, outcome: DocumentImporter.Outcome?, error: String?) -> String {
        var content: [HTMLNode] = []
        if let error { content.append(Components.notice(Notice(.error, error))) }
        if let outcome {
            if !outcome.problems.isEmpty {
                content.append(.tag("section", [.cls("card")], [
                    Components.notice(Notice(.error, "文件（\(outcome.encoding)）有 \(outcome.problems.count) 处问题，未导入任何数据。请修改后重新上传。")),
                    .tag("ul", [], outcome.problems.prefix(500).map { .tag("li", text: $0.description) }),
                ]))
            } else if outcome.imported {
                content.append(Components.notice(Notice(.success, "已导入 \(outcome.rows.count) 件规范性文件（\(outcome.encoding)）。")))
                content.append(.tag("p", [], [Components.link("查看登记簿", .documents)]))
            } else {
                content.append(.tag("section", [.cls("card")], [
                    Components.notice(Notice(.info, "检查通过（\(outcome.encoding)）：将新增 \(outcome.rows.count) 件规范性文件。确认无误后，请选择「正式导入」再次上传同一文件。")),
                    Components.table(headers: ["行", "文号", "标题", "制定机关", "公布日期", "施行日期", "有效期"], rows: outcome.rows.prefix(200).map { row in
                        [.t(String(row.line)), .t(row.documentNumber ?? "—"), .t(row.title), .t(row.issuer), .t(row.published.chinese),
                         .t(row.effective.chinese), .t(row.term.label())]
                    }),
                ]))
            }
        }
        content.append(.tag("section", [.cls("card")], [
            .tag("p", text: "支持 CSV（UTF-8 或 Excel 保存的 GB18030 中文编码）和 XLSX。第一行为表头，可用的列："
                 + RegisterImport.Column.allCases.map { $0.required ? "\($0.rawValue)（必填）" : $0.rawValue }.joined(separator: "、")
                 + "。整份文件检查通过才会导入，任何一行有误都不导入，并逐行逐列列出问题。"),
            Components.form(.documentImport, csrf: frame.csrfToken, [
                .tag("div", [.cls("field")], [
                    .tag("label", [Attr("for", "f-file")], text: "登记簿文件"),
                    .void("input", [Attr("type", "file"), .id("f-file"), Attr("name", "file"), Attr("accept", ".csv,.xlsx,text/csv")]),
                ]),
                Components.select(name: "mode", label: "方式", options: [("check", "只检查，不导入"), ("import", "正式导入")], selected: "check"),
                Components.submit("上传"),
            ], upload: true),
        ]))
        return Layout.page(frame, content)
    }
}
