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

    /// A document cut off inside its elements leaves nothing behind on the thread's context: the namespaces it
    /// declared are not in effect in the next document, which reads as it does after a whole one.
    @Test func aCutOffDocumentLeavesNoNamespaceBehind() throws {
        let whole = Array("<rss><channel><title>W</title></channel></rss>".utf8)
        let cut = Array(
            #"<rss xmlns:media="http://search.yahoo.com/mrss/"><channel><item><title>A</title><media:thumbnail url="http://a.example/a.jpg"/>"#
                .utf8)
        let next = Array(
            #"<rss><channel><item><title>B</title><media:thumbnail url="http://b.example/b.jpg"/></item></channel></rss>"#.utf8)
        _ = try FeedParser.parse(whole, options: ParseOptions())
        let afterWhole = try FeedParser.parse(next, options: ParseOptions())
        _ = try FeedParser.parse(cut, options: ParseOptions())
        let afterCut = try FeedParser.parse(next, options: ParseOptions())
        #expect(afterCut.items.map(\.title) == ["B"])
        #expect(afterCut.items.map(\.image) == afterWhole.items.map(\.image))
        #expect(afterCut.items.map(\.image) == [nil])
        // The same prefix, declared, is read.
        let declared = try FeedParser.parse(cut + Array("</item></channel></rss>".utf8), options: ParseOptions())
        #expect(declared.items.map(\.image) == ["http://a.example/a.jpg"])
    }

    /// A document with more names than a kept context holds drops the context; the next one reads alike.
    @Test func aDocumentOfManyNamesDropsTheContextAndTheNextReadsAlike() throws {
        let names = (0..<300).map { "<n\($0)>x</n\($0)>" }.joined()
        let many = Array("<rss><channel><title>M</title>\(names)<item><title>C</title></item></channel></rss>".utf8)
        let rss = Array("<rss><channel><item><title>D</title><link>http://d.example/</link></item></channel></rss>".utf8)
        #expect(try FeedParser.parse(many, options: ParseOptions()).items.map(\.title) == ["C"])
        let after = try FeedParser.parse(rss, options: ParseOptions())
        #expect(after.items.map(\.title) == ["D"])
        #expect(after.items.map(\.url) == ["http://d.example/"])
    }
}
