/// Validated input for a region, a unit or a user account: the web layer and the CLI parse into these,
/// so every rule about what a valid record is lives here once.
public struct RegionDraft: Sendable, Hashable {
    /// The 12-digit statistics division code (a 6-digit county code is widened with zeros).
    public var code: String
    public var name: String
    public var level: RegionLevel

    /// `parent`: the level and code of the chosen parent region, nil for a county.
    public static func validate(code rawCode: String?, name rawName: String?, level rawLevel: String?,
                                parent: (level: RegionLevel, code: String)?) -> Result<RegionDraft, FieldErrors> {
        var errors = FieldErrors()
        let name = TextRule(label: "名称", maxLength: 40).clean(rawName, field: "name", into: &errors)
        let level = RegionLevel(rawValue: rawLevel ?? "")
        if level == nil { errors.add("level", "请选择「层级」。") }
        var code: RegionCode?
        switch RegionCode.validate(rawCode ?? "") {
        case .success(let valid): code = valid
        case .failure(let problem): errors.add("code", problem.message)
        }
        if let level, let valid = code {
            // GB/T 2260 and the statistics codes: the code's own level must be the record's level.
            let expected: RegionCode.Level = switch level {
            case .county: .county
            case .township: .township
            case .village, .community: .village
            }
            if valid.level != expected {
                errors.add("code", "「\(level.label)」的区划代码应为\(expected == .county ? "县级（6位或后6位为0的12位）" : expected == .township ? "乡级（12位，后3位为000）" : "村级（12位）")代码。")
            } else if level == .community, valid.isResidentsCommittee == false {
                errors.add("code", "社区（居委会）的区划代码后三位应在 001–199 之间。")
            } else if level == .village, valid.isResidentsCommittee == true {
                errors.add("code", "村（村委会）的区划代码后三位应在 200–399 之间。")
            }
            if level == .county {
                if parent != nil { errors.add("parent", "县级区划不能有上级区划。") }
            } else if let parent {
                if !parent.level.allowedChildren.contains(level) {
                    errors.add("parent", "「\(parent.level.label)」之下不能设「\(level.label)」。")
                } else if let parentCode = RegionCode(parent.code), !parentCode.contains(valid) {
                    errors.add("code", "区划代码应以上级区划代码 \(parentCode.significantPrefix) 开头。")
                }
            } else {
                errors.add("parent", "请选择「上级区划」。")
            }
        }
        guard errors.isEmpty, let name, let level, let code else { return .failure(errors) }
        return .success(RegionDraft(code: code.statisticsCode, name: name, level: level))
    }
}

public struct UnitDraft: Sendable, Hashable {
    public var name: String
    public var shortName: String?
    public var kind: UnitKind
    public var creditCode: String?
    public var isLegalOffice: Bool

    public static func validate(name rawName: String?, shortName rawShort: String?, kind rawKind: String?,
                                creditCode rawCode: String?, isLegalOffice: Bool) -> Result<UnitDraft, FieldErrors> {
        var errors = FieldErrors()
        let name = TextRule(label: "单位名称", maxLength: 60).clean(rawName, field: "name", into: &errors)
        if let name, name.count < 2 { errors.add("name", "「单位名称」至少 2 个字。") }
        let shortName = TextRule(label: "简称", required: false, maxLength: 20).clean(rawShort, field: "shortName", into: &errors)
        let kind = UnitKind(rawValue: rawKind ?? "")
        if kind == nil { errors.add("kind", "请选择「单位类别」。") }
        var creditCode: String?
        if let text = TextRule(label: "统一社会信用代码", required: false, maxLength: 40).clean(rawCode, field: "creditCode", into: &errors) {
            // GB 32100-2015: 18 characters with a check character.
            switch UnifiedSocialCreditCode.validate(text) {
            case .success(let code): creditCode = code.value
            case .failure(let problem): errors.add("creditCode", problem.message)
            }
        }
        guard errors.isEmpty, let name, let kind else { return .failure(errors) }
        return .success(UnitDraft(name: name, shortName: shortName, kind: kind, creditCode: creditCode, isLegalOffice: isLegalOffice))
    }
}

public struct UserDraft: Sendable, Hashable {
    public var displayName: String
    public var roles: Set<Role>
    /// Normalised 11-digit mobile number, or nil.
    public var mobile: String?

    public static func validate(displayName rawName: String?, roles rawRoles: [String], mobile rawMobile: String?,
                                unitIsLegalOffice: Bool) -> Result<UserDraft, FieldErrors> {
        var errors = FieldErrors()
        let name = TextRule(label: "姓名", maxLength: 30).clean(rawName, field: "displayName", into: &errors)
        var roles = Set<Role>()
        for raw in rawRoles {
            guard let role = Role(rawValue: raw) else {
                errors.add("roles", "角色「\(String(raw.prefix(20)))」不存在。")
                continue
            }
            roles.insert(role)
        }
        if roles.isEmpty && rawRoles.isEmpty { errors.add("roles", "请至少选择一个「角色」。") }
        // The legal-office role reviews and files for the whole county; only the legal office's staff hold it.
        if roles.contains(.legalOffice) && !unitIsLegalOffice {
            errors.add("roles", "「法制机构」角色只能授予县司法局（法制机构）的工作人员。")
        }
        var mobile: String?
        if let text = TextRule(label: "手机号码", required: false, maxLength: 20).clean(rawMobile, field: "mobile", into: &errors) {
            switch MobileNumber.validate(text) {
            case .success(let number): mobile = number.value
            case .failure(let problem): errors.add("mobile", problem.message)
            }
        }
        guard errors.isEmpty, let name else { return .failure(errors) }
        return .success(UserDraft(displayName: name, roles: roles, mobile: mobile))
    }
}
