import Testing
@testable import FazhiCore

@Suite("ZIP and DEFLATE reading")
struct ZipReadingTests {
    // Raw DEFLATE streams written by zlib (Python's zlib.compressobj(level, DEFLATED, -15, 9, strategy)).
    @Test(arguments: [
        ("0300", ""),
        ("4b4c4a0600", "abc"),
        ("7bdabee469fb86a77dfb9fe2660000", "凤凰县凤凰县凤凰县凤凰县"),
        ("4b4c4a4ec48d00", "abcabcabcabcabcabcabcabcabcabc"),   // fixed Huffman, back-references
        ("010500faff68656c6c6f", "hello"),                      // stored block
    ])
    func inflatesZlibStreams(_ hex: String, _ text: String) throws {
        let output = try Inflate.decompress([UInt8](hex: hex)[...], limit: 1000)
        #expect(output == Array(text.utf8))
    }

    @Test func truncatedStreamsFail() throws {
        let stream = [UInt8](hex: "7bdabee469fb86a77dfb9fe2660000")
        for length in 0..<(stream.count - 1) {
            #expect(throws: Inflate.Failure.self) { try Inflate.decompress(stream.prefix(length), limit: 1000) }
        }
    }

    @Test func outputLimitIsEnforced() {
        #expect(throws: Inflate.Failure.tooLarge) { try Inflate.decompress([UInt8](hex: "4b4c4a4ec48d00")[...], limit: 29) }
        #expect(throws: Inflate.Failure.tooLarge) { try Inflate.decompress([UInt8](hex: "010500faff68656c6c6f")[...], limit: 4) }
    }

    @Test(arguments: [
        "07",               // block type 3
        "010500fbff68656c6c6f",  // stored length and its complement disagree
        "0500",             // dynamic header cut short
        "4b04",             // fixed block without end-of-block
        "4b044200",         // "a", then a back-reference two bytes back (zlib: invalid distance too far back)
    ])
    func corruptStreamsFail(_ hex: String) {
        #expect(throws: Inflate.Failure.self) { try Inflate.decompress([UInt8](hex: hex)[...], limit: 1000) }
    }

    @Test func randomStreamsNeverTrap() {
        var generator = ExportSeededGenerator(seed: 1951)
        for _ in 0..<2000 {
            let bytes = (0..<Int.random(in: 0...64, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = try? Inflate.decompress(bytes[...], limit: 100_000)
        }
    }

    @Test func crc32MatchesTheStandardCheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
    }

    /// The sheet entry of a written workbook, and a rebuilt archive around changed pieces of it.
    static func rebuilt(compressed: ArraySlice<UInt8>, entry: ZipArchive.Entry, uncompressedSize: Int? = nil,
                        crc: UInt32? = nil, method: UInt16? = nil, flags: UInt16 = 0) -> [UInt8] {
        func u16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
        func u32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(value >> (8 * UInt32($0)) & 0xFF) } }
        let name = Array(entry.path.utf8)
        let m = Int(method ?? entry.method)
        let size = UInt32(uncompressedSize ?? entry.uncompressedSize)
        let checksum = crc ?? entry.crc32
        var local = u32(0x0403_4B50) + u16(20) + u16(Int(flags)) + u16(m) + u16(0) + u16(0)
        local += u32(checksum) + u32(UInt32(compressed.count)) + u32(size) + u16(name.count) + u16(0) + name
        local += compressed
        var central = u32(0x0201_4B50) + u16(20) + u16(20) + u16(Int(flags)) + u16(m) + u16(0) + u16(0)
        central += u32(checksum) + u32(UInt32(compressed.count)) + u32(size) + u16(name.count) + u16(0) + u16(0)
        central += u16(0) + u16(0) + u32(0) + u32(0) + name
        let end = u32(0x0605_4B50) + u16(0) + u16(0) + u16(1) + u16(1) + u32(UInt32(central.count))
            + u32(UInt32(local.count)) + u16(0)
        return local + central + end
    }

    static func sheetEntry() throws -> (archive: ZipArchive, entry: ZipArchive.Entry, data: ArraySlice<UInt8>) {
        let archive = try ZipArchive(try XLSXWriter.write(sheets: [XLSXWriterTests.register]), maxEntries: 100)
        let entry = try #require(archive.entries.first { $0.path == "xl/worksheets/sheet1.xml" })
        #expect(entry.method == 8)
        let start = entry.localHeaderOffset + 30 + Int(ZipArchive.u16(archive.bytes, entry.localHeaderOffset + 26))
            + Int(ZipArchive.u16(archive.bytes, entry.localHeaderOffset + 28))
        return (archive, entry, archive.bytes[start..<(start + entry.compressedSize)])
    }

    @Test func rebuiltArchiveReads() throws {
        let (archive, entry, data) = try Self.sheetEntry()
        let original = try archive.contents(of: entry, limit: 1 << 20)
        let copy = try ZipArchive(Self.rebuilt(compressed: data, entry: entry), maxEntries: 10)
        #expect(try copy.contents(of: copy.entries[0], limit: 1 << 20) == original)
        let stored = try ZipArchive(Self.rebuilt(compressed: original[...], entry: entry, method: 0), maxEntries: 10)
        #expect(try stored.contents(of: stored.entries[0], limit: 1 << 20) == original)
    }

    @Test func craftedEntriesAreRefused() throws {
        let (_, entry, data) = try Self.sheetEntry()
        let cases: [([UInt8], String)] = [
            (Self.rebuilt(compressed: data.prefix(data.count / 2), entry: entry), "truncated deflate stream"),
            (Self.rebuilt(compressed: data, entry: entry, crc: entry.crc32 ^ 1), "wrong CRC"),
            (Self.rebuilt(compressed: data, entry: entry, uncompressedSize: entry.uncompressedSize + 1), "wrong size"),
            (Self.rebuilt(compressed: data, entry: entry, method: 12), "bzip2"),
            (Self.rebuilt(compressed: data, entry: entry, flags: 1), "encrypted"),
        ]
        for (bytes, why) in cases {
            let archive = try ZipArchive(bytes, maxEntries: 10)
            #expect(throws: ZipArchive.Failure.self, "\(why)") { try archive.contents(of: archive.entries[0], limit: 1 << 20) }
        }
    }

    @Test func offsetsBeyondTheFileAreRefused() throws {
        let (_, entry, data) = try Self.sheetEntry()
        var bytes = Self.rebuilt(compressed: data, entry: entry)
        let end = bytes.count - 22
        // Central directory offset past the end of central directory record.
        var moved = bytes
        moved[end + 16] = 0xFF; moved[end + 17] = 0xFF; moved[end + 18] = 0xFF; moved[end + 19] = 0x7F
        #expect(throws: ZipArchive.Failure.self) { try ZipArchive(moved, maxEntries: 10) }
        // Local header offset past the end.
        let central = end - (46 + entry.path.utf8.count)
        bytes[central + 42] = 0xFF; bytes[central + 43] = 0xFF; bytes[central + 44] = 0xFF; bytes[central + 45] = 0x7F
        let archive = try ZipArchive(bytes, maxEntries: 10)
        #expect(throws: ZipArchive.Failure.self) { try archive.contents(of: archive.entries[0], limit: 1 << 20) }
        // ZIP64 markers.
        var zip64 = Self.rebuilt(compressed: data, entry: entry)
        zip64[end + 10] = 0xFF; zip64[end + 11] = 0xFF
        #expect(throws: ZipArchive.Failure.unsupported("ZIP64")) { try ZipArchive(zip64, maxEntries: 10) }
        #expect(throws: ZipArchive.Failure.corrupt("条目过多")) { try ZipArchive(Self.rebuilt(compressed: data, entry: entry), maxEntries: 0) }
    }
}
