import FeeddCore
import FeeddHTTP
import FeeddStore
import FeeddSystem
import Foundation

/// Which sources this instance polls. `ownership` decides; the daemon applies a change to it as it applies a
/// reload of feeds.conf: the sources a new shard map gives are scheduled, those it takes away are unscheduled
/// (a poll already running finishes and stores what it fetched). Everything here runs on `queue`.
extension Daemon {
    /// The ownership feeds.conf asks for (`shard = K/N`), or `--shard K/N` when given. With `membership = nats`
    /// it starts empty: the live members decide (Daemon+Membership).
    static func configuredOwnership(_ settings: Settings, options: DaemonOptions) -> SourceOwnership {
        if let spec = options.shardFromCommandLine { return SourceOwnership(static: spec) }
        switch settings.membership {
        case .static: return SourceOwnership(static: settings.shard)
        case .nats: return SourceOwnership(map: ShardMap(members: []), member: settings.instanceName)
        }
    }

    /// Applies a new shard map at run time (from live membership): an unchanged one does nothing.
    package func applyOwnership(_ new: SourceOwnership) {
        queue.async { [weak self] in self?.changeOwnership(to: new) }
    }

    /// On `queue`.
    func changeOwnership(to new: SourceOwnership) {
        guard new != ownership, !stopping else { return }
        ownership = new
        let owned = new.owned(in: loadedConfig)
        let change = ConfigChange(from: config, to: owned, states: states)
        config = owned
        applySourceChange(change)
        recordOwnership(changed: true)
    }

    /// Brings scheduling and state in line with `config` (already replaced) after `change`. A source that left
    /// feeds.conf loses its state; one that only left this instance keeps it, to start from if it comes back.
    func applySourceChange(_ change: ConfigChange) {
        for source in change.removed {
            scheduler.unschedule(source.name)
            if loadedConfig.source(named: source.name) == nil { states[source.name] = nil }
        }
        metrics.retain(sources: Set(config.sources.map(\.name)), hosts: configuredHosts())
        let now = options.now()
        for (index, source) in change.added.enumerated() {
            takeUp(source)
            scheduleFirstPoll(source, index: index, count: change.added.count, now: now)
        }
        for source in change.refetched {
            var state = SourceState(name: source.name)
            state.configHash = ConfigChange.fetchHash(source)
            states[source.name] = state
            scheduler.schedule(source.name, at: now.addingTimeInterval(options.random() * 5))
        }
        for source in change.retimed where !inFlight.contains(source.name) {
            let next = min(states[source.name]?.nextPoll ?? now, now.addingTimeInterval(config.resolved(source).interval))
            scheduler.schedule(source.name, at: next)
        }
        scheduleStateSave()
        ProcessMemory.releaseFreeMemory()
    }

    /// Sets the ownership gauges; with `changed`, also logs the new split (one line).
    func recordOwnership(changed: Bool = false) {
        let summary = ownership.summary(of: loadedConfig.sources)
        metrics.ownedSources.set(Double(summary.ownedSources.count))
        metrics.ownedHosts.set(Double(summary.ownedHosts.count))
        metrics.shardMembers.set(Double(ownership.map.members.count))
        guard changed else { return }
        logger.notice(
            "shard_changed",
            ["shard": ownership.label, "instance": ownership.member, "members": ownership.map.members.count,
             "owned_sources": summary.ownedSources.count, "owned_hosts": summary.ownedHosts.count,
             "sources": summary.totalSources, "hosts": summary.totalHosts])
    }
}
