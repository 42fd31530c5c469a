/// CSV that Excel opens correctly with Chinese text (docs/ARCHITECTURE.md "Import/export"): UTF-8 with a byte-order
/// mark, CRLF line ends, RFC 4180 quoting.
public enum CSV {
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The whole file. Every row is padded or cut to the header's width, so a column never shifts.
    public static func encode(header: [String], rows: [[String]], byteOrderMark bom: Bool = true) -> [UInt8] {
        var out = bom ? byteOrderMark : []
        out += Array(line(header).utf8)
        for row in rows {
            let fitted = Array((row + Array(repeating: "", count: max(0, header.count - row.count))).prefix(header.count))
            out += Array(line(fitted).utf8)
        }
        return out
    }

    static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// One field: quoted when it holds a comma, quote, CR or LF; a leading = + - @ or tab is defused with an
    /// apostrophe so a spreadsheet never runs it as a formula (OWASP "CSV injection").
    public static func field(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            text = "'" + text
        }
        let needsQuotes = text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
