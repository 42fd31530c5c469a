import FazhiCore
import Vapor

/// 政府合同: submission, legality review, signing, filing, amendments with their own review, the register.
struct ContractsModule: FazhiModule {
    let id = "contracts"
    let title = "政府合同"

    func routes(_ r: FazhiRoutes) {
        r.get(.contracts, .readRecords, use: ContractsController.list)
        for format in SiteURL.ExportFormat.allCases {
            r.get(.contractsExport(format), .readRecords, use: ContractsController.export(format))
        }
        r.get(.contractNew, .draftRecords, use: ContractsController.new)
        r.post(.contractNew, .draftRecords, use: ContractsController.create)
        r.get(.contract(.key), .readRecords, use: ContractsController.show)
        for event in ContractEvent.allCases where event != .recordReview && event != .returnForChanges {
            r.post(.contractStep(.key, event), .draftRecords, use: ContractsController.step(event))
        }
        r.post(.contractReview(.key), .legalOffice, use: ContractsController.review)
        r.post(.contractAmendmentReview(.key), .legalOffice, use: ContractsController.reviewAmendment)
        r.post(.contractCounterparty(.key), .capability(.revealPersonalData), use: ContractsController.revealCounterparty)
        r.post(.contractAttachments(.key), .draftRecords, body: .upload(maxBytes: Attachments.maxBytes), use: ContractsController.upload)
        r.get(.contractAttachment(.key, .key), .readRecords, use: ContractsController.download)
    }

    var migrations: [ModuleMigration] { [ModuleMigration(14, CreateContracts()), ModuleMigration(22, AddDerivedDatesToContracts())] }

    var navigation: [NavItem] {
        [NavItem(key: "contracts", title: title, url: { _ in .contracts }, visible: { $0.has(.readOwnUnitRecords) })]
    }

    var auditLabels: [String: String] {
        [
            "contracts.submitted": "提交合同审查",
            "contracts.amendment.submitted": "合同变更送审查",
            "contracts.amendment.returned": "合同变更审查不同意",
            "contracts.exported": "导出合同登记",
            "contracts.attachment.added": "上传合同附件",
        ]
    }

    var workflowLabels: [String: String] {
        WorkflowLabels.of(ContractWorkflow.definition(), title).merging(WorkflowLabels.of(ContractAmendmentWorkflow.definition(), "政府合同变更")) { current, _ in current }
    }

    var statistics: [CatalogueEntry] { ContractStatistics.entries }

    var derivedIndexes: [any DerivedIndex] { [ContractDatesIndex(), DeadlineIndex(ContractDeadlines())] }

    var rulesPages: [RulesPage] { [RulesPage(ContractRules.self, url: .contractRules, back: (title, .contracts), nav: id)] }

    var statutoryRules: [StatutoryRule] { ContractPeriods.all }

    var demo: DemoStep? {
        DemoStep(after: ["advisers"]) { demo in
            try await DemoContracts.load(on: demo.db, reviewer: demo.reviewer, projectIDs: demo.published["advisers.projects"] ?? [:],
                                         box: demo.box, at: demo.now)
        }
    }

    /// Its tables for `fazhi demo --scale` (DemoScale): copied per county, in foreign-key order.
    var scaleTables: [DemoScale.Table] {
        [
            DemoScale.Table(name: "contracts", remapped: ["id", "submitting_unit_id", "project_id", "resubmission_of"], shared: ["drafter_id"]),
            // resident_id is a person's 居民身份证号 (sealed), not a record's id.
            DemoScale.Table(name: "contract_counterparties", remapped: ["id", "contract_id"], notReferences: ["resident_id"]),
            DemoScale.Table(name: "contract_changes", remapped: ["id", "contract_id"], shared: ["submitted_by"]),
        ]
    }
}
