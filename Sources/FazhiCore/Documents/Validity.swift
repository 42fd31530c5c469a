/// A document's validity term (有效期).
///
/// 湖南省规范性文件管理办法 (validity provisions, as amended by 省政府令第289号 2018 and later) [verify article]:
/// 有效期一般为5年；标注"暂行""试行"和部署阶段性工作的，不超过2年；有工作任务时间要求的，有效期至规定的工作任务
/// 完成时间；专用于废止某文件或停止某制度实施的，为长期有效。有效期满自动失效。
public enum ValidityTerm: Hashable, Sendable, Codable {
    /// The standard term (5 years by default).
    case standard
    /// 暂行 / 试行 titles and phase-of-work documents (2 years by default).
    case provisional
    /// A shorter term the drafter chose; must be shorter than the standard term.
    case custom(years: Int, months: Int)
    /// Ends with the task deadline, this date being the last day in force.
    case untilTaskDeadline(LocalDate)
    /// Only for a document that does nothing but repeal others (or stop a system).
    case longTerm

    /// 5年, 2年, 1年6个月, 至2021年6月30日, 长期.
    public func label(rules: DocumentRules = .default) -> String {
        switch self {
        case .standard: return "\(rules.standardTermYears)年"
        case .provisional: return "\(rules.provisionalTermYears)年"
        case .custom(let years, let months):
            return (years > 0 ? "\(years)年" : "") + (months > 0 ? "\(months)个月" : "")
        case .untilTaskDeadline(let date): return "至\(date.chinese)"
        case .longTerm: return "长期"
        }
    }

    /// Stable text for a database column, an import file or JSON: `standard`, `provisional`, `longTerm`,
    /// `custom:1:6` (years:months), `until:2021-06-30`.
    public var code: String {
        switch self {
        case .standard: "standard"
        case .provisional: "provisional"
        case .custom(let years, let months): "custom:\(years):\(months)"
        case .untilTaskDeadline(let date): "until:\(date)"
        case .longTerm: "longTerm"
        }
    }

    /// Reads `code`; nil for anything else (whether the term is allowed is `ValidityRule`'s question).
    public init?(code: String) {
        switch code {
        case "standard": self = .standard
        case "provisional": self = .provisional
        case "longTerm": self = .longTerm
        default:
            let parts = code.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            if parts.count == 3, parts[0] == "custom", parts[1].count <= 3, parts[2].count <= 3,
               parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), parts[2].allSatisfy({ $0.isASCII && $0.isNumber }),
               let years = Int(parts[1]), let months = Int(parts[2]) {
                self = .custom(years: years, months: months)
            } else if parts.count == 2, parts[0] == "until", let date = LocalDate(iso: parts[1]) {
                self = .untilTaskDeadline(date)
            } else {
                return nil
            }
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let term = ValidityTerm(code: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "不是有效的有效期类型：\(text.prefix(40))")
        }
        self = term
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}

/// Where a document in force stands with respect to the end of its term, for the to-do lists.
public enum RenewalStage: String, Sendable, Hashable, CaseIterable, Codable {
    /// No term, or the last months have not begun.
    case none
    /// Within the evaluation window (the last 6 months): the drafting unit evaluates it.
    case evaluationDue
    /// The re-publication date (30 days before expiry) has come: to keep it, re-publish now.
    case republicationUrgent
    /// The term has ended; the document lapsed by itself.
    case expired

    public var label: String {
        switch self {
        case .none: "未到评估期"
        case .evaluationDue: "有效期届满前评估"
        case .republicationUrgent: "需尽快重新公布"
        case .expired: "有效期已届满"
        }
    }
}

/// The validity rules: default terms, the end date, the evaluation window and the re-publication date.
public struct ValidityRule: Sendable, Hashable {
    public var rules: DocumentRules

    public init(rules: DocumentRules = .default) {
        self.rules = rules
    }

    /// Titles marked 暂行 or 试行 take the provisional term (same source).
    public static func isProvisionalTitle(_ title: String) -> Bool {
        title.contains("暂行") || title.contains("试行")
    }

    /// The term a document gets: the default when `requested` is nil, otherwise the requested term if the
    /// rules allow it. Field of the errors: `validityTerm`.
    ///
    /// - `phaseOfWork`: the drafter marked it as deploying a phase of work (阶段性工作) — provisional like 暂行.
    /// - `repealOnly`: it only repeals others; it defaults to long-term and the title rule does not apply
    ///   (its title usually names the 暂行 document it repeals).
    /// - `effective`: when known, a task deadline is checked against it.
    public func term(forTitle title: String, requested: ValidityTerm?, phaseOfWork: Bool = false,
                     repealOnly: Bool = false, effective: LocalDate? = nil) -> Result<ValidityTerm, FieldErrors> {
        let field = "validityTerm"
        let titleProvisional = !repealOnly && ValidityRule.isProvisionalTitle(title)
        let provisional = titleProvisional || (!repealOnly && phaseOfWork)
        let why = titleProvisional ? "标题含「暂行」或「试行」的文件" : "部署阶段性工作的文件"
        guard let requested else {
            return .success(repealOnly ? .longTerm : provisional ? .provisional : .standard)
        }
        let standardMonths = rules.standardTermYears * 12
        let provisionalMonths = rules.provisionalTermYears * 12
        switch requested {
        case .standard:
            if provisional {
                return .failure(FieldErrors(field, "\(why)有效期不超过\(rules.provisionalTermYears)年，不能选择\(rules.standardTermYears)年。"))
            }
        case .provisional:
            break
        case .custom(let years, let months):
            guard years >= 0, (0...11).contains(months) else {
                return .failure(FieldErrors(field, "自定义有效期的年数不能为负数，月数应在0至11之间。"))
            }
            let total = years * 12 + months
            if total == 0 { return .failure(FieldErrors(field, "自定义有效期不能为0。")) }
            if total >= standardMonths {
                return .failure(FieldErrors(field, "自定义有效期应短于\(rules.standardTermYears)年；需要\(rules.standardTermYears)年的，请选择一般有效期。"))
            }
            if provisional && total > provisionalMonths {
                return .failure(FieldErrors(field, "\(why)有效期不超过\(rules.provisionalTermYears)年。"))
            }
        case .untilTaskDeadline(let deadline):
            if let effective {
                if deadline < effective {
                    return .failure(FieldErrors(field, "工作任务完成时间不能早于施行日期（\(effective.chinese)）。"))
                }
                // 除按前述要求外：the 5- or 2-year ceiling still applies.
                let ceiling = provisional ? ValidityTerm.provisional : .standard
                if let last = validUntil(effective: effective, term: ceiling), deadline > last {
                    return .failure(FieldErrors(field, "有效期至工作任务完成时间，但不得超过\(ceiling.label(rules: rules))（即不晚于\(last.chinese)）。"))
                }
            }
        case .longTerm:
            if !repealOnly {
                return .failure(FieldErrors(field, "只有专门用于废止其他文件或停止某项制度实施的文件才能长期有效。"))
            }
        }
        return .success(requested)
    }

    /// The last day in force, nil for a long-term document.
    ///
    /// "有效期5年" counted from the effective date ends on the day before the same date 5 years later:
    /// 2020-06-01 → 2025-05-31. The effective date is itself a day in force, so it counts (unlike the
    /// start day of a procedural period). Where the same date does not exist (29 February, 31st of a short
    /// month), the term runs to the end of that month: 2020-02-29 → 2025-02-28, which is also where
    /// 民法典 art. 203 (没有对应日的，月末日为期间的最后一日) puts it.
    public func validUntil(effective: LocalDate, term: ValidityTerm) -> LocalDate? {
        // Rules `documents.validity` and `documents.validityProvisional` (a term counting its first day).
        switch term {
        case .standard: return DocumentPeriods.validity.applying(rules).calendarFreeDate(from: effective)
        case .provisional: return DocumentPeriods.validityProvisional.applying(rules).calendarFreeDate(from: effective)
        case .custom(let years, let months):
            return DocumentPeriods.validity.with(length: .months(max(1, years * 12 + months))).calendarFreeDate(from: effective)
        case .untilTaskDeadline(let deadline): return deadline
        case .longTerm: return nil
        }
    }

    /// The first day of the evaluation window (rule `documents.evaluationWindow`): the last 6 months before
    /// expiry (起草单位应当于有效期届满前6个月内进行评估, same source [verify]). For 2025-05-31 it is 2024-12-01. Where
    /// the day does not exist the window opens at the end of the shorter month — a day early rather than late.
    public func evaluationDueFrom(validUntil: LocalDate) -> LocalDate {
        DocumentPeriods.evaluationWindow.applying(rules).calendarFreeDate(from: validUntil.adding(days: 1))!
    }

    /// The last day to re-register, re-number and re-publish a document to be kept (rule
    /// `documents.republication`): 30 days before expiry (应当在有效期届满30日前, same source [verify]). For 2025-05-31
    /// it is 2025-05-01, leaving 30 days. No roll-over to a working day: this is a "no later than" date, and moving
    /// it later would shorten the 30 days the rule guarantees.
    public func republishBy(validUntil: LocalDate) -> LocalDate {
        DocumentPeriods.republication.applying(rules).calendarFreeDate(from: validUntil)!
    }

    /// The renewal stage on `today`. Expired from the day after `validUntil` (有效期满自动失效, no job needed).
    public func renewalStage(today: LocalDate, validUntil: LocalDate?) -> RenewalStage {
        guard let validUntil else { return .none }
        if today > validUntil { return .expired }
        if today >= republishBy(validUntil: validUntil) { return .republicationUrgent }
        if today >= evaluationDueFrom(validUntil: validUntil) { return .evaluationDue }
        return .none
    }
}
