import FazhiCore
import Vapor

/// 法律顾问: the roster (government counsel, public-sector lawyers, village advisers), key projects, engagements in
/// reviews and decisions, and the one-village-one-adviser coverage.
struct AdvisersModule: FazhiModule {
    let id = "advisers"
    let title = "法律顾问"

    func routes(_ r: FazhiRoutes) {
        r.get(.advisers, .readRecords, use: AdvisersController.list)
        for format in SiteURL.ExportFormat.allCases {
            r.get(.advisersExport(format), .readRecords, use: AdvisersController.export(format))
        }
        r.get(.adviserNew, .legalOffice, use: AdvisersController.new)
        r.post(.adviserNew, .legalOffice, use: AdvisersController.save)
        r.get(.adviser(.key), .readRecords, use: AdvisersController.show)
        r.post(.adviser(.key), .legalOffice, use: AdvisersController.save)
        r.post(.adviserContact(.key), .capability(.revealPersonalData), use: AdvisersController.revealContact)
        r.post(.adviserEngagements, .legalOffice, use: AdvisersController.addEngagement)
        r.get(.projects, .readRecords, use: KeyProjectsController.list)
        r.get(.projectNew, .legalOffice, use: KeyProjectsController.new)
        r.post(.projectNew, .legalOffice, use: KeyProjectsController.create)
        r.get(.project(.key), .readRecords, use: KeyProjectsController.show)
        r.post(.projectParticipation(.key), .legalOffice, use: KeyProjectsController.addParticipation)
        r.get(.coverage, .readRecords, use: CoverageController.show)
        r.post(.coverageAssign, .legalOffice, use: CoverageController.assign)
    }

    var migrations: [ModuleMigration] { [ModuleMigration(15, CreateAdvisers())] }

    var navigation: [NavItem] {
        [NavItem(key: "advisers", title: title, url: { _ in .advisers }, visible: { $0.has(.readOwnUnitRecords) })]
    }

    var auditLabels: [String: String] {
        [
            "advisers.created": "新增法律顾问",
            "advisers.updated": "修改法律顾问名册",
            "advisers.exported": "导出法律顾问名册",
            "advisers.engaged": "录入法律顾问参与",
            "advisers.assigned": "分派村（社区）法律顾问",
            "advisers.project.created": "登记重点项目",
            "advisers.project.joined": "录入重点项目参与",
        ]
    }

    var statistics: [CatalogueEntry] { AdviserStatistics.entries }

    var demo: DemoStep? {
        DemoStep(after: []) { demo in
            demo.published["advisers.projects"] = try await DemoAdvisers.load(on: demo.db, box: demo.box, today: demo.today, at: demo.now)
        }
    }

    /// Its tables for `fazhi demo --scale` (DemoScale): copied per county, in foreign-key order.
    var scaleTables: [DemoScale.Table] {
        [
            DemoScale.Table(name: "key_projects", remapped: ["id", "owner_unit_id"], values: ["name": { $0.suffixed("name") }]),
            // Advisers: the roster, projects, village assignments (villages are the shared region tree) and engagements.
            DemoScale.Table(name: "advisers", remapped: ["id", "unit_id"], values: ["licence_number": { $0.licenceNumber }]),
            DemoScale.Table(name: "project_participations", remapped: ["id", "project_id", "adviser_id"]),
            DemoScale.Table(name: "adviser_assignments", remapped: ["id", "adviser_id"], shared: ["region_id"]),
            DemoScale.Table(name: "adviser_engagements", remapped: ["id", "adviser_id", "subject_id"]),
        ]
    }
}
