import FeeddContent
import FeeddCore
import FeeddDaemon
import Foundation
import Testing

/// The one place a published item becomes the stored article shape.
@Suite struct ArticleNormalizerTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func normalizer(_ configure: (inout Source, inout Settings) -> Void = { _, _ in }) -> ArticleNormalizer {
        var source = Source(name: "desk", url: "https://desk.example/feed")
        var settings = Settings.defaults
        configure(&source, &settings)
        return ArticleNormalizer(source: Source.Resolved(source, settings: settings), now: now)
    }

    static let feed = ParsedFeed(format: .rss20, link: "https://desk.example/news/", language: "EN-gb")

    @Test func relativeLinksResolveAgainstTheFeedsLinkAndTrackingGoes() {
        let item = FeedItem(url: "story-1?utm_source=rss&id=7", title: "A story")
        let article = Self.normalizer().article(from: item, feed: Self.feed, feedURL: "https://desk.example/feed")
        #expect(article.url == "https://desk.example/news/story-1?id=7")
    }

    @Test func aSourcesStripParamsAreRemovedToo() {
        let item = FeedItem(url: "https://desk.example/a?ref=home&page=2")
        let article = Self.normalizer { source, _ in source.stripParams = ["ref"] }
            .article(from: item, feed: Self.feed, feedURL: "https://desk.example/feed")
        #expect(article.url == "https://desk.example/a?page=2")
    }

    @Test func aDateTooFarAheadIsClampedAndMarkedEstimated() {
        let ahead = Self.now.addingTimeInterval(ArticleNormalizer.futureSkew + 60)
        let near = Self.now.addingTimeInterval(ArticleNormalizer.futureSkew - 60)
        let normalizer = Self.normalizer()
        let clamped = normalizer.article(from: FeedItem(url: "https://desk.example/1", published: ahead), feed: Self.feed, feedURL: "")
        #expect(clamped.published == Self.now)
        #expect(clamped.publishedEstimated)
        let kept = normalizer.article(from: FeedItem(url: "https://desk.example/2", published: near), feed: Self.feed, feedURL: "")
        #expect(kept.published == near)
        #expect(!kept.publishedEstimated)
    }

    @Test func noDateAtAllIsTheFetchTimeMarkedEstimated() {
        let article = Self.normalizer().article(from: FeedItem(url: "https://desk.example/3"), feed: Self.feed, feedURL: "")
        #expect(article.published == Self.now)
        #expect(article.publishedEstimated)
        let updatedOnly = Date(timeIntervalSince1970: 1_700_000_000)
        let dated = Self.normalizer().article(
            from: FeedItem(url: "https://desk.example/4", updated: updatedOnly), feed: Self.feed, feedURL: "")
        #expect(dated.published == updatedOnly)
        #expect(!dated.publishedEstimated)
    }

    @Test func plainTextFromTheParserStaysAsItIsAndTheTextComesFromTheContent() {
        // The parser already turned `&lt;blink&gt;` into text: it is not markup to strip a second time.
        let item = FeedItem(
            url: "https://desk.example/5", title: "History of the <blink> tag", summary: "Short <teaser> & more",
            content: "<p>First paragraph.</p><p>Second paragraph.</p>")
        let article = Self.normalizer().article(from: item, feed: Self.feed, feedURL: "")
        #expect(article.title == "History of the <blink> tag")
        #expect(article.summary == "Short <teaser> & more")
        #expect(article.text?.contains("First paragraph.") == true)
        #expect(article.text?.contains("<p>") == false)
        #expect(article.fingerprint != nil)
    }

    @Test func anImportedRecordIsMadePlainTextAndSanitized() {
        let record = ImportedRecord(
            url: "https://desk.example/10", id: nil, title: "<b>Envoys</b> &amp; talks", author: "<i>Staff</i>",
            published: nil, language: nil, summary: "<p>Short</p>", html: "<p>Body<script>x()</script></p>", text: nil,
            categories: [])
        let article = Self.normalizer().article(fromImport: record)
        #expect(article.title == "Envoys & talks")
        #expect(article.author == "Staff")
        #expect(article.summary == "Short")
        #expect(article.content?.contains("script") == false)
        #expect(article.text == "Body")
    }

    @Test func languageFallsBackToTheFeedsAndIsLowercased() {
        let normalizer = Self.normalizer()
        #expect(normalizer.article(from: FeedItem(url: "https://desk.example/6"), feed: Self.feed, feedURL: "").language == "en-gb")
        #expect(normalizer.article(from: FeedItem(url: "https://desk.example/7", language: "FR"), feed: Self.feed, feedURL: "")
            .language == "fr")
    }

    @Test func authorsJoinAndTheSourcesTagsAreAttached() {
        let article = Self.normalizer { source, _ in source.tags = ["world", "asia"] }.article(
            from: FeedItem(url: "https://desk.example/8", authors: ["A. Writer", "B. Editor"]), feed: Self.feed, feedURL: "")
        #expect(article.author == "A. Writer, B. Editor")
        #expect(article.tags == ["world", "asia"])
        #expect(article.source == "desk")
    }

    @Test func theSameItemGetsTheSameIDOnEveryPoll() {
        let item = FeedItem(id: "desk-1", url: "https://desk.example/9", title: "Same")
        let first = Self.normalizer().article(from: item, feed: Self.feed, feedURL: "")
        let later = ArticleNormalizer(
            source: Source.Resolved(Source(name: "desk", url: "https://desk.example/feed"), settings: .defaults), now: Self.now + 3600)
            .article(from: item, feed: Self.feed, feedURL: "")
        #expect(first.id == later.id)
    }
}
