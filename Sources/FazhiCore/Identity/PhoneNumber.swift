/// A mainland China mobile number, kept as its 11 digits (1[3-9]xxxxxxxxx).
///
/// Accepts the ways people write one: `13812345678`, `138 1234 5678`, `138-1234-5678`, `+86 138…`,
/// `86138…`, `0086138…`, `(+86)138…`, full-width digits. `description` is the masked form.
public struct MobileNumber: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The 11 digits.
    public let value: String

    /// Masked as docs/SECURITY.md item 12 requires: `138****5678`.
    public var masked: String { Masking.mobile(value) }
    public var description: String { masked }
    public var debugDescription: String { "MobileNumber(\(masked))" }

    public init?(_ text: String) {
        guard case .success(let number) = MobileNumber.validate(text) else { return nil }
        self = number
    }

    private init(value: String) {
        self.value = value
    }

    public static func validate(_ text: String) -> Result<MobileNumber, IdentityProblem> {
        func problem(_ kind: IdentityProblem.Kind, _ message: String) -> Result<MobileNumber, IdentityProblem> {
            .failure(IdentityProblem(subject: .mobileNumber, kind: kind, message: message))
        }
        var bytes: [UInt8]
        switch IdentityText.asciiBytes(text, subject: .mobileNumber) {
        case .failure(let problem): return .failure(problem)
        case .success(let folded): bytes = folded
        }
        // A country prefix may come first, optionally in brackets: +86, (+86), 0086, 86.
        var hadCountryCode = false
        if bytes.first == UInt8(ascii: "(") {
            guard let close = bytes.firstIndex(of: UInt8(ascii: ")")),
                  IdentityText.string(bytes[1..<close]).filter({ $0 != " " }) == "+86" else {
                return problem(.invalidFormat, "手机号码格式不正确，括号内只能是国家代码+86。")
            }
            bytes.removeSubrange(0...close)
            hadCountryCode = true
        } else if bytes.first == UInt8(ascii: "+") {
            guard bytes.count >= 3, bytes[1] == UInt8(ascii: "8"), bytes[2] == UInt8(ascii: "6") else {
                return problem(.invalidFormat, "只接受中国大陆手机号码（国家代码+86）。")
            }
            bytes.removeFirst(3)
            hadCountryCode = true
        }
        var digits: [UInt8] = []
        for byte in bytes {
            if IdentityText.isDigit(byte) {
                digits.append(byte)
            } else if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") {
                continue
            } else {
                return problem(.invalidCharacter, "手机号码含有无效字符，只能包含数字、空格、连字符和+86前缀。")
            }
        }
        if !hadCountryCode {
            if digits.count == 15, digits.starts(with: Array("0086".utf8)) {
                digits.removeFirst(4)
            } else if digits.count == 13, digits.starts(with: Array("86".utf8)) {
                digits.removeFirst(2)
            }
        }
        guard digits.count == 11 else {
            return problem(.wrongLength, "手机号码应为11位数字，现为\(digits.count)位。")
        }
        // Mobile numbers occupy 13x–19x of the numbering plan (工业和信息化部《电信网编号计划》).
        guard digits[0] == UInt8(ascii: "1"), digits[1] >= UInt8(ascii: "3") else {
            return problem(.invalidFormat, "手机号码应以13至19开头。")
        }
        return .success(MobileNumber(value: IdentityText.string(digits)))
    }
}

/// A mainland China landline number: area code (0 + 2 or 3 digits), 7–8 digit local number and an
/// optional extension, kept in the form `0743-3221234` or `0743-3221234-801`.
///
/// Accepts `0743-3221234`, `0743 3221234`, `(0743)3221234`, `（0743）3221234`, `07433221234`,
/// `+86 743 3221234`, `010 6552 9988`, and an extension after `-`, `#`, `转` or `分机`
/// (`0743-3221234-801`, `0743-3221234转801`).
public struct LandlineNumber: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The area code with its leading 0, e.g. `0743`, `010`.
    public let areaCode: String
    /// The local number, 7 or 8 digits.
    public let localNumber: String
    /// The extension, 1–6 digits, if any.
    public let extensionNumber: String?

    /// `0743-3221234` or `0743-3221234-801`.
    public var value: String {
        areaCode + "-" + localNumber + (extensionNumber.map { "-" + $0 } ?? "")
    }

    /// Masked as docs/SECURITY.md item 12 requires: area code and the last 2 digits, `0743-*****34`.
    public var masked: String {
        areaCode + "-" + String(repeating: "*", count: localNumber.count - 2) + String(localNumber.suffix(2))
            + (extensionNumber.map { "-" + String(repeating: "*", count: $0.count) } ?? "")
    }

    public var description: String { masked }
    public var debugDescription: String { "LandlineNumber(\(masked))" }

    public init?(_ text: String) {
        guard case .success(let number) = LandlineNumber.validate(text) else { return nil }
        self = number
    }

    private init(areaCode: String, localNumber: String, extensionNumber: String?) {
        self.areaCode = areaCode
        self.localNumber = localNumber
        self.extensionNumber = extensionNumber
    }

    public static func validate(_ text: String) -> Result<LandlineNumber, IdentityProblem> {
        func problem(_ kind: IdentityProblem.Kind, _ message: String) -> Result<LandlineNumber, IdentityProblem> {
            .failure(IdentityProblem(subject: .landlineNumber, kind: kind, message: message))
        }
        // 转 / 分机 (extension) are the only non-ASCII words allowed; they become '#' before folding.
        let prepared = markingExtensions(text)
        var bytes: [UInt8]
        switch IdentityText.asciiBytes(prepared, subject: .landlineNumber) {
        case .failure(let problem): return .failure(problem)
        case .success(let folded): bytes = folded
        }
        var hadCountryCode = false
        if bytes.first == UInt8(ascii: "+") {
            guard bytes.count >= 3, bytes[1] == UInt8(ascii: "8"), bytes[2] == UInt8(ascii: "6") else {
                return problem(.invalidFormat, "只接受中国大陆固定电话号码（国家代码+86）。")
            }
            bytes.removeFirst(3)
            hadCountryCode = true
        }
        // Split into groups of digits, remembering whether the first group was bracketed and where the
        // extension marker '#' came.
        var groups: [[UInt8]] = [[]]
        var extensionStartsAtGroup: Int?
        var openBracket = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                groups[groups.count - 1].append(byte)
            case UInt8(ascii: "("):
                guard groups.count == 1, groups[0].isEmpty, !openBracket else {
                    return problem(.invalidFormat, "固定电话号码格式不正确：括号只能用于开头的区号，如(0743)3221234。")
                }
                openBracket = true
            case UInt8(ascii: ")"):
                guard openBracket, groups.count == 1, !groups[0].isEmpty else {
                    return problem(.invalidFormat, "固定电话号码格式不正确：括号只能用于开头的区号，如(0743)3221234。")
                }
                openBracket = false
                groups.append([])
            case UInt8(ascii: "-"), UInt8(ascii: " "):
                if !groups[groups.count - 1].isEmpty { groups.append([]) }
            case UInt8(ascii: "#"):
                guard extensionStartsAtGroup == nil else {
                    return problem(.invalidFormat, "固定电话号码格式不正确：分机号只能有一个。")
                }
                if !groups[groups.count - 1].isEmpty { groups.append([]) }
                extensionStartsAtGroup = groups.count - 1
            default:
                return problem(.invalidCharacter, "固定电话号码含有无效字符，只能包含数字、连字符、括号和空格。")
            }
        }
        guard !openBracket else {
            return problem(.invalidFormat, "固定电话号码格式不正确：括号没有闭合。")
        }
        if groups.last?.isEmpty == true { groups.removeLast() }
        guard !groups.isEmpty else {
            return problem(.wrongLength, "固定电话号码应包括区号和7至8位号码。")
        }
        var extensionDigits: [UInt8]?
        if let start = extensionStartsAtGroup {
            guard start < groups.count else {
                return problem(.invalidFormat, "固定电话号码格式不正确：分机号为空。")
            }
            extensionDigits = groups[start...].flatMap { $0 }
            groups.removeSubrange(start...)
            guard !groups.isEmpty else {
                return problem(.wrongLength, "固定电话号码应包括区号和7至8位号码。")
            }
        }
        if hadCountryCode, let first = groups.first, first.first != UInt8(ascii: "0") {
            groups[0].insert(UInt8(ascii: "0"), at: 0)   // +86 743 … drops the trunk prefix 0
        }
        if groups.count == 1 {
            // All digits run together: the area code's length follows from its first digits.
            let run = groups[0]
            guard run.first == UInt8(ascii: "0"), run.count >= 3 else {
                return problem(.invalidFormat, "固定电话号码应以区号开头（以0开头），如0743-3221234。")
            }
            let areaLength = expectedAreaCodeLength(run)
            groups = [Array(run.prefix(areaLength)), Array(run.dropFirst(areaLength))]
            if groups[1].count > 8, extensionDigits == nil {
                return problem(.wrongLength, "固定电话号码过长；分机号请用“-”或“转”隔开，如0743-3221234-801。")
            }
        }
        let area = groups[0]
        var local = groups[1...].flatMap { $0 }
        if groups.count == 3, extensionDigits == nil, (7...8).contains(groups[1].count) {
            // 0743-3221234-801: a third group after a complete local number is the extension.
            local = groups[1]
            extensionDigits = groups[2]
        }
        guard area.first == UInt8(ascii: "0"), (3...4).contains(area.count) else {
            return problem(.invalidRegion, "区号应为0加2至3位数字，如010、0743。")
        }
        // 3-digit area codes are 010 and 020–029; every other area code has 4 digits.
        guard area.count == expectedAreaCodeLength(area) else {
            return problem(.invalidRegion, "区号位数不正确：010和020至029为3位，其余区号为4位。")
        }
        guard (7...8).contains(local.count) else {
            return problem(.wrongLength, "固定电话号码（不含区号）应为7至8位，现为\(local.count)位。")
        }
        guard let firstLocal = local.first, firstLocal >= UInt8(ascii: "2") else {
            return problem(.invalidFormat, "固定电话号码（不含区号）不能以0或1开头。")
        }
        if let ext = extensionDigits {
            guard (1...6).contains(ext.count) else {
                return problem(.invalidFormat, "分机号应为1至6位数字。")
            }
        }
        return .success(LandlineNumber(
            areaCode: IdentityText.string(area),
            localNumber: IdentityText.string(local),
            extensionNumber: extensionDigits.map { IdentityText.string($0) }))
    }

    /// Replaces 转 and 分机 with '#'. Text longer than any number could be comes back unchanged, so the
    /// folding step refuses it as too long rather than judging a shortened prefix.
    static func markingExtensions(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var pendingFen = false
        for (index, scalar) in text.unicodeScalars.enumerated() {
            if index >= IdentityText.maximumScalars { return text }
            if pendingFen {
                pendingFen = false
                if scalar == "机" {
                    result.append("#")
                    continue
                }
                result.append("分")
            }
            switch scalar {
            case "转": result.append("#")
            case "分": pendingFen = true
            default: result.append(scalar)
            }
        }
        if pendingFen { result.append("分") }
        return String(result)
    }

    /// 010 (Beijing) and 020–029 (the other large cities) are the only 3-digit area codes.
    static func expectedAreaCodeLength(_ digits: [UInt8]) -> Int {
        guard digits.count >= 2 else { return 4 }
        if digits[1] == UInt8(ascii: "2") { return 3 }
        if digits[1] == UInt8(ascii: "1"), digits.count >= 3, digits[2] == UInt8(ascii: "0") { return 3 }
        return 4
    }
}
