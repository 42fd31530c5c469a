import Foundation
import ZIPFoundation

/// An Office Open XML package (XLSX, DOCX): a zip archive of XML parts, deflated, every entry stamped with one
/// fixed time so the same content always gives the same bytes. ZIPFoundation writes it; reading uses our own
/// bounds-checked ZipArchive (ZIPFoundation crashes on hostile files on Linux).
enum OOXMLPackage {
    static let entryDate = Date(timeIntervalSince1970: 946_684_800)  // 2000-01-01

    /// Why the archive could not be written, in words for the error message.
    struct Failure: Error { let reason: String }

    static func zip(_ parts: [(path: String, xml: String)]) throws(Failure) -> Data {
        do {
            let archive = try Archive(accessMode: .create)
            for part in parts {
                let data = Data(part.xml.utf8)
                try archive.addEntry(with: part.path, type: .file, uncompressedSize: Int64(data.count),
                                     modificationDate: entryDate, compressionMethod: .deflate) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else { throw Failure(reason: "内存归档为空") }
            return data
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(reason: String(describing: error))
        }
    }
}
