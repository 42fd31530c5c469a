import Testing
@testable import FazhiCore

@Suite("CSV export")
struct CSVTests {
    @Test(arguments: [
        ("凤凰县司法局", "凤凰县司法局"),
        ("a,b", "\"a,b\""),
        ("他说\"同意\"", "\"他说\"\"同意\"\"\""),
        ("第一行\n第二行", "\"第一行\n第二行\""),
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+86 138", "'+86 138"),
        ("-1", "'-1"),
        ("@cmd", "'@cmd"),
        ("", ""),
    ])
    func fields(_ input: String, _ expected: String) {
        #expect(CSV.field(input) == expected)
    }

    @Test func fileHasBOMAndCRLFAndFixedWidth() {
        let bytes = CSV.encode(header: ["序号", "单位"], rows: [["1", "县司法局", "多余"], ["2"]])
        #expect(Array(bytes.prefix(3)) == CSV.byteOrderMark)
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text == "序号,单位\r\n1,县司法局\r\n2,\r\n")
        #expect(CSV.encode(header: ["a"], rows: [], byteOrderMark: false) == Array("a\r\n".utf8))
    }
}
