import FeeddCore
import FeeddStore
import Foundation

/// `feedd-bench dedupe --pairs`: the realistic stream of scripts/eval/make_dedupe_pairs.py through the index,
/// each item from its own source, checked and (unless judged a duplicate) inserted in order, as the daemon
/// does with `near_duplicates = mark`. Writes one verdict per item for scripts/eval/dedupe_compare.py, which
/// scores feedd and its peers with the same code, and prints feedd's speed and memory.
struct BenchDedupePairs {
    let items: String
    let verdicts: String
    let containment: Double

    struct Item {
        var id: String
        var source: String
        var text: String
        var related: String?
    }

    func run() throws {
        let lines = try String(contentsOfFile: items, encoding: .utf8).split(separator: "\n")
        let stream: [Item] = lines.compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let id = object["id"] as? String, let source = object["source"] as? String,
                let text = object["text"] as? String
            else { return nil }
            return Item(id: id, source: source, text: text, related: object["related"] as? String)
        }
        let articles = stream.map { item in
            Article(
                id: Fingerprint.hex(StableHash.hash64(item.id)), source: item.source,
                url: "https://\(item.source).example/\(item.id)", title: item.id, fetched: Date(timeIntervalSince1970: 0),
                text: item.text)
        }
        var itemOfID: [String: String] = [:]
        for (item, article) in zip(stream, articles) { itemOfID[article.id] = item.id }

        let index = DedupeIndex(settings: DedupeSettings(nearDuplicateContainment: containment))
        var decisions: [DedupeDecision] = []
        var sketches: [MinHashSketch] = []
        decisions.reserveCapacity(articles.count)
        sketches.reserveCapacity(articles.count)
        let start = BenchDedupeRun.cpuNow()
        for var article in articles {
            let digest = article.digestText()!
            let decision = index.check(article, digest: digest)
            switch decision {
            case .new: index.insert(article, digest: digest)
            case .nearDuplicate(let original):
                article.duplicateOf = original
                index.insert(article, digest: digest)
            case .revision, .duplicate: break
            }
            decisions.append(decision)
            sketches.append(digest.minhash)
        }
        let seconds = BenchDedupeRun.cpuNow() - start
        let bytes = stream.reduce(0) { $0 + $1.text.utf8.count }

        var position: [String: Int] = [:]
        for (offset, item) in stream.enumerated() { position[item.id] = offset }
        var out = ""
        for (offset, item) in stream.enumerated() {
            var verdict = "new"
            var target: String?
            switch decisions[offset] {
            case .new: break
            case .duplicate(let id), .revision(let id, _):
                verdict = "duplicate"
                target = itemOfID[id]
            case .nearDuplicate(let id):
                verdict = "near"
                target = itemOfID[id]
            }
            var similarity = "null"
            var resemblance = "null"
            if let related = item.related, let other = position[related] {
                let a = sketches[offset]
                let b = sketches[other]
                let jaccard = MinHashSketch.resemblance(matches: a.matches(b), bits: 16)
                resemblance = String(format: "%.4f", jaccard)
                similarity = String(format: "%.4f", MinHashSketch.containment(jaccard: jaccard, a.shingles, b.shingles))
            }
            out += "{\"id\":\"\(item.id)\",\"verdict\":\"\(verdict)\",\"of\":\(target.map { "\"\($0)\"" } ?? "null"),"
                + "\"containment\":\(similarity),\"resemblance\":\(resemblance)}\n"
        }
        try out.write(toFile: verdicts, atomically: true, encoding: .utf8)

        let memory = index.approximateMemoryBytes
        let fixed = index.memoryBreakdown.filter { $0.part.hasSuffix("heads") }.reduce(0) { $0 + $1.bytes }
        let count = max(index.count, 1)
        let summary: [String: Any] = [
            "items": stream.count, "seconds": seconds, "articles_per_second": Double(stream.count) / seconds,
            "mb_per_second": Double(bytes) / seconds / 1e6, "stored": index.count, "memory_bytes": memory,
            "fixed_bytes": fixed, "bytes_per_article_growing": Double(memory - fixed) / Double(count),
            "containment": containment,
        ]
        let data = try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }
}
