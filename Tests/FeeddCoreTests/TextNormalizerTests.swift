import FeeddCore
import TestSupport
import Testing

@Suite struct TextNormalizerTests {
    static let plain: [(String, String)] = [
        ("Hello", "Hello"),
        ("  a \n\t b  ", "a b"),
        ("<b>Bold</b> title", "Bold title"),
        ("<p>One</p><p>Two</p>", "One Two"),
        ("Caf&eacute; &amp; bar", "Café & bar"),
        ("&lt;b&gt;escaped&lt;/b&gt;", "escaped"),
        ("&amp;lt;i&amp;gt;twice&amp;lt;/i&amp;gt;", "twice"),
        ("a < b > c", "a < b > c"),
        ("x&nbsp;&nbsp;y", "x y"),
        ("zero\u{200B}width\u{FEFF}", "zerowidth"),
        ("soft\u{00AD}hyphen", "softhyphen"),
        ("e\u{0301}", "\u{00E9}"),
        ("<script>var x = 1;</script>visible", "visible"),
        ("<style>p{}</style>visible", "visible"),
        ("<!-- hidden -->shown", "shown"),
        ("&#8220;smart&#8221;", "\u{201C}smart\u{201D}"),
        ("&copy 2024", "© 2024"),
        // A stray quote in an unquoted value is part of the value, not a string to the end of the text.
        ("<a href=foo\">x</a> y", "x y"),
        ("<a title='unclosed>x</a> y", "x y"),
        ("<a href = \"q>uoted\">x</a>", "x"),
        ("", ""),
    ]

    @Test(arguments: 0..<plain.count) func plainText(_ index: Int) {
        let (input, expected) = Self.plain[index]
        #expect(TextNormalizer.plainText(input) == expected, "\(input)")
    }

    @Test func collapseWhitespace() {
        #expect(TextNormalizer.collapseWhitespace("\n a\u{00A0}\u{2003}b \r\n") == "a b")
        #expect(TextNormalizer.collapseWhitespace("   ") == "")
    }

    /// Literal text is read with one pass: the same as NFC, then dropping invisible characters, then
    /// collapsing, on random mixes of what each of those acts on (combining marks around invisible
    /// characters and spaces, composed and decomposed letters, spaces that decompose).
    @Test func collapsingAloneEqualsTheThreePasses() {
        let pieces = [
            "a", "e", " ", "  ", "\t", "\n", "\u{00A0}", "\u{2000}", "\u{2003}", "\u{3000}", "\u{0301}", "\u{0308}",
            "\u{0323}", "\u{200B}", "\u{200D}", "\u{200E}", "\u{00AD}", "\u{FEFF}", "\u{0007}", "\u{0085}", "é",
            "\u{1100}", "\u{1161}", "\u{AC00}", "\u{11A8}", "Å", "ffi", "&lt;", "<b>",
        ]
        var random = SplitMix64(seed: 0x7E57)
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 1...8, using: &random)).map { _ in pieces.randomElement(using: &random)! }
                .joined()
            let threePasses = TextNormalizer.collapseWhitespace(
                TextNormalizer.removeInvisible(TextNormalizer.nfc(text)))
            #expect(TextNormalizer.collapseWhitespace(utf8: Array(text.utf8)) == threePasses, "\(Array(text.unicodeScalars))")
        }
    }

    @Test func entitiesDecode() {
        #expect(HTMLEntities.decode("&#x41;&#66;&Eacute;&euro;") == "ABÉ€")
        #expect(HTMLEntities.decode("&#150;") == "\u{2013}")
        #expect(HTMLEntities.decode("&#xD800;&#0;") == "\u{FFFD}\u{FFFD}")
        #expect(HTMLEntities.decode("no entities") == "no entities")
        #expect(HTMLEntities.decode("&nosuch; & &") == "&nosuch; & &")
        #expect(HTMLEntities.decode("&ampx") == "&ampx")
    }
}
