import FeeddCore

/// How much the fetcher does at once, and how politely.
package struct FetchLimits: Sendable, Equatable {
    /// Transfers running at once, all hosts together.
    package var maxConnections: Int
    /// Transfers running at once to one host.
    package var maxPerHost: Int
    /// Seconds between the starts of two requests to one host.
    package var hostDelay: Double
    /// The longest `Retry-After` honoured for a whole host, seconds.
    package var maxRetryAfter: Double
    /// The largest robots.txt read, bytes after decoding (RFC 9309 asks for at least 500 KiB).
    package var robotsMaxBytes: Int64

    package init(
        maxConnections: Int = 32, maxPerHost: Int = 2, hostDelay: Double = 1, maxRetryAfter: Double = 24 * 3600,
        robotsMaxBytes: Int64 = 512 << 10
    ) {
        self.maxConnections = max(1, maxConnections)
        self.maxPerHost = max(1, maxPerHost)
        self.hostDelay = max(0, hostDelay)
        self.maxRetryAfter = max(0, maxRetryAfter)
        self.robotsMaxBytes = max(1, robotsMaxBytes)
    }

    /// The limits of the `[feedd]` section (`max_connections`, `max_per_host`, `host_delay`);
    /// `Retry-After` is honoured up to `max_backoff`.
    package init(settings: Settings) {
        self.init(
            maxConnections: settings.maxConnections, maxPerHost: settings.maxPerHost, hostDelay: settings.hostDelay,
            maxRetryAfter: settings.maxBackoff)
    }
}
