@testable import FeeddContent
import Foundation
import TestSupport
import Testing

/// feedd's own feed tokenizer against libxml2: on a well-formed document it reads, it must report exactly
/// libxml2's events; on anything else it must leave the whole document to libxml2 before reporting a thing.
@Suite struct FeedTokenizerTests {
    /// The three readings of one document: feedd's (tokenizer first), the tokenizer on the repaired bytes
    /// only, libxml2 alone. Both of feedd's must report libxml2's events.
    private func readings(_ xml: String, maxDepth: Int = 256, sourceLocation: SourceLocation = #_sourceLocation)
        -> (ours: XMLEventLog.Log, libxml2: XMLEventLog.Log)
    {
        let bytes = Array(xml.utf8)
        let ours = XMLEventLog.record(bytes, maxDepth: maxDepth, readers: .any)
        let repaired = XMLEventLog.record(bytes, maxDepth: maxDepth, readers: .repairedOrLibxml2)
        let libxml2 = XMLEventLog.record(bytes, maxDepth: maxDepth, readers: .libxml2Only)
        #expect(ours.sameOutput(as: libxml2), "\(lines(ours)) vs libxml2 \(lines(libxml2))", sourceLocation: sourceLocation)
        #expect(repaired.sameOutput(as: libxml2), "\(lines(repaired)) vs libxml2 \(lines(libxml2))",
                sourceLocation: sourceLocation)
        return (ours, libxml2)
    }

    private func lines(_ log: XMLEventLog.Log) -> [String] {
        log.events.split(separator: 10).map { String(decoding: $0, as: UTF8.self) }
    }

    /// A document the tokenizer reads itself, straight from the decoded bytes: its events.
    private func tokenized(_ xml: String, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
        let (ours, _) = readings(xml, sourceLocation: sourceLocation)
        #expect(ours.reader == .tokenizerDirect, sourceLocation: sourceLocation)
        return lines(ours)
    }

    /// A document the tokenizer must leave to libxml2 (whose events the reading above already compared).
    private func leftToLibxml2(_ xml: String, maxDepth: Int = 256, sourceLocation: SourceLocation = #_sourceLocation) {
        let (ours, _) = readings(xml, maxDepth: maxDepth, sourceLocation: sourceLocation)
        #expect(ours.reader == .libxml2, sourceLocation: sourceLocation)
    }

    @Test func elementsTextAndSelfClosingTags() {
        let events = tokenized("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel>\n  <title>Our news</title><br/></channel></rss>\n")
        #expect(events == [
            "S 0 0 rss 0:version=\"2.0\"", "S 0 2 channel", "T \"\\xa  \"", "S 0 8 title", "T \"Our news\"", "E 0 title",
            "S 0 53 br", "E 0 br", "E 0 channel", "E 0 rss",
        ])
    }

    @Test func cdataAndReferencesInText() {
        let events = tokenized("<rss><channel><title>a &amp; b<![CDATA[ <c> & ]]>&#233;&nbsp;&unknown; \r\nx</title></channel></rss>")
        #expect(events.contains("T \"a & b <c> & \\xc3\\xa9\\xc2\\xa0&unknown; \\xd\\xax\""))
    }

    @Test func lineEndsInPlainTextBecomeNewlines() {
        let events = tokenized("<rss><channel><title>one\r\ntwo\rthree</title></channel></rss>")
        #expect(events.contains("T \"one\\xatwo\\xathree\""))
    }

    @Test func attributeValuesAreNormalizedAsLibxml2NormalizesThem() {
        let events = tokenized("<feed xmlns=\"http://www.w3.org/2005/Atom\"><link href=\"a?x=1&amp;y=2&#38;z&#x41;&#9;\" title='t\tu\nv\r\nw\rx' rel=\"&quot;&lt;&gt;\"/></feed>")
        #expect(events.contains("S 2 10 link 0:href=\"a?x=1&y=2&zA\\x9\" 0:title=\"t u v w x\" 0:rel=\"\\\"<>\""))
    }

    @Test func namespacesDefaultsPrefixesAndTheXMLPrefix() {
        let events = tokenized("""
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" \
            xmlns:dc="http://purl.org/dc/elements/1.1/" xml:lang="en" xml:base="http://example.com/">\
            <item rdf:about="http://example.com/1"><dc:date>2024-01-02</dc:date>\
            <x xmlns="" a="1"><y xmlns="urn:ours">z</y></x></item></rdf:RDF>
            """)
        #expect(events.first == "S 4 0 RDF 14:lang=\"en\" 14:base=\"http://example.com/\"")
        #expect(events.contains("S 5 1 item 4:about=\"http://example.com/1\""))
        #expect(events.contains("S 7 42 date"))
        #expect(events.contains("S 0 0 x 0:a=\"1\""))
        #expect(events.contains("S 1 0 y"))
    }

    @Test func commentsAndProcessingInstructionsReportNothing() {
        let events = tokenized("<?xml-stylesheet href=\"s.xsl\"?><!-- a\nlicence --><rss><?ours x?><!----><channel/></rss><!-- end -->\n")
        #expect(events == ["S 0 0 rss", "S 0 2 channel", "E 0 channel", "E 0 rss"])
    }

    @Test func whatTheRepairPassMustCleanIsReadFromItsBytes() {
        // A declared entity and a control character: the tokenizer reads the repaired bytes, not the decoded ones.
        for xml in [
            "<!DOCTYPE rss [<!ENTITY who \"us\">]><rss><channel><title>&who;</title></channel></rss>",
            "<rss><channel><title>a\u{1}b</title></channel></rss>",
            "<rss><channel><title>a < b</title></channel></rss>",
        ] {
            let (ours, _) = readings(xml)
            #expect(ours.reader == .tokenizerRepaired, "\(xml)")
        }
    }

    @Test func anythingNotWellFormedIsLeftWholeToLibxml2() {
        for xml in [
            "<rss><channel><title>x</title></channel></rss><extra/>",  // a second root
            "<rss><channel><title>x</titel></channel></rss>",  // mismatched end tag
            "<rss><channel><title>x</title></channel>",  // unclosed root
            "<rss><dc:date>x</dc:date></rss>",  // undeclared prefix
            "<rss a=\"1\" a=\"2\"/>",  // duplicate attribute
            "<rss xmlns:p=\"\"/>",  // empty prefixed namespace
            "<rss><title>a ]]> b</title></rss>",  // `]]>` in text
            "<rss><title a=\"x<y\">t</title></rss>",  // '<' in an attribute value
            "<rss><title a=x>t</title></rss>",  // unquoted value
            "<rss><title a=\"1\"b=\"2\">t</title></rss>",  // no space between attributes
            "<?xml version=\"1.1\"?><rss/>",  // a declaration the repair pass leaves
            "<rss><?xml version=\"1.0\"?></rss>",  // a declaration out of place
            "<rss><!-- a -- b --></rss>",  // `--` in a comment
            "<rss><t\u{E9}>x</t\u{E9}></rss>",  // a name beyond ASCII
            "<rss><a:b:c/></rss>",  // two colons
            "text only",
            "",
        ] {
            leftToLibxml2(xml)
        }
    }

    @Test func nestingPastTheLimitIsLibxml2sToStop() {
        let xml = "<rss><a><b><c><d>x</d></c></b></a></rss>"
        leftToLibxml2(xml, maxDepth: 3)
        #expect(XMLEventLog.record(Array(xml.utf8), maxDepth: 3, readers: .any).tooDeep)
        #expect(XMLEventLog.record(Array(xml.utf8), maxDepth: 5, readers: .any).reader == .tokenizerDirect)
    }

    @Test func aDocumentOfTooManyEventsIsLeftToLibxml2sStreaming() {
        // The event list holds the whole document before it is delivered: a run of empty elements long
        // enough to make it large goes to libxml2, which streams it.
        let xml = "<rss>" + String(repeating: "<a/>", count: 140_000) + "</rss>"
        #expect(XMLEventLog.record(Array(xml.utf8), readers: .any).reader == .libxml2)
        #expect(XMLEventLog.record(Array("<rss>\(String(repeating: "<a/>", count: 1000))</rss>".utf8), readers: .any)
            .reader == .tokenizerDirect)
    }

    @Test func brokenCopiesOfOurFeedsReportLibxml2sEvents() {
        let feeds = [
            "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>T &amp; U</title><item><title>One</title><link>http://example.com/1?a=1&amp;b=2</link><content:encoded><![CDATA[<p>Hi</p>]]></content:encoded></item></channel></rss>",
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\"><title type=\"html\">A &lt;b&gt;</title><entry><id>urn:1</id><link rel=\"alternate\" href=\"/a\"/><content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>x</p></div></content></entry></feed>",
        ]
        let fragments = ["<", ">", "&", "\"", "</a>", "<a>", "]]>", "<![CDATA[", "<!--", "xmlns:q=\"\"", "q:", "\r", "\u{0}", "\u{FFFE}", "&#0;"]
        var random = SplitMix64(seed: 16)
        for feed in feeds {
            for _ in 0..<150 {
                var bytes = Array(feed.utf8)
                for _ in 0...Int(random.next() % 3) {
                    let at = Int(random.next() % UInt64(bytes.count + 1))
                    switch random.next() % 3 {
                    case 0: bytes.insert(contentsOf: Array(fragments[Int(random.next() % UInt64(fragments.count))].utf8), at: at)
                    case 1: bytes.removeSubrange(at..<min(bytes.count, at + Int(random.next() % 8) + 1))
                    default: bytes.removeSubrange(at...)
                    }
                }
                let ours = XMLEventLog.record(bytes, readers: .any)
                let libxml2 = XMLEventLog.record(bytes, readers: .libxml2Only)
                #expect(ours.sameOutput(as: libxml2), "\(String(decoding: bytes, as: UTF8.self))")
            }
        }
    }

    @Test func everyFeedFixtureReportsLibxml2sEvents() throws {
        let enumerator = FileManager.default.enumerator(atPath: FeedFixtureTests.root.path)
        var count = 0
        while let path = enumerator?.nextObject() as? String {
            guard !path.hasSuffix(".expected.json"),
                let data = FileManager.default.contents(atPath: FeedFixtureTests.root.path + "/" + path)
            else { continue }
            let bytes = Array(data)
            let ours = XMLEventLog.record(bytes, readers: .any)
            #expect(ours.sameOutput(as: XMLEventLog.record(bytes, readers: .libxml2Only)), "\(path)")
            #expect(XMLEventLog.record(bytes, readers: .repairedOrLibxml2)
                .sameOutput(as: XMLEventLog.record(bytes, readers: .libxml2Only)), "\(path) (repaired bytes)")
            count += 1
        }
        #expect(count >= 300)
    }
}
