import Testing
@testable import FazhiCore

@Suite("个人信息脱敏 docs/SECURITY.md 12")
struct MaskingTests {
    @Test(arguments: [
        ("433123199001011234", "4331**********1234"),
        ("11010519491231002X", "1101**********002X"),
        ("11010519491231002x", "1101**********002X"),
        (" 433123199001011234 ", "4331**********1234"),
        ("433123900101123", "4331*******1123"),       // 15-digit old form
        ("433123456789", "4331****6789"),             // 12: the shortest that keeps 4 + 4
        ("43312345678", "***********"),               // 11: fully masked
        ("4331", "****"),
        ("", ""),
    ])
    func residentID(_ input: String, _ expected: String) {
        #expect(Masking.residentID(input) == expected)
    }

    @Test(arguments: [
        ("13812345678", "138****5678"),
        ("+86 138 1234 5678", "138****5678"),
        ("138-1234-5678", "138****5678"),
        ("1381234567", "**********"),                 // 10 characters: fully masked
        ("123", "***"),
        ("", ""),
    ])
    func mobile(_ input: String, _ expected: String) {
        #expect(Masking.mobile(input) == expected)
    }

    @Test(arguments: [
        ("0743-3221234", "0743-*****34"),
        ("(0743)3221234", "0743-*****34"),
        ("010-65529988", "010-******88"),
        ("0743-3221234-801", "0743-*****34-***"),
        ("322-1234", "******34"),                     // not a landline: last 2 only
        ("322123", "******"),                         // shorter than 7: fully masked
        ("", ""),
    ])
    func landline(_ input: String, _ expected: String) {
        #expect(Masking.landline(input) == expected)
    }

    @Test(arguments: [
        ("张三丰", "张**"),
        ("张三", "张*"),
        ("欧阳娜娜", "欧***"),
        ("阿卜杜热合曼·艾力", "阿********"),
        (" 李四 ", "李*"),
        ("张", "*"),
        ("", ""),
        ("👩‍👩‍👧‍👦家", "👩‍👩‍👧‍👦*"),
    ])
    func name(_ input: String, _ expected: String) {
        #expect(Masking.name(input) == expected)
    }

    @Test(arguments: [
        ("湖南省凤凰县沱江镇虹桥路18号", "湖南省凤凰县****"),
        ("湖南省湘西土家族苗族自治州凤凰县", "湖南省湘西土****"),
        ("凤凰县沱江镇虹桥路1", "凤凰县沱江镇****"),    // 10 characters
        ("凤凰县沱江镇虹桥路", "****"),               // 9: fully masked
        ("沱江镇", "****"),
        ("", ""),
    ])
    func address(_ input: String, _ expected: String) {
        #expect(Masking.address(input) == expected)
    }

    /// Whatever the input, the visible (non-star) characters never exceed the rule's allowance, and the
    /// visible ones are the input's own characters in the allowed places.
    @Test(arguments: [0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 15, 17, 18, 19, 40, 4000])
    func neverRevealsMoreThanStated(_ length: Int) {
        let text = String((0..<length).map { Character(UnicodeScalar(UInt8(65 + $0 % 26))) })   // no stars in it
        func visible(_ masked: String) -> Int { masked.filter { $0 != "*" }.count }
        #expect(visible(Masking.residentID(text)) <= 8)
        #expect(visible(Masking.mobile(text)) <= 7)
        #expect(visible(Masking.landline(text)) <= 2)
        #expect(visible(Masking.name(text)) <= 1)
        #expect(visible(Masking.address(text)) <= 6)
        if length > 0 {
            #expect(visible(Masking.residentID(text)) < length)
            #expect(visible(Masking.mobile(text)) < length)
            #expect(visible(Masking.landline(text)) < length)
            #expect(visible(Masking.name(text)) < length)
            #expect(visible(Masking.address(text)) < length)
        }
        let masked = Masking.residentID(text)
        if length >= 12 {
            #expect(masked.hasPrefix(String(text.prefix(4))))
            #expect(masked.hasSuffix(String(text.suffix(4))))
            #expect(masked.count == length)
        }
    }
}
