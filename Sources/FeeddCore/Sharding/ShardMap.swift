/// Which member (feedd instance) owns a host: rendezvous hashing over the host's registrable domain. Built
/// from the member IDs alone, so every instance that sees the same members computes the same map.
/// Static sharding (`shard = K/N`) uses the members "1" … "N"; live membership uses instance names.
package struct ShardMap: Sendable, Equatable {
    /// Sorted and without repeats, so that equal member sets make equal maps.
    package let members: [String]

    package init(members: [String]) {
        self.members = Array(Set(members)).sorted()
    }

    /// The static map of `shard = K/N`: members "1" … "N".
    package init(static spec: ShardSpec) {
        self.init(members: spec.members)
    }

    /// The member that owns a registrable domain (`RegistrableDomain.of`, FeeddSystem, which also answers by host).
    package func owner(ofDomain domain: String) -> String? {
        RendezvousHash.owner(of: domain, among: members)
    }
}
