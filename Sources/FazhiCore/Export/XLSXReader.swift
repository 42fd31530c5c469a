import Foundation

/// Why an uploaded XLSX could not be read. Messages are Chinese: they are shown to the clerk as they are.
public enum XLSXReadError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// Not a ZIP archive at all.
    case notZip
    /// An OLE compound file: a legacy .xls workbook, or an encrypted (password-protected) .xlsx.
    case legacyOrEncrypted
    /// A part the workbook needs is absent (path inside the package).
    case missingPart(String)
    /// A part is not well-formed XML, or holds values that make no sense (part, detail).
    case malformed(part: String, detail: String)
    /// Unpacking would exceed the size limit (in MB).
    case tooLarge(limitMB: Int)
    case tooManyRows(limit: Int)
    case tooManyCells(limit: Int)
    /// The workbook lists no worksheet.
    case noWorksheet
    /// The first worksheet has no non-blank row.
    case empty

    public var message: String {
        switch self {
        case .notZip:
            return "文件不是有效的 Excel 工作簿（.xlsx）：请在 Excel 或 WPS 中另存为“Excel 工作簿（*.xlsx）”后重新上传"
        case .legacyOrEncrypted:
            return "这是旧版 Excel（.xls）文件或设置了打开密码的工作簿：请取消密码并另存为“Excel 工作簿（*.xlsx）”后重新上传"
        case .missingPart(let path):
            return "工作簿不完整：缺少 \(path)，请在 Excel 或 WPS 中重新保存后上传"
        case .malformed(let part, let detail):
            return "工作簿已损坏（\(part)：\(detail)），请在 Excel 或 WPS 中重新保存后上传"
        case .tooLarge(let limit):
            return "工作簿解压后超过 \(limit) MB，请删除不需要的工作表、图片后重新上传，或分成几个文件导入"
        case .tooManyRows(let limit):
            return "工作表超过 \(limit) 行数据，请分成几个文件导入"
        case .tooManyCells(let limit):
            return "工作表超过 \(limit) 个单元格，请删除多余的列后重新上传"
        case .noWorksheet:
            return "工作簿中没有工作表"
        case .empty:
            return "第一个工作表是空的：第一行应为表头"
        }
    }

    public var description: String { message }
    public var errorDescription: String? { message }
}

/// Reads the first worksheet of an Office Open XML workbook (Excel 2007+, WPS, LibreOffice, openpyxl)
/// into text cells.
public enum XLSXReader {
    /// What one upload may cost: unpacked bytes (zip bombs stop here), data rows, cells of the resulting
    /// grid (rows × columns), and ZIP entries.
    public struct Limits: Sendable, Hashable {
        public var uncompressedBytes = 50 * 1024 * 1024
        public var rows = SheetTable.maxRows
        public var cells = 10_000_000
        public var entries = 10_000

        public init() {}

        var megabytes: Int { max(1, uncompressedBytes / (1024 * 1024)) }
    }

    /// The first visible worksheet (the tab a clerk sees first), found through workbook.xml and its
    /// relationships, never by assuming sheet1.xml. Shared, inline and formula strings, numbers (as Excel
    /// shows them, 15 significant digits), booleans (TRUE/FALSE) and dates (cells styled with a date
    /// format → `YYYY-MM-DD`, with ` HH:MM` when the format shows a time) come back as text; gaps between
    /// cells are empty strings; blank rows are left out and every row keeps its real row number.
    public static func firstSheet(_ bytes: [UInt8], limits: Limits = Limits()) throws(XLSXReadError) -> SheetTable {
        var package = try Package(bytes, limits: limits)
        let workbookPath = try package.officeDocumentPath()
        guard let workbookXML = try package.part(workbookPath) else { throw .missingPart(workbookPath) }
        let workbook = try Workbook(workbookXML, part: workbookPath)
        let relationships = try package.relationships(of: workbookPath)

        let candidates = workbook.sheets.filter { !$0.hidden } + workbook.sheets.filter(\.hidden)
        guard let sheet = candidates.first(where: { relationships[$0.relationshipID]?.type.hasSuffix("/worksheet") == true }),
              let sheetPath = relationships[sheet.relationshipID]?.target else { throw .noWorksheet }
        guard let sheetXML = try package.part(sheetPath) else { throw .missingPart(sheetPath) }

        var sharedStrings: [String] = []
        if let path = relationships.values.first(where: { $0.type.hasSuffix("/sharedStrings") })?.target,
           let xml = try package.part(path) {
            sharedStrings = try SharedStrings.parse(xml, part: path)
        }
        var formats = NumberFormats()
        if let path = relationships.values.first(where: { $0.type.hasSuffix("/styles") })?.target,
           let xml = try package.part(path) {
            formats = try NumberFormats(xml, part: path)
        }
        let rows = try Worksheet.parse(sheetXML, part: sheetPath, sharedStrings: sharedStrings, formats: formats,
                                       date1904: workbook.date1904, limits: limits)
        return try table(rows, limits: limits)
    }

    /// The grid, from sparse rows: as wide as the rightmost non-blank cell.
    static func table(_ rows: [Worksheet.Row], limits: Limits) throws(XLSXReadError) -> SheetTable {
        let nonBlank = rows.filter { row in row.cells.contains { !SheetTable.isBlank($0.value) } }
        guard !nonBlank.isEmpty else { throw .empty }
        guard nonBlank.count <= limits.rows + 1 else { throw .tooManyRows(limit: limits.rows) }
        let width = nonBlank.map { row in
            (row.cells.last { !SheetTable.isBlank($0.value) }?.column ?? -1) + 1
        }.max() ?? 0
        guard width * nonBlank.count <= limits.cells else { throw .tooManyCells(limit: limits.cells) }
        let records = nonBlank.map { row in
            var cells = [String](repeating: "", count: width)
            for cell in row.cells where cell.column < width { cells[cell.column] = cell.value }
            return (line: row.number, cells: cells)
        }
        return SheetTable.from(records: records, restoreDefusedFormulas: false)
    }

    // MARK: - Package

    /// The ZIP container with a budget on what may be unpacked from it.
    struct Package {
        let archive: ZipArchive
        /// Entries by part name, lower-cased without a leading slash (OPC part names ignore case).
        let entries: [String: ZipArchive.Entry]
        let limits: Limits
        var budget: Int

        init(_ bytes: [UInt8], limits: Limits = Limits()) throws(XLSXReadError) {
            if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { throw .legacyOrEncrypted }
            guard bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) else { throw .notZip }
            let archive: ZipArchive
            do {
                archive = try ZipArchive(bytes, maxEntries: limits.entries)
            } catch {
                switch error {
                case .notZip: throw .notZip
                case .tooLarge: throw .tooLarge(limitMB: limits.megabytes)
                case .corrupt(let reason), .unsupported(let reason): throw .malformed(part: "ZIP", detail: reason)
                }
            }
            var entries: [String: ZipArchive.Entry] = [:]
            for entry in archive.entries where !entry.isDirectory { entries[Self.key(entry.path)] = entry }
            guard !entries.isEmpty else { throw .notZip }
            self.archive = archive
            self.entries = entries
            self.limits = limits
            self.budget = limits.uncompressedBytes
        }

        static func key(_ path: String) -> String {
            String(path.drop(while: { $0 == "/" })).lowercased()
        }

        /// The part's bytes, nil when absent. Counts against the budget by bytes actually inflated, never
        /// more than the budget left, whatever sizes the archive claims.
        mutating func part(_ path: String) throws(XLSXReadError) -> [UInt8]? {
            guard let entry = entries[Self.key(path)] else { return nil }
            do {
                let bytes = try archive.contents(of: entry, limit: budget)
                budget -= bytes.count
                return bytes
            } catch {
                switch error {
                case .tooLarge: throw .tooLarge(limitMB: limits.megabytes)
                case .notZip, .corrupt, .unsupported: throw .malformed(part: path, detail: "无法解压（\(Self.reason(error))）")
                }
            }
        }

        static func reason(_ failure: ZipArchive.Failure) -> String {
            switch failure {
            case .notZip: return "不是 ZIP"
            case .tooLarge: return "过大"
            case .corrupt(let reason), .unsupported(let reason): return reason
            }
        }

        /// Where _rels/.rels points for the main document; xl/workbook.xml when it says nothing.
        mutating func officeDocumentPath() throws(XLSXReadError) -> String {
            let relationships = try self.relationships(of: "")
            return relationships.values.first { $0.type.hasSuffix("/officeDocument") }?.target ?? "xl/workbook.xml"
        }

        struct Relationship {
            let type: String
            /// Resolved to a part name relative to the package root.
            let target: String
        }

        /// The relationships of `source` ("" for the package itself), by Id; external targets left out.
        mutating func relationships(of source: String) throws(XLSXReadError) -> [String: Relationship] {
            let directory = source.split(separator: "/", omittingEmptySubsequences: true).dropLast().joined(separator: "/")
            let file = source.split(separator: "/").last.map(String.init) ?? ""
            let path = (directory.isEmpty ? "" : directory + "/") + "_rels/" + file + ".rels"
            guard let xml = try part(path) else {
                if source.isEmpty { return [:] }
                throw .missingPart(path)
            }
            var result: [String: Relationship] = [:]
            try scan(xml, part: path) { scanner, event throws(XMLScanner.Failure) in
                guard case .start(let element) = event, element.name == "Relationship",
                      element.attribute("TargetMode") != "External",
                      let id = element.attribute("Id"), let type = element.attribute("Type"),
                      let target = element.attribute("Target") else { return }
                result[id] = Relationship(type: type, target: Self.resolve(target, from: directory))
            }
            return result
        }

        /// `target` relative to `directory`, with `..` and `.` folded; absolute targets start at the root.
        static func resolve(_ target: String, from directory: String) -> String {
            var parts = target.hasPrefix("/") ? [] : directory.split(separator: "/").map(String.init)
            for segment in target.split(separator: "/") {
                switch segment {
                case ".": continue
                case "..": _ = parts.popLast()
                default: parts.append(String(segment))
                }
            }
            return parts.joined(separator: "/")
        }
    }

    // MARK: - XML parts

    /// Runs `handle` over every event of `xml`, turning scanner failures into `malformed`.
    static func scan(_ xml: [UInt8], part: String,
                     _ handle: (inout XMLScanner, XMLScanner.Event) throws(XMLScanner.Failure) -> Void) throws(XLSXReadError) {
        var scanner = XMLScanner(xml)
        do throws(XMLScanner.Failure) {
            while let event = try scanner.next() { try handle(&scanner, event) }
        } catch {
            throw .malformed(part: part, detail: "第 \(error.line) 行：\(error.reason)")
        }
    }

    struct Workbook {
        struct Sheet {
            let relationshipID: String
            let hidden: Bool
        }

        var sheets: [Sheet] = []
        var date1904 = false

        init(_ xml: [UInt8], part: String) throws(XLSXReadError) {
            var sheets: [Sheet] = []
            var date1904 = false
            try XLSXReader.scan(xml, part: part) { _, event throws(XMLScanner.Failure) in
                guard case .start(let element) = event else { return }
                switch element.name {
                case "sheet":
                    guard let id = element.attribute("id") else { return }
                    let state = element.attribute("state") ?? "visible"
                    sheets.append(Sheet(relationshipID: id, hidden: state != "visible"))
                case "workbookPr":
                    let value = element.attribute("date1904")
                    date1904 = value == "1" || value == "true"
                default:
                    return
                }
            }
            self.sheets = sheets
            self.date1904 = date1904
        }
    }

    enum SharedStrings {
        /// Each `<si>`: its `<t>`, or its rich-text runs `<r><t>` joined; phonetic guides `<rPh>` left out.
        static func parse(_ xml: [UInt8], part: String) throws(XLSXReadError) -> [String] {
            var strings: [String] = []
            var current = ""
            var inItem = false
            try XLSXReader.scan(xml, part: part) { scanner, event throws(XMLScanner.Failure) in
                switch event {
                case .start(let element):
                    switch element.name {
                    case "si":
                        inItem = true
                        current = ""
                    case "rPh", "phoneticPr":
                        try scanner.skipElement()
                    case "t" where inItem:
                        scanner.wantsText = true
                    default:
                        break
                    }
                case .text(let text):
                    current += text
                case .end(let name):
                    if name == "t" { scanner.wantsText = false }
                    if name == "si" {
                        strings.append(XMLText.unescapeUnderscoreHex(current))
                        inItem = false
                    }
                }
            }
            return strings
        }
    }

    // MARK: - Number formats

    enum FormatKind: Sendable, Hashable {
        case general, date, dateTime, time
    }

    /// The kind of number format each cell style (`s`, an index into cellXfs) applies.
    struct NumberFormats {
        var styleKinds: [FormatKind] = []

        init() {}

        init(_ xml: [UInt8], part: String) throws(XLSXReadError) {
            var customCodes: [Int: String] = [:]
            var styleFormatIDs: [Int] = []
            var inCellXfs = false
            try XLSXReader.scan(xml, part: part) { _, event throws(XMLScanner.Failure) in
                switch event {
                case .start(let element):
                    switch element.name {
                    case "numFmt":
                        if let id = element.attribute("numFmtId").flatMap({ Int($0) }), let code = element.attribute("formatCode") {
                            customCodes[id] = code
                        }
                    case "cellXfs":
                        inCellXfs = true
                    case "xf" where inCellXfs:
                        styleFormatIDs.append(element.attribute("numFmtId").flatMap { Int($0) } ?? 0)
                    default:
                        break
                    }
                case .end(let name):
                    if name == "cellXfs" { inCellXfs = false }
                case .text:
                    break
                }
            }
            styleKinds = styleFormatIDs.map { id in
                if let code = customCodes[id] { return Self.kind(ofCode: code) }
                return Self.builtInKind(id)
            }
        }

        func kind(style: Int) -> FormatKind {
            style >= 0 && style < styleKinds.count ? styleKinds[style] : .general
        }

        /// Built-in formats (ECMA-376 Part 1, §18.8.30), with 27–36 and 50–58 as the zh-CN locale defines
        /// them (e.g. 31 = yyyy"年"m"月"d"日", 32 = h"时"mm"分").
        static func builtInKind(_ id: Int) -> FormatKind {
            switch id {
            case 14...17, 27...31, 36, 50...54, 57, 58: return .date
            case 22: return .dateTime
            case 18...21, 32...35, 45...47, 55, 56: return .time
            default: return .general
            }
        }

        /// A custom format code is a date when, outside quoted literals, escapes and [brackets], it has
        /// y or d, or m without h or s (with h or s, m means minutes); a time when it has h or s.
        static func kind(ofCode code: String) -> FormatKind {
            var letters: [Character] = []
            var iterator = code.lowercased().makeIterator()
            var elapsed = false
            while let character = iterator.next() {
                switch character {
                case "\"":
                    while let next = iterator.next(), next != "\"" {}
                case "\\", "_", "*":
                    _ = iterator.next()
                case "[":
                    var inside = ""
                    while let next = iterator.next(), next != "]" { inside.append(next) }
                    if ["h", "hh", "m", "mm", "s", "ss"].contains(inside) { elapsed = true }
                case ";":
                    // Only the first section (positive numbers) decides how a value is shown.
                    return kind(letters: letters, elapsed: elapsed)
                default:
                    letters.append(character)
                }
            }
            return kind(letters: letters, elapsed: elapsed)
        }

        private static func kind(letters: [Character], elapsed: Bool) -> FormatKind {
            var text = String(letters)
            if text == "general" { return .general }
            text = text.replacingOccurrences(of: "am/pm", with: "").replacingOccurrences(of: "a/p", with: "")
            let hasTime = elapsed || text.contains("h") || text.contains("s")
            let hasDate = text.contains("y") || text.contains("d") || (text.contains("m") && !hasTime)
            switch (hasDate, hasTime) {
            case (true, true): return .dateTime
            case (true, false): return .date
            case (false, true): return .time
            case (false, false): return .general
            }
        }
    }

    // MARK: - Worksheet

    enum Worksheet {
        struct Cell {
            let column: Int
            let value: String
        }

        struct Row {
            let number: Int
            var cells: [Cell]
        }

        static func parse(_ xml: [UInt8], part: String, sharedStrings: [String], formats: NumberFormats,
                          date1904: Bool, limits: Limits) throws(XLSXReadError) -> [Row] {
            var rows: [Row] = []
            var current: Row? = nil
            var cellColumn = -1
            var cellType = "n"
            var cellStyle = 0
            var value = ""
            var inline = ""
            var inInline = false
            var cellCount = 0
            var lastRowNumber = 0
            var lastColumn = -1
            var problem: XLSXReadError? = nil

            do throws(XMLScanner.Failure) {
                var scanner = XMLScanner(xml)
                events: while let event = try scanner.next() {
                    switch event {
                    case .start(let element):
                        switch element.name {
                        case "row":
                            // Without r, a row follows the previous row element, blank or not.
                            var number = element.attribute("r").flatMap { Int($0) } ?? lastRowNumber + 1
                            if number < 1 || number > XLSXWriter.maxRows { number = lastRowNumber + 1 }
                            lastRowNumber = number
                            lastColumn = -1
                            current = Row(number: number, cells: [])
                            guard rows.count <= limits.rows + 1 else {
                                problem = .tooManyRows(limit: limits.rows)
                                break events
                            }
                        case "c":
                            // Without r, a cell follows the previous cell element, empty or not.
                            if let reference = element.attribute("r"), let parsed = CellReference.parse(Array(reference.utf8)) {
                                cellColumn = parsed.column
                            } else {
                                cellColumn = lastColumn + 1
                            }
                            lastColumn = cellColumn
                            cellType = element.attribute("t") ?? "n"
                            cellStyle = element.attribute("s").flatMap { Int($0) } ?? 0
                            value = ""
                            inline = ""
                        case "v":
                            scanner.wantsText = true
                        case "is":
                            inInline = true
                        case "t" where inInline:
                            scanner.wantsText = true
                        case "rPh", "phoneticPr", "f", "extLst":
                            try scanner.skipElement()
                        default:
                            break
                        }
                    case .text(let text):
                        if inInline { inline += text } else { value += text }
                    case .end(let name):
                        switch name {
                        case "v", "t":
                            scanner.wantsText = false
                        case "is":
                            inInline = false
                        case "c":
                            cellCount += 1
                            guard cellCount <= limits.cells else {
                                problem = .tooManyCells(limit: limits.cells)
                                break events
                            }
                            let text: String
                            do throws(XLSXReadError) {
                                text = try cellText(type: cellType, value: value, inline: inline,
                                                    kind: formats.kind(style: cellStyle), sharedStrings: sharedStrings,
                                                    date1904: date1904, part: part)
                            } catch {
                                problem = error
                                break events
                            }
                            guard !text.isEmpty, cellColumn >= 0 else { break }
                            if current == nil {
                                lastRowNumber += 1
                                current = Row(number: lastRowNumber, cells: [])
                            }
                            current?.cells.append(Cell(column: cellColumn, value: text))
                        case "row":
                            if var row = current, !row.cells.isEmpty {
                                // Cells out of order are legal but rare; the last one written for a column wins.
                                if zip(row.cells, row.cells.dropFirst()).contains(where: { $0.column >= $1.column }) {
                                    var byColumn: [Int: String] = [:]
                                    for cell in row.cells { byColumn[cell.column] = cell.value }
                                    row.cells = byColumn.keys.sorted().map { Cell(column: $0, value: byColumn[$0]!) }
                                }
                                rows.append(row)
                            }
                            current = nil
                        default:
                            break
                        }
                    }
                }
            } catch {
                throw .malformed(part: part, detail: "第 \(error.line) 行：\(error.reason)")
            }
            if let problem { throw problem }
            return rows
        }

        static func cellText(type: String, value: String, inline: String, kind: FormatKind, sharedStrings: [String],
                             date1904: Bool, part: String) throws(XLSXReadError) -> String {
            switch type {
            case "s":
                guard let index = Int(value.trimmingCharacters(in: .whitespaces)), index >= 0, index < sharedStrings.count else {
                    throw .malformed(part: part, detail: "共享字符串编号 \(value) 不存在")
                }
                return sharedStrings[index]
            case "inlineStr":
                return XMLText.unescapeUnderscoreHex(inline.isEmpty ? value : inline)
            case "str":
                return XMLText.unescapeUnderscoreHex(value)
            case "b":
                return value.isEmpty ? "" : (value.trimmingCharacters(in: .whitespaces) == "1" ? "TRUE" : "FALSE")
            case "e":
                return value
            case "d":
                // ISO 8601 date cells (strict OOXML, some generators).
                let trimmed = value.trimmingCharacters(in: .whitespaces)
                if trimmed.count >= 10, let date = LocalDate(iso: String(trimmed.prefix(10))) {
                    let time = trimmed.dropFirst(10).drop { $0 == "T" || $0 == " " }
                    if time.isEmpty || time.allSatisfy({ $0 == "0" || $0 == ":" || $0 == "." || $0 == "Z" }) {
                        return date.description
                    }
                }
                return trimmed
            default:
                let trimmed = SheetTable.trim(value)
                guard !trimmed.isEmpty else { return "" }
                if kind != .general, let number = Double(trimmed), let text = ExcelDate.text(number, kind: kind, date1904: date1904) {
                    return text
                }
                return Numbers.display(trimmed)
            }
        }
    }
}

extension ExcelDate {
    /// `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]` or `HH:MM[:SS]` for a serial shown with a format of `kind`;
    /// nil when the serial is outside Excel's date range.
    static func text(_ serial: Double, kind: XLSXReader.FormatKind, date1904: Bool) -> String? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        // Round to the second first, so 0.99999999 of a day becomes the next midnight, as Excel shows it.
        let totalSeconds = Int((serial * 86_400).rounded())
        let days = totalSeconds / 86_400
        let seconds = totalSeconds % 86_400
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        let clock = seconds % 60 == 0
            ? "\(two(seconds / 3600)):\(two(seconds / 60 % 60))"
            : "\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
        if kind == .time && days == 0 { return clock }
        guard let date = date(serial: days, date1904: date1904) else { return nil }
        if kind == .date || seconds == 0 { return date.description }
        return date.description + " " + clock
    }
}

/// Numbers as Excel shows them in a General cell: at most 15 significant digits, never an exponent.
enum Numbers {
    static func display(_ raw: String) -> String {
        if let plain = plainShortNumber(raw) { return plain }
        guard let double = Double(raw), double.isFinite else { return raw }
        let digits = raw.prefix { $0 != "e" && $0 != "E" }.filter(\.isNumber).drop { $0 == "0" }
        let source: String
        if digits.count <= 15 && !raw.contains(where: { $0 == "e" || $0 == "E" }) {
            source = raw
        } else {
            source = String(format: "%.15g", double)
        }
        guard let decimal = Decimal(string: source, locale: Locale(identifier: "en_US_POSIX")) else { return raw }
        return XLSXWriter.plain(decimal)
    }

    /// The common case without Foundation: `-?digits(.digits)?` with at most 15 digits, trailing fraction
    /// zeros dropped ("1200.50" → "1200.5", "3.0" → "3"); nil for anything else.
    static func plainShortNumber(_ raw: String) -> String? {
        let bytes = Array(raw.utf8)
        var index = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        var digits = 0, leadingZeros = true, significant = 0
        var dot: Int? = nil
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "."), dot == nil {
                dot = index
            } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                digits += 1
                if byte != UInt8(ascii: "0") { leadingZeros = false }
                if !leadingZeros { significant += 1 }
            } else {
                return nil
            }
            index += 1
        }
        guard digits > 0, significant <= 15 else { return nil }
        var end = bytes.count
        if let dot {
            guard dot > (bytes.first == UInt8(ascii: "-") ? 1 : 0) else { return nil }  // ".5": let Decimal decide
            while end > dot + 1 && bytes[end - 1] == UInt8(ascii: "0") { end -= 1 }
            if end == dot + 1 { end = dot }
        }
        // No leading zeros on the integer part except a lone 0 ("007" is not how Excel writes numbers).
        let start = bytes.first == UInt8(ascii: "-") ? 1 : 0
        let integerEnd = dot ?? bytes.count
        if integerEnd - start > 1 && bytes[start] == UInt8(ascii: "0") { return nil }
        var text = String(decoding: bytes[0..<end], as: UTF8.self)
        if text == "-0" { text = "0" }
        return text
    }
}
