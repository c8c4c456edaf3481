import FeeddCore
import Foundation
import Testing

@Suite("PollPolicy timing")
struct PollPolicyTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func backoffDoublesFromTheIntervalUpToTheCap() {
        let interval = 900.0
        let cap = 24 * 3600.0
        #expect(PollPolicy.backoff(streak: 1, interval: interval, maxBackoff: cap, jitter: 0) == 900)
        #expect(PollPolicy.backoff(streak: 2, interval: interval, maxBackoff: cap, jitter: 0) == 1800)
        #expect(PollPolicy.backoff(streak: 3, interval: interval, maxBackoff: cap, jitter: 0) == 3600)
        #expect(PollPolicy.backoff(streak: 7, interval: interval, maxBackoff: cap, jitter: 0) == 57_600)
        #expect(PollPolicy.backoff(streak: 8, interval: interval, maxBackoff: cap, jitter: 0) == cap)
        #expect(PollPolicy.backoff(streak: 1000, interval: interval, maxBackoff: cap, jitter: 0) == cap)
        var previous = 0.0
        for streak in 1...40 {
            let value = PollPolicy.backoff(streak: streak, interval: interval, maxBackoff: cap, jitter: 0.5)
            #expect(value >= previous)
            #expect(value <= cap)
            previous = value
        }
    }

    @Test func jitterShortensByAtMostAFifth() {
        let full = PollPolicy.backoff(streak: 3, interval: 600, maxBackoff: 86_400, jitter: 0)
        let most = PollPolicy.backoff(streak: 3, interval: 600, maxBackoff: 86_400, jitter: 1)
        #expect(full == 2400)
        #expect(most == 2400 * 0.8)
        // Out-of-range jitter is clamped, never lengthening the wait or making it negative.
        #expect(PollPolicy.backoff(streak: 3, interval: 600, maxBackoff: 86_400, jitter: -3) == 2400)
        #expect(PollPolicy.backoff(streak: 3, interval: 600, maxBackoff: 86_400, jitter: 9) == 1920)
    }

    @Test func nextIntervalTakesTheSlowestHint() {
        func next(_ configured: Double, hint: Double? = nil, maxAge: Double? = nil, expires: Double? = nil, retry: Double? = nil) -> Double {
            PollPolicy.nextInterval(
                configured: configured, feedHint: hint, cacheMaxAge: maxAge, expires: expires, retryAfter: retry,
                minInterval: 300, maxInterval: 86_400, recentPublications: [], now: now)
        }
        #expect(next(900) == 900)
        #expect(next(900, hint: 3600) == 3600)
        #expect(next(900, maxAge: 1800) == 1800)
        #expect(next(900, expires: 7200) == 7200)
        #expect(next(900, retry: 5000) == 5000)
        #expect(next(900, hint: 3600, maxAge: 600, expires: 10, retry: 60) == 3600)
        // Clamped to min_interval and max_interval.
        #expect(next(60) == 300)
        #expect(next(900, hint: 7 * 86_400) == 86_400)
        #expect(next(900, retry: 30 * 86_400) == 86_400)
    }

    @Test func nextIntervalFollowsAFasterPublishingRate() {
        // A post every 10 minutes, the last one 2 minutes ago.
        let posts = (0..<6).map { now.addingTimeInterval(-120 - Double($0) * 600) }
        let next = PollPolicy.nextInterval(
            configured: 3600, feedHint: nil, cacheMaxAge: nil, expires: nil, retryAfter: nil,
            minInterval: 300, maxInterval: 86_400, recentPublications: posts, now: now)
        #expect(next == 600)
        // Never below min_interval, however fast the feed.
        let burst = (0..<6).map { now.addingTimeInterval(-Double($0) * 30) }
        #expect(PollPolicy.nextInterval(
            configured: 3600, feedHint: nil, cacheMaxAge: nil, expires: nil, retryAfter: nil,
            minInterval: 300, maxInterval: 86_400, recentPublications: burst, now: now) == 300)
        // Retry-After is a floor the rate cannot undercut.
        #expect(PollPolicy.nextInterval(
            configured: 3600, feedHint: nil, cacheMaxAge: nil, expires: nil, retryAfter: 2000,
            minInterval: 300, maxInterval: 86_400, recentPublications: posts, now: now) == 2000)
        // A slower publishing rate never lengthens the interval.
        let slow = (0..<6).map { now.addingTimeInterval(-Double($0) * 86_400) }
        #expect(PollPolicy.nextInterval(
            configured: 900, feedHint: nil, cacheMaxAge: nil, expires: nil, retryAfter: nil,
            minInterval: 300, maxInterval: 86_400, recentPublications: slow, now: now) == 900)
    }

    @Test func publishingRateNeedsEnoughRecentPosts() {
        #expect(PollPolicy.publishingInterval([], now: now) == nil)
        #expect(PollPolicy.publishingInterval([now, now.addingTimeInterval(-600)], now: now) == nil)
        let quietSince = (0..<5).map { now.addingTimeInterval(-86_400 - Double($0) * 600) }
        #expect(PollPolicy.publishingInterval(quietSince, now: now) == nil)
        let regular = (0..<5).map { now.addingTimeInterval(-Double($0) * 1200) }
        #expect(PollPolicy.publishingInterval(regular, now: now) == 1200)
        // Future dates (clock skew on the publisher's side) are ignored.
        #expect(PollPolicy.publishingInterval(regular + [now.addingTimeInterval(99_999)], now: now) == 1200)
    }

    @Test func initialDelaysSpreadOverOneInterval() {
        let delays = (0..<10).map { PollPolicy.initialDelay(index: $0, count: 10, interval: 1000, jitter: 0.5) }
        #expect(delays == [50, 150, 250, 350, 450, 550, 650, 750, 850, 950])
        #expect(PollPolicy.initialDelay(index: 0, count: 10, interval: 1000, jitter: 0) == 0)
        #expect(PollPolicy.initialDelay(index: 9, count: 10, interval: 1000, jitter: 1) < 1000)
        #expect(PollPolicy.initialDelay(index: 0, count: 0, interval: 1000, jitter: 0.5) == 0)
    }

    @Test func validatorsAreWithheldForRevalidation() {
        var state = SourceState(name: "a")
        var validators = PollPolicy.validators(for: state, revalidate: 43_200, now: now)
        #expect(validators == .init(etag: nil, lastModified: nil, unconditional: true))
        state.etag = "\"e\""
        state.lastModified = "Sun, 06 Nov 1994 08:49:37 GMT"
        state.lastUnconditional = now.addingTimeInterval(-3600)
        validators = PollPolicy.validators(for: state, revalidate: 43_200, now: now)
        #expect(validators == .init(etag: "\"e\"", lastModified: "Sun, 06 Nov 1994 08:49:37 GMT", unconditional: false))
        state.lastUnconditional = now.addingTimeInterval(-43_200)
        #expect(PollPolicy.validators(for: state, revalidate: 43_200, now: now).unconditional)
    }
}
