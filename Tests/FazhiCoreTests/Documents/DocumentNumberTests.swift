import Foundation
import Testing
@testable import FazhiCore

@Suite("Documents: 文号 (GB/T 9704-2012 §7.2.4)")
struct DocumentNumberTests {
    struct Valid: Sendable, CustomTestStringConvertible {
        var text: String
        var issuer: String
        var year: Int
        var sequence: Int
        var canonical: String
        var testDescription: String { text }
    }

    static let valid: [Valid] = [
        Valid(text: "凤政发〔2020〕11号", issuer: "凤政发", year: 2020, sequence: 11, canonical: "凤政发〔2020〕11号"),
        Valid(text: "凤政办发〔2020〕14号", issuer: "凤政办发", year: 2020, sequence: 14, canonical: "凤政办发〔2020〕14号"),
        Valid(text: "凤政办函〔2020〕36号", issuer: "凤政办函", year: 2020, sequence: 36, canonical: "凤政办函〔2020〕36号"),
        Valid(text: "凤自然资发〔2021〕3号", issuer: "凤自然资发", year: 2021, sequence: 3, canonical: "凤自然资发〔2021〕3号"),
        Valid(text: "  凤政发〔２０２０〕１１号\u{3000}", issuer: "凤政发", year: 2020, sequence: 11, canonical: "凤政发〔2020〕11号"),
        Valid(text: "湘政办发〔2018〕9999号", issuer: "湘政办发", year: 2018, sequence: 9999, canonical: "湘政办发〔2018〕9999号"),
        Valid(text: "凤政发〔1949〕1号", issuer: "凤政发", year: 1949, sequence: 1, canonical: "凤政发〔1949〕1号"),
        Valid(text: "凤政发〔2100〕10号", issuer: "凤政发", year: 2100, sequence: 10, canonical: "凤政发〔2100〕10号"),
        Valid(text: "湘西自治州凤凰县人民政发〔2020〕1号", issuer: "湘西自治州凤凰县人民政发", year: 2020, sequence: 1,
              canonical: "湘西自治州凤凰县人民政发〔2020〕1号"),
    ]

    @Test(arguments: valid)
    func accepts(_ c: Valid) throws {
        let number = try DocumentNumber.validate(c.text).get()
        #expect(number.issuerCode == c.issuer)
        #expect(number.year == c.year)
        #expect(number.sequence == c.sequence)
        #expect(number.description == c.canonical)
        #expect(DocumentNumber(number.description) == number)
    }

    struct Invalid: Sendable, CustomTestStringConvertible {
        var text: String
        var kind: DocumentNumberProblem.Kind
        var message: String?
        var testDescription: String { "\(text) → \(kind)" }
    }

    static let bracketMessage = "年份应使用六角括号〔〕，例如 凤政发〔2020〕11号。"

    static let invalid: [Invalid] = [
        Invalid(text: "", kind: .empty, message: "请填写文号。"),
        Invalid(text: " \u{3000} ", kind: .empty),
        Invalid(text: "凤政发〔2020〕11号" + String(repeating: "号", count: 40), kind: .tooLong),
        Invalid(text: "凤政发[2020]11号", kind: .wrongBrackets, message: bracketMessage),
        Invalid(text: "凤政发【2020】11号", kind: .wrongBrackets, message: bracketMessage),
        Invalid(text: "凤政发(2020)11号", kind: .wrongBrackets, message: bracketMessage),
        Invalid(text: "凤政发（2020）11号", kind: .wrongBrackets, message: bracketMessage),
        Invalid(text: "凤政发［2020］11号", kind: .wrongBrackets, message: bracketMessage),
        Invalid(text: "凤政发〈2020〉11号", kind: .wrongBrackets, message: bracketMessage),
        Invalid(text: "凤政发﹝2020﹞11号", kind: .wrongBrackets, message: bracketMessage),
        Invalid(text: "凤政发〖2020〗11号", kind: .wrongBrackets, message: bracketMessage),
        Invalid(text: "凤政发2020年11号", kind: .wrongBrackets, message: "年份应使用六角括号〔〕括入，例如 凤政发〔2020〕11号。"),
        Invalid(text: "凤政发〔2020〕〔2021〕11号", kind: .wrongBrackets),
        Invalid(text: "凤政发〕2020〔11号", kind: .wrongBrackets),
        Invalid(text: "凤政发〔2020〕011号", kind: .leadingZero, message: "序号不能有前导零，应写作 11 号。"),
        Invalid(text: "凤政发〔2020〕01号", kind: .leadingZero, message: "序号不能有前导零，应写作 1 号。"),
        Invalid(text: "凤政发〔2020〕0号", kind: .sequenceOutOfRange, message: "发文顺序号应在1至9999之间。"),
        Invalid(text: "凤政发〔2020〕10000号", kind: .sequenceOutOfRange),
        Invalid(text: "凤政发〔2020〕99999999999999999999号", kind: .sequenceOutOfRange),
        Invalid(text: "凤政发〔2020〕11", kind: .missingHao, message: "文号应以「号」结尾，例如 凤政发〔2020〕11号。"),
        Invalid(text: "凤政发〔2020〕11号文", kind: .trailingText),
        Invalid(text: "凤政发〔2020〕第11号", kind: .invalidSequence, message: "发文顺序号前不加「第」字，例如 凤政发〔2020〕11号。"),
        Invalid(text: "凤政发〔2020〕号", kind: .invalidSequence),
        Invalid(text: "凤政发〔2020〕1a号", kind: .invalidSequence),
        Invalid(text: "凤政发〔2020〕十一号", kind: .invalidSequence),
        Invalid(text: "凤政发〔1948〕11号", kind: .yearOutOfRange, message: "年份应在1949至2100之间。"),
        Invalid(text: "凤政发〔2101〕11号", kind: .yearOutOfRange),
        Invalid(text: "凤政发〔20〕11号", kind: .invalidYear, message: "年份应标全称，为4位阿拉伯数字，例如〔2020〕。"),
        Invalid(text: "凤政发〔二〇二〇〕11号", kind: .invalidYear),
        Invalid(text: "凤政发〔〕11号", kind: .invalidYear),
        Invalid(text: "凤政发 〔2020〕11号", kind: .containsSpace, message: "文号中不能有空格。"),
        Invalid(text: "凤政发〔2020〕 11号", kind: .containsSpace),
        Invalid(text: "凤政发〔2020〕\u{3000}11号", kind: .containsSpace),
        Invalid(text: "〔2020〕11号", kind: .missingIssuer),
        Invalid(text: "FZF〔2020〕11号", kind: .invalidIssuer, message: "发文机关代字只能由汉字组成，例如「凤政发」。"),
        Invalid(text: "凤政发1〔2020〕11号", kind: .invalidIssuer),
        Invalid(text: "湘西自治州凤凰县人民政府发〔2020〕1号", kind: .invalidIssuer, message: "发文机关代字不能超过12个字。"),
    ]

    @Test(arguments: invalid)
    func refuses(_ c: Invalid) {
        switch DocumentNumber.validate(c.text) {
        case .success(let number):
            Issue.record("accepted \(number)")
        case .failure(let problem):
            #expect(problem.kind == c.kind)
            if let message = c.message { #expect(problem.message == message) }
            #expect(!problem.message.isEmpty)
            #expect(DocumentNumber(c.text) == nil)
        }
    }

    @Test func partsInitialiser() {
        #expect(DocumentNumber(issuerCode: "凤政发", year: 2020, sequence: 11)?.description == "凤政发〔2020〕11号")
        #expect(DocumentNumber(issuerCode: "FZF", year: 2020, sequence: 11) == nil)
        #expect(DocumentNumber(issuerCode: "凤政发", year: 1900, sequence: 11) == nil)
        #expect(DocumentNumber(issuerCode: "凤政发", year: 2020, sequence: 0) == nil)
        #expect(DocumentNumber(issuerCode: "", year: 2020, sequence: 1) == nil)
    }

    @Test func codableAsCanonicalText() throws {
        let number = DocumentNumber("凤政发〔２０２０〕１１号")!
        let data = try JSONEncoder().encode([number])
        #expect(String(decoding: data, as: UTF8.self) == "[\"凤政发〔2020〕11号\"]")
        #expect(try JSONDecoder().decode([DocumentNumber].self, from: data) == [number])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([DocumentNumber].self, from: Data("[\"凤政发[2020]11号\"]".utf8))
        }
    }

    @Test func ordersBySequenceWithinIssuerAndYear() {
        let numbers = ["凤政发〔2020〕11号", "凤政发〔2020〕2号", "凤政发〔2019〕30号"].compactMap(DocumentNumber.init)
        #expect(numbers.sorted().map(\.description) == ["凤政发〔2019〕30号", "凤政发〔2020〕2号", "凤政发〔2020〕11号"])
    }
}
