import FazhiCore
import Vapor

/// Every route of the app, with who may reach it (DESIGN.md style 1). Nothing is registered elsewhere.
func routes(_ app: Application) throws {
    let r = FazhiRoutes(builder: app.routes)

    // Public
    r.get(.home, .anyone, use: HomeController.home)
    r.get(.stylesheet, .anyone, use: HomeController.stylesheet)
    r.get(.health, .anyone, use: HomeController.health)
    r.get(.login, .anyone, use: LoginController.showLogin)
    r.post(.login, .anyone, use: LoginController.login)
    r.get(.loginTOTP, .secondFactorPending, use: LoginController.showTOTP)
    r.post(.loginTOTP, .secondFactorPending, use: LoginController.verifyTOTP)
    r.post(.logout, .anyone, use: LoginController.logout)

    // Every signed-in user
    r.get(.account, .signedIn, use: AccountController.overview)
    r.get(.accountPassword, .signedIn, use: AccountController.showPassword)
    r.post(.accountPassword, .signedIn, use: AccountController.changePassword)
    r.get(.accountTOTP, .enrolling, use: AccountController.showTOTP)
    r.post(.accountTOTP, .enrolling, use: AccountController.enrolTOTP)
    r.get(.calendar, .signedIn, use: CalendarController.show)
    r.get(.deadlineCalculator, .signedIn, use: CalendarController.calculate)
    r.get(.unit(.key), .signedIn, use: AdminOrganisationController.showUnit)

    // Normative documents (规范性文件)
    let readDocuments = Access.capability(.readOwnUnitRecords)
    let draftDocuments = Access.capability(.writeOwnUnitRecords)
    let legalOffice = Access.capability(.writeAllRecords)
    r.get(.documents, readDocuments, use: DocumentsController.register)
    for format in SiteURL.ExportFormat.allCases {
        r.get(.documentsExport(format), readDocuments, use: DocumentsController.export(format))
    }
    r.get(.documentNew, draftDocuments, use: DocumentsController.newDocument)
    r.post(.documentNew, draftDocuments, use: DocumentsController.create)
    r.get(.documentImport, legalOffice, use: DocumentImportController.show)
    r.post(.documentImport, legalOffice, body: .upload(maxBytes: DocumentImportController.maxUpload), use: DocumentImportController.upload)
    r.get(.documentRules, readDocuments, use: RulesSettings.show(DocumentRules.self, url: .documentRules, back: ("规范性文件", .documents), nav: "documents"))
    r.post(.documentRules, legalOffice, use: RulesSettings.save(DocumentRules.self, url: .documentRules, back: ("规范性文件", .documents), nav: "documents"))
    r.get(.document(.key), readDocuments, use: DocumentsController.show)
    r.get(.documentEdit(.key), draftDocuments, use: DocumentsController.edit)
    r.post(.documentEdit(.key), draftDocuments, use: DocumentsController.update)
    for event in DocumentEvent.allCases where event != .recordReview {
        r.post(.documentStep(.key, event.rawValue), draftDocuments, use: DocumentsController.step(event))
    }
    r.post(.documentReview(.key), legalOffice, use: DocumentsController.review)
    r.post(.documentComments(.key), draftDocuments, use: DocumentsController.addComment)
    r.post(.documentChanges(.key), legalOffice, use: DocumentsController.addChange)
    r.post(.documentRepublish(.key), draftDocuments, use: DocumentsController.republishDraft)
    r.post(.cleanupScope(.key), legalOffice, use: CleanupController.addToScope)
    r.post(.documentAttachments(.key), draftDocuments, body: .upload(maxBytes: Attachments.maxBytes), use: DocumentsController.upload)
    r.get(.documentAttachment(.key, .key), readDocuments, use: DocumentsController.download)
    r.get(.cleanups, .capability(.readAllRecords), use: CleanupController.list)
    r.get(.cleanupNew, legalOffice, use: CleanupController.new)
    r.post(.cleanupNew, legalOffice, use: CleanupController.create)
    r.get(.cleanup(.key), .capability(.readAllRecords), use: CleanupController.show)
    r.post(.cleanupOutcomes(.key), legalOffice, use: CleanupController.saveOutcomes)
    r.post(.cleanupApply(.key), legalOffice, use: CleanupController.apply)
    r.post(.cleanupPublish(.key), legalOffice, use: CleanupController.publish)
    for format in SiteURL.ExportFormat.allCases {
        r.get(.cleanupExport(.key, format), .capability(.readAllRecords), use: CleanupController.export(format, publicOnly: false))
    }

    // Major administrative decisions (重大行政决策)
    r.get(.decisions, readDocuments, use: DecisionsController.list)
    r.get(.decisionNew, draftDocuments, use: DecisionsController.new)
    r.post(.decisionNew, draftDocuments, use: DecisionsController.create)
    r.get(.decisionEdit(.key), draftDocuments, use: DecisionsController.edit)
    r.post(.decisionEdit(.key), draftDocuments, use: DecisionsController.update)
    r.get(.decisionCatalogue, readDocuments, use: DecisionsController.catalogue)
    r.get(.decisionRules, readDocuments, use: RulesSettings.show(DecisionRules.self, url: .decisionRules, back: ("重大行政决策", .decisions), nav: "decisions"))
    r.post(.decisionRules, legalOffice, use: RulesSettings.save(DecisionRules.self, url: .decisionRules, back: ("重大行政决策", .decisions), nav: "decisions"))
    r.post(.decisionCatalogueItem, legalOffice, use: DecisionsController.addCatalogueItem)
    r.post(.decisionCatalogueApproval, legalOffice, use: DecisionsController.approveCatalogue)
    r.get(.decision(.key), readDocuments, use: DecisionsController.show)
    for event in DecisionEvent.allCases where ![.recordProcedure, .recordReview, .recordDiscussion].contains(event) {
        r.post(.decisionStep(.key, event.rawValue), draftDocuments, use: DecisionsController.step(event))
    }
    for procedure in DecisionProcedure.allCases where procedure != .legalityReview {
        r.post(.decisionProcedure(.key, procedure.rawValue), draftDocuments, use: DecisionsController.procedure(procedure))
    }
    r.post(.decisionReview(.key), legalOffice, use: DecisionsController.review)
    r.post(.decisionFeedback(.key), draftDocuments, use: DecisionsController.feedback)
    r.post(.decisionComment(.key, .key), legalOffice, use: DecisionsController.moderate)
    r.post(.decisionCommentContact(.key, .key), .capability(.revealPersonalData), use: DecisionsController.revealContact)
    r.post(.decisionAttachments(.key), draftDocuments, body: .upload(maxBytes: Attachments.maxBytes), use: DecisionsController.upload)
    r.get(.decisionAttachment(.key, .key), readDocuments, use: DecisionsController.download)

    // Government contracts (政府合同)
    r.get(.contracts, readDocuments, use: ContractsController.list)
    for format in SiteURL.ExportFormat.allCases {
        r.get(.contractsExport(format), readDocuments, use: ContractsController.export(format))
    }
    r.get(.contractRules, readDocuments, use: RulesSettings.show(ContractRules.self, url: .contractRules, back: ("政府合同", .contracts), nav: "contracts"))
    r.post(.contractRules, legalOffice, use: RulesSettings.save(ContractRules.self, url: .contractRules, back: ("政府合同", .contracts), nav: "contracts"))
    r.get(.contractNew, draftDocuments, use: ContractsController.new)
    r.post(.contractNew, draftDocuments, use: ContractsController.create)
    r.get(.contract(.key), readDocuments, use: ContractsController.show)
    for event in ContractEvent.allCases where event != .recordReview && event != .returnForChanges {
        r.post(.contractStep(.key, event.rawValue), draftDocuments, use: ContractsController.step(event))
    }
    r.post(.contractReview(.key), legalOffice, use: ContractsController.review)
    r.post(.contractAmendmentReview(.key), legalOffice, use: ContractsController.reviewAmendment)
    r.post(.contractCounterparty(.key), .capability(.revealPersonalData), use: ContractsController.revealCounterparty)
    r.post(.contractAttachments(.key), draftDocuments, body: .upload(maxBytes: Attachments.maxBytes), use: ContractsController.upload)
    r.get(.contractAttachment(.key, .key), readDocuments, use: ContractsController.download)

    // Legal advisers (法律顾问)
    r.get(.advisers, readDocuments, use: AdvisersController.list)
    for format in SiteURL.ExportFormat.allCases {
        r.get(.advisersExport(format), readDocuments, use: AdvisersController.export(format))
    }
    r.get(.adviserNew, legalOffice, use: AdvisersController.new)
    r.post(.adviserNew, legalOffice, use: AdvisersController.save)
    r.get(.adviser(.key), readDocuments, use: AdvisersController.show)
    r.post(.adviser(.key), legalOffice, use: AdvisersController.save)
    r.post(.adviserContact(.key), .capability(.revealPersonalData), use: AdvisersController.revealContact)
    r.post(.adviserEngagements, legalOffice, use: AdvisersController.addEngagement)
    r.get(.projects, readDocuments, use: KeyProjectsController.list)
    r.get(.projectNew, legalOffice, use: KeyProjectsController.new)
    r.post(.projectNew, legalOffice, use: KeyProjectsController.create)
    r.get(.project(.key), readDocuments, use: KeyProjectsController.show)
    r.post(.projectParticipation(.key), legalOffice, use: KeyProjectsController.addParticipation)
    r.get(.coverage, readDocuments, use: CoverageController.show)
    r.post(.coverageAssign, legalOffice, use: CoverageController.assign)

    // Annual report (年度报告)
    let dashboards = Access.capability(.viewDashboards)
    r.get(.reportDeclared, dashboards, use: DeclaredFiguresController.list)
    r.post(.reportDeclared, legalOffice, use: DeclaredFiguresController.save)
    for format in SiteURL.ExportFormat.allCases {
        r.get(.reportDeclaredExport(format), dashboards, use: DeclaredFiguresController.export(format))
    }
    r.post(.reportDeclaredDelete(.key), legalOffice, use: DeclaredFiguresController.delete)
    r.post(.reportDeclaredImport, legalOffice, body: .upload(maxBytes: DocumentImportController.maxUpload), use: DeclaredFiguresController.importFile)
    r.get(.dashboard, dashboards, use: DashboardController.show)
    r.get(.reports, dashboards, use: ReportsController.list)
    r.post(.reportNew, legalOffice, use: ReportsController.create)
    r.get(.reportTemplates, dashboards, use: ReportTemplatesController.list)
    r.get(.reportTemplate(.key), legalOffice, use: ReportTemplatesController.edit)
    r.post(.reportTemplate(.key), legalOffice, use: ReportTemplatesController.save)
    r.get(.report(.key), dashboards, use: ReportsController.show)
    r.get(.reportSection(.key, .key), legalOffice, use: ReportsController.editSection)
    r.post(.reportSection(.key, .key), legalOffice, use: ReportsController.saveSection)
    r.get(.reportSectionVersions(.key, .key), dashboards, use: ReportsController.versions)
    r.get(.reportFigure(.key, .key), dashboards, use: ReportsController.figure)
    r.post(.reportCutoffs(.key), legalOffice, use: ReportsController.saveCutoffs)
    r.post(.reportSignature(.key), legalOffice, use: ReportsController.saveSignature)
    for event in [ReportEvent.finalize, .publish] {
        r.post(.reportStep(.key, event.rawValue), legalOffice, use: ReportsController.step(event))
    }
    r.post(.reportNewVersion(.key), legalOffice, use: ReportsController.newVersion)
    r.get(.reportDocx(.key), dashboards, use: ReportsController.docx)
    r.get(.reportPrint(.key), dashboards, use: ReportsController.print)

    // Public portal
    r.get(.publicReports, .anyone, use: PublicReportsController.list)
    r.get(.publicReport(.key), .anyone, use: PublicReportsController.show)
    r.get(.publicReportDocx(.key), .anyone, use: PublicReportsController.docx)
    r.get(.publicDecisions, .anyone, use: PublicDecisionsController.list)
    r.get(.publicDecisionCatalogue, .anyone, use: PublicDecisionsController.catalogue)
    r.get(.publicDecision(.key), .anyone, use: PublicDecisionsController.show)
    r.post(.publicDecisionComments(.key), .anyone, use: PublicDecisionsController.submit)
    r.get(.publicDecisionAttachment(.key, .key), .anyone, use: PublicDecisionsController.attachment)
    r.get(.publicDocuments, .anyone, use: PublicDocumentsController.catalogue)
    for format in SiteURL.ExportFormat.allCases {
        r.get(.publicDocumentsExport(format), .anyone, use: PublicDocumentsController.export(format))
        r.get(.publicCleanupExport(.key, format), .anyone, use: CleanupController.export(format, publicOnly: true))
    }
    r.get(.publicDocument(.key), .anyone, use: PublicDocumentsController.show)
    r.get(.publicAttachment(.key, .key), .anyone, use: PublicDocumentsController.attachment)
    r.get(.publicCleanups, .anyone, use: PublicDocumentsController.cleanups)
    r.get(.publicCleanup(.key), .anyone, use: PublicDocumentsController.cleanup)

    // Audit trail
    r.get(.audit, .capability(.viewAudit), use: AuditController.list)
    r.get(.auditVerify, .capability(.viewAudit), use: AuditController.verify)
    r.get(.auditExport, .capability(.viewAudit), use: AuditController.export)
    r.get(.auditEntry(.key), .capability(.viewAudit), use: AuditController.entry)

    // Administration
    let admin = Access.capability(.manageOrganisation)
    r.get(.admin, admin, use: AdminOrganisationController.index)
    r.get(.adminRegions, admin, use: AdminOrganisationController.regions)
    for format in SiteURL.ExportFormat.allCases {
        r.get(.adminRegionsExport(format), admin, use: AdminOrganisationController.exportRegions(format))
        r.get(.adminUnitsExport(format), admin, use: AdminOrganisationController.exportUnits(format))
        r.get(.adminUsersExport(format), admin, use: AdminUsersController.exportUsers(format))
    }
    r.get(.adminRegionNew, admin, use: AdminOrganisationController.newRegion)
    r.post(.adminRegionNew, admin, use: AdminOrganisationController.saveRegion)
    r.get(.adminRegionEdit(.key), admin, use: AdminOrganisationController.editRegion)
    r.post(.adminRegionEdit(.key), admin, use: AdminOrganisationController.saveRegion)
    r.get(.adminUnits, admin, use: AdminOrganisationController.units)
    r.get(.adminUnitNew, admin, use: AdminOrganisationController.newUnit)
    r.post(.adminUnitNew, admin, use: AdminOrganisationController.saveUnit)
    r.get(.adminUnitEdit(.key), admin, use: AdminOrganisationController.editUnit)
    r.post(.adminUnitEdit(.key), admin, use: AdminOrganisationController.saveUnit)
    r.get(.adminUsers, admin, use: AdminUsersController.users)
    r.get(.adminUserNew, admin, use: AdminUsersController.newUser)
    r.post(.adminUserNew, admin, use: AdminUsersController.saveUser)
    r.get(.adminUserEdit(.key), admin, use: AdminUsersController.editUser)
    r.post(.adminUserEdit(.key), admin, use: AdminUsersController.saveUser)
    for action in SiteURL.UserAction.allCases {
        r.post(.adminUserAction(.key, action), admin, use: AdminUsersController.userAction(action))
    }
    r.post(.adminUserRevealMobile(.key), .capability(.revealPersonalData), use: AdminUsersController.revealMobile)
    r.get(.adminAPITokens, admin, use: AdminUsersController.tokens)
    r.get(.adminAPITokenNew, admin, use: AdminUsersController.newToken)
    r.post(.adminAPITokenNew, admin, use: AdminUsersController.createToken)
    r.post(.adminAPITokenRevoke(.key), admin, use: AdminUsersController.revokeToken)
    r.get(.adminCalendarYearNew, .capability(.manageCalendar), use: CalendarController.newYear)
    r.post(.adminCalendarYearNew, .capability(.manageCalendar), use: CalendarController.saveYear)
    r.post(.adminCalendarImport, .capability(.manageCalendar), body: .upload(maxBytes: 1 << 20), use: CalendarController.importFile)
    r.get(.adminSettings, admin, use: AdminUsersController.settings)
    r.post(.adminSettings, admin, use: AdminUsersController.saveSettings)

    // Machine interfaces
    r.get(.metrics, .metrics, use: { req in
        let response = Response(status: .ok, body: .init(string: req.fazhi.metrics.exposition()))
        response.headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
        return response
    })
    r.get(.api(.openAPI), .anyone, use: OrganisationAPI.openAPI)
    r.get(.api(.me), .apiToken, use: OrganisationAPI.me)
    r.get(.api(.regions), .apiToken, use: OrganisationAPI.regions)
    r.get(.api(.region(.key)), .apiToken, use: OrganisationAPI.region)
    r.get(.api(.units), .apiToken, use: OrganisationAPI.units)
    r.get(.api(.unit(.key)), .apiToken, use: OrganisationAPI.unit)
    r.get(.api(.calendarYears), .apiToken, use: OrganisationAPI.calendarYears)
    r.get(.api(.deadline), .apiToken, use: OrganisationAPI.deadline)
    r.get(.api(.documents), .apiToken, use: DocumentsAPI.list)
    r.get(.api(.document(.key)), .apiToken, use: DocumentsAPI.show)
    r.get(.api(.statistics), .apiToken, use: DocumentsAPI.statistics)
    r.get(.api(.reports), .apiToken, use: ReportsAPI.list)
    r.get(.api(.report(.key)), .apiToken, use: ReportsAPI.show)
}
