import FeeddCore
import FeeddSystem

/// `--shard K/N`, shared by `run`, `check-config` and `status`: static sharding over what feeds.conf says.
enum ShardOption {
    static func parse(_ arguments: inout Arguments) throws(UsageError) -> ShardSpec? {
        guard let text = try arguments.option("shard") else { return nil }
        do {
            return try ShardSpec(parsing: text)
        } catch {
            throw UsageError(command: arguments.command, "--\(error.message)")
        }
    }

    /// `config` as `--shard` makes it: static membership with that shard.
    static func apply(_ spec: ShardSpec?, to config: inout Config) {
        guard let spec else { return }
        config.settings.shard = spec
        config.settings.membership = .static
    }

    /// What this instance owns, as `check-config` and `status` print it; nil with live membership, whose
    /// members only the running instances know.
    static func ownership(_ config: Config) -> SourceOwnership? {
        config.settings.membership == .static ? SourceOwnership(static: config.settings.shard) : nil
    }

    /// One line: `shard K/N: S of T sources, H of U hosts`.
    static func line(_ ownership: SourceOwnership, _ summary: SourceOwnership.Summary) -> String {
        "shard \(ownership.label): \(summary.ownedSources.count) of \(summary.totalSources) sources, "
            + "\(summary.ownedHosts.count) of \(summary.totalHosts) hosts (registrable domains)"
    }

    /// The line for `membership = nats`.
    static func liveLine(_ config: Config) -> String {
        "shard: membership = nats, instance \(config.settings.instanceName): the live instances share the sources at run time"
    }
}
