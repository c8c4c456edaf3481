import FeeddContent
import Testing

/// A site's page names its feeds in `<link rel="alternate">`; the common paths come after them.
@Suite struct FeedDiscoveryTests {
    static let page = """
        <!doctype html><html><head><title>Ledger</title>
        <link rel="stylesheet" href="/style.css" type="text/css">
        <link rel="alternate" hreflang="fr" href="/fr/">
        <link rel="alternate" type="application/rss+xml" title="Ledger &raquo; Feed" href="/feed/">
        <link rel="alternate" type="application/atom+xml" href="https://ledger.example/atom.xml">
        <link rel="alternate" type="application/feed+json; charset=utf-8" href="feed.json">
        <link rel="alternate" type="application/rss+xml" href="/feed/">
        <link rel="alternate" type="application/json+oembed" href="/oembed?url=x">
        </head><body><p>News</p></body></html>
        """

    @Test func advertisedFeedsComeInPageOrderResolvedAndTyped() {
        let found = FeedDiscovery.advertised(Array(Self.page.utf8), pageURL: "https://ledger.example/news/", contentType: "text/html")
        #expect(found.map(\.url) == [
            "https://ledger.example/feed/", "https://ledger.example/atom.xml", "https://ledger.example/news/feed.json",
            "https://ledger.example/feed/",
        ])
        #expect(found.map(\.format) == ["rss", "atom", "json", "rss"])
        #expect(found.first?.title == "Ledger » Feed")
    }

    @Test func candidatesAddTheCommonPathsOnceEach() {
        let candidates = FeedDiscovery.candidates(Array(Self.page.utf8), pageURL: "https://ledger.example/news/", contentType: "text/html")
        let urls = candidates.map(\.url)
        #expect(Array(urls.prefix(3)) == [
            "https://ledger.example/feed/", "https://ledger.example/atom.xml", "https://ledger.example/news/feed.json",
        ])
        #expect(urls.count == Set(urls).count, "no URL twice")
        #expect(urls.contains("https://ledger.example/rss.xml"))
        #expect(urls.contains("https://ledger.example/index.xml"))
        #expect(candidates.filter(\.advertised).count == 3)
    }

    /// Relative feed links resolve against the page's `<base href>`, as its article links do.
    @Test func aBaseElementIsTheBaseOfTheFeedLinks() {
        let page = """
            <html><head><base href="/archive/"><link rel="alternate" type="application/atom+xml" href="atom.xml">
            </head><body></body></html>
            """
        let found = FeedDiscovery.advertised(Array(page.utf8), pageURL: "https://ledger.example/news/", contentType: "text/html")
        #expect(found.map(\.url) == ["https://ledger.example/archive/atom.xml"])
    }

    @Test func aPageWithoutLinksStillGetsTheCommonPaths() {
        let candidates = FeedDiscovery.candidates(Array("<html><body>hi</body></html>".utf8), pageURL: "http://127.0.0.1:8080/", contentType: nil)
        #expect(candidates.first?.url == "http://127.0.0.1:8080/feed")
        #expect(candidates.allSatisfy { !$0.advertised })
    }
}
