import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import FazhiCore

@Suite("XLSX export")
struct XLSXWriterTests {
    static let register = XLSXSheet(
        name: "规范性文件登记",
        header: ["序号", "文号", "标题", "公布日期", "金额（元）", "备注"],
        rows: [
            [.integer(1), .text("凤政发〔2023〕12号"), .text("凤凰县人民政府关于印发《凤凰县农村宅基地管理办法》的通知"),
             .date(LocalDate(year: 2023, month: 5, day: 12)!), .number(Decimal(string: "1200.50")!), .empty],
            [.integer(2), .text("凤司发〔2024〕1号"), .text("关于𠮷祥村村规民约的审查意见\n（第一批）"),
             .date(LocalDate(year: 2024, month: 2, day: 29)!), .number(Decimal(string: "-15.25")!),
             .text("含 & < > \" ' 符号，€，_x0041_")],
            [.integer(3), .empty, .text("  前后有空格  "), .empty, .number(Decimal(string: "0.1")!), .text("控制\u{1}字符\u{0}\u{7}去掉")],
        ])

    static func readBack(_ sheets: [XLSXSheet]) throws -> SheetTable {
        try XLSXReader.firstSheet(try XLSXWriter.write(sheets: sheets))
    }

    @Test func writtenWorkbookReadsBack() throws {
        let table = try Self.readBack([Self.register])
        #expect(table.header == Self.register.header)
        #expect(table.rows == [
            ["1", "凤政发〔2023〕12号", "凤凰县人民政府关于印发《凤凰县农村宅基地管理办法》的通知", "2023-05-12", "1200.5", ""],
            ["2", "凤司发〔2024〕1号", "关于𠮷祥村村规民约的审查意见\n（第一批）", "2024-02-29", "-15.25", "含 & < > \" ' 符号，€，_x0041_"],
            ["3", "", "前后有空格", "", "0.1", "控制字符去掉"],
        ])
        #expect(table.rowNumbers == [2, 3, 4])
    }

    @Test func everyPartIsWellFormedXML() throws {
        let bytes = try XLSXWriter.write(sheets: [Self.register, XLSXSheet(name: "空表", header: [], rows: [])])
        var package = try XLSXReader.Package(bytes)
        let names = [
            "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
            "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
        ]
        #expect(Set(package.entries.keys) == Set(names.map { $0.lowercased() }))
        for name in names {
            let part = try #require(try package.part(name))
            let parser = XMLParser(data: Data(part))
            #expect(parser.parse(), "\(name): \(String(describing: parser.parserError))")
        }
    }

    @Test func worksheetHasFrozenHeaderFilterWidthsAndStyles() throws {
        var package = try XLSXReader.Package(try XLSXWriter.write(sheets: [Self.register]))
        let sheet = String(decoding: try #require(try package.part("xl/worksheets/sheet1.xml")), as: UTF8.self)
        #expect(sheet.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        #expect(sheet.contains("<autoFilter ref=\"A1:F4\"/>"))
        #expect(sheet.contains("<dimension ref=\"A1:F4\"/>"))
        // 标题: 28 CJK characters = 56 units, capped at 50; 序号 header: 4 + 2 (filter button) + 2 → 8.
        #expect(sheet.contains("<col min=\"1\" max=\"1\" width=\"8.0\" customWidth=\"1\"/>"))
        #expect(sheet.contains("<col min=\"3\" max=\"3\" width=\"50.0\" customWidth=\"1\"/>"))
        #expect(sheet.contains("<c r=\"A1\" s=\"1\" t=\"inlineStr\"><is><t>序号</t></is></c>"))
        #expect(sheet.contains("<c r=\"D2\" s=\"2\"><v>45058</v></c>"))
        #expect(sheet.contains("<c r=\"E2\" s=\"4\"><v>1200.5</v></c>"))
        #expect(sheet.contains("<t xml:space=\"preserve\">  前后有空格  </t>"))
        #expect(sheet.contains("_x005F_x0041_"))
        let workbook = String(decoding: try #require(try package.part("xl/workbook.xml")), as: UTF8.self)
        #expect(workbook.contains("<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"0\" hidden=\"1\">&apos;规范性文件登记&apos;!$A$1:$F$4</definedName>"))
        let styles = String(decoding: try #require(try package.part("xl/styles.xml")), as: UTF8.self)
        #expect(styles.contains("formatCode=\"yyyy\\-mm\\-dd\""))
        #expect(styles.contains("<b/>"))
        #expect(styles.contains("wrapText=\"1\""))
    }

    @Test func wrappedRowsGetTheirHeight() throws {
        #expect(XLSXWriter.lineCount([.text("短"), .integer(1)], widths: [10, 10]) == 1)
        #expect(XLSXWriter.lineCount([.text("第一行\n第二行")], widths: [10]) == 2)
        #expect(XLSXWriter.lineCount([.text(String(repeating: "凤", count: 30))], widths: [21]) == 3)
        #expect(XLSXWriter.lineCount([.text(String(repeating: "\n", count: 100))], widths: [10]) == 27)
        var package = try XLSXReader.Package(try XLSXWriter.write(sheets: [Self.register]))
        let sheet = String(decoding: try #require(try package.part("xl/worksheets/sheet1.xml")), as: UTF8.self)
        // Row 2's title is 56 units in a 50-unit column; row 3's has a line break; row 4 fits.
        #expect(sheet.contains("<row r=\"2\" ht=\"30\" customHeight=\"1\">"))
        #expect(sheet.contains("<row r=\"3\" ht=\"30\" customHeight=\"1\">"))
        #expect(sheet.contains("<row r=\"4\">"))
    }

    @Test func explicitColumnWidthsWin() throws {
        let sheet = XLSXSheet(name: "a", header: ["甲", "乙", "丙"], rows: [], columnWidths: [30, -1])
        let widths = XLSXWriter.columnWidths(sheet, columnCount: 3)
        #expect(widths == [30, 6, 6])
    }

    @Test(arguments: [
        ("凤凰县", 6), ("abc", 3), ("第一行\n第二行很长", 10), ("〔2023〕", 8), ("𠮷", 2), ("", 0),
    ])
    func displayWidthCountsCJKAsTwo(_ text: String, _ width: Int) {
        #expect(XLSXWriter.displayWidth(text) == width)
    }

    @Test(arguments: [
        (Decimal(string: "1200.50")!, "<c r=\"A1\" s=\"4\"><v>1200.5</v></c>"),
        (Decimal(string: "-0.000001")!, "<c r=\"A1\" s=\"4\"><v>-0.000001</v></c>"),
        (Decimal(string: "123456789012345")!, "<c r=\"A1\" s=\"4\"><v>123456789012345</v></c>"),
        (Decimal(string: "1E+20")!, "<c r=\"A1\" s=\"4\"><v>100000000000000000000</v></c>"),
        (Decimal(string: "1234567890123456")!, "<c r=\"A1\" s=\"4\" t=\"inlineStr\"><is><t>1234567890123456</t></is></c>"),
        (Decimal.nan, ""),
    ])
    func numbersAreExact(_ value: Decimal, _ xml: String) {
        #expect(XLSXWriter.cell(.number(value), reference: "A1") == xml)
    }

    @Test func integersBeyondFifteenDigitsBecomeText() {
        #expect(XLSXWriter.cell(.integer(999_999_999_999_999), reference: "B2") == "<c r=\"B2\" s=\"4\"><v>999999999999999</v></c>")
        #expect(XLSXWriter.cell(.integer(430_524_199_001_011_234), reference: "B2")
                == "<c r=\"B2\" s=\"4\" t=\"inlineStr\"><is><t>430524199001011234</t></is></c>")
    }

    @Test(arguments: [
        ("1900-01-01", 1), ("1900-02-28", 59), ("1900-03-01", 61), ("1970-01-01", 25569),
        ("2024-02-29", 45351), ("9999-12-31", 2_958_465),
    ])
    func dateSerials(_ iso: String, _ serial: Int) throws {
        let date = try #require(LocalDate(iso: iso))
        #expect(ExcelDate.serial(date) == serial)
        #expect(ExcelDate.date(serial: serial, date1904: false) == date)
    }

    @Test func datesExcelCannotShowAreText() throws {
        #expect(ExcelDate.serial(LocalDate(year: 1899, month: 12, day: 31)!) == nil)
        #expect(XLSXWriter.cell(.date(LocalDate(year: 1800, month: 1, day: 1)!), reference: "A1")
                == "<c r=\"A1\" s=\"4\" t=\"inlineStr\"><is><t>1800-01-01</t></is></c>")
        #expect(ExcelDate.date(serial: 60, date1904: false) == nil)  // Excel's phantom 1900-02-29
        #expect(ExcelDate.date(serial: 0, date1904: true) == LocalDate(year: 1904, month: 1, day: 1))
    }

    @Test(arguments: [
        (["登记表"], ["登记表"]),
        (["a[1]:b*?/\\c"], ["a_1__b____c"]),
        (["", "  "], ["Sheet1", "Sheet2"]),
        (["'引号'"], ["引号"]),
        (["History"], ["History_"]),
        (["数据", "数据", "DATA", "data"], ["数据", "数据(2)", "DATA", "data(2)"]),
        (["一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三"], ["一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一"]),
        (["一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三", "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一"],
         ["一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一", "一二三四五六七八九十一二三四五六七八九十一二三四五六七八(2)"]),
        (["ab\u{1}c"], ["abc"]),
    ])
    func sheetNamesFollowExcelRules(_ wanted: [String], _ expected: [String]) {
        let names = XLSXWriter.sheetNames(wanted)
        #expect(names == expected)
        #expect(names.allSatisfy { $0.utf16.count <= 31 })
    }

    @Test func xmlTextRules() {
        #expect(XMLText.escape("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&apos;")
        #expect(XMLText.cleaned("a\r\nb\rc\u{0}\u{1F}\u{FFFE}\td") == "a\nb\nc\td")
        #expect(XMLText.escapeUnderscoreHex("_x0041_ and _x00_") == "_x005F_x0041_ and _x00_")
        #expect(XMLText.unescapeUnderscoreHex("_x005F_x0041_") == "_x0041_")
        #expect(XMLText.unescapeUnderscoreHex("a_x000D_b_x0041_") == "a\rbA")
        #expect(XMLText.unescapeUnderscoreHex("_xD842__xDFB7_") == "𠮷")
        #expect(XMLText.unescapeUnderscoreHex("_xD842_x") == "x")
    }

    @Test func longTextIsTruncatedToExcelsLimit() throws {
        let long = String(repeating: "凤", count: 40_000)
        let table = try Self.readBack([XLSXSheet(name: "a", header: ["长"], rows: [[.text(long)]])])
        let cell = table.rows[0][0]
        #expect(cell.utf16.count == XLSXWriter.maxCellText)
        #expect(cell.hasSuffix(XLSXWriter.truncationMark))
    }

    @Test func sameInputGivesSameBytes() throws {
        #expect(try XLSXWriter.write(sheets: [Self.register]) == XLSXWriter.write(sheets: [Self.register]))
    }

    @Test func severalSheetsAndEmptySheets() throws {
        let second = XLSXSheet(name: "第二", header: ["x"], rows: [[.text("y")]])
        let table = try Self.readBack([Self.register, second])
        #expect(table.header.first == "序号")
        #expect(throws: XLSXReadError.empty) { try Self.readBack([XLSXSheet(name: "空", header: [], rows: [])]) }
        #expect(throws: XLSXWriteError.noSheets) { try XLSXWriter.write(sheets: []) }
    }

    @Test func gapsAndWideRowsAreKept() throws {
        let sheet = XLSXSheet(name: "宽", header: ["a", "b"], rows: [
            [.text("1"), .empty, .empty, .text("远")],
            [.empty, .empty],
            [.empty, .integer(7)],
        ])
        let table = try Self.readBack([sheet])
        #expect(table.header == ["a", "b", "", ""])
        #expect(table.rows == [["1", "", "", "远"], ["", "7", "", ""]])
        #expect(table.rowNumbers == [2, 4])
    }
}
