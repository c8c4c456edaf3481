import FeeddCore

/// Tuning of the dedupe index; docs/DEDUPE.md explains each choice.
package struct DedupeSettings: Sendable, Equatable {
    /// Least estimated containment of the smaller text in the larger (their 3-word shingle sets, from the
    /// MinHash sketches) for a near-duplicate verdict. Default 0.7: republished copies (trimmed, re-led,
    /// credited, copy-edited) measure 0.82 and more in 95% of cases; at 0.6 a few templated reports with
    /// other figures are marked, from 0.7 to 0.8 none is (docs/DEDUPE.md has the measurements).
    /// A negative value turns near-duplicate detection off.
    package var nearDuplicateContainment: Double
    /// Least number of the 32 sketch bins two texts must agree on: below it the containment estimate of a short
    /// text against a long one rests on one or two chance agreements.
    package var minimumMatchingBins: Int
    /// Minimum words of both texts for a near-duplicate verdict; short texts (briefs, captions) share too
    /// much boilerplate to be compared by fingerprint.
    package var minTextLength: Int
    /// Minimum words for the exact-text rule (same normalized text in another item is a duplicate).
    package var minExactTextLength: Int
    /// How many times a source's guid must change for an item whose URL (or title and date) and text did
    /// not, before the source's guids are distrusted and its items are matched by URL first.
    package var unstableGuidStrikes: Int

    package init(
        nearDuplicateContainment: Double = 0.7, minimumMatchingBins: Int = 10, minTextLength: Int = 50,
        minExactTextLength: Int = 10, unstableGuidStrikes: Int = 3
    ) {
        self.nearDuplicateContainment = min(nearDuplicateContainment, 1)
        self.minimumMatchingBins = max(1, min(minimumMatchingBins, MinHashSketch.binCount))
        self.minTextLength = minTextLength
        self.minExactTextLength = minExactTextLength
        self.unstableGuidStrikes = max(1, unstableGuidStrikes)
    }
}
