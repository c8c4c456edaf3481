@testable import FeeddContent
import Testing

/// The C reader numbers element names in its own table; the Swift enum must list them in the same order.
@Suite struct FeedElementTests {
    @Test func cTableAndSwiftEnumAgree() {
        for element in FeedElement.allCases {
            #expect(FeedElement(String(describing: element)) == element, "\(element)")
        }
    }

    @Test func namesAreCaseSensitiveAndUnknownNamesAreOther() {
        #expect(FeedElement("pubDate") == .pubDate)
        #expect(FeedElement("pubdate") == .pubdate)
        #expect(FeedElement("Channel") == .Channel)
        #expect(FeedElement("ITEM") == .other)
        #expect(FeedElement("items") == .other)
        #expect(FeedElement("") == .other)
    }

    /// Names keep their meaning from one document to the next on a thread (the C reader reuses its context).
    @Test func elementsAreReadAlikeAcrossDocuments() throws {
        let rss = Array("<rss><channel><title>T</title><item><title>A</title><link>http://a.example/</link></item></channel></rss>".utf8)
        let atom = Array("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>B</title></entry></feed>".utf8)
        for _ in 0..<3 {
            let first = try FeedParser.parse(rss, options: ParseOptions())
            #expect(first.items.map(\.title) == ["A"])
            #expect(first.items.map(\.url) == ["http://a.example/"])
            let second = try FeedParser.parse(atom, options: ParseOptions())
            #expect(second.items.map(\.title) == ["B"])
        }
    }
}
