import FeeddCore
import FeeddStore
import Foundation

/// The benchmark's rebuild pass: the stored articles are written to a real journal, as the daemon stores
/// them (content, summary and text), then the index is rebuilt from it exactly as the daemon does at start.
/// Writing is not timed. The rebuild is timed twice: with the data in the page cache (a restart) and after
/// the data files were dropped from it (`posix_fadvise`), so they come from the disk (a boot).
struct BenchDedupeRebuild {
    let corpus: BenchDedupeCorpus
    let containment: Double
    let directory: String
    /// Leave out `text_hash`, `word_count` and `minhash`, as feedd wrote records before they existed.
    let legacyRecords: Bool
    /// Keep the journal afterwards (to profile `feedd import --store DIR /dev/null`, which rebuilds from it).
    let keep: Bool

    struct Result {
        var records = 0
        var dataBytes: Int64 = 0
        var warmSeconds = 0.0
        var warmCPU = 0.0
        var coldSeconds = 0.0
        var count = 0
    }

    func run(stored: [BenchDedupeRun.StoredRecord]) throws -> Result {
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { if !keep { try? FileManager.default.removeItem(atPath: directory) } }
        var result = Result(records: stored.count)
        try write(stored)
        result.dataBytes = dataFiles().reduce(0) { $0 + (fileSize($1) ?? 0) }

        let warm = DedupeIndex(settings: DedupeSettings(nearDuplicateContainment: containment))
        _ = try rebuild(into: warm)  // brings the files into the page cache
        let warmIndex = DedupeIndex(settings: DedupeSettings(nearDuplicateContainment: containment))
        (result.warmSeconds, result.warmCPU) = try rebuild(into: warmIndex)
        result.count = warmIndex.count

        dropFromPageCache()
        let cold = DedupeIndex(settings: DedupeSettings(nearDuplicateContainment: containment))
        (result.coldSeconds, _) = try rebuild(into: cold)
        precondition(cold.count == result.count, "cold and warm rebuilds disagree")
        return result
    }

    /// What the daemon does at start: read every committed record, rebuild.
    private func rebuild(into index: DedupeIndex) throws -> (wall: Double, cpu: Double) {
        let wallStart = BenchDedupeRun.wallNow()
        let cpuStart = BenchDedupeRun.processCPUNow()
        let reader = try JournalReader(directory: directory)
        index.rebuild(fromJournal: reader.records())
        return (BenchDedupeRun.wallNow() - wallStart, BenchDedupeRun.processCPUNow() - cpuStart)
    }

    private func write(_ stored: [BenchDedupeRun.StoredRecord]) throws {
        let logger = Logger(sink: .standardError(level: .warning))
        let journal = try Journal.open(directory: directory, logger: logger)
        defer { journal.close() }
        var batch: [JournalRecord] = []
        batch.reserveCapacity(1000)
        for record in stored {
            batch.append(.article(article(for: record)))
            if batch.count == 1000 {
                _ = try journal.append(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { _ = try journal.append(batch) }
    }

    /// The stored article in full: HTML content (one paragraph per text paragraph) and a summary.
    private func article(for record: BenchDedupeRun.StoredRecord) -> Article {
        var article = corpus.article(record.index, fingerprint: false)
        let text = article.text ?? ""
        article.content = text.split(separator: "\n\n").map { "<p>" + HTMLEscape.text(String($0)) + "</p>" }.joined()
        article.summary = String(text.prefix(200))
        article.duplicateOf = record.duplicateOf
        article.digestText()
        precondition(article.fingerprint == record.fingerprint)
        if legacyRecords {
            article.textHash = nil
            article.wordCount = nil
            article.minhash = nil
        }
        return article
    }

    private func dataFiles() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted().map { directory + "/" + $0 }
    }

    private func fileSize(_ path: String) -> Int64? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value
    }

    /// Evicts the store's files from the page cache (they are synced, so their pages are clean).
    private func dropFromPageCache() {
        for path in dataFiles() {
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else { continue }
            _ = posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_DONTNEED))
            close(fd)
        }
    }
}
