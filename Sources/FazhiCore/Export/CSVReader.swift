import Foundation

/// Why an uploaded CSV could not be read. Messages are Chinese: they are shown to the clerk as they are.
public enum CSVReadError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// A field opened with `"` on this line never closes.
    case unterminatedQuote(line: Int)
    /// Neither UTF-8, UTF-16 (with BOM) nor GB18030.
    case undecodable
    /// No non-blank line at all.
    case empty
    /// More data rows than `SheetTable.maxRows`.
    case tooManyRows(limit: Int)

    public var message: String {
        switch self {
        case .unterminatedQuote(let line):
            return "第 \(line) 行有以英文双引号开头的内容，直到文件末尾都没有对应的结束引号，请检查该行的引号"
        case .undecodable:
            return "无法识别文件的文字编码：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”或“CSV（逗号分隔）”后重新上传"
        case .empty:
            return "文件是空的：第一行应为表头"
        case .tooManyRows(let limit):
            return "文件超过 \(limit) 行数据，请分成几个文件导入"
        }
    }

    public var description: String { message }
    public var errorDescription: String? { message }
}

/// Reads CSV as RFC 4180 describes it, and as Excel writes it.
public enum CSVReader {
    /// Records of `text`: fields split on commas (or tabs, see below), CRLF, LF or a lone CR ending a
    /// record, `"…"` quoting with `""` for a quote and line breaks allowed inside. A trailing line end adds
    /// no empty record; blank lines are skipped. A file whose first line has tabs and no commas (outside
    /// quotes) is read as tab-separated (Excel's "Unicode text" export). Fields are not trimmed here.
    public static func parse(_ text: String) throws(CSVReadError) -> [[String]] {
        try records(text).map(\.cells)
    }

    /// Decodes (`TextDecoding`) and parses an uploaded file into header and data rows, with the line
    /// number of each row. Cells are trimmed of surrounding whitespace; rows with only blank cells are
    /// dropped; an apostrophe our CSV writer put before = + - @ is taken off again.
    public static func table(_ bytes: [UInt8]) throws(CSVReadError) -> SheetTable {
        guard let decoded = TextDecoding.decode(bytes) else { throw .undecodable }
        let table = SheetTable.from(records: try records(decoded.text), restoreDefusedFormulas: true)
        guard !table.header.isEmpty else { throw .empty }
        return table
    }

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    /// The records with the 1-based line each starts on.
    static func records(_ text: String) throws(CSVReadError) -> [(line: Int, cells: [String])] {
        var scalars = Substring(text).unicodeScalars
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        let delimiter = detectDelimiter(scalars)
        let quote: Unicode.Scalar = "\""

        var records: [(line: Int, cells: [String])] = []
        var cells: [String] = []
        var field = String.UnicodeScalarView()
        var state = State.fieldStart
        var line = 1
        var recordLine = 1
        var quoteLine = 1
        var previousWasCR = false

        func endField() {
            cells.append(String(field))
            field = String.UnicodeScalarView()
        }
        func endRecord() throws(CSVReadError) {
            let blank = cells.count == 1 && cells[0].allSatisfy(\.isWhitespace)
            if !blank {
                // Header plus maxRows data rows (",,," rows count too: they are dropped only later).
                guard records.count <= SheetTable.maxRows else { throw .tooManyRows(limit: SheetTable.maxRows) }
                records.append((recordLine, cells))
            }
            cells = []
            recordLine = line
        }

        for scalar in scalars {
            let isLF = scalar == "\n", isCR = scalar == "\r"
            if isLF && previousWasCR {
                // Second half of CRLF: the line was counted (and the record ended) at the CR.
                previousWasCR = false
                if state == .quoted { field.append(scalar) }
                if state == .fieldStart && cells.isEmpty { recordLine = line }
                continue
            }
            previousWasCR = isCR
            if isCR || isLF { line += 1 }
            switch state {
            case .quoted:
                if scalar == quote { state = .quoteInQuoted } else { field.append(scalar) }
            case .quoteInQuoted:
                if scalar == quote {
                    field.append(quote)
                    state = .quoted
                } else if scalar == delimiter {
                    endField()
                    state = .fieldStart
                } else if isCR || isLF {
                    endField()
                    try endRecord()
                    state = .fieldStart
                } else {
                    // `"abc"def`: not RFC 4180, but Excel reads it as abcdef, and so do we.
                    field.append(scalar)
                    state = .unquoted
                }
            case .fieldStart, .unquoted:
                if scalar == delimiter {
                    endField()
                    state = .fieldStart
                } else if isCR || isLF {
                    endField()
                    try endRecord()
                    state = .fieldStart
                } else if scalar == quote && state == .fieldStart {
                    quoteLine = line
                    state = .quoted
                } else {
                    field.append(scalar)
                    state = .unquoted
                }
            }
        }
        switch state {
        case .quoted:
            throw .unterminatedQuote(line: quoteLine)
        case .fieldStart where cells.isEmpty:
            break  // the file ended with a line end
        default:
            endField()
            try endRecord()
        }
        return records
    }

    /// Tab when the first record has a tab and no comma outside quotes, else comma.
    static func detectDelimiter(_ scalars: Substring.UnicodeScalarView) -> Unicode.Scalar {
        var sawTab = false
        var inQuotes = false
        for scalar in scalars {
            if scalar == "\"" { inQuotes.toggle(); continue }
            guard !inQuotes else { continue }
            switch scalar {
            case "\r", "\n": return sawTab ? "\t" : ","
            case ",": return ","
            case "\t": sawTab = true
            default: continue
            }
        }
        return sawTab ? "\t" : ","
    }
}
