import FeeddCore
import FeeddStore
import Foundation
import Synchronization

/// `feedd stats`: records, segments, bytes, oldest and newest.
enum StatsCommand: Command {
    static let name = "stats"
    static let summary = "print the store's record and segment counts, size, oldest and newest record"
    static let help = """
        usage: feedd stats [--store DIR | --config PATH]

        Reads only the sidecar indexes. Prints key: value lines.

        exit codes: 0 ok, 1 store error, 64 usage error
        """

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        // Hidden: `--bench-append N [--record-bytes B] [--batch K]` times N appends through the real journal.
        if let count = try arguments.option("bench-append") {
            let recordBytes = Int(try arguments.option("record-bytes") ?? "8192") ?? 8192
            let batch = Int(try arguments.option("batch") ?? "256") ?? 256
            let directory = try ConfigLocation.storeDirectory(&arguments)
            try arguments.finish()
            return benchAppend(directory: directory, count: Int(count) ?? 0, recordBytes: recordBytes, batch: batch)
        }
        let directory = try ConfigLocation.storeDirectory(&arguments)
        try arguments.finish()
        let stats: JournalStats
        do { stats = try JournalStats(directory: directory) } catch {
            Output.error("feedd stats: \(error.message)")
            return ExitCode.failure
        }
        print("store: \(directory)")
        print("records: \(stats.records)")
        print("segments: \(stats.segments)")
        print("bytes: \(stats.bytes)")
        print("oldest: " + (stats.oldestSeq.map { "seq \($0) stored \(RFC3339.format(stats.oldestTime!))" } ?? "-"))
        print("newest: " + (stats.newestSeq.map { "seq \($0) stored \(RFC3339.format(stats.newestTime!))" } ?? "-"))
        return ExitCode.success
    }

    /// Appends `count` articles of about `recordBytes` in blocking batches of `batch`; prints seconds and MB/s.
    private static func benchAppend(directory: String, count: Int, recordBytes: Int, batch: Int) -> Int32 {
        let sink = LogSink.standardError(level: .warning)
        let options = JournalOptions(batchMaxRecords: batch)
        do {
            let journal = try Journal.open(directory: directory, options: options, logger: Logger(sink: sink))
            let base = Article(id: "", source: "bench", fetched: Date())
            let overhead = base.jsonObject.utf8.count + 40
            var records: [JournalRecord] = []
            for i in 0..<batch {
                var article = base
                article.id = "bench-\(i)"
                article.content = String(repeating: "b", count: max(0, recordBytes - overhead))
                records.append(.article(article))
            }
            // Like the daemon: appends are asynchronous, so the next batch is serialized while the previous
            // one syncs. At most two batches in flight; each is one sync of `batch` records.
            let inFlight = DispatchSemaphore(value: 2)
            let group = DispatchGroup()
            let failure = Mutex<StoreError?>(nil)
            let started = DispatchTime.now().uptimeNanoseconds
            var written = 0
            while written < count {
                let part = min(batch, count - written)
                inFlight.wait()
                group.enter()
                journal.append(Array(records.prefix(part))) { result in
                    if case .failure(let error) = result { failure.withLock { $0 = error } }
                    inFlight.signal()
                    group.leave()
                }
                written += part
            }
            group.wait()
            if let error = failure.withLock({ $0 }) { throw error }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            journal.close()
            let bytes = Double(count * recordBytes)
            print(
                "records=\(count) seconds=\(seconds) records_per_second=\(Double(count) / seconds) mb_per_second=\(bytes / seconds / 1e6)"
            )
            return ExitCode.success
        } catch {
            Output.error("feedd stats: \(error)")
            return ExitCode.failure
        }
    }
}
