import Testing

@testable import FeeddContent

@Suite("ArticleExtractor titles")
struct ExtractTitleTests {
    static let story = ExtractLayoutClassTests.story

    static func title(head: String, h1: String?, url: String = "https://www.kabultimes.example/2024/03/12/pledge/") throws -> String? {
        let heading = h1.map { "<h1>\($0)</h1>" } ?? ""
        let page = "<!doctype html><html><head>\(head)</head><body><article>\(heading)<div class=\"entry-content\">\(story)</div></article></body></html>"
        return try ArticleExtractor.extract(Array(page.utf8), options: ExtractOptions(url: url)).title
    }

    @Test func aGenericMetadataHeadlineGivesWayToTheConfirmedVisibleOne() throws {
        let head = """
            <title>Neighbours pledge to keep embassies open - Kabul Times</title>
            <meta property="og:title" content="Neighbours pledge to keep embassies open">
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"News article"}</script>
            """
        #expect(try Self.title(head: head, h1: "Neighbours pledge to keep embassies open") == "Neighbours pledge to keep embassies open")
    }

    @Test func aConfirmedMetadataHeadlineStands() throws {
        // The <h1> says it differently; og:title and JSON-LD agree with each other.
        let head = """
            <meta property="og:title" content="Six neighbours pledge to keep Kabul embassies open">
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"Six neighbours pledge to keep Kabul embassies open"}</script>
            """
        #expect(try Self.title(head: head, h1: "Embassies to stay open") == "Six neighbours pledge to keep Kabul embassies open")
    }

    @Test(arguments: [
        ("Neighbours pledge to keep embassies open | Kabul Times", "Neighbours pledge to keep embassies open"),
        ("Neighbours pledge to keep embassies open - KabulTimes", "Neighbours pledge to keep embassies open"),
        ("KABUL TIMES: Neighbours pledge to keep embassies open", "Neighbours pledge to keep embassies open"),
        ("Neighbours pledge - what it means for trade", "Neighbours pledge - what it means for trade"),
    ])
    func theSiteNameComesOffByTheHostWhenThePageNamesNoSite(_ title: String, _ expected: String) throws {
        #expect(try Self.title(head: "<title>\(title)</title>", h1: nil) == expected)
    }

    @Test func aLogoInTheHeadingIsNotTheHeadline() throws {
        let head = #"<meta property="og:title" content="Neighbours pledge to keep embassies open | Kabul Times"><meta property="og:site_name" content="Kabul Times">"#
        #expect(try Self.title(head: head, h1: "Kabul Times") == "Neighbours pledge to keep embassies open")
    }
}
