/// Reads the entries of a ZIP archive (PKWARE APPNOTE 6.3) held in memory, checking every offset and size
/// against the bytes actually there, so a crafted upload meets a thrown error, never a trap or an
/// out-of-bounds read. Stored and deflated entries only; no ZIP64, no encryption (an XLSX needs neither).
struct ZipArchive {
    struct Entry {
        let path: String
        let method: UInt16
        let flags: UInt16
        let crc32: UInt32
        let compressedSize: Int
        let uncompressedSize: Int
        let localHeaderOffset: Int
        var isDirectory: Bool { path.hasSuffix("/") }
    }

    enum Failure: Error, Equatable {
        case notZip
        case corrupt(String)
        case unsupported(String)
        case tooLarge
    }

    let bytes: [UInt8]
    let entries: [Entry]

    init(_ bytes: [UInt8], maxEntries: Int) throws(Failure) {
        self.bytes = bytes
        guard bytes.count >= 22 else { throw .notZip }
        // End of central directory: the last signature whose comment runs exactly to the end of the file.
        var end: Int? = nil
        var candidate = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        while candidate >= lowest {
            if Self.u32(bytes, candidate) == 0x0605_4B50, candidate + 22 + Int(Self.u16(bytes, candidate + 20)) == bytes.count {
                end = candidate
                break
            }
            candidate -= 1
        }
        guard let end else { throw .notZip }
        let disk = Self.u16(bytes, end + 4), directoryDisk = Self.u16(bytes, end + 6)
        let entriesHere = Int(Self.u16(bytes, end + 8)), entryCount = Int(Self.u16(bytes, end + 10))
        let directorySize = Int(Self.u32(bytes, end + 12)), directoryOffset = Int(Self.u32(bytes, end + 16))
        if entryCount == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            throw .unsupported("ZIP64")
        }
        guard disk == 0, directoryDisk == 0, entriesHere == entryCount else { throw .unsupported("分卷压缩") }
        guard entryCount <= maxEntries else { throw .corrupt("条目过多") }
        guard directoryOffset + directorySize <= end else { throw .corrupt("中央目录越界") }

        var entries: [Entry] = []
        var offset = directoryOffset
        for _ in 0..<entryCount {
            guard offset + 46 <= directoryOffset + directorySize, Self.u32(bytes, offset) == 0x0201_4B50 else {
                throw .corrupt("中央目录条目损坏")
            }
            let nameLength = Int(Self.u16(bytes, offset + 28))
            let extraLength = Int(Self.u16(bytes, offset + 30))
            let commentLength = Int(Self.u16(bytes, offset + 32))
            let next = offset + 46 + nameLength + extraLength + commentLength
            guard next <= directoryOffset + directorySize else { throw .corrupt("中央目录条目越界") }
            let entry = Entry(
                path: String(decoding: bytes[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self),
                method: Self.u16(bytes, offset + 10),
                flags: Self.u16(bytes, offset + 8),
                crc32: Self.u32(bytes, offset + 16),
                compressedSize: Int(Self.u32(bytes, offset + 20)),
                uncompressedSize: Int(Self.u32(bytes, offset + 24)),
                localHeaderOffset: Int(Self.u32(bytes, offset + 42)))
            if entry.compressedSize == 0xFFFF_FFFF || entry.uncompressedSize == 0xFFFF_FFFF
                || entry.localHeaderOffset == 0xFFFF_FFFF { throw .unsupported("ZIP64") }
            entries.append(entry)
            offset = next
        }
        self.entries = entries
    }

    /// The entry's bytes, inflating at most `limit` bytes; the size and CRC-32 must match the directory.
    func contents(of entry: Entry, limit: Int) throws(Failure) -> [UInt8] {
        guard entry.flags & 0x1 == 0 else { throw .unsupported("加密") }
        guard entry.uncompressedSize <= limit else { throw .tooLarge }
        let header = entry.localHeaderOffset
        guard header + 30 <= bytes.count, Self.u32(bytes, header) == 0x0403_4B50 else { throw .corrupt("本地文件头损坏") }
        let start = header + 30 + Int(Self.u16(bytes, header + 26)) + Int(Self.u16(bytes, header + 28))
        guard start + entry.compressedSize <= bytes.count else { throw .corrupt("压缩数据越界") }
        let data = bytes[start..<(start + entry.compressedSize)]
        let output: [UInt8]
        switch entry.method {
        case 0:
            output = Array(data)
        case 8:
            do {
                output = try Inflate.decompress(data, limit: limit, expectedSize: entry.uncompressedSize)
            } catch {
                switch error {
                case .tooLarge: throw .tooLarge
                case .corrupt(let reason): throw .corrupt(reason)
                }
            }
        default:
            throw .unsupported("压缩方式 \(entry.method)")
        }
        guard output.count == entry.uncompressedSize else { throw .corrupt("解压后大小不符") }
        guard CRC32.checksum(output) == entry.crc32 else { throw .corrupt("CRC 校验失败") }
        return output
    }

    static func u16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
        guard offset >= 0, offset + 2 <= bytes.count else { return 0 }
        return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    static func u32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        guard offset >= 0, offset + 4 <= bytes.count else { return 0 }
        return UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
            | UInt32(bytes[offset + 3]) << 24
    }
}

/// CRC-32 (ISO-HDLC, as ZIP uses it).
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
