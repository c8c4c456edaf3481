import Foundation

/// What feedd remembers about one source between polls and across restarts.
/// Owned by the scheduler; persisted by the store; shown by `feedd status`.
package struct SourceState: Sendable, Equatable {
    package var name: String
    /// Validators from the last 200, sent back as If-None-Match / If-Modified-Since.
    package var etag: String?
    package var lastModified: String?
    /// When the source last had an unconditional fetch (validators are dropped every `revalidate`).
    package var lastUnconditional: Date?
    /// Set after a permanent redirect was seen on enough consecutive polls.
    package var effectiveURL: String?
    /// The permanent redirect target seen on the last polls, and how many times in a row.
    package var pendingRedirect: String?
    package var pendingRedirectCount: Int = 0
    package var errorStreak: Int = 0
    package var lastError: String?
    package var lastPoll: Date?
    package var lastStatus: Int?
    package var lastSuccess: Date?
    package var nextPoll: Date?
    /// 410 Gone: not polled again until the source's configuration changes.
    package var disabled: Bool = false
    /// A fingerprint of the source's configuration, so a config change re-enables a disabled source.
    package var configHash: String?
    /// Publishing-rate hints from the feed (`<ttl>`, `sy:updatePeriod`), seconds.
    package var feedHint: Double?
    /// Publication times of the most recent new items, for adapting the interval to the real rate.
    package var recentPublications: [Date] = []

    package init(name: String) { self.name = name }
}
