/// Import of an existing register of normative documents from a spreadsheet :
/// the whole file is validated; any bad row means nothing is imported, and every bad cell is named.
public struct RegisterImport: Sendable {
    /// The columns, as the README documents them. Required ones first.
    public enum Column: String, CaseIterable, Sendable {
        case title = "标题"
        case issuer = "制定机关"
        case published = "公布日期"
        case effective = "施行日期"
        case documentNumber = "文号"
        case registrationNumber = "统一登记号"
        case draftingUnit = "起草单位"
        case term = "有效期"
        case filed = "备案日期"
        case immediateReason = "立即施行理由"

        public var required: Bool {
            switch self {
            case .title, .issuer, .published, .effective: true
            default: false
            }
        }
    }

    /// One row that passed every check.
    public struct Row: Sendable, Hashable {
        public var line: Int
        public var title: String
        public var issuer: String
        public var draftingUnit: String
        public var published: LocalDate
        public var effective: LocalDate
        public var documentNumber: String?
        /// nil: the importer assigns the next number of the publication year.
        public var registration: (year: Int, sequence: Int, text: String)?
        public var term: ValidityTerm
        public var filed: LocalDate?
        public var immediateReason: String?

        public static func == (lhs: Row, rhs: Row) -> Bool { lhs.line == rhs.line && lhs.title == rhs.title }
        public func hash(into hasher: inout Hasher) { hasher.combine(line); hasher.combine(title) }
    }

    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public var line: Int?
        public var column: String?
        public var message: String

        public var description: String {
            switch (line, column) {
            case let (line?, column?): "第 \(line) 行「\(column)」列：\(message)"
            case let (line?, nil): "第 \(line) 行：\(message)"
            case let (nil, column?): "「\(column)」列：\(message)"
            default: message
            }
        }
    }

    public var rules: DocumentRules
    /// Names (full and short) of the units that may issue or draft, mapped to the unit's full name.
    public var unitNames: [String: String]
    public var existingDocumentNumbers: Set<String>
    public var existingRegistrationNumbers: Set<String>

    public init(rules: DocumentRules, unitNames: [String: String], existingDocumentNumbers: Set<String>, existingRegistrationNumbers: Set<String>) {
        self.rules = rules
        self.unitNames = unitNames
        self.existingDocumentNumbers = existingDocumentNumbers
        self.existingRegistrationNumbers = existingRegistrationNumbers
    }

    /// Every problem of a file; the file imports only when there is none.
    public struct Problems: Error, Sendable, Hashable {
        public var items: [Problem]
    }

    /// Validates the whole table: every row valid, or the list of every problem.
    public func validate(_ table: SheetTable) -> Result<[Row], Problems> {
        var problems: [Problem] = []
        var index: [Column: Int] = [:]
        for column in Column.allCases {
            if let position = table.columnIndex(column.rawValue) { index[column] = position }
            else if column.required { problems.append(Problem(line: nil, column: column.rawValue, message: "缺少这一列（表头第一行须有「\(column.rawValue)」）。")) }
        }
        let known = Set(Column.allCases.map(\.rawValue))
        for name in table.header where !name.isEmpty && !known.contains(name) {
            problems.append(Problem(line: nil, column: name, message: "无法识别的列；可用的列：\(Column.allCases.map(\.rawValue).joined(separator: "、"))。"))
        }
        guard problems.isEmpty else { return .failure(Problems(items: problems)) }
        guard !table.rows.isEmpty else { return .failure(Problems(items: [Problem(line: nil, column: nil, message: "文件中没有数据行。")])) }

        var rows: [Row] = []
        var seenNumbers: [String: Int] = [:]
        var seenRegistrations: [String: Int] = [:]
        let validity = ValidityRule(rules: rules)
        for (position, line) in table.rowNumbers.enumerated() {
            func cell(_ column: Column) -> String {
                guard let at = index[column] else { return "" }
                return table[row: position, column: at]
            }
            func fail(_ column: Column?, _ message: String) {
                problems.append(Problem(line: line, column: column?.rawValue, message: message))
            }
            if table.rows[position].count > table.header.count, table.rows[position][table.header.count...].contains(where: { !$0.isEmpty }) {
                fail(nil, "本行的列数多于表头（可能有未加引号的逗号）。")
            }
            var errors = FieldErrors()
            let title = TextRule(label: Column.title.rawValue, maxLength: 200).clean(cell(.title), field: "t", into: &errors)
            errors.entries.forEach { fail(.title, $0.message) }
            var issuer: String?
            let issuerText = cell(.issuer).trimmingCharacters(in: .whitespaces)
            if issuerText.isEmpty { fail(.issuer, "请填写制定机关。") }
            else if let name = unitNames[issuerText] { issuer = name }
            else { fail(.issuer, "系统中没有名为「\(String(issuerText.prefix(40)))」的单位（请先在系统管理中添加，或使用单位全称）。") }
            var drafting = issuer
            let draftingText = cell(.draftingUnit).trimmingCharacters(in: .whitespaces)
            if !draftingText.isEmpty {
                if let name = unitNames[draftingText] { drafting = name }
                else { fail(.draftingUnit, "系统中没有名为「\(String(draftingText.prefix(40)))」的单位。") }
            }
            func date(_ column: Column, required: Bool) -> LocalDate? {
                let text = cell(column).trimmingCharacters(in: .whitespaces)
                if text.isEmpty {
                    if required { fail(column, "请填写日期。") }
                    return nil
                }
                guard let value = RegisterImport.parseDate(text) else {
                    fail(column, "「\(String(text.prefix(20)))」不是有效的日期，应为 2020-03-09 或 2020年3月9日。")
                    return nil
                }
                return value
            }
            let published = date(.published, required: true)
            let effective = date(.effective, required: true)
            let filed = date(.filed, required: false)
            if let published, let effective, effective < published { fail(.effective, "施行日期不能早于公布日期。") }
            if let published, let filed, filed < published { fail(.filed, "备案日期不能早于公布日期。") }
            var documentNumber: String?
            let numberText = cell(.documentNumber)
            if !numberText.isEmpty {
                switch DocumentNumber.validate(numberText) {
                case .success(let number):
                    documentNumber = number.description
                    if existingDocumentNumbers.contains(number.description) { fail(.documentNumber, "文号 \(number) 已在系统中登记。") }
                    if let first = seenNumbers[number.description] { fail(.documentNumber, "文号 \(number) 与第 \(first) 行重复。") }
                    seenNumbers[number.description] = line
                case .failure(let problem):
                    fail(.documentNumber, problem.message)
                }
            }
            var registration: (year: Int, sequence: Int, text: String)?
            let registrationText = cell(.registrationNumber).trimmingCharacters(in: .whitespaces)
            if !registrationText.isEmpty {
                if let parsed = rules.registrationPattern.parse(registrationText) {
                    registration = (parsed.year, parsed.sequence, registrationText)
                    if existingRegistrationNumbers.contains(registrationText) { fail(.registrationNumber, "统一登记号 \(registrationText) 已在系统中登记。") }
                    if let first = seenRegistrations[registrationText] { fail(.registrationNumber, "统一登记号与第 \(first) 行重复。") }
                    seenRegistrations[registrationText] = line
                } else {
                    fail(.registrationNumber, "格式应为 \(rules.registrationPattern.example)。")
                }
            }
            var term: ValidityTerm = .standard
            let termText = cell(.term).trimmingCharacters(in: .whitespaces)
            switch termText {
            case "", "5年", "五年", "standard": term = .standard
            case "2年", "两年", "二年", "provisional", "暂行", "试行": term = .provisional
            case "长期", "longTerm": term = .longTerm
            default:
                if let parsed = ValidityTerm(code: termText) { term = parsed }
                else { fail(.term, "有效期应为「5年」「2年」或「长期」。") }
            }
            if let title, term == .standard, ValidityRule.isProvisionalTitle(title) {
                // 暂行、试行: at most 2 years.
                term = .provisional
            }
            _ = validity
            var reasonErrors = FieldErrors()
            let reason = TextRule(label: Column.immediateReason.rawValue, required: false, maxLength: 500).clean(cell(.immediateReason), field: "r", into: &reasonErrors)
            reasonErrors.entries.forEach { fail(.immediateReason, $0.message) }
            if let title, let issuer, let drafting, let published, let effective {
                rows.append(Row(line: line, title: title, issuer: issuer, draftingUnit: drafting, published: published, effective: effective,
                                documentNumber: documentNumber, registration: registration, term: term, filed: filed, immediateReason: reason))
            }
        }
        return problems.isEmpty ? .success(rows) : .failure(Problems(items: problems))
    }

    /// `2020-03-09`, `2020/3/9`, `2020.3.9`, `2020年3月9日`, or an Excel serial day number (e.g. 43899).
    public static func parseDate(_ text: String) -> LocalDate? {
        if let date = LocalDate(iso: text) { return date }
        if text.count <= 6, let serial = Int(text), (1...100_000).contains(serial) {
            // Excel's day 1 is 1900-01-01 with the fictitious 1900-02-29; serial 25569 = 1970-01-01.
            return LocalDate(dayNumber: serial - 25569)
        }
        var normalized = text.replacingOccurrences(of: "年", with: "-").replacingOccurrences(of: "月", with: "-").replacingOccurrences(of: "日", with: "")
        normalized = normalized.replacingOccurrences(of: "/", with: "-").replacingOccurrences(of: ".", with: "-")
        let parts = normalized.split(separator: "-").map(String.init)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCII) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), parts[0].count == 4 else { return nil }
        return LocalDate(year: year, month: month, day: day)
    }
}
