import FeeddContent
import FeeddCore
import FeeddDaemon
import FeeddHTTP
import FeeddStore
import Foundation

/// `feedd-bench pipeline DIR [--rounds N]`: the daemon's whole road for every feed file under DIR, in
/// process, stage by stage: parse → normalize → decide (the pipeline's dedupe decision point, a fresh index
/// per round, so every item is new) → store (appended to a real journal in a temporary directory, one batch
/// and one fdatasync per feed, as a poll does). CPU time per item for each stage, so other processes on the
/// machine do not count; one JSON line.
enum PipelineBench {
    struct Stages {
        var parse = 0.0, normalize = 0.0, decide = 0.0, store = 0.0
        var total: Double { parse + normalize + decide + store }
    }

    static func run(_ arguments: inout BenchArguments) throws {
        let directory = try arguments.positional("DIR")
        let rounds = try arguments.integer("rounds", otherwise: 3, minimum: 1)
        try arguments.finish()
        do {
            let files = feedFiles(directory)
            guard !files.isEmpty else { throw BenchUsageError("no feed files under \(directory)") }
            let store = NSTemporaryDirectory() + "feedd-bench-pipeline-\(getpid())"
            defer { try? FileManager.default.removeItem(atPath: store) }
            var stages = Stages()
            var items = 0, bytes = 0, nonASCII = 0
            let settings = Settings(store: store)
            for round in 0..<rounds {
                try? FileManager.default.removeItem(atPath: store)
                let journal = try Journal.open(directory: store, logger: Logger(sink: .standardError(level: .error)))
                let dedupe = DedupeIndex()
                for (index, file) in files.enumerated() {
                    let url = "https://bench\(index).example/feed"
                    let source = Source(name: "b\(index)", url: url)
                    let resolved = Source.Resolved(source, settings: settings)
                    let pipeline = Pipeline(source: resolved, dedupe: dedupe, now: Date())
                    let options = ParseOptions(source: resolved, url: url, contentType: nil)
                    var start = cpuSeconds()
                    guard let feed = try? FeedParser.parse(file, options: options) else { continue }
                    var now = cpuSeconds()
                    stages.parse += now - start
                    start = now
                    let articles = feed.items.map { pipeline.normalizer.article(from: $0, feed: feed, feedURL: url) }
                    now = cpuSeconds()
                    stages.normalize += now - start
                    start = now
                    let decided = pipeline.decide(articles).outcome
                    now = cpuSeconds()
                    stages.decide += now - start
                    start = now
                    let batch = decided.toStore
                    if !batch.isEmpty { _ = try journal.append(batch.map(JournalRecord.article)) }
                    dedupe.acknowledge(decided.reservation)
                    stages.store += cpuSeconds() - start
                    if round == 0 {
                        items += articles.count
                        bytes += file.count
                        nonASCII += articles.count { ($0.text ?? "").utf8.contains { $0 >= 0x80 } }
                    }
                }
                journal.close()
            }
            let perItem = { (seconds: Double) in seconds / Double(max(1, items * rounds)) * 1e6 }
            print(
                "{\"corpus\":\"\(directory)\",\"files\":\(files.count),\"items\":\(items),\"non_ascii_items\":\(nonASCII),"
                    + "\"mb\":\(Double(bytes) / 1e6),\"rounds\":\(rounds),\"parse_us\":\(perItem(stages.parse)),"
                    + "\"normalize_us\":\(perItem(stages.normalize)),\"decide_us\":\(perItem(stages.decide)),"
                    + "\"store_us\":\(perItem(stages.store)),\"total_us\":\(perItem(stages.total)),"
                    + "\"items_per_cpu_s\":\(Double(items * rounds) / stages.total)}")
        }
    }

    /// Every regular file under `directory` (recursively) that is not a README or a license.
    static func feedFiles(_ directory: String) -> [[UInt8]] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var paths: [String] = []
        while let path = enumerator.nextObject() as? String {
            let name = (path as NSString).lastPathComponent
            if name.hasPrefix(".") || name.uppercased().hasPrefix("README") || name.uppercased().hasPrefix("LICENSE") { continue }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: directory + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                paths.append(path)
            }
        }
        return paths.sorted().compactMap { FileManager.default.contents(atPath: directory + "/" + $0).map { Array($0) } }
    }

    static func cpuSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
