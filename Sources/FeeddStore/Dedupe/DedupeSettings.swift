/// Tuning of the dedupe index; docs/DEDUPE.md explains each choice.
package struct DedupeSettings: Sendable, Equatable {
    /// Largest Hamming distance (of 64 bits) between two SimHashes that still counts as a near-duplicate.
    /// Default 5: a one- or two-word edit of a 120–720-word text stays within 5 bits 98% of the time, while a
    /// random pair is that close with probability about 5e-13 (docs/DEDUPE.md has the measurements). Candidates
    /// come from 4 exact 16-bit blocks, which finds every pair up to 3 bits apart and 90% / 74% of the pairs 4 / 5
    /// bits apart. Allowed: up to 7; a negative value turns near-duplicate detection off.
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
        nearDuplicateThreshold: Int = 5, minTextLength: Int = 50, minExactTextLength: Int = 10,
        unstableGuidStrikes: Int = 3
    ) {
        self.nearDuplicateThreshold = min(nearDuplicateThreshold, 7)
        self.minTextLength = minTextLength
        self.minExactTextLength = minExactTextLength
        self.unstableGuidStrikes = max(1, unstableGuidStrikes)
    }
}
