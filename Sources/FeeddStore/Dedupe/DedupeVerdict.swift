import FeeddCore

/// One article after the dedupe decision point: its verdict, the `near_duplicates` policy applied, and the form
/// in which it is stored (`revision` and `duplicate_of` set), if it is stored.
package struct DecidedArticle: Sendable {
    package var article: Article
    package var decision: DedupeDecision
    /// Whether the article goes to the journal (new, a revision, or a near-duplicate the policy keeps).
    package var stored: Bool

    /// The id the article is known under once stored: its own, or that of the record it duplicates.
    package var storedID: String {
        if stored { return article.id }
        switch decision {
        case .duplicate(let existing), .nearDuplicate(let existing), .revision(let existing, _): return existing
        case .new: return article.id
        }
    }
}

/// The articles of one poll (or one import batch) after the decision point, and the reservation that holds
/// the stored ones until the journal answers: `DedupeIndex.acknowledge` once it acknowledged them,
/// `DedupeIndex.release` when the append failed.
package struct DedupeOutcome: Sendable {
    /// Every article, in input order.
    package var decided: [DecidedArticle]
    package var reservation: DedupeReservation

    /// What goes to the journal, in input order.
    package var toStore: [Article] { decided.filter(\.stored).map(\.article) }
    /// New articles, near-duplicates kept or marked by the policy.
    package var new: Int { decided.count { $0.stored && $0.article.revision == 1 } }
    /// Unchanged re-polls, copies of stored records, and near-duplicates the policy drops.
    package var duplicates: Int { decided.count { !$0.stored } }
    /// Revisions of stored items.
    package var updated: Int { decided.count { $0.stored && $0.article.revision > 1 } }
}

/// A claim on the articles decided as stored but not yet acknowledged by the journal. Later decisions see them
/// (a second copy in the same poll, or in a concurrent one, is a duplicate), yet the index proper learns them
/// only on `acknowledge`.
package struct DedupeReservation: Sendable, Hashable {
    let ticket: UInt64
    package static let empty = DedupeReservation(ticket: 0)
}
