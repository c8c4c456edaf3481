/// Highest-random-weight (rendezvous) hashing: a key belongs to the member whose weight for it is the
/// highest. Adding a member moves only the keys it now wins (about 1/N of them), removing one moves only
/// its own keys, and every instance computes the same answer from the member list alone, with no
/// coordinator.
///
/// The weight is `StableHash` (feedd's frozen 64-bit hash, the one article ids use, the same on every machine)
/// of `member` and `key` as two parts, under a seed of its own. Ties (astronomically rare) go to the smaller
/// member ID.
package enum RendezvousHash {
    /// Frozen: changing it reshuffles every deployed shard map.
    static let seed: UInt64 = 0x7265_6E64_657A_766F

    package static func weight(member: String, key: String) -> UInt64 {
        StableHash.hash64(member, key, seed: seed)
    }

    /// The member that owns `key`; nil when there are no members.
    package static func owner(of key: String, among members: [String]) -> String? {
        var best: (member: String, weight: UInt64)? = nil
        for member in members {
            let weight = weight(member: member, key: key)
            if let current = best, weight < current.weight || (weight == current.weight && member > current.member) {
                continue
            }
            best = (member, weight)
        }
        return best?.member
    }
}
