import FazhiCore
import Vapor

/// 规范性文件: drafting, comment, legality review, registration, publication, filing, validity and cleanups, with
/// the public catalogue.
struct DocumentsModule: FazhiModule {
    let id = "documents"
    let title = "规范性文件"

    func routes(_ r: FazhiRoutes) {
        r.get(.documents, .readRecords, use: DocumentsController.register)
        for format in SiteURL.ExportFormat.allCases {
            r.get(.documentsExport(format), .readRecords, use: DocumentsController.export(format))
        }
        r.get(.documentNew, .draftRecords, use: DocumentsController.newDocument)
        r.post(.documentNew, .draftRecords, use: DocumentsController.create)
        r.get(.documentImport, .legalOffice, use: DocumentImportController.show)
        r.post(.documentImport, .legalOffice, body: .upload(maxBytes: DocumentImportController.maxUpload), use: DocumentImportController.upload)
        r.get(.document(.key), .readRecords, use: DocumentsController.show)
        r.get(.documentEdit(.key), .draftRecords, use: DocumentsController.edit)
        r.post(.documentEdit(.key), .draftRecords, use: DocumentsController.update)
        for event in DocumentEvent.allCases where event != .recordReview {
            r.post(.documentStep(.key, event), .draftRecords, use: DocumentsController.step(event))
        }
        r.post(.documentReview(.key), .legalOffice, use: DocumentsController.review)
        r.post(.documentComments(.key), .draftRecords, use: DocumentsController.addComment)
        r.post(.documentChanges(.key), .legalOffice, use: DocumentsController.addChange)
        r.post(.documentRepublish(.key), .draftRecords, use: DocumentsController.republishDraft)
        r.post(.cleanupScope(.key), .legalOffice, use: CleanupController.addToScope)
        r.post(.documentAttachments(.key), .draftRecords, body: .upload(maxBytes: Attachments.maxBytes), use: DocumentsController.upload)
        r.get(.documentAttachment(.key, .key), .readRecords, use: DocumentsController.download)
        r.get(.cleanups, .capability(.readAllRecords), use: CleanupController.list)
        r.get(.cleanupNew, .legalOffice, use: CleanupController.new)
        r.post(.cleanupNew, .legalOffice, use: CleanupController.create)
        r.get(.cleanup(.key), .capability(.readAllRecords), use: CleanupController.show)
        r.post(.cleanupOutcomes(.key), .legalOffice, use: CleanupController.saveOutcomes)
        r.post(.cleanupApply(.key), .legalOffice, use: CleanupController.apply)
        r.post(.cleanupPublish(.key), .legalOffice, use: CleanupController.publish)
        for format in SiteURL.ExportFormat.allCases {
            r.get(.cleanupExport(.key, format), .capability(.readAllRecords), use: CleanupController.export(format, publicOnly: false))
        }

        // Public portal
        r.get(.publicDocuments, .anyone, use: PublicDocumentsController.catalogue)
        for format in SiteURL.ExportFormat.allCases {
            r.get(.publicDocumentsExport(format), .anyone, use: PublicDocumentsController.export(format))
            r.get(.publicCleanupExport(.key, format), .anyone, use: CleanupController.export(format, publicOnly: true))
        }
        r.get(.publicDocument(.key), .anyone, use: PublicDocumentsController.show)
        r.get(.publicAttachment(.key, .key), .anyone, use: PublicDocumentsController.attachment)
        r.get(.publicCleanups, .anyone, use: PublicDocumentsController.cleanups)
        r.get(.publicCleanup(.key), .anyone, use: PublicDocumentsController.cleanup)

        // API
        r.get(.api(.documents), .apiToken, use: DocumentsAPI.list)
        r.get(.api(.document(.key)), .apiToken, use: DocumentsAPI.show)
    }

    var migrations: [ModuleMigration] { [ModuleMigration(12, CreateDocuments()), ModuleMigration(20, AddDerivedDatesToDocuments())] }

    var navigation: [NavItem] {
        [NavItem(key: "documents", title: title, url: { _ in .documents }, visible: { $0.has(.readOwnUnitRecords) })]
    }

    var auditLabels: [String: String] {
        [
            "documents.created": "新建规范性文件",
            "documents.updated": "修改规范性文件草案",
            "documents.imported": "导入规范性文件登记簿",
            "documents.exported": "导出规范性文件登记簿",
            "documents.public.exported": "下载现行有效规范性文件目录",
            "documents.comment.recorded": "录入征求意见情况",
            "documents.attachment.added": "上传规范性文件附件",
            "documents.cleanup.created": "新建清理",
            "documents.cleanup.scope": "调整清理范围",
            "documents.cleanup.outcomes": "录入清理意见",
            "documents.cleanup.applied": "作出清理决定",
            "documents.cleanup.published": "公布清理结果",
            "documents.cleanup.exported": "导出清理结果",
        ]
    }

    func auditLabel(for action: String) -> String? {
        action.hasPrefix("documents.change.") ? "录入规范性文件变动（\(action.split(separator: ".").last ?? "")）" : nil
    }

    var workflowLabels: [String: String] { WorkflowLabels.of(DocumentWorkflow.definition(rules: .default), title) }

    var statistics: [CatalogueEntry] { DocumentStatistics.entries }

    var derivedIndexes: [any DerivedIndex] { [DocumentDatesIndex(), DeadlineIndex(DocumentDeadlines())] }

    var rulesPages: [RulesPage] { [RulesPage(DocumentRules.self, url: .documentRules, back: (title, .documents), nav: id)] }

    var statutoryRules: [StatutoryRule] { DocumentPeriods.all }

    var demo: DemoStep? {
        DemoStep(after: []) { demo in
            demo.published["documents"] = try await DemoDocuments.load(on: demo.db, reviewer: demo.reviewer, at: demo.now)
        }
    }

    /// Its tables for `fazhi demo --scale` (DemoScale): copied per county, in foreign-key order.
    var scaleTables: [DemoScale.Table] {
        [
            DemoScale.Table(name: "documents", remapped: ["id", "drafting_unit_id", "issuing_unit_id", "predecessor_id"], shared: ["drafter_id"], values: [
                "document_number": { $0.suffixed("document_number") },
                "registration_sequence": { $0.registrationSequence },
                "registration_number": { $0.registrationNumber },
            ]),
            // SQLite's full-text index of the documents (PostgreSQL indexes the table itself); 文号 as in the copy.
            DemoScale.Table(name: "documents_fts", remapped: ["document_id"], values: [
                "number": { "CASE WHEN \(ident: "number") = '' THEN '' ELSE \($0.suffixed("number")) END" },
            ], order: "document_id"),
            DemoScale.Table(name: "document_comments", remapped: ["id", "document_id"]),
            DemoScale.Table(name: "cleanup_campaigns", remapped: ["id", "owner_unit_id"]),
            DemoScale.Table(name: "document_changes", remapped: ["id", "document_id", "linked_document_id", "campaign_id"]),
            DemoScale.Table(name: "cleanup_entries", remapped: ["id", "campaign_id", "document_id"]),
        ]
    }

    var openAPI: String? { DocumentsAPI.openAPIFragment }
}
