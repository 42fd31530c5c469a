import Foundation

/// The measures of GB/T 9704-2012 in the units WordprocessingML uses (twips, 1/20 pt; 1 mm = 56.69 twips),
/// shared by DocxWriter and PrintHTML so the Word file and the printed page agree.
enum OfficialDocumentLayout {
    // MARK: Page (GB/T 9704-2012 5.2)

    /// A4, 210 × 297 mm.
    static let pageWidth = 11906
    static let pageHeight = 16838
    /// 天头 37 mm.
    static let marginTop = 2098
    /// 297 − 37 − 225 = 35 mm.
    static let marginBottom = 1984
    /// 订口 28 mm.
    static let marginLeft = 1588
    /// 210 − 28 − 156 = 26 mm.
    static let marginRight = 1474
    /// The page-number line sits below the text block (GB/T 9704-2012 7.5: the dashes 7 mm under it). Word
    /// measures this from the paper's bottom edge to the footer's bottom: 25.4 mm puts the middle of a
    /// 14 pt line about 28 mm up, 7 mm under the 35 mm margin.
    static let footerDistance = 1440
    static let headerDistance = 851

    /// 156 mm.
    static var textWidth: Int { pageWidth - marginLeft - marginRight }
    /// 225 mm.
    static var textHeight: Int { pageHeight - marginTop - marginBottom }

    // MARK: Type (GB/T 9704-2012 5.2.2, 7)

    /// 22 lines of 28 characters in 3号 type.
    static let linesPerPage = 22
    static let charactersPerLine = 28
    /// Half-points: 3号 = 16 pt (body and headings), 2号 = 22 pt (title), 4号 = 14 pt (page numbers).
    static let bodySize = 32
    static let titleSize = 44
    static let pageNumberSize = 28

    /// 12756 / 22 = 579.8 twips; rounded down so 22 lines always fit (22 × 579 = 12738 ≤ 12756 < 23 × 579).
    /// The same value is the paragraphs' exact line spacing, so Word's line grid and the text agree.
    static var linePitch: Int { textHeight / linesPerPage }

    /// Character spacing (w:spacing, twips) that condenses each 16 pt character so 28 fill the 156 mm line:
    /// 8844 / 28 = 315 twips a character, one twip less (314, −0.3 pt) so a reader that rounds glyph
    /// advances up still fits 28 (28 × 314 = 8792 ≤ 8844 < 29 × 314).
    ///
    /// Why not the character grid alone. Word reads w:docGrid w:charSpace as 1/4096 pt added to the
    /// default pitch (the Normal style's 16 pt) and happily narrows the cells. LibreOffice reads the same
    /// number as 20.12 fixed point (writerfilter SectionPropertyMap: whole points from the top 20 bits,
    /// the fraction truncated to whole twips), which gives nearly the same 315-twip cell, but its grid
    /// never narrows a character: one wider than its cell takes two cells (sw::Justify::SnapToGridEdge),
    /// so LibreOffice 7.4 set 14 characters a line (measured with Tools/check-docx.sh). Paragraphs are
    /// therefore off the grid (w:snapToGrid 0), with exact 579-twip lines and this spacing, which Word and
    /// LibreOffice apply alike; the grid stays in sectPr so Word's page setup reads 22 lines × 28 characters.
    static var characterSpacing: Int { textWidth / charactersPerLine - bodySize * 10 - 1 }

    /// One 16 pt character's advance with that spacing, in twips (314).
    static var characterAdvance: Int { bodySize * 10 + characterSpacing }

    /// w:docGrid w:charSpace for 28 characters a line, as Word reads it: the pitch wanted is 8844 / 28 =
    /// 315.857 twips, 0.2071 pt under 16 pt, i.e. −848.5 / 4096 pt, rounded down to −849 so 28 × pitch
    /// (8843.9 twips) never overflows the line.
    static var charSpace: Int {
        let wanted = Double(textWidth) / Double(charactersPerLine)  // twips
        let defaultPitch = Double(bodySize * 10)  // half-points → twips
        return Int(((wanted - defaultPitch) / 20 * 4096).rounded(.down))
    }

    /// `characters` character advances in twips: a two-character indent is exactly two characters, so the
    /// first line's characters stand in the same columns as the next lines'.
    static func twips(characters: Double) -> Int {
        Int((characters * Double(characterAdvance)).rounded(.down))
    }

    // MARK: Signature block (GB/T 9704-2012 7.3.5.2)

    /// Width in character cells: ASCII and half-width forms take half a cell, everything else a whole one.
    static func width(of text: String) -> Double {
        text.unicodeScalars.reduce(0) { total, scalar in
            let half = scalar.value < 0x80 || (0xFF61...0xFFDC).contains(scalar.value)
            return total + (half ? 0.5 : 1)
        }
    }

    /// Right indents, in character cells, of the issuing bodies and of the date.
    ///
    /// GB/T 9704-2012 7.3.5.2: the issuing body is set two characters from the right; the date goes on the
    /// next line, starting two characters right of the body's first character; when that would bring the
    /// date closer than two characters to the right edge, the date keeps two characters and the body moves
    /// left instead. With several bodies (联合行文) the longest decides and all share its right edge.
    static func signatureIndents(signatories: [String], date: String) -> (signatories: Double, date: Double) {
        let bodies = signatories.map(width(of:)).max() ?? 0
        let dateWidth = width(of: date)
        guard bodies > 0 else { return (2, 2) }
        if bodies - dateWidth >= 2 { return (2, bodies - dateWidth) }
        return (4 + dateWidth - bodies, 2)
    }
}
