import FazhiCore
import Vapor

/// 重大行政决策: the catalogue, the five procedures, the shared legality review, the public consultation portal with
/// moderation, publication, implementation, evaluation and archiving.
struct DecisionsModule: FazhiModule {
    let id = "decisions"
    let title = "重大行政决策"

    func routes(_ r: FazhiRoutes) {
        r.get(.decisions, .readRecords, use: DecisionsController.list)
        r.get(.decisionNew, .draftRecords, use: DecisionsController.new)
        r.post(.decisionNew, .draftRecords, use: DecisionsController.create)
        r.get(.decisionEdit(.key), .draftRecords, use: DecisionsController.edit)
        r.post(.decisionEdit(.key), .draftRecords, use: DecisionsController.update)
        r.get(.decisionCatalogue, .readRecords, use: DecisionsController.catalogue)
        r.post(.decisionCatalogueItem, .legalOffice, use: DecisionsController.addCatalogueItem)
        r.post(.decisionCatalogueApproval, .legalOffice, use: DecisionsController.approveCatalogue)
        r.get(.decision(.key), .readRecords, use: DecisionsController.show)
        for event in DecisionEvent.allCases where ![.recordProcedure, .recordReview, .recordDiscussion].contains(event) {
            r.post(.decisionStep(.key, event), .draftRecords, use: DecisionsController.step(event))
        }
        for procedure in DecisionProcedure.allCases where procedure != .legalityReview {
            r.post(.decisionProcedure(.key, procedure.rawValue), .draftRecords, use: DecisionsController.procedure(procedure))
        }
        r.post(.decisionReview(.key), .legalOffice, use: DecisionsController.review)
        r.post(.decisionFeedback(.key), .draftRecords, use: DecisionsController.feedback)
        r.post(.decisionComment(.key, .key), .legalOffice, use: DecisionsController.moderate)
        r.post(.decisionCommentContact(.key, .key), .capability(.revealPersonalData), use: DecisionsController.revealContact)
        r.post(.decisionAttachments(.key), .draftRecords, body: .upload(maxBytes: Attachments.maxBytes), use: DecisionsController.upload)
        r.get(.decisionAttachment(.key, .key), .readRecords, use: DecisionsController.download)

        // Public portal
        r.get(.publicDecisions, .anyone, use: PublicDecisionsController.list)
        r.get(.publicDecisionCatalogue, .anyone, use: PublicDecisionsController.catalogue)
        r.get(.publicDecision(.key), .anyone, use: PublicDecisionsController.show)
        r.post(.publicDecisionComments(.key), .anyone, use: PublicDecisionsController.submit)
        r.get(.publicDecisionAttachment(.key, .key), .anyone, use: PublicDecisionsController.attachment)
    }

    var migrations: [ModuleMigration] { [ModuleMigration(13, CreateDecisions()), ModuleMigration(17, AddPartyReportToDecisions())] }

    var navigation: [NavItem] {
        [NavItem(key: "decisions", title: title, url: { _ in .decisions }, visible: { $0.has(.readOwnUnitRecords) })]
    }

    var auditLabels: [String: String] {
        [
            "decisions.created": "新建重大行政决策",
            "decisions.updated": "修改决策草案",
            "decisions.catalogue.item": "增加决策事项目录事项",
            "decisions.catalogue.approved": "批准公布决策事项目录",
            "decisions.comment.received": "收到公众意见",
            "decisions.comment.limited": "公众意见提交过于频繁被拒绝",
            "decisions.comment.handled": "录入公众意见采纳情况",
            "decisions.feedback.published": "公布意见采纳情况反馈",
            "decisions.attachment.added": "上传决策附件",
        ]
    }

    var workflowLabels: [String: String] {
        WorkflowLabels.of(DecisionWorkflow.definition(), title).merging(WorkflowLabels.of(CommentModeration.definition(), "公众意见审核")) { a, _ in a }
    }

    var statistics: [CatalogueEntry] { DecisionStatistics.entries }

    var derivedIndexes: [any DerivedIndex] { [DeadlineIndex(DecisionDeadlines())] }

    var rulesPages: [RulesPage] { [RulesPage(DecisionRules.self, url: .decisionRules, back: (title, .decisions), nav: id)] }

    var statutoryRules: [StatutoryRule] { DecisionPeriods.all }

    var demo: DemoStep? {
        // The demo decisions cite demo documents and engage the demo advisers; they follow the contracts so the
        // demo's records keep the order they were always loaded in.
        DemoStep(after: ["documents", "advisers", "contracts"]) { demo in
            try await DemoDecisions.load(on: demo.db, reviewer: demo.reviewer, documentIDs: demo.published["documents"] ?? [:], box: demo.box,
                                         today: demo.today, at: demo.now)
        }
    }

    /// Its tables for `fazhi demo --scale` (DemoScale): copied per county, in foreign-key order.
    var scaleTables: [DemoScale.Table] {
        [
            // Decisions. decision_catalogues is unique by year (one catalogue for the region): the copies' items join it.
            DemoScale.Table(name: "decisions", remapped: ["id", "proposing_unit_id", "document_id"], shared: ["drafter_id"]),
            DemoScale.Table(name: "decision_catalogue_items", remapped: ["id", "proposing_unit_id", "decision_id"], shared: ["catalogue_id"]),
            DemoScale.Table(name: "decision_procedures", remapped: ["id", "decision_id"]),
            DemoScale.Table(name: "decision_comments", remapped: ["id", "decision_id", "owner_unit_id"]),
        ]
    }
}
