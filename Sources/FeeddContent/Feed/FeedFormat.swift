/// The syndication formats feedd reads.
package enum FeedFormat: String, Sendable {
    case rss20 = "rss2.0"
    case rss10 = "rss1.0"
    case rss09x = "rss0.9x"
    case atom10 = "atom1.0"
    case atom03 = "atom0.3"
    case jsonFeed = "jsonfeed1"
    case cdf = "cdf"
}
