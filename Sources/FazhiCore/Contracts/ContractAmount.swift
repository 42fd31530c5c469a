import Foundation

/// A contract amount in yuan, exact to the fen (分): kept as a whole number of fen, never as floating point.
///
/// Parses what clerks type: `1,234,567.89`, `1234567.8`, `123万` (= 1,230,000), `12.5万元`, `1.2亿`, `￥800`,
/// `人民币5000元`, full-width digits and punctuation from a Chinese input method. At most two decimal places
/// after applying 万 / 亿 (trailing zeros beyond them are harmless); never negative; below 1万亿 (10^12) yuan,
/// which is more than any county contract and keeps the capital form within 亿.
public struct ContractAmount: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The amount in fen.
    public let fen: Int64

    /// 999,999,999,999.99 yuan.
    public static let maximumFen: Int64 = 99_999_999_999_999
    public static let zero = ContractAmount(uncheckedFen: 0)

    private init(uncheckedFen: Int64) {
        fen = uncheckedFen
    }

    /// Nil when negative or above the maximum.
    public init?(fen: Int64) {
        guard (0...ContractAmount.maximumFen).contains(fen) else { return nil }
        self.fen = fen
    }

    /// Nil unless `yuan` has at most two decimal places and is in range.
    public init?(yuan: Decimal) {
        var scaled = yuan * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        guard rounded == scaled, rounded >= 0, rounded <= Decimal(ContractAmount.maximumFen) else { return nil }
        self.init(fen: NSDecimalNumber(decimal: rounded).int64Value)
    }

    /// The exact amount in yuan.
    public var yuan: Decimal { Decimal(fen) / 100 }

    /// `1234567.89`: for storage, CSV and JSON (always two decimals, no grouping).
    public var plain: String {
        "\(fen / 100).\(ContractAmount.twoDigits(fen % 100))"
    }

    /// `1,234,567.89 元`.
    public var formatted: String {
        var groups: [String] = []
        var rest = fen / 100
        repeat {
            let group = rest % 1000
            rest /= 1000
            groups.append(rest > 0 ? String(String(group + 1000).dropFirst()) : String(group))
        } while rest > 0
        return groups.reversed().joined(separator: ",") + "." + ContractAmount.twoDigits(fen % 100) + " 元"
    }

    public var description: String { formatted }

    public static func < (lhs: ContractAmount, rhs: ContractAmount) -> Bool { lhs.fen < rhs.fen }

    /// The sum, or nil above the maximum.
    public func adding(_ other: ContractAmount) -> ContractAmount? {
        ContractAmount(fen: fen + other.fen)
    }

    private static func twoDigits(_ value: Int64) -> String {
        value < 10 ? "0\(value)" : String(value)
    }

    // MARK: Parsing

    /// Reads a typed amount. Problems are reported on `field` with `label` in the message.
    public static func parse(_ raw: String?, field: String = "amount", label: String = "合同金额") -> Result<ContractAmount, FieldErrors> {
        func fail(_ message: String) -> Result<ContractAmount, FieldErrors> { .failure(FieldErrors(field, message)) }
        let invalid = "「\(label)」格式不正确，应为数字，例如 1234567.89、1,234,567.89、123万 或 12.5万元。"
        // Fold full-width forms and drop every kind of space; refuse absurd lengths before any other work.
        var folded: [Character] = []
        var count = 0
        for scalar in (raw ?? "").unicodeScalars {
            count += 1
            if count > 64 { return fail("「\(label)」过长。") }
            var value = scalar.value
            if (0xFF01...0xFF5E).contains(value) { value -= 0xFEE0 }
            if value == 0xFFE5 { value = 0xA5 }   // ￥ full-width yen/yuan sign
            if value == 0x3002 { value = 0x2E }   // 。 typed for a decimal point
            let character = Character(UnicodeScalar(value)!)
            if character.isWhitespace || value == 0xFEFF { continue }
            folded.append(character)
        }
        var text = String(folded)
        if text.isEmpty { return fail("请填写「\(label)」。") }
        for prefix in ["人民币", "RMB", "CNY", "¥"] where text.hasPrefix(prefix) {
            text.removeFirst(prefix.count)
            break
        }
        if text.hasPrefix("-") || text.hasPrefix("−") { return fail("「\(label)」不能为负数。") }
        for suffix in ["元整", "元", "圆"] where text.hasSuffix(suffix) {
            text.removeLast(suffix.count)
            break
        }
        // 万 = 10^4, 亿 = 10^8: the number of extra decimal places the unit absorbs.
        var shift = 0
        if text.hasSuffix("万") {
            shift = 4
            text.removeLast()
        } else if text.hasSuffix("亿") {
            shift = 8
            text.removeLast()
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard !text.isEmpty, parts.count <= 2 else { return fail(invalid) }
        let integerText = String(parts[0])
        var fractionText = parts.count == 2 ? String(parts[1]) : ""
        guard !integerText.isEmpty || !fractionText.isEmpty, fractionText.allSatisfy(\.isASCIIDigit),
              integerText.allSatisfy({ $0.isASCIIDigit || $0 == "," }) else { return fail(invalid) }
        if parts.count == 2 && fractionText.isEmpty { return fail(invalid) }
        var integerDigits = integerText
        if integerText.contains(",") {
            // Thousands separators must sit every three digits: 1,234,567 — not 12,34,567.
            let groups = integerText.split(separator: ",", omittingEmptySubsequences: false)
            guard let first = groups.first, (1...3).contains(first.count),
                  groups.dropFirst().allSatisfy({ $0.count == 3 }) else {
                return fail("「\(label)」的千位分隔符位置不正确，例如 1,234,567.89。")
            }
            integerDigits = integerText.replacingOccurrences(of: ",", with: "")
        }
        while fractionText.count > 2 + shift, fractionText.hasSuffix("0") { fractionText.removeLast() }
        guard fractionText.count <= 2 + shift else { return fail("「\(label)」最多精确到分（两位小数）。") }
        // fen = integer digits followed by the fraction padded to 2 + shift places.
        let padded = fractionText + String(repeating: "0", count: 2 + shift - fractionText.count)
        let allDigits = (integerDigits + padded).drop(while: { $0 == "0" })
        let tooLarge = "「\(label)」超出范围（不超过 999,999,999,999.99 元）。"
        guard allDigits.count <= 14, let fen = Int64(allDigits.isEmpty ? "0" : String(allDigits)) else { return fail(tooLarge) }
        guard let amount = ContractAmount(fen: fen) else { return fail(tooLarge) }
        return .success(amount)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard case .success(let amount) = ContractAmount.parse(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "不是有效的金额：\(text.prefix(30))")
        }
        self = amount
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(plain)
    }

    // MARK: Chinese capital form

    private static let capitalDigits: [String] = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"]
    private static let placeUnits: [String] = ["", "拾", "佰", "仟"]
    private static let groupUnits: [String] = ["", "万", "亿"]

    /// The amount in Chinese capitals (中文大写金额), as contracts and payment documents print it, without the
    /// leading 人民币: `壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分`.
    ///
    /// Rules: 中国人民银行《支付结算办法》附件一《正确填写票据和结算凭证的基本规定》:
    /// - 元 followed by nothing takes 整: `壹佰元整`; after 角 no 整 is written (可以不写), after 分 never.
    /// - A zero between digits is written 零, and a run of zeros is one 零: `陆仟零柒元壹角肆分`, `壹万零壹拾元整`.
    /// - Where the 万位 (亿位) is 0 — alone or ending a run — and the 仟 after it is not, the rule lets 零 be
    ///   left out; this form leaves it out when the 万 (亿) itself is written, so the unit separates the digits:
    ///   `壹拾万柒仟元整`, `壹佰万柒仟元整`. Where the whole 万 group is 0 the unit is not written and 零 is:
    ///   `壹亿零柒仟元整`.
    /// - Where the 元位 is 0 and 角 is not, the rule allows 零 or none; this form writes it: `壹仟陆佰捌拾元零叁角贰分`.
    /// - 角 0 and 分 not: 零 is required after 元: `叁佰贰拾伍元零肆分`.
    /// - 拾 at the start keeps its digit: `壹拾陆元整`. Zero is `零元整`; below one yuan: `伍角`, `伍分`, `伍角伍分`.
    public var chineseCapital: String {
        let integer = fen / 100
        let jiao = Int((fen / 10) % 10)
        let fenDigit = Int(fen % 10)
        var out = ""
        var pendingZero = false
        if integer > 0 {
            let digits = String(integer).map { Int($0.asciiValue! - 48) }
            let top = digits.count - 1
            func digit(at position: Int) -> Int { digits[top - position] }
            func groupHasDigit(_ group: Int) -> Bool {
                (group * 4 ..< min(group * 4 + 4, digits.count)).contains { digit(at: $0) != 0 }
            }
            var emitted = false
            for position in stride(from: top, through: 0, by: -1) {
                let value = digit(at: position)
                if value == 0 {
                    if emitted { pendingZero = true }
                } else {
                    if pendingZero {
                        // The run's last zero is at position + 1: a group's unit digit whose unit was written.
                        let endsAtWrittenUnit = position % 4 == 3 && groupHasDigit((position + 1) / 4)
                        if !endsAtWrittenUnit { out += "零" }
                        pendingZero = false
                    }
                    out += ContractAmount.capitalDigits[value] + ContractAmount.placeUnits[position % 4]
                    emitted = true
                }
                if position % 4 == 0, position > 0, groupHasDigit(position / 4) {
                    out += ContractAmount.groupUnits[position / 4]
                }
            }
            out += "元"
        }
        if jiao == 0 && fenDigit == 0 {
            return integer > 0 ? out + "整" : "零元整"
        }
        if jiao > 0 {
            if integer > 0 && pendingZero { out += "零" }
            out += ContractAmount.capitalDigits[jiao] + "角"
        } else if integer > 0 {
            out += "零"
        }
        if fenDigit > 0 { out += ContractAmount.capitalDigits[fenDigit] + "分" }
        return out
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
