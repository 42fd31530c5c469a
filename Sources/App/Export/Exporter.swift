import FazhiCore
import Foundation
import Vapor

/// A list as people take it to Excel: one table, written as CSV (UTF-8 with BOM) or XLSX. Every export is
/// audited by the caller's route (docs/SECURITY.md item 11).
struct ExportTable: Sendable {
    var title: String
    var header: [String]
    var rows: [[XLSXCell]]

    func response(_ format: SiteURL.ExportFormat, filename: String) throws -> Response {
        let bytes: [UInt8]
        let contentType: String
        switch format {
        case .csv:
            bytes = CSV.encode(header: header, rows: rows.map { $0.map(Self.text) })
            contentType = "text/csv; charset=utf-8"
        case .xlsx:
            bytes = try XLSXWriter.write(sheets: [XLSXSheet(name: title, header: header, rows: rows)])
            contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        }
        let response = Response(status: .ok, body: .init(data: Data(bytes)))
        response.headers.replaceOrAdd(name: .contentType, value: contentType)
        let name = "\(filename).\(format.rawValue)"
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "export"
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"export.\(format.rawValue)\"; filename*=UTF-8''\(encoded)")
        return response
    }

    static func text(_ cell: XLSXCell) -> String {
        switch cell {
        case .text(let text): text
        case .number(let number): "\(number)"
        case .integer(let value): String(value)
        case .date(let date): date.description
        case .empty: ""
        }
    }
}

extension XLSXCell {
    static func optionalDate(_ date: LocalDate?) -> XLSXCell { date.map(XLSXCell.date) ?? .empty }
    static func optionalText(_ text: String?) -> XLSXCell { text.map(XLSXCell.text) ?? .empty }
}
