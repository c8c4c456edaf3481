import Dispatch
import FeeddCore
import FeeddHTTP
import FeeddStore
import FeeddSystem
import Foundation
import Synchronization

/// `/metrics` and `/healthz`: the listener answers on its own thread; the gauges that live in the daemon's
/// state are read in one snapshot taken on the daemon's queue, with a short timeout, so that a wedged queue
/// turns `/healthz` to 503 instead of hanging the scrape.
extension Daemon {
    /// What a scrape reads from the daemon's queue.
    struct Snapshot: Sendable {
        var sourcesByState: [String: Int]
        var queueDepth: Int
        var stopping: Bool
    }

    /// Binds `address` and starts answering; `run()` stops the listener when the daemon stops.
    package func startListener(at address: ListenAddress) throws(HTTPListener.ListenError) {
        let listener = try HTTPListener(address: address) { [weak self] path in
            guard let self else { return nil }
            switch path {
            case "/metrics": return self.scrape()
            case "/healthz": return self.health()
            default: return nil
            }
        }
        listener.start()
        self.listener = listener
        logger.notice("listening", ["address": address.description, "port": listener.port])
    }

    func stopListener() {
        listener?.stop()
    }

    /// The daemon's state for one scrape, or nil when its queue did not answer in time.
    func snapshot() -> Snapshot? {
        let answer = Mutex<Snapshot?>(nil)
        let done = DispatchSemaphore(value: 0)
        queue.async { [weak self] in
            if let self { answer.withLock { $0 = self.takeSnapshot() } }
            done.signal()
        }
        guard done.wait(timeout: .now() + options.queueAnswerTimeout) == .success else { return nil }
        return answer.withLock { $0 }
    }

    /// On `queue`.
    private func takeSnapshot() -> Snapshot {
        var byState: [String: Int] = ["ok": 0, "failing": 0, "backing_off": 0, "rate_limited": 0, "disabled": 0]
        for source in config.sources {
            let state = states[source.name] ?? SourceState(name: source.name)
            byState[Self.stateName(state, interval: config.resolved(source).interval), default: 0] += 1
        }
        return Snapshot(sourcesByState: byState, queueDepth: waiting.count, stopping: stopping)
    }

    /// A source's state for `feedd_sources`: disabled (410), rate_limited (last answer 429/503 without a
    /// failure streak), backing_off (failing and waiting longer than its interval), failing, or ok.
    static func stateName(_ state: SourceState, interval: Double) -> String {
        if state.disabled { return "disabled" }
        if state.errorStreak == 0 {
            return state.lastStatus == 429 || state.lastStatus == 503 ? "rate_limited" : "ok"
        }
        if let next = state.nextPoll, let last = state.lastPoll, next.timeIntervalSince(last) > interval * 1.5 {
            return "backing_off"
        }
        return "failing"
    }

    func scrape() -> HTTPListener.Response {
        var extra: [(MetricFamilyInfo, [MetricSample])] = []
        if let snapshot = snapshot() {
            extra.append((
                MetricFamilyInfo("feedd_sources", "Configured sources by state."),
                snapshot.sourcesByState.map { MetricSample([("state", $0.key)], Double($0.value)) }))
            extra.append((
                MetricFamilyInfo("feedd_queue_depth", "Due sources waiting for a free poll slot."),
                [MetricSample(Double(snapshot.queueDepth))]))
        }
        extra.append((MetricFamilyInfo("feedd_dedupe_index_articles", "Articles the dedupe index knows."),
                      [MetricSample(Double(dedupe.count))]))
        if let stats = try? JournalStats(directory: journal.directory) {
            extra.append((MetricFamilyInfo("feedd_journal_bytes", "Bytes of journal segments."), [MetricSample(Double(stats.bytes))]))
            extra.append((MetricFamilyInfo("feedd_journal_segments", "Journal segments."), [MetricSample(Double(stats.segments))]))
        }
        if let process = ProcessStats.current() {
            extra += [
                (MetricFamilyInfo("process_resident_memory_bytes", "Resident memory size in bytes."),
                 [MetricSample(process.residentBytes)]),
                (MetricFamilyInfo("process_open_fds", "Number of open file descriptors."),
                 [MetricSample(process.openFileDescriptors)]),
                (MetricFamilyInfo("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.", .counter),
                 [MetricSample(process.cpuSeconds)]),
                (MetricFamilyInfo("process_start_time_seconds", "Start time of the process since unix epoch in seconds."),
                 [MetricSample(process.startTime)]),
            ]
        }
        return HTTPListener.Response(status: 200, contentType: MetricsText.contentType, body: metrics.registry.render(adding: extra))
    }

    /// 200 while the daemon's queue answers (the scheduler's timers fire there) and the last journal append
    /// succeeded; 503 with the reason otherwise.
    func health() -> HTTPListener.Response {
        guard let snapshot = snapshot() else {
            return .init(status: 503, body: "unhealthy: the scheduler's queue did not answer within \(MetricsText.number(options.queueAnswerTimeout))s\n")
        }
        if let failure = journalFailure.withLock({ $0 }) {
            return .init(status: 503, body: "unhealthy: the last journal append failed: \(failure)\n")
        }
        if snapshot.stopping { return .init(status: 503, body: "unhealthy: stopping\n") }
        return .init(status: 200, body: "ok\n")
    }

    /// One journal append's time, and whether the journal accepts appends (for `/healthz`).
    func recordAppend<Value>(_ result: Result<Value, StoreError>, started: Date) {
        metrics.journalAppend.observe(Date().timeIntervalSince(started))
        switch result {
        case .success: journalFailure.withLock { $0 = nil }
        case .failure(let error):
            metrics.journalErrors.increment()
            journalFailure.withLock { $0 = "\(error)" }
        }
    }

    /// Hosts of the configured sources, for the series a reload keeps.
    func configuredHosts() -> Set<String> {
        Set(config.sources.compactMap { Fetcher.host(of: states[$0.name]?.effectiveURL ?? $0.url) })
    }
}
