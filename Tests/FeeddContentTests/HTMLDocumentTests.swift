import Foundation
import TestSupport
import Testing

@testable import FeeddContent

@Suite("HTMLDocument over libxml2's HTML parser")
struct HTMLDocumentTests {
    static func parse(_ html: String) throws -> HTMLDocument {
        try HTMLDocument(bytes: Array(html.utf8), encoding: "UTF-8")
    }

    @Test func treeAccessors() throws {
        let document = try Self.parse(
            "<html lang=en><head><title>T</title></head><body><div id=a class='x y'>one <b>two</b><!-- c --></div><p data-flag>three</p></body></html>")
        let root = try #require(document.root)
        #expect(root.name == "html")
        #expect(root.attribute("lang") == "en")
        #expect(document.head?.firstChild?.name == "title")
        let body = try #require(document.body)
        let div = try #require(body.firstChild)
        #expect(div.name == "div")
        #expect(div.isElement("div") && !div.isElement("p"))
        #expect(div.attribute("class") == "x y")
        #expect(div.attribute("missing") == nil)
        #expect(div.attributes.map(\.name) == ["id", "class"])
        #expect(div.children.map(\.kind) == [.text, .element, .comment])
        #expect(div.children.first?.nodeText == "one ")
        #expect(div.textContent == "one two")
        #expect(div.parent == body)
        let p = try #require(div.nextSibling)
        #expect(p.attribute("data-flag") == "")
        #expect(body.contains(p) && !p.contains(body))
        #expect(root.descendantElements.map(\.name) == ["head", "title", "body", "div", "b", "p"])
    }

    @Test func attributeTestsWithoutStrings() throws {
        let document = try Self.parse(
            "<div aria-hidden=true style='Display : NONE;color:red'>a</div><p aria-hidden=TRUE style='visibility: Hidden'>b</p>"
                + "<span style='displ\u{0130}y:none;display: block'>c</span><i style=''>d</i>")
        let elements = try #require(document.body).elementChildren
        let hiding: [StaticString] = ["display:none", "visibility:hidden"]
        #expect(elements[0].attribute("aria-hidden", is: "true"))
        #expect(!elements[1].attribute("aria-hidden", is: "true"))
        #expect(!elements[2].attribute("aria-hidden", is: "true"))
        #expect(elements.map { $0.attribute("style", compactContains: hiding) } == [true, true, false, false])
        // The same answers as lowercasing the value and dropping its spaces.
        for element in elements {
            let compact = (element.attribute("style") ?? "").lowercased().filter { $0 != " " }
            let expected = compact.utf8Contains("display:none") || compact.utf8Contains("visibility:hidden")
            #expect(element.attribute("style", compactContains: hiding) == expected)
        }
    }

    @Test func byteSearchFindsTheFirstOccurrence() {
        let text = "naïve café, café au lait"
        let range = text.utf8Range(of: "café")
        #expect(range.map { String(text[$0]) } == "café")
        #expect(range.map { String(text[..<$0.lowerBound]) } == "naïve ")
        #expect(text.utf8Range(of: "thé") == nil)
        #expect(text.utf8Range(of: "") == nil)
        #expect("ab".utf8Range(of: "abc") == nil)
        let slice = text.dropFirst(7)
        #expect(slice.utf8Range(of: "café").map { String(slice[$0.lowerBound...]) } == "café au lait")
    }

    @Test func brokenMarkupIsRecovered() throws {
        let document = try Self.parse("<p>unclosed <b>bold <i>both</p><p>next")
        let paragraphs = try #require(document.body).select(try CSSSelector("p"))
        #expect(paragraphs.count == 2)
        #expect(paragraphs[1].textContent == "next")
    }

    @Test func detachedNodesStayReadableUntilTheDocumentGoes() throws {
        let document = try Self.parse("<body><div><p>keep</p><p>drop <b>me</b></p></div></body>")
        let body = try #require(document.body)
        let drop = try #require(body.select(try CSSSelector("p")).last)
        let inner = try #require(drop.first(try CSSSelector("b")))
        document.detach(drop)
        document.detach(inner)  // a node inside an already detached subtree: freed once, on its own
        document.detach(drop)  // detached twice: still freed once when the document goes
        #expect(body.textContent == "keep")
        #expect(drop.textContent == "drop ")
        #expect(inner.textContent == "me")
    }

    @Test func serializesUTF8WithoutEscapingIt() throws {
        let document = try Self.parse("<body><p class=\"a\">Café &amp; “quotes” <br>x</p></body>")
        let p = try #require(document.body?.firstChild)
        #expect(p.outerHTML == "<p class=\"a\">Café &amp; “quotes” <br>x</p>")
        #expect(p.innerHTML == "Café &amp; “quotes” <br>x")
    }

    @Test func emptyInputIsAnError() {
        #expect(throws: ExtractError.self) { try HTMLDocument(bytes: [], encoding: "UTF-8") }
    }

    @Test func leanParseKeepsJSONLDAndDropsScriptsStylesSVGAndComments() throws {
        let html = """
            <html><head><script>var a = "<p>not text</p>";</script><style>p{color:red}</style>
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"H"}</script></head>
            <body><!-- <p>comment</p> --><svg><text>icon</text></svg><p>real</p><SCRIPT>x()</SCRIPT></body></html>
            """
        let document = try HTMLDocument(bytes: Array(html.utf8), encoding: "UTF-8", lean: true)
        let root = try #require(document.root)
        let scripts = root.select(try CSSSelector("script"))
        #expect(scripts.map(\.textContent) == ["", "{\"@type\":\"NewsArticle\",\"headline\":\"H\"}", ""])
        #expect(root.select(try CSSSelector("style")).map(\.textContent) == [""])
        #expect(try #require(document.body).textContent.trimmingCharacters(in: .whitespacesAndNewlines) == "real")
    }

    static let charsetCases = [
        "koi8r-meta", "cp1251-httpequiv", "shiftjis-meta", "gbk-gb2312", "euckr-meta", "latin1-declared", "latin2-meta",
        "cp1252-undeclared", "utf8-undeclared", "utf8-bom-wrong-meta",
    ]

    @Test(arguments: charsetCases)
    func decodesLegacyEncodings(_ name: String) throws {
        let bytes = try ExtractFixtures.bytes("charset/\(name).html")
        let expected = try ExtractFixtures.text("charset/\(name).txt").trimmingCharacters(in: .whitespacesAndNewlines)
        let document = try HTMLDocument(bytes: bytes, contentType: nil)
        let p = try #require(document.body?.first(try CSSSelector("p")))
        #expect(p.textContent == expected)
    }

    @Test func undefinedWindows1252BytesDoNotCutThePage() throws {
        let bytes = Array("<html><head><meta charset=\"iso-8859-1\"></head><body><p>caf".utf8) + [0xE9, 0x20, 0x81, 0x20, 0x93]
            + Array("quoted".utf8) + [0x94] + Array(" and the rest</p><p>second</p></body></html>".utf8)
        let document = try HTMLDocument(bytes: bytes, contentType: nil)
        let paragraphs = try #require(document.body).select(try CSSSelector("p"))
        #expect(paragraphs.map(\.textContent) == ["café \u{81} “quoted” and the rest", "second"])
    }

    /// A byte a legacy charset leaves undefined is one U+FFFD, not the end of the page (libxml2's converter stopped).
    @Test(arguments: [("windows-1250", 0x81, 0x8A, "\u{160}"), ("windows-1251", 0x98, 0xC0, "\u{410}"),
                      ("windows-1253", 0xAA, 0xC1, "\u{391}")] as [(String, UInt8, UInt8, String)])
    func undefinedBytesOfOtherLegacyCharsetsDoNotCutThePage(_ charset: String, _ undefined: UInt8, _ letter: UInt8,
                                                            _ decoded: String) throws {
        let bytes = Array("<html><head><meta charset=\"\(charset)\"></head><body><p>a ".utf8)
            + [letter, 0x20, undefined] + Array(" b</p><p>second</p></body></html>".utf8)
        let document = try HTMLDocument(bytes: bytes, contentType: nil)
        let paragraphs = try #require(document.body).select(try CSSSelector("p"))
        #expect(paragraphs.map(\.textContent) == ["a \(decoded) \u{FFFD} b", "second"])
    }

    @Test func garbageAndDeepNestingParseWithoutTrouble() throws {
        var generator = SplitMix64(seed: 0x6E6F_6973_65)
        let noise = (0..<20_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        _ = try? ArticleExtractor.extract(noise, options: ExtractOptions())
        let deep = "<html><body>" + String(repeating: "<div>", count: 20_000) + "<p>deep</p>" + String(repeating: "</div>", count: 20_000)
        _ = try ArticleExtractor.extract(Array(deep.utf8), options: ExtractOptions())
    }

    @Test func httpCharsetWinsOverTheMetaDeclaration() throws {
        let bytes = try ExtractFixtures.bytes("charset/koi8r-meta.html")
        #expect(CharsetSniffer.encoding(of: bytes, contentType: "text/html; charset=windows-1251") == "WINDOWS-1251")
        #expect(CharsetSniffer.encoding(of: bytes, contentType: "text/html") == "KOI8-R")
    }

    @Test func aFewStrayBytesDoNotMakeAUTF8PageLatin1() throws {
        // One pasted Latin-1 "ü" (0xFC) in a UTF-8 page: the page stays UTF-8 and the stray byte becomes U+FFFD.
        let paragraph = "<p>Die Minister sagten, die Grenzübergänge sollen öffnen; Hilfsgüter würden gebraucht.</p>"
        let before = Array("<html><head><meta charset=\"utf-8\"><title>Zäune für Kabul</title></head><body>\(String(repeating: paragraph, count: 3))<p>K".utf8)
        let after = Array("chenblogs</p><p>Hilfsorganisationen begrüßten die Erklärung.</p></body></html>".utf8)
        let bytes = before + [0xFC] + after
        #expect(CharsetSniffer.encoding(of: bytes, contentType: nil) == "UTF-8")
        let article = try ArticleExtractor.extract(bytes, options: ExtractOptions())
        #expect(article.text.contains("Grenzübergänge"))
        #expect(article.text.contains("K\u{FFFD}chenblogs"))
        #expect(article.text.contains("begrüßten"))
        // A Latin-1 page stays Latin-1.
        let latin1: [UInt8] = Array("<p>Gr".utf8) + [0xFC] + Array("n und Gr".utf8) + [0xFC] + Array("n, sch".utf8) + [0xF6, 0x6E]
        #expect(CharsetSniffer.encoding(of: latin1, contentType: nil) == "windows-1252")
    }

    @Test func aLegacyLabelOnUTF8BytesIsIgnored() throws {
        // A template that kept `gb2312` after the site moved to UTF-8.
        let page = "<html><head><meta charset=\"gb2312\"><title>新电脑可以利用记忆自学</title></head><body><p>人工智能迈上新台阶，研究人员说。</p></body></html>"
        #expect(CharsetSniffer.encoding(of: Array(page.utf8), contentType: nil) == "UTF-8")
        #expect(CharsetSniffer.encoding(of: Array(page.utf8), contentType: "text/html; charset=GB2312") == "UTF-8")
        let article = try ArticleExtractor.extract(Array(page.utf8), options: ExtractOptions())
        #expect(article.title == "新电脑可以利用记忆自学")
        // Real GBK bytes ("中文" four times) are not valid UTF-8: the label stands.
        let gbk = Array("<meta charset=\"gb2312\"><p>".utf8) + Array(repeating: [0xD6, 0xD0, 0xCE, 0xC4], count: 4).flatMap { $0 }
        #expect(CharsetSniffer.encoding(of: gbk, contentType: nil) == "GB18030")
    }

    @Test func sniffingRules() {
        #expect(CharsetSniffer.encoding(of: Array("<p>plain ascii</p>".utf8), contentType: nil) == "UTF-8")
        #expect(CharsetSniffer.encoding(of: [0x3C, 0x70, 0x3E, 0xE9, 0x3C], contentType: nil) == "windows-1252")
        // A page that declares UTF-8 but is not valid UTF-8 reads as windows-1252.
        #expect(CharsetSniffer.encoding(of: Array("<meta charset=utf-8>".utf8) + [0xE9], contentType: nil) == "windows-1252")
        #expect(CharsetSniffer.charsetParameter("text/html; Charset=\"Shift_JIS\"") == "Shift_JIS")
        #expect(CharsetSniffer.normalize("x-sjis") == "CP932")
        #expect(CharsetSniffer.normalize("latin1") == "windows-1252")
        #expect(CharsetSniffer.normalize("no-such-charset") == nil)
    }
}
