import FeeddCore
import FeeddHTTP
import FeeddStore
import Foundation

/// The NATS output (`[output nats]`): the follower that publishes the journal, and the shared dedupe claims,
/// both on one connection made on first use.
extension Daemon {
    /// The follower, (for `dedupe = shared`) the claims, and the connection they share (live membership uses it
    /// too) of `config`'s `[output nats]`, nil without one. The
    /// cursor file is written here, before any claim, so the store's claimant token is durable from the start.
    static func makeOutput(
        config: Config, journal: Journal, logger: Logger, registry: MetricsRegistry, now: @escaping @Sendable () -> Date
    ) throws(StoreError) -> (follower: OutputFollower, claims: SharedDedupe?, link: NATSLink)? {
        guard let settings = config.natsOutput else { return nil }
        let store = OutputCursorStore(directory: journal.directory)
        var cursor = store.load() ?? OutputCursor(stream: settings.stream, acknowledgedSeq: 0, claimant: OutputCursor.newClaimant())
        if cursor.stream != settings.stream {
            // Another stream holds none of this journal: it gets all of it.
            logger.notice(
                "output_cursor_reset", ["stream": settings.stream, "previous": cursor.stream, "acknowledged_seq": cursor.acknowledgedSeq],
                "the stream changed; publishing the whole journal to the new one")
            cursor = OutputCursor(stream: settings.stream, acknowledgedSeq: 0, claimant: cursor.claimant)
        }
        try store.save(cursor)
        let metrics = OutputMetrics(registry: registry)
        let link = NATSLink(settings: settings, logger: logger)
        let follower = try OutputFollower(
            settings: settings, cursor: cursor, link: link, journal: journal, logger: logger, metrics: metrics, now: now)
        let claims = settings.dedupe == .shared
            ? SharedDedupe(
                settings: settings, retain: config.settings.retain, claimant: cursor.claimant, link: link, logger: logger,
                metrics: metrics)
            : nil
        return (follower, claims, link)
    }

    /// Claims the exact keys of the poll's new articles, then stores what is left (`storeDecided`) back on
    /// `queue`. Returns false, doing nothing, when no article needs a claim.
    func claimThenStore(
        _ name: String, _ articles: PollArticles, _ claims: SharedDedupe, outcome: PollOutcome, response: FetchResponse,
        started: Date
    ) -> Bool {
        let candidates = DedupeIndex.claimCandidates(articles.outcome).compactMap { index -> (Int, String, [String])? in
            let article = articles.outcome.decided[index].article
            let keys = dedupe.exactClaimKeys(of: article)
            return keys.isEmpty ? nil : (index, article.id, keys)
        }
        guard !candidates.isEmpty else { return false }
        claims.claim(candidates) { [weak self] verdict in
            guard let self else { return }
            self.queue.async {
                var articles = articles
                self.dedupe.withdraw(&articles.outcome, heldElsewhere: verdict.heldElsewhere)
                for (index, holder) in verdict.heldElsewhere.sorted(by: { $0.key < $1.key }).prefix(3) {
                    self.logger.debug(
                        "dedupe_claimed_elsewhere",
                        ["source": name, "url": articles.outcome.decided[index].article.url, "duplicate_of": holder])
                }
                self.storeDecided(name, articles, outcome: outcome, response: response, started: started)
            }
        }
        return true
    }

    /// Lets the output publish what the journal holds (up to `stop_timeout`), then closes it. After the journal
    /// closed: nothing is appended any more.
    func finishOutput() {
        output?.finish(timeout: config.settings.stopTimeout)
    }
}
