import FeeddContent
import FeeddCore
import FeeddHTTP
import FeeddStore

/// A page the pipeline asked for, as the fetcher answered.
package typealias PageFetch = Result<FetchResponse, FetchError>

/// Where `Pipeline.run` leaves a poll.
package enum PipelineStep: Sendable {
    /// Done: the poll's articles, decided.
    case articles(PollArticles)
    /// These pages must be fetched first; then `Pipeline.resume`.
    case pages(PagesWanted)
    /// A `type = auto` source's URL is a web page, not a feed: these are the feeds it may offer, in the
    /// order to try them. The caller fetches them one by one and runs the first that answers again.
    case discover([FeedDiscovery.Candidate])
    /// The document is unusable; `kind` is the log's `kind=` field.
    case failed(kind: String, message: String)
}

/// The article pages a poll needs, and what waits for them.
package struct PagesWanted: Sendable {
    package enum Origin: Sendable {
        /// Article links found on an HTML source's listing page (`links` of them, before filtering).
        case listing(links: Int)
        /// A `full_text` feed's articles, whose teasers the pages replace.
        case fullText([Article])
    }

    /// Canonical URLs, in the order they are wanted (at most `max_articles`).
    package var urls: [String]
    package var origin: Origin
    package var feedHint: Double?
    /// Listing links a `block` rule on `url` filtered before any fetch (counted as filtered).
    package var blockedLinks = 0
}

/// A page that gave no article, and why (for the poll's `page_failed` lines).
package struct PageFailure: Error, Sendable, CustomStringConvertible {
    package var url: String
    package var reason: String
    package var description: String { "\(url): \(reason)" }
}

/// A poll's articles after the decision point.
package struct PollArticles: Sendable {
    package var outcome: DedupeOutcome
    /// The feed's own hint of its update period (`ttl`, `sy:updatePeriod`), in seconds.
    package var feedHint: Double?
    /// Source-type specific counts for the poll's log line (`links`, `pages`, `page_errors`).
    package var counts: [(String, String)] = []
    package var pageFailures: [PageFailure] = []
    /// Articles the source's `keep`/`block` rules left out (not decided, not stored).
    package var filtered = 0

    package init(outcome: DedupeOutcome) { self.outcome = outcome }
}
