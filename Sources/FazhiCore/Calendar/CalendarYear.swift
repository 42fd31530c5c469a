import Foundation

/// One year's holiday schedule as the State Council General Office's notice (国务院办公厅关于××年
/// 部分节假日安排的通知) states it, with any later changes applied.
///
/// `holidays` are the 放假 ranges exactly as the notice words them (inclusive; they may contain
/// weekend days and may start in December of the previous year); `workdays` are the 调休上班 days,
/// always a Saturday or Sunday.
public struct CalendarYear: Codable, Sendable, Hashable {
    public struct Holiday: Codable, Sendable, Hashable {
        public var name: String
        public var from: LocalDate
        public var to: LocalDate

        public init(name: String, from: LocalDate, to: LocalDate) {
            self.name = name
            self.from = from
            self.to = to
        }

        public func contains(_ date: LocalDate) -> Bool { from <= date && date <= to }

        /// Every day of the range, in order.
        public var days: [LocalDate] {
            guard from <= to else { return [] }
            return (0...from.days(to: to)).map { from.adding(days: $0) }
        }
    }

    public struct Workday: Codable, Sendable, Hashable {
        public var date: LocalDate
        public var name: String

        public init(date: LocalDate, name: String = Workday.defaultName) {
            self.date = date
            self.name = name
        }

        public static let defaultName = "调休上班"

        enum CodingKeys: String, CodingKey { case date, name }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            date = try container.decode(LocalDate.self, forKey: .date)
            name = try container.decodeIfPresent(String.self, forKey: .name) ?? Workday.defaultName
        }
    }

    /// A later notice that changed the year's schedule (e.g. 国办发明电〔2020〕1号).
    public struct Amendment: Codable, Sendable, Hashable {
        public var notice: String
        public var published: LocalDate?
        public var summary: String

        public init(notice: String, published: LocalDate? = nil, summary: String) {
            self.notice = notice
            self.published = published
            self.summary = summary
        }
    }

    public var year: Int
    /// The notice's number, e.g. 国办发明电〔2025〕7号.
    public var notice: String
    /// The date the notice bears.
    public var published: LocalDate?
    /// False when the year could not be checked against a second published copy.
    public var verified: Bool
    public var amendments: [Amendment]
    public var holidays: [Holiday]
    public var workdays: [Workday]

    public init(
        year: Int, notice: String, published: LocalDate? = nil, verified: Bool = true,
        amendments: [Amendment] = [], holidays: [Holiday], workdays: [Workday]
    ) {
        self.year = year
        self.notice = notice
        self.published = published
        self.verified = verified
        self.amendments = amendments
        self.holidays = holidays
        self.workdays = workdays
    }

    enum CodingKeys: String, CodingKey {
        case year, notice, published, verified, amendments, holidays, workdays
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        year = try container.decode(Int.self, forKey: .year)
        notice = try container.decode(String.self, forKey: .notice)
        published = try container.decodeIfPresent(LocalDate.self, forKey: .published)
        // Absent means the importer vouches for it; the bundled file marks every year explicitly.
        verified = try container.decodeIfPresent(Bool.self, forKey: .verified) ?? true
        amendments = try container.decodeIfPresent([Amendment].self, forKey: .amendments) ?? []
        holidays = try container.decode([Holiday].self, forKey: .holidays)
        workdays = try container.decodeIfPresent([Workday].self, forKey: .workdays) ?? []
    }

    // MARK: - Validation

    /// Where in a year's data a problem sits, so the form can point at the line.
    enum Location: Hashable, Sendable {
        case year, notice, holiday(Int), workday(Int)
    }

    struct Issue: Hashable, Sendable {
        var location: Location
        var error: CalendarError
    }

    /// Every problem with the year's data, in the order of the data.
    func issues() -> [Issue] {
        var issues: [Issue] = []
        guard (2000...2100).contains(year) else {
            // Without a sane year the date-window checks below mean nothing.
            return [Issue(location: .year, error: .yearOutOfRange(year))]
        }
        if notice.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            issues.append(Issue(location: .notice, error: .missingNotice(year: year)))
        }
        if holidays.isEmpty {
            issues.append(Issue(location: .holiday(0), error: .noHolidays(year: year)))
        }
        // One notice reaches from December of the year before (e.g. 2023 元旦 from 2022-12-31).
        let window = LocalDate(year: year - 1, month: 12, day: 1)!...LocalDate(year: year, month: 12, day: 31)!
        var holidayOf: [LocalDate: String] = [:]
        for (index, holiday) in holidays.enumerated() {
            let here = Location.holiday(index)
            if holiday.name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                issues.append(Issue(location: here, error: .missingHolidayName(year: year, from: holiday.from)))
            }
            if holiday.from > holiday.to {
                issues.append(Issue(location: here, error: .rangeReversed(
                    year: year, name: holiday.name, from: holiday.from, to: holiday.to)))
                continue
            }
            if let outside = [holiday.from, holiday.to].first(where: { !window.contains($0) }) {
                issues.append(Issue(location: here, error: .dateOutsideYear(year: year, date: outside)))
                continue
            }
            if let repeated = holiday.days.first(where: { holidayOf[$0] != nil }) {
                issues.append(Issue(location: here, error: .duplicateDate(year: year, date: repeated)))
            }
            for day in holiday.days where holidayOf[day] == nil { holidayOf[day] = holiday.name }
        }
        var seenWorkdays: Set<LocalDate> = []
        for (index, workday) in workdays.enumerated() {
            let here = Location.workday(index)
            let date = workday.date
            if !window.contains(date) {
                issues.append(Issue(location: here, error: .dateOutsideYear(year: year, date: date)))
            } else if !date.isWeekend {
                issues.append(Issue(location: here, error: .workdayNotWeekend(year: year, date: date)))
            } else if let holiday = holidayOf[date] {
                issues.append(Issue(location: here, error: .workdayInsideHoliday(year: year, date: date, holiday: holiday)))
            } else if !seenWorkdays.insert(date).inserted {
                issues.append(Issue(location: here, error: .duplicateDate(year: year, date: date)))
            }
        }
        return issues
    }

    /// Throws the first problem with the year's data.
    public func validate() throws {
        if let first = issues().first { throw first.error }
    }

    // MARK: - Decoding

    /// Decodes the whole-file form (`{"source": …, "years": […]}`), a single year object, or an array of
    /// year objects, and validates every year.
    public static func decode(_ data: Data) throws -> [CalendarYear] {
        let top: Any
        do {
            top = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw CalendarError.malformed("不是有效的 JSON。")
        }
        let years: [CalendarYear]
        do {
            let decoder = JSONDecoder()
            if let object = top as? [String: Any], object["years"] != nil {
                years = try decoder.decode(CalendarFile.self, from: data).years
            } else if let object = top as? [String: Any], object["year"] != nil {
                years = [try decoder.decode(CalendarYear.self, from: data)]
            } else if top is [Any] {
                years = try decoder.decode([CalendarYear].self, from: data)
            } else {
                throw CalendarError.malformed("应为含 years 的整个文件，或含 year 的单个年度。")
            }
        } catch let error as DecodingError {
            throw CalendarError.malformed(describe(error))
        }
        var seen: Set<Int> = []
        for year in years {
            try year.validate()
            guard seen.insert(year.year).inserted else { throw CalendarError.duplicateYear(year.year) }
        }
        return years
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }
            return keys.isEmpty ? "" : "位置 " + keys.joined().trimmingCharacters(in: CharacterSet(charactersIn: ".")) + "："
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context))缺少字段 \(key.stringValue)。"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context))字段类型不正确。"
        case .dataCorrupted(let context):
            return "\(path(context))\(context.debugDescription)"
        @unknown default:
            return "无法读取。"
        }
    }
}

/// The whole holidays-cn.json file.
public struct CalendarFile: Codable, Sendable, Hashable {
    public var source: String
    public var years: [CalendarYear]

    public init(source: String, years: [CalendarYear]) {
        self.source = source
        self.years = years
    }

    enum CodingKeys: String, CodingKey { case source, years }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        source = try container.decodeIfPresent(String.self, forKey: .source) ?? ""
        years = try container.decode([CalendarYear].self, forKey: .years)
    }
}
