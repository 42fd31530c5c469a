import Foundation
import Testing
@testable import FazhiCore

@Suite("Text decoding of uploaded files")
struct TextDecodingTests {
    @Test(arguments: [
        ("register-gb18030.csv", TextDecoding.Encoding.gb18030),
        ("register-utf8-bom.csv", .utf8WithBOM),
    ])
    func excelRegisterDecodes(_ file: String, _ encoding: TextDecoding.Encoding) throws {
        let expected = try ExportFixtures.json(ExportFixtures.ExpectedTable.self, "register.json")
        let decoded = try #require(TextDecoding.decode(try ExportFixtures.bytes(file)))
        #expect(decoded.encoding == encoding)
        #expect(decoded.text == expected.text)
        #expect(decoded.text.contains("凤凰县人民政府关于印发《凤凰县农村宅基地管理办法》的通知"))
        #expect(decoded.text.contains("凤政发〔2023〕12号"))
        #expect(decoded.text.contains("𠮷祥村"))
        #expect(decoded.text.contains("€500"))
        #expect(decoded.text.contains("　全角空格开头的标题！？（测试）"))
    }

    @Test func plainUTF8AndUTF16AreRecognised() throws {
        let expected = try #require(try ExportFixtures.json(ExportFixtures.ExpectedTable.self, "register.json").text)
        let utf8 = try #require(TextDecoding.decode(try ExportFixtures.bytes("register-utf8.csv")))
        #expect(utf8.encoding == .utf8)
        #expect(utf8.text == expected.replacingOccurrences(of: "\r\n", with: "\n"))
        let utf16 = try #require(TextDecoding.decode(try ExportFixtures.bytes("register-utf16le.txt")))
        #expect(utf16.encoding == .utf16LE)
        #expect(utf16.text.hasPrefix("序号\t文号\t标题"))
        #expect(utf16.text.contains("𠮷祥村"))
    }

    @Test func gb18030SampleMatchesPython() throws {
        let bytes = try ExportFixtures.bytes("gb18030-sample.bin")
        let expected = try ExportFixtures.text("gb18030-sample.txt")
        let decoded = try #require(GB18030.decode(bytes))
        #expect(decoded.unicodeScalars.count == expected.unicodeScalars.count)
        #expect(decoded == expected)
    }

    struct RandomCase: Decodable {
        let hex: String
        let text: String?
    }

    @Test func randomByteStringsAgreeWithPython() throws {
        let cases = try ExportFixtures.json([RandomCase].self, "gb18030-random.json")
        #expect(cases.count == 400)
        for item in cases {
            let decoded = GB18030.decode([UInt8](hex: item.hex))
            #expect(decoded == item.text, "bytes \(item.hex)")
        }
    }

    @Test(arguments: [
        ("b7efbbcb", "凤凰"),
        ("a1b2a1b3", "〔〕"),
        ("a2e3", "€"),
        ("80", "€"),                       // Windows code page 936's euro, which Excel writes
        ("9534b235", "𠮷"),               // four-byte, supplementary plane
        ("90308130", "\u{10000}"),
        ("e3329a35", "\u{10FFFF}"),
        ("81308130", "\u{80}"),            // first four-byte BMP code
        ("8431a439", "\u{FFFF}"),          // last four-byte BMP code
        ("a8bc", "\u{1E3F}"),              // GB18030-2005 mapping
        ("8135f437", "\u{E7C7}"),
        ("a3aca3bba3ba", "，；："),
        ("", ""),
    ])
    func knownCodes(_ hex: String, _ text: String) {
        #expect(GB18030.decode([UInt8](hex: hex)) == text)
    }

    @Test(arguments: [
        "81",             // lead byte at the end
        "8120",           // trail out of range
        "817f",           // 0x7F is never a trail byte
        "81ff",
        "ff40",           // 0xFF is never a lead byte
        "8130",           // truncated four-byte
        "813081",
        "81302030",
        "8130813a",
        "8431a530",       // between the BMP and supplementary four-byte areas
        "e3329a36",       // beyond U+10FFFF
        "fe39fe39",
        "4142ff",
    ])
    func invalidSequencesFail(_ hex: String) {
        #expect(GB18030.decode([UInt8](hex: hex)) == nil)
    }

    @Test(arguments: [
        ([0xFF, 0xFE, 0x41], "odd UTF-16 length"),
        ([0xFF, 0xFE, 0x00, 0xD8], "lone high surrogate"),
        ([0xFE, 0xFF, 0xDC, 0x00], "lone low surrogate"),
        ([0xEF, 0xBB, 0xBF, 0xC3, 0x28], "BOM then bad UTF-8"),
        ([0xEF, 0xBB, 0xBF, 0xB7, 0xEF], "BOM then GBK: the BOM decides"),
        ([0xFF], "0xFF alone"),
        ([0xC0, 0x80, 0xFF], "overlong and junk"),
    ] as [([UInt8], String)])
    func undecodableFilesAreNil(_ bytes: [UInt8], _ why: String) {
        #expect(TextDecoding.decode(bytes) == nil, "\(why)")
    }

    @Test func validUTF8WinsOverGB18030() {
        // "凤凰" in UTF-8 is also structurally plausible GB18030 (E5 87 A4 …); UTF-8 must win.
        let decoded = TextDecoding.decode(Array("凤凰".utf8))
        #expect(decoded == TextDecoding.Decoded(text: "凤凰", encoding: .utf8))
        #expect(TextDecoding.decode([0xB7, 0xEF, 0xBB, 0xCB])?.encoding == .gb18030)
        #expect(TextDecoding.decode([])?.encoding == .utf8)
    }

    @Test func randomGarbageNeverTraps() {
        var generator = ExportSeededGenerator(seed: 18030)
        var decodedCount = 0
        for _ in 0..<3000 {
            let length = Int.random(in: 0...24, using: &generator)
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if TextDecoding.decode(bytes) != nil { decodedCount += 1 }
        }
        #expect(decodedCount > 0)
    }
}
