import Foundation
import Testing
@testable import FazhiCore

@Suite("XLSX import")
struct XLSXReaderTests {
    // MARK: - Files from other tools

    @Test(arguments: ["openpyxl.xlsx", "libreoffice.xlsx", "reordered.xlsx"])
    func workbooksFromOtherToolsRead(_ file: String) throws {
        let expected = try ExportFixtures.json(ExportFixtures.ExpectedTable.self, "expected.json")
        let table = try XLSXReader.firstSheet(try ExportFixtures.bytes(file))
        var rows = expected.rows
        if file != "openpyxl.xlsx" { rows[2][5] = "2" }  // LibreOffice stored the result of =1+1; openpyxl none
        #expect(table.header == expected.header)
        #expect(table.rows == rows)
        #expect(table.rowNumbers == expected.rowNumbers)
    }

    // MARK: - Hand-made packages

    static let workbookXML = """
        <?xml version="1.0" encoding="UTF-8"?>
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
        <sheets><sheet name="甲" sheetId="1" r:id="rId7"/></sheets></workbook>
        """

    static let workbookRels = """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/data.xml"/>\
        <Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/>\
        <Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
        <Relationship Id="rId10" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="http://example.invalid/" TargetMode="External"/>\
        </Relationships>
        """

    static let stylesXML = """
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <numFmts count="2"><numFmt numFmtId="170" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>\
        <numFmt numFmtId="171" formatCode="0.00_);[Red]\\(0.00\\)"/></numFmts>\
        <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>\
        <cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="170"/><xf numFmtId="171"/><xf numFmtId="20"/></cellXfs>\
        </styleSheet>
        """

    static let sharedStringsXML = """
        <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">\
        <si><t>文号</t></si>\
        <si><r><rPr><b/></rPr><t>凤政发</t></r><r><t xml:space="preserve">〔2023〕12号</t></r>\
        <rPh sb="0" eb="1"><t>フリガナ</t></rPh><phoneticPr fontId="1"/></si>\
        <si><t>换行_x000D_\n第二行</t></si>\
        <si><t><![CDATA[<不是标签> & 符号]]></t></si>\
        </sst>
        """

    static func package(sheet: String, sharedStrings: String? = sharedStringsXML, styles: String? = stylesXML,
                        workbook: String = workbookXML, rels: String = workbookRels,
                        extra: [(path: String, xml: String)] = []) throws -> [UInt8] {
        var parts: [(path: String, xml: String)] = [
            ("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
            ("_rels/.rels", XLSXWriter.rootRelationships),
            ("xl/workbook.xml", workbook),
            ("xl/_rels/workbook.xml.rels", rels),
            ("xl/worksheets/data.xml", sheet),
        ]
        if let sharedStrings { parts.append(("xl/strings.xml", sharedStrings)) }
        if let styles { parts.append(("xl/styles.xml", styles)) }
        return try XLSXWriter.package(parts + extra)
    }

    static func sheet(_ rows: String, prefix: String = "") -> String {
        let p = prefix.isEmpty ? "" : prefix + ":"
        let ns = prefix.isEmpty ? "xmlns" : "xmlns:\(prefix)"
        return "<\(p)worksheet \(ns)=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><\(p)sheetData>"
            + rows + "</\(p)sheetData></\(p)worksheet>"
    }

    @Test func cellTypesGapsAndRowNumbers() throws {
        let xml = Self.sheet("""
            <row r="3"><c r="A3" t="s"><v>0</v></c><c r="C3" t="inlineStr"><is><t>日期</t></is></c><c r="D3" t="str"><v>其他</v></c></row>
            <row r="4"><c r="A4" t="s"><v>1</v></c><c r="C4" s="1"><v>45351</v></c><c r="D4" t="b"><v>1</v></c><c r="E4" s="3"><v>1.0000000000000001E-2</v></c></row>
            <row r="5" spans="1:5"><c r="A5" t="s" s="0"><v>2</v></c><c r="C5" s="2"><v>45657</v></c><c r="D5" t="e"><v>#N/A</v></c></row>
            <row r="6"><c r="B6" s="1"/><c r="C6"><f>SUM(A1:A2)</f></c></row>
            <row r="9"><c t="s"><v>3</v></c><c><v>0.30000000000000004</v></c><c s="4"><v>0.5625</v></c><c t="d"><v>2024-03-01T00:00:00</v></c><c t="inlineStr"><is><r><t>富</t></r><r><t>文本</t></r></is></c></row>
            <row><c r="A10" t="b"><v>0</v></c><c r="C10"><v>1.5E+21</v></c><c r="D10" s="1"><v>45351.75</v></c></row>
            """)
        let table = try XLSXReader.firstSheet(try Self.package(sheet: xml))
        #expect(table.header == ["文号", "", "日期", "其他", ""])
        #expect(table.rows == [
            ["凤政发〔2023〕12号", "", "2024-02-29", "TRUE", "0.01"],
            ["换行\r\n第二行", "", "2024-12-31", "#N/A", ""],
            ["<不是标签> & 符号", "0.3", "13:30", "2024-03-01", "富文本"],
            ["FALSE", "", "1500000000000000000000", "2024-02-29", ""],
        ])
        #expect(table.rowNumbers == [4, 5, 9, 10])
    }

    @Test func rowsAndCellsWithoutReferencesCountEmptyOnes() throws {
        let xml = Self.sheet("""
            <row><c t="inlineStr"><is><t>a</t></is></c><c/><c t="inlineStr"><is><t>c</t></is></c></row>
            <row r="4"/>
            <row><c><v>1</v></c><c s="1"/><c><v>3</v></c></row>
            """)
        let table = try XLSXReader.firstSheet(try Self.package(sheet: xml))
        #expect(table.header == ["a", "", "c"])
        #expect(table.rows == [["1", "", "3"]])
        #expect(table.rowNumbers == [5])
    }

    @Test func namespacePrefixedSheetAndMissingOptionalParts() throws {
        let xml = Self.sheet("<x:row r=\"1\"><x:c r=\"B1\" t=\"inlineStr\"><x:is><x:t>标题</x:t></x:is></x:c></x:row>"
                             + "<x:row r=\"2\"><x:c r=\"B2\"><x:v>42</x:v></x:c></x:row>", prefix: "x")
        let table = try XLSXReader.firstSheet(try Self.package(sheet: xml, sharedStrings: nil, styles: nil))
        #expect(table.header == ["", "标题"])
        #expect(table.rows == [["", "42"]])
    }

    @Test func date1904Workbooks() throws {
        let workbook = Self.workbookXML.replacingOccurrences(of: "<sheets>", with: "<workbookPr date1904=\"1\"/><sheets>")
        let xml = Self.sheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>日期</t></is></c></row><row r=\"2\"><c r=\"A2\" s=\"1\"><v>43889</v></c></row>")
        let table = try XLSXReader.firstSheet(try Self.package(sheet: xml, workbook: workbook))
        #expect(table.rows == [["2024-02-29"]])
    }

    @Test(arguments: [
        ("General", XLSXReader.FormatKind.general),
        ("0.00", .general), ("#,##0.00_);[Red](#,##0.00)", .general), ("0.00E+00", .general), ("@", .general),
        ("0.0%", .general), ("\"天\"0", .general),
        ("yyyy-mm-dd", .date), ("yyyy/m/d", .date), ("yyyy\"年\"m\"月\"d\"日\"", .date), ("yyyy\\年m\\月d\\日", .date),
        ("[$-804]yyyy\"年\"m\"月\"", .date), ("mmm-yy", .date), ("[DBNum1][$-804]yyyy\"年\"m\"月\"d\"日\"", .date),
        ("yyyy-mm-dd hh:mm", .dateTime), ("m/d/yy h:mm AM/PM", .dateTime),
        ("hh:mm:ss", .time), ("[h]:mm", .time), ("mm:ss", .time), ("h\"时\"mm\"分\"", .time),
        ("0.00;[Red]-0.00;\"零\";@", .general), ("yyyy-mm-dd;@", .date),
    ])
    func numberFormatKinds(_ code: String, _ kind: XLSXReader.FormatKind) {
        #expect(XLSXReader.NumberFormats.kind(ofCode: code) == kind)
    }

    @Test(arguments: [
        (14, XLSXReader.FormatKind.date), (17, .date), (22, .dateTime), (18, .time), (21, .time),
        (31, .date), (32, .time), (57, .date), (0, .general), (9, .general), (49, .general),
    ])
    func builtInFormatKinds(_ id: Int, _ kind: XLSXReader.FormatKind) {
        #expect(XLSXReader.NumberFormats.builtInKind(id) == kind)
    }

    @Test(arguments: [
        ("12", "12"), ("1200.50", "1200.5"), ("-0.5", "-0.5"), ("0.30000000000000004", "0.3"),
        ("1.0000000000000001E-2", "0.01"), ("13800138000", "13800138000"), ("1.3800138E+10", "13800138000"),
        ("123456789012345678", "123456789012346000"), ("1E-7", "0.0000001"), ("abc", "abc"), ("NaN", "NaN"),
    ])
    func numbersShowAsExcelShowsThem(_ raw: String, _ shown: String) {
        #expect(Numbers.display(raw) == shown)
    }

    @Test(arguments: [
        (45351.0, XLSXReader.FormatKind.date, "2024-02-29"),
        (45351.75, .date, "2024-02-29"),
        (45351.75, .dateTime, "2024-02-29 18:00"),
        (45351.0, .dateTime, "2024-02-29"),
        (0.5, .time, "12:00"),
        (0.50001, .time, "12:00:01"),
        (45351.999999999, .date, "2024-03-01"),
    ])
    func serialsShowAsDates(_ serial: Double, _ kind: XLSXReader.FormatKind, _ text: String) {
        #expect(ExcelDate.text(serial, kind: kind, date1904: false) == text)
    }

    @Test func outOfRangeSerialStaysANumber() throws {
        let xml = Self.sheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>日期</t></is></c></row><row r=\"2\"><c r=\"A2\" s=\"1\"><v>-5</v></c><c r=\"B2\" s=\"1\"><v>99999999</v></c></row>")
        let table = try XLSXReader.firstSheet(try Self.package(sheet: xml))
        #expect(table.rows == [["-5", "99999999"]])
    }

    @Test func onlyHiddenSheetsFallBackToTheFirst() throws {
        let workbook = Self.workbookXML.replacingOccurrences(of: "r:id=\"rId7\"", with: "r:id=\"rId7\" state=\"veryHidden\"")
        let xml = Self.sheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>隐藏</t></is></c></row>")
        #expect(try XLSXReader.firstSheet(try Self.package(sheet: xml, workbook: workbook)).header == ["隐藏"])
    }

    @Test(arguments: [
        ("xl", "worksheets/a.xml", "xl/worksheets/a.xml"),
        ("xl", "/xl/worksheets/a.xml", "xl/worksheets/a.xml"),
        ("xl", "../xl/./worksheets/a.xml", "xl/worksheets/a.xml"),
        ("", "xl/workbook.xml", "xl/workbook.xml"),
        ("xl", "../../../etc/passwd", "etc/passwd"),
    ])
    func relationshipTargetsResolve(_ directory: String, _ target: String, _ path: String) {
        #expect(XLSXReader.Package.resolve(target, from: directory) == path)
    }

    // MARK: - Refusals

    @Test(arguments: [
        ([UInt8](), XLSXReadError.notZip),
        (Array("序号,文号\n1,2\n".utf8), .notZip),
        ([0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0], .notZip),
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0], .legacyOrEncrypted),
    ] as [([UInt8], XLSXReadError)])
    func nonWorkbooksAreRefused(_ bytes: [UInt8], _ error: XLSXReadError) {
        #expect(throws: error) { try XLSXReader.firstSheet(bytes) }
    }

    @Test func missingPartsAreNamed() throws {
        let noWorkbook = try XLSXWriter.package([("[Content_Types].xml", "<Types/>"), ("_rels/.rels", XLSXWriter.rootRelationships)])
        #expect(throws: XLSXReadError.missingPart("xl/workbook.xml")) { try XLSXReader.firstSheet(noWorkbook) }

        let noSheet = try XLSXWriter.package([("xl/workbook.xml", Self.workbookXML), ("xl/_rels/workbook.xml.rels", Self.workbookRels)])
        #expect(throws: XLSXReadError.missingPart("xl/worksheets/data.xml")) { try XLSXReader.firstSheet(noSheet) }

        let noRels = try XLSXWriter.package([("xl/workbook.xml", Self.workbookXML)])
        #expect(throws: XLSXReadError.missingPart("xl/_rels/workbook.xml.rels")) { try XLSXReader.firstSheet(noRels) }

        let noSheets = Self.workbookXML.replacingOccurrences(of: "<sheet name=\"甲\" sheetId=\"1\" r:id=\"rId7\"/>", with: "")
        #expect(throws: XLSXReadError.noWorksheet) { try XLSXReader.firstSheet(try Self.package(sheet: Self.sheet(""), workbook: noSheets)) }
        #expect(throws: XLSXReadError.empty) { try XLSXReader.firstSheet(try Self.package(sheet: Self.sheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>  </t></is></c></row>"))) }
    }

    @Test(arguments: [
        "<worksheet><sheetData><row><c><v>1</v></c></row></sheetData>",            // unclosed
        "<worksheet><sheetData></row></sheetData></worksheet>",                     // mismatched
        "<worksheet a=1/>",                                                         // unquoted attribute
        "<worksheet/><worksheet/>",                                                  // two roots
        "text<worksheet/>",
        "<worksheet>&unknown;</worksheet>",
        "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&#0;</t></is></c></row></sheetData></worksheet>",
        "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&#xD800;</t></is></c></row></sheetData></worksheet>",
        "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]><worksheet>&lol2;</worksheet>",
        "<!DOCTYPE x SYSTEM \"file:///etc/passwd\"><worksheet/>",
        "<worksheet><!-- never closed </worksheet>",
        "",
        String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300),
        "<worksheet><sheetData><row><c t=\"s\"><v>99</v></c></row></sheetData></worksheet>",    // no such shared string
        "<worksheet><sheetData><row><c t=\"s\"><v>x</v></c></row></sheetData></worksheet>",
    ])
    func malformedSheetsAreRefused(_ xml: String) throws {
        let bytes = try Self.package(sheet: xml)
        do {
            _ = try XLSXReader.firstSheet(bytes)
            Issue.record("accepted: \(xml.prefix(60))")
        } catch {
            guard case .malformed(let part, let detail) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(part == "xl/worksheets/data.xml")
            #expect(!detail.isEmpty)
            #expect(error.message.hasPrefix("工作簿已损坏"))
        }
    }

    @Test func defaultLimits() {
        let limits = XLSXReader.Limits()
        #expect(limits.uncompressedBytes == 50 * 1024 * 1024)
        #expect(limits.rows == 200_000)
        #expect(limits.cells == 10_000_000)
    }

    @Test func zipBombIsRefused() throws {
        // 8 MB of one repeated row compresses to a few KB; the limit is lowered to 4 MB to keep the test fast
        // (the default is 50 MB, see defaultLimits).
        let row = "<row><c t=\"inlineStr\"><is><t>凤凰县</t></is></c></row>"
        let sheet = Self.sheet(String(repeating: row, count: 8 * 1024 * 1024 / row.utf8.count))
        let bytes = try Self.package(sheet: sheet)
        #expect(bytes.count < 200 * 1024)
        var limits = XLSXReader.Limits()
        limits.uncompressedBytes = 4 * 1024 * 1024
        #expect(throws: XLSXReadError.tooLarge(limitMB: 4)) { try XLSXReader.firstSheet(bytes, limits: limits) }
        limits.uncompressedBytes = 9 * 1024 * 1024
        #expect(try XLSXReader.firstSheet(bytes, limits: limits).rows.count > 100_000)
    }

    @Test func tooManyRowsAreRefused() throws {
        var limits = XLSXReader.Limits()
        limits.rows = 1000
        let rows = { (count: Int) in
            (1...count).map { "<row r=\"\($0)\"><c r=\"A\($0)\"><v>1</v></c></row>" }.joined()
        }
        #expect(try XLSXReader.firstSheet(try Self.package(sheet: Self.sheet(rows(1001))), limits: limits).rows.count == 1000)
        let bytes = try Self.package(sheet: Self.sheet(rows(1002)))
        #expect(throws: XLSXReadError.tooManyRows(limit: 1000)) { try XLSXReader.firstSheet(bytes, limits: limits) }
    }

    @Test func farAwayCellsCannotBlowUpTheGrid() throws {
        // 2,000 rows each reaching column XFD would be 32 million cells.
        let rows = (1...2000).map { "<row r=\"\($0)\"><c r=\"XFD\($0)\"><v>1</v></c></row>" }.joined()
        let bytes = try Self.package(sheet: Self.sheet(rows))
        #expect(throws: XLSXReadError.tooManyCells(limit: 10_000_000)) { try XLSXReader.firstSheet(bytes) }
    }

    @Test func mutatedPackagesNeverTrap() throws {
        let original = try XLSXWriter.write(sheets: [XLSXWriterTests.register])
        var generator = ExportSeededGenerator(seed: 4180)
        var refused = 0
        for round in 0..<400 {
            var bytes = original
            if round % 4 == 0 {
                bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &generator)))
            } else {
                for _ in 0..<Int.random(in: 1...8, using: &generator) {
                    bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
                }
            }
            do { _ = try XLSXReader.firstSheet(bytes) } catch { refused += 1 }
        }
        #expect(refused > 100)
    }

    @Test func mutatedXMLNeverTraps() throws {
        let xml = Array(XLSXWriter.worksheet(XLSXWriterTests.register).utf8)
        let alphabet = Array("<>/=\"'&;#x:![]?- abc".utf8)
        var generator = ExportSeededGenerator(seed: 1234)
        for _ in 0..<300 {
            var mutated = xml
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                let index = Int.random(in: 0..<mutated.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: mutated[index] = alphabet.randomElement(using: &generator)!
                case 1: mutated.remove(at: index)
                default: mutated.insert(alphabet.randomElement(using: &generator)!, at: index)
                }
            }
            let sheet = String(decoding: mutated, as: UTF8.self)
            _ = try? XLSXReader.firstSheet(try Self.package(sheet: sheet))
        }
    }
}
