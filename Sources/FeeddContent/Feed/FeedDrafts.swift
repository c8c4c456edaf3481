import FeeddCore

/// An Atom-style text construct as found: its value and how to read it.
struct TextConstruct {
    enum Kind { case text, html, xhtml }
    var value: String
    var kind: Kind
    var base: String?
}

/// What the format adapters collect for one item before it is cleaned into a `FeedItem`.
struct ItemDraft {
    var base: String?
    var language: String?
    var guid: String?
    var guidIsPermaLink = true
    var atomID: String?
    var about: String?
    var link: String?
    var alternateLink: String?
    var alternateIsHTML = false
    var origLink: String?
    var title: TextConstruct?
    var fallbackTitle: String?
    var authors: [String] = []
    var fallbackAuthors: [String] = []
    var published: String?
    var fallbackPublished: String?
    var updated: String?
    var description: TextConstruct?
    var summary: TextConstruct?
    var content: TextConstruct?
    var mediaDescription: String?
    var categories: [String] = []
    var enclosures: [Enclosure] = []
    var image: String?
    var commentsURL: String?
}

/// Channel-level data collected while the document streams by.
struct FeedDraft {
    var format: FeedFormat
    var title: TextConstruct?
    var link: String?
    var linkIsHTML = false
    var description: TextConstruct?
    var language: String?
    var image: String?
    var selfURL: String?
    var ttlMinutes: String?
    var updatePeriod: String?
    var updateFrequency: String?
    var authors: [String] = []
}
