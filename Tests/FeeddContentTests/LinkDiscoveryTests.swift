import Testing

@testable import FeeddContent

@Suite("LinkDiscovery on listing pages")
struct LinkDiscoveryTests {
    static let pageURL = "https://www.thevalleyherald.example/"

    @Test func findsArticleLinksInPageOrder() throws {
        let links = try LinkDiscovery.articleLinks(
            try ExtractFixtures.bytes("listing/front-page.html"), pageURL: Self.pageURL, contentType: "text/html", selector: nil)
        #expect(
            links == [
                "https://www.thevalleyherald.example/2024/03/14/regional-envoys-urge-inclusive-dialogue/",
                "https://www.thevalleyherald.example/2024/03/13/wheat-prices-ease-in-kabul-markets/",
                "https://www.thevalleyherald.example/news/new-school-year-begins-in-northern-provinces",
                "https://www.thevalleyherald.example/business/river-port-reopens-after-floods-48213",
                "https://thevalleyherald.example/local/council-approves-bike-lanes.html",
                "https://www.thevalleyherald.example/story/20240311/trade-delegation-visits",
                "https://www.thevalleyherald.example/2024/03/10/power-cut-hits-northern-districts/",
                "https://www.thevalleyherald.example/2024/03/09/orchestra-returns-to-restored-hall/",
                "https://www.thevalleyherald.example/2024/03/08/museum-returns-artefacts/",
            ])
    }

    @Test func rejectsNavigationTaxonomyMediaAndOtherSites() throws {
        let links = try LinkDiscovery.articleLinks(
            try ExtractFixtures.bytes("listing/front-page.html"), pageURL: Self.pageURL, contentType: nil, selector: nil)
        for rejected in ["/category/", "/tag/", "/author/", "/page/2", "page=3", ".pdf", ".png", "otherpaper", "mailto:", "/about/", "/feed/", "/topics/", "/search/", "#"] {
            #expect(!links.contains { $0.contains(rejected) }, "\(rejected) should not be an article link")
        }
        #expect(!links.contains("https://www.thevalleyherald.example/sport"))
    }

    @Test func aSelectorDecides() throws {
        let bytes = try ExtractFixtures.bytes("listing/front-page.html")
        let cards = try LinkDiscovery.articleLinks(bytes, pageURL: Self.pageURL, contentType: nil, selector: ".card h3")
        #expect(cards.count == 5)
        #expect(cards.first == "https://www.thevalleyherald.example/2024/03/13/wheat-prices-ease-in-kabul-markets/")
        // The selector's links are taken as they are, even where the heuristics would say no.
        let tags = try LinkDiscovery.articleLinks(bytes, pageURL: Self.pageURL, contentType: nil, selector: ".tag-cloud a")
        #expect(tags == ["https://www.thevalleyherald.example/tag/diplomacy/", "https://www.thevalleyherald.example/tag/floods/"])
    }

    @Test func invalidSelectorIsAnError() {
        #expect(throws: ExtractError.self) {
            try LinkDiscovery.articleLinks(Array("<a href=x>x</a>".utf8), pageURL: Self.pageURL, contentType: nil, selector: "a[")
        }
    }
}
