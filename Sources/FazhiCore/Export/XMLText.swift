/// Text rules shared by the XLSX writer and reader.
public enum XMLText {
    /// `text` without characters XML 1.0 forbids (controls other than tab, CR, LF; U+FFFE, U+FFFF), with
    /// CRLF and lone CR made LF (an XML parser would do that anyway, and Excel's line break is LF).
    static func cleaned(_ text: String) -> String {
        // U+FFFE and U+FFFF are EF BF BE / EF BF BF in UTF-8, so a byte scan finds every candidate.
        let needsWork = text.utf8.contains { byte in (byte < 0x20 && byte != 0x09 && byte != 0x0A) || byte == 0xBF || byte == 0xBE }
            && text.unicodeScalars.contains { scalar in
                (scalar.value < 0x20 && scalar != "\t" && scalar != "\n") || scalar.value == 0xFFFE || scalar.value == 0xFFFF
            }
        guard needsWork else { return text }
        var out = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            if scalar == "\r" { out.append("\n"); continue }
            if scalar == "\n" && previousWasCR { continue }
            if scalar.value < 0x20 && scalar != "\t" && scalar != "\n" { continue }
            if scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
            out.append(scalar)
        }
        return String(out)
    }

    /// Escapes for element content and attribute values alike, in XML and HTML: the one escaping function of the
    /// project (HTML pages, SVG charts, DOCX/XLSX parts and the print page all use it).
    public static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// SpreadsheetML reads `_xHHHH_` in a string as the character U+HHHH (ECMA-376 Part 1, §22.9.2.19
    /// ST_Xstring), so a literal one is written with its underscore escaped as `_x005F_`.
    static func escapeUnderscoreHex(_ text: String) -> String {
        guard containsUnderscoreX(text) else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            if scalar == "_", isHexEscape(scalars, at: index) {
                out.append(contentsOf: "_x005F_".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Reverses `escapeUnderscoreHex` and decodes every `_xHHHH_` the way Excel does (UTF-16 units, so a
    /// surrogate pair written as two escapes becomes one character; a lone surrogate is dropped).
    static func unescapeUnderscoreHex(_ text: String) -> String {
        guard containsUnderscoreX(text) else { return text }
        let scalars = Array(text.unicodeScalars)
        var units: [UInt16] = []
        units.reserveCapacity(scalars.count)
        var index = 0
        while index < scalars.count {
            if scalars[index] == "_", isHexEscape(scalars, at: index) {
                let hex = String(String.UnicodeScalarView(scalars[(index + 2)..<(index + 6)]))
                units.append(UInt16(hex, radix: 16)!)
                index += 7
            } else {
                units.append(contentsOf: scalars[index].utf16)
                index += 1
            }
        }
        var out = String.UnicodeScalarView()
        var iterator = units.makeIterator()
        var parser = Unicode.UTF16.ForwardParser()
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): out.append(Unicode.UTF16.decode(encoded))
            case .error: continue
            case .emptyInput: break loop
            }
        }
        return String(out)
    }

    private static func containsUnderscoreX(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if previous == UInt8(ascii: "_") && byte == UInt8(ascii: "x") { return true }
            previous = byte
        }
        return false
    }

    /// `_x` + four hex digits + `_` starting at `index`.
    private static func isHexEscape(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        guard index + 6 < scalars.count, scalars[index + 1] == "x", scalars[index + 6] == "_" else { return false }
        return scalars[(index + 2)..<(index + 6)].allSatisfy { $0.properties.isASCIIHexDigit }
    }
}
