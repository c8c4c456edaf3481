import FeeddCore
import FeeddStore
import Foundation
import Synchronization

/// `feedd-bench append --store DIR --count N`: N articles of about `--record-bytes` appended through the real
/// journal in batches of `--batch`, as the daemon appends; prints seconds, records/s and MB/s.
enum AppendBench {
    static func run(_ arguments: inout BenchArguments) throws {
        let count = try arguments.integer("count", otherwise: 0, minimum: 1)
        let recordBytes = try arguments.integer("record-bytes", otherwise: 8192, minimum: 1)
        let batch = try arguments.integer("batch", otherwise: 256, minimum: 1)
        guard let directory = try arguments.option("store") else { throw BenchUsageError("needs --store DIR") }
        try arguments.finish()

        let options = JournalOptions(batchMaxRecords: batch)
        let journal = try Journal.open(
            directory: directory, options: options, logger: Logger(sink: LogSink.standardError(level: .warning)))
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
    }
}
