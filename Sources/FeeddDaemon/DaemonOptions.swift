import FeeddCore
import Foundation

/// How `feedd run` was asked to behave.
package struct DaemonOptions: Sendable {
    /// Poll every source once, store the results, and stop.
    package var once: Bool = false
    /// The time source; tests replace it to control scheduling decisions.
    package var now: @Sendable () -> Date = { Date() }
    /// Random numbers in 0..<1 for jitter; tests fix it.
    package var random: @Sendable () -> Double = { Double.random(in: 0..<1) }

    /// Where the daemon's metrics are registered; made once by whoever runs the daemon.
    package var metrics = MetricsRegistry()
    /// How long a scrape or a health check waits for the daemon's queue before calling it wedged.
    package var queueAnswerTimeout: Double = 2
    /// `--listen` chose the listener's address: feeds.conf's `listen` does not apply, at start or on reload.
    package var listenFromCommandLine = false
    /// `--shard K/N`: static sharding whatever feeds.conf's `shard` and `membership` say, at start and on reload.
    package var shardFromCommandLine: ShardSpec?

    package init(once: Bool = false) { self.once = once }
}
