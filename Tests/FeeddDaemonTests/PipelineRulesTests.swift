import FeeddCore
import FeeddDaemon
import FeeddHTTP
import FeeddStore
import Foundation
import Testing

/// `keep`/`block` in the pipeline: a filtered article is counted, never decided, stored or learned.
@Suite struct PipelineRulesTests {
    static let url = "https://rules.example/feed"

    /// Our own four-item feed: two about Kabul, one sponsored, one about markets.
    static let feed = Array(
        """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>Rules</title><link>https://rules.example/</link>
        <item><title>Kabul water plan</title><link>https://rules.example/news/1</link><description>Wells.</description></item>
        <item><title>KABUL schools reopen</title><link>https://rules.example/sponsored/2</link><description>Desks.</description></item>
        <item><title>Markets calm</title><link>https://rules.example/news/3</link><description>Prices.</description><category>Asia</category></item>
        <item><title>Weather</title><link>https://rules.example/news/4</link><description>Rain.</description></item>
        </channel></rss>
        """.utf8)

    static func run(_ conf: String, dedupe: DedupeIndex = DedupeIndex()) throws -> PollArticles {
        let config = try ConfigParser(path: "/tmp/feeds.conf").parse(conf)
        let source = try #require(config.resolved(named: "rules"))
        let answer = FetchResponse(
            requestedURL: url, effectiveURL: url, status: 200,
            headers: [HTTPHeader(name: "Content-Type", value: "application/rss+xml")], body: feed,
            received: PipelineTests.now)
        let pipeline = Pipeline(source: source, dedupe: dedupe, now: PipelineTests.now)
        return try #require(PipelineTests.articles(pipeline.run(answer)))
    }

    @Test func keepAndBlockFromBothSectionsChooseWhatIsStored() throws {
        let dedupe = DedupeIndex()
        let result = try Self.run(
            """
            [feedd]
            block = url ~ "/sponsored/"
            [source rules]
            url = \(Self.url)
            keep = title ~ "(?i)kabul"
            keep = tags ~ "^Asia$"
            """, dedupe: dedupe)
        #expect(result.filtered == 2)
        #expect(result.outcome.decided.map(\.article.title) == ["Kabul water plan", "Markets calm"])
        #expect(result.outcome.new == 2)
        dedupe.acknowledge(result.outcome.reservation)
        #expect(dedupe.count == 2, "filtered articles are not learned")
        #expect(!dedupe.containsURL("https://rules.example/news/4"))
    }

    @Test func withoutRulesNothingIsFiltered() throws {
        let result = try Self.run("[source rules]\nurl = \(Self.url)\n")
        #expect(result.filtered == 0)
        #expect(result.outcome.new == 4)
    }

    @Test func aListingLinkBlockedByURLIsNotFetched() throws {
        let config = try ConfigParser(path: "/tmp/feeds.conf").parse(
            "[source ledger]\nurl = http://ledger.example/\ntype = html\nblock = url ~ \"water\"\n")
        let source = try #require(config.resolved(named: "ledger"))
        let listing = PipelineTests.answer("http://ledger.example/", "e2e/site/listing.html", type: "text/html")
        let pipeline = Pipeline(source: source, dedupe: DedupeIndex(), now: PipelineTests.now)
        guard case .pages(let wanted) = pipeline.run(listing) else {
            Issue.record("an HTML source needs its article pages")
            return
        }
        #expect(wanted.urls.contains("http://ledger.example/2017/02/24/envoys-call-for-inclusive-peace-process/"))
        #expect(!wanted.urls.contains { $0.contains("water") })
        #expect(wanted.blockedLinks == 1)
        let result = pipeline.resume(wanted, pages: [:])
        #expect(result.filtered == 1, "the blocked link counts as filtered")
    }
}
