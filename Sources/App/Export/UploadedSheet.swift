import FazhiCore
import Foundation

/// An uploaded sheet, whichever form Excel saved it in: XLSX (a zip) or CSV (UTF-8 with or without BOM, or
/// GB18030). Every import reads through here.
enum UploadedSheet {
    /// The table and a description of the file's form for the import report ("XLSX", "CSV（GB18030）").
    static func table(_ bytes: [UInt8]) throws -> (SheetTable, String) {
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            do {
                return (try XLSXReader.firstSheet(bytes), "XLSX")
            } catch {
                throw Operations.Failure("无法读取 XLSX 文件：\(error)")
            }
        }
        do {
            let table = try CSVReader.table(bytes)
            return (table, "CSV（\(TextDecoding.decode(bytes)?.encoding.label ?? "")）")
        } catch {
            throw Operations.Failure("无法读取 CSV 文件：\(error)")
        }
    }
}
