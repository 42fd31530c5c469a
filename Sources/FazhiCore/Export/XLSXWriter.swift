import Foundation
import ZIPFoundation

/// One cell of an exported sheet.
public enum XLSXCell: Sendable, Hashable {
    case text(String)
    case number(Decimal)
    case integer(Int)
    case date(LocalDate)
    case empty
}

/// One worksheet: a header row (bold, frozen, with an autofilter) and data rows.
public struct XLSXSheet: Sendable, Hashable {
    public var name: String
    public var header: [String]
    public var rows: [[XLSXCell]]
    /// Widths in Excel character units per column; nil (or missing entries) are estimated from content.
    public var columnWidths: [Double]?

    public init(name: String, header: [String], rows: [[XLSXCell]], columnWidths: [Double]? = nil) {
        self.name = name
        self.header = header
        self.rows = rows
        self.columnWidths = columnWidths
    }
}

public enum XLSXWriteError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    case noSheets
    /// More rows or columns than Excel can show (1,048,576 × 16,384).
    case tooLarge(sheet: String)
    /// The ZIP library failed (out of memory or disk).
    case packaging(String)

    public var message: String {
        switch self {
        case .noSheets: return "导出失败：没有任何工作表"
        case .tooLarge(let sheet): return "导出失败：工作表“\(sheet)”超过 Excel 的行数或列数上限"
        case .packaging(let detail): return "导出失败：无法生成 XLSX 文件（\(detail)）"
        }
    }

    public var description: String { message }
    public var errorDescription: String? { message }
}

/// Writes an Office Open XML workbook (ECMA-376 SpreadsheetML, transitional): the smallest set of parts
/// Excel, WPS and LibreOffice open without a repair prompt. Strings are inline, so there is no
/// sharedStrings part to keep in step.
public enum XLSXWriter {
    static let maxRows = 1_048_576
    static let maxColumns = 16_384
    /// Excel refuses longer cell text (Excel specifications and limits).
    static let maxCellText = 32_767
    static let truncationMark = "…（已截断）"

    /// Style indexes into cellXfs of styles.xml (`append` writes the date and number styles' 2 and 4 literally).
    enum Style: Int {
        case plain = 0, header = 1, date = 2, wrapped = 3, top = 4
    }

    public static func write(sheets: [XLSXSheet]) throws(XLSXWriteError) -> [UInt8] {
        guard !sheets.isEmpty else { throw .noSheets }
        let names = sheetNames(sheets.map(\.name))
        var parts: [(path: String, xml: String)] = [
            ("[Content_Types].xml", contentTypes(sheetCount: sheets.count)),
            ("_rels/.rels", rootRelationships),
            ("xl/workbook.xml", workbook(names: names, sheets: sheets)),
            ("xl/_rels/workbook.xml.rels", workbookRelationships(sheetCount: sheets.count)),
            ("xl/styles.xml", styles),
        ]
        for (index, sheet) in sheets.enumerated() {
            guard sheet.rows.count < maxRows, sheet.header.count <= maxColumns,
                  sheet.rows.allSatisfy({ $0.count <= maxColumns }) else { throw .tooLarge(sheet: names[index]) }
            parts.append(("xl/worksheets/sheet\(index + 1).xml", worksheet(sheet)))
        }
        return try package(parts)
    }

    // MARK: - Package

    static func package(_ parts: [(path: String, xml: String)]) throws(XLSXWriteError) -> [UInt8] {
        do { return [UInt8](try OOXMLPackage.zip(parts)) } catch { throw .packaging(error.reason) }
    }

    static let xmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    static func contentTypes(sheetCount: Int) -> String {
        var xml = xmlDeclaration
        xml += "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        xml += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        xml += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        xml += "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        xml += "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        for index in 1...sheetCount {
            xml += "<Override PartName=\"/xl/worksheets/sheet\(index).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        return xml + "</Types>"
    }

    static let rootRelationships = xmlDeclaration
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
        + "</Relationships>"

    static func workbookRelationships(sheetCount: Int) -> String {
        var xml = xmlDeclaration + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for index in 1...sheetCount {
            xml += "<Relationship Id=\"rId\(index)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(index).xml\"/>"
        }
        xml += "<Relationship Id=\"rId\(sheetCount + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
        return xml + "</Relationships>"
    }

    static func workbook(names: [String], sheets: [XLSXSheet]) -> String {
        var xml = xmlDeclaration
        xml += "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
        xml += "<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
        for (index, name) in names.enumerated() {
            xml += "<sheet name=\"\(XMLText.escape(name))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }
        xml += "</sheets>"
        // Excel keeps an autofilter's range in this hidden name; without it some versions drop the filter.
        var defined = ""
        for (index, sheet) in sheets.enumerated() where !sheet.header.isEmpty {
            let quotedName = "'" + names[index].replacingOccurrences(of: "'", with: "''") + "'"
            let range = "$A$1:$\(CellReference.column(sheet.header.count - 1))$\(sheet.rows.count + 1)"
            defined += "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"\(index)\" hidden=\"1\">"
                + XMLText.escape(quotedName + "!" + range) + "</definedName>"
        }
        if !defined.isEmpty { xml += "<definedNames>" + defined + "</definedNames>" }
        return xml + "</workbook>"
    }

    /// Fonts: 0 body, 1 bold. Fills 0 and 1 are the two Excel requires; 2 is the header's light grey.
    /// cellXfs follow `Style`; every data cell is top-aligned so a wrapped title and its row's numbers line up. The font is 宋体, present on every Chinese Windows and WPS install.
    static let styles = xmlDeclaration
        + "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        + "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy\\-mm\\-dd\"/></numFmts>"
        + "<fonts count=\"2\">"
        + "<font><sz val=\"11\"/><name val=\"宋体\"/><family val=\"3\"/><charset val=\"134\"/></font>"
        + "<font><b/><sz val=\"11\"/><name val=\"宋体\"/><family val=\"3\"/><charset val=\"134\"/></font>"
        + "</fonts>"
        + "<fills count=\"3\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>"
        + "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFE7E6E6\"/><bgColor indexed=\"64\"/></patternFill></fill></fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"5\">"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\" applyAlignment=\"1\"><alignment horizontal=\"center\" vertical=\"center\" wrapText=\"1\"/></xf>"
        + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyAlignment=\"1\"><alignment vertical=\"top\"/></xf>"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/></xf>"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\"><alignment vertical=\"top\"/></xf>"
        + "</cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        + "</styleSheet>"

    // MARK: - Worksheet

    static func worksheet(_ sheet: XLSXSheet) -> String {
        let columnCount = max(sheet.header.count, sheet.rows.map(\.count).max() ?? 0)
        let lastRow = sheet.rows.count + 1
        var xml = xmlDeclaration
        xml += "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
        let lastCell = columnCount == 0 ? "A1" : "\(CellReference.column(columnCount - 1))\(lastRow)"
        xml += "<dimension ref=\"A1:\(lastCell)\"/>"
        if sheet.header.isEmpty {
            xml += "<sheetViews><sheetView workbookViewId=\"0\"/></sheetViews>"
        } else {
            // Frozen first row: the header stays in view while scrolling a long register.
            xml += "<sheetViews><sheetView workbookViewId=\"0\">"
                + "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
                + "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews>"
        }
        xml += "<sheetFormatPr defaultRowHeight=\"15\"/>"
        let widths = columnWidths(sheet, columnCount: columnCount)
        if columnCount > 0 {
            xml += "<cols>"
            for (index, width) in widths.enumerated() {
                xml += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(format(width))\" customWidth=\"1\"/>"
            }
            xml += "</cols>"
        }
        xml += "<sheetData>"
        let letters = (0..<columnCount).map(CellReference.column)
        if !sheet.header.isEmpty {
            xml += "<row r=\"1\">"
            for (column, title) in sheet.header.enumerated() {
                appendText(title, reference: letters[column] + "1", style: .header, to: &xml)
            }
            xml += "</row>"
        }
        for (index, row) in sheet.rows.enumerated() {
            let rowNumber = String(index + 2)
            let lines = lineCount(row, widths: widths)
            // Not every reader fits wrapped rows on opening (LibreOffice does not), so taller rows say so.
            xml += lines > 1 ? "<row r=\"" + rowNumber + "\" ht=\"" + String(lines * 15) + "\" customHeight=\"1\">"
                : "<row r=\"" + rowNumber + "\">"
            for (column, cell) in row.enumerated() {
                append(cell, reference: letters[column] + rowNumber, to: &xml)
            }
            xml += "</row>"
        }
        xml += "</sheetData>"
        if !sheet.header.isEmpty {
            xml += "<autoFilter ref=\"A1:\(CellReference.column(sheet.header.count - 1))\(lastRow)\"/>"
        }
        xml += "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
        return xml + "</worksheet>"
    }

    static func cell(_ cell: XLSXCell, reference: String) -> String {
        var xml = ""
        append(cell, reference: reference, to: &xml)
        return xml
    }

    /// Appends one `<c>` element (nothing for an empty cell); appending, rather than returning strings,
    /// keeps a 50,000-row export from building millions of temporaries.
    static func append(_ cell: XLSXCell, reference: String, to xml: inout String) {
        switch cell {
        case .empty:
            return
        case .text(let text):
            appendText(text, reference: reference, style: .wrapped, to: &xml)
        case .integer(let value):
            // Excel keeps 15 significant digits; a longer integer is written as text so no digit is lost.
            guard value.magnitude < 1_000_000_000_000_000 else {
                return appendText(String(value), reference: reference, style: .top, to: &xml)
            }
            xml += "<c r=\"" + reference + "\" s=\"4\"><v>" + String(value) + "</v></c>"
        case .number(let value):
            guard !value.isNaN else { return }
            let text = plain(value)
            guard significantDigits(text) <= 15 else { return appendText(text, reference: reference, style: .top, to: &xml) }
            xml += "<c r=\"" + reference + "\" s=\"4\"><v>" + text + "</v></c>"
        case .date(let date):
            guard let serial = ExcelDate.serial(date) else {
                return appendText(date.description, reference: reference, style: .top, to: &xml)
            }
            xml += "<c r=\"" + reference + "\" s=\"2\"><v>" + String(serial) + "</v></c>"
        }
    }

    static func textCell(_ raw: String, reference: String, style: Style) -> String {
        var xml = ""
        appendText(raw, reference: reference, style: style, to: &xml)
        return xml
    }

    static func appendText(_ raw: String, reference: String, style: Style, to xml: inout String) {
        var text = XMLText.cleaned(raw)
        // utf16.count walks the string; utf8.count is stored and never smaller.
        if text.utf8.count > maxCellText && text.utf16.count > maxCellText {
            let keep = maxCellText - truncationMark.utf16.count
            var cut = String.UnicodeScalarView()
            var units = 0
            for scalar in text.unicodeScalars {
                units += scalar.utf16.count
                if units > keep { break }
                cut.append(scalar)
            }
            text = String(cut) + truncationMark
        }
        let scalars = text.unicodeScalars
        let preserve = scalars.first?.properties.isWhitespace == true || scalars.last?.properties.isWhitespace == true
        xml += "<c r=\"" + reference + "\""
        if style != .plain { xml += " s=\"" + String(style.rawValue) + "\"" }
        xml += preserve ? " t=\"inlineStr\"><is><t xml:space=\"preserve\">" : " t=\"inlineStr\"><is><t>"
        xml += XMLText.escape(XMLText.escapeUnderscoreHex(text))
        xml += "</t></is></c>"
    }

    /// Decimal as plain digits (no exponent), the form `<v>` takes and Excel reads exactly.
    static func plain(_ value: Decimal) -> String {
        var text = value.description
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { text.removeFirst() }
        return text
    }

    static func significantDigits(_ text: String) -> Int {
        let digits = text.filter(\.isASCII).filter { $0 >= "0" && $0 <= "9" }
        let trimmed = digits.drop(while: { $0 == "0" })
        return text.contains(".") ? trimmed.count : trimmed.reversed().drop(while: { $0 == "0" }).count
    }

    static func format(_ width: Double) -> String {
        String((width * 100).rounded() / 100)
    }

    // MARK: - Column widths

    /// Explicit widths where given, else from the longest line in each column: CJK and full-width
    /// characters take about two units in Excel's default font, others one; clamped to 6…50 so a long
    /// title wraps instead of running off the screen.
    static func columnWidths(_ sheet: XLSXSheet, columnCount: Int) -> [Double] {
        var units = [Int](repeating: 0, count: columnCount)
        for (column, title) in sheet.header.enumerated() {
            units[column] = max(units[column], displayWidth(title) + 2)  // room for the filter button
        }
        for row in sheet.rows {
            for (column, cell) in row.enumerated() {
                let width: Int
                switch cell {
                case .text(let text): width = displayWidth(text)
                case .integer(let value): width = String(value).count
                case .number(let value): width = plain(value).count
                case .date: width = 10
                case .empty: width = 0
                }
                units[column] = max(units[column], width)
            }
        }
        return (0..<columnCount).map { column in
            if let given = sheet.columnWidths, column < given.count, given[column].isFinite, given[column] > 0 {
                return min(given[column], 255)
            }
            return Double(min(max(units[column] + 2, 6), 50))
        }
    }

    /// Lines the tallest text cell of `row` wraps to at the given column widths (at most 27: Excel's
    /// 409-point row limit).
    static func lineCount(_ row: [XLSXCell], widths: [Double]) -> Int {
        var most = 1
        for (column, cell) in row.enumerated() {
            guard case .text(let text) = cell, column < widths.count else { continue }
            let room = max(1, Int(widths[column]) - 1)
            var lines = 0
            for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
                lines += max(1, (displayWidth(String(line)) + room - 1) / room)
            }
            most = max(most, lines)
        }
        return min(most, 27)
    }

    /// Width in Excel character units of the longest line of `text`.
    static func displayWidth(_ text: String) -> Int {
        var widest = 0, current = 0
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" {
                widest = max(widest, current)
                current = 0
            } else {
                current += isWide(scalar) ? 2 : 1
            }
        }
        return max(widest, current)
    }

    /// East Asian Wide and Fullwidth blocks (UAX #11), enough for Chinese text and punctuation.
    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    // MARK: - Sheet names

    /// Names Excel accepts: no [ ] : * ? / \, not empty, not starting or ending with an apostrophe, at
    /// most 31 characters, not "History" (reserved), and unique ignoring case.
    static func sheetNames(_ wanted: [String]) -> [String] {
        var used = Set<String>()
        var names: [String] = []
        for (index, raw) in wanted.enumerated() {
            var name = String(String.UnicodeScalarView(XMLText.cleaned(raw).unicodeScalars.map {
                "[]:*?/\\\r\n\t".unicodeScalars.contains($0) ? "_" : $0
            }))
            name = name.trimmingCharacters(in: CharacterSet(charactersIn: "'").union(.whitespaces))
            if name.isEmpty || name.lowercased() == "history" { name = name.isEmpty ? "Sheet\(index + 1)" : name + "_" }
            name = truncated(name, to: 31)
            var candidate = name
            var counter = 2
            while used.contains(candidate.lowercased()) {
                let suffix = "(\(counter))"
                candidate = truncated(name, to: 31 - suffix.utf16.count) + suffix
                counter += 1
            }
            used.insert(candidate.lowercased())
            names.append(candidate)
        }
        return names
    }

    static func truncated(_ text: String, to units: Int) -> String {
        var result = ""
        for character in text {
            guard result.utf16.count + character.utf16.count <= units else { break }
            result.append(character)
        }
        return result
    }
}

/// A1-style references.
enum CellReference {
    /// 0 → A, 25 → Z, 26 → AA.
    static func column(_ index: Int) -> String {
        var number = index + 1
        var letters: [Character] = []
        while number > 0 {
            let remainder = (number - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + remainder))))
            number = (number - 1) / 26
        }
        return String(letters.reversed())
    }

    static func name(column: Int, row: Int) -> String {
        self.column(column) + String(row)
    }

    /// "C5" → (column 2, row 5); nil when not a reference within Excel's grid.
    static func parse<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> (column: Int, row: Int)? {
        var column = 0, row = 0
        var index = bytes.startIndex
        var letters = 0
        while index < bytes.endIndex, case let byte = bytes[index], (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) {
            column = column * 26 + Int((byte & 0xDF) - 64)
            letters += 1
            guard letters <= 3 else { return nil }
            index = bytes.index(after: index)
        }
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "$") { index = bytes.index(after: index) }
        var digits = 0
        while index < bytes.endIndex, case let byte = bytes[index], byte >= 48 && byte <= 57 {
            row = row * 10 + Int(byte - 48)
            digits += 1
            guard digits <= 7 else { return nil }
            index = bytes.index(after: index)
        }
        guard index == bytes.endIndex, letters > 0, column <= XLSXWriter.maxColumns, row <= XLSXWriter.maxRows else { return nil }
        return (column - 1, digits == 0 ? 0 : row)
    }
}

/// Excel's date serial numbers (1900 date system, with its fictitious 1900-02-29 at serial 60).
enum ExcelDate {
    static let base1900 = LocalDate(year: 1899, month: 12, day: 30)!.dayNumber
    static let base1904 = LocalDate(year: 1904, month: 1, day: 1)!.dayNumber
    static let march1900 = LocalDate(year: 1900, month: 3, day: 1)!.dayNumber

    /// Serial for `date`, nil before 1900-01-01 (Excel cannot show it as a date).
    static func serial(_ date: LocalDate) -> Int? {
        let day = date.dayNumber
        if day >= march1900 { return day - base1900 }
        let serial = day - base1900 - 1  // before the phantom 1900-02-29
        return serial >= 1 ? serial : nil
    }

    /// The date of a whole serial, nil outside Excel's range or at the phantom 1900-02-29.
    static func date(serial: Int, date1904: Bool) -> LocalDate? {
        guard serial >= (date1904 ? 0 : 1), serial <= 2_958_465 else { return nil }  // … 9999-12-31
        if date1904 { return LocalDate(dayNumber: base1904 + serial) }
        if serial == 60 { return nil }
        return LocalDate(dayNumber: base1900 + serial + (serial < 60 ? 1 : 0))
    }
}
