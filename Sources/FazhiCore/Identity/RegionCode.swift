/// An administrative division code (行政区划代码): the 6-digit GB/T 2260 code of a province, prefecture or
/// county, or the 12-digit statistics code (统计用区划代码) that adds 3 digits for the township (乡级,
/// GB/T 10114) and 3 for the village or community (村级).
///
/// The level is read from the trailing zeros: 430000 province, 433100 prefecture, 433123 county,
/// 433123100000 township, 433123100201 village.
public struct RegionCode: Hashable, Comparable, Sendable, CustomStringConvertible {
    public enum Level: Int, Hashable, Comparable, Sendable, CaseIterable {
        case province = 1
        case prefecture
        case county
        case township
        case village

        public var chinese: String {
            switch self {
            case .province: return "省级"
            case .prefecture: return "地级"
            case .county: return "县级"
            case .township: return "乡级"
            case .village: return "村级"
            }
        }

        /// How many leading digits name a division of this level.
        public var prefixLength: Int {
            switch self {
            case .province: return 2
            case .prefecture: return 4
            case .county: return 6
            case .township: return 9
            case .village: return 12
            }
        }

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The code as written, 6 or 12 ASCII digits.
    public let value: String
    public let level: Level

    /// The digits that identify the division: 2, 4, 6, 9 or 12 of them by level.
    public var significantPrefix: String { String(value.prefix(level.prefixLength)) }

    /// The 6-digit GB/T 2260 part (for a township or village, its county's code).
    public var areaCode: String { String(value.prefix(6)) }

    /// The code as a 12-digit statistics code (a 6-digit code padded with zeros).
    public var statisticsCode: String { value.count == 12 ? value : value + "000000" }

    /// True when `other` lies inside this division (strictly lower level and the same leading digits).
    public func contains(_ other: RegionCode) -> Bool {
        other.level > level && other.statisticsCode.hasPrefix(significantPrefix)
    }

    /// The division directly above, written in the same width (nil for a province).
    public var parent: RegionCode? {
        guard level != .province else { return nil }
        var digits = Array(value.utf8)
        // Zero this level's own digits; what remains names the next division up.
        let own = (level == .village ? 9 : level == .township ? 6 : level == .county ? 4 : 2)
        for index in own..<digits.count { digits[index] = UInt8(ascii: "0") }
        return RegionCode(IdentityText.string(digits))
    }

    public var description: String { value }

    public static func < (lhs: RegionCode, rhs: RegionCode) -> Bool {
        (lhs.statisticsCode, lhs.value.count) < (rhs.statisticsCode, rhs.value.count)
    }

    public init?(_ text: String) {
        guard case .success(let code) = RegionCode.validate(text) else { return nil }
        self = code
    }

    private init(value: String, level: Level) {
        self.value = value
        self.level = level
    }

    /// GB/T 2260 province-level codes: 11–15 North, 21–23 North-East, 31–37 East, 41–46 Central-South,
    /// 50–54 South-West, 61–65 North-West, 71 Taiwan, 81 Hong Kong, 82 Macao.
    public static func isProvinceCode(_ code: Int) -> Bool {
        switch code {
        case 11...15, 21...23, 31...37, 41...46, 50...54, 61...65, 71, 81, 82: return true
        default: return false
        }
    }

    public static func validate(_ text: String) -> Result<RegionCode, IdentityProblem> {
        func problem(_ kind: IdentityProblem.Kind, _ message: String) -> Result<RegionCode, IdentityProblem> {
            .failure(IdentityProblem(subject: .regionCode, kind: kind, message: message))
        }
        let bytes: [UInt8]
        switch IdentityText.asciiBytes(text, subject: .regionCode) {
        case .failure(let problem): return .failure(problem)
        case .success(let folded): bytes = folded
        }
        guard bytes.allSatisfy(IdentityText.isDigit) else {
            return problem(.invalidCharacter, "行政区划代码只能由数字组成。")
        }
        guard bytes.count == 6 || bytes.count == 12 else {
            return problem(.wrongLength, "行政区划代码应为6位（县级及以上）或12位（统计用区划代码），现为\(bytes.count)位。")
        }
        let province = IdentityText.digitValue(bytes[0]) * 10 + IdentityText.digitValue(bytes[1])
        guard isProvinceCode(province) else {
            return problem(.invalidRegion, "行政区划代码前两位不是有效的省级代码。")
        }
        func isZero(_ range: Range<Int>) -> Bool { bytes[range].allSatisfy { $0 == UInt8(ascii: "0") } }
        var level: Level = isZero(2..<6) ? .province : isZero(4..<6) ? .prefecture : .county
        if bytes.count == 12 {
            let townshipZero = isZero(6..<9), villageZero = isZero(9..<12)
            if !villageZero && townshipZero {
                return problem(.invalidFormat, "行政区划代码第10至12位（村级）有值时，第7至9位（乡级）不能为000。")
            }
            if !townshipZero {
                // Townships sit under a county, or directly under a prefecture-level city without
                // counties (e.g. 东莞市 441900); never directly under a province.
                guard level != .province else {
                    return problem(.invalidFormat, "乡级和村级区划不能直接隶属于省级区划。")
                }
                level = villageZero ? .township : .village
            }
        }
        return .success(RegionCode(value: IdentityText.string(bytes), level: level))
    }

    /// Statistics convention (国家统计局《统计用区划代码》): village-level codes 001–199 are residents'
    /// committees (居委会、社区), 200–399 villagers' committees (村委会). Nil above village level.
    public var isResidentsCommittee: Bool? {
        guard level == .village else { return nil }
        let last3 = Int(value.suffix(3)) ?? 0
        return last3 < 200
    }
}
