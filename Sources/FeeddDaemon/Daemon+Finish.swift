import Dispatch
import FeeddCore
import FeeddHTTP
import FeeddStore
import Foundation

/// The end of a poll: update the source's state, write its one log line, schedule the next poll.
extension Daemon {
    func finish(_ name: String, outcome: PollOutcome, response: FetchResponse?, started: Date) {
        endPoll(name)
        guard let source = config.source(named: name), var state = states[name] else { return }
        let now = options.now()
        let settings = config.settings
        let interval = source.interval ?? settings.interval
        let ms = Int(Date().timeIntervalSince(started) * 1000)
        let bytes = response.map { Int64($0.body.count) } ?? 0
        let previousStreak = state.errorStreak
        state.lastPoll = now
        state.lastStatus = response?.status
        counters.polls += 1
        counters.bytes += bytes
        if let response {
            var stored = false
            if case .stored = outcome { stored = true }
            applyValidatorsAndRedirects(response, to: &state, source: source, adoptValidators: stored)
        }

        var next: Double
        switch outcome {
        case .stored, .notModified:
            state.errorStreak = 0
            state.lastError = nil
            state.lastSuccess = now
            next = PollPolicy.nextInterval(
                configured: interval, feedHint: state.feedHint, cacheMaxAge: response?.cacheMaxAge,
                expires: response?.expires, retryAfter: nil, minInterval: settings.minInterval,
                maxInterval: max(settings.maxInterval, interval), recentPublications: state.recentPublications, now: now)
            if previousStreak > 0 {
                logger.notice("source_recovered", ["source": name, "after_failures": previousStreak])
            }
            var fields: [(String, String)] = [("status", response.map { String($0.status) } ?? "-")]
            if case .stored(let tally) = outcome {
                counters.new += tally.new
                counters.duplicates += tally.duplicates
                counters.updated += tally.updated
                countStoredToday(tally.new + tally.updated, now: now)
                fields += [("new", "\(tally.new)"), ("dup", "\(tally.duplicates)"), ("updated", "\(tally.updated)")]
                fields += tally.extra
            } else {
                fields += [("new", "0"), ("dup", "0"), ("updated", "0")]
            }
            logPoll(name, fields + [("bytes", "\(bytes)"), ("ms", "\(ms)"), ("next_in", LogDuration.format(next))])
        case .rateLimited(let retryAfter):
            // The whole host asked us to slow down: every source on it waits, and it is not a failure.
            let wait = max(retryAfter ?? interval, 1)
            if let host = URL(string: response?.effectiveURL ?? source.url)?.host?.lowercased() {
                fetcher.blockHost(host, until: now.addingTimeInterval(wait))
                logger.warning(
                    "rate_limited", ["source": name, "host": host, "status": response?.status ?? 0,
                                     "retry_after": LogDuration.format(wait)])
            }
            next = wait + options.random() * min(60, wait * 0.1)
        case .gone:
            state.disabled = true
            next = 0
            logger.error(
                "source_disabled", ["source": name, "status": 410],
                "the feed is gone (HTTP 410); edit its [source] in feeds.conf to enable it again")
        case .failed(_, let reason):
            state.errorStreak += 1
            state.lastError = reason
            counters.failures += 1
            next = PollPolicy.backoff(
                streak: state.errorStreak, interval: interval, maxBackoff: settings.maxBackoff, jitter: options.random())
            let fields: KeyValuePairs<String, Any?> = [
                "source": name, "status": response?.status, "error": reason, "streak": state.errorStreak,
                "retry_in": LogDuration.format(next),
            ]
            // Warn when a source starts failing; later retries are routine and logged at info.
            logger.log(previousStreak == 0 ? .warning : .info, "poll_failed", fields, nil)
        }
        if state.disabled {
            state.nextPoll = nil
        } else {
            state.nextPoll = now.addingTimeInterval(next)
            if !options.once, !stopping { scheduler.schedule(name, at: state.nextPoll!) }
        }
        states[name] = state
        scheduleStateSave()
        if options.once {
            pendingOnce.remove(name)
            if pendingOnce.isEmpty { stop(reason: "once") }
        }
    }

    private func logPoll(_ name: String, _ fields: [(String, String)]) {
        guard logger.sink.isEnabled(.info) else { return }
        var line = logger.with("source", name)
        for (key, value) in fields { line = line.with(key, value) }
        line.info("poll")
    }

    /// Validators come from 200s whose articles were stored: a 200 that failed to parse or to store keeps the
    /// old validators, or the next poll would get a 304 for items never stored. A permanent redirect seen on
    /// 3 polls in a row moves the source.
    private func applyValidatorsAndRedirects(
        _ response: FetchResponse, to state: inout SourceState, source: Source, adoptValidators: Bool
    ) {
        if adoptValidators, (200...299).contains(response.status) {
            state.etag = response.etag
            state.lastModified = response.lastModified
        }
        guard (200...299).contains(response.status) || response.status == 304 else { return }
        if let target = response.permanentTarget, target != (state.effectiveURL ?? source.url) {
            if state.pendingRedirect == target {
                state.pendingRedirectCount += 1
            } else {
                state.pendingRedirect = target
                state.pendingRedirectCount = 1
            }
            if state.pendingRedirectCount >= PollPolicy.permanentRedirectConfirmations {
                logger.notice(
                    "redirect_moved", ["source": source.name, "from": state.effectiveURL ?? source.url, "to": target],
                    "the source moved permanently; feeds.conf is unchanged, consider updating its url")
                state.effectiveURL = target
                state.pendingRedirect = nil
                state.pendingRedirectCount = 0
            }
        } else {
            // A temporary redirect, or none: a move must be seen on consecutive polls.
            state.pendingRedirect = nil
            state.pendingRedirectCount = 0
        }
    }

    private func countStoredToday(_ count: Int, now: Date) {
        let day = Int64(now.timeIntervalSince1970 / 86_400)
        if counters.day != day {
            counters.day = day
            counters.storedToday = 0
        }
        counters.storedToday += count
    }

    /// Source state is written at most every two seconds (and at stop), not after every poll:
    /// with thousands of sources a write per poll would cost more than the polls.
    func scheduleStateSave() {
        guard !stateSaveScheduled else { return }
        stateSaveScheduled = true
        queue.asyncAfter(deadline: .now() + 2) { [weak self] in
            guard let self else { return }
            self.stateSaveScheduled = false
            self.saveState()
        }
    }

    func saveState() {
        do {
            try stateStore.save(states)
        } catch {
            logger.error("state_save_failed", ["store": config.settings.store, "error": "\(error)"])
        }
    }

    /// A failed append: nothing of that batch counts as stored. The dedupe index may hold its
    /// articles, so it is rebuilt from the journal, which is the truth.
    func storeFailed(_ error: StoreError) {
        logger.error(
            "store_failed", ["store": config.settings.store, "error": "\(error)"],
            "nothing from this poll was stored; polls go on and the store is retried")
        if let reader = try? JournalReader(directory: config.settings.store) {
            dedupe.rebuild(from: reader.records().lazy.compactMap(\.article))
        }
    }
}
