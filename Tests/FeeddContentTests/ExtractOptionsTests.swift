import FeeddCore
import Foundation
import Testing

@testable import FeeddContent

@Suite("ArticleExtractor options and edge cases")
struct ExtractOptionsTests {
    static let page = """
        <html><head><title>Story - Site</title><meta property="og:site_name" content="Site"></head><body>
        <div class="story"><p>First paragraph of the story, long enough to count as prose, with a comma.</p>
        <div class="promo-box"><p>Buy our app, it is great, really, trust us on this.</p></div>
        <p>Second paragraph of the story, also long enough to count as prose, with a comma.</p></div>
        <div class="other"><p>An unrelated block that a configured selector should leave out, entirely.</p></div>
        </body></html>
        """

    @Test func contentSelectorTakesExactlyThatElement() throws {
        let article = try ArticleExtractor.extract(
            Array(Self.page.utf8), options: ExtractOptions(contentSelector: "div.other"))
        #expect(article.text == "An unrelated block that a configured selector should leave out, entirely.")
        #expect(article.html == "<p>An unrelated block that a configured selector should leave out, entirely.</p>")
    }

    @Test func excludeSelectorRemovesElementsFirst() throws {
        let article = try ArticleExtractor.extract(
            Array(Self.page.utf8), options: ExtractOptions(contentSelector: ".story", excludeSelector: ".promo-box, .nothing"))
        #expect(
            article.text
                == "First paragraph of the story, long enough to count as prose, with a comma.\n\nSecond paragraph of the story, also long enough to count as prose, with a comma.")
        #expect(!article.html.contains("app"))
    }

    @Test func invalidSelectorsAreErrors() {
        #expect(throws: ExtractError.self) {
            try ArticleExtractor.extract(Array(Self.page.utf8), options: ExtractOptions(contentSelector: "div["))
        }
        #expect(throws: ExtractError.self) {
            try ArticleExtractor.extract(Array(Self.page.utf8), options: ExtractOptions(excludeSelector: ":hover"))
        }
    }

    @Test func titleLosesTheSiteNameOnlyWhenTheSiteIsKnown() throws {
        #expect(try ArticleExtractor.extract(Array(Self.page.utf8), options: ExtractOptions()).title == "Story")
        let unknown = "<html><head><title>Budget vote - a close call</title></head><body><p>x</p></body></html>"
        #expect(try ArticleExtractor.extract(Array(unknown.utf8), options: ExtractOptions()).title == "Budget vote - a close call")
        #expect(PageMetadata.stripSiteName("Site | Story", siteName: "site") == "Story")
    }

    @Test func dateFallsBackToTheURL() throws {
        let article = try ArticleExtractor.extract(
            Array("<html><body><p>Short.</p></body></html>".utf8),
            options: ExtractOptions(url: "https://news.example/2023/07/09/some-story/"))
        #expect(article.published.map(RFC3339.format) == "2023-07-09T00:00:00Z")
    }

    @Test func jsonLDGraphWithAuthorReferencesAndSeveralAuthors() throws {
        let html = """
            <html><head><script type="application/ld+json">
            [{"@type":"WebSite","name":"Ledger"},{"@context":"https://schema.org","@graph":[
              {"@type":["NewsArticle"],"headline":"Rates &amp; prices","datePublished":"2024-06-13T12:45:00+02:00",
               "author":[{"@id":"#p1"},{"@type":"Person","name":"Ann Lee"}],"image":{"@type":"ImageObject","url":"/i.jpg"}},
              {"@type":"Person","@id":"#p1","name":"Michael Chen"}]}]
            </script></head><body><p>Text.</p></body></html>
            """
        let article = try ArticleExtractor.extract(Array(html.utf8), options: ExtractOptions(url: "https://ledger.example/a/b"))
        #expect(article.title == "Rates & prices")
        #expect(article.authors == ["Michael Chen", "Ann Lee"])
        #expect(article.published.map(RFC3339.format) == "2024-06-13T10:45:00Z")
        #expect(article.image == "https://ledger.example/i.jpg")
        #expect(article.siteName == "Ledger")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(article.jsonObject.utf8)) as? [String: Any])
        #expect(json["author"] as? String == "Michael Chen, Ann Lee")
        #expect(json["canonical_url"] is NSNull)
    }

    @Test(arguments: [
        ("2024-03-05T10:20:30Z", "2024-03-05T10:20:30Z"),
        ("2024-03-05T10:20:30+0100", "2024-03-05T09:20:30Z"),
        ("2024-03-05 10:20", "2024-03-05T10:20:00Z"),
        ("2024-03-05", "2024-03-05T00:00:00Z"),
        ("March 5, 2024", "2024-03-05T00:00:00Z"),
        ("Tuesday, March 5, 2024 10:30 PM", "2024-03-05T22:30:00Z"),
        ("5 Mar 2024 08:00 GMT", "2024-03-05T08:00:00Z"),
        ("Tue, 05 Mar 2024 10:20:30 -0500", "2024-03-05T15:20:30Z"),
        ("Posted on March 5th, 2024 by admin", "2024-03-05T00:00:00Z"),
        ("05.03.2024", "2024-03-05T00:00:00Z"),
        ("2024/03/05", "2024-03-05T00:00:00Z"),
        ("17. März 2024", "2024-03-17T00:00:00Z"),
    ])
    func looseDates(_ input: String, _ expected: String) {
        #expect(LooseDate.parse(input).map(RFC3339.format) == expected)
    }

    @Test(arguments: ["yesterday", "Section 12", "2024", "13/13/2024", "Page 3 of 2024"])
    func notDates(_ input: String) {
        #expect(LooseDate.parse(input) == nil)
    }

    @Test func languageFromContentWhenUndeclared() throws {
        let html = "<html><body><div><p>Die Stadtwerke senken die Preise, und das ist nicht das Ende der Geschichte, sagen die Verbraucherschützer mit einem Blick auf den Markt.</p></div></body></html>"
        #expect(try ArticleExtractor.extract(Array(html.utf8), options: ExtractOptions()).language == "de")
    }
}
