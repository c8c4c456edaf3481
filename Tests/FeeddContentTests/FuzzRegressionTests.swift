import FeeddCore
import Foundation
import Testing
import TestSupport

@testable import FeeddContent

/// Inputs that `scripts/fuzz` found crashing, hanging or breaking a property (Tests/Fixtures/fuzz/<target>/),
/// replayed with the same calls and checks as the fuzz targets in Fuzz/FeeddFuzz.
@Suite struct FuzzRegressionTests {
    static func inputs(_ target: String) -> [String] {
        let directory = Fixtures.path("fuzz/" + target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.sorted().map { "fuzz/\(target)/\($0)" }
    }

    @Test(arguments: inputs("feed")) func feed(_ fixture: String) {
        let options = ParseOptions(url: "https://example.com/feed/", contentType: nil)
        if let feed = try? FeedParser.parse(Fixtures.data(fixture), options: options) {
            #expect(!feed.jsonObject.isEmpty)
        }
    }

    /// An item opened while an element of the previous one was still open closes that item first; the new item's
    /// text starts after the cut (it used to keep the old offset and trap on the range).
    @Test func itemOpenedInsideUnclosedElement() throws {
        let feed = try FeedParser.parse(
            Fixtures.data("fuzz/feed/item-opened-inside-unclosed-element.xml"), options: ParseOptions())
        #expect(feed.items.map(\.title) == ["a", "b"])
        #expect(feed.items.last?.published == Date(timeIntervalSince1970: 1_055_217_600))
    }

    @Test(arguments: inputs("extract")) func extract(_ fixture: String) {
        _ = try? ArticleExtractor.extract(
            Fixtures.data(fixture), options: ExtractOptions(url: "https://example.com/news/2026/11/some-story"))
    }

    /// A discussion heading dooms its following siblings, and the walk then doomed a sibling again on its own
    /// merits: the node was detached twice and freed twice with the document (a double free under ASan).
    @Test func nodeDetachedTwiceIsFreedOnce() throws {
        let document = try HTMLDocument(bytes: Array("<div><h2>comment</h2><p>a</p></div>".utf8), encoding: "UTF-8")
        let paragraph = try #require(document.root?.first(try CSSSelector("p")))
        document.detach(paragraph)
        document.detach(paragraph)
        #expect(document.root?.first(try CSSSelector("p")) == nil)
        #expect(paragraph.textContent == "a")
        let article = try ArticleExtractor.extract(
            Fixtures.data("fuzz/extract/discussion-heading-dooms-sibling-twice.html"), options: ExtractOptions())
        #expect(article.title == nil || article.title?.isEmpty == false)
    }

    @Test(arguments: inputs("links")) func links(_ fixture: String) {
        var page = Fixtures.data(fixture)[...]
        var selector: String?
        if page.first == UInt8(ascii: "@") {
            let end = page.firstIndex(of: 0x0A) ?? page.endIndex
            selector = String(decoding: page[page.startIndex + 1..<end], as: UTF8.self)
            page = page[min(end + 1, page.endIndex)...]
        }
        _ = try? LinkDiscovery.articleLinks(
            Array(page), pageURL: "https://example.com/news/", contentType: nil, selector: selector)
    }

    @Test(arguments: inputs("sanitize")) func sanitize(_ fixture: String) {
        let sanitizer = Sanitizer(baseURL: "https://example.com/a/b", iframeHosts: Settings.defaults.iframeHosts)
        let output = sanitizer.sanitize(Fixtures.string(fixture))
        #expect(SanitizedCheck.problem(in: output) == nil, "\(output.debugDescription)")
    }

    /// The fuzz target's property must be able to fail, or a clean run means nothing.
    @Test(arguments: [
        "<script>x</script>", "<p onclick=\"x\">a</p>", "<a href=\"javascript:x\">a</a>", "<a href=\" javascript&#x3a;x\">",
        "<svg></svg>", "<img style=\"x\">", "a < b",
    ])
    func sanitizedCheckCatchesActiveContent(_ html: String) {
        #expect(SanitizedCheck.problem(in: html) != nil)
    }

    @Test func sanitizedCheckPassesSafeMarkup() {
        #expect(SanitizedCheck.problem(in: "<p>a &lt; b <a href=\"https://example.com/x?a=1&amp;b=2\">l</a></p><br>") == nil)
    }

    @Test(arguments: inputs("opml")) func opml(_ fixture: String) {
        _ = try? OPMLDocument.parse(Fixtures.data(fixture))
    }
}
