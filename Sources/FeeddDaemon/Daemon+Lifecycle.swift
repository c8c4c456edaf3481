import Dispatch
import FeeddCore
import FeeddStore
import FeeddSystem
import Foundation

/// Signals, reload, periodic summary and watchdog, and the clean stop. All on `queue`.
extension Daemon {
    func handle(_ signal: UnixSignal) {
        switch signal {
        case .terminate, .interrupt:
            stop(reason: signal.name)
        case .hangup:
            reload()
        case .user1:
            let configured = config.settings.logLevel
            logger.sink.level = logger.sink.level == .debug ? (configured == .debug ? .info : configured) : .debug
            logger.notice("log_level", ["level": logger.sink.level.name], "toggled by SIGUSR1")
        }
    }

    func startPeriodicTimers() {
        let summary = DispatchSource.makeTimerSource(queue: queue)
        let every = config.settings.summaryInterval
        summary.schedule(deadline: .now() + every, repeating: every, leeway: .seconds(1))
        summary.setEventHandler { [weak self] in self?.logSummary() }
        summary.resume()
        timers.append(summary)
        // The watchdog is pinged from this queue, the scheduler's own: if it wedges, pings stop
        // and systemd restarts the service.
        if notify.isEnabled, let period = SDNotify.watchdogInterval() {
            let watchdog = DispatchSource.makeTimerSource(queue: queue)
            watchdog.schedule(deadline: .now(), repeating: period / 2, leeway: .milliseconds(100))
            watchdog.setEventHandler { [weak self] in self?.notify.watchdog() }
            watchdog.resume()
            timers.append(watchdog)
        }
    }

    func logSummary() {
        let owned = config.sources.compactMap { states[$0.name] }
        let failing = owned.filter { $0.errorStreak > 0 }.count
        let disabled = owned.filter(\.disabled).count
        logger.info(
            "summary",
            ["sources": config.sources.count, "polls": counters.polls, "failures": counters.failures,
             "new": counters.new, "dup": counters.duplicates, "updated": counters.updated, "bytes": counters.bytes,
             "failing": failing, "disabled": disabled, "stored_total": journal.lastSeq,
             "output_backlog": output?.backlogAndLag().backlog,
             "output_lag": output.map { LogDuration.format($0.backlogAndLag().lag) },
             "rss_mb": ProcessMemory.residentMegabytes().map { ($0 * 10).rounded() / 10 }])
        counters.polls = 0
        counters.failures = 0
        counters.new = 0
        counters.duplicates = 0
        counters.updated = 0
        counters.bytes = 0
        notify.status(statusLine())
    }

    /// Re-reads feeds.conf. An invalid file changes nothing: every error is logged and the old
    /// configuration keeps running. A valid one is applied as a difference; state is kept.
    func reload() {
        notify.reloading()
        defer { notify.ready(status: statusLine()) }
        let newConfig: Config
        do {
            newConfig = try ConfigParser.load(path: config.path)
        } catch {
            for issue in error.issues {
                logger.error("reload_failed", ["file": issue.path, "line": issue.line, "error": issue.message])
            }
            logger.warning("reload_rejected", ["errors": error.issues.count], "keeping the running configuration")
            return
        }
        if newConfig.settings.store != config.settings.store {
            logger.warning("reload_store_ignored", ["store": newConfig.settings.store], "changing store needs a restart")
        }
        // The listener is bound once, at start: it keeps its address, and a new one in feeds.conf is reported.
        if !options.listenFromCommandLine, newConfig.settings.listen != config.settings.listen {
            logger.warning(
                "reload_listen_ignored", ["address": newConfig.settings.listen?.description ?? "none"],
                "changing listen needs a restart")
        }
        // The output's connection and cursor are made once, at start.
        if newConfig.natsOutput != config.natsOutput {
            logger.warning("reload_output_ignored", [:], "changing [output nats] needs a restart")
        }
        var kept = newConfig
        kept.natsOutput = config.natsOutput
        kept.settings.store = config.settings.store
        kept.settings.listen = config.settings.listen
        // Joining or leaving live membership means registering or deregistering: a restart's work.
        if kept.settings.membership != loadedConfig.settings.membership || kept.settings.instance != loadedConfig.settings.instance {
            logger.warning(
                "reload_membership_ignored", ["membership": kept.settings.membership.rawValue],
                "changing membership or instance needs a restart")
            kept.settings.membership = loadedConfig.settings.membership
            kept.settings.instance = loadedConfig.settings.instance
        }
        // A level toggled with SIGUSR1 stays unless feeds.conf changed log_level itself.
        if kept.settings.logLevel != config.settings.logLevel { logger.sink.level = kept.settings.logLevel }
        logger.sink.format = kept.settings.logFormat
        loadedConfig = kept
        let previousOwnership = ownership
        if ownership.spec != nil { ownership = Self.configuredOwnership(kept.settings, options: options) }
        let owned = ownership.owned(in: kept)
        let change = ConfigChange(from: config, to: owned, states: states)
        config = owned
        applySourceChange(change)
        recordOwnership(changed: ownership != previousOwnership)
        logger.notice(
            "reload",
            ["added": change.added.count, "removed": change.removed.count, "changed": change.changed,
             "sources": owned.sources.count, "added_names": ConfigChange.names(change.added),
             "removed_names": ConfigChange.names(change.removed),
             "changed_names": ConfigChange.names(change.changedSources)])
    }

    /// Stops scheduling, lets in-flight polls finish or cuts them at `stop_timeout`, flushes the
    /// journal and source state, then releases `run()`.
    func stop(reason: String) {
        guard !stopping else { return }
        stopping = true
        notify.stopping()
        scheduler.stop()
        for timer in timers { timer.cancel() }
        timers.removeAll()
        if !options.once { logger.notice("stopping", ["reason": reason, "in_flight": inFlight.count]) }
        let deadline = config.settings.stopTimeout
        DispatchQueue.global().async { [self] in
            // Waits for in-flight transfers (cut at the deadline). Their completions arrive afterwards, on
            // another queue, and still parse and store what they got: wait for every poll to finish, so the
            // journal is not closed under them (bounded, in case a parse wedges).
            fetcher.shutdown(deadline: deadline)
            _ = pollsInFlight.wait(timeout: .now() + deadline + 5)
            workers.waitUntilAllOperationsAreFinished()
            queue.sync {
                saveState()
                journal.close()
            }
            // Leave the members (after the last states were shared) while the connection is still open.
            live?.stop()
            finishOutput()
            queue.sync {
                signalHandlers?.cancel()
                logger.notice("stopped", ["reason": reason, "stored_total": journal.lastSeq])
            }
            finished.signal()
        }
    }
}
