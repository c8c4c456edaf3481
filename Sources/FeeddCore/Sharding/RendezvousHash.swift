/// Highest-random-weight (rendezvous) hashing: a key belongs to the member whose weight for it is the
/// highest. Adding a member moves only the keys it now wins (about 1/N of them), removing one moves only
/// its own keys, and every instance computes the same answer from the member list alone, with no
/// coordinator.
///
/// The weight is SipHash-2-4 under the fixed key `feedd-rendezvous` (ASCII) of the UTF-8 bytes of
/// `member`, a zero byte, then `key`. Ties (astronomically rare) go to the smaller member ID.
package enum RendezvousHash {
    /// Frozen: changing it reshuffles every deployed shard map.
    package static let hasher = SipHash24(key: Array("feedd-rendezvous".utf8))

    package static func weight(member: String, key: String) -> UInt64 {
        hasher.hash(Array(member.utf8) + [0] + Array(key.utf8))
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
