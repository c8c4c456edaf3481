import FeeddCore
import Foundation

/// What `ArticleExtractor` found on a page. `html` is the cleaned body, not yet sanitized.
package struct ExtractedArticle: Sendable {
    package var url: String?
    package var canonicalURL: String?
    package var title: String?
    package var authors: [String]
    package var published: Date?
    package var updated: Date?
    package var language: String?
    package var image: String?
    package var siteName: String?
    package var description: String?
    /// Plain text, paragraphs separated by a blank line.
    package var text: String
    package var html: String

    package init(
        url: String? = nil, canonicalURL: String? = nil, title: String? = nil, authors: [String] = [],
        published: Date? = nil, updated: Date? = nil, language: String? = nil, image: String? = nil,
        siteName: String? = nil, description: String? = nil, text: String = "", html: String = ""
    ) {
        self.url = url
        self.canonicalURL = canonicalURL
        self.title = title
        self.authors = authors
        self.published = published
        self.updated = updated
        self.language = language
        self.image = image
        self.siteName = siteName
        self.description = description
        self.text = text
        self.html = html
    }

    /// One JSON object, the shape `feedd extract` prints:
    /// `{"url","canonical_url","title","author","published","language","image","text","html"}`.
    package var jsonObject: String {
        var writer = JSONWriter(capacity: html.utf8.count + text.utf8.count + 512)
        writer.beginObject()
        writer.field("url", url)
        writer.field("canonical_url", canonicalURL)
        writer.field("title", title)
        writer.field("author", authors.isEmpty ? nil : authors.joined(separator: ", "))
        writer.field("published", published.map(RFC3339.format))
        writer.field("language", language)
        writer.field("image", image)
        writer.field("text", text)
        writer.field("html", html)
        writer.endObject()
        return writer.output
    }
}
