/// The annual decision-item catalogue (重大行政决策事项目录).
///
/// 重大行政决策程序暂行条例 art. 3(3): 决策机关可以根据本条第一款的规定，结合职责权限和本地实际，确定决策事项目录、
/// 标准，经同级党委同意后向社会公布，并根据实际情况调整 [verify the paragraph]. So each item carries the approval
/// (date and approving body — for a county government the county Party committee's standing committee,
/// 县委常委会) and its publication, which cannot precede the approval.
public struct DecisionCatalogueItem: Sendable, Hashable {
    /// When in the year the decision is planned: a quarter or a month.
    public enum Timing: Hashable, Sendable, Codable {
        case quarter(year: Int, quarter: Int)
        case month(year: Int, month: Int)

        /// `2020-Q2` or `2020-05`.
        public var code: String {
            switch self {
            case .quarter(let year, let quarter): "\(year)-Q\(quarter)"
            case .month(let year, let month): "\(year)-\(month < 10 ? "0" : "")\(month)"
            }
        }

        /// 2020年第二季度, 2020年5月.
        public var label: String {
            switch self {
            case .quarter(let year, let quarter): "\(year)年第\(["一", "二", "三", "四"][quarter - 1])季度"
            case .month(let year, let month): "\(year)年\(month)月"
            }
        }

        public var year: Int {
            switch self {
            case .quarter(let year, _), .month(let year, _): year
            }
        }

        public var firstDay: LocalDate {
            switch self {
            case .quarter(let year, let quarter): LocalDate(year: year, month: quarter * 3 - 2, day: 1)!
            case .month(let year, let month): LocalDate(year: year, month: month, day: 1)!
            }
        }

        public var lastDay: LocalDate {
            let (year, month) = switch self {
            case .quarter(let year, let quarter): (year, quarter * 3)
            case .month(let year, let month): (year, month)
            }
            return LocalDate(year: year, month: month, day: LocalDate.daysInMonth(year: year, month: month))!
        }

        /// Reads `code` and what clerks type: `2020-Q2`, `2020Q2`, `2020年第二季度`, `2020年二季度`, `2020年第2季度`,
        /// `2020-05`, `2020-5`, `2020年5月`, `2020年05月`. Nil for anything else.
        public init?(text raw: String) {
            let text = raw.trimmingCharacters(in: .whitespaces)
            guard text.count <= 20 else { return nil }
            let characters = Array(text)
            guard characters.count >= 6, characters.prefix(4).allSatisfy({ $0.isASCII && $0.isNumber }),
                  let year = Int(String(characters.prefix(4))), (1900...9999).contains(year) else { return nil }
            var rest = String(characters.dropFirst(4))
            let quarterWords: [String: Int] = ["一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4]
            if rest.hasPrefix("年") {
                rest.removeFirst()
                if rest.hasSuffix("季度") {
                    rest.removeLast(2)
                    if rest.hasPrefix("第") { rest.removeFirst() }
                    guard let quarter = quarterWords[rest] else { return nil }
                    self = .quarter(year: year, quarter: quarter)
                    return
                }
                guard rest.hasSuffix("月") else { return nil }
                rest.removeLast()
                guard let month = Timing.smallNumber(rest), (1...12).contains(month) else { return nil }
                self = .month(year: year, month: month)
                return
            }
            if rest.hasPrefix("-") { rest.removeFirst() }
            if rest.hasPrefix("Q") || rest.hasPrefix("q") {
                rest.removeFirst()
                guard let quarter = quarterWords[rest], rest.allSatisfy(\.isASCII) else { return nil }
                self = .quarter(year: year, quarter: quarter)
                return
            }
            guard let month = Timing.smallNumber(rest), (1...12).contains(month) else { return nil }
            self = .month(year: year, month: month)
        }

        /// One or two ASCII digits.
        private static func smallNumber(_ text: String) -> Int? {
            guard (1...2).contains(text.count), text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(text)
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let timing = Timing(text: text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "不是有效的计划时间：\(text.prefix(20))")
            }
            self = timing
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(code)
        }
    }

    /// The approving body most counties record (the county Party committee's standing committee).
    public static let defaultApprovingBody = "县委常委会"

    public var year: Int
    public var proposingUnit: String
    public var subject: String
    /// 决策依据: the laws, policies and plans the item rests on.
    public var basis: String
    public var plannedTiming: Timing
    public var approvedOn: LocalDate?
    public var approvingBody: String?
    public var publishedOn: LocalDate?

    public init(year: Int, proposingUnit: String, subject: String, basis: String, plannedTiming: Timing,
                approvedOn: LocalDate? = nil, approvingBody: String? = nil, publishedOn: LocalDate? = nil) {
        self.year = year
        self.proposingUnit = proposingUnit
        self.subject = subject
        self.basis = basis
        self.plannedTiming = plannedTiming
        self.approvedOn = approvedOn
        self.approvingBody = approvingBody
        self.publishedOn = publishedOn
    }

    /// Fields: `year`, `proposingUnit`, `subject`, `basis`, `plannedTiming`, `approvedOn`, `approvingBody`,
    /// `publishedOn`. An item may be entered before approval (approval and publication empty); once approved it
    /// names the body; it is published only after approval (art. 3(3)). Decree 713 is in force from
    /// 2019-09-01, so catalogues start with 2019.
    public static func validate(year rawYear: String?, proposingUnit rawUnit: String?, subject rawSubject: String?,
                                basis rawBasis: String?, plannedTiming rawTiming: String?, approvedOn rawApproved: String?,
                                approvingBody rawBody: String?, publishedOn rawPublished: String?,
                                today: LocalDate) -> Result<DecisionCatalogueItem, FieldErrors> {
        var errors = FieldErrors()
        let year = IntegerRule(label: "目录年度", range: 2019...(today.year + 1)).clean(rawYear, field: "year", into: &errors)
        let unit = TextRule(label: "决策承办单位", maxLength: 60).clean(rawUnit, field: "proposingUnit", into: &errors)
        let subject = TextRule(label: "决策事项", maxLength: 200).clean(rawSubject, field: "subject", into: &errors)
        let basis = TextRule(label: "决策依据", maxLength: 2000, multiline: true).clean(rawBasis, field: "basis", into: &errors)
        var timing: Timing?
        if let text = TextRule(label: "计划完成时间", maxLength: 20).clean(rawTiming, field: "plannedTiming", into: &errors) {
            timing = Timing(text: text)
            if timing == nil {
                errors.add("plannedTiming", "「计划完成时间」应为季度或月份，例如 2020年第二季度、2020-Q2、2020年5月 或 2020-05。")
            } else if let year, let parsed = timing, parsed.year != year {
                errors.add("plannedTiming", "「计划完成时间」应在目录年度（\(year)年）内。")
            }
        }
        let approved = DateRule(label: "批准日期", required: false).clean(rawApproved, field: "approvedOn", into: &errors)
        let body = TextRule(label: "批准机关", required: approved != nil, maxLength: 60).clean(rawBody, field: "approvingBody", into: &errors)
        let published = DateRule(label: "公布日期", required: false).clean(rawPublished, field: "publishedOn", into: &errors)
        if approved == nil, body != nil, errors["approvedOn"].isEmpty {
            errors.add("approvedOn", "填写了「批准机关」的，请同时填写「批准日期」。")
        }
        if let approved {
            if approved > today { errors.add("approvedOn", "「批准日期」不能晚于今天。") }
            if let year, approved.year < year - 1 || approved.year > year {
                errors.add("approvedOn", "「批准日期」应在\(year - 1)年或\(year)年内。")
            }
        }
        if let published {
            if published > today { errors.add("publishedOn", "「公布日期」不能晚于今天。") }
            if let approved {
                if published < approved {
                    errors.add("publishedOn", "「公布日期」不能早于批准日期（\(approved.chinese)）：目录经同级党委同意后向社会公布。")
                }
            } else if errors["approvedOn"].isEmpty {
                errors.add("publishedOn", "目录经同级党委同意后才能公布，请先填写「批准日期」和「批准机关」。")
            }
        }
        guard errors.isEmpty, let year, let unit, let subject, let basis, let timing else { return .failure(errors) }
        return .success(DecisionCatalogueItem(year: year, proposingUnit: unit, subject: subject, basis: basis,
                                              plannedTiming: timing, approvedOn: approved, approvingBody: body,
                                              publishedOn: published))
    }
}
