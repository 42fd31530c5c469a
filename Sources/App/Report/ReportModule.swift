import FazhiCore
import Vapor

/// 年度报告: declared figures, drafting from templates with versions, the figure trace, finalization and
/// publication, the leaders' dashboard, the public reports and the API.
struct ReportModule: FazhiModule {
    let id = "report"
    let title = "年度报告"

    func routes(_ r: FazhiRoutes) {
        r.get(.reportDeclared, .dashboards, use: DeclaredFiguresController.list)
        r.post(.reportDeclared, .legalOffice, use: DeclaredFiguresController.save)
        for format in SiteURL.ExportFormat.allCases {
            r.get(.reportDeclaredExport(format), .dashboards, use: DeclaredFiguresController.export(format))
        }
        r.post(.reportDeclaredDelete(.key), .legalOffice, use: DeclaredFiguresController.delete)
        r.post(.reportDeclaredImport, .legalOffice, body: .upload(maxBytes: DocumentImportController.maxUpload), use: DeclaredFiguresController.importFile)
        r.get(.dashboard, .dashboards, use: DashboardController.show)
        r.get(.reports, .dashboards, use: ReportsController.list)
        r.post(.reportNew, .legalOffice, use: ReportsController.create)
        r.get(.reportTemplates, .dashboards, use: ReportTemplatesController.list)
        r.get(.reportTemplate(.key), .legalOffice, use: ReportTemplatesController.edit)
        r.post(.reportTemplate(.key), .legalOffice, use: ReportTemplatesController.save)
        r.get(.report(.key), .dashboards, use: ReportsController.show)
        r.get(.reportSection(.key, .key), .legalOffice, use: ReportsController.editSection)
        r.post(.reportSection(.key, .key), .legalOffice, use: ReportsController.saveSection)
        r.get(.reportSectionVersions(.key, .key), .dashboards, use: ReportsController.versions)
        r.get(.reportFigure(.key, .key), .dashboards, use: ReportsController.figure)
        r.post(.reportCutoffs(.key), .legalOffice, use: ReportsController.saveCutoffs)
        r.post(.reportSignature(.key), .legalOffice, use: ReportsController.saveSignature)
        r.post(.reportSubmission(.key), .legalOffice, use: ReportsController.saveSubmission)
        for event in [ReportEvent.finalize, .publish] {
            r.post(.reportStep(.key, event), .legalOffice, use: ReportsController.step(event))
        }
        r.post(.reportNewVersion(.key), .legalOffice, use: ReportsController.newVersion)
        r.get(.reportDocx(.key), .dashboards, use: ReportsController.docx)
        r.get(.reportPrint(.key), .dashboards, use: ReportsController.print)

        // Public portal
        r.get(.publicReports, .anyone, use: PublicReportsController.list)
        r.get(.publicReport(.key), .anyone, use: PublicReportsController.show)
        r.get(.publicReportDocx(.key), .anyone, use: PublicReportsController.docx)

        // API
        r.get(.api(.reports), .apiToken, use: ReportsAPI.list)
        r.get(.api(.report(.key)), .apiToken, use: ReportsAPI.show)
    }

    var migrations: [ModuleMigration] { [ModuleMigration(16, CreateReports()), ModuleMigration(18, AddSubmissionToReports())] }

    var navigation: [NavItem] {
        [NavItem(key: "reports", title: title, url: { _ in .reports }, visible: { $0.has(.viewDashboards) })]
    }

    var auditLabels: [String: String] {
        [
            "report.exported": "导出统计报告",
            "report.created": "新建年度报告",
            "report.versioned": "新建年度报告新版本",
            "report.section.saved": "保存年度报告章节",
            "report.cutoffs.saved": "设置报告数字截至日期",
            "report.signature.saved": "设置报告落款和成文日期",
            "report.submitted": "录入年度报告报送党委、人大常委会",
            "report.template.saved": "修改年度报告模板",
            "report.downloaded": "下载年度报告",
            "report.declared.added": "申报数字",
            "report.declared.updated": "修改申报数字",
            "report.declared.deleted": "删除申报数字",
            "report.declared.exported": "导出申报数字",
            "report.declared.imported": "导入申报数字",
        ]
    }

    var workflowLabels: [String: String] { WorkflowLabels.of(ReportWorkflow.definition(), title) }

    var deadlineSources: [any DeadlineSource] { [ReportDeadlines()] }

    var statutoryRules: [StatutoryRule] { ReportPeriods.all }

    var demo: DemoStep? {
        // The demo report is drafted from every other module's records.
        DemoStep(after: ["documents", "decisions", "contracts", "advisers"]) { demo in
            try await DemoReports.load(on: demo.db, author: demo.reviewer, at: demo.now)
        }
    }

    var openAPI: String? { ReportsAPI.openAPIFragment }
}
