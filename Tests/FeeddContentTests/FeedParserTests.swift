import FeeddContent
import FeeddCore
import Foundation
import Testing

/// The API beyond what `feedd parse` prints: channel metadata, item extras, limits, errors.
@Suite struct FeedParserTests {
    func parse(_ text: String, _ options: ParseOptions = ParseOptions()) throws(FeedParseError) -> ParsedFeed {
        try FeedParser.parse(Array(text.utf8), options: options)
    }

    @Test func channelMetadata() throws {
        let feed = try parse("""
            <rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"
                 xmlns:atom="http://www.w3.org/2005/Atom">
            <channel><title>T</title><link>https://example.org/</link><ttl>90</ttl>
            <sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>4</sy:updateFrequency>
            <atom:link rel="self" href="https://example.org/rss"/>
            <image><url>/logo.png</url><title>Logo</title></image>
            </channel></rss>
            """)
        #expect(feed.format == .rss20)
        #expect(feed.ttl == 5400)
        #expect(feed.updatePeriod == 900)
        #expect(feed.selfURL == "https://example.org/rss")
        #expect(feed.image == "https://example.org/logo.png")
    }

    @Test func theWordPressAppearedFirstOnLineIsDropped() throws {
        let feed = try parse("""
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
            <channel><title>Kabul Daily Times</title><link>https://kabuldaily.example/</link>
            <item><title>Neighbours pledge to keep embassies open</title>
            <link>https://kabuldaily.example/2024/03/12/pledge/</link>
            <description><![CDATA[<p>Six ministers said the embassies stay open.</p>
            <p>The post <a href="https://kabuldaily.example/2024/03/12/pledge/">Neighbours pledge</a> appeared first on <a href="https://kabuldaily.example">Kabul Daily Times</a>.</p>]]></description>
            <content:encoded><![CDATA[<p>Six ministers said the embassies stay open.</p><p>Aid agencies welcomed it.</p>
            <p>The post <a href="https://kabuldaily.example/2024/03/12/pledge/">Neighbours pledge</a> appeared first on <a href="https://kabuldaily.example">Kabul Daily Times</a>.</p>
            ]]></content:encoded></item>
            <item><title>A story about the phrase</title>
            <content:encoded><![CDATA[<p>The post office said the parcel appeared first on Monday.</p><p>Then it left.</p>]]></content:encoded></item>
            </channel></rss>
            """)
        let item = try #require(feed.items.first)
        #expect(item.content == "<p>Six ministers said the embassies stay open.</p><p>Aid agencies welcomed it.</p>")
        #expect(item.summary == "Six ministers said the embassies stay open.")
        // Only a last paragraph of that form goes.
        #expect(feed.items[1].content?.contains("The post office") == true)
    }

    @Test func itemExtras() throws {
        let feed = try parse("""
            <rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel><title>T</title>
            <item><title>x</title><comments>https://example.org/x#c</comments><dc:language>fr</dc:language>
            <media:thumbnail url="https://example.org/t.jpg"/></item>
            </channel></rss>
            """)
        let item = try #require(feed.items.first)
        #expect(item.commentsURL == "https://example.org/x#c")
        #expect(item.language == "fr")
        #expect(item.image == "https://example.org/t.jpg")
    }

    @Test func atomCategoryLabelKeptBesideTheTerm() throws {
        let feed = try parse("""
            <feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
            <entry><id>1</id><title>x</title><category term="oss" label="Open source"/><category term="c" label="c"/></entry></feed>
            """)
        let item = try #require(feed.items.first)
        #expect(item.categories == ["oss", "c"])
        #expect(item.categoryLabels == ["oss": "Open source"])
    }

    @Test func atomItemLanguageFromXMLLang() throws {
        let feed = try parse("""
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>T</title>
            <entry xml:lang="de"><id>1</id><title>x</title></entry><entry><id>2</id><title>y</title></entry></feed>
            """)
        #expect(feed.language == "en")
        #expect(feed.items.map(\.language) == ["de", "en"])
    }

    @Test func sanitizesWithConfiguredIframeHosts() throws {
        let xml = """
            <rss version="2.0"><channel><title>T</title><item><title>x</title>
            <description>&lt;iframe src="https://video.example/embed/1"&gt;&lt;/iframe&gt;&lt;p&gt;p&lt;/p&gt;</description>
            </item></channel></rss>
            """
        let allowed = try parse(xml, ParseOptions(iframeHosts: ["video.example"]))
        #expect(allowed.items.first?.content?.contains("<iframe src=\"https://video.example/embed/1\"") == true)
        let blocked = try parse(xml, ParseOptions(iframeHosts: []))
        #expect(blocked.items.first?.content == "<p>p</p>")
    }

    @Test func limits() {
        let big = Array(repeating: UInt8(ascii: " "), count: 2048)
        #expect(throws: FeedParseError.self) { try FeedParser.parse(big, options: ParseOptions(maxBytes: 1024)) }
        do {
            _ = try FeedParser.parse(big, options: ParseOptions(maxBytes: 1024))
        } catch {
            #expect(error.code == .tooLarge)
            #expect(error.message.contains("1024"))
        }
        let deep = "<rss><channel>" + String(repeating: "<a>", count: 40) + "</channel></rss>"
        do {
            _ = try parse(deep, ParseOptions(maxDepth: 32))
            Issue.record("expected too-deep")
        } catch {
            #expect(error.code == .tooDeep)
        }
        #expect((try? parse(deep, ParseOptions(maxDepth: 64))) != nil)
    }

    @Test func notAFeedMessagesSayWhy() {
        do {
            _ = try parse("<html><body>hi</body></html>")
            Issue.record("expected not-a-feed")
        } catch {
            #expect(error.code == .notAFeed)
            #expect(error.description.contains("HTML"))
        }
        do {
            _ = try parse("<opml version=\"2.0\"/>")
            Issue.record("expected not-a-feed")
        } catch {
            #expect(error.message.contains("<opml>"))
        }
    }

    @Test func contentTypeCharsetIsUsed() throws {
        var bytes = Array("<rss version=\"2.0\"><channel><title>".utf8)
        bytes += [0x43, 0x61, 0x66, 0xE9]  // "Café" in ISO-8859-1
        bytes += Array("</title></channel></rss>".utf8)
        let feed = try FeedParser.parse(bytes, options: ParseOptions(contentType: "text/xml; charset=iso-8859-1"))
        #expect(feed.title == "Café")
    }

    @Test func jsonObjectShape() throws {
        let feed = try parse("""
            <rss version="2.0"><channel><title>T "q"</title>
            <item><title>x</title><pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate><author>a@b (A)</author>
            <dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">B</dc:creator></item></channel></rss>
            """)
        #expect(feed.jsonObject == """
            {"format":"rss2.0","title":"T \\"q\\"","link":null,"description":null,"language":null,"items":[{"id":null,\
            "url":null,"title":"x","author":"A, B","published":"2003-06-10T04:00:00Z","updated":null,"summary":null,\
            "content":null,"categories":[],"enclosures":[]}]}
            """)
    }

    @Test func manyItemsStream() throws {
        var xml = "<rss version=\"2.0\"><channel><title>T</title>"
        for index in 0..<5000 { xml += "<item><title>n\(index)</title><guid>g\(index)</guid></item>" }
        xml += "</channel></rss>"
        let feed = try parse(xml)
        #expect(feed.items.count == 5000)
        #expect(feed.items.last?.id == "g4999")
    }

    /// libxml2 reads input past its 10 MB lookup limit only from a memory input it recognizes; the
    /// parse must still take such a document whole (here one text node of 11 MB).
    @Test func documentOverTenMegabytesIsReadToTheEnd() throws {
        let xml = "<rss version=\"2.0\"><channel><title>T</title><item><x:pad xmlns:x=\"urn:pad\">"
            + String(repeating: "x", count: 11 << 20) + "</x:pad><guid>g1</guid></item></channel></rss>"
        let feed = try parse(xml)
        #expect(feed.items.count == 1)
        #expect(feed.items.first?.id == "g1")
    }

    /// The reader empties well-formed comments before libxml2 sees them: text around one still joins, and
    /// an error after a comment of several lines is still reported on its own line.
    @Test func commentsNeitherSplitTextNorMoveErrorLines() throws {
        let feed = try parse("""
            <rss><channel><item><guid isPermaLink="false">a<!-- one
            two -->b<!-- odd -- comment -->c</guid></item></channel></rss>
            """)
        #expect(feed.items.first?.id == "abc")
        do {
            _ = try parse("<!-- a\nb\nc -->\n</x>\n")
            Issue.record("expected not-a-feed")
        } catch {
            #expect(error.code == .notAFeed)
            #expect(error.message.contains("line 4:"))
        }
    }

    /// A plain XML declaration is left out before libxml2 reads the document; others go to libxml2 as
    /// they are. Either way the feed reads the same, and an error's line stays where it was.
    @Test func declarationsReadAlike() throws {
        let body = "<rss version=\"2.0\"><channel><title>T &amp; U</title><item><guid>g</guid></item></channel></rss>"
        let declarations = [
            "", "<?xml version=\"1.0\"?>", "<?xml version='1.0' encoding='utf-8' standalone='yes'?>",
            "<?xml  version = \"1.0\"  encoding=\"UTF-8\" ?>", "<?xml version=\"1.1\"?>",
            "<?xml version=\"1.0\"\n encoding=\"utf-8\"?>",
        ]
        for declaration in declarations {
            let feed = try parse(declaration + "\n" + body)
            #expect(feed.title == "T & U", "\(declaration)")
            #expect(feed.items.map(\.id) == ["g"], "\(declaration)")
        }
        do {
            _ = try parse("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\n</x>\n")
            Issue.record("expected not-a-feed")
        } catch {
            #expect(error.message.contains("line 3:"))
        }
    }
}
