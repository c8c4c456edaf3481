import FeeddCore
import FeeddStore
import Foundation

/// `feedd-bench dedupe`: the dedupe benchmark behind scripts/bench-dedupe. Generates a seeded synthetic stream
/// in-process (`BenchDedupeCorpus`) and times only the index work.
enum DedupeBench {
    static let help = """
        usage: feedd-bench dedupe [--count N] [--seed N] [--containment X] [--max-edits N] [--store DIR]
                                  [--legacy-records] [--no-rebuild] [--distances]
               feedd-bench dedupe --pairs ITEMS.jsonl --verdicts OUT.jsonl [--containment X]

        Checks and inserts N synthetic articles (default 1000000: 85% originals, 10% exact and 5% near
        duplicates) and prints a Markdown table: throughput without and with SimHash, near-duplicate
        precision and recall, index memory, and the time to rebuild the index from a journal of the stored
        articles, written to DIR and kept there (default: a new directory under $TMPDIR, removed afterwards;
        several GB).
        --legacy-records writes the records without text_hash, word_count and minhash, as older feedd did.
        --no-rebuild skips the journal and rebuild (minutes of writing), for throughput and memory alone.
        --distances prints the Hamming distances of the near-duplicates instead. Build with -c release for
        meaningful numbers.
        --pairs checks and inserts the items of a realistic stream (scripts/eval/make_dedupe_pairs.py) in
        order, writes each verdict and the sketch similarity to its related item to OUT, and prints speed and
        memory; scripts/eval/dedupe_compare.py scores them beside datasketch.
        """

    static func run(_ arguments: inout BenchArguments) throws {
        if arguments.flag("help") {
            print(help)
            return
        }
        let count = try arguments.integer("count", otherwise: 1_000_000)
        let seed = try arguments.integer("seed", otherwise: 20_261_130)
        let containment = try arguments.option("containment").map { text throws(BenchUsageError) in
            guard let value = Double(text), value <= 1 else {
                throw BenchUsageError("--containment needs a number up to 1, not \"\(text)\"")
            }
            return value
        } ?? DedupeSettings().nearDuplicateContainment
        let pairs = try arguments.option("pairs")
        let verdicts = try arguments.option("verdicts")
        let maximumEdits = try arguments.integer("max-edits", otherwise: 2)
        let chosenStore = try arguments.option("store")
        let store = chosenStore
            ?? (NSTemporaryDirectory() + "/feedd-bench-dedupe-\(ProcessInfo.processInfo.processIdentifier)")
        let legacyRecords = arguments.flag("legacy-records")
        let skipRebuild = arguments.flag("no-rebuild")
        let distances = arguments.flag("distances")
        try arguments.finish()

        if let pairs {
            guard let verdicts else { throw BenchUsageError("--pairs needs --verdicts OUT.jsonl") }
            try BenchDedupePairs(items: pairs, verdicts: verdicts, containment: containment).run()
            return
        }
        let corpus = BenchDedupeCorpus(seed: UInt64(seed), count: count, maximumEdits: maximumEdits)
        if distances {
            printDistances(corpus)
            return
        }
        var bench = BenchDedupeRun(
            corpus: corpus, containment: containment, store: store, keepStore: chosenStore != nil, legacyRecords: legacyRecords,
            skipRebuild: skipRebuild)
        try bench.run()
    }

    /// Histogram of SimHash distances between near-duplicates and their originals, by number of edits.
    private static func printDistances(_ corpus: BenchDedupeCorpus) {
        var histogram: [Int: [Int: Int]] = [:]
        for index in 0..<corpus.count {
            guard case .near(let original, let edits) = corpus.kind(index) else { continue }
            let a = corpus.article(index, fingerprint: true).fingerprint ?? 0
            let b = corpus.article(original, fingerprint: true).fingerprint ?? 0
            histogram[edits, default: [:]][SimHash.hammingDistance(a, b), default: 0] += 1
        }
        for edits in histogram.keys.sorted() {
            let row = histogram[edits]!
            let total = row.values.reduce(0, +)
            let within = (0...3).reduce(0) { $0 + (row[$1] ?? 0) }
            let cells = (0...10).map { "\($0):\(row[$0] ?? 0)" }.joined(separator: " ")
            print("edits=\(edits) n=\(total) within3=\(String(format: "%.3f", Double(within) / Double(max(total, 1)))) \(cells)")
        }
    }
}

/// One benchmark run: exact pass, SimHash pass, rebuild.
struct BenchDedupeRun {
    let corpus: BenchDedupeCorpus
    let containment: Double
    let store: String
    let keepStore: Bool
    let legacyRecords: Bool
    let skipRebuild: Bool
    let batchSize = 10_000

    struct Quality {
        var nearTruth = 0
        var nearFound = 0
        var nearVerdicts = 0
        var exactTruth = 0
        var exactFound = 0
        var originals = 0
        var originalsNew = 0
    }

    mutating func run() throws {
        let canonicalRate = canonicalizerRate()
        let (digestRate, simhashRate) = textRates()

        // Pass 1: exact rules only; the normalizer has digested the text (fingerprint and exact hash, one pass).
        let exactIndex = DedupeIndex(settings: DedupeSettings(nearDuplicateContainment: -1))
        var exactSeconds = 0.0
        forEachBatch(fingerprint: false) { batch, _ in
            let digests = batch.map { TextDigest($0.text ?? "") }
            let articles = zip(batch, digests).map { article, digest in
                var article = article
                article.fingerprint = digest.simhash
                return article
            }
            exactSeconds += time {
                for (article, digest) in zip(articles, digests) {
                    let decision = exactIndex.check(article, digest: digest)
                    if case .new = decision { exactIndex.insert(article, digest: digest) }
                }
            }
        }

        // Pass 2: SimHash computed from the text, near-duplicates marked and stored (mark policy).
        var stored = [StoredRecord]()
        stored.reserveCapacity(corpus.count)
        let rssBefore = Self.residentBytes()
        let index = DedupeIndex(settings: DedupeSettings(nearDuplicateContainment: containment))
        var fullSeconds = 0.0
        var quality = Quality()
        var decisions = [DedupeDecision](repeating: .new, count: batchSize)
        forEachBatch(fingerprint: false) { batch, start in
            var fingerprints = [UInt64](repeating: 0, count: batch.count)
            fullSeconds += time {
                for (offset, article) in batch.enumerated() {
                    var article = article
                    let digest = TextDigest(article.text ?? "")
                    article.fingerprint = digest.simhash
                    article.minhash = digest.minhash
                    fingerprints[offset] = digest.simhash
                    let decision = index.check(article, digest: digest)
                    decisions[offset] = decision
                    switch decision {
                    case .new: index.insert(article, digest: digest)
                    case .nearDuplicate(let original):
                        article.duplicateOf = original
                        index.insert(article, digest: digest)
                    case .revision(let id, let revision):
                        article.id = id
                        article.revision = revision
                        index.insert(article, digest: digest)
                    case .duplicate: break
                    }
                }
            }
            for (offset, article) in batch.enumerated() {
                let position = start + offset
                let decision = decisions[offset]
                score(position, article: article, decision: decision, into: &quality)
                switch decision {
                case .new: stored.append(StoredRecord(index: position, fingerprint: fingerprints[offset], duplicateOf: nil))
                case .nearDuplicate(let original):
                    stored.append(StoredRecord(index: position, fingerprint: fingerprints[offset], duplicateOf: original))
                default: break
                }
            }
        }
        let rssAfter = Self.residentBytes()
        let memory = index.approximateMemoryBytes
        let breakdown = index.memoryBreakdown
        let storedCount = index.count

        // Pass 3: rebuild from a journal of the stored articles.
        var rebuild = BenchDedupeRebuild.Result()
        if !skipRebuild {
            rebuild = try BenchDedupeRebuild(
                corpus: corpus, containment: containment, directory: store, legacyRecords: legacyRecords, keep: keepStore
            ).run(stored: stored)
            precondition(rebuild.count == storedCount, "the rebuilt index differs from the live one")
        }

        let n = Double(corpus.count)
        let precision = Double(quality.nearFound) / Double(max(quality.nearVerdicts, 1))
        let recall = Double(quality.nearFound) / Double(max(quality.nearTruth, 1))
        let perArticle = Double(memory) / Double(max(storedCount, 1))
        let rssDelta = Double(rssAfter - rssBefore - stored.capacity * MemoryLayout<StoredRecord>.stride)

        print("""
            ## feedd dedupe benchmark

            \(corpus.count) articles, seed \(corpus.seed), containment \(containment), \(corpus.sources.count) sources; \
            \(quality.originals) originals, \(quality.exactTruth) exact and \(quality.nearTruth) near duplicates \
            (1–\(corpus.maximumEdits) word edits); \(storedCount) stored.

            | measure | result | goal |
            | --- | --- | --- |
            | exact checks (check + insert, text digested by the normalizer) | \(rate(n / exactSeconds)) articles/s | ≥ 200,000/s |
            | with SimHash and MinHash over the text (digest + check + insert) | \(rate(n / fullSeconds)) articles/s | ≥ 30,000/s |
            | near-duplicate precision | \(String(format: "%.4f", precision)) (\(quality.nearFound)/\(quality.nearVerdicts)) | ≥ 0.99 |
            | near-duplicate recall | \(String(format: "%.4f", recall)) (\(quality.nearFound)/\(quality.nearTruth)) | ≥ 0.95 |
            | exact duplicates found | \(String(format: "%.4f", Double(quality.exactFound) / Double(max(quality.exactTruth, 1)))) | — |
            | originals judged new | \(String(format: "%.4f", Double(quality.originalsNew) / Double(max(quality.originals, 1)))) | — |
            | index memory (approximateMemoryBytes) | \(mib(Double(memory))) MiB, \(String(format: "%.1f", perArticle)) B/article | ≤ 128 B/article |
            | RSS delta while filling the index | \(mib(rssDelta)) MiB, \(String(format: "%.1f", rssDelta / Double(max(storedCount, 1)))) B/article | — |
            | rebuild from the journal (\(rebuild.records) records, \(gb(rebuild.dataBytes)) GB\(legacyRecords ? ", without text_hash" : "")), files in the page cache, wall clock | \(seconds(rebuild.warmSeconds)) s | < 10 s |
            | the same rebuild, CPU time of all threads (\(ProcessInfo.processInfo.activeProcessorCount) cores) | \(seconds(rebuild.warmCPU)) s | — |
            | rebuild from the journal, files read from the disk (dropped from the page cache) | \(seconds(rebuild.coldSeconds)) s | — |
            | URL canonicalization (tracking-tagged URLs) | \(rate(canonicalRate)) URLs/s | — |
            | text digest without SimHash (words, exact hash) | \(String(format: "%.0f", digestRate)) MB/s | — |
            | text digest with SimHash and MinHash | \(String(format: "%.0f", simhashRate)) MB/s | — |

            Index memory by part (\(storedCount) articles):

            | part | MiB | B/article |
            | --- | --- | --- |
            """)
        for (part, bytes) in breakdown {
            print("| \(part) | \(mib(Double(bytes))) | \(String(format: "%.1f", Double(bytes) / Double(max(storedCount, 1)))) |")
        }
        print("\nTimes are CPU time of the benchmark thread except the rebuild (wall clock); load average at the end: \(Self.loadAverage()).")
    }

    struct StoredRecord {
        var index: Int
        var fingerprint: UInt64
        var duplicateOf: String?
    }

    private func score(_ position: Int, article: Article, decision: DedupeDecision, into quality: inout Quality) {
        let kind = corpus.kind(position)
        if case .nearDuplicate = decision { quality.nearVerdicts += 1 }
        switch kind {
        case .original:
            quality.originals += 1
            if decision == .new { quality.originalsNew += 1 }
        case .repoll(let original), .sameURL(let original), .sameText(let original):
            quality.exactTruth += 1
            if decision == .duplicate(of: corpus.article(original, fingerprint: false).id) { quality.exactFound += 1 }
        case .near(let original, _):
            quality.nearTruth += 1
            if decision == .nearDuplicate(of: corpus.article(original, fingerprint: false).id) { quality.nearFound += 1 }
        }
    }

    /// Generates the stream in batches (untimed) and hands each batch with its first index.
    private func forEachBatch(fingerprint: Bool, _ body: ([Article], Int) -> Void) {
        var start = 0
        while start < corpus.count {
            let end = min(start + batchSize, corpus.count)
            let batch = (start..<end).map { corpus.article($0, fingerprint: fingerprint) }
            body(batch, start)
            start = end
        }
    }

    /// Tokenizing throughput on the corpus's texts, in MB/s of UTF-8.
    private func textRates() -> (Double, Double) {
        let texts = (0..<5000).map { corpus.article($0, fingerprint: false).text ?? "" }
        let bytes = Double(texts.reduce(0) { $0 + $1.utf8.count })
        var sink: UInt64 = 0
        let plain = time { for text in texts { sink &+= TextDigest(text, computeSimHash: false).exactHash } }
        let full = time { for text in texts { sink &+= TextDigest(text).simhash } }
        precondition(sink != 1)
        return (bytes / plain / 1e6, bytes / full / 1e6)
    }

    private func canonicalizerRate() -> Double {
        let canonicalizer = URLCanonicalizer()
        let urls = (0..<200_000).map {
            "HTTPS://www.Source-\($0 % 500).example:443/2026/11/./story-\($0)?utm_source=rss&utm_medium=feed&id=\($0)#top"
        }
        var kept = 0
        let seconds = time {
            for url in urls where canonicalizer.canonicalize(url) != nil { kept += 1 }
        }
        precondition(kept == urls.count)
        return Double(urls.count) / seconds
    }

    /// CPU time of this thread: the machine may be shared, and the measured code is single-threaded.
    static func cpuNow() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// CPU time of all threads of the process.
    static func processCPUNow() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    static func wallNow() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    private func time(_ body: () -> Void) -> Double {
        let start = Self.cpuNow()
        body()
        return Self.cpuNow() - start
    }

    private func rate(_ value: Double) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.maximumFractionDigits = 0
        return formatter.string(from: NSNumber(value: value.rounded())) ?? String(Int(value))
    }

    private func seconds(_ value: Double) -> String { String(format: "%.2f", value) }

    private func gb(_ bytes: Int64) -> String { String(format: "%.2f", Double(bytes) / 1e9) }

    private func mib(_ bytes: Double) -> String { String(format: "%.1f", bytes / 1_048_576) }

    static func loadAverage() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
    }

    /// Resident set size from /proc/self/statm.
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
