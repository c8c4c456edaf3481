import FeeddCore

/// A parsed feed: channel-level metadata and its items in document order.
package struct ParsedFeed: Sendable {
    package var format: FeedFormat
    package var title: String?
    /// The site's home page, absolute.
    package var link: String?
    /// Plain text.
    package var description: String?
    package var language: String?
    package var image: String?
    /// The feed's own URL as it states it (atom:link rel="self").
    package var selfURL: String?
    /// Seconds the publisher asks readers to cache the feed (RSS `ttl`, given in minutes).
    package var ttl: Double?
    /// Seconds between updates, from sy:updatePeriod / sy:updateFrequency.
    package var updatePeriod: Double?
    package var items: [FeedItem]

    package init(
        format: FeedFormat, title: String? = nil, link: String? = nil, description: String? = nil,
        language: String? = nil, image: String? = nil, selfURL: String? = nil, ttl: Double? = nil,
        updatePeriod: Double? = nil, items: [FeedItem] = []
    ) {
        self.format = format
        self.title = title
        self.link = link
        self.description = description
        self.language = language
        self.image = image
        self.selfURL = selfURL
        self.ttl = ttl
        self.updatePeriod = updatePeriod
        self.items = items
    }
}
