import FeeddContent
import Foundation
import Synchronization

/// `feedd-bench parse DIR`: reads every feed file of DIR's tree first (as scripts/lib/parse/bench_python.py reads
/// it), then times parsing alone (sanitizing included), `--rounds` times, on `--jobs` threads (the daemon parses
/// feeds on a pool the same way). `--render-text` also renders each item's plain text, as the daemon does.
enum ParseBench {
    static func run(_ arguments: inout BenchArguments) throws(BenchUsageError) {
        let rounds = try arguments.integer("rounds", otherwise: 1, minimum: 1)
        let jobs = try arguments.integer("jobs", otherwise: 1, minimum: 1)
        let renderText = arguments.flag("render-text")
        let directory = try arguments.positional("DIR")
        try arguments.finish()
        let names = ((FileManager.default.subpaths(atPath: directory)) ?? []).filter(isBenchFeed).sorted()
        let files = names.compactMap { FileManager.default.contents(atPath: directory + "/" + $0).map(Array.init) }
        let totalBytes = files.reduce(0) { $0 + $1.count }
        for round in 1...rounds {
            let counts = Mutex([Int](repeating: 0, count: 2))  // items, failures
            let start = DispatchTime.now().uptimeNanoseconds
            DispatchQueue.concurrentPerform(iterations: jobs) { worker in
                var items = 0, failures = 0
                for index in stride(from: worker, to: files.count, by: jobs) {
                    do {
                        let feed = try FeedParser.parse(files[index], options: ParseOptions())
                        items += feed.items.count
                        if renderText { for item in feed.items { _ = item.content.map(HTMLText.render) } }
                    } catch {
                        failures += 1
                    }
                }
                counts.withLock { $0[0] += items; $0[1] += failures }
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let (items, failures) = counts.withLock { ($0[0], $0[1]) }
            print("round=\(round) files=\(files.count) bytes=\(totalBytes) items=\(items) failures=\(failures) seconds=\(seconds)")
        }
    }

    /// Feed files of a corpus tree: not licences, notes, test expectations or HTML pages.
    private static func isBenchFeed(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard !name.hasPrefix("."), !name.hasPrefix("LICENSE"), name.contains(".") else { return false }
        return ![".expected.json", ".py", ".md", ".html", ".txt", ".htaccess"].contains { name.hasSuffix($0) }
    }
}
