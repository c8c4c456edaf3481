import Dispatch
import FeeddCore
import FeeddHTTP
import FeeddStore
import Foundation

/// The end of a poll: the polling policy updates the source's state, the poll gets its one log line
/// (plus one on each state change), and the next poll is scheduled.
extension Daemon {
    func finish(_ name: String, outcome: PollOutcome, tally: PollTally?, bytes: Int64, started: Date) {
        endPoll(name)
        startWaitingPoll()
        guard let source = config.source(named: name), var state = states[name] else { return }
        let now = options.now()
        let update = PollPolicy.update(
            &state, with: outcome, settings: config.resolved(source).poll, now: now,
            jitter: options.random())
        metrics.recordPoll(
            source: name, host: Fetcher.host(of: state.effectiveURL ?? source.url), outcome: outcome, bytes: bytes,
            now: now.timeIntervalSince1970)
        if outcome.kind != .cancelled {
            counters.polls += 1
            counters.bytes += bytes
        }
        let ms = Int(Date().timeIntervalSince(started) * 1000)
        let nextIn = update.delay.map(LogDuration.format)
        switch outcome.kind {
        case .modified, .notModified:
            let tally = tally ?? PollTally()
            counters.new += tally.new
            counters.duplicates += tally.duplicates
            counters.updated += tally.updated
            countStoredToday(tally.new + tally.updated, now: now)
            if update.recovered {
                logger.notice("source_recovered", ["source": name, "after_failures": update.failuresBefore])
            }
            if let target = update.movedTo {
                logger.notice(
                    "redirect_moved", ["source": name, "to": target],
                    "moved permanently (seen on \(PollPolicy.permanentRedirectPolls) polls in a row); feeds.conf is unchanged, consider updating its url")
            }
            if logger.sink.isEnabled(.info) {
                var line = logger.with("source", name)
                    .with("status", outcome.status.map { LogValue.integer(Int64($0)) } ?? .text("-"))
                for (key, value) in [("new", tally.new), ("dup", tally.duplicates), ("updated", tally.updated), ("filtered", tally.filtered)] {
                    line = line.with(key, .integer(Int64(value)))
                }
                for (key, value) in tally.extra { line = line.with(key, Int64(value).map(LogValue.integer) ?? .text(value)) }
                line.info("poll", ["bytes": bytes, "ms": ms, "next_in": nextIn])
            }
        case .throttled:
            // The fetcher blocked the host when the answer came; the log says for how long.
            let host = Fetcher.host(of: state.effectiveURL ?? source.url)
            logger.warning(
                "rate_limited",
                ["source": name, "host": host, "status": outcome.status,
                 "retry_after": update.hostBlockedFor.map(LogDuration.format), "next_in": nextIn])
        case .gone:
            logger.error(
                "source_disabled", ["source": name, "status": outcome.status],
                "the feed is gone (HTTP 410); edit its [source] in feeds.conf to enable it again")
        case .failed:
            counters.failures += 1
            // Warn when a source starts failing; later retries are routine and logged at info.
            // A store failure is the store's, logged once by `storeFailed`, not a warning per source.
            let startedFailing = update.startedFailing && outcome.errorKind != "store"
            logger.log(
                startedFailing ? .warning : .info, "poll_failed",
                ["source": name, "url": state.effectiveURL ?? source.url, "status": outcome.status,
                 "error": state.lastError, "kind": outcome.errorKind,
                 "streak": state.errorStreak, "retry_in": nextIn], nil)
        case .cancelled:
            break
        }
        if let unstable = Optional(dedupe.takeNewlyUnstableGuidSources()), !unstable.isEmpty {
            for source in unstable {
                logger.notice("unstable_guids", ["source": source], "its guids change for unchanged items; matching its items by URL")
            }
        }
        if let delay = update.delay, !options.once, !stopping {
            scheduler.schedule(name, at: now.addingTimeInterval(delay))
        }
        states[name] = state
        scheduleStateSave()
        if options.once {
            pendingOnce.remove(name)
            if pendingOnce.isEmpty { stop(reason: "once") }
        }
    }

    /// A poll slot is free: the longest-waiting due source takes it.
    func startWaitingPoll() {
        while inFlight.count < config.settings.maxConnections, let next = waiting.pop() {
            poll(next)
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
            shareStates()
        } catch {
            logger.error("state_save_failed", ["store": config.settings.store, "error": "\(error)"])
        }
    }

    /// A failed append: nothing of that batch counts as stored, and the dedupe index never learned it
    /// (its reservation was released), so the next poll decides those articles afresh. A full disk fails every
    /// append: the failure is logged when it starts, then as a reminder every few minutes, not once per poll.
    func storeFailed(_ error: StoreError) {
        let store = config.settings.store
        switch storeHealth.appendFailed(now: options.now()) {
        case .failed:
            logger.error(
                "store_failed", ["store": store, "error": "\(error)"],
                "appends to the store fail: free space on its file system (or fix the I/O error); nothing is lost, "
                    + "polls not stored keep their old validators and fetch again")
        case .stillFailing(let notStored, let since):
            logger.error(
                "store_failing",
                ["store": store, "not_stored": notStored, "failing_for": LogDuration.format(options.now().timeIntervalSince(since)),
                 "error": "\(error)"],
                "appends to the store still fail: free space on its file system")
        case .recovered, nil:
            break
        }
        // A `--once` run ends without those articles: say so in the exit code.
        if options.once { exitCode = 1 }
    }

    /// An append succeeded: if appends were failing, say once that the store works again.
    func storeSucceeded() {
        guard case .recovered(let notStored, let since) = storeHealth.appendSucceeded() else { return }
        logger.notice(
            "store_recovered",
            ["store": config.settings.store, "not_stored": notStored,
             "after": LogDuration.format(options.now().timeIntervalSince(since))],
            "appends to the store succeed again; polls not stored meanwhile fetch again")
    }
}
