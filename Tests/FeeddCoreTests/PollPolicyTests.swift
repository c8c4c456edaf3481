import Foundation
import Testing

@testable import FeeddCore

@Suite struct PollPolicyTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func firstPollsAreSpreadOverTheInterval() {
        let delays = (0..<100).map { PollPolicy.initialDelay(index: $0, count: 100, interval: 600, jitter: 0.5) }
        #expect(delays.first == 3)
        #expect(delays.last! < 600)
        #expect(zip(delays, delays.dropFirst()).allSatisfy { $0 < $1 })
        #expect(PollPolicy.initialDelay(index: 0, count: 1, interval: 0.05, jitter: 0) == 0)
    }

    @Test func backoffDoublesFromTheIntervalUpToTheCapAndNeverStops() {
        let plain = (1...12).map { PollPolicy.backoff(streak: $0, interval: 900, maxBackoff: 86_400, jitter: 0.5) }
        #expect(plain[0] == 900)
        #expect(plain[1] == 1800)
        #expect(plain[2] == 3600)
        #expect(plain.last == 86_400)
        #expect(PollPolicy.backoff(streak: 1000, interval: 900, maxBackoff: 86_400, jitter: 0.99) == 86_400)
        #expect(PollPolicy.backoff(streak: 2, interval: 900, maxBackoff: 86_400, jitter: 0) == 1350)
        #expect(PollPolicy.backoff(streak: 2, interval: 900, maxBackoff: 86_400, jitter: 0.999) < 2250)
    }

    @Test func publisherHintsLengthenTheIntervalWithinBounds() {
        func next(_ configured: Double, hint: Double? = nil, maxAge: Double? = nil, expires: Double? = nil) -> Double {
            PollPolicy.nextInterval(
                configured: configured, feedHint: hint, cacheMaxAge: maxAge, expires: expires, retryAfter: nil,
                minInterval: 300, maxInterval: 86_400, recentPublications: [], now: now)
        }
        #expect(next(900) == 900)
        #expect(next(900, hint: 3600) == 3600)
        #expect(next(900, maxAge: 1800, expires: 7200) == 7200)
        #expect(next(60) == 300, "min_interval bounds it")
        #expect(next(900, hint: 7 * 86_400) == 86_400, "max_interval bounds it")
    }

    @Test func aBusyFeedIsPolledAtItsRealRate() {
        let busy = (0..<10).map { now.addingTimeInterval(-Double($0) * 420) }
        let next = PollPolicy.nextInterval(
            configured: 3600, feedHint: nil, cacheMaxAge: nil, expires: nil, retryAfter: nil, minInterval: 300,
            maxInterval: 86_400, recentPublications: busy, now: now)
        #expect(next == 420)
        let frantic = (0..<10).map { now.addingTimeInterval(-Double($0) * 30) }
        #expect(
            PollPolicy.nextInterval(
                configured: 3600, feedHint: 1800, cacheMaxAge: nil, expires: nil, retryAfter: nil, minInterval: 300,
                maxInterval: 86_400, recentPublications: frantic, now: now) == 1800,
            "never below the publisher's own hint")
        let old = (0..<10).map { now.addingTimeInterval(-5 * 86_400 - Double($0) * 60) }
        #expect(PollPolicy.publishingGap(old, now: now) == nil)
    }
}
