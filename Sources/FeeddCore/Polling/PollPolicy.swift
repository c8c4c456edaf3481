import Foundation

/// When to poll next: pure arithmetic, no clock or randomness of its own (the caller passes
/// `now` and a `jitter` in 0..<1), so every rule is testable exactly.
package enum PollPolicy {
    /// A permanent redirect must be seen on this many consecutive polls before the source moves.
    package static let permanentRedirectConfirmations = 3

    /// First polls after a start are spread evenly over `interval`, each nudged by up to one slot,
    /// so a thousand sources do not all fire at once.
    package static func initialDelay(index: Int, count: Int, interval: Double, jitter: Double) -> Double {
        guard count > 0, interval > 0 else { return 0 }
        let slot = interval / Double(count)
        return min(interval, Double(index) * slot + jitter * slot)
    }

    /// After `streak` consecutive failures: the interval doubled per failure, capped at
    /// `maxBackoff`, then spread by ±25% so failing sources of one host do not retry together.
    /// Never infinite: a failing source keeps being retried at most `maxBackoff` apart.
    package static func backoff(streak: Int, interval: Double, maxBackoff: Double, jitter: Double) -> Double {
        let exponent = Double(min(max(streak - 1, 0), 30))
        let base = min(maxBackoff, interval * pow(2, exponent))
        return min(maxBackoff, base * (0.75 + 0.5 * jitter))
    }

    /// The next interval after a successful poll:
    /// `clamp(max(configured, ttl/sy hints, Cache-Control max-age, Expires, Retry-After), min, max)`,
    /// except that a feed publishing more often than `configured` is polled at its real rate
    /// (the median gap of its recent items), never below `minInterval` or the publisher's own hints.
    package static func nextInterval(
        configured: Double, feedHint: Double?, cacheMaxAge: Double?, expires: Double?, retryAfter: Double?,
        minInterval: Double, maxInterval: Double, recentPublications: [Date], now: Date
    ) -> Double {
        let hints = [feedHint, cacheMaxAge, expires, retryAfter].compactMap { $0 }.filter { $0 > 0 }
        let hinted = hints.max() ?? 0
        var interval = max(configured, hinted)
        if let rate = publishingGap(recentPublications, now: now), rate < configured {
            interval = max(rate, hinted)
        }
        return min(max(interval, minInterval), max(maxInterval, minInterval))
    }

    /// The median gap between the recent publications of the last two days, when there are
    /// enough of them to say (at least four); nil otherwise.
    package static func publishingGap(_ dates: [Date], now: Date) -> Double? {
        let recent = dates.filter { $0 <= now && now.timeIntervalSince($0) < 2 * 86_400 }.sorted()
        guard recent.count >= 4 else { return nil }
        var gaps: [Double] = []
        for index in 1..<recent.count { gaps.append(recent[index].timeIntervalSince(recent[index - 1])) }
        gaps.sort()
        return gaps[gaps.count / 2]
    }
}
