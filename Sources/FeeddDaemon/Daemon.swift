import Dispatch
import FeeddContent
import FeeddCore
import FeeddHTTP
import FeeddStore
import FeeddSystem
import Foundation
import Synchronization

/// The running service: schedules polls, runs fetch → parse → normalize → dedupe → append for each,
/// keeps per-source state, reloads on SIGHUP and stops cleanly on SIGTERM.
/// Unchecked Sendable: every mutable property is confined to `queue`; work leaves it only for
/// fetching (the fetcher's own queue), parsing (the bounded `workers` pool) and the journal's writer.
package final class Daemon: @unchecked Sendable {
    let queue = DispatchQueue(label: "feedd.daemon")
    let workers: OperationQueue
    let options: DaemonOptions
    var logger: Logger
    /// The sources this instance polls: `loadedConfig` through `ownership` (all of it unless sharded).
    var config: Config
    /// feeds.conf as last loaded, every source in it.
    var loadedConfig: Config
    /// Which of `loadedConfig`'s sources are this instance's (Daemon+Ownership).
    var ownership: SourceOwnership
    let journal: Journal
    let stateStore: StateStore
    let dedupe: DedupeIndex
    let fetcher: Fetcher
    /// Publishes the journal to NATS JetStream (`[output nats]`), and claims exact keys across instances
    /// (`dedupe = shared`); nil without the section (Daemon+Output).
    let output: OutputFollower?
    let sharedDedupe: SharedDedupe?
    /// `membership = nats`: registration, live members, shared poll state (Daemon+Membership); nil otherwise.
    private(set) var live: LiveMembership?
    /// The states last written to the shared bucket, so that only changed ones are written again.
    var sharedStates: [String: SourceState] = [:]
    let notify = SDNotify()
    var scheduler: Scheduler!
    var states: [String: SourceState] = [:]
    var inFlight: Set<String> = []
    /// Entered for each name put in `inFlight`, left when it comes out: a stop waits on it so that polls whose
    /// transfers were still running finish storing what they fetched before the journal closes.
    let pollsInFlight = DispatchGroup()
    /// Due sources waiting for a free poll slot (see `poll`), oldest first.
    var waiting = WaitingQueue()
    var counters = DaemonCounters()
    /// The metric families, in the registry `options.metrics` hands in (Daemon+Metrics).
    let metrics: DaemonMetrics
    /// The `/metrics` and `/healthz` listener, when `startListener` made one (set before `run`, stopped after it).
    var listener: HTTPListener?
    /// Why the last journal append failed, nil once one succeeds again: `/healthz` reports it.
    let journalFailure = Mutex<String?>(nil)
    /// Whether appends are failing (a full disk), so that the failure is logged once, not once per poll.
    var storeHealth = StoreHealth()
    var stopping = false
    var pendingOnce: Set<String> = []
    var stateSaveScheduled = false
    var timers: [DispatchSourceTimer] = []
    var signalHandlers: SignalHandlers?
    let finished = DispatchSemaphore(value: 0)
    /// What `run()` returns: 1 when a `--once` run could not store everything it fetched.
    package internal(set) var exitCode: Int32 = 0

    /// Opens the store (lock, recovery), rebuilds the dedupe index from it and loads source state.
    /// Throws `StoreError` when the store cannot be used (locked by another feedd, unreadable).
    package init(config: Config, logger: Logger, options: DaemonOptions) throws {
        loadedConfig = config
        ownership = Self.configuredOwnership(config.settings, options: options)
        self.config = ownership.owned(in: config)
        self.logger = logger
        self.options = options
        metrics = DaemonMetrics(registry: options.metrics)
        ProcessMemory.pinMmapThreshold()
        workers = OperationQueue()
        workers.name = "feedd.workers"
        workers.maxConcurrentOperationCount = max(1, ProcessInfo.processInfo.activeProcessorCount)
        // The journal's clock is the daemon's too (record times, the wait before an append retries the store).
        var journalOptions = JournalOptions(settings: config.settings)
        let clock = options.now
        journalOptions.clock = { clock().timeIntervalSince1970 }
        let opened = try Journal.openAndRead(
            directory: config.settings.store, options: journalOptions, logger: logger)
        journal = opened.journal
        stateStore = StateStore(directory: config.settings.store)
        states = stateStore.load()
        dedupe = DedupeIndex()
        let started = Date()
        dedupe.rebuild(fromJournal: opened.records)
        // Decoding the whole journal leaves megabytes of freed heap behind; give them back.
        ProcessMemory.releaseFreeMemory()
        logger.info(
            "store_opened",
            ["store": config.settings.store, "records": journal.lastSeq, "indexed": dedupe.count,
             "ms": Int(Date().timeIntervalSince(started) * 1000)])
        let made = try Self.makeOutput(
            config: config, journal: journal, logger: logger, registry: options.metrics, now: options.now)
        output = made?.follower
        sharedDedupe = made?.claims
        // The fetcher's wall clock is the daemon's (robots.txt expiry, Retry-After); spacing stays monotonic.
        let now = options.now
        fetcher = Fetcher(
            limits: FetchLimits(
                maxConnections: config.settings.maxConnections, maxPerHost: config.settings.maxPerHost,
                hostDelay: config.settings.hostDelay),
            clock: FetchClock(now: now, monotonic: FetchClock.monotonicNow),
            logger: logger)
        if ownership.spec == nil, let link = made?.link, let settings = config.natsOutput {
            live = LiveMembership(
                link: link, prefix: settings.bucketPrefix, instance: ownership.member, ttl: config.settings.membershipTTL,
                logger: logger
            ) { [weak self] members in self?.membersChanged(members) }
        }
    }

    /// Starts polling and blocks until the daemon stops (a signal, or the end of a `--once` run).
    /// Returns the process exit code.
    package func run() -> Int32 {
        scheduler = Scheduler(queue: queue, now: options.now) { [unowned self] name in self.poll(name) }
        if !options.once {
            signalHandlers = SignalHandlers([.terminate, .interrupt, .hangup, .user1], queue: queue) { [weak self] signal in
                self?.handle(signal)
            }
        } else {
            signalHandlers = SignalHandlers([.terminate, .interrupt], queue: queue) { [weak self] signal in
                self?.handle(signal)
            }
        }
        output?.start()
        joinMembership()
        queue.sync { self.startScheduling() }
        finished.wait()
        stopListener()
        return exitCode
    }

    private func startScheduling() {
        // A signal during start-up (joining the live members can wait for NATS) already stopped the daemon:
        // scheduling now would poll after the journal closed, with timers that outlive the daemon.
        guard !stopping else { return }
        let now = options.now()
        let sources = config.sources
        logger.notice(
            "started", ["version": FeeddVersion.string, "sources": sources.count, "store": config.settings.store,
                        "once": options.once, "shard": ownership.label])
        recordOwnership()
        for (index, source) in sources.enumerated() {
            takeUp(source)
            if options.once {
                if states[source.name]?.disabled == true { continue }
                pendingOnce.insert(source.name)
                scheduler.schedule(source.name, at: now)
            } else {
                scheduleFirstPoll(source, index: index, count: sources.count, now: now)
            }
        }
        if options.once && pendingOnce.isEmpty {
            stop(reason: "once")
            return
        }
        if !options.once { startPeriodicTimers() }
        notify.ready(status: statusLine())
    }

    /// The state a source starts polling with, at start or when a reload or a new shard map gives it to this
    /// instance: what was stored, re-enabled when what it fetches changed since (a 410 applied to the old url).
    func takeUp(_ source: Source) {
        var state = states[source.name] ?? SourceState(name: source.name)
        let hash = ConfigChange.fetchHash(source)
        if state.configHash != hash {
            if state.disabled { logger.notice("source_enabled", ["source": source.name], "configuration changed") }
            state.disabled = false
            state.configHash = hash
        }
        states[source.name] = state
    }

    /// First polls after a start are spread over each source's interval, except that a source whose
    /// stored next poll is already due (or that never polled) goes within its share of the spread.
    func scheduleFirstPoll(_ source: Source, index: Int, count: Int, now: Date) {
        guard let state = states[source.name], !state.disabled else { return }
        let interval = config.resolved(source).interval
        if let next = state.nextPoll, next > now {
            scheduler.schedule(source.name, at: next)
            return
        }
        let spread = min(interval, Double(count) * 0.05)
        let delay = PollPolicy.initialDelay(index: index, count: count, interval: spread, jitter: options.random())
        scheduler.schedule(source.name, at: now.addingTimeInterval(delay))
    }

    /// A one-line summary for systemd's STATUS= and `feedd status`.
    func statusLine() -> String {
        let failing = config.sources.filter { (states[$0.name]?.errorStreak ?? 0) > 0 }.count
        return "\(config.sources.count) sources, \(failing) failing, \(counters.storedToday) stored today"
    }
}
