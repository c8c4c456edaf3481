import FeeddCore

/// Exact dedupe across instances: each instance decides with its own index, then claims the exact keys of the
/// articles it is about to store in a shared key-value bucket (create-if-absent). An article one of whose keys
/// another instance already holds is a duplicate after all: `withdraw` turns the decision around here, in the
/// decision point, so what is stored and counted stays this index's to say.
extension DedupeIndex {
    /// The shared exact keys of an article (rule 2 of the index, made global): `url:<hex>` for its canonical URL
    /// and, for a text of at least `minExactTextLength` words, `text:<hex>` for its normalized text.
    package func exactClaimKeys(of article: Article) -> [String] {
        var keys: [String] = []
        if let url = article.url, !url.isEmpty { keys.append("url:" + Fingerprint.hex(ArticleIdentity.urlKey(url))) }
        let digest = article.completedTextDigest
        if digest.wordCount > 0, digest.wordCount >= settings.minExactTextLength, digest.exactHash != 0 {
            keys.append("text:" + Fingerprint.hex(digest.exactHash))
        }
        return keys
    }

    /// The articles of `outcome` that need claims: stored under a new id (new, or a near-duplicate the policy
    /// keeps). A revision's id is already this instance's.
    package static func claimCandidates(_ outcome: DedupeOutcome) -> [Int] {
        outcome.decided.indices.filter { outcome.decided[$0].stored && outcome.decided[$0].article.revision == 1 }
    }

    /// Turns the articles at these indices of `outcome` into duplicates of the article id another instance
    /// claimed their key for: not stored, out of the reservation (later decisions no longer see them).
    package func withdraw(_ outcome: inout DedupeOutcome, heldElsewhere: [Int: String]) {
        guard !heldElsewhere.isEmpty else { return }
        var ids: Set<String> = []
        for (index, holder) in heldElsewhere where outcome.decided[index].stored {
            outcome.decided[index].stored = false
            outcome.decided[index].decision = .duplicate(of: holder)
            ids.insert(outcome.decided[index].article.id)
        }
        let ticket = outcome.reservation.ticket
        let holds = state.withLock { _ in pending.withLock { $0.withdraw(ids, from: ticket) } }
        if !holds { outcome.reservation = .empty }
    }
}
