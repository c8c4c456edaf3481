import FeeddCore
import FeeddHTTP
import FeeddStore
import FeeddSystem
import Foundation

/// The daemon's metric families, registered once in the registry the daemon owns and recorded where the daemon
/// already counts (`finish`, `store`). Label values are configured sources and their hosts only; a reload
/// drops the series of what it removed (`retain`).
struct DaemonMetrics: Sendable {
    let registry: MetricsRegistry
    let polls: Counter
    let fetchDuration: Histogram
    let httpResponses: Counter
    let fetchedBytes: Counter
    let lastSuccess: Gauge
    let lastAttempt: Gauge
    let articles: Counter
    let journalAppend: Histogram
    let journalErrors: Counter
    let ownedSources: Gauge
    let ownedHosts: Gauge
    let shardMembers: Gauge

    init(registry: MetricsRegistry) {
        self.registry = registry
        polls = registry.counter(
            "feedd_polls_total", "Polls finished, by source and outcome (ok, not_modified, throttled, gone, failed).",
            labels: ["source", "outcome"])
        fetchDuration = registry.histogram("feedd_fetch_duration_seconds", "Time from a poll's request to its answer.")
        httpResponses = registry.counter(
            "feedd_http_responses_total", "Answers to polls by host and class (2xx, 3xx, 304, 4xx, 429, 5xx).",
            labels: ["host", "code_class"])
        fetchedBytes = registry.counter("feedd_fetched_bytes_total", "Bytes of polled bodies, after decompression.")
        lastSuccess = registry.gauge(
            "feedd_source_last_success_timestamp_seconds", "When a source last answered 2xx or 304.", labels: ["source"])
        lastAttempt = registry.gauge(
            "feedd_source_last_attempt_timestamp_seconds", "When a source's last poll ended.", labels: ["source"])
        articles = registry.counter(
            "feedd_articles_total", "Articles decided, by source and decision (new, duplicate, near_duplicate, revision, filtered).",
            labels: ["source", "decision"])
        journalAppend = registry.histogram(
            "feedd_journal_append_seconds", "Time from handing a batch to the journal to its acknowledgement (fdatasync).")
        journalErrors = registry.counter("feedd_journal_errors_total", "Journal appends that failed.")
        ownedSources = registry.gauge("feedd_owned_sources", "Sources of feeds.conf this instance polls (its shard).")
        ownedHosts = registry.gauge("feedd_owned_hosts", "Registrable domains of feeds.conf this instance polls.")
        shardMembers = registry.gauge("feedd_shard_members", "Instances in the shard map (N of K/N, or live members).")
    }

    /// The time of one poll's request, unless the fetcher refused it at once (its host asked everyone to wait).
    func recordFetch(_ result: Result<FetchResponse, FetchError>, started: Date) {
        if case .failure(let error) = result, error.code == .hostBlocked { return }
        fetchDuration.observe(Date().timeIntervalSince(started))
    }

    /// One finished poll (not a cancelled one).
    func recordPoll(source: String, host: String?, outcome: PollOutcome, bytes: Int64, now: Double) {
        let label: String
        switch outcome.kind {
        case .modified: label = "ok"
        case .notModified: label = "not_modified"
        case .throttled: label = "throttled"
        case .gone: label = "gone"
        case .failed: label = "failed"
        case .cancelled: return
        }
        polls.increment(source, label)
        lastAttempt.set(now, source)
        if outcome.kind == .modified || outcome.kind == .notModified { lastSuccess.set(now, source) }
        if let status = outcome.status, let host { httpResponses.increment(host, Self.codeClass(status)) }
        fetchedBytes.increment(by: Double(bytes))
    }

    /// Each decided article of one poll by its verdict, and the articles keep/block rules left out before the
    /// decision. Tallied first, so the registry's lock is taken once per verdict seen, not once per article.
    func recordDecisions(source: String, _ decided: [DecidedArticle], filtered: Int = 0) {
        var new = 0, duplicate = 0, nearDuplicate = 0, revision = 0
        for article in decided {
            switch article.decision {
            case .new: new += 1
            case .duplicate: duplicate += 1
            case .nearDuplicate: nearDuplicate += 1
            case .revision: revision += 1
            }
        }
        let counts = [
            ("new", new), ("duplicate", duplicate), ("near_duplicate", nearDuplicate), ("revision", revision),
            ("filtered", filtered),
        ]
        for (decision, count) in counts where count > 0 { articles.increment(source, decision, by: Double(count)) }
    }

    static func codeClass(_ status: Int) -> String {
        switch status {
        case 304: "304"
        case 429: "429"
        default: "\(status / 100)xx"
        }
    }

    /// Keeps only the series of `sources` and `hosts` (after a reload).
    func retain(sources: Set<String>, hosts: Set<String>) {
        registry.retainSeries(label: "source", in: sources)
        registry.retainSeries(label: "host", in: hosts)
    }
}
