import FeeddCore
import FeeddSystem
import Foundation
import Testing

@testable import FeeddStore

/// `Journal.openAndRead` serves the active segment from the bytes recovery checked: what it yields must be
/// exactly what a `JournalReader` over the repaired store yields, repairs and damage included.
@Suite("Journal open and read")
struct JournalOpenAndReadTests {
    static func readerRecords(_ directory: String) throws -> [StoredRecord] {
        Array(try JournalReader(directory: directory).records())
    }

    static func same(_ a: [StoredRecord], _ b: [StoredRecord]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.seq == $1.seq && $0.kind == $1.kind && $0.line == $1.line && $0.time == $1.time }
    }

    @Test func yieldsWhatAReaderYieldsAcrossSealedAndActiveSegments() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let options = JournalOptions(segmentMaxBytes: 2048)
        try JournalRepairTests.fill(temp.store, count: 12, options: options)
        #expect(try SegmentFile.list(in: temp.store).count > 2)

        let (journal, records) = try Journal.openAndRead(directory: temp.store, options: options, logger: LogCapture().logger)
        let opened = Array(records)
        journal.close()
        #expect(opened.map(\.seq) == Array(1...12))
        #expect(Self.same(opened, try Self.readerRecords(temp.store)))
    }

    @Test func aTornTailAndADamagedRecordAreLeftOutAsAReaderLeavesThemOut() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        try JournalRepairTests.fill(temp.store, count: 5)
        let segment = SegmentFile(directory: temp.store, firstSeq: 1)
        let victim = try #require(SegmentIndex.load(path: segment.indexPath).entries[2])
        let fd = try FileDescriptor.open(segment.dataPath, .readWrite)
        try fd.pwrite(Array("Z".utf8), at: victim.offset + 40)
        fd.close()
        var unindexed: [UInt8] = []
        JournalRecord.article(Articles.make(6)).encode(seq: 6, into: &unindexed)
        try JournalRepairTests.appendBytes(unindexed + Array("{\"seq\":7,\"kind\":\"art".utf8), to: segment.dataPath)

        let (journal, records) = try Journal.openAndRead(directory: temp.store, logger: LogCapture().logger)
        let opened = Array(records)
        journal.close()
        #expect(opened.map(\.seq) == [1, 2, 4, 5, 6])
        #expect(Self.same(opened, try Self.readerRecords(temp.store)))
    }

    @Test func anEmptyStoreYieldsNothing() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let (journal, records) = try Journal.openAndRead(directory: temp.store, logger: LogCapture().logger)
        #expect(Array(records).isEmpty)
        journal.close()
    }
}
