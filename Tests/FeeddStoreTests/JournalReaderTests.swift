import FeeddCore
import FeeddSystem
import Foundation
import TestSupport
import Testing

@testable import FeeddStore

@Suite("Journal reader")
struct JournalReaderTests {
    static func smallSegments() -> JournalOptions {
        var options = JournalOptions()
        options.segmentMaxBytes = 1500
        return options
    }

    @Test func seeksBySeqAndTimeAcrossSegments() throws {
        let temp = TemporaryDirectory("reader")
        defer { temp.remove() }
        let clock = TestClock()
        var options = Self.smallSegments()
        options.clock = clock.read
        let journal = try Journal.open(directory: temp.store, options: options, logger: LogCapture().logger)
        for i in 1...20 { _ = try journal.append([.article(Articles.make(i))]) }
        clock.advance(by: 1)
        let middle = clock.date
        clock.advance(by: 1)
        for i in 21...30 { _ = try journal.append([.article(Articles.make(i))]) }
        journal.close()
        #expect(try SegmentFile.list(in: temp.store).count > 5)

        let reader = try JournalReader(directory: temp.store)
        #expect(reader.records().map(\.seq) == Array(1...30))
        #expect(reader.records(since: 0).map(\.seq) == Array(1...30))
        #expect(reader.records(since: 17).map(\.seq) == Array(18...30))
        #expect(reader.records(since: 30).map(\.seq) == [])
        #expect(reader.records(sinceTime: middle).map(\.seq) == Array(21...30))
        #expect(Array(reader.records(sinceTime: Date(timeIntervalSince1970: 0))).count == 30)
        let record = try #require(Array(reader.records(since: 4)).first)
        #expect(record.kind == "article")
        #expect(record.article == Articles.make(5))
        #expect(record.text.hasPrefix("{\"seq\":5,"))
        #expect(!record.text.contains("\n"))
    }

    @Test func aKeptBufferServesEveryReadLikeAFreshOne() throws {
        let temp = TemporaryDirectory("reader")
        defer { temp.remove() }
        let journal = try Journal.open(directory: temp.store, options: Self.smallSegments(), logger: LogCapture().logger)
        defer { journal.close() }
        let reader = try JournalReader(directory: temp.store)
        let buffer = JournalReadBuffer()
        var seen: [StoredRecord] = []
        // Reads of a few new records at a time, as the NATS output makes them, through segment rolls.
        for i in 1...30 {
            _ = try journal.append([.article(Articles.make(i))])
            if i % 4 == 0 || i == 30 { seen += reader.records(since: seen.last?.seq ?? 0, buffer: buffer) }
        }
        #expect(seen.map(\.seq) == Array(1...30))
        #expect(seen.map(\.line) == reader.records().map(\.line))
        #expect(reader.records(since: 10, buffer: buffer).map(\.line) == reader.records(since: 10).map(\.line))
    }

    @Test func followsNewRecordsAcrossSegmentRolls() throws {
        let temp = TemporaryDirectory("follow")
        defer { temp.remove() }
        let journal = try Journal.open(
            directory: temp.store, options: Self.smallSegments(), logger: LogCapture().logger)
        for i in 1...3 { _ = try journal.append([.article(Articles.make(i))]) }
        let reader = try JournalReader(directory: temp.store)
        let seen = LogSinkHolder()
        let finished = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            try? reader.follow(since: 1) { record in
                seen.append("\(record.seq) \(record.article?.id ?? "?")")
                return record.seq < 25
            }
            finished.signal()
        }
        for i in 4...25 {
            _ = try journal.append([.article(Articles.make(i))])
            // Every few records, let the follower catch up, so that it waits for records across the rolls too.
            if i % 5 == 0 { #expect(waitUntil(timeout: 20) { seen.all.count == i - 1 }) }
        }
        let done = finished.wait(timeout: .now() + 20)
        journal.close()
        #expect(done == .success, "follow did not see every record")
        #expect(seen.all == (2...25).map { "\($0) id-\($0)" })
        #expect(try SegmentFile.list(in: temp.store).count > 3, "the follow crossed segment rolls")
    }

    @Test func readersNeverSeeUncommittedOrPartialLines() throws {
        let temp = TemporaryDirectory("partial")
        defer { temp.remove() }
        let journal = try Journal.open(directory: temp.store, options: JournalOptions(), logger: LogCapture().logger)
        _ = try journal.append([.article(Articles.make(1))])
        // Bytes a writer has written but not yet synced and indexed (a batch in flight, or a torn one).
        let handle = try #require(FileHandle(forWritingAtPath: temp.store + "/00000000000000000001.jsonl"))
        handle.seekToEndOfFile()
        handle.write(Data("{\"seq\":2,\"kind\":\"article\",\"id\":\"x\"".utf8))
        try handle.close()
        #expect(try JournalReader(directory: temp.store).records().map(\.seq) == [1])
        journal.close()
    }

    @Test func retentionBySizeDropsWholeOldestSealedSegments() throws {
        let temp = TemporaryDirectory("retain")
        defer { temp.remove() }
        var options = Self.smallSegments()
        options.retainBytes = 4000
        let journal = try Journal.open(directory: temp.store, options: options, logger: LogCapture().logger)
        for i in 1...40 { _ = try journal.append([.article(Articles.make(i))]) }
        journal.close()
        let segments = try SegmentFile.list(in: temp.store)
        let total = segments.reduce(Int64(0)) { $0 + (FileSystem.size($1.dataPath) ?? 0) }
        #expect(total <= 4000 + options.segmentMaxBytes + 800)
        #expect(segments.first!.firstSeq > 1)
        #expect(!FileSystem.exists(temp.store + "/00000000000000000001.idx"))
        let seqs = try JournalReader(directory: temp.store).records().map(\.seq)
        #expect(seqs.last == 40)
        #expect(seqs == Array(segments.first!.firstSeq...40))
        #expect(JournalVerifier.verify(directory: temp.store).ok)
    }

    @Test func retentionByAgeKeepsTheActiveSegment() throws {
        let temp = TemporaryDirectory("retain")
        defer { temp.remove() }
        let clock = TestClock()
        var options = Self.smallSegments()
        options.retain = 60
        options.clock = clock.read
        let journal = try Journal.open(directory: temp.store, options: options, logger: LogCapture().logger)
        for i in 1...10 { _ = try journal.append([.article(Articles.make(i))]) }
        clock.advance(by: 61)
        for i in 11...20 { _ = try journal.append([.article(Articles.make(i))]) }
        let seqs = try JournalReader(directory: temp.store).records().map(\.seq)
        #expect(!seqs.contains(1))
        #expect(seqs.contains(11))
        #expect(seqs.last == 20)
        clock.advance(by: 61)
        journal.close()
        // Reopening applies retention too, but never removes the active segment.
        let reopened = try Journal.open(directory: temp.store, options: options, logger: LogCapture().logger)
        #expect(reopened.lastSeq == 20)
        reopened.close()
        #expect(try SegmentFile.list(in: temp.store).count == 1)
    }

    @Test func groupCommitPutsConcurrentAppendsInOneBatch() throws {
        let temp = TemporaryDirectory("batch")
        defer { temp.remove() }
        var options = JournalOptions()
        options.batchMaxDelay = 0.3
        options.batchMaxRecords = 1000
        let journal = try Journal.open(directory: temp.store, options: options, logger: LogCapture().logger)
        let group = DispatchGroup()
        for i in 1...50 {
            group.enter()
            journal.append([.article(Articles.make(i))]) { _ in group.leave() }
        }
        group.wait()
        journal.close()
        // One batch, one sync: every record of it carries the same stored time in the index.
        let times = Set(
            SegmentIndex.load(path: temp.store + "/00000000000000000001.idx").entries.compactMap { $0?.time })
        #expect(times.count == 1)
    }

    @Test func aFullBatchIsWrittenWithoutWaitingForTheDelay() throws {
        let temp = TemporaryDirectory("batch")
        defer { temp.remove() }
        var options = JournalOptions()
        options.batchMaxDelay = 60
        options.batchMaxRecords = 4
        let journal = try Journal.open(directory: temp.store, options: options, logger: LogCapture().logger)
        let done = DispatchSemaphore(value: 0)
        journal.append((1...4).map { .article(Articles.make($0)) }) { _ in done.signal() }
        #expect(done.wait(timeout: .now() + 20) == .success)
        journal.close()
    }
}
