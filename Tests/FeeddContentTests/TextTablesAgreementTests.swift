import FeeddCore
@testable import FeeddContent
import Testing

/// One windows-1252 table and one entity table: every way text enters feedd (a feed through CFeeddXML, a page
/// through libxml2's HTML parser, charset decoding, JSON-LD in the extractor, FeeddCore's decoders) reads a byte
/// or a reference as the same scalar.
@Suite struct TextTablesAgreementTests {
    /// windows-1252's 0x80–0x9F as WHATWG's encoding standard maps them; 0x81, 0x8D, 0x8F, 0x90 and 0x9D, which
    /// Microsoft leaves undefined, are the C1 controls of the same value (browsers decode them so).
    static let high: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, 0x160, 0x2039, 0x152, 0x8D, 0x17D,
        0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x2DC, 0x2122, 0x161, 0x203A, 0x153, 0x9D,
        0x17E, 0x178,
    ]

    static func expected(_ bytes: [UInt8]) -> [UInt32] {
        bytes.map { $0 >= 0x80 && $0 < 0xA0 ? high[Int($0 - 0x80)] : UInt32($0) }
    }

    static func scalars(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }

    /// Collects the text of one element of a feed, as the C parser hands it over.
    final class TextCollector: XMLEventHandler {
        let element: String
        var inside = false
        var text: [UInt8] = []
        init(_ element: String) { self.element = element }
        func startElement(_ ns: XMLNamespace, _ name: UnsafePointer<CChar>, element: FeedElement,
                          attributes: [XMLAttribute]) {
            inside = String(cString: name) == self.element
        }
        func endElement(_ ns: XMLNamespace, _ name: @autoclosure () -> String) { inside = false }
        func text(_ bytes: UnsafeRawBufferPointer) { if inside { text += bytes } }
    }

    static func feedTitle(_ xml: [UInt8]) -> String {
        let collector = TextCollector("title")
        _ = xml.withUnsafeBytes { XMLStreamReader.parse($0, charset: nil, maxDepth: 64, handler: collector) }
        return String(decoding: collector.text, as: UTF8.self)
    }

    static func paragraph(_ html: [UInt8], contentType: String? = nil) throws -> String {
        let document = try HTMLDocument(bytes: html, contentType: contentType)
        return try #require(document.body?.first(try CSSSelector("p"))).textContent
    }

    @Test func everyByteDecodesAlikeEverywhere() throws {
        let all = (0...255).map(UInt8.init)
        #expect(Self.scalars(TextDecoding.string(all, charset: "windows-1252")) == Self.expected(all))
        #expect(Self.scalars(TextDecoding.string(all, charset: "ISO-8859-1")) == Self.expected(all))
        #expect(Self.scalars(String(decoding: Windows1252.utf8(all), as: UTF8.self)) == Self.expected(all))
        #expect(all.map(Windows1252.scalar) == Self.expected(all))

        // Documents hold every byte but markup and the controls XML forbids.
        let text = all.filter { $0 >= 0x20 && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: "&") }
        let feed = Array(#"<?xml version="1.0" encoding="windows-1252"?><rss><channel><title>"#.utf8) + text
            + Array("</title></channel></rss>".utf8)
        #expect(Self.scalars(Self.feedTitle(feed)) == Self.expected(text))
        let page = Array(#"<html><head><meta charset="windows-1252"></head><body><p>"#.utf8) + text
            + Array("</p></body></html>".utf8)
        #expect(Self.scalars(try Self.paragraph(page)) == Self.expected(text))
        let unlabelled = Array("<html><body><p>".utf8) + text + Array("</p></body></html>".utf8)
        #expect(Self.scalars(try Self.paragraph(unlabelled, contentType: "text/html; charset=iso-8859-1"))
            == Self.expected(text))
    }

    /// Every label that means windows-1252 does so for feeds (CFeeddXML) and pages (CharsetSniffer) alike.
    @Test(arguments: ["ISO-8859-1", "latin1", "US-ASCII", "cp1252", "csisolatin1", "iso88591", "ISO_8859-1:1987",
                      "l1", "x-cp1252"])
    func latinLabelsMeanWindows1252Everywhere(_ label: String) throws {
        #expect(CharsetSniffer.normalize(label) == "windows-1252")
        let bytes: [UInt8] = [0x61, 0x93, 0x81, 0x94]
        #expect(Self.scalars(TextDecoding.string(bytes, charset: label)) == Self.expected(bytes))
    }

    /// References of our choosing and what each stands for: HTML 4 names, HTML5 names libxml2 does not know,
    /// names whose value HTML5 changed, numbers in windows-1252's range, hex, beyond the BMP.
    static let references: [(String, UInt32)] = [
        ("&amp;", 0x26), ("&lt;", 0x3C), ("&gt;", 0x3E), ("&quot;", 0x22), ("&apos;", 0x27), ("&eacute;", 0xE9),
        ("&Eacute;", 0xC9), ("&hellip;", 0x2026), ("&mdash;", 0x2014), ("&ndash;", 0x2013), ("&rsquo;", 0x2019),
        ("&ldquo;", 0x201C), ("&euro;", 0x20AC), ("&copy;", 0xA9), ("&trade;", 0x2122), ("&deg;", 0xB0),
        ("&frac12;", 0xBD), ("&times;", 0xD7), ("&Scaron;", 0x160), ("&oelig;", 0x153), ("&szlig;", 0xDF),
        ("&Omega;", 0x3A9), ("&infin;", 0x221E), ("&rarr;", 0x2192), ("&bull;", 0x2022), ("&numero;", 0x2116),
        ("&lang;", 0x27E8), ("&rang;", 0x27E9), ("&check;", 0x2713), ("&hyphen;", 0x2010), ("&bsol;", 0x5C),
        ("&lsquor;", 0x201A), ("&Zdot;", 0x17B), ("&#8217;", 0x2019), ("&#x2019;", 0x2019), ("&#X201c;", 0x201C),
        ("&#146;", 0x2019), ("&#150;", 0x2013), ("&#128;", 0x20AC), ("&#x9D;", 0x9D), ("&#x1F600;", 0x1F600),
        ("&#233;", 0xE9), ("&#0000000233;", 0xE9), ("&#x00000000E9;", 0xE9),
    ]

    @Test(arguments: 0..<references.count) func everyDecoderReadsAReferenceAlike(_ index: Int) throws {
        let (reference, value) = Self.references[index]
        let expected: [UInt32] = [0x78, value, 0x79]
        let text = "x\(reference)y"
        #expect(Self.scalars(HTMLEntities.decode(text)) == expected, "FeeddCore")
        let feed = Array("<?xml version=\"1.0\"?><rss><channel><title>\(text)</title></channel></rss>".utf8)
        #expect(Self.scalars(Self.feedTitle(feed)) == expected, "feed")
        let page = Array("<html><body><p>\(text)</p></body></html>".utf8)
        #expect(Self.scalars(try Self.paragraph(page)) == expected, "HTML")
        let jsonLD = JSONLDArticle.parse([#"{"@type": "NewsArticle", "headline": "\#(text)"}"#])
        #expect(Self.scalars(jsonLD.headline ?? "") == expected, "JSON-LD")
    }

    /// References to control characters: FeeddCore keeps the character for plain text to drop, a page's tree never
    /// holds it; invalid code points are U+FFFD everywhere.
    @Test func controlAndInvalidReferencesEndAlike() throws {
        for (reference, plain) in [("&#1;", "xy"), ("&#x1F;", "xy"), ("&#0;", "x\u{FFFD}y"), ("&#xD800;", "x\u{FFFD}y"),
                                   ("&#x110000;", "x\u{FFFD}y")] {
            let text = "x\(reference)y"
            #expect(TextNormalizer.plainText(text) == plain, "\(reference) FeeddCore")
            let page = Array("<html><body><p>\(text)</p></body></html>".utf8)
            #expect(try Self.paragraph(page) == plain, "\(reference) HTML")
        }
    }

    @Test func referencesInScriptsStayAsWritten() throws {
        let page = Array("<html><body><script>var s = 'x&apos;y';</script><p>x&apos;y</p></body></html>".utf8)
        let document = try HTMLDocument(bytes: page, contentType: nil)
        let script = try #require(document.body?.first(try CSSSelector("script")))
        #expect(script.textContent == "var s = 'x&apos;y';")
        #expect(try #require(document.body?.first(try CSSSelector("p"))).textContent == "x'y")
    }

    @Test func legacyNamesWithoutSemicolonAreReadOutsideQueries() throws {
        #expect(HTMLEntities.decode("&copy 2024") == "\u{A9} 2024")
        #expect(HTMLEntities.decode("?a=1&copy=2") == "?a=1&copy=2")
        let page = Array("<html><body><p>&copy 2024</p><a href=\"/x?a=1&copy=2\">l</a></body></html>".utf8)
        let document = try HTMLDocument(bytes: page, contentType: nil)
        #expect(try #require(document.body?.first(try CSSSelector("p"))).textContent == "\u{A9} 2024")
        #expect(try #require(document.body?.first(try CSSSelector("a"))).attribute("href") == "/x?a=1&copy=2")
    }
}
