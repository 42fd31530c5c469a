import FazhiCore
import Vapor

/// The routes that belong to no module (home, login, account, calendar, audit, administration, machine
/// interfaces), each with who may reach it, then every module's (`FazhiModule.routes`). Nothing is registered elsewhere.
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
    r.get(.deadlines, .signedIn, use: HomeController.deadlines)
    r.get(.calendar, .signedIn, use: CalendarController.show)
    r.get(.deadlineCalculator, .signedIn, use: CalendarController.calculate)
    r.get(.unit(.key), .signedIn, use: AdminOrganisationController.showUnit)

    // Every module's routes (ModuleRegistry.modules, configure.swift).
    ModuleRegistry.routes(r)

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
    r.get(.api(.statistics), .apiToken, use: DocumentsAPI.statistics)
}
