import Testing

@testable import FeeddContent

@Suite("ContentCleaner: discussion headings")
struct DiscussionHeadingTests {
    static func heading(_ html: String) throws -> (HTMLDocument, HTMLNode) {
        let document = try HTMLDocument(bytes: Array("<html><body>\(html)</body></html>".utf8), encoding: "UTF-8")
        let node = try #require(document.body?.firstChild)
        return (document, node)
    }

    @Test(arguments: ["<h2>Comments</h2>", "<h3>3 COMMENTS:</h3>", "<h2>Reader <b>responses</b></h2>", "<h4>12 Replies</h4>",
        "<h2>Discussion (4)</h2>", "<h3>Reactions</h3>"])
    func recognised(_ html: String) throws {
        let (document, node) = try Self.heading(html)
        #expect(ContentCleaner.isDiscussionHeading(node))
        withExtendedLifetime(document) {}
    }

    @Test(arguments: ["<h2>The comment that changed the law</h2>", "<h2>Kommentare</h2>", "<h2>Join the conversation</h2>",
        "<h2>Responses to the crisis in five short parts</h2>", "<h2>Méthodes</h2>", "<h2></h2>"])
    func rejected(_ html: String) throws {
        let (document, node) = try Self.heading(html)
        #expect(!ContentCleaner.isDiscussionHeading(node))
        withExtendedLifetime(document) {}
    }
}
