import Foundation
import Testing
@testable import FazhiCore

@Suite("DOCX official document (GB/T 9704-2012)")
struct DocxWriterTests {
    static let date = LocalDate(year: 2021, month: 3, day: 16)!
    static let escapedParagraph = "含 & < > \" ' 符号，控制\u{1}字符\u{B}去掉\u{FFFE}。"

    static let report = OfficialDocument(
        title: "关于2020年度法治政府建设\n工作的报告",
        blocks: [
            .paragraph("2020年，我县坚持以习近平新时代中国特色社会主义思想为指导。"),
            .heading(level: 1, text: "一、工作开展情况"),
            .heading(level: 2, text: "（一）加强组织领导"),
            .heading(level: 3, text: "1.完善工作机制"),
            .heading(level: 4, text: "（1）压实第一责任人责任"),
            .paragraph([.text("2020年全县出台规范性文件共"), .figure(key: "documents.issued", text: "43"),
                        .text("件，清理"), .figure(key: "documents.cleanup.total", text: "417"), .text("件。")]),
            .paragraph(escapedParagraph),
            .paragraph("专此报告。"),
        ],
        signatories: ["中共凤凰县委", "凤凰县人民政府"],
        date: date)

    static func open(_ document: OfficialDocument = report) throws -> DocxPackage {
        try DocxPackage(try DocxWriter.write(document))
    }

    /// Paragraphs of word/document.xml's body.
    static func paragraphs(_ document: OfficialDocument = report) throws -> [DocxNode] {
        var package = try open(document)
        return try package.xml("word/document.xml").child("body")?.children.filter { $0.name == "p" } ?? []
    }

    static func style(_ id: String, in styles: DocxNode) -> DocxNode? {
        styles.all("style").first { $0["styleId"] == id }
    }

    // MARK: - Package

    static let parts = [
        "[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/settings.xml",
        "word/fontTable.xml", "word/footer1.xml", "word/footer2.xml", "word/_rels/document.xml.rels",
        "docProps/core.xml", "docProps/app.xml",
    ]

    @Test func everyPartIsPresentAndWellFormed() throws {
        var package = try Self.open()
        #expect(package.paths == Set(Self.parts.map { $0.lowercased() }))
        for part in Self.parts {
            _ = try package.xml(part)  // throws on malformed XML
        }
    }

    @Test func everyPartHasAContentTypeAndEveryOverrideAPart() throws {
        var package = try Self.open()
        let types = try package.xml("[Content_Types].xml")
        let overrides = Dictionary(uniqueKeysWithValues: types.all("Override").map { ($0["PartName"] ?? "", $0["ContentType"] ?? "") })
        for override in overrides.keys {
            #expect(package.paths.contains(String(override.dropFirst()).lowercased()), "\(override) has no part")
        }
        #expect(overrides["/word/document.xml"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")
        #expect(overrides["/word/footer1.xml"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml")
        #expect(overrides["/word/footer2.xml"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml")
        let defaults = Set(types.all("Default").compactMap { $0["Extension"] })
        for part in Self.parts where !part.hasPrefix("[") {
            let covered = overrides["/" + part] != nil || defaults.contains(String(part.split(separator: ".").last!))
            #expect(covered, "\(part) has no content type")
        }
    }

    @Test(arguments: [
        ("", ["officeDocument": "word/document.xml", "core-properties": "docProps/core.xml",
              "extended-properties": "docProps/app.xml"]),
        ("word/document.xml", ["styles": "word/styles.xml", "settings": "word/settings.xml",
                               "fontTable": "word/fontTable.xml", "footer": "word/footer1.xml word/footer2.xml"]),
    ])
    func everyRelationshipTargetExists(source: String, expected: [String: String]) throws {
        var package = try Self.open()
        let relationships = try package.relationships(of: source)
        for relationship in relationships.values {
            #expect(package.paths.contains(relationship.target.lowercased()), "\(relationship.target) is missing")
        }
        var byType: [String: [String]] = [:]
        for relationship in relationships.values {
            byType[String(relationship.type.split(separator: "/").last!), default: []].append(relationship.target)
        }
        #expect(byType.mapValues { $0.sorted().joined(separator: " ") } == expected)
    }

    @Test(arguments: [("default", "word/footer1.xml"), ("even", "word/footer2.xml")])
    func footerReferencesResolve(type: String, path: String) throws {
        var package = try Self.open()
        let relationships = try package.relationships(of: "word/document.xml")
        let references = try package.xml("word/document.xml").all("footerReference")
        let reference = try #require(references.first { $0["type"] == type })
        let relationship = try #require(relationships[reference["id"] ?? ""])
        #expect(relationship.target == path)
        #expect(relationship.type == "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer")
    }

    // MARK: - Page

    @Test func pageIsA4WithTheStandardsMarginsAndGrid() throws {
        var package = try Self.open()
        let section = try #require(try package.xml("word/document.xml").first("sectPr"))
        let size = try #require(section.child("pgSz"))
        #expect(size["w"] == "11906" && size["h"] == "16838" && size["orient"] == nil)
        let margins = try #require(section.child("pgMar"))
        #expect(margins["top"] == "2098")
        #expect(margins["bottom"] == "1984")
        #expect(margins["left"] == "1588")
        #expect(margins["right"] == "1474")
        #expect(margins["gutter"] == "0")
        #expect(margins["header"] != nil && margins["footer"] != nil)
        let grid = try #require(section.child("docGrid"))
        #expect(grid["type"] == "linesAndChars")
        #expect(grid["linePitch"] == "579")
        #expect(grid["charSpace"] == "-849")
    }

    /// CT_SectPr is a sequence: header/footer references, then pgSz, pgMar, pgNumType, docGrid; Word
    /// asks to repair a file with them out of order.
    @Test func sectionPropertiesAreInSchemaOrder() throws {
        var package = try Self.open()
        let section = try #require(try package.xml("word/document.xml").first("sectPr"))
        #expect(section.children.map(\.name) == ["footerReference", "footerReference", "pgSz", "pgMar", "pgNumType", "docGrid"])
        // The section properties end the body.
        #expect(try package.xml("word/document.xml").child("body")?.children.last?.name == "sectPr")
    }

    static let paragraphPropertyOrder = [
        "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr", "suppressLineNumbers",
        "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct", "topLinePunct",
        "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing",
        "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl",
        "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
    ]
    static let runPropertyOrder = [
        "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow",
        "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern",
        "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs",
        "em", "lang", "eastAsianLayout", "specVanish", "oMath",
    ]

    @Test(arguments: ["word/document.xml", "word/styles.xml", "word/footer1.xml", "word/footer2.xml"])
    func paragraphAndRunPropertiesAreInSchemaOrder(part: String) throws {
        var package = try Self.open()
        let root = try package.xml(part)
        for (element, order) in [("pPr", Self.paragraphPropertyOrder), ("rPr", Self.runPropertyOrder)] {
            let nodes = root.all(element)
            #expect(!nodes.isEmpty || part.contains("footer") && element == "rPr")
            for node in nodes {
                let positions = node.children.map { order.firstIndex(of: $0.name) ?? -1 }
                #expect(!positions.contains(-1), "\(part): unknown child in \(element): \(node.children.map(\.name))")
                #expect(positions == positions.sorted() && Set(positions).count == positions.count,
                        "\(part): \(element) children out of order: \(node.children.map(\.name))")
            }
        }
    }

    /// CT_Style and CT_Settings are sequences too.
    @Test func stylesAndSettingsAreInSchemaOrder() throws {
        var package = try Self.open()
        let styleOrder = ["name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority",
                          "semiHidden", "unhideWhenUsed", "qFormat", "locked", "rsid", "pPr", "rPr", "tblPr"]
        let styles = try package.xml("word/styles.xml")
        #expect(styles.children.map(\.name).first == "docDefaults")
        for style in styles.all("style") {
            let positions = style.children.map { styleOrder.firstIndex(of: $0.name) ?? -1 }
            #expect(!positions.contains(-1) && positions == positions.sorted(), "\(style["styleId"] ?? ""): \(style.children.map(\.name))")
        }
        let settingsOrder = ["zoom", "defaultTabStop", "evenAndOddHeaders", "characterSpacingControl", "compat",
                             "themeFontLang", "decimalSymbol", "listSeparator"]
        #expect(try package.xml("word/settings.xml").children.map(\.name) == settingsOrder)
    }

    /// 22 lines a page from the exact line spacing; 28 characters a line from the condensed advance
    /// (16 pt + w:spacing), 26 after the two-character indent; and Word's docGrid pitch (16 pt +
    /// charSpace / 4096 pt) giving the same 28, so Word's page setup shows 22 × 28.
    @Test(arguments: ["Normal", "OfficialBody", "OfficialHeading1", "OfficialHeading2", "OfficialHeading3", "OfficialHeading4"])
    func linesAndCharactersFitTheTextBlock(styleId: String) throws {
        var package = try Self.open()
        let section = try #require(try package.xml("word/document.xml").first("sectPr"))
        func value(_ element: String, _ attribute: String) -> Int { Int(section.child(element)?[attribute] ?? "") ?? 0 }
        let height = value("pgSz", "h") - value("pgMar", "top") - value("pgMar", "bottom")
        let width = value("pgSz", "w") - value("pgMar", "left") - value("pgMar", "right")
        let charSpace = value("docGrid", "charSpace")
        let wordGridPitch: Double = 320 + Double(charSpace) * 20 / 4096
        #expect(Int(Double(width) / wordGridPitch) == 28)

        let styles = try package.xml("word/styles.xml")
        let style = try #require(Self.style(styleId, in: styles))
        let line = try #require(Int(style.child("pPr")?.child("spacing")?["line"] ?? ""))
        #expect(height / line == 22)
        #expect(style.child("pPr")?.child("snapToGrid")?["val"] == "0")
        let size = try #require(Int(style.child("rPr")?.child("sz")?["val"] ?? ""))
        let spacing = try #require(Int(style.child("rPr")?.child("spacing")?["val"] ?? ""))
        let advance = size * 10 + spacing
        #expect(width / advance == 28, "advance \(advance) twips")
        let indent = Int(Self.style("OfficialBody", in: styles)?.first("ind")?["firstLine"] ?? "") ?? 0
        #expect((width - indent) / advance == 26)
        #expect(indent == 2 * advance)
    }

    // MARK: - Styles

    @Test(arguments: ["Normal", "OfficialBody", "OfficialRecipient", "OfficialSignature", "OfficialDate"])
    func bodyTextIsFangsong16pt(styleId: String) throws {
        var package = try Self.open()
        let style = try #require(Self.style(styleId, in: try package.xml("word/styles.xml")))
        let fonts = try #require(style.first("rFonts"))
        #expect(fonts["eastAsia"] == "仿宋_GB2312")
        #expect(fonts["ascii"] == "Times New Roman" && fonts["hAnsi"] == "Times New Roman" && fonts["cs"] == "Times New Roman")
        #expect(style.first("sz")?["val"] == "32")
        #expect(style.first("szCs")?["val"] == "32")
        #expect(style.child("rPr")?.child("spacing")?["val"] == "-6")  // condensed 0.3 pt
        let spacing = try #require(style.child("pPr")?.child("spacing"))
        #expect(spacing["line"] == "579" && spacing["lineRule"] == "exact")
        #expect(style.first("b") == nil)
    }

    @Test func paragraphsAreIndentedTwoCharacters() throws {
        var package = try Self.open()
        let style = try #require(Self.style("OfficialBody", in: try package.xml("word/styles.xml")))
        let indent = try #require(style.first("ind"))
        #expect(indent["firstLine"] == "628")  // two 314-twip characters
        #expect(indent["firstLineChars"] == nil)
        #expect(style.first("jc")?["val"] == "both")
    }

    @Test func titleIsXiaobiaosong22ptCentredWithABlankLineAfter() throws {
        var package = try Self.open()
        let style = try #require(Self.style("OfficialTitle", in: try package.xml("word/styles.xml")))
        #expect(style.first("rFonts")?["eastAsia"] == "方正小标宋简体")
        #expect(style.first("sz")?["val"] == "44")
        #expect(style.first("jc")?["val"] == "center")
        #expect(style.child("rPr")?.child("spacing")?["val"] == "0")
        #expect(style.child("pPr")?.child("snapToGrid")?["val"] == "0")

        let paragraphs = try Self.paragraphs()
        #expect(paragraphs[0].first("pStyle")?["val"] == "OfficialTitle")
        // The two title lines in one paragraph, split by a line break.
        let run = try #require(paragraphs[0].first("r"))
        #expect(run.children.map(\.name) == ["t", "br", "t"])
        #expect(run.all("t").map(\.text) == ["关于2020年度法治政府建设", "工作的报告"])
        #expect(paragraphs[1].all("r").isEmpty)
        #expect(paragraphs[2].runText == "2020年，我县坚持以习近平新时代中国特色社会主义思想为指导。")
    }

    @Test(arguments: [
        (1, "黑体", false, "一、工作开展情况"),
        (2, "楷体_GB2312", false, "（一）加强组织领导"),
        (3, "仿宋_GB2312", true, "1.完善工作机制"),
        (4, "仿宋_GB2312", false, "（1）压实第一责任人责任"),
    ])
    func headingsUseTheirLevelsFont(level: Int, font: String, bold: Bool, text: String) throws {
        var package = try Self.open()
        let style = try #require(Self.style("OfficialHeading\(level)", in: try package.xml("word/styles.xml")))
        #expect(style.first("rFonts")?["eastAsia"] == font)
        #expect(style.first("sz")?["val"] == "32")
        #expect(style.child("rPr")?.child("spacing")?["val"] == "-6")
        #expect((style.first("b") != nil) == bold)
        #expect(style.first("outlineLvl")?["val"] == String(level - 1))
        #expect(style.first("keepNext") != nil)
        let paragraph = try #require(try Self.paragraphs().first { $0.runText == text })
        #expect(paragraph.first("pStyle")?["val"] == "OfficialHeading\(level)")
    }

    @Test(arguments: [(0, 1), (1, 1), (4, 4), (9, 4)])
    func headingLevelsOutsideOneToFourAreClamped(level: Int, rendered: Int) throws {
        let document = OfficialDocument(title: "标题", blocks: [.heading(level: level, text: "标题层次")],
                                        signatories: [], date: Self.date)
        let paragraph = try #require(try Self.paragraphs(document).first { $0.runText == "标题层次" })
        #expect(paragraph.first("pStyle")?["val"] == "OfficialHeading\(rendered)")
    }

    @Test func settingsHaveEvenAndOddHeaders() throws {
        var package = try Self.open()
        let settings = try package.xml("word/settings.xml")
        #expect(settings.child("evenAndOddHeaders") != nil)
        #expect(settings.child("characterSpacingControl")?["val"] == "doNotCompress")
    }

    @Test func fontTableNamesEveryFontWithAFallback() throws {
        var package = try Self.open()
        let fonts = try package.xml("word/fontTable.xml").all("font")
        let byName = Dictionary(uniqueKeysWithValues: fonts.map { ($0["name"] ?? "", $0) })
        for name in ["仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体"] {
            let font = try #require(byName[name], "\(name) not in the font table")
            #expect(font.child("altName")?["val"]?.isEmpty == false)
            #expect(font.child("charset")?["val"] == "86")
            #expect(font.child("panose1")?["val"]?.count == 20)
            #expect(font.children.map(\.name) == ["altName", "panose1", "charset", "family", "pitch"])
        }
    }

    // MARK: - Page numbers

    @Test(arguments: [("word/footer1.xml", "right", "right", "left"), ("word/footer2.xml", "left", "left", "right")])
    func pageNumbersAreDashedAndAlternate(path: String, alignment: String, indented: String, flush: String) throws {
        var package = try Self.open()
        let footer = try package.xml(path)
        let paragraph = try #require(footer.first("p"))
        #expect(paragraph.first("pStyle")?["val"] == "OfficialPageNumber")
        #expect(paragraph.first("jc")?["val"] == alignment)
        #expect(paragraph.first("ind")?[indented] == "280")  // one 14 pt character
        #expect(paragraph.first("ind")?[flush] == nil)
        // — {PAGE} —
        let runs = paragraph.all("r")
        let shape = runs.map { run -> String in
            if let field = run.child("fldChar") { return field["fldCharType"] ?? "" }
            if let instruction = run.child("instrText") { return instruction.text.trimmingCharacters(in: .whitespaces) }
            return run.runText
        }
        #expect(shape == ["— ", "begin", "PAGE", "separate", path.hasSuffix("1.xml") ? "1" : "2", "end", " —"])

        let style = try #require(Self.style("OfficialPageNumber", in: try package.xml("word/styles.xml")))
        let fonts = try #require(style.first("rFonts"))
        #expect(fonts["eastAsia"] == "宋体" && fonts["ascii"] == "宋体" && fonts["hAnsi"] == "宋体")
        #expect(style.first("sz")?["val"] == "28")
        #expect(style.child("rPr")?.child("spacing")?["val"] == "0")
    }

    // MARK: - Text

    @Test func markupAndControlCharactersAreEscapedAndStripped() throws {
        var package = try Self.open()
        let raw = try package.text("word/document.xml")
        #expect(raw.contains("含 &amp; &lt; &gt; &quot; &apos; 符号"))
        #expect(!raw.contains("& <"))
        #expect(!raw.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" } && !raw.contains("\u{FFFE}"))
        let paragraph = try #require(try Self.paragraphs().first { $0.runText.hasPrefix("含") })
        #expect(paragraph.runText == "含 & < > \" ' 符号，控制字符去掉。")
        // Leading or trailing spaces survive.
        #expect(paragraph.all("t").allSatisfy { $0["space"] == "preserve" })
    }

    @Test func figuresAreRunsOfTheirOwn() throws {
        let paragraph = try #require(try Self.paragraphs().first { $0.runText.hasPrefix("2020年全县") })
        let runs = paragraph.all("r").map { ($0.first("rStyle")?["val"], $0.runText) }
        #expect(runs.map(\.0) == [nil, "OfficialFigure", nil, "OfficialFigure", nil])
        #expect(runs.map(\.1) == ["2020年全县出台规范性文件共", "43", "件，清理", "417", "件。"])
    }

    @Test func signatoriesThenTheDateCloseTheDocument() throws {
        let paragraphs = try Self.paragraphs()
        let tail = paragraphs.suffix(4)
        #expect(tail.map(\.runText) == ["", "中共凤凰县委", "凤凰县人民政府", "2021年3月16日"])
        #expect(tail.map { $0.first("pStyle")?["val"] ?? "" } == ["Normal", "OfficialSignature", "OfficialSignature", "OfficialDate"])
        // 凤凰县人民政府 (7) is not two characters longer than the date (6.5), so the date keeps two
        // characters from the edge and the bodies move left (GB/T 9704-2012 7.3.5.2).
        #expect(tail.map { $0.first("ind")?["right"] } == [nil, "1099", "1099", "628"])  // 3.5 and 2 × 314 twips
        #expect(paragraphs[paragraphs.count - 5].runText == "专此报告。")
        // Kept together with the body's last paragraph, so the block never starts a page alone
        // (GB/T 9704-2012 7.3.5.4). The date ends the chain.
        var package = try Self.open()
        let styles = try package.xml("word/styles.xml")
        let keeps = paragraphs.suffix(5).map { paragraph in
            paragraph.first("keepNext") != nil
                || Self.style(paragraph.first("pStyle")?["val"] ?? "", in: styles)?.first("keepNext") != nil
        }
        #expect(keeps == [true, true, true, true, false])
        #expect(paragraphs[paragraphs.count - 6].first("keepNext") == nil)
    }

    @Test(arguments: [
        (["凤凰县人民政府"], "2021年3月16日", 3.5, 2.0),
        (["中共凤凰县委", "凤凰县人民政府"], "2021年3月16日", 3.5, 2.0),
        (["凤凰县人民政府办公室"], "2021年3月16日", 2.0, 3.5),
        (["凤凰县司法局"], "2021年12月31日", 5.0, 2.0),
        ([], "2021年3月16日", 2.0, 2.0),
    ])
    func signatureIndentsFollowTheStandard(signatories: [String], date: String, bodies: Double, dateIndent: Double) {
        let indents = OfficialDocumentLayout.signatureIndents(signatories: signatories, date: date)
        #expect(indents.signatories == bodies)
        #expect(indents.date == dateIndent)
    }

    @Test(arguments: [
        ("各乡镇人民政府，县直各单位", "各乡镇人民政府，县直各单位："),
        ("县直各单位：", "县直各单位："),
        ("县直各单位:", "县直各单位："),
    ])
    func recipientLineFollowsTheTitleWithAColon(recipient: String, printed: String) throws {
        var document = Self.report
        document.recipient = recipient
        let paragraphs = try Self.paragraphs(document)
        #expect(paragraphs[1].all("r").isEmpty)
        #expect(paragraphs[2].first("pStyle")?["val"] == "OfficialRecipient")
        #expect(paragraphs[2].runText == printed)
    }

    @Test(arguments: [nil, "", "  "])
    func noRecipientNoRecipientLine(recipient: String?) throws {
        var document = Self.report
        document.recipient = recipient
        #expect(try Self.paragraphs(document).allSatisfy { $0.first("pStyle")?["val"] != "OfficialRecipient" })
    }

    @Test func coreProperties() throws {
        var package = try Self.open()
        let core = try package.xml("docProps/core.xml")
        #expect(core.child("title")?.text == "关于2020年度法治政府建设工作的报告")
        #expect(core.child("creator")?.text == "中共凤凰县委、凤凰县人民政府")
        #expect(core.child("created")?.text == "2021-03-16T00:00:00Z")
    }

    @Test(arguments: ["", " \n "])
    func aDocumentNeedsATitle(title: String) {
        var document = Self.report
        document.title = title
        #expect(throws: DocxWriteError.missingTitle) { try DocxWriter.write(document) }
    }

    @Test func sameDocumentSameBytes() throws {
        #expect(try DocxWriter.write(Self.report) == DocxWriter.write(Self.report))
    }

    /// `FAZHI_DOCX_SAMPLE=/tmp/report.docx swift test --filter DocxWriterTests` writes the seed report, to
    /// look at with Tools/check-docx.sh.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["FAZHI_DOCX_SAMPLE"] != nil))
    func writeSeedReportSample() throws {
        let document = try SeedReport.load()
        #expect(document.blocks.count > 30)
        #expect(document.signatories == ["中共凤凰县委", "凤凰县人民政府"])
        let data = try DocxWriter.write(document)
        let url = URL(fileURLWithPath: ProcessInfo.processInfo.environment["FAZHI_DOCX_SAMPLE"]!)
        try data.write(to: url)
        // Next to it, the short fixture with a two-line title, a recipient line and all four heading levels.
        var features = Self.report
        features.recipient = "各乡镇人民政府，县直各单位"
        let featuresURL = url.deletingPathExtension().appendingPathExtension("features.docx")
        try DocxWriter.write(features).write(to: featuresURL)
    }
}
