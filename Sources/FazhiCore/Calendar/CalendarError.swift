import Foundation

/// Everything that can go wrong with the holiday calendar or a period computed on it.
/// Messages are Chinese: they are shown to clerks and administrators as they are.
public enum CalendarError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// The calendar has no State Council schedule for the year; never guess one.
    case yearNotCovered(Int)
    /// A period length outside 1...3650.
    case invalidLength(Int)
    /// A pause whose start is after its end.
    case invalidPause(from: LocalDate, to: LocalDate)
    /// The data could not be read as a calendar (bad JSON, missing field, bad date text).
    case malformed(String)
    /// The bundled holidays-cn.json is missing from the resource bundle.
    case bundledDataMissing
    case yearOutOfRange(Int)
    case missingNotice(year: Int)
    case noHolidays(year: Int)
    case missingHolidayName(year: Int, from: LocalDate)
    case rangeReversed(year: Int, name: String, from: LocalDate, to: LocalDate)
    /// A date outside December of year-1 … December of year (the reach of one notice).
    case dateOutsideYear(year: Int, date: LocalDate)
    case workdayNotWeekend(year: Int, date: LocalDate)
    case workdayInsideHoliday(year: Int, date: LocalDate, holiday: String)
    case duplicateDate(year: Int, date: LocalDate)
    case duplicateYear(Int)
    /// Two notices say different things about the same date.
    case conflictingYears(date: LocalDate, years: [Int])

    public var message: String {
        switch self {
        case .missingNotice(let year), .noHolidays(let year), .missingHolidayName(let year, _),
             .rangeReversed(let year, _, _, _), .dateOutsideYear(let year, _), .workdayNotWeekend(let year, _),
             .workdayInsideHoliday(let year, _, _), .duplicateDate(let year, _):
            return "\(year)年：\(detail)"
        default:
            return detail
        }
    }

    /// The message without the leading "YYYY年：" of the per-year cases, for the line-oriented form
    /// where the year is already on screen.
    var detail: String {
        switch self {
        case .yearNotCovered(let year):
            return "日历中缺少\(year)年的国务院放假调休安排，无法判断该年日期是否为工作日。"
                + "请管理员导入《国务院办公厅关于\(year)年部分节假日安排的通知》后再计算。"
        case .invalidLength(let length):
            return "期间长度应为1至3650日，当前为\(length)。"
        case .invalidPause(let from, let to):
            return "中止期间的起始日期\(from)晚于结束日期\(to)。"
        case .malformed(let detail):
            return "节假日数据格式错误：\(detail)"
        case .bundledDataMissing:
            return "找不到内置的节假日数据文件 holidays-cn.json。"
        case .yearOutOfRange(let year):
            return "年份\(year)超出允许范围（2000—2100）。"
        case .duplicateYear(let year):
            return "\(year)年的放假安排重复出现。"
        case .conflictingYears(let date, let years):
            let list = years.map { "\($0)年" }.joined(separator: "、")
            return "\(date)在\(list)的通知中安排不一致。"
        case .missingNotice:
            return "缺少通知文号。"
        case .noHolidays:
            return "没有任何放假安排。"
        case .missingHolidayName(_, let from):
            return "自\(from)起的放假安排缺少节日名称。"
        case .rangeReversed(_, let name, let from, let to):
            return "“\(name)”的放假起始日期\(from)晚于结束日期\(to)。"
        case .dateOutsideYear(let year, let date):
            return "日期\(date)不在\(year - 1)年12月1日至\(year)年12月31日之间。"
        case .workdayNotWeekend(_, let date):
            return "调休上班日\(date)是\(date.chineseWeekday)，调休上班日只能是星期六或星期日。"
        case .workdayInsideHoliday(_, let date, let holiday):
            return "调休上班日\(date)落在“\(holiday)”放假期间内。"
        case .duplicateDate(_, let date):
            return "日期\(date)重复出现。"
        }
    }

    public var description: String { message }
    public var errorDescription: String? { message }
}
