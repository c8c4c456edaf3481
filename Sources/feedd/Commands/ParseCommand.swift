import FeeddContent
import FeeddCore
import Foundation
import Synchronization

/// `feedd parse`: parse one feed file and print what feedd reads from it, as one JSON object.
enum ParseCommand: Command {
    static let name = "parse"
    static let summary = "parse a feed file (RSS, Atom, RDF, JSON Feed) and print it as JSON"
    static let help = """
        usage: feedd parse [--url URL] [--content-type TYPE] FILE|-

        Parses FILE (or standard input for -) as a feed and prints one JSON object:
        {"format", "title", "link", "description", "language", "items": [{"id", "url", "title", "author",
        "published", "updated", "summary", "content", "categories", "enclosures": [{"url", "type", "length"}]}]}

          --url URL            the feed's URL, for resolving relative links
          --content-type TYPE  the HTTP Content-Type it was served with (its charset is used)

        exit codes: 0 parsed, 2 not a feed (reason on stderr), 1 unreadable file, 64 usage error
        """

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let url = try arguments.option("url")
        let contentType = try arguments.option("content-type")
        // Undocumented: parse every file in a directory in-process and print totals (scripts/bench-parse).
        if let directory = try arguments.option("bench") {
            let rounds = Int(try arguments.option("rounds") ?? "1") ?? 1
            let jobs = Int(try arguments.option("jobs") ?? "1") ?? 1
            // Also render each item's plain text, as the daemon does after parsing.
            let renderText = arguments.flag("render-text")
            try arguments.finish()
            return bench(directory, rounds: rounds, jobs: jobs, renderText: renderText)
        }
        guard let path = arguments.positional() else { throw UsageError(command: name, "missing FILE (or - for stdin)") }
        try arguments.finish()
        let bytes: [UInt8]
        if path == "-" {
            bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
        } else {
            guard let data = FileManager.default.contents(atPath: path) else {
                Output.error("feedd parse: cannot read \(path)")
                return ExitCode.failure
            }
            bytes = Array(data)
        }
        do {
            let feed = try FeedParser.parse(bytes, options: ParseOptions(url: url, contentType: contentType))
            print(feed.jsonObject)
            return ExitCode.success
        } catch {
            Output.error("feedd parse: \(path == "-" ? "stdin" : path): \(error.message) (\(error.code))")
            return ExitCode.invalidInput
        }
    }

    /// Reads all files first (the directory's tree, as scripts/lib/parse/bench_python.py reads it),
    /// then times parsing alone (sanitizing included), `rounds` times, on `jobs` threads (the daemon
    /// parses feeds on a pool the same way).
    private static func bench(_ directory: String, rounds: Int, jobs: Int, renderText: Bool) -> Int32 {
        let names = ((FileManager.default.subpaths(atPath: directory)) ?? []).filter(isBenchFeed).sorted()
        let files = names.compactMap { FileManager.default.contents(atPath: directory + "/" + $0).map(Array.init) }
        let totalBytes = files.reduce(0) { $0 + $1.count }
        let workers = max(1, jobs)
        for round in 1...max(1, rounds) {
            let counts = Mutex([Int](repeating: 0, count: 2))  // items, failures
            let start = DispatchTime.now().uptimeNanoseconds
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var items = 0, failures = 0
                for index in stride(from: worker, to: files.count, by: workers) {
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
        return ExitCode.success
    }

    /// Feed files of a corpus tree: not licences, notes, test expectations or HTML pages.
    private static func isBenchFeed(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard !name.hasPrefix("."), !name.hasPrefix("LICENSE"), name.contains(".") else { return false }
        return ![".expected.json", ".py", ".md", ".html", ".txt", ".htaccess"].contains { name.hasSuffix($0) }
    }
}
