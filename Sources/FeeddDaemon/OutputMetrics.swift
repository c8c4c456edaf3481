import FeeddCore

/// The NATS output's metric families. Backlog, lag and up are read at scrape time from the follower's progress
/// (registered by `OutputFollower`); the counters are recorded where the output and the claims count.
struct OutputMetrics: Sendable {
    let registry: MetricsRegistry
    let published: Counter
    let duplicates: Counter
    let claims: Counter

    init(registry: MetricsRegistry) {
        self.registry = registry
        published = registry.counter(
            "feedd_output_published_total", "Records the JetStream stream acknowledged (re-sends included).")
        duplicates = registry.counter(
            "feedd_output_duplicates_total", "Re-sent records the stream acknowledged as duplicates of its own (by Nats-Msg-Id).")
        claims = registry.counter(
            "feedd_dedupe_claims_total",
            "Shared dedupe claims of new articles: claimed, held_elsewhere (a duplicate, not stored), unavailable (NATS down: stored unclaimed), late_claimed and late_held_elsewhere (those claimed once NATS answered).",
            labels: ["outcome"])
    }

    /// Registers the gauges a scrape reads from `progress`.
    func collect(_ progress: @escaping @Sendable () -> (backlog: UInt64, lag: Double, up: Bool)) {
        registry.collect(MetricFamilyInfo("feedd_output_backlog_records", "Stored records not yet acknowledged by the stream.")) {
            [MetricSample(Double(progress().backlog))]
        }
        registry.collect(MetricFamilyInfo("feedd_output_lag_seconds", "Age of the oldest record not yet acknowledged by the stream; 0 when none waits.")) {
            [MetricSample(progress().lag)]
        }
        registry.collect(MetricFamilyInfo("feedd_output_up", "1 while the last publish to the stream succeeded, else 0.")) {
            [MetricSample(progress().up ? 1 : 0)]
        }
    }
}
