import FeeddCore
import Testing

@testable import FeeddContent

@Suite("ArticleExtractor dates")
struct ExtractDateTests {
    static func published(head: String = "", before: String) throws -> String? {
        let page = "<!doctype html><html><head>\(head)</head><body><article>\(before)<div class=\"entry-content\">\(ExtractLayoutClassTests.story)</div></article></body></html>"
        return try ArticleExtractor.extract(Array(page.utf8), options: ExtractOptions()).published.map(RFC3339.format)
    }

    @Test(arguments: [
        (#"<p class="info">Aktualisiert: 30.12.2016</p>"#, "2016-12-30"),
        (#"<div>Veröffentlicht am 14.03.2024</div>"#, "2024-03-14"),
        (#"<span class="itemPostDate">am 25.08.2015 22:30</span>"#, "2015-08-25"),
        (#"<div class="h-info"><span class="h-time"> 2020-02-19 20:29:58</span></div>"#, "2020-02-19"),
        (#"<div class="post-date">Publié le 3 mars 2024</div>"#, "2024-03-03"),
    ])
    func visibleDatelines(_ html: String, _ day: String) throws {
        #expect(try Self.published(before: html)?.hasPrefix(day) == true, "\(html)")
    }

    @Test func aWebPageDateInTheGraphIsAFallback() throws {
        let graph = #"<script type="application/ld+json">{"@graph":[{"@type":"WebPage","datePublished":"2014-03-17T01:44:37+00:00"}]}</script>"#
        #expect(try Self.published(head: graph, before: "")?.hasPrefix("2014-03-17") == true)
        // The page's own article date wins over the WebPage's.
        let both = graph + #"<meta property="article:published_time" content="2017-12-01T08:00:00Z">"#
        #expect(try Self.published(head: both, before: "")?.hasPrefix("2017-12-01") == true)
    }
}
