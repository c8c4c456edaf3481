import Dispatch
import FeeddCore
import Foundation
import Synchronization

/// The in-memory dedupe index, derived from the journal: it answers whether a fetched article is new, a
/// duplicate, a revision or a near-duplicate (`DedupeDecision`), and learns every article the journal stored.
/// It keeps hashes and sketches in compact tables, not strings: under 128 bytes per article (docs/DEDUPE.md).
///
/// Rules, in order:
/// 1. Within a source, the same item is found by guid, else canonical URL, else title and date. A source whose
///    guids change for items whose URL and text did not is noticed (`unstableGuidSources`) and its items are
///    matched by URL first. A guid that only went from http to https is the same guid.
///    The same item with a changed title or text → `.revision`; unchanged → `.duplicate`.
/// 2. The same canonical URL in another source, or the same normalized text anywhere → `.duplicate`.
/// 3. A long text from another source that contains most of this one, or most of which this one contains
///    (estimated from MinHash sketches, `nearDuplicateContainment`) → `.nearDuplicate`.
///
/// State is guarded by a `Mutex`; every method may be called from any thread.
package final class DedupeIndex: Sendable {
    let state: Mutex<DedupeState>
    /// Articles decided as stored, waiting for the journal (`decide`). Locked only inside `state`'s lock.
    let pending: Mutex<PendingArticles>
    package let settings: DedupeSettings

    package init(settings: DedupeSettings = .init()) {
        self.settings = settings
        state = Mutex(DedupeState(settings: settings))
        pending = Mutex(PendingArticles(settings: settings))
    }

    /// The verdict for an article whose `url` is canonical and whose `source`, `guid`, `title`, `text` and
    /// `fingerprint` are set (a nil fingerprint is computed from the text). Stores nothing, but may learn that
    /// the article's source has unstable guids.
    package func check(_ article: Article) -> DedupeDecision {
        state.withLock { $0.check(article) }
    }

    /// `check` with the text already digested: `digest` must be `TextDigest(article.text ?? "")`. The normalizer
    /// computes it anyway for the fingerprint (`digest.simhash`); passing it saves tokenizing the text again.
    package func check(_ article: Article, digest: TextDigest) -> DedupeDecision {
        state.withLock { $0.check(article, digest: digest) }
    }

    /// Records an article as stored (`revision`, `duplicateOf`), bypassing the decision point: for rebuilding
    /// and measuring. The daemon and `feedd import` go through `decide` and `acknowledge`.
    package func insert(_ article: Article) {
        state.withLock { $0.insert(article) }
    }

    /// `insert` with the text already digested (see `check(_:digest:)`).
    package func insert(_ article: Article, digest: TextDigest) {
        state.withLock { $0.insert(article, digest: digest) }
    }

    /// Forgets everything and replays the journal: each record's identity fields are decoded (and, for records
    /// written before `text_hash` existed, its text digested) on all cores, a thousand records at a time;
    /// the inserts stay in journal order. Records that are not articles are skipped.
    package func rebuild(fromJournal records: some Sequence<StoredRecord> & Sendable) {
        var fresh = DedupeState(settings: settings, expectedCount: records.underestimatedCount)
        let chunks = ReadAhead(records, chunkSize: Self.rebuildChunk, depth: 2)
        while let chunk = chunks.next() {
            for entry in Self.prepare(chunk) {
                if let (article, digest) = entry { fresh.insert(article, digest: digest) }
            }
        }
        fresh.lastDigest = nil
        fresh.lastKeys = nil
        state.withLock { $0 = fresh }
    }

    /// Records per chunk: enough to keep every core busy, few enough to bound memory (journal records are
    /// a few KB each; two chunks are read ahead).
    private static let rebuildChunk = 1024

    /// Each record decoded (identity fields), with its text's digest (stored, or computed: SimHash only where
    /// the article has no fingerprint), in parallel. Each worker takes its own stride of the chunk.
    private static func prepare(_ chunk: [StoredRecord]) -> [(Article, TextDigest)?] {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        return [(Article, TextDigest)?](unsafeUninitializedCapacity: chunk.count) { buffer, initialized in
            let address = Int(bitPattern: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let slots = UnsafeMutablePointer<(Article, TextDigest)?>(bitPattern: address)!
                for index in stride(from: worker, to: chunk.count, by: workers) {
                    var entry: (Article, TextDigest)?
                    if let article = chunk[index].articleIdentity {
                        // A record without text keeps what it stored (an old one has no sketch to read).
                        let digest = article.text == nil
                            ? article.storedTextDigest ?? TextDigest(
                                wordCount: article.wordCount ?? 0, exactHash: article.textHash ?? 0,
                                simhash: article.fingerprint ?? 0)
                            : article.completedTextDigest
                        entry = (article, digest)
                    }
                    (slots + index).initialize(to: entry)
                }
            }
            initialized = chunk.count
        }
    }

    /// Whether an article with this canonical URL is stored: HTML sources fetch only pages not yet known.
    package func containsURL(_ canonicalURL: String) -> Bool {
        state.withLock { $0.record(forKey: ArticleIdentity.urlKey(canonicalURL)) != nil }
    }

    /// Number of distinct article ids.
    package var count: Int { state.withLock { $0.count } }

    /// Bytes held by the index's arrays and tables (their capacity, not only their use).
    package var approximateMemoryBytes: Int { state.withLock { $0.memoryBytes } }

    /// Sources whose guids proved unstable, sorted. Learned from checks, so it starts empty after a rebuild.
    package var unstableGuidSources: [String] {
        state.withLock { state in state.unstableSources.map { state.sourceNames[Int($0)] }.sorted() }
    }

    /// Sources that became unstable since the last call: the daemon logs each once.
    package func takeNewlyUnstableGuidSources() -> [String] {
        state.withLock { state in
            defer { state.newlyUnstable = [] }
            return state.newlyUnstable
        }
    }
}

extension DedupeIndex {
    /// The record arrays, for tests that compare two indexes.
    struct Snapshot: Equatable {
        var ids: [UInt64]
        var fingerprints: [UInt64]
        var tags: [UInt32]
        var meta: [UInt32]
        var revisions: [Int32: Int32]
        var keys: Int
        var sketches: [SIMD32<UInt8>]
        var sizes: [UInt16]
    }

    /// `approximateMemoryBytes` by part, for the benchmark.
    package var memoryBreakdown: [(part: String, bytes: Int)] { state.withLock { $0.memoryBreakdown } }

    /// The part of `approximateMemoryBytes` that does not grow with the article count.
    var fixedMemoryBytes: Int { state.withLock { $0.buckets.fixedMemoryBytes + $0.bands.fixedMemoryBytes } }

    func snapshot() -> Snapshot {
        state.withLock { state in
            Snapshot(ids: state.ids, fingerprints: state.fingerprints, tags: state.tags, meta: state.meta,
                     revisions: state.revisions, keys: state.keyTable.count, sketches: state.bands.sketches,
                     sizes: state.bands.sizes)
        }
    }
}
