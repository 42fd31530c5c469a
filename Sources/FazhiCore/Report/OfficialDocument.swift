import Foundation

/// An official document (公文) as GB/T 9704-2012 lays it out: title, optional recipient line, body of
/// headings and paragraphs, the issuing bodies and the date. Only the parts a report or notice issued
/// without a red letterhead (版头) needs; DocxWriter and PrintHTML render it.
public struct OfficialDocument: Sendable, Hashable {
    /// A stretch of paragraph text. A figure stays its own run in every rendering, so a reader (or a test)
    /// can find the number the statistics catalogue gave, under its key.
    public enum Run: Sendable, Hashable {
        case text(String)
        /// `key` is the statistics-catalogue key (e.g. "documents.issued"); `text` is what is printed ("43").
        case figure(key: String, text: String)

        public var text: String {
            switch self {
            case .text(let text), .figure(_, let text): return text
            }
        }
    }

    public enum Block: Sendable, Hashable {
        /// A structural heading, level 1 "一、", 2 "（一）", 3 "1.", 4 "（1）" (GB/T 9704-2012 7.3.3). The caller
        /// writes the numbering into `text`; levels outside 1...4 are rendered as the nearest level.
        case heading(level: Int, text: String)
        /// A natural paragraph (自然段), indented two characters.
        case paragraph([Run])

        /// A paragraph of plain text.
        public static func paragraph(_ text: String) -> Block { .paragraph([.text(text)]) }

        /// The level clamped to 1...4, nil for a paragraph.
        public var headingLevel: Int? {
            guard case .heading(let level, _) = self else { return nil }
            return Swift.min(Swift.max(level, 1), 4)
        }
    }

    /// The title; a "\n" splits a long title into lines (GB/T 9704-2012 7.3.1: 分一行或多行居中排布).
    public var title: String
    /// 主送机关, e.g. "各乡镇人民政府，县直各单位"; nil for a report published to the public. A closing full-width
    /// colon is added when missing (GB/T 9704-2012 7.3.2).
    public var recipient: String?
    public var blocks: [Block]
    /// 发文机关署名, one issuing body a line, the lead body first (GB/T 9704-2012 7.3.5.2).
    public var signatories: [String]
    /// 成文日期.
    public var date: LocalDate

    public init(title: String, recipient: String? = nil, blocks: [Block], signatories: [String], date: LocalDate) {
        self.title = title
        self.recipient = recipient
        self.blocks = blocks
        self.signatories = signatories
        self.date = date
    }

    /// The date as GB/T 9704-2012 7.3.5.1 writes it: Arabic numerals, the year in full, no leading zeros
    /// ("2021年3月16日").
    public var writtenDate: String { date.chinese }

    /// The recipient line as printed, with its closing full-width colon; nil when there is none.
    public var recipientLine: String? {
        guard let recipient else { return nil }
        let trimmed = recipient.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        if trimmed.hasSuffix("：") { return trimmed }
        if trimmed.hasSuffix(":") { return String(trimmed.dropLast()) + "：" }
        return trimmed + "："
    }

    /// Title lines, blank ones dropped.
    var titleLines: [String] {
        XMLText.cleaned(title).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Signatories with blank entries dropped.
    var signatoryLines: [String] {
        signatories.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }
}
