import Foundation

/// The pure rules of polling: when to poll next, how to back off, when to revalidate, and how a
/// poll's outcome changes a source's state. No I/O and no clock: `now` and random `jitter`
/// (a number in 0...1) are handed in, so every rule is testable exactly.
package enum PollPolicy {
    /// Consecutive polls that must see the same permanent redirect before the source moves.
    package static let permanentRedirectPolls = 3
    /// Publication times considered when estimating the publishing rate.
    package static let publicationWindow = 10

    // MARK: Backoff

    /// The wait after the `streak`-th failure in a row: the interval, doubling with each further
    /// failure, capped at `maxBackoff` (never a permanent stop), then shortened by up to 20% by
    /// `jitter` so failing sources do not retry in lockstep.
    package static func backoff(streak: Int, interval: Double, maxBackoff: Double, jitter: Double) -> Double {
        let base = max(1, interval)
        let cap = max(base, maxBackoff)
        let doublings = Double(min(max(streak - 1, 0), 40))
        let raw = min(cap, base * pow(2, doublings))
        return raw * (1 - 0.2 * clampUnit(jitter))
    }

    // MARK: Adaptive interval

    /// Seconds until the next poll after a successful one.
    ///
    /// The slowest of what the configuration and the publisher ask for (the configured interval,
    /// the feed's own hint such as `<ttl>` or `sy:updatePeriod`, `Cache-Control: max-age`,
    /// `Expires`), shortened toward the publishing rate actually seen when the feed publishes more
    /// often than that, then kept within `minInterval...maxInterval`. `Retry-After` is a floor the
    /// shortening cannot undercut (capped at `maxInterval`).
    package static func nextInterval(
        configured: Double, feedHint: Double?, cacheMaxAge: Double?, expires: Double?, retryAfter: Double?,
        minInterval: Double, maxInterval: Double, recentPublications: [Date], now: Date
    ) -> Double {
        let lower = max(0, minInterval)
        let upper = max(lower, maxInterval)
        var next = max(configured, feedHint ?? 0, cacheMaxAge ?? 0, expires ?? 0)
        if let rate = publishingInterval(recentPublications, now: now), rate < next {
            next = rate
        }
        next = min(max(next, lower), upper)
        if let retryAfter { next = max(next, min(retryAfter, upper)) }
        return next
    }

    /// The typical gap between recent publications (the median of the last few gaps), or nil when
    /// there are too few, or the feed has been quiet for much longer than that (the rate is stale).
    package static func publishingInterval(_ publications: [Date], now: Date) -> Double? {
        let past = Array(Set(publications.filter { $0 <= now })).sorted().suffix(publicationWindow)
        guard past.count >= 3, let newest = past.last else { return nil }
        let gaps = zip(past.dropFirst(), past).map { $0.timeIntervalSince($1) }.sorted()
        let median = gaps.count % 2 == 1
            ? gaps[gaps.count / 2] : (gaps[gaps.count / 2 - 1] + gaps[gaps.count / 2]) / 2
        guard median > 0, now.timeIntervalSince(newest) <= 3 * median else { return nil }
        return median
    }

    // MARK: Start-up

    /// The delay of source `index` of `count` before its first poll: the sources are spread evenly
    /// over one interval, each at a random point (`jitter`) of its own slot, so a restart does not
    /// hit every publisher at once.
    package static func initialDelay(index: Int, count: Int, interval: Double, jitter: Double) -> Double {
        guard count > 0, interval > 0 else { return 0 }
        let slot = interval / Double(count)
        return slot * Double(((index % count) + count) % count) + slot * min(clampUnit(jitter), 0.999)
    }

    // MARK: Conditional GET

    /// What to send with the next request.
    package struct Validators: Sendable, Equatable {
        package var etag: String?
        package var lastModified: String?
        /// True when validators are withheld (none stored yet, or it is time to revalidate): pass it
        /// on in `PollOutcome.unconditional`.
        package var unconditional: Bool

        package init(etag: String?, lastModified: String?, unconditional: Bool) {
            self.etag = etag
            self.lastModified = lastModified
            self.unconditional = unconditional
        }
    }

    /// The stored validators, or none when there are none yet or the last unconditional fetch is
    /// `revalidate` seconds old: a periodic full fetch catches servers whose validators lie.
    package static func validators(for state: SourceState, revalidate: Double, now: Date) -> Validators {
        let stored = state.etag != nil || state.lastModified != nil
        let due = state.lastUnconditional.map { now.timeIntervalSince($0) >= revalidate } ?? true
        if !stored || due { return Validators(etag: nil, lastModified: nil, unconditional: true) }
        return Validators(etag: state.etag, lastModified: state.lastModified, unconditional: false)
    }

    static func clampUnit(_ value: Double) -> Double { value.isNaN ? 0 : min(max(value, 0), 1) }
}
