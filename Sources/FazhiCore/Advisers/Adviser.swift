import Foundation

/// Kinds of legal adviser on the roster (法律顾问、公职律师、一村（社区）一法律顾问).
public enum AdviserType: String, CaseIterable, Codable, Sendable, Hashable {
    /// 政府法律顾问: retained by the government (lawyers, scholars, experts).
    case governmentCounsel
    /// 公职律师: a civil servant holding a public lawyer's licence.
    case publicLawyer
    /// 社会律师: a practising lawyer of a law firm.
    case socialLawyer
    /// 法律工作者 (基层法律服务工作者).
    case legalWorker
    /// 机关工作人员: staff of the Justice Bureau or another agency serving as village adviser.
    case staff

    public var label: String {
        switch self {
        case .governmentCounsel: "政府法律顾问"
        case .publicLawyer: "公职律师"
        case .socialLawyer: "社会律师"
        case .legalWorker: "法律工作者"
        case .staff: "机关工作人员"
        }
    }

    /// The statistics key under which village advisers of this type are counted (the 2020 figures:
    /// advisers.village.socialLawyers 24, publicLawyers 12, legalWorkers 2, staff 71; total 109). A government
    /// counsel assigned to a village counts in the total only.
    public var villageStatisticKey: String? {
        switch self {
        case .socialLawyer: "advisers.village.socialLawyers"
        case .publicLawyer: "advisers.village.publicLawyers"
        case .legalWorker: "advisers.village.legalWorkers"
        case .staff: "advisers.village.staff"
        case .governmentCounsel: nil
        }
    }

    /// The licence the type must hold, nil when none is required.
    public var requiredLicence: AdviserLicence.Kind? {
        switch self {
        case .socialLawyer: .lawyer
        case .publicLawyer: .publicLawyer
        case .legalWorker: .legalServiceWorker
        case .governmentCounsel, .staff: nil
        }
    }
}

/// A licence number on the roster.
///
/// - 律师执业证 and 公职律师证 (accepted in the same form; 公职律师管理办法, 司法部 2018 [verify its numbering]): 17 digits,
///   laid out as 1 category digit, a 4-digit region code of the issuing authority, the 4-digit year of first
///   licensing, 1 digit, a 2-digit type and a 5-digit serial [verify the layout against 司法部's numbering rule].
///   Only what does not depend on that layout is enforced: 17 digits, and a year between 1979 (the lawyer
///   system restored) and this year.
/// - 基层法律服务工作者执业证: numbering differs by province and by year of issue, so it is accepted loosely:
///   6 to 30 characters of ASCII letters, digits and hyphens with at least 6 digits (full-width forms folded).
/// - Government counsel and staff need none; anything typed is kept as free text (at most 30 characters).
public struct AdviserLicence: Sendable, Hashable {
    public enum Kind: String, CaseIterable, Codable, Sendable, Hashable {
        case lawyer
        case publicLawyer
        case legalServiceWorker
        /// Free text for types that need no licence.
        case other

        public var label: String {
            switch self {
            case .lawyer: "律师执业证号"
            case .publicLawyer: "公职律师证号"
            case .legalServiceWorker: "基层法律服务工作者执业证号"
            case .other: "证件号码"
            }
        }
    }

    public static let earliestLawyerYear = 1979

    public let kind: Kind
    public let value: String

    /// For the 17-digit licences: digit 1, digits 2–5 and digits 6–9, the parts every description of the
    /// layout agrees on (what follows the year is read differently by different sources, so it is not split).
    public var category: Character? { isSeventeenDigit ? value.first : nil }
    public var regionCode: String? { isSeventeenDigit ? String(Array(value)[1..<5]) : nil }
    public var year: Int? { isSeventeenDigit ? Int(String(Array(value)[5..<9])) : nil }

    private var isSeventeenDigit: Bool { kind == .lawyer || kind == .publicLawyer }

    /// Field: `licenceNumber`. Nil (success) when the type needs none and nothing was typed.
    public static func validate(_ raw: String?, for type: AdviserType, today: LocalDate) -> Result<AdviserLicence?, FieldErrors> {
        let field = "licenceNumber"
        var errors = FieldErrors()
        let kind = type.requiredLicence ?? .other
        guard let text = TextRule(label: kind.label, required: type.requiredLicence != nil, maxLength: 40)
            .clean(raw, field: field, into: &errors) else {
            return errors.isEmpty ? .success(nil) : .failure(errors)
        }
        if kind == .other {
            guard text.count <= 30 else { return .failure(FieldErrors(field, "「\(kind.label)」不能超过 30 个字。")) }
            return .success(AdviserLicence(kind: kind, value: text))
        }
        // Fold full-width forms, drop spaces.
        var folded = ""
        for scalar in text.unicodeScalars {
            let value = (0xFF01...0xFF5E).contains(scalar.value) ? scalar.value - 0xFEE0 : scalar.value
            let character = Character(UnicodeScalar(value)!)
            if character.isWhitespace { continue }
            folded.append(character)
        }
        switch kind {
        case .lawyer, .publicLawyer:
            guard folded.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                return .failure(FieldErrors(field, "「\(kind.label)」只能由数字组成。"))
            }
            guard folded.count == 17 else {
                return .failure(FieldErrors(field, "「\(kind.label)」应为17位数字，现为\(folded.count)位。"))
            }
            let year = Int(String(Array(folded)[5..<9]))!
            guard (earliestLawyerYear...today.year).contains(year) else {
                return .failure(FieldErrors(field, "「\(kind.label)」第6至9位应为取得执业证的年份（\(earliestLawyerYear)年至\(today.year)年），请核对。"))
            }
        case .legalServiceWorker:
            folded = folded.uppercased()
            guard (6...30).contains(folded.count),
                  folded.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isLetter || $0 == "-") }),
                  folded.filter({ $0.isNumber }).count >= 6 else {
                return .failure(FieldErrors(field, "「\(kind.label)」应为6至30位数字、字母或连字符，且至少含6位数字。"))
            }
        case .other:
            break
        }
        return .success(AdviserLicence(kind: kind, value: folded))
    }
}

/// An adviser's term of service (聘期): from `start` through `end`; `end` nil = open-ended.
public struct AdviserTerm: Sendable, Hashable, Codable {
    public var start: LocalDate
    public var end: LocalDate?

    public init(start: LocalDate, end: LocalDate?) {
        self.start = start
        self.end = end
    }

    public func isActive(on date: LocalDate) -> Bool {
        start <= date && (end.map { date <= $0 } ?? true)
    }

    /// Fields: `termStart`, `termEnd`.
    public static func validate(start rawStart: String?, end rawEnd: String?) -> Result<AdviserTerm, FieldErrors> {
        var errors = FieldErrors()
        let start = DateRule(label: "聘任开始日期").clean(rawStart, field: "termStart", into: &errors)
        let end = DateRule(label: "聘任结束日期", required: false).clean(rawEnd, field: "termEnd", into: &errors)
        if let start, let end, end < start {
            errors.add("termEnd", "「聘任结束日期」（\(end.chinese)）不能早于开始日期（\(start.chinese)）。")
        }
        guard errors.isEmpty, let start else { return .failure(errors) }
        return .success(AdviserTerm(start: start, end: end))
    }
}

/// An adviser on the roster, as entered.
public struct AdviserDraft: Sendable, Hashable {
    public var name: String
    public var type: AdviserType
    /// The law firm, legal service office or agency.
    public var organisation: String
    public var licence: AdviserLicence?
    /// Personal information (docs/SECURITY.md item 12): encrypted at rest by the App, shown masked.
    public var contact: ContactDetail?
    public var term: AdviserTerm

    public init(name: String, type: AdviserType, organisation: String, licence: AdviserLicence?, contact: ContactDetail?,
                term: AdviserTerm) {
        self.name = name
        self.type = type
        self.organisation = organisation
        self.licence = licence
        self.contact = contact
        self.term = term
    }

    /// Fields: `name`, `type`, `organisation`, `licenceNumber`, `contact`, `termStart`, `termEnd`.
    public static func validate(name rawName: String?, type rawType: String?, organisation rawOrganisation: String?,
                                licenceNumber: String?, contact rawContact: String?, termStart: String?, termEnd: String?,
                                today: LocalDate) -> Result<AdviserDraft, FieldErrors> {
        var errors = FieldErrors()
        let name = TextRule(label: "姓名", maxLength: 30).clean(rawName, field: "name", into: &errors)
        let type = AdviserType(codeOrLabel: rawType)
        if type == nil { errors.add("type", "请选择「顾问类型」。") }
        let organisation = TextRule(label: "所在单位", maxLength: 100).clean(rawOrganisation, field: "organisation", into: &errors)
        var licence: AdviserLicence?
        if let type {
            switch AdviserLicence.validate(licenceNumber, for: type, today: today) {
            case .success(let value): licence = value
            case .failure(let problems): errors.merge(problems)
            }
        }
        var contact: ContactDetail?
        if let text = TextRule(label: "联系方式", required: false, maxLength: 100).clean(rawContact, field: "contact", into: &errors) {
            switch ContactDetail.validate(text, field: "contact") {
            case .success(let value): contact = value
            case .failure(let problems): errors.merge(problems)
            }
        }
        var term: AdviserTerm?
        switch AdviserTerm.validate(start: termStart, end: termEnd) {
        case .success(let value): term = value
        case .failure(let problems): errors.merge(problems)
        }
        guard errors.isEmpty, let name, let type, let organisation, let term else { return .failure(errors) }
        return .success(AdviserDraft(name: name, type: type, organisation: organisation, licence: licence, contact: contact, term: term))
    }
}
