import FazhiCore
import Fluent
import Foundation
import Vapor

/// A file attached to any record (a document's signed text, a contract's scan, an expert opinion …), kept in
/// the database. One table and one upload/download path for every module.
final class AttachmentModel: Model, @unchecked Sendable {
    static let schema = "attachments"

    @ID(key: .id) var id: UUID?
    @Field(key: "subject_type") var subjectType: String
    @Field(key: "subject_id") var subjectID: UUID
    @Field(key: "owner_unit_id") var ownerUnitID: UUID
    @Field(key: "filename") var filename: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    @Field(key: "data") var data: Data
    /// Offered for download on the public portal.
    @Field(key: "public") var isPublic: Bool
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

struct CreateAttachments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("attachments")
            .id()
            .field("subject_type", .string, .required)
            .field("subject_id", .uuid, .required)
            .field("owner_unit_id", .uuid, .required, .references("units", "id", onDelete: .restrict))
            .field("filename", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("data", .data, .required)
            .field("public", .bool, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.sql.raw("CREATE INDEX attachments_subject ON attachments (subject_type, subject_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("attachments").delete()
    }
}

enum Attachments {
    static let maxBytes = 10 << 20
    static let allowedExtensions = ["pdf", "doc", "docx", "ofd", "wps", "xls", "xlsx", "jpg", "jpeg", "png", "txt"]

    /// The files of one record, without their bytes (for lists).
    static func list(_ subjectType: String, _ subjectID: UUID, publicOnly: Bool = false, on db: any Database) async throws -> [AttachmentModel] {
        var query = AttachmentModel.query(on: db).filter(\.$subjectType == subjectType).filter(\.$subjectID == subjectID)
        if publicOnly { query = query.filter(\.$isPublic == true) }
        return try await query.sort(\.$createdAt)
            .field(\.$id).field(\.$subjectType).field(\.$subjectID).field(\.$ownerUnitID).field(\.$filename).field(\.$size)
            .field(\.$isPublic).field(\.$createdAt).all()
    }

    /// Reads the upload (field `file`, checkbox `isPublic` where the record has a public page), checks name,
    /// type and size, stores it and audits.
    static func save(from req: Request, subjectType: String, subjectID: UUID, ownerUnitID: UUID, action: String, publishable: Bool = false) async throws {
        struct Upload: Decodable { var file: File?; var isPublic: String? }
        let upload = try? req.content.decode(Upload.self, as: .formData)
        guard let file = upload?.file, file.data.readableBytes > 0 else {
            throw Abort(.unprocessableEntity, reason: "请选择要上传的附件。")
        }
        guard file.data.readableBytes <= maxBytes else { throw Abort(.payloadTooLarge, reason: "附件不能超过 10 MB。") }
        let name = String(file.filename.split(separator: "/").last ?? "附件").replacingOccurrences(of: "\\", with: "_")
        var errors = FieldErrors()
        guard let filename = TextRule(label: "文件名", maxLength: 120).clean(name, field: "file", into: &errors) else {
            throw Abort(.unprocessableEntity, reason: errors.description)
        }
        let ext = (filename as NSString).pathExtension.lowercased()
        guard allowedExtensions.contains(ext) else {
            throw Abort(.unsupportedMediaType, reason: "附件只能是 \(allowedExtensions.joined(separator: "、")) 格式。")
        }
        let attachment = AttachmentModel()
        attachment.subjectType = subjectType
        attachment.subjectID = subjectID
        attachment.ownerUnitID = ownerUnitID
        attachment.filename = filename
        attachment.contentType = file.contentType?.serialize() ?? "application/octet-stream"
        attachment.size = file.data.readableBytes
        attachment.data = Data(file.data.readableBytesView)
        attachment.isPublic = publishable && upload?.isPublic == "on"
        attachment.createdAt = req.now
        try await req.create(attachment, audit: AuditEvent(action, subjectType: subjectType, subjectID: subjectID.uuidString,
                                                           detail: "附件 \(filename)（\(max(1, attachment.size / 1024)) KB）"))
    }

    /// The file named by the `attachmentID` path parameter, belonging to the record; always a download
    /// (never rendered inline; nosniff is on every response).
    static func download(_ req: Request, subjectType: String, subjectID: UUID, publicOnly: Bool) async throws -> Response {
        guard let attachmentID = req.parameters.get("attachmentID", as: UUID.self),
              let attachment = try await AttachmentModel.query(on: req.db).filter(\.$id == attachmentID)
                .filter(\.$subjectType == subjectType).filter(\.$subjectID == subjectID).first(),
              !publicOnly || attachment.isPublic else {
            throw Abort(.notFound)
        }
        let response = Response(status: .ok, body: .init(data: attachment.data))
        response.headers.replaceOrAdd(name: .contentType, value: "application/octet-stream")
        let encoded = attachment.filename.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "file"
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"attachment\"; filename*=UTF-8''\(encoded)")
        return response
    }

    /// The attachments card: the list with download links, and an upload form when the user may write.
    /// `publishable`: the record has a public page where files marked public are offered.
    static func section(_ frame: PageFrame, files: [AttachmentModel], link: (AttachmentModel) -> SiteURL, upload: SiteURL?,
                        publishable: Bool = false) -> HTMLNode {
        let models = Dictionary(files.map { ($0.id!, $0) }, uniquingKeysWith: { first, _ in first })
        return section(frame, files: files.map(AttachmentSummary.init), link: { link(models[$0.id]!) }, upload: upload, publishable: publishable)
    }

    /// The same card over plain values (pages built from page models hold no Fluent model).
    static func section(_ frame: PageFrame, files: [AttachmentSummary], link: (AttachmentSummary) -> SiteURL, upload: SiteURL?,
                        publishable: Bool = false) -> HTMLNode {
        var nodes: [HTMLNode] = [
            .tag("h2", text: "附件"),
            Components.table(headers: ["文件名", "大小"] + (publishable ? ["公开"] : []) + ["上传时间"], rows: files.map { file in
                [Components.link(file.filename, link(file)), .t("\(max(1, file.size / 1024)) KB")] + (publishable ? [.t(file.isPublic ? "是" : "否")] : [])
                    + [.t(Format.dateTime(file.createdAt))]
            }, empty: "暂无附件。"),
        ]
        if let upload {
            nodes.append(Components.form(upload, csrf: frame.csrfToken, [
                .tag("div", [.cls("field")], [
                    .tag("label", [Attr("for", "f-file")], text: "上传附件（PDF、Word、OFD、图片，10 MB 以内）"),
                    .void("input", [Attr("type", "file"), .id("f-file"), Attr("name", "file")]),
                ]),
                publishable ? Components.checkboxes(name: "isPublic", legend: "公开", options: [("on", "在公开栏目中提供下载", nil)], checked: []) : .nodes([]),
                Components.submit("上传"),
            ], upload: true))
        }
        return .tag("section", [.cls("card"), .id("attachments")], nodes)
    }
}

/// An attachment as lists show it, without its bytes: a plain value for page models.
struct AttachmentSummary: Sendable {
    let id: UUID
    let filename: String
    let size: Int
    let isPublic: Bool
    let createdAt: Date

    init(_ model: AttachmentModel) {
        id = model.id!
        filename = model.filename
        size = model.size
        isPublic = model.isPublic
        createdAt = model.createdAt
    }
}
