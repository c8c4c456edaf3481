import Foundation

extension PollPolicy {
    /// Applies one poll's outcome to a source's state and says when to poll next.
    ///
    /// - 2xx: validators are replaced by the response's (a server that stops sending one loses it);
    ///   304 keeps them. Either is a success: the failure streak ends (`recovered` when there was one),
    ///   and the next poll follows `nextInterval`.
    /// - A permanent redirect (301/308 at the start of the chain) to the same target on
    ///   `permanentRedirectPolls` successful polls in a row moves `effectiveURL` there (`movedTo`,
    ///   once). A success without one resets the count; temporary redirects change nothing.
    /// - 429/503 (or a host still blocked): not a failure. The streak is untouched, the host is to be
    ///   left alone for `Retry-After` (`hostBlockedFor`), and the next poll waits at least that long.
    /// - 410: the source is disabled until its configuration changes.
    /// - Anything else: the streak grows and the next poll backs off exponentially (`backoff`);
    ///   `startedFailing` on the first failure after a success.
    /// - Cancelled: nothing changes.
    ///
    /// `now` is when the poll finished; `jitter` is a random number in 0...1.
    @discardableResult
    package static func update(
        _ state: inout SourceState, with outcome: PollOutcome, settings: PollSettings, now: Date, jitter: Double
    ) -> PollUpdate {
        if outcome.kind == .cancelled { return PollUpdate(kind: .cancelled, delay: nil) }
        state.lastPoll = now
        state.lastStatus = outcome.status
        var update = PollUpdate(kind: outcome.kind, delay: nil)

        switch outcome.kind {
        case .modified, .notModified:
            if outcome.kind == .modified {
                state.etag = outcome.etag
                state.lastModified = outcome.lastModified
            }
            if outcome.unconditional { state.lastUnconditional = now }
            if state.errorStreak > 0 {
                update.recovered = true
                update.failuresBefore = state.errorStreak
            }
            state.errorStreak = 0
            state.lastError = nil
            state.lastSuccess = now
            update.movedTo = trackPermanentRedirect(&state, target: outcome.permanentTarget)
            update.delay = successInterval(state, outcome, settings, now: now)

        case .throttled:
            state.lastError = outcome.message
            update.hostBlockedFor = outcome.retryAfter
            update.delay = successInterval(state, outcome, settings, now: now)

        case .gone:
            state.disabled = true
            state.lastError = outcome.message ?? "HTTP 410 Gone"

        case .failed:
            state.errorStreak += 1
            state.lastError = outcome.message ?? outcome.status.map { "HTTP \($0)" } ?? "failed"
            update.startedFailing = state.errorStreak == 1
            let base = min(max(settings.interval, settings.minInterval), max(settings.minInterval, settings.maxInterval))
            update.delay = backoff(
                streak: state.errorStreak, interval: base, maxBackoff: settings.maxBackoff, jitter: jitter)

        case .cancelled:
            break
        }
        update.disabled = outcome.kind == .gone
        state.nextPoll = update.delay.map { now.addingTimeInterval($0) }
        return update
    }

    private static func successInterval(
        _ state: SourceState, _ outcome: PollOutcome, _ settings: PollSettings, now: Date
    ) -> Double {
        nextInterval(
            configured: settings.interval, feedHint: state.feedHint, cacheMaxAge: outcome.cacheMaxAge,
            expires: outcome.expires, retryAfter: outcome.retryAfter, minInterval: settings.minInterval,
            maxInterval: settings.maxInterval, recentPublications: state.recentPublications, now: now)
    }

    /// Counts consecutive polls that were permanently redirected to one target; returns the target
    /// when this poll makes the move.
    private static func trackPermanentRedirect(_ state: inout SourceState, target: String?) -> String? {
        guard let target, target != state.effectiveURL else {
            state.pendingRedirect = nil
            state.pendingRedirectCount = 0
            return nil
        }
        if state.pendingRedirect == target {
            state.pendingRedirectCount += 1
        } else {
            state.pendingRedirect = target
            state.pendingRedirectCount = 1
        }
        guard state.pendingRedirectCount >= permanentRedirectPolls else { return nil }
        state.effectiveURL = target
        state.pendingRedirect = nil
        state.pendingRedirectCount = 0
        return target
    }
}
