import Dispatch
import FeeddCore
import FeeddStore
import FeeddSystem
import Foundation

/// `membership = nats`: the live members make the shard map, and poll state travels with a source to its new
/// owner through the shared bucket. States are shared after each local save; a source this instance gains
/// starts from the shared state when that is newer than its own.
extension Daemon {
    /// At start, before the first polls: registers, and waits (up to the TTL and the connect timeout) for the
    /// first member list, so that the first map is the live one. Without it this instance polls nothing
    /// until the members are known (LiveMembership retries).
    func joinMembership() {
        guard let live else { return }
        live.start()
        guard let members = live.waitForMembers(timeout: config.settings.membershipTTL + 5) else { return }
        let ownership = SourceOwnership(map: ShardMap(members: members), member: live.instance)
        let shared = live.fetchNow(ownership.owned(in: loadedConfig).sources.map(\.name))
        queue.sync {
            adoptShared(shared)
            self.ownership = ownership
            config = ownership.owned(in: loadedConfig)
        }
    }

    /// A new live member list (on the registry's queue): the states of the sources it gives this instance are
    /// read from the bucket, then the map is applied. Lists are applied in the order they came.
    func membersChanged(_ members: [String]) {
        queue.async { [weak self] in
            guard let self, let live = self.live, !self.stopping else { return }
            let ownership = SourceOwnership(map: ShardMap(members: members), member: live.instance)
            let gained = ownership.owned(in: self.loadedConfig).sources.map(\.name).filter { self.config.source(named: $0) == nil }
            live.fetch(gained) { [weak self] shared in
                guard let self else { return }
                self.queue.async {
                    self.adoptShared(shared)
                    self.changeOwnership(to: ownership)
                }
            }
        }
    }

    /// Takes each shared state that is newer (by its last poll) than this instance's own. On `queue`.
    func adoptShared(_ shared: [String: [UInt8]]) {
        for (name, bytes) in shared {
            guard let state = StateStore.decoded(name: name, bytes) else { continue }
            if let local = states[name], (local.lastPoll ?? .distantPast) >= (state.lastPoll ?? .distantPast) { continue }
            states[name] = state
            sharedStates[name] = state
        }
    }

    /// Writes the owned sources' states that changed since they were last shared. On `queue`, after a local save.
    func shareStates() {
        guard let live else { return }
        var changed: [(name: String, bytes: [UInt8])] = []
        for source in config.sources {
            guard let state = states[source.name], sharedStates[source.name] != state else { continue }
            sharedStates[source.name] = state
            changed.append((source.name, StateStore.encoded(state)))
        }
        if !changed.isEmpty { live.share(changed) }
    }
}
