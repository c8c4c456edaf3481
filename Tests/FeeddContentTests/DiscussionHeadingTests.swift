import Testing

@testable import FeeddContent

@Suite("ContentCleaner: discussion headings")
struct DiscussionHeadingTests {
    /// The first element of the body (a node keeps its document alive).
    static func heading(_ html: String) throws -> HTMLNode {
        let document = try HTMLDocument(bytes: Array("<html><body>\(html)</body></html>".utf8), encoding: "UTF-8")
        return try #require(document.body?.firstChild)
    }

    @Test(arguments: ["<h2>Comments</h2>", "<h3>3 COMMENTS:</h3>", "<h2>Reader <b>responses</b></h2>", "<h4>12 Replies</h4>",
        "<h2>Discussion (4)</h2>", "<h3>Reactions</h3>"])
    func recognised(_ html: String) throws {
        #expect(ContentCleaner.isDiscussionHeading(try Self.heading(html)))
    }

    @Test(arguments: ["<h2>The comment that changed the law</h2>", "<h2>Kommentare</h2>", "<h2>Join the conversation</h2>",
        "<h2>Responses to the crisis in five short parts</h2>", "<h2>Méthodes</h2>", "<h2></h2>"])
    func rejected(_ html: String) throws {
        #expect(!ContentCleaner.isDiscussionHeading(try Self.heading(html)))
    }
}
