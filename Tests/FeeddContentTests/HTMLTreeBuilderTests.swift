import Foundation
import TestSupport
import Testing

@testable import FeeddContent

/// feedd's tree builder (`CFeeddXML_html_parse_lean` over UTF-8) must make the tree libxml2's HTML parser makes from
/// the same lean copy: each rule of libxml2's tree building has a page of its own here, checked against the tree
/// we expect and against libxml2's; then our own pages, whole and broken at random, are built both ways.
@Suite("HTML tree builder")
struct HTMLTreeBuilderTests {
    /// The tree as extraction reads it: elements with their attributes in order, text, script data, processing
    /// instructions and comments. `[…]` marks script data (CDATA), `{?}` a processing instruction, `=∅` an
    /// attribute without a value node.
    static func outline(_ node: HTMLNode) -> String {
        switch node.nodeType {
        case 1:
            var out = "<" + node.name
            for (name, value) in node.attributes {
                out += value.isEmpty && !node.attributeHasValueNode(name) ? " \(name)=∅" : " \(name)=\"\(value)\""
            }
            out += ">"
            for child in node.children { out += outline(child) }
            return out + "</" + node.name + ">"
        case 3: return node.nodeText ?? ""
        case 4: return "[" + (node.nodeText ?? "") + "]"
        case 7: return "{?}"  // a processing instruction
        case 8: return "<!--" + (node.nodeText ?? "") + "-->"
        default: return "?\(node.nodeType)"
        }
    }

    static func documents(_ bytes: [UInt8], contentType: String? = "text/html; charset=utf-8") throws -> (
        ours: HTMLDocument, libxml2: HTMLDocument
    ) {
        (
            try HTMLDocument(bytes: bytes, contentType: contentType, lean: true),
            try HTMLDocument(bytes: bytes, contentType: contentType, lean: true, libxml2: true)
        )
    }

    static func rootOutline(_ document: HTMLDocument) -> String {
        var out = ""
        var node = document.root
        // The root and any element libxml2 puts beside it (content after </html>, when a DOCTYPE came first).
        while let current = node {
            out += outline(current)
            node = current.nextSibling
        }
        return out
    }

    // One page per rule: what it must give, and libxml2 must give the same.
    static let rules: [(rule: String, html: String, expected: String)] = [
        ("implied html, head and body", "<title>T</title><p>x",
         "<html><head><title>T</title></head><body><p>x</p></body></html>"),
        ("text first implies a paragraph", "hello <b>you</b>",
         "<html><body><p>hello <b>you</b></p></body></html>"),
        ("void elements close at once", "<body><p>a<br>b<img src=x.png>c<hr>d",
         "<html><body><p>a<br></br>b<img src=\"x.png\"></img>c</p><hr></hr>d</body></html>"),
        ("a start tag closes what it ends: p by p and div", "<body><p>one<p>two<div>three</div>",
         "<html><body><p>one</p><p>two</p><div>three</div></body></html>"),
        ("list items and definition terms", "<body><ul><li>a<li>b</ul><dl><dt>t<dd>d<dt>u</dl>",
         "<html><body><ul><li>a</li><li>b</li></ul><dl><dt>t</dt><dd>d</dd><dt>u</dt></dl></body></html>"),
        ("table rows and cells", "<body><table><tr><td>a<td>b<tr><th>c</table>",
         "<html><body><table><tr><td>a</td><td>b</td></tr><tr><th>c</th></tr></table></body></html>"),
        ("options", "<body><select><option>a<option>b</select>",
         "<html><body><select><option>a</option><option>b</option></select></body></html>"),
        ("an end tag closes up to its element", "<body><div><span><b>x</div>y",
         "<html><body><div><span><b>x</b></span></div>y</body></html>"),
        ("an end tag for nothing open is ignored", "<body><p>a</span>b</em>c</p>",
         "<html><body><p>abc</p></body></html>"),
        ("an end tag does not close past a table cell", "<body><table><tr><td><b>x</p>y</td></tr></table>",
         "<html><body><table><tr><td><b>xy</b></td></tr></table></body></html>"),
        ("HTML5 elements close nothing and are closed by nothing", "<body><section><p>a<article>b</article></section>",
         "<html><body><section><p>a<article>b</article></p></section></body></html>"),
        ("self-closing syntax closes any element", "<body><div/>x<span/>y",
         "<html><body><div></div>x<span></span>y</body></html>"),
        ("a second html, head or body is dropped, and so is its first end tag",
         "<html lang=en><body class=a><html lang=de><body class=b><p>x</body>y</body>z</body>",
         "<html lang=\"en\"><body class=\"a\"><p>xyz</p></body></html>"),
        ("text straight in head opens a body paragraph", "<html><head><title>T</title>stray</head><body>x",
         "<html><head><title>T</title></head><body><p>stray</p>x</body></html>"),
        ("blank text between head and body stays where it is", "<html> <head> <title>T</title> </head> <body> x",
         "<html> <head> <title>T</title> </head> <body> x</body></html>"),
        ("script data is raw up to its own end tag (the lean copy keeps JSON data blocks only)",
         "<body><script type=application/ld+json>{\"a\": \"<b>x</b></div>\"}</SCRIPT ><p>y",
         "<html><body><script type=\"application/ld+json\">[{\"a\": \"<b>x</b></div>\"}]</script><p>y</p></body></html>"),
        ("textarea and title are not raw text in libxml2 2.9", "<title>a <b>b</b></title><body><textarea><i>x</i></textarea>",
         "<html><head><title>a <b>b</b></title></head><body><textarea><i>x</i></textarea></body></html>"),
        ("attribute values: quoted, bare, empty, missing, boolean, repeated",
         "<body><input type=text value='a b' name=\"q\" data-x=\"\" data-y checked id=1 id=2>",
         "<html><body><input type=\"text\" value=\"a b\" name=\"q\" data-x=\"\" data-y=∅ checked=\"checked\" id=\"1\"></input></body></html>"),
        ("names are lowercased, prefixes leave element names", "<BODY><DIV CLASS=A><fb:Like Data-Href=x></fb:like></DIV>",
         "<html><body><div class=\"A\"><like data-href=\"x\"></like></div></body></html>"),
        ("references in text and attributes", "<body><a title=\"&lt;&amp;&#x41;&#66;&bogus;&\">&copy;&#8212;&nosuch;&#0;&",
         "<html><body><a title=\"<&AB&bogus;&\">©—&nosuch;\u{FFFD}&</a></body></html>"),
        ("a reference to a control character is dropped, in text and in attributes",
         "<body><a title=\"ab&#1;cd\">x&#1;y</a>", "<html><body><a title=\"abcd\">xy</a></body></html>"),
        ("a stray less-than is text", "<body><p>1 < 2 and <3 and <_x>",
         "<html><body><p>1 < 2 and <3 and <_x></p></body></html>"),
        ("an unclosed start tag at the end", "<body><p>x<a href=\"y",
         "<html><body><p>x<a href=\"y\"></a></p></body></html>"),
        ("content after </html> follows the DOCTYPE", "<!DOCTYPE html><html><body>x</body></html><div>late</div>",
         "<html><body>x</body></html><html><div>late</div></html>"),
        ("content after </html> without a DOCTYPE goes inside", "<html><body>x</body></html><div>late</div>",
         "<html><body>x</body><html><div>late</div></html></html>"),
        ("a DOCTYPE inside the page is read with what follows it", "<body><p>a<!DOCTYPE html></p>b",
         "<html><body><p>a</p>b</p></body></html>"),
        ("a comment the lean pass leaves (inside a start tag whose quote never closes) is a comment node",
         "<body><script src=a'b></script><!--c--><p>'x</p>",
         "<html><body><script src=\"a'b\"></script><!--c--><p>'x</p></body></html>"),
        ("processing instructions", "<?xml version=\"1.0\"?><body><p>a<?php echo 1 ?>b",
         "<html><body><p>a{?}b</p></body></html>"),
        ("control characters are dropped from text, kept in attributes", "<body><p title=\"a\u{0C}b\">x\u{0C}y\u{01}z</p>",
         "<html><body><p title=\"a\u{0C}b\">xyz</p></body></html>"),
        ("a byte-order mark is skipped", "\u{FEFF}<p>x", "<html><body><p>x</p></body></html>"),
        ("headings and blocks close an open paragraph, inline elements do not", "<body><p>a<h2>b</h2><p>c<span>d</span><table><tr><td>e</table>",
         "<html><body><p>a</p><h2>b</h2><p>c<span>d</span></p><table><tr><td>e</td></tr></table></body></html>"),
        ("a head element after the body starts goes into the body", "<body><p>a</p><meta name=x><link rel=y><p>b",
         "<html><body><p>a</p><meta name=\"x\"></meta><link rel=\"y\"></link><p>b</p></body></html>"),
        ("the nesting limit stops the parse as libxml2 does", String(repeating: "<div>", count: 300) + "deep",
         ""),
    ]

    @Test(arguments: rules.indices)
    func ruleMatchesExpectationAndLibxml2(_ index: Int) throws {
        let (rule, html, expected) = Self.rules[index]
        let (ours, libxml2) = try Self.documents(Array(html.utf8))
        let built = Self.rootOutline(ours)
        #expect(built == Self.rootOutline(libxml2), "\(rule)")
        if !expected.isEmpty { #expect(built == expected, "\(rule)") }
    }

    static func ownPages() -> [String] {
        let root = ExtractFixtures.root.path
        let paths = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
        return paths.filter { $0.hasSuffix(".html") }.sorted().map { root + "/" + $0 }
    }

    @Test func ourPagesGiveLibxml2sTree() throws {
        let pages = Self.ownPages()
        #expect(pages.count > 50)
        for path in pages {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            let (ours, libxml2) = try Self.documents(bytes, contentType: nil)
            #expect(Self.rootOutline(ours) == Self.rootOutline(libxml2), "\(path)")
            #expect(ours.body?.textContent == libxml2.body?.textContent, "\(path)")
        }
    }

    /// Our pages broken at random (seeded): markup fragments spliced in, bytes cut out.
    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6, 7, 8])
    func brokenPagesGiveLibxml2sTree(_ seed: UInt64) throws {
        let fragments = [
            "<p>", "</p>", "<div>", "</div>", "<li>", "</ul>", "<table>", "<td>", "<tr>", "</table>", "<b>", "</i>",
            "<body class=x>", "</body>", "<html lang=en>", "</html>", "<head>", "<title>", "<script>", "</script>",
            "<style>", "<br/>", "<img src=a alt='b'>", "&amp", "&#0;", "&#x2014;", "&nbsp;", "&bogus;", "<", ">",
            "\"", "'", "=", "<o:p>", "</o:p>", "<?php x ?>", "<!DOCTYPE html>", "<option>", "<dd>", "\u{0C}", " ",
            "<a href=x/>", "<section>", "</section>", "<form>", "<input disabled>", "<meta charset=utf-8>",
        ]
        var random = SplitMix64(seed: seed)
        let pages = Self.ownPages()
        for _ in 0..<60 {
            let path = pages[Int.random(in: 0..<pages.count, using: &random)]
            var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            for _ in 0..<Int.random(in: 1...12, using: &random) where !bytes.isEmpty {
                let at = Int.random(in: 0..<bytes.count, using: &random)
                if Bool.random(using: &random) {
                    bytes.insert(contentsOf: Array(fragments.randomElement(using: &random)!.utf8), at: at)
                } else {
                    bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...40, using: &random)))
                }
            }
            guard !bytes.isEmpty else { continue }
            let (ours, libxml2) = try Self.documents(bytes)
            #expect(Self.rootOutline(ours) == Self.rootOutline(libxml2), "seed \(seed), from \(path)")
        }
    }
}
