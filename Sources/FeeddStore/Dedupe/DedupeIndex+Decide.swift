import FeeddCore

/// The one decision point for new / duplicate / near-duplicate / revision, asked by the pipeline for every
/// poll and by `feedd import` for every batch.
extension DedupeIndex {
    /// Decides each article against the index and against what is still waiting for the journal, applies the
    /// `near_duplicates` policy, and reserves the stored ones. The caller must resolve the reservation:
    /// `acknowledge` after the journal acknowledged the append, `release` when it failed.
    package func decide(_ articles: [Article], nearDuplicates policy: NearDuplicatePolicy) -> DedupeOutcome {
        guard !articles.isEmpty else { return DedupeOutcome(decided: [], reservation: .empty) }
        return state.withLock { state in
            pending.withLock { pending in
                let ticket = pending.newTicket()
                var decided: [DecidedArticle] = []
                decided.reserveCapacity(articles.count)
                for var article in articles {
                    let digest = state.digest(of: article)
                    var decision = state.check(article, digest: digest)
                    if decision == .new { decision = pending.check(article, digest: digest) }
                    var stored = true
                    switch decision {
                    case .new:
                        break
                    case .duplicate:
                        stored = false
                    case .revision(_, let revision):
                        article.revision = revision
                    case .nearDuplicate(let original):
                        switch policy {
                        case .drop: stored = false
                        case .mark: article.duplicateOf = original
                        case .keep: break
                        }
                    }
                    if stored { pending.add(article, digest: digest, ticket: ticket) }
                    decided.append(DecidedArticle(article: article, decision: decision, stored: stored))
                }
                let held = decided.contains(where: \.stored)
                return DedupeOutcome(decided: decided, reservation: held ? DedupeReservation(ticket: ticket) : .empty)
            }
        }
    }

    /// The journal acknowledged the reserved articles: the index learns them, in the order they were decided.
    package func acknowledge(_ reservation: DedupeReservation) {
        guard reservation != .empty else { return }
        state.withLock { state in
            pending.withLock { pending in
                for (article, digest) in pending.remove(reservation.ticket) ?? [] { state.insert(article, digest: digest) }
            }
        }
    }

    /// The append failed: the reserved articles are forgotten, so a later poll decides them afresh.
    package func release(_ reservation: DedupeReservation) {
        guard reservation != .empty else { return }
        state.withLock { _ in pending.withLock { _ = $0.remove(reservation.ticket) } }
    }

    /// Articles decided as stored and not yet acknowledged or released.
    package var pendingCount: Int { pending.withLock { $0.count } }
}
