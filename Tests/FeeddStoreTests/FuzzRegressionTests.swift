import FeeddCore
import Foundation
import Testing

@testable import FeeddStore

/// Tails that `scripts/fuzz journal` found breaking recovery (Tests/Fixtures/fuzz/journal/), replayed as the
/// fuzz target does: appended to a valid segment of four records, then open, append, read and verify.
@Suite("Journal recovery on fuzzed tails")
struct FuzzRegressionTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fuzz/journal").path

    static func inputs() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    /// Where recovery must stop for the named tails (seeds of the fuzz target): complete valid lines with the next
    /// seqs are kept (docs/STORE.md; checksums live in the index, so an uncommitted line that is still valid JSON
    /// with the right seq, even one altered after writing, is indistinguishable from a record written whole),
    /// a torn one or a repeated seq and everything after it is cut.
    static let expectedLastSeq: [String: UInt64] = [
        "two-complete-records.jsonl": 6, "complete-record-then-torn-one.jsonl": 5, "same-seq-twice.jsonl": 5,
        "altered-but-valid-record.jsonl": 5,
    ]

    @Test(arguments: inputs()) func recoversAndKeepsCommittedRecords(_ name: String) throws {
        let tail = try #require(FileManager.default.contents(atPath: Self.directory + "/" + name))
        let temp = TemporaryDirectory("fuzz")
        defer { temp.remove() }
        try JournalRepairTests.fill(temp.store, count: 4)
        let before = try JournalReader(directory: temp.store).records().map(\.line)
        try JournalRepairTests.appendBytes([UInt8](tail), to: SegmentFile(directory: temp.store, firstSeq: 1).dataPath)

        let journal = try Journal.open(directory: temp.store, logger: LogCapture().logger)
        let recovered = journal.lastSeq
        #expect(recovered >= 4)
        if let expected = Self.expectedLastSeq[name] { #expect(recovered == expected) }
        #expect(try journal.append([.article(Articles.make(1000))]) == [recovered + 1])
        journal.close()

        let records = Array(try JournalReader(directory: temp.store).records())
        #expect(records.count == Int(recovered) + 1)
        #expect(Array(records.prefix(4).map(\.line)) == before)
        #expect(records.map(\.seq) == Array(1...UInt64(records.count)))
        let report = JournalVerifier.verify(directory: temp.store)
        #expect(report.ok, "\(report.damage)")
        #expect(report.records == records.count)
    }
}
