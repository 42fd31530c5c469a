import Foundation
import Testing
@testable import FazhiCore

@Suite("CSV import")
struct CSVReaderTests {
    @Test(arguments: [
        ("a,b,c", [["a", "b", "c"]]),
        ("a,b\r\nc,d\r\n", [["a", "b"], ["c", "d"]]),
        ("a,b\nc,d", [["a", "b"], ["c", "d"]]),
        ("a,b\rc,d\r", [["a", "b"], ["c", "d"]]),
        ("a,b\n\n\r\n  \nc,d\n", [["a", "b"], ["c", "d"]]),
        ("\"a,1\",\"他说\"\"同意\"\"\"\n", [["a,1", "他说\"同意\""]]),
        ("\"第一行\r\n第二行\",x\r\ny,z", [["第一行\r\n第二行", "x"], ["y", "z"]]),
        ("\"\",\"\"\n", [["", ""]]),
        (",,\n", [["", "", ""]]),
        ("a,\n", [["a", ""]]),
        ("a,", [["a", ""]]),
        ("\"abc\"def,g", [["abcdef", "g"]]),
        ("ab\"c,d", [["ab\"c", "d"]]),
        (" a , b ", [[" a ", " b "]]),
        ("\u{FEFF}序号,文号", [["序号", "文号"]]),
        ("序号\t文号\n1\t凤政发〔2023〕12号", [["序号", "文号"], ["1", "凤政发〔2023〕12号"]]),
        ("a\tb,c\n1\t2,3", [["a\tb", "c"], ["1\t2", "3"]]),
        ("\"a\tb\"\t\"c,d\"\n", [["a\tb", "c,d"]]),
        ("", []),
        ("\n\n", []),
    ])
    func parses(_ text: String, _ expected: [[String]]) throws {
        #expect(try CSVReader.parse(text) == expected)
    }

    @Test(arguments: [
        ("\"abc", 1),
        ("a,b\nc,\"d\ne,f\n", 2),
        ("a\r\n\r\nb,\"x\"\"", 3),
        ("a,b\n\"ok\"\n\"x\ny\nz", 3),
    ])
    func unterminatedQuoteNamesTheLine(_ text: String, _ line: Int) {
        #expect(throws: CSVReadError.unterminatedQuote(line: line)) { try CSVReader.parse(text) }
        #expect(CSVReadError.unterminatedQuote(line: line).message.hasPrefix("第 \(line) 行"))
    }

    @Test(arguments: [
        "register-gb18030.csv", "register-utf8.csv", "register-utf8-bom.csv", "register-utf16le.txt",
    ])
    func excelRegisterBecomesATable(_ file: String) throws {
        let expected = try ExportFixtures.json(ExportFixtures.ExpectedTable.self, "register.json")
        let table = try CSVReader.table(try ExportFixtures.bytes(file))
        #expect(table.header == expected.header)
        #expect(table.rows == expected.rows)
        #expect(table.rowNumbers == expected.rowNumbers)
        // Row 4's title spans two lines, so row 5 starts two lines later; the blank line after row 2 counts.
        #expect(table.rowNumbers == [2, 3, 5, 6, 8])
        #expect(table.location(row: 1, column: 1) == "第 3 行「文号」列")
    }

    @Test func tableTrimsCellsAndDropsEmptyRows() throws {
        let text = "  序号 , 文号 ,\u{3000}标题\r\n1, 凤政发〔2023〕12号 ,\u{3000}通知\u{3000}\r\n,,\r\n , ,\r\n2,,\r\n"
        let table = try CSVReader.table(Array(text.utf8))
        #expect(table.header == ["序号", "文号", "标题"])
        #expect(table.rows == [["1", "凤政发〔2023〕12号", "通知"], ["2", "", ""]])
        #expect(table.rowNumbers == [2, 5])
        #expect(table.columnIndex("文号") == 1)
        #expect(table.columnIndex("不存在") == nil)
        #expect(table[row: 1, column: 7] == "")
    }

    @Test func headerIsTheFirstNonBlankRow() throws {
        let table = try CSVReader.table(Array("\n,,\n序号,文号\n1,x\n".utf8))
        #expect(table.header == ["序号", "文号"])
        #expect(table.rowNumbers == [4])
    }

    @Test func raggedRowsKeepTheirLength() throws {
        let table = try CSVReader.table(Array("a,b,c\n1,2\n1,2,3,4\n".utf8))
        #expect(table.rows == [["1", "2"], ["1", "2", "3", "4"]])
    }

    @Test func exportReimportsUnchanged() throws {
        let header = ["序号", "文号", "标题", "备注"]
        let rows = [
            ["1", "凤政发〔2023〕12号", "关于印发《办法》的通知", "=SUM(A1:A2)"],
            ["2", "", "第一行\n第二行", "-15.25"],
            ["3", "a,b", "他说\"同意\"", "@home +86"],
        ]
        let table = try CSVReader.table(CSV.encode(header: header, rows: rows))
        #expect(table.header == header)
        #expect(table.rows == rows)
        #expect(table.rowNumbers == [2, 3, 5])
    }

    @Test(arguments: [
        ([UInt8](), CSVReadError.empty),
        (Array("\r\n,,\r\n  \r\n".utf8), .empty),
        ([0xFF, 0xFE, 0x00, 0xD8], .undecodable),
        ([0x81, 0x20, 0x41], .undecodable),
    ] as [([UInt8], CSVReadError)])
    func unreadableFilesAreRefused(_ bytes: [UInt8], _ error: CSVReadError) {
        #expect(throws: error) { try CSVReader.table(bytes) }
        #expect(!error.message.isEmpty)
    }

    @Test func tooManyRowsIsRefused() throws {
        var text = "a\n"
        text += String(repeating: "1\n", count: SheetTable.maxRows)
        #expect(try CSVReader.table(Array(text.utf8)).rows.count == SheetTable.maxRows)
        text += "1\n"
        #expect(throws: CSVReadError.tooManyRows(limit: SheetTable.maxRows)) { try CSVReader.table(Array(text.utf8)) }
    }

    @Test func defusedFormulaApostropheIsRemovedOnlyBeforeFormulaCharacters() {
        #expect(SheetTable.undoDefuse("'=1+1") == "=1+1")
        #expect(SheetTable.undoDefuse("'-1") == "-1")
        #expect(SheetTable.undoDefuse("'abc") == "'abc")
        #expect(SheetTable.undoDefuse("'") == "'")
        #expect(SheetTable.undoDefuse("=1") == "=1")
    }
}
