import FeeddContent
import FeeddCore
import FeeddDaemon
import FeeddHTTP
import FeeddStore
import Foundation
import Testing
import TestSupport

/// The pipeline alone: fetched answers in, decided articles out, for every feed format and for HTML and
/// `full_text` sources. No network: the answers are built from our fixtures.
@Suite struct PipelineTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func pipeline(_ source: Source, dedupe: DedupeIndex = DedupeIndex(), settings: Settings = .defaults) -> Pipeline {
        Pipeline(source: Source.Resolved(source, settings: settings), dedupe: dedupe, now: now)
    }

    static func answer(_ url: String, _ fixture: String, status: Int = 200, type: String = "application/xml") -> FetchResponse {
        FetchResponse(
            requestedURL: url, effectiveURL: url, status: status, headers: [HTTPHeader(name: "Content-Type", value: type)],
            body: Fixtures.data(fixture), received: now)
    }

    static func articles(_ step: PipelineStep) -> PollArticles? {
        if case .articles(let articles) = step { return articles }
        return nil
    }

    @Test(arguments: [
        ("feeds/formats/rss20-full.xml", "application/rss+xml"), ("feeds/formats/atom10-full.xml", "application/atom+xml"),
        ("feeds/formats/rss10-full.xml", "application/rdf+xml"), ("feeds/formats/rss091.xml", "text/xml"),
        ("feeds/formats/jsonfeed11.json", "application/feed+json"),
    ])
    func everyFormatGivesNormalizedNewArticles(fixture: String, type: String) throws {
        let url = "https://feeds.example/feed"
        let answer = Self.answer(url, fixture, type: type)
        let parsed = try FeedParser.parse(answer.body, options: ParseOptions(url: url, contentType: type))
        let source = Source(name: "formats", url: url)
        let result = try #require(Self.articles(Self.pipeline(source).run(answer)))
        #expect(result.outcome.decided.count == parsed.items.count)
        #expect(!parsed.items.isEmpty)
        for decided in result.outcome.decided {
            #expect(decided.decision == .new)
            #expect(decided.stored)
            #expect(decided.article.source == "formats")
            #expect(decided.article.fetched == Self.now)
            if let url = decided.article.url { #expect(url.hasPrefix("http://") || url.hasPrefix("https://"), "\(url)") }
        }
    }

    @Test func aRepollIsDuplicatesOnlyOnceTheJournalAcknowledged() throws {
        let dedupe = DedupeIndex()
        let source = Source(name: "formats", url: "https://feeds.example/feed")
        let answer = Self.answer(source.url, "feeds/formats/rss20-full.xml")
        let first = try #require(Self.articles(Self.pipeline(source, dedupe: dedupe).run(answer)))
        #expect(first.outcome.new > 0)
        #expect(dedupe.count == 0, "nothing is learned before the journal answers")
        // While the append is pending, a concurrent poll of the same items sees them.
        let during = try #require(Self.articles(Self.pipeline(source, dedupe: dedupe).run(answer)))
        #expect(during.outcome.toStore.isEmpty)
        dedupe.release(during.outcome.reservation)
        dedupe.acknowledge(first.outcome.reservation)
        #expect(dedupe.count == first.outcome.new)
        #expect(dedupe.pendingCount == 0)
        let again = try #require(Self.articles(Self.pipeline(source, dedupe: dedupe).run(answer)))
        #expect(again.outcome.toStore.isEmpty)
        #expect(again.outcome.duplicates == first.outcome.decided.count)
    }

    @Test func aFailedAppendIsForgotten() throws {
        let dedupe = DedupeIndex()
        let source = Source(name: "formats", url: "https://feeds.example/feed")
        let answer = Self.answer(source.url, "feeds/formats/atom10-full.xml")
        let first = try #require(Self.articles(Self.pipeline(source, dedupe: dedupe).run(answer)))
        dedupe.release(first.outcome.reservation)
        #expect(dedupe.count == 0)
        #expect(dedupe.pendingCount == 0)
        let retry = try #require(Self.articles(Self.pipeline(source, dedupe: dedupe).run(answer)))
        #expect(retry.outcome.new == first.outcome.new, "the next poll stores them after all")
    }

    @Test func anUnreadableDocumentFailsWithItsKind() {
        var source = Source(name: "broken", url: "https://feeds.example/feed")
        source.type = .rss
        let step = Self.pipeline(source).run(Self.answer(source.url, "html/listing/front-page.html", type: "text/html"))
        guard case .failed(let kind, let message) = step else {
            Issue.record("expected a failure, got \(step)")
            return
        }
        #expect(kind.hasPrefix("parse_"))
        #expect(message.contains("not a readable feed"))
    }

    @Test func aWebPageGivenAsAnAutoSourceAsksForItsFeeds() throws {
        let source = Source(name: "site", url: "https://ledger.example/")
        let page = FetchResponse(
            requestedURL: source.url, effectiveURL: source.url, status: 200,
            headers: [HTTPHeader(name: "Content-Type", value: "text/html")],
            body: Array("<html><head><link rel=\"alternate\" type=\"application/atom+xml\" href=\"/atom\"></head></html>".utf8))
        guard case .discover(let candidates) = Self.pipeline(source).run(page) else {
            Issue.record("a page given as a feed source asks for discovery")
            return
        }
        #expect(candidates.first?.url == "https://ledger.example/atom")
        #expect(candidates.count > 1, "the common paths follow")
    }

    @Test func anHTMLSourceAsksForTheNewArticlePagesAndExtractsThem() throws {
        let dedupe = DedupeIndex()
        var source = Source(name: "ledger", url: "http://ledger.example/")
        source.type = .html
        let listing = Self.answer("http://ledger.example/", "e2e/site/listing.html", type: "text/html")
        guard case .pages(let wanted) = Self.pipeline(source, dedupe: dedupe).run(listing) else {
            Issue.record("an HTML source needs its article pages")
            return
        }
        let envoys = "http://ledger.example/2017/02/24/envoys-call-for-inclusive-peace-process/"
        let water = "http://ledger.example/2017/02/23/kabul-water-project/"
        #expect(wanted.urls.contains(envoys))
        #expect(wanted.urls.contains(water))
        #expect(!wanted.urls.contains("http://ledger.example/about-us/"))
        var pages: [String: PageFetch] = [:]
        for url in wanted.urls {
            switch url {
            case envoys: pages[url] = .success(Self.answer(url, "e2e/site/envoys.html", type: "text/html"))
            case water: pages[url] = .success(Self.answer(url, "e2e/site/water.html", type: "text/html"))
            default: pages[url] = .success(Self.answer(url, "e2e/site/water.html", status: 404, type: "text/html"))
            }
        }
        let result = Self.pipeline(source, dedupe: dedupe).resume(wanted, pages: pages)
        let stored = result.outcome.toStore
        #expect(stored.count == 2)
        let story = try #require(stored.first { $0.url == envoys })
        #expect(story.text?.hasPrefix("KABUL: Envoys of several countries") == true)
        #expect(story.text?.contains("About admin") == false)
        #expect(story.content?.contains("<script") == false)
        #expect(result.pageFailures.map(\.url) == wanted.urls.filter { $0 != envoys && $0 != water })
        #expect(result.counts.contains { $0 == ("pages", "\(wanted.urls.count)") })
        dedupe.acknowledge(result.outcome.reservation)
        // A later poll of the listing fetches only pages it has not stored.
        guard case .pages(let later) = Self.pipeline(source, dedupe: dedupe).run(listing) else {
            Issue.record("expected pages")
            return
        }
        #expect(!later.urls.contains(envoys))
        #expect(!later.urls.contains(water))
    }

    @Test func aFullTextFeedReplacesTeasersWithTheirPages() throws {
        var source = Source(name: "teasers", url: "http://127.0.0.1/feed.xml")
        source.fullText = true
        let feed = Self.answer(source.url, "e2e/teaser-feed.xml")
        guard case .pages(let wanted) = Self.pipeline(source).run(feed) else {
            Issue.record("a full_text feed with teasers needs their pages")
            return
        }
        let page = "http://127.0.0.1/2017/02/24/envoys-call-for-inclusive-peace-process/"
        #expect(wanted.urls == [page])
        let completed = Self.pipeline(source).resume(
            wanted, pages: [page: .success(Self.answer(page, "e2e/site/envoys.html", type: "text/html"))])
        let article = try #require(completed.outcome.toStore.first)
        #expect((article.text?.count ?? 0) > Pipeline.teaserLength)
        #expect(article.title == "Envoys call for an inclusive peace process in Afghanistan")
        #expect(article.guid == "ledger-10231")
        // A page that failed leaves the teaser, and says why.
        let failed = Self.pipeline(source).resume(
            wanted, pages: [page: .failure(FetchError(code: .timeout, url: page, message: "timed out"))])
        let teaser = try #require(failed.outcome.toStore.first)
        #expect((teaser.text?.count ?? 0) < Pipeline.teaserLength)
        #expect(failed.pageFailures.map(\.url) == [page])
    }

    @Test(arguments: [NearDuplicatePolicy.mark, .drop, .keep])
    func theNearDuplicatePolicyDecidesAWireCopy(policy: NearDuplicatePolicy) throws {
        let dedupe = DedupeIndex()
        var settings = Settings.defaults
        settings.nearDuplicates = policy
        let wire = Source(name: "wire", url: "https://wire.example/feed")
        let courier = Source(name: "courier", url: "https://courier.example/feed")
        let original = try #require(Self.articles(
            Self.pipeline(wire, dedupe: dedupe, settings: settings).run(Self.answer(wire.url, "e2e/wire-story.xml"))))
        dedupe.acknowledge(original.outcome.reservation)
        let wireID = try #require(original.outcome.toStore.first?.id)
        let copy = try #require(Self.articles(
            Self.pipeline(courier, dedupe: dedupe, settings: settings).run(Self.answer(courier.url, "e2e/wire-copy.xml"))))
        let decided = try #require(copy.outcome.decided.first)
        #expect(decided.decision == DedupeDecision.nearDuplicate(of: wireID))
        switch policy {
        case .mark:
            #expect(decided.stored && decided.article.duplicateOf == wireID)
        case .drop:
            #expect(!decided.stored && decided.storedID == wireID)
        case .keep:
            #expect(decided.stored && decided.article.duplicateOf == nil)
        }
    }

    @Test func aSecondCopyInOneBatchIsADuplicateOfTheFirst() throws {
        let dedupe = DedupeIndex()
        let source = Source(name: "formats", url: "https://feeds.example/feed")
        let answer = Self.answer(source.url, "feeds/formats/rss20-full.xml")
        let parsed = try #require(Self.articles(Self.pipeline(source, dedupe: DedupeIndex()).run(answer)))
        let article = try #require(parsed.outcome.toStore.first)
        let outcome = Self.pipeline(source, dedupe: dedupe).decide([article, article]).outcome
        #expect(outcome.decided.map(\.stored) == [true, false])
        #expect(outcome.decided[1].decision == .duplicate(of: article.id))
    }
}

extension PipelineTests {
    /// Escaped markup in a feed's title is text, all the way to the stored article.
    @Test func escapedMarkupInATitleReachesTheStoreAsText() throws {
        let source = Source(name: "escapes", url: "https://feeds.example/feed")
        let result = try #require(Self.articles(
            Self.pipeline(source).run(Self.answer(source.url, "feeds/realworld/escaped-tag-as-text.xml"))))
        #expect(result.outcome.toStore.first?.title == "History of the <blink> tag")
    }
}
