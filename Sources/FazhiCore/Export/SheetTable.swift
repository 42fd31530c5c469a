import Foundation

/// An uploaded sheet (CSV or the first XLSX worksheet) as text cells, ready for whole-file validation
/// (docs/ARCHITECTURE.md "Import/export": an import names each bad row and column).
public struct SheetTable: Sendable, Hashable {
    /// The first non-blank row, each cell trimmed.
    public let header: [String]
    /// The data rows below the header, blank rows left out. CSV rows keep their own length (so a validator
    /// can report a row with too many or too few fields); XLSX rows all have the sheet's width.
    public let rows: [[String]]
    /// For each data row, its 1-based line (CSV, the line the record starts on) or row (XLSX) number in
    /// the file, for messages like 第 12 行「文号」列.
    public let rowNumbers: [Int]

    /// The most data rows an import accepts: well above a county register, well below a memory problem.
    public static let maxRows = 200_000

    public init(header: [String], rows: [[String]], rowNumbers: [Int]) {
        precondition(rows.count == rowNumbers.count, "one row number per row")
        self.header = header
        self.rows = rows
        self.rowNumbers = rowNumbers
    }

    /// The index of the first header cell equal to `name` (after trimming), nil when absent.
    public func columnIndex(_ name: String) -> Int? {
        let wanted = name.trimmingCharacters(in: .whitespacesAndNewlines)
        return header.firstIndex(of: wanted)
    }

    /// The cell at data row `row`, column `column`, "" when the row is shorter.
    public subscript(row row: Int, column column: Int) -> String {
        let cells = rows[row]
        return column < cells.count ? cells[column] : ""
    }

    /// `第 12 行「文号」列`: where a problem sits, in the words an import report uses.
    public func location(row: Int, column: Int) -> String {
        let name = column < header.count && !header[column].isEmpty ? header[column] : "第 \(column + 1) "
        return "第 \(rowNumbers[row]) 行「\(name)」列"
    }

    /// Builds a table from raw records: the first record with any non-blank cell is the header; later
    /// records with only blank cells are dropped (Excel writes ",,," for formatted empty rows).
    static func from(records: [(line: Int, cells: [String])], restoreDefusedFormulas: Bool) -> SheetTable {
        var header: [String]? = nil
        var rows: [[String]] = []
        var numbers: [Int] = []
        for record in records {
            let trimmed = record.cells.map(trim)
            guard trimmed.contains(where: { !$0.isEmpty }) else { continue }
            if header == nil {
                header = trimmed
                continue
            }
            rows.append(restoreDefusedFormulas ? trimmed.map(undoDefuse) : trimmed)
            numbers.append(record.line)
        }
        return SheetTable(header: header ?? [], rows: rows, rowNumbers: numbers)
    }

    /// `text` without surrounding whitespace (full-width spaces and line ends included); cheap when there
    /// is nothing to trim, which is nearly always.
    static func trim(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return text }
        guard first.properties.isWhitespace || last.properties.isWhitespace else { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy(\.properties.isWhitespace)
    }

    /// Our CSV writer prefixes `'` to a field starting with = + - @ (CSV.field); reading it back removes
    /// that apostrophe so an export re-imports unchanged.
    static func undoDefuse(_ cell: String) -> String {
        let scalars = cell.unicodeScalars
        guard scalars.count >= 2, scalars.first == "'" else { return cell }
        let second = scalars[scalars.index(after: scalars.startIndex)]
        guard ["=", "+", "-", "@"].contains(second) else { return cell }
        return String(cell.unicodeScalars.dropFirst())
    }
}
