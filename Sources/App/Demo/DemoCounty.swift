import FazhiCore
import Fluent
import Foundation
import Vapor

/// The demo county (凤凰县, 湖南省湘西土家族苗族自治州): its townships, villages and communities, its
/// government, office, departments and township governments, and one account per role. Later modules
/// add their records here so the demo reproduces Tests/FazhiCoreTests/Report/Fixtures/fenghuang-2020-figures.tsv.
enum DemoCounty {
    struct Account: Sendable {
        let username: String
        let displayName: String
        let unitName: String
        let role: Role
        let password: String
    }

    /// County-level units: name, short name, kind. The county's legal office is 凤凰县司法局.
    static let countyUnits: [(String, String, UnitKind)] = [
        ("凤凰县人民政府", "县政府", .countyGovernment),
        ("凤凰县人民政府办公室", "县政府办", .governmentOffice),
        ("凤凰县司法局", "县司法局", .department),
        ("凤凰县发展和改革局", "县发改局", .department),
        ("凤凰县教育和体育局", "县教体局", .department),
        ("凤凰县科学技术和工业信息化局", "县科工信局", .department),
        ("凤凰县公安局", "县公安局", .department),
        ("凤凰县民政局", "县民政局", .department),
        ("凤凰县财政局", "县财政局", .department),
        ("凤凰县人力资源和社会保障局", "县人社局", .department),
        ("凤凰县自然资源局", "县自然资源局", .department),
        ("湘西自治州生态环境局凤凰分局", "县生态环境分局", .department),
        ("凤凰县住房和城乡建设局", "县住建局", .department),
        ("凤凰县交通运输局", "县交通运输局", .department),
        ("凤凰县水利局", "县水利局", .department),
        ("凤凰县农业农村局", "县农业农村局", .department),
        ("凤凰县商务局", "县商务局", .department),
        ("凤凰县文化旅游广电局", "县文旅广电局", .department),
        ("凤凰县卫生健康局", "县卫健局", .department),
        ("凤凰县退役军人事务局", "县退役军人事务局", .department),
        ("凤凰县应急管理局", "县应急管理局", .department),
        ("凤凰县审计局", "县审计局", .department),
        ("凤凰县市场监督管理局", "县市场监管局", .department),
        ("凤凰县统计局", "县统计局", .department),
        ("凤凰县医疗保障局", "县医保局", .department),
        ("凤凰县林业局", "县林业局", .department),
        ("凤凰县城市管理和综合执法局", "县执法局", .department),
        ("凤凰县行政审批服务局", "县行政审批局", .department),
        ("凤凰县信访局", "县信访局", .department),
        ("凤凰县乡村振兴局", "县乡村振兴局", .department),
        ("凤凰县税务局", "县税务局", .other),
    ]

    static let legalOfficeName = "凤凰县司法局"

    /// The demo accounts: username, name, unit, role.
    static let accounts: [(String, String, String, Role)] = [
        ("admin", "系统管理员", "凤凰县司法局", .admin),
        ("legal", "张建华", "凤凰县司法局", .legalOffice),
        ("staff", "李明", "凤凰县自然资源局", .unitStaff),
        ("leader", "吴涛", "凤凰县人民政府", .leader),
    ]

    /// True when the database holds organisation data already (the demo refuses to mix into it).
    static func hasData(on db: any Database) async throws -> Bool {
        let regions = try await RegionModel.query(on: db).count()
        let units = try await UnitModel.query(on: db).count()
        let users = try await UserModel.query(on: db).count()
        return regions + units + users > 0
    }

    /// What to load: the organisation only (fast; most tests), or every module's records too.
    enum Scope: Sendable {
        case organisation
        case full
    }

    /// Loads the county and returns the accounts with their generated passwords; `.full` adds every module's records.
    static func load(on db: any Database, context: AppContext, app: Application, scope: Scope = .full) async throws -> [Account] {
        let text = try FazhiCoreResources.text("regions-fenghuang", "tsv", in: "Resources/demo")
        let entries: [RegionEntry]
        switch RegionTable.parse(text) {
        case .success(let parsed): entries = parsed
        case .failure(let problems): throw Abort(.internalServerError, reason: "demo regions: \(problems)")
        }
        let now = context.clock.now()
        let random = context.random
        var accounts: [Account] = []
        var hashes: [String: String] = [:]
        for (username, name, unit, role) in Self.accounts {
            let password = GeneratedPassword.make(random)
            hashes[username] = try await PasswordHasher.hash(password, cost: context.settings.bcryptCost, on: app)
            accounts.append(Account(username: username, displayName: name, unitName: unit, role: role, password: password))
        }
        let finalAccounts = accounts
        let finalHashes = hashes
        try await db.writeTransaction { tx in
            var regionIDs: [String: UUID] = [:]
            var townships: [(name: String, id: UUID, code: String)] = []
            for entry in entries {
                let level = RegionLevel(rawValue: entry.kind.rawValue) ?? .village
                let region = RegionModel(id: UUID(), code: entry.code.value, name: entry.name, level: level,
                                         parentID: entry.parentCode.flatMap { regionIDs[$0.value] })
                try await region.create(on: tx)
                regionIDs[entry.code.value] = region.id
                if level == .township { townships.append((entry.name, region.id!, entry.code.value)) }
            }
            guard let county = entries.first(where: { $0.kind == .county }), let countyID = regionIDs[county.code.value] else {
                throw Abort(.internalServerError, reason: "demo regions: no county")
            }
            var unitIDs: [String: UUID] = [:]
            var sequence = 0
            func creditCode() -> String {
                sequence += 1
                // 11 = 机构编制部门登记的机关; the 9-character organisation code is a demo number.
                let organisation = "0" + String(format: "%07d", 7_100_000 + sequence * 37) + "X"
                return UnifiedSocialCreditCode.make(authority: "1", type: "1", division: "433123", organizationCode: organisation).value
            }
            for (name, short, kind) in countyUnits {
                let unit = UnitModel(id: UUID(), name: name, shortName: short, kind: kind, regionID: countyID,
                                     creditCode: creditCode(), isLegalOffice: name == legalOfficeName, now: now)
                try await unit.create(on: tx)
                unitIDs[name] = unit.id
            }
            for township in townships {
                let name = "凤凰县\(township.name)人民政府"
                let unit = UnitModel(id: UUID(), name: name, shortName: township.name, kind: .township, regionID: township.id,
                                     creditCode: creditCode(), isLegalOffice: false, now: now)
                try await unit.create(on: tx)
                unitIDs[name] = unit.id
            }
            for account in finalAccounts {
                let user = UserModel()
                user.username = account.username
                user.displayName = account.displayName
                user.$unit.id = unitIDs[account.unitName]!
                user.roles = [account.role]
                user.passwordHash = finalHashes[account.username]!
                user.passwordChangedAt = now
                user.mustChangePassword = false
                user.active = true
                user.failedLogins = 0
                user.createdAt = now
                user.updatedAt = now
                try await user.create(on: tx)
            }
            try await AuditLog.append(
                AuditEvent("system.demo.loaded", subjectType: "region", subjectID: county.code.value,
                           detail: "载入演示县\(county.name)：区划 \(entries.count) 个，单位 \(unitIDs.count) 个，演示账户 \(finalAccounts.count) 个"),
                context: .cli("demo"), at: now, on: tx)
        }
        if scope == .full {
            guard let reviewer = try await UserModel.query(on: db).filter(\.$username == "legal").first() else {
                throw Abort(.internalServerError, reason: "demo reviewer missing")
            }
            // Each module's part, after the modules whose records it refers to (FazhiModule.demo).
            let demo = DemoContext(db: db, reviewer: reviewer, box: context.secretBox, today: context.clock.today, now: now)
            for (_, step) in ModuleRegistry.demoSteps {
                try await step.load(demo)
            }
            // Some demo records are written in bulk: derive every index once over the whole demo.
            try await db.writeTransaction { tx in try await DerivedIndexes.rebuildAll(on: tx, reason: "载入演示数据") }
        }
        return finalAccounts
    }
}
