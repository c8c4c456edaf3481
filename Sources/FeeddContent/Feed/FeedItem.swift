import FeeddCore
import Foundation

/// One entry of a feed as published, cleaned but not yet normalized into an `Article`.
package struct FeedItem: Sendable, Equatable {
    /// guid / atom:id / rdf:about / JSON Feed id, as written.
    package var id: String?
    /// The item's page, absolute.
    package var url: String?
    /// Plain text.
    package var title: String?
    package var authors: [String]
    package var published: Date?
    package var updated: Date?
    /// Plain text.
    package var summary: String?
    /// Sanitized HTML with absolute URLs.
    package var content: String?
    package var categories: [String]
    /// Labels of categories whose label differs from their term (Atom `label`), by term.
    package var categoryLabels: [String: String] = [:]
    package var enclosures: [Enclosure]
    package var image: String?
    package var commentsURL: String?
    package var language: String?

    package init(
        id: String? = nil, url: String? = nil, title: String? = nil, authors: [String] = [], published: Date? = nil,
        updated: Date? = nil, summary: String? = nil, content: String? = nil, categories: [String] = [],
        enclosures: [Enclosure] = [], image: String? = nil, commentsURL: String? = nil, language: String? = nil
    ) {
        self.id = id
        self.url = url
        self.title = title
        self.authors = authors
        self.published = published
        self.updated = updated
        self.summary = summary
        self.content = content
        self.categories = categories
        self.enclosures = enclosures
        self.image = image
        self.commentsURL = commentsURL
        self.language = language
    }
}
