import Foundation
import ZIPFoundation

public enum DocxWriteError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// A 公文 without a title is not one (GB/T 9704-2012 7.3.1).
    case missingTitle
    /// The ZIP library failed (out of memory).
    case packaging(String)

    public var message: String {
        switch self {
        case .missingTitle: return "导出失败：公文没有标题"
        case .packaging(let detail): return "导出失败：无法生成 DOCX 文件（\(detail)）"
        }
    }

    public var description: String { message }
    public var errorDescription: String? { message }
}

/// Writes an official document as a WordprocessingML package (ECMA-376, transitional) laid out per
/// GB/T 9704-2012: A4 with the standard's margins, 22 lines of 28 characters (exact 579-twip lines and
/// −0.3 pt character spacing, with the matching w:docGrid; see OfficialDocumentLayout for why both),
/// 3号仿宋 body, 2号小标宋 title, the four heading levels, page numbers "— 1 —" right on odd pages and
/// left on even ones.
///
/// Fonts. Each style names its Chinese font in w:eastAsia and Times New Roman for Latin text and digits
/// (the title and the first two heading levels use their Chinese font throughout; page numbers are 宋体,
/// GB/T 9704-2012 7.5). Machines without the 公文 fonts: Word first tries the font table's w:altName (the
/// font's English name, e.g. FangSong_GB2312), then the closest font by charset (86, GB2312), family
/// and panose, and Chinese Windows itself maps 仿宋_GB2312 → 仿宋 and 楷体_GB2312 → 楷体. LibreOffice reads
/// nothing from the font table but the charset; it asks fontconfig for the name, so on Linux install the
/// fonts or alias them (Tools/check-docx.sh aliases them to Noto Serif/Sans CJK SC for previews).
public enum DocxWriter {
    public static func write(_ document: OfficialDocument) throws(DocxWriteError) -> Data {
        guard !document.titleLines.isEmpty else { throw .missingTitle }
        let parts: [(path: String, xml: String)] = [
            ("[Content_Types].xml", contentTypes),
            ("_rels/.rels", rootRelationships),
            ("word/document.xml", self.document(document)),
            ("word/_rels/document.xml.rels", documentRelationships),
            ("word/styles.xml", styles),
            ("word/settings.xml", settings),
            ("word/fontTable.xml", fontTable),
            ("word/footer1.xml", footer(odd: true)),
            ("word/footer2.xml", footer(odd: false)),
            ("docProps/core.xml", coreProperties(document)),
            ("docProps/app.xml", appProperties),
        ]
        return try package(parts)
    }

    // MARK: - Package

    static func package(_ parts: [(path: String, xml: String)]) throws(DocxWriteError) -> Data {
        do { return try OOXMLPackage.zip(parts) } catch { throw .packaging(error.reason) }
    }

    static let xmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let mainNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let namespaces = "xmlns:w=\"\(mainNamespace)\" xmlns:r=\"\(relationshipNamespace)\""

    static let contentTypes: String = {
        let wordprocessing = "application/vnd.openxmlformats-officedocument.wordprocessingml."
        var xml = xmlDeclaration
        xml += "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        xml += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        xml += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        let overrides = [
            ("/word/document.xml", wordprocessing + "document.main+xml"),
            ("/word/styles.xml", wordprocessing + "styles+xml"),
            ("/word/settings.xml", wordprocessing + "settings+xml"),
            ("/word/fontTable.xml", wordprocessing + "fontTable+xml"),
            ("/word/footer1.xml", wordprocessing + "footer+xml"),
            ("/word/footer2.xml", wordprocessing + "footer+xml"),
            ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
            ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
        ]
        for (part, type) in overrides {
            xml += "<Override PartName=\"\(part)\" ContentType=\"\(type)\"/>"
        }
        return xml + "</Types>"
    }()

    static let rootRelationships = xmlDeclaration
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"\(relationshipNamespace)/officeDocument\" Target=\"word/document.xml\"/>"
        + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
        + "<Relationship Id=\"rId3\" Type=\"\(relationshipNamespace)/extended-properties\" Target=\"docProps/app.xml\"/>"
        + "</Relationships>"

    /// Relationship ids of word/document.xml.
    enum Relationship {
        static let styles = "rId1", settings = "rId2", fontTable = "rId3", oddFooter = "rId4", evenFooter = "rId5"
    }

    static let documentRelationships = xmlDeclaration
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"\(Relationship.styles)\" Type=\"\(relationshipNamespace)/styles\" Target=\"styles.xml\"/>"
        + "<Relationship Id=\"\(Relationship.settings)\" Type=\"\(relationshipNamespace)/settings\" Target=\"settings.xml\"/>"
        + "<Relationship Id=\"\(Relationship.fontTable)\" Type=\"\(relationshipNamespace)/fontTable\" Target=\"fontTable.xml\"/>"
        + "<Relationship Id=\"\(Relationship.oddFooter)\" Type=\"\(relationshipNamespace)/footer\" Target=\"footer1.xml\"/>"
        + "<Relationship Id=\"\(Relationship.evenFooter)\" Type=\"\(relationshipNamespace)/footer\" Target=\"footer2.xml\"/>"
        + "</Relationships>"

    static func coreProperties(_ document: OfficialDocument) -> String {
        // The date written is the document's own (成文日期), so the same document gives the same bytes.
        let stamp = document.date.description + "T00:00:00Z"
        var xml = xmlDeclaration
        xml += "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
            + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\""
            + " xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
        xml += "<dc:title>" + XMLText.escape(document.titleLines.joined()) + "</dc:title>"
        let creator = document.signatoryLines.map(XMLText.cleaned).joined(separator: "、")
        if !creator.isEmpty { xml += "<dc:creator>" + XMLText.escape(creator) + "</dc:creator>" }
        xml += "<dc:language>zh-CN</dc:language>"
        xml += "<dcterms:created xsi:type=\"dcterms:W3CDTF\">\(stamp)</dcterms:created>"
        xml += "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">\(stamp)</dcterms:modified>"
        return xml + "</cp:coreProperties>"
    }

    static let appProperties = xmlDeclaration
        + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\""
        + " xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
        + "<Application>Fazhi</Application><DocSecurity>0</DocSecurity></Properties>"

    // MARK: - Settings and fonts

    /// evenAndOddHeaders: footer1 on odd pages, footer2 on even ones (GB/T 9704-2012 7.5).
    /// doNotCompress: full-width punctuation keeps its whole cell, so a line holds 28 characters whatever
    /// they are. Elements in CT_Settings order.
    static let settings = xmlDeclaration
        + "<w:settings \(namespaces)>"
        + "<w:zoom w:percent=\"100\"/>"
        + "<w:defaultTabStop w:val=\"420\"/>"
        + "<w:evenAndOddHeaders/>"
        + "<w:characterSpacingControl w:val=\"doNotCompress\"/>"
        + "<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
        + "<w:themeFontLang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/>"
        + "<w:decimalSymbol w:val=\".\"/>"
        + "<w:listSeparator w:val=\",\"/>"
        + "</w:settings>"

    /// The fonts the styles name.
    enum Font {
        static let body = "仿宋_GB2312"
        static let title = "方正小标宋简体"
        static let heading1 = "黑体"
        static let heading2 = "楷体_GB2312"
        static let pageNumber = "宋体"
        static let western = "Times New Roman"
    }

    /// w:altName is each font's English family name (what Word or fontconfig may list it under); charset
    /// 86 is GB2312; panose and family steer Word to the nearest installed font (see the type's comment).
    static let fontTable: String = {
        let fonts: [(name: String, altName: String?, panose: String, charset: String, family: String, pitch: String)] = [
            (Font.body, "FangSong_GB2312", "02010609030101010101", "86", "modern", "fixed"),
            (Font.title, "FZXiaoBiaoSong-B05S", "02010600030101010101", "86", "auto", "variable"),
            (Font.heading1, "SimHei", "02010609060101010101", "86", "modern", "fixed"),
            (Font.heading2, "KaiTi_GB2312", "02010609030101010101", "86", "modern", "fixed"),
            (Font.pageNumber, "SimSun", "02010600030101010101", "86", "auto", "variable"),
            (Font.western, nil, "02020603050405020304", "00", "roman", "variable"),
        ]
        var xml = xmlDeclaration + "<w:fonts \(namespaces)>"
        for font in fonts {
            xml += "<w:font w:name=\"\(font.name)\">"
            if let altName = font.altName { xml += "<w:altName w:val=\"\(altName)\"/>" }
            xml += "<w:panose1 w:val=\"\(font.panose)\"/><w:charset w:val=\"\(font.charset)\"/>"
            xml += "<w:family w:val=\"\(font.family)\"/><w:pitch w:val=\"\(font.pitch)\"/></w:font>"
        }
        return xml + "</w:fonts>"
    }()

    // MARK: - Styles

    /// Paragraph properties, written in CT_PPr's element order.
    struct ParagraphProperties {
        var style: String? = nil
        var keepNext = false
        var widowControl: Bool? = nil
        var autoSpace: Bool? = nil
        var snapToGrid: Bool? = nil
        /// Exact line spacing in twips.
        var exactLine: Int? = nil
        var firstLineCharacters: Double? = nil
        var leftTwips: Int? = nil
        var rightCharacters: Double? = nil
        var rightTwips: Int? = nil
        var justification: String? = nil
        var outlineLevel: Int? = nil

        var xml: String {
            var xml = ""
            if let style { xml += "<w:pStyle w:val=\"\(style)\"/>" }
            if keepNext { xml += "<w:keepNext/>" }
            if let widowControl { xml += "<w:widowControl w:val=\"\(widowControl ? 1 : 0)\"/>" }
            if let autoSpace {
                xml += "<w:autoSpaceDE w:val=\"\(autoSpace ? 1 : 0)\"/><w:autoSpaceDN w:val=\"\(autoSpace ? 1 : 0)\"/>"
            }
            if let snapToGrid { xml += "<w:snapToGrid w:val=\"\(snapToGrid ? 1 : 0)\"/>" }
            if let exactLine { xml += "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"\(exactLine)\" w:lineRule=\"exact\"/>" }
            var indent = ""
            if let leftTwips { indent += " w:left=\"\(leftTwips)\"" }
            // Twips only, no w:firstLineChars/w:rightChars: Word measures those in grid cells or font
            // sizes and LibreOffice 7 ignores them, so they would put the same indent in two places.
            if let rightCharacters {
                indent += " w:right=\"\(OfficialDocumentLayout.twips(characters: rightCharacters))\""
            } else if let rightTwips {
                indent += " w:right=\"\(rightTwips)\""
            }
            if let firstLineCharacters {
                indent += " w:firstLine=\"\(OfficialDocumentLayout.twips(characters: firstLineCharacters))\""
            }
            if !indent.isEmpty { xml += "<w:ind\(indent)/>" }
            if let justification { xml += "<w:jc w:val=\"\(justification)\"/>" }
            if let outlineLevel { xml += "<w:outlineLvl w:val=\"\(outlineLevel)\"/>" }
            return xml.isEmpty ? "" : "<w:pPr>" + xml + "</w:pPr>"
        }
    }

    /// Run properties, written in CT_RPr's element order.
    struct RunProperties {
        var style: String? = nil
        /// The east-Asian font; Latin text uses `western`.
        var eastAsia: String? = nil
        var western: String? = nil
        var bold = false
        /// w:spacing, twips added to each character's advance.
        var spacing: Int? = nil
        var size: Int? = nil
        var language = false

        var xml: String {
            var xml = ""
            if let style { xml += "<w:rStyle w:val=\"\(style)\"/>" }
            if let eastAsia {
                // hint="eastAsia": quotation marks and dashes, which Unicode leaves ambiguous, take the Chinese font.
                let latin = western ?? eastAsia
                xml += "<w:rFonts w:ascii=\"\(latin)\" w:hAnsi=\"\(latin)\" w:eastAsia=\"\(eastAsia)\" w:cs=\"\(latin)\" w:hint=\"eastAsia\"/>"
            }
            if bold { xml += "<w:b/><w:bCs/>" }
            if let spacing { xml += "<w:spacing w:val=\"\(spacing)\"/>" }
            if let size { xml += "<w:sz w:val=\"\(size)\"/><w:szCs w:val=\"\(size)\"/>" }
            if language { xml += "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/>" }
            return xml.isEmpty ? "" : "<w:rPr>" + xml + "</w:rPr>"
        }
    }

    /// Style ids used in document.xml and the footers.
    enum Style {
        static let normal = "Normal"
        static let title = "OfficialTitle"
        static let recipient = "OfficialRecipient"
        static let body = "OfficialBody"
        static let signature = "OfficialSignature"
        static let date = "OfficialDate"
        static let pageNumber = "OfficialPageNumber"
        static let figure = "OfficialFigure"
        static func heading(_ level: Int) -> String { "OfficialHeading\(level)" }
    }

    /// One paragraph style: its own fonts, size, spacing and grid setting written out in full (not
    /// inherited), so every reader shows the same thing whatever it does with docDefaults.
    static func paragraphStyle(id: String, name: String, next: String? = nil, paragraph: ParagraphProperties,
                               run: RunProperties) -> String {
        var paragraph = paragraph
        paragraph.snapToGrid = paragraph.snapToGrid ?? false
        var xml = "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"\(id)\">"
        xml += "<w:name w:val=\"\(name)\"/><w:basedOn w:val=\"\(Style.normal)\"/>"
        if let next { xml += "<w:next w:val=\"\(next)\"/>" }
        xml += "<w:qFormat/>" + paragraph.xml + run.xml
        return xml + "</w:style>"
    }

    static let styles: String = {
        typealias Layout = OfficialDocumentLayout
        let pitch = Layout.linePitch
        let condensed = Layout.characterSpacing
        // Every line exactly one grid line high, off the character grid (see
        // OfficialDocumentLayout.characterSpacing); no widow control (it would move single lines and break
        // the 22-line page); no automatic space between Chinese and Latin text (it would break the
        // 28-character line). LibreOffice 7.4 ignores w:autoSpaceDE/DN and always adds that space, so there
        // a line with Arabic numerals holds half a character to a character fewer than in Word.
        let base = ParagraphProperties(widowControl: false, autoSpace: false, snapToGrid: false, exactLine: pitch,
                                       justification: "both")
        let bodyRun = RunProperties(eastAsia: Font.body, western: Font.western, spacing: condensed, size: Layout.bodySize)
        var xml = xmlDeclaration + "<w:styles \(namespaces)>"
        xml += "<w:docDefaults><w:rPrDefault>"
            + RunProperties(eastAsia: Font.body, western: Font.western, size: Layout.bodySize, language: true).xml
            + "</w:rPrDefault><w:pPrDefault>" + base.xml + "</w:pPrDefault></w:docDefaults>"
        // Normal also carries the 16 pt size: Word and LibreOffice both take the grid's default character
        // pitch from it.
        xml += "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"\(Style.normal)\"><w:name w:val=\"Normal\"/><w:qFormat/>"
            + base.xml + bodyRun.xml + "</w:style>"
        xml += "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">"
            + "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"

        // GB/T 9704-2012 7.3.1: 2号小标宋体, centred.
        xml += paragraphStyle(id: Style.title, name: "公文标题", next: Style.body,
                              paragraph: ParagraphProperties(exactLine: pitch, justification: "center"),
                              run: RunProperties(eastAsia: Font.title, spacing: 0, size: Layout.titleSize))
        // 7.3.2: flush left, wrapped lines flush left too.
        xml += paragraphStyle(id: Style.recipient, name: "公文主送机关", next: Style.body,
                              paragraph: ParagraphProperties(exactLine: pitch, justification: "both"), run: bodyRun)
        // 7.3.3: each natural paragraph indented two characters, wrapped lines flush left.
        xml += paragraphStyle(id: Style.body, name: "公文正文",
                              paragraph: ParagraphProperties(exactLine: pitch, firstLineCharacters: 2, justification: "both"),
                              run: bodyRun)
        // 7.3.3: 一、黑体; （一）楷体; 1. 仿宋 (bold, as is customary); （1）仿宋. Indented like paragraphs,
        // kept with the text that follows, and outline levels so Word's navigation pane lists them.
        let headingRuns = [
            RunProperties(eastAsia: Font.heading1, spacing: condensed, size: Layout.bodySize),
            RunProperties(eastAsia: Font.heading2, spacing: condensed, size: Layout.bodySize),
            RunProperties(eastAsia: Font.body, western: Font.western, bold: true, spacing: condensed, size: Layout.bodySize),
            RunProperties(eastAsia: Font.body, western: Font.western, spacing: condensed, size: Layout.bodySize),
        ]
        let headingNames = ["公文一级标题", "公文二级标题", "公文三级标题", "公文四级标题"]
        for level in 1...4 {
            xml += paragraphStyle(
                id: Style.heading(level), name: headingNames[level - 1], next: Style.body,
                paragraph: ParagraphProperties(keepNext: true, exactLine: pitch, firstLineCharacters: 2,
                                               justification: "both", outlineLevel: level - 1),
                run: headingRuns[level - 1])
        }
        // 7.3.5: right-aligned; each paragraph sets its right indent (see OfficialDocumentLayout).
        xml += paragraphStyle(id: Style.signature, name: "公文发文机关署名",
                              paragraph: ParagraphProperties(keepNext: true, exactLine: pitch, justification: "right"),
                              run: bodyRun)
        xml += paragraphStyle(id: Style.date, name: "公文成文日期",
                              paragraph: ParagraphProperties(exactLine: pitch, justification: "right"), run: bodyRun)
        // 7.5: 4号半角宋体 digits, not condensed.
        xml += paragraphStyle(id: Style.pageNumber, name: "公文页码",
                              paragraph: ParagraphProperties(exactLine: Layout.pageNumberSize * 10),
                              run: RunProperties(eastAsia: Font.pageNumber, spacing: 0, size: Layout.pageNumberSize))
        // A figure from the statistics catalogue: looks like the text around it, but is its own run.
        xml += "<w:style w:type=\"character\" w:customStyle=\"1\" w:styleId=\"\(Style.figure)\">"
            + "<w:name w:val=\"公文统计数字\"/><w:basedOn w:val=\"DefaultParagraphFont\"/></w:style>"
        return xml + "</w:styles>"
    }()

    // MARK: - Footers

    /// "— 1 —": a PAGE field between em dashes (一字线) in 4号 half-width 宋体, odd pages right and even
    /// pages left, one character in from the edge (GB/T 9704-2012 7.5). The cached number is what a
    /// reader shows before it updates fields.
    static func footer(odd: Bool) -> String {
        let indent = OfficialDocumentLayout.pageNumberSize * 10  // one 14 pt character
        let properties = ParagraphProperties(style: Style.pageNumber, leftTwips: odd ? nil : indent,
                                             rightTwips: odd ? indent : nil, justification: odd ? "right" : "left")
        var xml = xmlDeclaration + "<w:ftr \(namespaces)><w:p>" + properties.xml
        xml += "<w:r><w:t xml:space=\"preserve\">— </w:t></w:r>"
        xml += "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
        xml += "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
        xml += "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
        xml += "<w:r><w:t>\(odd ? 1 : 2)</w:t></w:r>"
        xml += "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        xml += "<w:r><w:t xml:space=\"preserve\"> —</w:t></w:r>"
        return xml + "</w:p></w:ftr>"
    }

    // MARK: - Document

    static func document(_ document: OfficialDocument) -> String {
        var xml = xmlDeclaration + "<w:document \(namespaces)><w:body>"
        // Title, one paragraph with its lines broken, then a blank line (GB/T 9704-2012 7.3.1, 7.3.2).
        xml += "<w:p>" + ParagraphProperties(style: Style.title).xml
        appendRun(document.titleLines.joined(separator: "\n"), to: &xml)
        xml += "</w:p>"
        xml += blankParagraph
        if let recipient = document.recipientLine {
            xml += "<w:p>" + ParagraphProperties(style: Style.recipient).xml
            appendRun(recipient, to: &xml)
            xml += "</w:p>"
        }
        // The signature block never stands alone on a page (GB/T 9704-2012 7.3.5.4): the body's last
        // paragraph keeps its last line with it, and the blank line and the bodies keep with the date.
        for (index, block) in document.blocks.enumerated() {
            let last = index == document.blocks.count - 1
            switch block {
            case .heading(_, let text):
                xml += "<w:p>" + ParagraphProperties(style: Style.heading(block.headingLevel ?? 1)).xml
                appendRun(text, to: &xml)
                xml += "</w:p>"
            case .paragraph(let runs):
                xml += "<w:p>" + ParagraphProperties(style: Style.body, keepNext: last).xml
                for run in runs {
                    switch run {
                    case .text(let text): appendRun(text, to: &xml)
                    case .figure(_, let text): appendRun(text, style: Style.figure, to: &xml)
                    }
                }
                xml += "</w:p>"
            }
        }
        // GB/T 9704-2012 7.3.5.2: a blank line, the issuing bodies, the date on the line under them.
        let signatories = document.signatoryLines
        let indents = OfficialDocumentLayout.signatureIndents(signatories: signatories, date: document.writtenDate)
        xml += "<w:p>" + ParagraphProperties(style: Style.normal, keepNext: true).xml + "</w:p>"
        for signatory in signatories {
            xml += "<w:p>" + ParagraphProperties(style: Style.signature, rightCharacters: indents.signatories).xml
            appendRun(signatory, to: &xml)
            xml += "</w:p>"
        }
        xml += "<w:p>" + ParagraphProperties(style: Style.date, rightCharacters: indents.date).xml
        appendRun(document.writtenDate, to: &xml)
        xml += "</w:p>"
        xml += sectionProperties
        return xml + "</w:body></w:document>"
    }

    static let blankParagraph = "<w:p>" + ParagraphProperties(style: Style.normal).xml + "</w:p>"

    /// The page (GB/T 9704-2012 5.2), in CT_SectPr's element order: footer references, pgSz, pgMar,
    /// pgNumType, docGrid.
    static let sectionProperties: String = {
        typealias Layout = OfficialDocumentLayout
        var xml = "<w:sectPr>"
        xml += "<w:footerReference w:type=\"default\" r:id=\"\(Relationship.oddFooter)\"/>"
        xml += "<w:footerReference w:type=\"even\" r:id=\"\(Relationship.evenFooter)\"/>"
        xml += "<w:pgSz w:w=\"\(Layout.pageWidth)\" w:h=\"\(Layout.pageHeight)\"/>"
        xml += "<w:pgMar w:top=\"\(Layout.marginTop)\" w:right=\"\(Layout.marginRight)\" w:bottom=\"\(Layout.marginBottom)\""
            + " w:left=\"\(Layout.marginLeft)\" w:header=\"\(Layout.headerDistance)\" w:footer=\"\(Layout.footerDistance)\" w:gutter=\"0\"/>"
        xml += "<w:pgNumType w:fmt=\"decimal\"/>"
        xml += "<w:docGrid w:type=\"linesAndChars\" w:linePitch=\"\(Layout.linePitch)\" w:charSpace=\"\(Layout.charSpace)\"/>"
        return xml + "</w:sectPr>"
    }()

    /// One run of text: XML 1.0's forbidden characters dropped, line breaks as w:br, tabs as w:tab.
    static func appendRun(_ raw: String, style: String? = nil, to xml: inout String) {
        let text = XMLText.cleaned(raw)
        guard !text.isEmpty else { return }
        xml += "<w:r>" + RunProperties(style: style).xml
        var pending = ""
        func flush() {
            guard !pending.isEmpty else { return }
            xml += "<w:t xml:space=\"preserve\">" + XMLText.escape(pending) + "</w:t>"
            pending = ""
        }
        for character in text {
            switch character {
            case "\n":
                flush()
                xml += "<w:br/>"
            case "\t":
                flush()
                xml += "<w:tab/>"
            default:
                pending.append(character)
            }
        }
        flush()
        xml += "</w:r>"
    }
}
