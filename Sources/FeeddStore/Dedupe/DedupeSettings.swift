/// Tuning of the dedupe index; docs/DEDUPE.md explains each choice.
package struct DedupeSettings: Sendable, Equatable {
    /// Largest Hamming distance (of 64 bits) between two SimHashes that still counts as a near-duplicate.
    /// 3 catches republished texts with a word or two changed per few hundred words and keeps unrelated
    /// texts apart (a random pair is within 3 bits with probability about 2e-15). Allowed: 0...7; a negative
    /// value turns near-duplicate detection off. The index keeps `threshold + 1` bucket tables (pigeonhole:
    /// two fingerprints within `threshold` bits agree exactly on at least one of `threshold + 1` blocks).
    package var nearDuplicateThreshold: Int
    /// Minimum words of both texts for a near-duplicate verdict; short texts (briefs, captions) share too
    /// much boilerplate to be compared by fingerprint.
    package var minTextLength: Int
    /// Minimum words for the exact-text rule (same normalized text in another item is a duplicate).
    package var minExactTextLength: Int
    /// How many times a source's guid must change for an item whose URL (or title and date) and text did
    /// not, before the source's guids are distrusted and its items are matched by URL first.
    package var unstableGuidStrikes: Int

    package init(
        nearDuplicateThreshold: Int = 3, minTextLength: Int = 50, minExactTextLength: Int = 10,
        unstableGuidStrikes: Int = 3
    ) {
        self.nearDuplicateThreshold = min(nearDuplicateThreshold, 7)
        self.minTextLength = minTextLength
        self.minExactTextLength = minExactTextLength
        self.unstableGuidStrikes = max(1, unstableGuidStrikes)
    }
}
