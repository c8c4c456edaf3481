import Dispatch
import FeeddCore
import FeeddOutput
import FeeddStore
import Foundation

/// Exact dedupe across instances (`dedupe = shared`): after the local index decided which articles a poll
/// stores, their exact keys (`DedupeIndex.exactClaimKeys`) are created in the `<bucket_prefix>-dedupe`
/// key-value bucket if absent (`DedupeClaims`), each holding `<claimant> <article id>`. A key another store's claimant already
/// holds makes the article a duplicate of that article; a key this store holds (a claim left by a crash or a
/// failed append) is ours to go on with.
///
/// When NATS cannot be reached, nothing waits for it and nothing is lost: the articles are stored unclaimed
/// (counted as `unavailable`) and claims are skipped for a growing while (1 s doubling to 30 s), so polls do
/// not each wait out a connect timeout. Once NATS answers again, the keys of the articles stored unclaimed are
/// claimed late (up to `lateLimit` of them, kept in memory), so a copy another instance meets from then on is a
/// duplicate; a copy another instance stored meanwhile stays stored by both (counted as `late_held_elsewhere`).
///
/// Unchecked Sendable: the mutable state is confined to `queue`, where the claims run (one round trip per poll).
final class SharedDedupe: @unchecked Sendable {
    /// What the claims of one poll found.
    struct Verdict: Sendable {
        /// Index in the poll's decided articles → the id of the article another instance stored.
        var heldElsewhere: [Int: String] = [:]
        /// Articles stored without a claim, NATS being unreachable.
        var unclaimed = 0
    }

    private let link: NATSLink
    private let bucketName: String
    private let prefix: String
    /// Entries expire with the journal's records (`retain`), or never.
    private let ttl: Double?
    private let claimant: String
    private let logger: Logger
    private let metrics: OutputMetrics
    /// The monotonic clock the skip window is measured on (injected by tests).
    private let uptime: @Sendable () -> DispatchTime
    private let queue = DispatchQueue(label: "feedd.claims")

    private var claims: DedupeClaims?
    private var unavailable: (since: Date, unclaimed: Int)?
    private var skipUntil = DispatchTime(uptimeNanoseconds: 0)
    private var skipDelay = 1.0
    /// The claims of articles stored unclaimed while NATS was unreachable, oldest first, to make once it answers.
    private var late: [(keys: [String], owner: String)] = []
    static let lateLimit = 100_000

    init(
        settings: NATSOutputSettings, retain: Double?, claimant: String, link: NATSLink, logger: Logger, metrics: OutputMetrics,
        uptime: @escaping @Sendable () -> DispatchTime = { .now() }
    ) {
        self.link = link
        bucketName = settings.dedupeBucket
        prefix = settings.bucketPrefix
        ttl = retain
        self.claimant = claimant
        self.logger = logger
        self.metrics = metrics
        self.uptime = uptime
    }

    /// Claims the exact keys of `articles` (index in the poll's decided articles, id, keys), then calls
    /// `completion` on the claims' queue.
    func claim(
        _ articles: [(index: Int, id: String, keys: [String])], completion: @escaping @Sendable (Verdict) -> Void
    ) {
        queue.async {
            completion(self.claimAll(articles))
        }
    }

    // MARK: - On `queue`

    private func claimAll(_ articles: [(index: Int, id: String, keys: [String])]) -> Verdict {
        var verdict = Verdict()
        var unclaimed = articles.count
        if !articles.isEmpty, uptime() >= skipUntil {
            do throws(OutputError) {
                let claims = try openClaims()
                let owners = articles.map { "\(claimant) \($0.id)" }
                // Every key of the poll in one round trip; the verdicts come only once all replies are in.
                let held = try claims.claimAll(zip(articles, owners).map { (keys: $0.keys, owner: $1) })
                unclaimed = 0
                for (position, article) in articles.enumerated() {
                    if let holder = foreignHolder(held[position]) {
                        verdict.heldElsewhere[article.index] = holder
                        metrics.claims.increment("held_elsewhere")
                        // The article is not stored: the keys this claim created are not its to hold.
                        try? claims.release(article.keys, owner: owners[position])
                    } else {
                        metrics.claims.increment("claimed")
                    }
                }
                available()
                claimLate(claims)
            } catch {
                unreachable(error)
            }
        }
        verdict.unclaimed = unclaimed
        if unclaimed > 0 {
            metrics.claims.increment("unavailable", by: Double(unclaimed))
            unavailable?.unclaimed += unclaimed
            keepForLater(articles.map { (keys: $0.keys, owner: "\(claimant) \($0.id)") })
        }
        return verdict
    }

    /// Remembers the claims of articles about to be stored unclaimed; beyond `lateLimit` the oldest are given up.
    private func keepForLater(_ claims: [(keys: [String], owner: String)]) {
        late.append(contentsOf: claims)
        if late.count > Self.lateLimit { late.removeFirst(late.count - Self.lateLimit) }
    }

    /// Claims what was stored unclaimed, now that NATS answers. A key another store took meanwhile means that
    /// store kept a copy too: nothing to undo, only counted.
    private func claimLate(_ claims: DedupeClaims) {
        guard !late.isEmpty else { return }
        let pending = late
        late = []
        do throws(OutputError) {
            let held = try claims.claimAll(pending)
            let elsewhere = held.filter { foreignHolder($0) != nil }.count
            metrics.claims.increment("late_claimed", by: Double(pending.count - elsewhere))
            metrics.claims.increment("late_held_elsewhere", by: Double(elsewhere))
            logger.info(
                "dedupe_late_claims", ["bucket": bucketName, "claimed": pending.count - elsewhere, "held_elsewhere": elsewhere])
        } catch {
            late = pending + late
            unreachable(error)
        }
    }

    /// The id of another store's article among an article's held keys. A key this store's claimant holds for
    /// another of its articles is this store's own business (its index decided): only another claimant's key
    /// makes a duplicate.
    private func foreignHolder(_ held: [String: String]) -> String? {
        held.values.lazy.compactMap { holder -> String? in
            let parts = holder.split(separator: " ", maxSplits: 1)
            return parts.count == 2 && parts[0] != self.claimant ? String(parts[1]) : nil
        }.first
    }

    private func openClaims() throws(OutputError) -> DedupeClaims {
        if let claims { return claims }
        let opened = try DedupeClaims(connection: try link.connection(), prefix: prefix, ttl: ttl, logger: logger)
        claims = opened
        return opened
    }

    private func available() {
        skipDelay = 1
        guard let unavailable else { return }
        self.unavailable = nil
        logger.notice(
            "dedupe_claims_available", ["bucket": bucketName, "unclaimed": unavailable.unclaimed,
                                        "after": LogDuration.format(Date().timeIntervalSince(unavailable.since))])
    }

    private func unreachable(_ error: OutputError) {
        skipUntil = uptime() + skipDelay
        skipDelay = min(skipDelay * 2, 30)
        guard unavailable == nil else { return }
        unavailable = (Date(), 0)
        logger.warning(
            "dedupe_claims_unavailable", ["bucket": bucketName, "error": "\(error)"],
            "new articles are stored without shared dedupe claims until NATS answers again")
    }
}
