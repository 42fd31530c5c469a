import Foundation

/// Per-field errors of the line-oriented admin form for a new year's schedule.
public struct CalendarFormErrors: Error, Sendable, Hashable {
    public enum Field: String, Sendable, Hashable, CaseIterable {
        case year, notice, holidays, workdays
    }

    public struct Entry: Sendable, Hashable {
        public var field: Field
        /// 1-based line in the field's text, nil when the error is about the field as a whole.
        public var line: Int?
        public var message: String

        public init(field: Field, line: Int?, message: String) {
            self.field = field
            self.line = line
            self.message = message
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    public func entries(for field: Field) -> [Entry] { entries.filter { $0.field == field } }

    /// The messages of one field, each prefixed with its line ("第3行：…") where there is one.
    public func messages(for field: Field) -> [String] {
        entries(for: field).map { entry in entry.line.map { "第\($0)行：\(entry.message)" } ?? entry.message }
    }
}

extension CalendarYear {
    /// Reads the admin form: each holiday line is `名称 起始日期 结束日期` (or one date for a one-day
    /// holiday), each workday line a date optionally followed by a note.
    ///
    /// Separators: spaces, `,` `，` `至` `到` `~` `～`. Dates: `2026-02-15`, `2026/2/15`, `2026.2.15`,
    /// `2026年2月15日`; `2月15日` takes the form's year, and an end date written `23日` the start's month,
    /// as the notices write them. Parenthesised remarks such as `（周日）` are ignored. Blank lines are skipped.
    public static func parse(
        year yearText: String, notice noticeText: String, holidayLines: String, workdayLines: String,
        published: String = ""
    ) -> Result<CalendarYear, CalendarFormErrors> {
        var errors: [CalendarFormErrors.Entry] = []
        func fail(_ field: CalendarFormErrors.Field, _ line: Int?, _ message: String) {
            errors.append(.init(field: field, line: line, message: message))
        }

        let yearDigits = CalendarFormText.normalize(yearText).trimmingCharacters(in: .whitespaces)
            .replacingOccurrences(of: "年", with: "")
        var year: Int?
        if yearDigits.isEmpty {
            fail(.year, nil, "请填写年份。")
        } else if yearDigits.count == 4, yearDigits.allSatisfy(\.isASCIIDigitCharacter), let value = Int(yearDigits),
                  (2000...2100).contains(value) {
            year = value
        } else {
            fail(.year, nil, "年份应为2000至2100之间的四位数字。")
        }

        let notice = noticeText.trimmingCharacters(in: .whitespacesAndNewlines)
        if notice.isEmpty { fail(.notice, nil, "请填写通知文号，如“国办发明电〔2025〕7号”。") }

        var publishedDate: LocalDate?
        let publishedText = CalendarFormText.normalize(published).trimmingCharacters(in: .whitespaces)
        if !publishedText.isEmpty {
            publishedDate = CalendarFormText.date(publishedText, defaultYear: nil, defaultMonth: nil)
            if publishedDate == nil { fail(.notice, nil, "无法识别的通知日期“\(publishedText)”。") }
        }

        // Lines are parsed even without a valid year, so every error shows at once.
        var holidays: [Holiday] = []
        var holidayLine: [Int] = []
        for (number, raw) in CalendarFormText.lines(holidayLines) {
            let tokens = CalendarFormText.tokens(raw)
            guard !tokens.isEmpty else { continue }
            guard let firstDate = tokens.firstIndex(where: { CalendarFormText.looksLikeDate($0) }) else {
                fail(.holidays, number, "缺少日期；格式为“名称 起始日期 结束日期”，如“春节 2026-02-15 2026-02-23”。")
                continue
            }
            let name = tokens[..<firstDate].joined(separator: "、")
            let dateTokens = Array(tokens[firstDate...])
            if name.isEmpty {
                fail(.holidays, number, "缺少节日名称；格式为“名称 起始日期 结束日期”。")
                continue
            }
            if dateTokens.count > 2 {
                fail(.holidays, number, "一行只能填写起始和结束两个日期，多余的内容：“\(dateTokens[2...].joined(separator: " "))”。")
                continue
            }
            guard let from = CalendarFormText.date(dateTokens[0], defaultYear: year, defaultMonth: nil) else {
                fail(.holidays, number, CalendarFormText.badDate(dateTokens[0]))
                continue
            }
            var to = from
            if dateTokens.count == 2 {
                guard let end = CalendarFormText.date(dateTokens[1], defaultYear: from.year, defaultMonth: from.month) else {
                    fail(.holidays, number, CalendarFormText.badDate(dateTokens[1]))
                    continue
                }
                to = end
            }
            holidays.append(Holiday(name: name, from: from, to: to))
            holidayLine.append(number)
        }
        if holidays.isEmpty && !errors.contains(where: { $0.field == .holidays }) {
            fail(.holidays, nil, "请至少填写一项放假安排。")
        }

        var workdays: [Workday] = []
        var workdayLine: [Int] = []
        for (number, raw) in CalendarFormText.lines(workdayLines) {
            let tokens = CalendarFormText.tokens(raw, splittingRanges: false)
            guard let first = tokens.first else { continue }
            guard let date = CalendarFormText.date(first, defaultYear: year, defaultMonth: nil) else {
                fail(.workdays, number, CalendarFormText.badDate(first))
                continue
            }
            let note = tokens.dropFirst()
            // A second date is a typing slip for two lines, not a note.
            if let second = note.first(where: { CalendarFormText.looksLikeDate($0) }) {
                fail(.workdays, number, "一行只能填写一个调休上班日，请把“\(second)”另起一行。")
                continue
            }
            workdays.append(Workday(date: date, name: note.isEmpty ? Workday.defaultName : note.joined(separator: " ")))
            workdayLine.append(number)
        }

        guard let year, errors.isEmpty else { return .failure(CalendarFormErrors(entries: errors)) }
        let result = CalendarYear(
            year: year, notice: notice, published: publishedDate, holidays: holidays, workdays: workdays)
        for issue in result.issues() {
            switch issue.location {
            case .year: fail(.year, nil, issue.error.detail)
            case .notice: fail(.notice, nil, issue.error.detail)
            case .holiday(let index):
                fail(.holidays, holidayLine.indices.contains(index) ? holidayLine[index] : nil, issue.error.detail)
            case .workday(let index):
                fail(.workdays, workdayLine.indices.contains(index) ? workdayLine[index] : nil, issue.error.detail)
            }
        }
        return errors.isEmpty ? .success(result) : .failure(CalendarFormErrors(entries: errors))
    }

    /// The holidays as form lines (`名称 起始日期 结束日期`), so an existing year can be edited.
    public var holidayLines: String {
        holidays.map { $0.from == $0.to ? "\($0.name) \($0.from)" : "\($0.name) \($0.from) \($0.to)" }
            .joined(separator: "\n")
    }

    /// The make-up working days as form lines (`日期 说明`).
    public var workdayLines: String {
        workdays.map { "\($0.date) \($0.name)" }.joined(separator: "\n")
    }
}

/// Lexing for the admin form.
enum CalendarFormText {
    static func lines(_ text: String) -> [(Int, String)] {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .enumerated().map { ($0.offset + 1, String($0.element)) }
    }

    /// Full-width digits and date punctuation to ASCII; parenthesised remarks removed.
    static func normalize(_ text: String) -> String {
        var out = ""
        var depth = 0
        for scalar in text.unicodeScalars {
            switch scalar {
            case "(", "（": depth += 1
            case ")", "）": depth = max(0, depth - 1)
            default:
                guard depth == 0 else { continue }
                if (0xFF10...0xFF19).contains(scalar.value) {
                    out.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
                } else if scalar == "－" {
                    out.append("-")
                } else if scalar == "／" {
                    out.append("/")
                } else if scalar == "．" {
                    out.append(".")
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    static func tokens(_ line: String, splittingRanges: Bool = true) -> [String] {
        var separators: Set<Character> = [",", "，", ":", "："]
        if splittingRanges { separators.formUnion(["至", "到", "~", "～", "—"]) }
        return normalize(line)
            .split(whereSeparator: { $0.isWhitespace || separators.contains($0) })
            .map(String.init)
    }

    static func looksLikeDate(_ token: String) -> Bool {
        guard let first = token.first, first.isASCIIDigitCharacter else { return false }
        return token.allSatisfy { $0.isASCIIDigitCharacter || "-/.年月日".contains($0) }
    }

    static func badDate(_ token: String) -> String {
        "无法识别的日期“\(token)”，应写作 YYYY-MM-DD（如 2026-02-15）或 2026年2月15日，且须为真实日期。"
    }

    /// `2026-2-15`, `2026/02/15`, `2026.2.15`, `20260215`, `2026年2月15日`; with a default year also
    /// `2月15日`; with a default month also `15日`.
    static func date(_ token: String, defaultYear: Int?, defaultMonth: Int?) -> LocalDate? {
        guard looksLikeDate(token) else { return nil }
        if token.count == 8, token.allSatisfy(\.isASCIIDigitCharacter) {
            let digits = Array(token)
            return LocalDate(
                year: Int(String(digits[0..<4]))!, month: Int(String(digits[4..<6]))!, day: Int(String(digits[6..<8]))!)
        }
        let chinese = token.contains("年") || token.contains("月") || token.contains("日")
        var text = token
        if chinese {
            // 日 only closes the date; 年 and 月 separate.
            guard !token.contains("-"), !token.contains("/"), !token.contains(".") else { return nil }
            if text.hasSuffix("日") { text.removeLast() }
            guard !text.contains("日") else { return nil }
        }
        let parts = text.split(omittingEmptySubsequences: false, whereSeparator: { "-/.年月".contains($0) })
            .map(String.init)
        guard parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCIIDigitCharacter) }) else {
            return nil
        }
        let numbers = parts.map { Int($0)! }
        switch numbers.count {
        case 3 where parts[0].count == 4 && parts[1].count <= 2 && parts[2].count <= 2:
            if chinese, !(token.contains("年") && token.contains("月")) { return nil }
            return LocalDate(year: numbers[0], month: numbers[1], day: numbers[2])
        case 2 where chinese && token.contains("月") && !token.contains("年") && parts.allSatisfy({ $0.count <= 2 }):
            guard let defaultYear else { return nil }
            return LocalDate(year: defaultYear, month: numbers[0], day: numbers[1])
        case 1 where chinese && token.hasSuffix("日") && parts[0].count <= 2:
            guard let defaultYear, let defaultMonth else { return nil }
            return LocalDate(year: defaultYear, month: defaultMonth, day: numbers[0])
        default:
            return nil
        }
    }
}

fileprivate extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
