/// DEFLATE decompression (RFC 1951) in Swift, for reading uploaded XLSX packages.
///
/// Why not ZIPFoundation's reader: on Linux its inflate loop hands zlib a larger input length than the chunk
/// it read, so a truncated or crafted stream makes zlib read past the buffer and never finish, and its
/// in-memory archive traps on offsets past the end. Uploaded files are hostile by assumption, so reading
/// goes through this bounds-checked decoder (modelled on zlib's contrib/puff) and ZipArchive; ZIPFoundation
/// only writes our own exports.
enum Inflate {
    enum Failure: Error, Equatable {
        case corrupt(String)
        /// The output would pass the caller's limit (a zip bomb, or simply too big).
        case tooLarge
    }

    /// The decompressed bytes of a raw DEFLATE stream, refusing to produce more than `limit` bytes.
    static func decompress(_ input: ArraySlice<UInt8>, limit: Int, expectedSize: Int? = nil) throws(Failure) -> [UInt8] {
        var state = State(input: Array(input), limit: limit)
        if let expectedSize, expectedSize <= limit { state.output.reserveCapacity(expectedSize) }
        var last = false
        repeat {
            last = try state.bits(1) == 1
            switch try state.bits(2) {
            case 0: try state.stored()
            case 1: try state.codes(Self.fixedLengths, Self.fixedDistances)
            case 2:
                let (lengths, distances) = try state.dynamicTables()
                try state.codes(lengths, distances)
            default: throw .corrupt("无效的压缩块类型")
            }
        } while !last
        return state.output
    }

    static let lengthBase: [Int] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115,
                                    131, 163, 195, 227, 258]
    static let lengthExtra: [Int] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase: [Int] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
                                      2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra: [Int] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    static let codeLengthOrder: [Int] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    // The fixed codes of RFC 1951 §3.2.6 (immutable, built once).
    static let fixedLengths: Huffman = {
        var lengths = [UInt8](repeating: 8, count: 288)
        for symbol in 144..<256 { lengths[symbol] = 9 }
        for symbol in 256..<280 { lengths[symbol] = 7 }
        return try! Huffman(lengths, allowIncomplete: false)
    }()
    static let fixedDistances: Huffman = try! Huffman([UInt8](repeating: 5, count: 30), allowIncomplete: true)

    /// A canonical Huffman code: a 9-bit lookup table for short codes, counts and symbols for the rest.
    struct Huffman: Sendable {
        static let fastBits = 9
        var counts = [Int](repeating: 0, count: 16)
        var symbols: [Int]
        /// symbol | length << 9 for codes up to `fastBits` long, indexed by the next bits (LSB first); 0 = slow path.
        var fast = [UInt16](repeating: 0, count: 1 << fastBits)

        /// Refuses over-subscribed length sets, and incomplete ones unless `allowIncomplete` or the set has a
        /// single code (both as zlib does).
        init(_ lengths: [UInt8], allowIncomplete: Bool) throws(Failure) {
            for length in lengths { counts[Int(length)] += 1 }
            let used = lengths.count - counts[0]
            var left = 1
            for length in 1...15 {
                left <<= 1
                left -= counts[length]
                guard left >= 0 else { throw .corrupt("霍夫曼编码超额") }
            }
            if left > 0 && !allowIncomplete && used != 1 { throw .corrupt("霍夫曼编码不完整") }

            var offsets = [Int](repeating: 0, count: 16)
            for length in 1..<15 { offsets[length + 1] = offsets[length] + counts[length] }
            symbols = [Int](repeating: 0, count: used)
            var nextCode = [Int](repeating: 0, count: 16)
            var code = 0
            for length in 1...15 {
                code = (code + counts[length - 1] * (length == 1 ? 0 : 1)) << 1
                nextCode[length] = code
            }
            for (symbol, length) in lengths.enumerated() where length != 0 {
                let length = Int(length)
                symbols[offsets[length]] = symbol
                offsets[length] += 1
                let canonical = nextCode[length]
                nextCode[length] += 1
                guard length <= Self.fastBits else { continue }
                var reversed = 0
                for bit in 0..<length where canonical & (1 << bit) != 0 { reversed |= 1 << (length - 1 - bit) }
                var fill = reversed
                while fill < (1 << Self.fastBits) {
                    fast[fill] = UInt16(symbol | length << 9)
                    fill += 1 << length
                }
            }
        }
    }

    struct State {
        let input: [UInt8]
        let limit: Int
        var output: [UInt8] = []
        var position = 0
        var buffer: UInt64 = 0
        var count = 0
        /// Bits handed out so far, to catch a stream that needs more than the input holds.
        var consumed = 0

        init(input: [UInt8], limit: Int) {
            self.input = input
            self.limit = limit
        }

        /// Tops the bit buffer up to at least 57 bits, with zeros past the end of the input (consuming
        /// those is an error, see `drop`).
        mutating func refill() {
            while count <= 56 {
                let byte = position < input.count ? input[position] : 0
                position += 1
                buffer |= UInt64(byte) << UInt64(count)
                count += 8
            }
        }

        mutating func drop(_ n: Int) throws(Failure) {
            buffer >>= UInt64(n)
            count -= n
            consumed += n
            guard consumed <= input.count * 8 else { throw .corrupt("压缩数据提前结束") }
        }

        mutating func bits(_ n: Int) throws(Failure) -> Int {
            if count < n { refill() }
            let value = Int(buffer & ((1 << UInt64(n)) - 1))
            try drop(n)
            return value
        }

        mutating func decode(_ code: Huffman) throws(Failure) -> Int {
            if count < 16 { refill() }
            let entry = Int(code.fast[Int(buffer & UInt64((1 << Huffman.fastBits) - 1))])
            if entry != 0 {
                try drop(entry >> 9)
                return entry & 0x1FF
            }
            // Longer codes: canonical decoding one bit at a time (contrib/puff's decode()).
            var codeValue = 0, first = 0, index = 0
            for length in 1...15 {
                codeValue |= try bits(1)
                let countAtLength = code.counts[length]
                if codeValue - countAtLength < first { return code.symbols[index + codeValue - first] }
                index += countAtLength
                first = (first + countAtLength) << 1
                codeValue <<= 1
            }
            throw .corrupt("无效的霍夫曼编码")
        }

        mutating func stored() throws(Failure) {
            try drop(count % 8)  // to a byte boundary
            let length = try bits(16)
            let complement = try bits(16)
            guard length == ~complement & 0xFFFF else { throw .corrupt("未压缩块长度校验失败") }
            guard output.count + length <= limit else { throw .tooLarge }
            for _ in 0..<length { output.append(UInt8(try bits(8))) }
        }

        mutating func dynamicTables() throws(Failure) -> (Huffman, Huffman) {
            let literalCount = try bits(5) + 257
            let distanceCount = try bits(5) + 1
            let codeLengthCount = try bits(4) + 4
            guard literalCount <= 286, distanceCount <= 30 else { throw .corrupt("码表过大") }
            var codeLengths = [UInt8](repeating: 0, count: 19)
            for index in 0..<codeLengthCount { codeLengths[Inflate.codeLengthOrder[index]] = UInt8(try bits(3)) }
            let lengthCode = try Huffman(codeLengths, allowIncomplete: false)

            var lengths = [UInt8](repeating: 0, count: literalCount + distanceCount)
            var index = 0
            while index < lengths.count {
                let symbol = try decode(lengthCode)
                if symbol < 16 {
                    lengths[index] = UInt8(symbol)
                    index += 1
                    continue
                }
                var value: UInt8 = 0
                let repeatCount: Int
                switch symbol {
                case 16:
                    guard index > 0 else { throw .corrupt("重复长度没有前值") }
                    value = lengths[index - 1]
                    repeatCount = 3 + (try bits(2))
                case 17: repeatCount = 3 + (try bits(3))
                default: repeatCount = 11 + (try bits(7))
                }
                guard index + repeatCount <= lengths.count else { throw .corrupt("码长超出码表") }
                for _ in 0..<repeatCount {
                    lengths[index] = value
                    index += 1
                }
            }
            guard lengths[256] != 0 else { throw .corrupt("缺少块结束码") }
            let literal = try Huffman(Array(lengths[0..<literalCount]), allowIncomplete: false)
            // zlib accepts an incomplete (even empty) distance code for literal-only blocks; an unassigned
            // pattern still fails in decode().
            let distance = try Huffman(Array(lengths[literalCount...]), allowIncomplete: true)
            return (literal, distance)
        }

        mutating func codes(_ literal: Huffman, _ distance: Huffman) throws(Failure) {
            while true {
                let symbol = try decode(literal)
                if symbol < 256 {
                    guard output.count < limit else { throw .tooLarge }
                    output.append(UInt8(symbol))
                    continue
                }
                if symbol == 256 { return }
                let lengthIndex = symbol - 257
                guard lengthIndex < 29 else { throw .corrupt("无效的长度码") }
                let length = Inflate.lengthBase[lengthIndex] + (try bits(Inflate.lengthExtra[lengthIndex]))
                let distanceSymbol = try decode(distance)
                guard distanceSymbol < 30 else { throw .corrupt("无效的距离码") }
                let back = Inflate.distanceBase[distanceSymbol] + (try bits(Inflate.distanceExtra[distanceSymbol]))
                guard back <= output.count else { throw .corrupt("距离超出已解压数据") }
                guard output.count + length <= limit else { throw .tooLarge }
                let start = output.count - back
                for offset in 0..<length { output.append(output[start + offset]) }
            }
        }
    }
}
