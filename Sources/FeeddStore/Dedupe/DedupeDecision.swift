/// What the dedupe index says about a freshly fetched article.
package enum DedupeDecision: Sendable, Equatable {
    /// Never seen: store it.
    case new
    /// The same item again (an unchanged re-poll), the same canonical URL from another source, or the same
    /// normalized text: store nothing.
    case duplicate(of: String)
    /// The same item with a really changed title or text (not only case, whitespace or punctuation):
    /// store it under the same id with this revision number.
    case revision(of: String, revision: Int)
    /// Mostly the same text as an earlier article from another source (most of one contained in the other,
    /// estimated from MinHash sketches); the caller applies
    /// the `near_duplicates` policy (mark: store with `duplicate_of`, drop, keep).
    case nearDuplicate(of: String)
}
