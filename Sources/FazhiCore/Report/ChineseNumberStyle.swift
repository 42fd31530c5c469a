/// How a figure is written in the report's prose, chosen by the template's `{{key|STYLE}}` token.
///
/// Reports state large counts approximately and never overstate them: "90余份" means more than 90, so a
/// value is floored to the step and 余 is added only when something was floored away (94 → 90余,
/// 90 → 90). Exact figures are Arabic digits without separators, as the seed writes 113927.
public enum ChineseNumberStyle: Sendable, Hashable {
    /// The default: "113927"; a rate as "98%".
    case exact
    /// `%`: a rate as a whole percentage, "98%", "100%".
    case percent
    /// `余:N`: floored to a multiple of N, 余 after the number: 94 → "90余".
    case over(step: Int)
    /// `万余:S`: in 万, floored to S 万 (S = 1, 0.1, …), 余 after 万: 128300 → "12.8万余".
    /// `stepUnits` is S × 10000 (S = 0.1 → 1000).
    case wanOver(stepUnits: Int)
    /// `余万:N`: in 万, floored to N 万, 余 before 万: 805000 → "80余万" (as in 挽回经济损失80余万元).
    /// `stepUnits` is N × 10000.
    case overWan(stepUnits: Int)
    /// `%:D`: a rate as a percentage with up to D (1–2) decimals, rounded half up: 1330/1356 → "98.1%",
    /// as other counties' reports write 95.6%; trailing zeros dropped (100%).
    case percentDecimals(Int)
    /// `万:S`: a count in 万 rounded (half up) to S 万, no 余: 113927 with 万:0.01 → "11.39万"; a value below
    /// half a step is written exactly.
    case wan(stepUnits: Int)

    /// The token a template writes after `|`, e.g. "余:10", "万余:0.1"; "" for exact.
    public var token: String {
        switch self {
        case .exact: ""
        case .percent: "%"
        case .over(let step): "余:\(step)"
        case .wanOver(let stepUnits): "万余:\(Self.decimal(stepUnits, scale: 10_000))"
        case .overWan(let stepUnits): "余万:\(Self.decimal(stepUnits, scale: 10_000))"
        case .percentDecimals(let digits): "%:\(digits)"
        case .wan(let stepUnits): "万:\(Self.decimal(stepUnits, scale: 10_000))"
        }
    }

    /// The style a template token names, or nil when the token is not one of the styles. Accepts the
    /// full-width colon and percent sign a Chinese input method types.
    public init?(token raw: String) {
        let token = raw.trimmingCharacters(in: .whitespaces)
            .replacingOccurrences(of: "：", with: ":")
            .replacingOccurrences(of: "％", with: "%")
        if token.isEmpty || token == "exact" {
            self = .exact
            return
        }
        if token == "%" {
            self = .percent
            return
        }
        guard let colon = token.firstIndex(of: ":") else { return nil }
        let name = token[..<colon], argument = String(token[token.index(after: colon)...])
        switch name {
        case "余":
            guard let step = Self.positiveInteger(argument) else { return nil }
            self = .over(step: step)
        case "万余":
            // S 万 to four decimals (S = 0.0001 万 = 1): anything finer is not a step of whole units.
            guard let stepUnits = Self.scaledDecimal(argument, scale: 10_000, maxFractionDigits: 4) else { return nil }
            self = .wanOver(stepUnits: stepUnits)
        case "余万":
            guard let step = Self.positiveInteger(argument) else { return nil }
            self = .overWan(stepUnits: step * 10_000)
        case "%":
            guard argument == "1" || argument == "2" else { return nil }
            self = .percentDecimals(Int(argument)!)
        case "万":
            guard let stepUnits = Self.scaledDecimal(argument, scale: 10_000, maxFractionDigits: 4) else { return nil }
            self = .wan(stepUnits: stepUnits)
        default:
            return nil
        }
    }

    /// The message shown when a token names no style.
    public static func unknownStyleMessage(_ token: String) -> String {
        "未知的格式「\(token)」：可用 余:N、万余:S、余万:N、万:S、%、%:1、%:2。"
    }

    /// A value the style cannot write (a percentage of a count, 余 of a rate or of a negative number).
    public struct FormatError: Error, Sendable, Hashable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// The value as the report writes it. A rate over nothing (denominator 0) is "—".
    public func format(_ value: StatisticValue) throws(FormatError) -> String {
        if value.denominator != nil {
            if case .percentDecimals(let digits) = self { return value.percent(digits: digits) }
            guard self == .exact || self == .percent else {
                throw FormatError(message: "格式「\(token)」只能用于数量，不能用于比率；比率请用「%」或不写格式。")
            }
            return value.display
        }
        let count = value.numerator
        switch self {
        case .exact:
            return String(count)
        case .percent, .percentDecimals:
            throw FormatError(message: "格式「\(token)」只能用于比率，不能用于数量 \(count)。")
        case .wan(let stepUnits):
            guard count >= 0 else { throw FormatError(message: "负数 \(count) 不能写作「万」。") }
            let rounded = (count + stepUnits / 2) / stepUnits * stepUnits
            return rounded == 0 ? String(count) : "\(Self.decimal(rounded, scale: 10_000))万"
        case .over(let step):
            return try Self.approximate(count, step: step) { "\($0)\($1)" }
        case .wanOver(let stepUnits):
            return try Self.approximate(count, step: stepUnits) { "\(Self.decimal($0, scale: 10_000))万\($1)" }
        case .overWan(let stepUnits):
            return try Self.approximate(count, step: stepUnits) { "\(Self.decimal($0, scale: 10_000))\($1)万" }
        }
    }

    /// Floors `count` to a multiple of `step` and writes it with "余" when something was floored away.
    private static func approximate(_ count: Int, step: Int, write: (_ floored: Int, _ more: String) -> String) throws(FormatError) -> String {
        guard count >= 0 else { throw FormatError(message: "负数 \(count) 不能写作「余」。") }
        let floored = count / step * step
        // "0余" says nothing: a value below the step is written exactly.
        guard floored > 0 else { return String(count) }
        return write(floored, count > floored ? "余" : "")
    }

    /// `value / scale` in decimal notation without trailing zeros: (128000, 10000) → "12.8".
    static func decimal(_ value: Int, scale: Int) -> String {
        let whole = value / scale
        var fraction = value % scale
        guard fraction != 0 else { return String(whole) }
        var digits = ""
        var remainingScale = scale
        while fraction != 0 && remainingScale > 1 {
            remainingScale /= 10
            digits.append(Character(String(fraction / remainingScale)))
            fraction %= remainingScale
        }
        return "\(whole).\(digits)"
    }

    /// ASCII digits, no sign, at most 9 of them, and not zero.
    static func positiveInteger(_ text: String) -> Int? {
        guard !text.isEmpty, text.count <= 9, text.allSatisfy({ $0.isASCII && $0.isNumber }),
              let value = Int(text), value > 0 else { return nil }
        return value
    }

    /// "0.1" × 10000 → 1000, exactly (no floating point); nil for zero, signs, exponents or too many decimals.
    static func scaledDecimal(_ text: String, scale: Int, maxFractionDigits: Int) -> Int? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let wholeText = String(parts[0])
        let fractionText = parts.count > 1 ? String(parts[1]) : ""
        guard !wholeText.isEmpty, wholeText.count <= 5, fractionText.count <= maxFractionDigits,
              parts.count == 1 || !fractionText.isEmpty,
              (wholeText + fractionText).allSatisfy({ $0.isASCII && $0.isNumber }),
              let whole = Int(wholeText) else { return nil }
        var fraction = 0
        var unit = scale
        for character in fractionText {
            unit /= 10
            fraction += Int(String(character))! * unit
        }
        let value = whole * scale + fraction
        return value > 0 ? value : nil
    }
}
