import Foundation
import Testing
@testable import FazhiCore

@Suite("Print HTML official document")
struct PrintHTMLTests {
    static let report = DocxWriterTests.report
    static let html = PrintHTML.render(report)

    @Test func isOneStandalonePage() {
        let html = Self.html
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">"))
        #expect(html.hasSuffix("</html>\n"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("<title>关于2020年度法治政府建设工作的报告</title>"))
        // No scripts and nothing fetched from elsewhere.
        for forbidden in ["<script", "<link", "src=", "url(", "@import", "http:", "https:", "javascript:", "onload=", "onclick=", "onerror="] {
            #expect(!html.lowercased().contains(forbidden), "contains \(forbidden)")
        }
    }

    @Test(arguments: ["zh-CN", "en"])
    func languageIsDeclared(lang: String) {
        #expect(PrintHTML.render(Self.report, lang: lang).contains("<html lang=\"\(lang)\">"))
    }

    @Test func pageRuleIsA4WithTheStandardsMargins() {
        // top right bottom left: 37 mm 天头, 26 mm, 35 mm, 28 mm 订口 (GB/T 9704-2012 5.2.1).
        #expect(Self.html.contains("@page { size: A4; margin: 37mm 26mm 35mm 28mm; }"))
        #expect(Self.html.contains("@page :right { @bottom-right { content: \"— \" counter(page) \" —\";"))
        #expect(Self.html.contains("@page :left { @bottom-left { content: \"— \" counter(page) \" —\";"))
    }

    @Test(arguments: [
        (".page { ", "\"仿宋_GB2312\", \"FangSong_GB2312\", \"仿宋\", \"FangSong\", \"STFangsong\", \"Noto Serif CJK SC\", \"Source Han Serif SC\", serif"),
        (".page h1.title { ", "\"方正小标宋简体\""),
        (".page h2 { ", "\"黑体\", \"SimHei\""),
        (".page h3 { ", "\"楷体_GB2312\", \"KaiTi_GB2312\", \"楷体\", \"KaiTi\""),
    ])
    func fontsHaveFallbacks(rule: String, families: String) throws {
        let start = try #require(Self.html.range(of: rule))
        let body = Self.html[start.upperBound...].prefix { $0 != "}" }
        #expect(body.contains("font-family: " + families))
    }

    @Test func bodyIs16ptOnTheGridsLinePitch() {
        #expect(Self.html.contains("font-size: 16pt; line-height: 28.95pt; letter-spacing: -0.30pt;"))
        #expect(Self.html.contains("font-size: 22pt; text-align: center;"))
        // Two 15.7 pt characters, not 2em (which would leave room for 25 on the first line).
        #expect(Self.html.contains("text-indent: 31.40pt;"))
        // 28 condensed characters fit in 156 mm (442.2 pt), 29 do not.
        #expect(28 * (16 - 0.3) <= 156 / 25.4 * 72 && 29 * (16 - 0.3) > 156 / 25.4 * 72)
    }

    @Test func partsComeInDocumentOrder() throws {
        let html = Self.html
        let landmarks = [
            "<h1 class=\"title\">关于2020年度法治政府建设<br>工作的报告</h1>",
            "<p>2020年，我县坚持",
            "<h2 class=\"heading-1\">一、工作开展情况</h2>",
            "<h3 class=\"heading-2\">（一）加强组织领导</h3>",
            "<h4 class=\"heading-3\">1.完善工作机制</h4>",
            "<h5 class=\"heading-4\">（1）压实第一责任人责任</h5>",
            "<p>2020年全县出台规范性文件共",
            "<p>专此报告。</p>",
            "<div class=\"signature\">",
            ">中共凤凰县委</p>",
            ">凤凰县人民政府</p>",
            "<time datetime=\"2021-03-16\">2021年3月16日</time>",
            "</article>",
        ]
        var positions: [Int] = []
        for landmark in landmarks {
            let range = try #require(html.range(of: landmark), "missing \(landmark)")
            positions.append(html.distance(from: html.startIndex, to: range.lowerBound))
        }
        #expect(positions == positions.sorted())
    }

    @Test func signatureBlockIsRightAlignedWithTheStandardsIndents() {
        // 3.5 and 2 characters of 15.7 pt (GB/T 9704-2012 7.3.5.2; see OfficialDocumentLayout).
        #expect(Self.html.contains("<p class=\"signatory\" style=\"margin-right: 54.95pt\">中共凤凰县委</p>"))
        #expect(Self.html.contains("<p class=\"date\" style=\"margin-right: 31.40pt\"><time"))
        #expect(Self.html.contains(".page .signature p { text-indent: 0; text-align: right; }"))
    }

    @Test func figuresAreMarkedSpans() {
        #expect(Self.html.contains("共<span class=\"figure\" data-key=\"documents.issued\">43</span>件，清理"
            + "<span class=\"figure\" data-key=\"documents.cleanup.total\">417</span>件。"))
    }

    @Test func everythingIsEscaped() {
        let document = OfficialDocument(
            title: "<b>标题</b> & \"引号\"",
            recipient: "<县直各单位>",
            blocks: [
                .heading(level: 1, text: "一、<script>alert(1)</script>"),
                .paragraph([.text("A&B \u{1}控制\u{0}字符"), .figure(key: "x\" onclick=\"y", text: "<9>")]),
            ],
            signatories: ["<机关>"],
            date: DocxWriterTests.date)
        let html = PrintHTML.render(document, lang: "zh\"CN")
        #expect(html.contains("<title>&lt;b&gt;标题&lt;/b&gt; &amp; &quot;引号&quot;</title>"))
        #expect(html.contains("<h1 class=\"title\">&lt;b&gt;标题&lt;/b&gt; &amp; &quot;引号&quot;</h1>"))
        #expect(html.contains("<p class=\"recipient\">&lt;县直各单位&gt;：</p>"))
        #expect(html.contains("一、&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("<p>A&amp;B 控制字符<span class=\"figure\" data-key=\"x&quot; onclick=&quot;y\">&lt;9&gt;</span></p>"))
        #expect(html.contains(">&lt;机关&gt;</p>"))
        #expect(html.contains("<html lang=\"zh&quot;CN\">"))
        #expect(!html.contains("<script") && !html.contains("<b>"))
        #expect(!html.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test func lineBreaksInTextBecomeBreaks() {
        let document = OfficialDocument(title: "标题", blocks: [.paragraph("第一行\n第二行")], signatories: [],
                                        date: DocxWriterTests.date)
        #expect(PrintHTML.render(document).contains("<p>第一行<br>第二行</p>"))
    }

    /// `FAZHI_PRINT_HTML_SAMPLE=/tmp/report.html swift test --filter PrintHTMLTests` writes the seed report.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["FAZHI_PRINT_HTML_SAMPLE"] != nil))
    func writeSeedReportSample() throws {
        let html = PrintHTML.render(try SeedReport.load())
        try html.write(toFile: ProcessInfo.processInfo.environment["FAZHI_PRINT_HTML_SAMPLE"]!, atomically: true, encoding: .utf8)
    }
}
