import FeeddCore
import Testing

@testable import FeeddContent

@Suite("OPML round trip")
struct OPMLRoundTripTests {
    static let conf = """
        [source bbc-world]
        url = https://news.example/world/rss.xml
        title = BBC News - World
        tags = world, News Desk

        [source plain]
        url = https://plain.example/feed

        [source listing]
        type = html
        url = https://site.example/latest/
        """

    @Test func exportThenImportKeepsTitlesAndTags() throws {
        let config = try ConfigParser(path: "/tmp/feeds.conf").parse(Self.conf)
        let opml = OPMLDocument.export(config, now: "2026-12-07T00:00:00Z")
        #expect(opml.contains(#"text="BBC News - World" title="BBC News - World""#))
        #expect(opml.contains(#"category="world,News Desk""#))
        #expect(!opml.contains("site.example"), "an HTML source has no feed URL to export")

        let document = try OPMLDocument.parse(Array(opml.utf8))
        let sections = document.configSections(taken: [], existingURLs: []).text
        let again = try ConfigParser(path: "/tmp/feeds.conf").parse(sections)
        #expect(again.sources.map(\.url) == ["https://news.example/world/rss.xml", "https://plain.example/feed"])
        #expect(again.sources.map(\.title) == ["BBC News - World", "plain"])
        #expect(again.sources.map(\.tags) == [["world", "News Desk"], []])
        #expect(again.sources.map(\.name) == ["bbc-news-world", "plain"])
    }

    @Test func foldersAndCategoriesBecomeTagsOnce() throws {
        let opml = """
            <opml version="2.0"><body>
            <outline text="Europe"><outline text="Politics">
              <outline text="Le Monde" xmlUrl="https://monde.example/rss" category="/Tags/Politics, french,  ,Europe"/>
            </outline></outline>
            </body></opml>
            """
        let sections = try OPMLDocument.parse(Array(opml.utf8)).configSections(taken: [], existingURLs: []).text
        #expect(sections == "\n[source le-monde]\nurl = https://monde.example/rss\ntitle = Le Monde\ntags = Europe, Politics, french\n")
    }

    @Test(arguments: [
        ("Café Müller Blog ☕", "cafe-muller-blog"),
        ("Straße & Øresund — Łódź", "strasse-oresund-lodz"),
        ("BBC News - World", "bbc-news-world"),
        ("  ***  ", nil),
        ("Новости", nil),
    ] as [(String, String?)])
    func sectionNamesAreReadableASCII(title: String, name: String?) {
        #expect(OPMLDocument.sectionName(title) == name)
    }

    @Test func aTitleInAnotherScriptKeepsItsTitleAndTakesTheHostAsName() throws {
        let opml = #"<opml><body><outline text="Новости  #1" xmlUrl="https://www.novosti.example/rss"/></body></opml>"#
        let sections = try OPMLDocument.parse(Array(opml.utf8)).configSections(taken: [], existingURLs: []).text
        #expect(sections == "\n[source novosti.example]\nurl = https://www.novosti.example/rss\ntitle = Новости 1\n")
        let config = try ConfigParser(path: "/tmp/feeds.conf").parse(sections)
        #expect(config.sources.first?.title == "Новости 1")
    }
}
