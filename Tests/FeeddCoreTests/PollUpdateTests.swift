import FeeddCore
import Foundation
import Testing

@Suite("PollPolicy.update")
struct PollUpdateTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let settings = PollSettings(interval: 900, minInterval: 300, maxInterval: 86_400, maxBackoff: 86_400, revalidate: 43_200)

    func ok(etag: String? = nil, lastModified: String? = nil, target: String? = nil, unconditional: Bool = false) -> PollOutcome {
        PollOutcome(kind: .modified, status: 200, etag: etag, lastModified: lastModified, permanentTarget: target, unconditional: unconditional)
    }

    func failure(_ message: String = "timeout") -> PollOutcome {
        PollOutcome(kind: .failed, message: message, errorKind: "timeout")
    }

    @Test func firstOKStoresValidatorsAndLaterOnesUpdateThem() {
        var state = SourceState(name: "a")
        let first = PollPolicy.update(&state, with: ok(etag: "\"1\"", lastModified: "Mon", unconditional: true), settings: settings, now: now, jitter: 0)
        #expect(first.kind == .modified)
        #expect(first.delay == 900)
        #expect(state.etag == "\"1\"")
        #expect(state.lastModified == "Mon")
        #expect(state.lastUnconditional == now)
        #expect(state.lastSuccess == now)
        #expect(state.lastStatus == 200)
        #expect(state.nextPoll == now.addingTimeInterval(900))

        let later = now.addingTimeInterval(900)
        PollPolicy.update(&state, with: ok(etag: "\"2\""), settings: settings, now: later, jitter: 0)
        #expect(state.etag == "\"2\"")
        // A 200 without Last-Modified drops the old one: it no longer describes the content.
        #expect(state.lastModified == nil)
        #expect(state.lastUnconditional == now)
    }

    @Test func notModifiedKeepsValidators() {
        var state = SourceState(name: "a")
        state.etag = "\"1\""
        state.lastModified = "Mon"
        let update = PollPolicy.update(&state, with: PollOutcome(kind: .notModified, status: 304), settings: settings, now: now, jitter: 0)
        #expect(update.kind == .notModified)
        #expect(update.delay == 900)
        #expect(state.etag == "\"1\"")
        #expect(state.lastModified == "Mon")
        #expect(state.lastStatus == 304)
    }

    @Test func failuresBackOffAndRecoveryIsReportedOnce() {
        var state = SourceState(name: "a")
        let first = PollPolicy.update(&state, with: failure(), settings: settings, now: now, jitter: 0)
        #expect(first.startedFailing)
        #expect(first.delay == 900)
        #expect(state.errorStreak == 1)
        #expect(state.lastError == "timeout")
        let second = PollPolicy.update(&state, with: failure(), settings: settings, now: now, jitter: 0)
        #expect(!second.startedFailing)
        #expect(second.delay == 1800)
        let third = PollPolicy.update(&state, with: failure(), settings: settings, now: now, jitter: 0)
        #expect(third.delay == 3600)
        #expect(state.nextPoll == now.addingTimeInterval(3600))
        for _ in 0..<50 { PollPolicy.update(&state, with: failure(), settings: settings, now: now, jitter: 0) }
        #expect(state.errorStreak == 53)
        #expect(state.nextPoll == now.addingTimeInterval(86_400))
        #expect(!state.disabled)

        let back = PollPolicy.update(&state, with: ok(), settings: settings, now: now, jitter: 0)
        #expect(back.recovered)
        #expect(back.failuresBefore == 53)
        #expect(state.errorStreak == 0)
        #expect(state.lastError == nil)
        let again = PollPolicy.update(&state, with: ok(), settings: settings, now: now, jitter: 0)
        #expect(!again.recovered)
    }

    @Test func throttlingIsNotAFailure() {
        var state = SourceState(name: "a")
        state.errorStreak = 2
        let update = PollPolicy.update(
            &state, with: PollOutcome(kind: .throttled, status: 429, message: "HTTP 429", retryAfter: 7200),
            settings: settings, now: now, jitter: 0)
        #expect(update.kind == .throttled)
        #expect(update.hostBlockedFor == 7200)
        #expect(update.delay == 7200)
        #expect(!update.startedFailing)
        #expect(state.errorStreak == 2)
        // Without Retry-After: the normal interval.
        let plain = PollPolicy.update(&state, with: PollOutcome(kind: .throttled, status: 503), settings: settings, now: now, jitter: 0)
        #expect(plain.delay == 900)
        #expect(plain.hostBlockedFor == nil)
    }

    @Test func goneDisablesTheSource() {
        var state = SourceState(name: "a")
        let update = PollPolicy.update(&state, with: PollOutcome(kind: .gone, status: 410), settings: settings, now: now, jitter: 0)
        #expect(update.disabled)
        #expect(update.delay == nil)
        #expect(state.disabled)
        #expect(state.nextPoll == nil)
        #expect(state.lastStatus == 410)
    }

    @Test func permanentRedirectMovesAfterThreeConsecutivePolls() {
        var state = SourceState(name: "a")
        let target = "https://new.example/feed"
        #expect(PollPolicy.update(&state, with: ok(target: target), settings: settings, now: now, jitter: 0).movedTo == nil)
        #expect(PollPolicy.update(&state, with: ok(target: target), settings: settings, now: now, jitter: 0).movedTo == nil)
        #expect(state.pendingRedirect == target)
        #expect(state.pendingRedirectCount == 2)
        #expect(state.effectiveURL == nil)
        let third = PollPolicy.update(&state, with: ok(target: target), settings: settings, now: now, jitter: 0)
        #expect(third.movedTo == target)
        #expect(state.effectiveURL == target)
        #expect(state.pendingRedirect == nil)
        // Polling the new URL directly: no redirect, nothing moves again.
        #expect(PollPolicy.update(&state, with: ok(), settings: settings, now: now, jitter: 0).movedTo == nil)
        #expect(state.effectiveURL == target)
    }

    @Test func interruptedOrChangingRedirectsStartOver() {
        var state = SourceState(name: "a")
        PollPolicy.update(&state, with: ok(target: "https://a.example/"), settings: settings, now: now, jitter: 0)
        PollPolicy.update(&state, with: ok(target: "https://a.example/"), settings: settings, now: now, jitter: 0)
        PollPolicy.update(&state, with: ok(), settings: settings, now: now, jitter: 0)
        #expect(state.pendingRedirectCount == 0)
        PollPolicy.update(&state, with: ok(target: "https://a.example/"), settings: settings, now: now, jitter: 0)
        PollPolicy.update(&state, with: ok(target: "https://b.example/"), settings: settings, now: now, jitter: 0)
        #expect(state.pendingRedirect == "https://b.example/")
        #expect(state.pendingRedirectCount == 1)
        #expect(state.effectiveURL == nil)
    }

    @Test func cancelledChangesNothing() {
        var state = SourceState(name: "a")
        state.errorStreak = 4
        let before = state
        let update = PollPolicy.update(&state, with: PollOutcome(kind: .cancelled), settings: settings, now: now, jitter: 0)
        #expect(update.delay == nil)
        #expect(state == before)
    }

    @Test func successUsesPublisherHints() {
        var state = SourceState(name: "a")
        state.feedHint = 3600
        let update = PollPolicy.update(
            &state, with: PollOutcome(kind: .modified, status: 200, cacheMaxAge: 7200), settings: settings, now: now, jitter: 0)
        #expect(update.delay == 7200)
    }
}
