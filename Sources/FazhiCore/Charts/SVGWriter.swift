/// Appends SVG markup. Every attribute value and text node goes through `XMLText`, so a category named
/// `<script>&"` arrives as text, never as markup; numbers are printed with at most one decimal.
struct SVGWriter: Sendable {
    private(set) var markup = ""

    mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
        markup += "<" + name + Self.attributes(attributes) + ">"
    }

    mutating func close(_ name: String) {
        markup += "</" + name + ">"
    }

    /// An element with no content.
    mutating func empty(_ name: String, _ attributes: [(String, String)]) {
        markup += "<" + name + Self.attributes(attributes) + "/>"
    }

    /// An element holding only text.
    mutating func element(_ name: String, _ attributes: [(String, String)] = [], text: String) {
        open(name, attributes)
        markup += Self.escaped(text)
        close(name)
    }

    /// A <title> child: the tooltip for its parent and the accessible name of a standalone element.
    mutating func title(_ text: String) {
        element("title", text: text)
    }

    static func escaped(_ text: String) -> String {
        XMLText.escape(XMLText.cleaned(text))
    }

    private static func attributes(_ attributes: [(String, String)]) -> String {
        attributes.map { " \($0.0)=\"\(escaped($0.1))\"" }.joined()
    }
}

/// Coordinates for attributes: at most one decimal, so output is short and the same on every machine.
func svgNumber(_ value: Double) -> String {
    ChartNumber.decimal(value)
}

/// `value` rounded to the 0.1 px the markup carries, so geometry computed from it matches what is printed.
func tenth(_ value: Double) -> Double {
    (value * 10).rounded() / 10
}

/// Text widths without a font engine: the server never sees the glyphs, so these are em fractions for
/// Noto Sans CJK SC / Microsoft YaHei, rounded up so estimated labels fit when drawn.
enum TextMetrics {
    static func width(_ text: String, fontSize: Double) -> Double {
        text.unicodeScalars.reduce(0) { $0 + advance($1) } * fontSize
    }

    static func advance(_ scalar: Unicode.Scalar) -> Double {
        switch scalar.value {
        case 0x30...0x39: 0.56  // digits
        case 0x20, 0x2C, 0x2E, 0x3A, 0x3B, 0x69, 0x6C, 0x7C: 0.32  // space , . : ; i l |
        case 0x25: 0.88  // %
        case 0x41...0x5A, 0x6D, 0x77: 0.7  // capitals, m, w
        case 0x21...0x7E: 0.56
        case let value where isWide(value): 1.0
        default: 0.6
        }
    }

    /// East Asian wide and fullwidth characters (UAX #11), plus the curly quotes and ellipsis, which the
    /// CJK fonts draw a full em wide.
    static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD,
            0x2018...0x201D, 0x2026, 0x2014:
            true
        default:
            false
        }
    }

    /// `text` broken into at most `maxLines` lines of at most `maxWidth` (Chinese breaks between any two
    /// characters), the lines as even as possible so no lone "局" or "）" hangs below; when it does not fit,
    /// the last line ends in "…". Each line holds at least one character.
    static func wrap(_ text: String, maxWidth: Double, fontSize: Double, maxLines: Int) -> [String] {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        let total = width(flat, fontSize: fontSize)
        guard total > maxWidth, maxLines > 1 else { return greedy(flat, maxWidth: maxWidth, fontSize: fontSize, maxLines: maxLines) }
        // The narrowest width that still needs no more lines than the full width does.
        let needed = greedy(flat, maxWidth: maxWidth, fontSize: fontSize, maxLines: .max).count
        guard needed <= maxLines else { return greedy(flat, maxWidth: maxWidth, fontSize: fontSize, maxLines: maxLines) }
        var trial = total / Double(needed)
        while trial < maxWidth {
            let lines = greedy(flat, maxWidth: trial, fontSize: fontSize, maxLines: .max)
            if lines.count <= needed { return lines }
            trial += fontSize / 4
        }
        return greedy(flat, maxWidth: maxWidth, fontSize: fontSize, maxLines: maxLines)
    }

    private static func greedy(_ flat: String, maxWidth: Double, fontSize: Double, maxLines: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        var currentWidth = 0.0
        var truncated = false
        for character in flat {
            let width = Self.width(String(character), fontSize: fontSize)
            if currentWidth + width > maxWidth && !current.isEmpty {
                lines.append(current)
                current = ""
                currentWidth = 0
                if lines.count == maxLines {
                    truncated = true
                    break
                }
                if character == " " { continue }
            }
            current.append(character)
            currentWidth += width
        }
        if !truncated {
            if !current.isEmpty || lines.isEmpty { lines.append(current) }
            return lines
        }
        var last = lines[lines.count - 1]
        while last.count > 1 && Self.width(last + "…", fontSize: fontSize) > maxWidth {
            last.removeLast()
        }
        lines[lines.count - 1] = last + "…"
        return lines
    }
}
