import Foundation
import Testing
@testable import FazhiCore

@Suite struct QRCodeTests {
    /// Reference matrices from python-qrcode 8.2 (Fixtures/QR/generate.py), each with a fixed mask.
    static let fixtures = [
        "v1-M-mask0-hello", "v1-H-mask1-digits", "v2-L-mask2-url", "v2-Q-mask3-chinese",
        "v7-M-mask4-otpauth", "v7-M-mask5-filler", "v8-H-mask6-chinese", "v10-M-mask7-filler",
        "v10-L-mask0-filler", "v12-Q-mask2-otpauth-chinese", "v25-Q-mask1-filler",
        "v25-H-mask5-filler", "v40-L-mask3-filler",
    ]

    struct Fixture {
        var bytes: [UInt8] = []
        var level: QRCode.ErrorCorrection = .medium
        var mask = 0
        var version = 0
        var rows: [String] = []

        init(named name: String) throws {
            let text = try SecurityFixtures.text("QR/\(name).txt")
            for line in text.split(whereSeparator: \.isNewline).map(String.init) {
                guard line.hasPrefix("#") else { rows.append(line); continue }
                let parts = line.dropFirst().split(separator: ":", maxSplits: 1)
                    .map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2 else { continue }
                switch parts[0] {
                case "data-hex": bytes = try Self.hex(parts[1])
                case "error-correction": level = ["L": .low, "M": .medium, "Q": .quartile, "H": .high][parts[1]]!
                case "mask": mask = Int(parts[1])!
                case "version": version = Int(parts[1])!
                default: break
                }
            }
        }

        static func hex(_ text: String) throws -> [UInt8] {
            let digits = Array(text.utf8)
            try #require(digits.count % 2 == 0)
            return try stride(from: 0, to: digits.count, by: 2).map { index in
                try #require(UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16))
            }
        }
    }

    static func rows(_ code: QRCode) -> [String] {
        (0..<code.size).map { y in String((0..<code.size).map { code.isDark(x: $0, y: y) ? "1" : "0" }) }
    }

    // MARK: Bit-for-bit against the reference encoder

    @Test(arguments: fixtures)
    func matchesReferenceMatrix(name: String) throws {
        let fixture = try Fixture(named: name)
        let code = try QRCode(bytes: fixture.bytes, errorCorrection: fixture.level, mask: fixture.mask)
        #expect(code.version == fixture.version)
        #expect(code.size == 17 + 4 * fixture.version)
        #expect(code.mask == fixture.mask)
        let actual = Self.rows(code)
        try #require(actual.count == fixture.rows.count)
        let mismatches = zip(actual, fixture.rows).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
        #expect(mismatches.isEmpty, "rows differing from the reference: \(mismatches)")
    }

    @Test func coversTheRequiredVersionsLevelsAndMasks() throws {
        let all = try Self.fixtures.map { try Fixture(named: $0) }
        #expect(Set(all.map(\.version)).isSuperset(of: [1, 2, 7, 10, 25, 40]))
        #expect(Set(all.map(\.mask)) == Set(0...7))
        #expect(Set(all.map(\.level)) == Set(QRCode.ErrorCorrection.allCases))
    }

    /// Data codewords for every version and level, against python-qrcode's block table.
    @Test func dataCapacityMatchesReferenceTable() throws {
        let lines = try SecurityFixtures.text("QR/capacity.txt").split(whereSeparator: \.isNewline)
            .filter { !$0.hasPrefix("#") }
        try #require(lines.count == 40)
        for line in lines {
            let numbers = line.split(separator: " ").compactMap { Int($0) }
            let version = numbers[0]
            for (level, expected) in zip([QRCode.ErrorCorrection.low, .medium, .quartile, .high], numbers.dropFirst()) {
                #expect(QRCode.dataCodewordCount(version: version, errorCorrection: level) == expected,
                        "version \(version) \(level)")
            }
        }
    }

    // MARK: Version selection and limits

    // Byte-mode capacities from ISO/IEC 18004 Table 7.
    @Test(arguments: [
        (1, QRCode.ErrorCorrection.low, 17), (1, .medium, 14), (1, .quartile, 11), (1, .high, 7),
        (9, .medium, 180), (10, .medium, 213), (25, .high, 535), (40, .low, 2953), (40, .medium, 2331),
        (40, .quartile, 1663), (40, .high, 1273),
    ])
    func picksSmallestVersionThatFits(version: Int, level: QRCode.ErrorCorrection, capacity: Int) throws {
        #expect(QRCode.byteCapacity(version: version, errorCorrection: level) == capacity)
        let full = try QRCode(bytes: [UInt8](repeating: 0x61, count: capacity), errorCorrection: level)
        #expect(full.version == version)
        if version < 40 {
            let over = try QRCode(bytes: [UInt8](repeating: 0x61, count: capacity + 1), errorCorrection: level)
            #expect(over.version == version + 1)
        }
    }

    @Test(arguments: QRCode.ErrorCorrection.allCases)
    func throwsClearErrorWhenDataTooLong(level: QRCode.ErrorCorrection) {
        let maximum = QRCode.byteCapacity(version: 40, errorCorrection: level)
        #expect(throws: QRCodeError.dataTooLong(byteCount: maximum + 1, maximumByteCount: maximum, errorCorrection: level)) {
            try QRCode(bytes: [UInt8](repeating: 0, count: maximum + 1), errorCorrection: level)
        }
        let error = QRCodeError.dataTooLong(byteCount: maximum + 1, maximumByteCount: maximum, errorCorrection: level)
        #expect(error.description.contains("\(maximum + 1) bytes"))
    }

    @Test(arguments: [-1, 8, 100])
    func refusesInvalidMask(mask: Int) {
        #expect(throws: QRCodeError.invalidMask(mask)) { try QRCode(text: "x", mask: mask) }
    }

    @Test func emptyDataIsVersionOne() throws {
        let code = try QRCode(bytes: [])
        #expect(code.version == 1 && code.size == 21)
    }

    // MARK: Structure

    @Test func textInitializerEncodesUTF8() throws {
        let text = "行政复议申请书：张三"
        let a = try QRCode(text: text, errorCorrection: .high)
        let b = try QRCode(bytes: Array(text.utf8), errorCorrection: .high)
        #expect(Self.rows(a) == Self.rows(b) && a.mask == b.mask)
        #expect(!a.isDark(x: -1, y: 0) && !a.isDark(x: 0, y: a.size) && a.isDark(x: 0, y: 0))
    }

    /// The automatic choice has the lowest penalty of the eight masks (ties to the lower number).
    @Test(arguments: ["Hello, Fazhi", "otpauth://totp/Fazhi:zhang.san?secret=JBSWY3DPEHPK3PXP&issuer=Fazhi", "某某县司法局"])
    func automaticMaskHasLowestPenalty(text: String) throws {
        let automatic = try QRCode(text: text)
        let penalties = try (0..<8).map { try QRCode(text: text, mask: $0).penaltyScore }
        #expect(automatic.penaltyScore == penalties.min())
        #expect(automatic.mask == penalties.firstIndex(of: penalties.min()!))
        #expect(Self.rows(automatic) == Self.rows(try QRCode(text: text, mask: automatic.mask)))
    }

    /// Reads the format information back from both copies and checks its BCH code (§7.9).
    @Test(arguments: QRCode.ErrorCorrection.allCases)
    func formatInformationDecodesInBothCopies(level: QRCode.ErrorCorrection) throws {
        for mask in 0..<8 {
            let code = try QRCode(text: "format \(mask)", errorCorrection: level, mask: mask)
            let n = code.size
            var first = 0, second = 0
            // Bit 14 (most significant) first, in the order ISO/IEC 18004 Figure 25 places them.
            let firstPositions = [(8, 0), (8, 1), (8, 2), (8, 3), (8, 4), (8, 5), (8, 7), (8, 8), (7, 8),
                                  (5, 8), (4, 8), (3, 8), (2, 8), (1, 8), (0, 8)]
            let secondPositions = (0..<8).map { (n - 1 - $0, 8) } + (8..<15).map { (8, n - 15 + $0) }
            for (index, position) in firstPositions.enumerated() where code.isDark(x: position.0, y: position.1) {
                first |= 1 << index
            }
            for (index, position) in secondPositions.enumerated() where code.isDark(x: position.0, y: position.1) {
                second |= 1 << index
            }
            #expect(first == second)
            let unmasked = first ^ 0x5412
            #expect(unmasked >> 10 == level.formatBits << 3 | mask)
            var remainder = unmasked
            for shift in stride(from: 4, through: 0, by: -1) where remainder & (1 << (shift + 10)) != 0 {
                remainder ^= 0x537 << shift
            }
            #expect(remainder == 0, "BCH(15,5) check for \(level) mask \(mask)")
            #expect(code.isDark(x: 8, y: n - 8))   // the dark module
        }
    }

    /// Version information against ISO/IEC 18004 Annex D, Table D.1, in both copies.
    @Test(arguments: [(7, 0x07C94), (8, 0x085BC), (10, 0x0A4D3), (25, 0x191E1), (40, 0x28C69)])
    func versionInformationMatchesStandard(version: Int, bits: Int) throws {
        let capacity = QRCode.byteCapacity(version: version, errorCorrection: .low)
        let code = try QRCode(bytes: [UInt8](repeating: 0x2A, count: capacity), errorCorrection: .low)
        try #require(code.version == version)
        var bottomLeft = 0, topRight = 0
        for index in 0..<18 {
            let a = code.size - 11 + index % 3, b = index / 3
            if code.isDark(x: b, y: a) { bottomLeft |= 1 << index }
            if code.isDark(x: a, y: b) { topRight |= 1 << index }
        }
        #expect(bottomLeft == bits && topRight == bits)
    }

    @Test func versionsBelowSevenHaveNoVersionInformation() throws {
        let code = try QRCode(text: String(repeating: "a", count: 100), errorCorrection: .low)
        #expect(code.version == 5)
        #expect(try Fixture(named: "v2-L-mask2-url").rows.count == 25)
    }

    @Test(arguments: [2, 7, 14, 22, 32, 40])
    func alignmentPatternsSitAtStandardPositions(version: Int) {
        // ISO/IEC 18004 Annex E, Table E.1.
        let table: [Int: [Int]] = [2: [6, 18], 7: [6, 22, 38], 14: [6, 26, 46, 66], 22: [6, 26, 50, 74, 98],
                                   32: [6, 34, 60, 86, 112, 138], 40: [6, 30, 58, 86, 114, 142, 170]]
        #expect(QRCode.Matrix(version: version, errorCorrection: .low).alignmentPatternPositions() == table[version])
    }

    // MARK: Reed–Solomon

    @Test(arguments: [
        // ISO/IEC 18004 Annex I: "01234567", version 1-M.
        ([0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11] as [UInt8],
         [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55] as [UInt8]),
        // "HELLO WORLD", version 1-M (alphanumeric mode).
        ([0x20, 0x5B, 0x0B, 0x78, 0xD1, 0x72, 0xDC, 0x4D, 0x43, 0x40, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11],
         [0xC4, 0x23, 0x27, 0x77, 0xEB, 0xD7, 0xE7, 0xE2, 0x5D, 0x17]),
    ])
    func reedSolomonMatchesPublishedExamples(data: [UInt8], ecc: [UInt8]) {
        let divisor = QRCode.ReedSolomon.generator(degree: ecc.count)
        #expect(QRCode.ReedSolomon.remainder(of: data, divisor: divisor) == ecc)
    }

    @Test func galoisFieldMultiplication() {
        #expect(QRCode.ReedSolomon.multiply(0x80, 0x02) == 0x1D)   // x⁸ reduces by 0x11D
        #expect(QRCode.ReedSolomon.multiply(0x53, 0x01) == 0x53)
        #expect(QRCode.ReedSolomon.multiply(0x00, 0xFF) == 0x00)
        for x in UInt8(1)...255 {
            #expect(QRCode.ReedSolomon.multiply(x, 0x02) == QRCode.ReedSolomon.multiply(0x02, x))
        }
    }

    // MARK: SVG

    @Test func svgIsCompactAccessibleAndReproducesTheMatrix() throws {
        let code = try QRCode(text: "otpauth://totp/Fazhi:zhang.san?secret=JBSWY3DPEHPK3PXP&issuer=Fazhi")
        let svg = code.svg(moduleSize: 5, quietZone: 4, title: "两步验证二维码")
        let dimension = code.size + 8
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(dimension * 5)\" height=\"\(dimension * 5)\""))
        #expect(svg.contains("viewBox=\"0 0 \(dimension) \(dimension)\""))
        #expect(svg.contains("shape-rendering=\"crispEdges\""))
        #expect(svg.contains("role=\"img\" aria-labelledby=\"qr-code-title\""))
        #expect(svg.contains("<title id=\"qr-code-title\">两步验证二维码</title>"))
        #expect(svg.contains("fill=\"#fff\"") && svg.contains("fill=\"#000\""))
        #expect(svg.components(separatedBy: "<path").count == 2)
        #expect(svg.components(separatedBy: "<rect").count == 2)
        #expect(!svg.contains("<script") && !svg.contains("style="))
        #expect(svg.hasSuffix("</svg>"))

        // Rebuild the dark modules from the path's row runs.
        let d = try #require(svg.components(separatedBy: " d=\"").last?.components(separatedBy: "\"").first)
        var dark = Set<[Int]>()
        var runs = 0
        for command in d.split(separator: "z") {
            let scanner = Scanner(string: String(command))
            try #require(scanner.scanString("M") != nil)
            let x = try #require(scanner.scanInt()), y = try #require(scanner.scanInt())
            try #require(scanner.scanString("h") != nil)
            let length = try #require(scanner.scanInt())
            try #require(scanner.scanString("v1h-") != nil && scanner.scanInt() == length && scanner.isAtEnd)
            for column in x..<(x + length) { dark.insert([column - 4, y - 4]) }
            runs += 1
        }
        var expected = Set<[Int]>()
        for y in 0..<code.size { for x in 0..<code.size where code.isDark(x: x, y: y) { expected.insert([x, y]) } }
        #expect(dark == expected)
        // One rectangle per maximal horizontal run, not one per module.
        var maximalRuns = 0
        for y in 0..<code.size {
            for x in 0..<code.size where code.isDark(x: x, y: y) && !code.isDark(x: x - 1, y: y) { maximalRuns += 1 }
        }
        #expect(runs == maximalRuns && runs < expected.count)
    }

    @Test func svgEscapesTitleAndID() throws {
        let svg = try QRCode(text: "x").svg(quietZone: 0, title: "<script>alert(\"x\")</script> & '", titleID: "a\"b")
        #expect(svg.contains("<title id=\"a&quot;b\">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;</title>"))
        #expect(svg.contains("aria-labelledby=\"a&quot;b\""))
        #expect(svg.contains("viewBox=\"0 0 21 21\"") && svg.contains("M0 0h7v1h-7z"))
    }
}
