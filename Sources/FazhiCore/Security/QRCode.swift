/// A QR code symbol (ISO/IEC 18004:2015), byte mode only, versions 1–40, all four
/// error-correction levels. Used to show the TOTP key URI on the enrolment page as inline SVG,
/// with no JavaScript and no image library.
public struct QRCode: Sendable {
    /// Error-correction level: roughly 7 %, 15 %, 25 % and 30 % of codewords recoverable.
    public enum ErrorCorrection: Sendable, Hashable, CaseIterable {
        case low, medium, quartile, high

        /// The two level bits of the format information (ISO/IEC 18004 Table 12).
        var formatBits: Int {
            switch self {
            case .low: 1
            case .medium: 0
            case .quartile: 3
            case .high: 2
            }
        }

        var tableIndex: Int {
            switch self {
            case .low: 0
            case .medium: 1
            case .quartile: 2
            case .high: 3
            }
        }
    }

    /// 1...40; the smallest that holds the data at the chosen level.
    public let version: Int
    /// Modules per side: 17 + 4 × version.
    public let size: Int
    public let errorCorrection: ErrorCorrection
    /// 0...7; the forced mask, or the one with the lowest penalty score.
    public let mask: Int
    private let modules: [Bool]

    /// Encodes `bytes` as one byte-mode segment.
    /// - Parameter mask: forces a mask pattern (0...7); nil picks the lowest penalty (ISO/IEC 18004 §7.8.3).
    public init(bytes: [UInt8], errorCorrection: ErrorCorrection = .medium, mask: Int? = nil) throws(QRCodeError) {
        if let mask, !(0...7).contains(mask) { throw .invalidMask(mask) }
        guard let version = (1...40).first(where: { bytes.count <= Self.byteCapacity(version: $0, errorCorrection: errorCorrection) }) else {
            throw .dataTooLong(byteCount: bytes.count,
                               maximumByteCount: Self.byteCapacity(version: 40, errorCorrection: errorCorrection),
                               errorCorrection: errorCorrection)
        }
        let dataCodewords = Self.encodeData(bytes, version: version, errorCorrection: errorCorrection)
        let codewords = Self.addErrorCorrectionAndInterleave(dataCodewords, version: version, errorCorrection: errorCorrection)

        var matrix = Matrix(version: version, errorCorrection: errorCorrection)
        matrix.drawFunctionPatterns()
        matrix.drawCodewords(codewords)

        let chosenMask: Int
        if let mask {
            chosenMask = mask
        } else {
            var best = (mask: 0, penalty: Int.max)
            for candidate in 0..<8 {
                var trial = matrix
                trial.applyMask(candidate)
                trial.drawFormatBits(mask: candidate)
                let penalty = Penalty(size: trial.size, modules: trial.modules).score()
                if penalty < best.penalty { best = (candidate, penalty) }
            }
            chosenMask = best.mask
        }
        matrix.applyMask(chosenMask)
        matrix.drawFormatBits(mask: chosenMask)

        self.version = version
        self.size = matrix.size
        self.errorCorrection = errorCorrection
        self.mask = chosenMask
        self.modules = matrix.modules
    }

    /// Encodes the UTF-8 bytes of `text` in byte mode (what phone scanners expect for URIs
    /// and Chinese text alike).
    public init(text: String, errorCorrection: ErrorCorrection = .medium, mask: Int? = nil) throws(QRCodeError) {
        try self.init(bytes: Array(text.utf8), errorCorrection: errorCorrection, mask: mask)
    }

    /// Whether the module at column `x`, row `y` (origin top left) is dark; outside the
    /// symbol (the quiet zone) everything is light.
    public func isDark(x: Int, y: Int) -> Bool {
        guard (0..<size).contains(x), (0..<size).contains(y) else { return false }
        return modules[y * size + x]
    }

    /// The most bytes one symbol of `version` holds in byte mode at `errorCorrection`.
    public static func byteCapacity(version: Int, errorCorrection: ErrorCorrection) -> Int {
        precondition((1...40).contains(version), "QR version must be 1...40")
        let bits = dataCodewordCount(version: version, errorCorrection: errorCorrection) * 8
        return (bits - 4 - characterCountBits(version: version)) / 8
    }

    // MARK: SVG

    /// A standalone SVG: black modules on white, one `<path>` with one rectangle per horizontal
    /// run of dark modules, scaled by `moduleSize` pixels per module, with an accessible name.
    /// - Parameters:
    ///   - quietZone: light border in modules; the standard asks for 4.
    ///   - title: the accessible name (`<title>`, referenced by `aria-labelledby`).
    ///   - titleID: the `<title>`'s id; must be unique within the page that embeds the SVG.
    public func svg(moduleSize: Int = 4, quietZone: Int = 4, title: String, titleID: String = "qr-code-title") -> String {
        precondition(moduleSize >= 1 && quietZone >= 0, "moduleSize must be ≥ 1 and quietZone ≥ 0")
        let dimension = size + 2 * quietZone
        let pixels = dimension * moduleSize
        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x: x, y: y) else { x += 1; continue }
                let start = x
                while x < size && isDark(x: x, y: y) { x += 1 }
                let run = x - start
                path += "M\(start + quietZone) \(y + quietZone)h\(run)v1h-\(run)z"
            }
        }
        let id = Self.xmlEscaped(titleID)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(pixels)\" height=\"\(pixels)\""
            + " viewBox=\"0 0 \(dimension) \(dimension)\" shape-rendering=\"crispEdges\""
            + " role=\"img\" aria-labelledby=\"\(id)\">"
            + "<title id=\"\(id)\">\(Self.xmlEscaped(title))</title>"
            + "<rect width=\"\(dimension)\" height=\"\(dimension)\" fill=\"#fff\"/>"
            + "<path fill=\"#000\" d=\"\(path)\"/></svg>"
    }

    private static func xmlEscaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default: result.append(character)
            }
        }
        return result
    }

    // MARK: Data encoding (ISO/IEC 18004 §7.4)

    static func characterCountBits(version: Int) -> Int { version <= 9 ? 8 : 16 }

    /// Mode indicator, character count, data, terminator, bit padding, then pad codewords
    /// 0xEC 0x11 alternately up to capacity (§7.4.10).
    static func encodeData(_ bytes: [UInt8], version: Int, errorCorrection: ErrorCorrection) -> [UInt8] {
        let capacityBits = dataCodewordCount(version: version, errorCorrection: errorCorrection) * 8
        var bits: [Bool] = []
        bits.reserveCapacity(capacityBits)
        func append(_ value: Int, count: Int) {
            for shift in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> shift) & 1 == 1) }
        }
        append(0b0100, count: 4)    // byte mode
        append(bytes.count, count: characterCountBits(version: version))
        for byte in bytes { append(Int(byte), count: 8) }
        append(0, count: min(4, capacityBits - bits.count))
        append(0, count: (8 - bits.count % 8) % 8)
        var codewords = [UInt8](repeating: 0, count: bits.count / 8)
        for (index, bit) in bits.enumerated() where bit { codewords[index >> 3] |= 0x80 >> UInt8(index & 7) }
        var pad: UInt8 = 0xEC
        while codewords.count * 8 < capacityBits {
            codewords.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return codewords
    }

    // MARK: Error correction (ISO/IEC 18004 §7.5, Table 9)

    /// Error-correction codewords per block, indexed [level][version]; index 0 unused.
    private static let eccCodewordsPerBlock: [[Int]] = [
        [-1, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        [-1, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
        [-1, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        [-1, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
    ]

    /// Number of error-correction blocks, indexed [level][version]; index 0 unused.
    private static let errorCorrectionBlockCount: [[Int]] = [
        [-1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
        [-1, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
        [-1, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68],
        [-1, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81],
    ]

    /// Modules available for codewords (and remainder bits) once every function pattern,
    /// format and version area is taken.
    static func rawDataModuleCount(version: Int) -> Int {
        var result = (16 * version + 128) * version + 64
        if version >= 2 {
            let alignmentCount = version / 7 + 2
            result -= (25 * alignmentCount - 10) * alignmentCount - 55
            if version >= 7 { result -= 36 }
        }
        return result
    }

    static func dataCodewordCount(version: Int, errorCorrection: ErrorCorrection) -> Int {
        let level = errorCorrection.tableIndex
        return rawDataModuleCount(version: version) / 8
            - eccCodewordsPerBlock[level][version] * errorCorrectionBlockCount[level][version]
    }

    /// Splits data into blocks (short ones first, long ones one codeword longer), appends each
    /// block's Reed–Solomon codewords, then interleaves column by column (§7.6).
    static func addErrorCorrectionAndInterleave(_ data: [UInt8], version: Int, errorCorrection: ErrorCorrection) -> [UInt8] {
        let level = errorCorrection.tableIndex
        let blockCount = errorCorrectionBlockCount[level][version]
        let eccLength = eccCodewordsPerBlock[level][version]
        let rawCodewords = rawDataModuleCount(version: version) / 8
        let shortBlockCount = blockCount - rawCodewords % blockCount
        let shortBlockLength = rawCodewords / blockCount
        let divisor = ReedSolomon.generator(degree: eccLength)

        var blocks: [[UInt8]] = []
        var offset = 0
        for index in 0..<blockCount {
            let dataLength = shortBlockLength - eccLength + (index < shortBlockCount ? 0 : 1)
            var block = Array(data[offset..<(offset + dataLength)])
            offset += dataLength
            let ecc = ReedSolomon.remainder(of: block, divisor: divisor)
            if index < shortBlockCount { block.append(0) }   // placeholder, skipped below
            blocks.append(block + ecc)
        }
        var result: [UInt8] = []
        result.reserveCapacity(rawCodewords)
        for column in 0..<blocks[0].count {
            for (index, block) in blocks.enumerated() where column != shortBlockLength - eccLength || index >= shortBlockCount {
                result.append(block[column])
            }
        }
        return result
    }

    /// Reed–Solomon over GF(2⁸) with the QR field polynomial x⁸+x⁴+x³+x²+1 (0x11D) and
    /// generator ∏(x − αⁱ), i = 0..<degree, α = 2 (§7.5.2, Annex A).
    enum ReedSolomon {
        static func generator(degree: Int) -> [UInt8] {
            // Coefficients from highest to lowest power, the leading 1 left implicit.
            var result = [UInt8](repeating: 0, count: degree)
            result[degree - 1] = 1
            var root: UInt8 = 1
            for _ in 0..<degree {
                for index in 0..<degree {
                    result[index] = multiply(result[index], root)
                    if index + 1 < degree { result[index] ^= result[index + 1] }
                }
                root = multiply(root, 0x02)
            }
            return result
        }

        static func remainder(of data: [UInt8], divisor: [UInt8]) -> [UInt8] {
            var result = [UInt8](repeating: 0, count: divisor.count)
            for byte in data {
                let factor = byte ^ result.removeFirst()
                result.append(0)
                for index in result.indices { result[index] ^= multiply(divisor[index], factor) }
            }
            return result
        }

        static func multiply(_ x: UInt8, _ y: UInt8) -> UInt8 {
            var z = 0
            for shift in stride(from: 7, through: 0, by: -1) {
                z = (z << 1) ^ ((z >> 7) * 0x11D)
                z ^= Int((y >> UInt8(shift)) & 1) * Int(x)
            }
            return UInt8(z)
        }
    }

    // MARK: Module placement

    struct Matrix {
        let version: Int
        let errorCorrection: ErrorCorrection
        let size: Int
        var modules: [Bool]
        var isFunction: [Bool]

        init(version: Int, errorCorrection: ErrorCorrection) {
            self.version = version
            self.errorCorrection = errorCorrection
            self.size = 17 + 4 * version
            self.modules = [Bool](repeating: false, count: size * size)
            self.isFunction = [Bool](repeating: false, count: size * size)
        }

        mutating func setFunction(x: Int, y: Int, dark: Bool) {
            modules[y * size + x] = dark
            isFunction[y * size + x] = true
        }

        /// Finder, separator, timing, alignment, reserved format area, dark module and version
        /// information (§6.3, §7.9, §7.10).
        mutating func drawFunctionPatterns() {
            for index in 0..<size {
                setFunction(x: 6, y: index, dark: index % 2 == 0)
                setFunction(x: index, y: 6, dark: index % 2 == 0)
            }
            drawFinder(centerX: 3, centerY: 3)
            drawFinder(centerX: size - 4, centerY: 3)
            drawFinder(centerX: 3, centerY: size - 4)

            let positions = alignmentPatternPositions()
            let last = positions.count - 1
            for (i, y) in positions.enumerated() {
                for (j, x) in positions.enumerated() {
                    // The three corners already hold finder patterns.
                    if (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0) { continue }
                    drawAlignment(centerX: x, centerY: y)
                }
            }
            drawFormatBits(mask: 0)   // reserves the area; redrawn once the mask is known
            drawVersionInformation()
        }

        /// Finder pattern plus its one-module light separator, clipped at the symbol's edge.
        private mutating func drawFinder(centerX: Int, centerY: Int) {
            for dy in -4...4 {
                for dx in -4...4 {
                    let x = centerX + dx, y = centerY + dy
                    guard (0..<size).contains(x), (0..<size).contains(y) else { continue }
                    let distance = max(abs(dx), abs(dy))
                    setFunction(x: x, y: y, dark: distance != 2 && distance != 4)
                }
            }
        }

        private mutating func drawAlignment(centerX: Int, centerY: Int) {
            for dy in -2...2 {
                for dx in -2...2 {
                    setFunction(x: centerX + dx, y: centerY + dy, dark: max(abs(dx), abs(dy)) != 1)
                }
            }
        }

        /// Row/column centres of alignment patterns (Annex E): first at 6, last at size − 7,
        /// evenly spaced by an even step in between.
        func alignmentPatternPositions() -> [Int] {
            guard version > 1 else { return [] }
            let count = version / 7 + 2
            let step = (version * 8 + count * 3 + 5) / (count * 4 - 4) * 2
            var result = [6]
            var position = size - 7
            for _ in 0..<(count - 1) {
                result.insert(position, at: 1)
                position -= step
            }
            return result
        }

        /// 15-bit format information: level and mask, BCH(15,5) with generator 0x537, XOR 0x5412
        /// (§7.9.1), in both copies, plus the dark module at (8, size − 8).
        mutating func drawFormatBits(mask: Int) {
            let data = errorCorrection.formatBits << 3 | mask
            var remainder = data
            for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
            let bits = (data << 10 | remainder) ^ 0x5412
            func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }

            for index in 0...5 { setFunction(x: 8, y: index, dark: bit(index)) }
            setFunction(x: 8, y: 7, dark: bit(6))
            setFunction(x: 8, y: 8, dark: bit(7))
            setFunction(x: 7, y: 8, dark: bit(8))
            for index in 9..<15 { setFunction(x: 14 - index, y: 8, dark: bit(index)) }

            for index in 0..<8 { setFunction(x: size - 1 - index, y: 8, dark: bit(index)) }
            for index in 8..<15 { setFunction(x: 8, y: size - 15 + index, dark: bit(index)) }
            setFunction(x: 8, y: size - 8, dark: true)
        }

        /// 18-bit version information for versions ≥ 7: BCH(18,6) with generator 0x1F25 (§7.10),
        /// in the blocks beside the top-right and bottom-left finders.
        private mutating func drawVersionInformation() {
            guard version >= 7 else { return }
            var remainder = version
            for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
            let bits = version << 12 | remainder
            for index in 0..<18 {
                let dark = (bits >> index) & 1 == 1
                let a = size - 11 + index % 3, b = index / 3
                setFunction(x: a, y: b, dark: dark)
                setFunction(x: b, y: a, dark: dark)
            }
        }

        /// Places codeword bits in two-module-wide columns, zigzagging up and down from the
        /// bottom-right corner and skipping the vertical timing column (§7.7.3). Remainder
        /// modules stay light.
        mutating func drawCodewords(_ codewords: [UInt8]) {
            let totalBits = codewords.count * 8
            var bitIndex = 0
            var right = size - 1
            while right >= 1 {
                if right == 6 { right = 5 }
                for vertical in 0..<size {
                    for offset in 0..<2 {
                        let x = right - offset
                        let upward = (right + 1) & 2 == 0
                        let y = upward ? size - 1 - vertical : vertical
                        guard !isFunction[y * size + x], bitIndex < totalBits else { continue }
                        modules[y * size + x] = (codewords[bitIndex >> 3] >> UInt8(7 - (bitIndex & 7))) & 1 == 1
                        bitIndex += 1
                    }
                }
                right -= 2
            }
        }

        /// XORs one of the eight data-mask patterns (§7.8.2, Table 10) over non-function modules;
        /// i is the row, j the column. Applying the same mask twice undoes it.
        mutating func applyMask(_ mask: Int) {
            for i in 0..<size {
                for j in 0..<size where !isFunction[i * size + j] {
                    let invert: Bool
                    switch mask {
                    case 0: invert = (i + j) % 2 == 0
                    case 1: invert = i % 2 == 0
                    case 2: invert = j % 3 == 0
                    case 3: invert = (i + j) % 3 == 0
                    case 4: invert = (i / 2 + j / 3) % 2 == 0
                    case 5: invert = (i * j) % 2 + (i * j) % 3 == 0
                    case 6: invert = ((i * j) % 2 + (i * j) % 3) % 2 == 0
                    default: invert = ((i + j) % 2 + (i * j) % 3) % 2 == 0
                    }
                    if invert { modules[i * size + j].toggle() }
                }
            }
        }
    }

    // MARK: Mask penalty (ISO/IEC 18004 §7.8.3, Table 11)

    /// The penalty score of this symbol as drawn; the automatic mask choice minimises it.
    var penaltyScore: Int { Penalty(size: size, modules: modules).score() }

    struct Penalty {
        let size: Int
        let modules: [Bool]

        private static let run = 3        // N1: runs of 5+ same-colour modules
        private static let block = 3      // N2: 2×2 blocks of one colour
        private static let finder = 40    // N3: 1:1:3:1:1 finder-like patterns with 4 light
        private static let balance = 10   // N4: each 5 % away from half dark

        subscript(x: Int, y: Int) -> Bool { modules[y * size + x] }

        func score() -> Int {
            var result = 0
            for y in 0..<size { result += linePenalty { self[$0, y] } }
            for x in 0..<size { result += linePenalty { self[x, $0] } }
            for y in 0..<(size - 1) {
                for x in 0..<(size - 1) {
                    let colour = self[x, y]
                    if colour == self[x + 1, y] && colour == self[x, y + 1] && colour == self[x + 1, y + 1] {
                        result += Self.block
                    }
                }
            }
            let dark = modules.reduce(0) { $0 + ($1 ? 1 : 0) }
            let total = size * size
            // Smallest k with (45 − 5k)% ≤ dark ratio ≤ (55 + 5k)%.
            let k = (abs(dark * 20 - total * 10) + total - 1) / total - 1
            result += k * Self.balance
            return result
        }

        /// Rules 1 and 3 along one row or column. The quiet zone counts as light, so
        /// finder-like patterns touching the edge are caught.
        private func linePenalty(_ module: (Int) -> Bool) -> Int {
            var result = 0
            var runColour = false
            var runLength = 0
            var history = [Int](repeating: 0, count: 7)
            for index in 0..<size {
                if module(index) == runColour {
                    runLength += 1
                    if runLength == 5 { result += Self.run } else if runLength > 5 { result += 1 }
                } else {
                    addHistory(runLength, to: &history)
                    if !runColour { result += finderLikeCount(history) * Self.finder }
                    runColour = module(index)
                    runLength = 1
                }
            }
            if runColour {
                addHistory(runLength, to: &history)
                runLength = 0
            }
            runLength += size   // the light quiet zone after the last module
            addHistory(runLength, to: &history)
            result += finderLikeCount(history) * Self.finder
            return result
        }

        private func addHistory(_ runLength: Int, to history: inout [Int]) {
            var length = runLength
            if history[0] == 0 { length += size }   // the light quiet zone before the first module
            history.removeLast()
            history.insert(length, at: 0)
        }

        /// Counts dark-light-dark×3-light-dark runs in proportion 1:1:3:1:1 with at least four
        /// light modules before or after.
        private func finderLikeCount(_ history: [Int]) -> Int {
            let n = history[1]
            let core = n > 0 && history[2] == n && history[3] == n * 3 && history[4] == n && history[5] == n
            return (core && history[0] >= n * 4 && history[6] >= n ? 1 : 0)
                + (core && history[6] >= n * 4 && history[0] >= n ? 1 : 0)
        }
    }
}

/// Why a QR code could not be built.
public enum QRCodeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// More bytes than a version-40 symbol holds at this level.
    case dataTooLong(byteCount: Int, maximumByteCount: Int, errorCorrection: QRCode.ErrorCorrection)
    case invalidMask(Int)

    public var description: String {
        switch self {
        case let .dataTooLong(byteCount, maximum, level):
            "QR code data too long: \(byteCount) bytes, at most \(maximum) fit at error correction \(level)"
        case let .invalidMask(mask):
            "QR code mask must be 0...7, got \(mask)"
        }
    }
}
