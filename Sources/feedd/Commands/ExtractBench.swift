import FeeddContent
import Foundation

/// The in-process timing loop behind `feedd extract --bench N DIR`: every `.html` file of DIR, N rounds,
/// CPU time per page so that other processes on the machine do not count.
enum ExtractBench {
    static func run(directory: String, rounds: Int, parseOnly: Bool, options: ExtractOptions) -> Int32 {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".html") }.sorted()
        let pages = names.compactMap { FileManager.default.contents(atPath: directory + "/" + $0).map { Array($0) } }
        guard !pages.isEmpty else {
            Output.error("feedd extract: no .html files in \(directory)")
            return ExitCode.failure
        }
        var samples: [Double] = []
        samples.reserveCapacity(pages.count * rounds)
        var sink = 0
        let wallStart = Date()
        for _ in 0..<rounds {
            for page in pages {
                let start = cpuSeconds()
                if parseOnly {
                    if let document = try? HTMLDocument(bytes: page, contentType: options.contentType) {
                        sink &+= document.root == nil ? 0 : 1
                    }
                } else if let article = try? ArticleExtractor.extract(page, options: options) {
                    sink &+= article.text.utf8.count
                }
                samples.append((cpuSeconds() - start) * 1000)
            }
        }
        let wall = Date().timeIntervalSince(wallStart)
        samples.sort()
        let median = samples[samples.count / 2]
        let total = samples.reduce(0, +)
        let perSecond = Double(samples.count) / (total / 1000)
        // Peak resident memory of the whole run (the pages are all held, as the peers hold theirs).
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        print(
            "{\"mode\":\"\(parseOnly ? "parse" : "extract")\",\"pages\":\(pages.count),\"rounds\":\(rounds),"
                + "\"median_ms\":\(median),\"mean_ms\":\(total / Double(samples.count)),\"pages_per_s\":\(perSecond),"
                + "\"wall_s\":\(wall),\"max_rss_kb\":\(usage.ru_maxrss),\"check\":\(sink)}")
        return ExitCode.success
    }

    /// Process CPU time (clock_gettime CLOCK_PROCESS_CPUTIME_ID), nanosecond resolution.
    static func cpuSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
