import Foundation

/// One normalized article: the single record shape every source type produces and the journal stores.
/// Field meanings are the public contract in docs/STORE.md.
package struct Article: Sendable, Equatable {
    package var id: String
    package var source: String
    package var url: String?
    package var guid: String?
    package var title: String?
    package var author: String?
    package var published: Date?
    /// True when the source gave no date and `published` is the first-seen time.
    package var publishedEstimated: Bool
    package var updated: Date?
    package var fetched: Date
    package var language: String?
    package var summary: String?
    /// Sanitized HTML.
    package var content: String?
    /// Plain text rendered from `content`, paragraphs separated by blank lines.
    package var text: String?
    package var categories: [String]
    package var image: String?
    package var enclosures: [Enclosure]
    package var tags: [String]
    /// SimHash of `text`, rendered as 16 lowercase hex digits in JSON.
    package var fingerprint: UInt64?
    /// `TextDigest.exactHash` of `text` (its lowercased word sequence), 16 hex digits in JSON: texts that
    /// differ only in case, spacing or punctuation share it. Stored so the dedupe index rebuilds without
    /// reading texts.
    package var textHash: UInt64?
    /// Words in `text`, as dedupe counts them.
    package var wordCount: Int?
    /// MinHash sketch of `text`'s 3-word shingles: `minhash` (128 hex digits) and `shingles` in JSON. Records
    /// written before it existed have none; the dedupe index then computes it from the text.
    package var minhash: MinHashSketch?
    package var revision: Int
    package var duplicateOf: String?

    package init(
        id: String, source: String, url: String? = nil, guid: String? = nil, title: String? = nil,
        author: String? = nil, published: Date? = nil, publishedEstimated: Bool = false, updated: Date? = nil,
        fetched: Date, language: String? = nil, summary: String? = nil, content: String? = nil,
        text: String? = nil, categories: [String] = [], image: String? = nil, enclosures: [Enclosure] = [],
        tags: [String] = [], fingerprint: UInt64? = nil, textHash: UInt64? = nil, wordCount: Int? = nil,
        minhash: MinHashSketch? = nil, revision: Int = 1, duplicateOf: String? = nil
    ) {
        self.id = id
        self.source = source
        self.url = url
        self.guid = guid
        self.title = title
        self.author = author
        self.published = published
        self.publishedEstimated = publishedEstimated
        self.updated = updated
        self.fetched = fetched
        self.language = language
        self.summary = summary
        self.content = content
        self.text = text
        self.categories = categories
        self.image = image
        self.enclosures = enclosures
        self.tags = tags
        self.fingerprint = fingerprint
        self.textHash = textHash
        self.wordCount = wordCount
        self.minhash = minhash
        self.revision = revision
        self.duplicateOf = duplicateOf
    }
}

/// A media file attached to an item (podcast audio, image, PDF).
package struct Enclosure: Sendable, Equatable, Hashable {
    package var url: String
    package var type: String?
    package var length: Int64?
    /// Playing time in whole seconds (podcasts: `itunes:duration`, JSON Feed `duration_in_seconds`).
    package var duration: Int?

    package init(url: String, type: String? = nil, length: Int64? = nil, duration: Int? = nil) {
        self.url = url
        self.type = type
        self.length = length
        self.duration = duration
    }
}
