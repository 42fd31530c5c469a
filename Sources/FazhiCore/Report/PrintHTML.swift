import Foundation

/// An official document as one standalone, print-ready HTML page: inline CSS only (no scripts, no
/// external resources), A4 pages with GB/T 9704-2012's margins when printed, a paper-like centred sheet
/// on screen. The same layout as DocxWriter: 16 pt body on a 28.95 pt line, 28 characters a line.
public enum PrintHTML {
    public static func render(_ document: OfficialDocument, lang: String = "zh-CN") -> String {
        typealias Layout = OfficialDocumentLayout
        var html = "<!DOCTYPE html>\n<html lang=\"\(escape(lang))\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<title>" + escape(document.titleLines.joined()) + "</title>\n"
        html += "<style>\n" + stylesheet + "</style>\n</head>\n<body>\n<article class=\"page\">\n"

        html += "<h1 class=\"title\">" + document.titleLines.map(escape).joined(separator: "<br>") + "</h1>\n"
        if let recipient = document.recipientLine {
            html += "<p class=\"recipient\">" + escape(recipient) + "</p>\n"
        }
        for block in document.blocks {
            switch block {
            case .heading(_, let text):
                // h2…h5: the document's own title is h1.
                let level = block.headingLevel ?? 1
                html += "<h\(level + 1) class=\"heading-\(level)\">" + escapeLines(text) + "</h\(level + 1)>\n"
            case .paragraph(let runs):
                html += "<p>"
                for run in runs {
                    switch run {
                    case .text(let text):
                        html += escapeLines(text)
                    case .figure(let key, let text):
                        html += "<span class=\"figure\" data-key=\"" + escape(key) + "\">" + escapeLines(text) + "</span>"
                    }
                }
                html += "</p>\n"
            }
        }
        // GB/T 9704-2012 7.3.5.2, the same indents as the Word file.
        let signatories = document.signatoryLines
        let indents = Layout.signatureIndents(signatories: signatories, date: document.writtenDate)
        html += "<div class=\"signature\">\n"
        for signatory in signatories {
            html += "<p class=\"signatory\" style=\"margin-right: \(points(characters: indents.signatories))\">"
                + escape(signatory) + "</p>\n"
        }
        html += "<p class=\"date\" style=\"margin-right: \(points(characters: indents.date))\">"
            + "<time datetime=\"\(document.date.description)\">" + escape(document.writtenDate) + "</time></p>\n"
        html += "</div>\n</article>\n</body>\n</html>\n"
        return html
    }

    /// One character's advance, in points: 16 pt condensed by 0.3 pt, as in the Word file (15.7 pt; 28 of
    /// them fit the 156 mm line, 29 do not).
    static var cell: Double { Double(OfficialDocumentLayout.characterAdvance) / 20 }

    static func points(characters: Double) -> String {
        format(characters * cell) + "pt"
    }

    static func format(_ value: Double) -> String {
        String(format: "%.2f", value)
    }

    /// The CSS. Page numbers use @page margin boxes (GB/T 9704-2012 7.5: odd pages right, even pages left,
    /// about 7 mm under the text block); browsers without margin boxes print none. Letter spacing condenses
    /// each 16 pt character to 15.7 pt like the Word file's character spacing; text-indent is two of those
    /// characters, not 2em, so the first line keeps its 26 and its characters stand in the next lines' columns.
    static let stylesheet: String = {
        typealias Layout = OfficialDocumentLayout
        let line = format(Double(Layout.linePitch) / 20) + "pt"  // 28.95pt
        let squeeze = format(Double(Layout.characterSpacing) / 20) + "pt"  // −0.30pt
        let indent = points(characters: 2)
        let fangsong = "\"仿宋_GB2312\", \"FangSong_GB2312\", \"仿宋\", \"FangSong\", \"STFangsong\", \"Noto Serif CJK SC\", \"Source Han Serif SC\", serif"
        let kaiti = "\"楷体_GB2312\", \"KaiTi_GB2312\", \"楷体\", \"KaiTi\", \"STKaiti\", \"Noto Serif CJK SC\", serif"
        let heiti = "\"黑体\", \"SimHei\", \"STHeiti\", \"Noto Sans CJK SC\", \"Source Han Sans SC\", sans-serif"
        let xiaobiaosong = "\"方正小标宋简体\", \"FZXiaoBiaoSong-B05S\", \"方正小标宋_GBK\", \"华文中宋\", \"STZhongsong\", \"Noto Serif CJK SC\", serif"
        let songti = "\"宋体\", \"SimSun\", \"STSong\", \"Noto Serif CJK SC\", serif"
        return """
        @page { size: A4; margin: 37mm 26mm 35mm 28mm; }
        @page :right { @bottom-right { content: "— " counter(page) " —"; font-family: \(songti); font-size: 14pt; padding-right: 14pt; vertical-align: top; padding-top: 4.5mm; } }
        @page :left { @bottom-left { content: "— " counter(page) " —"; font-family: \(songti); font-size: 14pt; padding-left: 14pt; vertical-align: top; padding-top: 4.5mm; } }
        html { background: #e8e8e8; }
        body { margin: 0; padding: 24px 0; color: #000; }
        .page { box-sizing: border-box; width: 210mm; min-height: 297mm; margin: 0 auto; padding: 37mm 26mm 35mm 28mm;
          background: #fff; box-shadow: 0 1px 6px rgba(0, 0, 0, 0.3);
          font-family: \(fangsong); font-size: 16pt; line-height: \(line); letter-spacing: \(squeeze);
          text-align: justify; text-spacing-trim: space-all; text-autospace: no-autospace; font-kerning: none; }
        .page h1, .page h2, .page h3, .page h4, .page h5, .page p { margin: 0; font-size: 16pt; font-weight: normal; line-height: \(line); }
        .page p, .page h2, .page h3, .page h4, .page h5 { text-indent: \(indent); }
        .page h1.title { font-family: \(xiaobiaosong); font-size: 22pt; text-align: center; margin-bottom: \(line); }
        .page .recipient { text-indent: 0; }
        .page h2 { font-family: \(heiti); }
        .page h3 { font-family: \(kaiti); }
        .page h4 { font-weight: bold; }
        .page h2, .page h3, .page h4, .page h5 { break-after: avoid; page-break-after: avoid; }
        .page .figure { font: inherit; }
        .page .signature { margin-top: \(line); break-inside: avoid; page-break-inside: avoid; }
        .page .signature p { text-indent: 0; text-align: right; }
        @media print {
          html { background: none; }
          body { padding: 0; }
          .page { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
        }

        """
    }()

    /// Text for element content and attribute values: XML-forbidden characters dropped, markup escaped.
    static func escape(_ text: String) -> String {
        XMLText.escape(XMLText.cleaned(text))
    }

    /// As `escape`, with line breaks kept as <br>.
    static func escapeLines(_ text: String) -> String {
        XMLText.cleaned(text).split(separator: "\n", omittingEmptySubsequences: false)
            .map { XMLText.escape(String($0)) }.joined(separator: "<br>")
    }
}
