import FeeddContent
import Foundation

/// `feedd-bench extract DIR --rounds N`: every `.html` file of DIR extracted N times in-process (or, with
/// `--parse-only`, only parsed by libxml2, the whole page; with `--parse-lean`, only parsed as extraction parses it:
/// the lean copy built by feedd's tree builder, or with `--libxml2` by libxml2's parser), CPU time per page so that
/// other processes on the machine do not count.
enum ExtractBench {
    struct NoPages: Error, CustomStringConvertible {
        let directory: String
        var description: String { "no .html files in \(directory)" }
    }

    static func run(_ arguments: inout BenchArguments) throws {
        let rounds = try arguments.integer("rounds", otherwise: 1, minimum: 1)
        let parseOnly = arguments.flag("parse-only")
        let parseLean = arguments.flag("parse-lean")
        let libxml2 = arguments.flag("libxml2")
        let directory = try arguments.positional("DIR")
        try arguments.finish()
        let options = ExtractOptions()
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".html") }.sorted()
        let pages = names.compactMap { FileManager.default.contents(atPath: directory + "/" + $0).map { Array($0) } }
        guard !pages.isEmpty else { throw NoPages(directory: directory) }
        var samples: [Double] = []
        samples.reserveCapacity(pages.count * rounds)
        var sink = 0
        let wallStart = Date()
        for _ in 0..<rounds {
            for page in pages {
                let start = cpuSeconds()
                if parseLean {
                    if let document = try? HTMLDocument(
                        bytes: page, contentType: options.contentType, lean: true, libxml2: libxml2)
                    {
                        sink &+= document.root == nil ? 0 : 1
                    }
                } else if parseOnly {
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
        let mode = parseLean ? (libxml2 ? "parse-lean-libxml2" : "parse-lean") : parseOnly ? "parse" : "extract"
        print(
            "{\"mode\":\"\(mode)\",\"pages\":\(pages.count),\"rounds\":\(rounds),"
                + "\"median_ms\":\(median),\"mean_ms\":\(total / Double(samples.count)),\"pages_per_s\":\(perSecond),"
                + "\"wall_s\":\(wall),\"max_rss_kb\":\(usage.ru_maxrss),\"check\":\(sink)}")
    }

    /// Process CPU time (clock_gettime CLOCK_PROCESS_CPUTIME_ID), nanosecond resolution.
    static func cpuSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
