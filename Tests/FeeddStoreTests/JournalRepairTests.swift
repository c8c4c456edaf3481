import FeeddCore
import FeeddSystem
import Foundation
import Testing

@testable import FeeddStore

/// Rule 3 and 6: before any append the tail is validated, a torn record is cut, indexes are repaired from the
/// data and never trusted past it; damage in the middle is reported loudly, set aside and never served.
@Suite("Journal repair")
struct JournalRepairTests {
    static func fill(_ directory: String, count: Int, options: JournalOptions = JournalOptions()) throws {
        let journal = try Journal.open(directory: directory, options: options, logger: LogCapture().logger)
        for i in 1...count { _ = try journal.append([.article(Articles.make(i))]) }
        journal.close()
    }

    static func appendBytes(_ bytes: [UInt8], to path: String) throws {
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(bytes))
        try handle.close()
    }

    static func readIDs(_ directory: String) throws -> [String] {
        try JournalReader(directory: directory).records().compactMap { $0.article?.id }
    }

    @Test func tornLastRecordIsCutAndLogged() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        try Self.fill(temp.store, count: 3)
        let segment = SegmentFile(directory: temp.store, firstSeq: 1)
        let goodSize = try #require(FileSystem.size(segment.dataPath))
        let torn = Array("{\"seq\":4,\"kind\":\"article\",\"id\":\"half".utf8)
        try Self.appendBytes(torn, to: segment.dataPath)

        let log = LogCapture()
        let journal = try Journal.open(directory: temp.store, options: JournalOptions(), logger: log.logger)
        #expect(FileSystem.size(segment.dataPath) == goodSize)
        #expect(log.contains("event=store_repaired"))
        #expect(log.contains("truncated_bytes=\(torn.count)"))
        #expect(journal.lastSeq == 3)
        #expect(try journal.append([.article(Articles.make(4))]) == [4])
        journal.close()
        #expect(try Self.readIDs(temp.store) == ["id-1", "id-2", "id-3", "id-4"])
        #expect(JournalVerifier.verify(directory: temp.store).ok)
    }

    @Test func completeButUnindexedLinesAreKeptAndIndexed() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        try Self.fill(temp.store, count: 2)
        let segment = SegmentFile(directory: temp.store, firstSeq: 1)
        // As after a crash between the data sync and the index write: the line is there, its entry is not.
        var line: [UInt8] = []
        JournalRecord.article(Articles.make(3)).encode(seq: 3, into: &line)
        try Self.appendBytes(line, to: segment.dataPath)
        #expect(try Self.readIDs(temp.store) == ["id-1", "id-2"], "readers see only indexed records")

        let log = LogCapture()
        let journal = try Journal.open(directory: temp.store, options: JournalOptions(), logger: log.logger)
        #expect(journal.lastSeq == 3)
        #expect(log.contains("index_added=1"))
        journal.close()
        #expect(try Self.readIDs(temp.store) == ["id-1", "id-2", "id-3"])
    }

    @Test func garbageTailWithWholeLinesIsQuarantinedNotSilentlyDropped() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        try Self.fill(temp.store, count: 2)
        let segment = SegmentFile(directory: temp.store, firstSeq: 1)
        try Self.appendBytes(Array("not json at all\n{\"seq\":9}\n".utf8), to: segment.dataPath)
        let log = LogCapture()
        let journal = try Journal.open(directory: temp.store, options: JournalOptions(), logger: log.logger)
        journal.close()
        let quarantine = try FileSystem.list(temp.store + "/quarantine")
        #expect(quarantine.count == 1)
        let saved = try String(contentsOfFile: temp.store + "/quarantine/" + quarantine[0], encoding: .utf8)
        #expect(saved == "not json at all\n{\"seq\":9}\n")
        #expect(log.contains("quarantined=1"))
        #expect(try Self.readIDs(temp.store) == ["id-1", "id-2"])
    }

    @Test func missingOrTruncatedIndexIsRebuiltFromTheData() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        var options = JournalOptions()
        options.segmentMaxBytes = 2000
        try Self.fill(temp.store, count: 12, options: options)
        let segments = try SegmentFile.list(in: temp.store)
        #expect(segments.count >= 3)
        try FileSystem.remove(segments[0].indexPath)  // sealed: missing index
        let lastIndex = try FileDescriptor.open(segments.last!.indexPath, .readWrite)
        try lastIndex.truncate(to: Int64(IndexEntry.headerSize + 3))  // active: torn index
        lastIndex.close()
        #expect(!JournalVerifier.verify(directory: temp.store).ok)

        let log = LogCapture()
        let journal = try Journal.open(directory: temp.store, options: options, logger: log.logger)
        #expect(journal.lastSeq == 12)
        journal.close()
        #expect(log.contains("index_rebuilt=true"))
        #expect(try Self.readIDs(temp.store) == (1...12).map { "id-\($0)" })
        let report = JournalVerifier.verify(directory: temp.store)
        #expect(report.ok, "\(report.damage)")
        #expect(report.records == 12)
    }

    @Test func indexEntriesAheadOfTheDataAreDropped() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        try Self.fill(temp.store, count: 4)
        let segment = SegmentFile(directory: temp.store, firstSeq: 1)
        let entries = SegmentIndex.load(path: segment.indexPath).entries.compactMap { $0 }
        // Data lost after the index was written (the order feedd never uses): cut the data inside record 4.
        let fd = try FileDescriptor.open(segment.dataPath, .readWrite)
        try fd.truncate(to: entries[3].offset + 10)
        fd.close()
        let log = LogCapture()
        let journal = try Journal.open(directory: temp.store, options: JournalOptions(), logger: log.logger)
        #expect(journal.lastSeq == 3)
        #expect(log.contains("index_dropped=1"))
        journal.close()
        #expect(SegmentIndex.load(path: segment.indexPath).entries.count == 3)
        #expect(JournalVerifier.verify(directory: temp.store).ok)
    }

    @Test func bitFlipInSealedSegmentIsFoundAndNeverServed() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        var options = JournalOptions()
        options.segmentMaxBytes = 2000
        try Self.fill(temp.store, count: 12, options: options)
        let segments = try SegmentFile.list(in: temp.store)
        let sealed = segments[0]
        let entries = SegmentIndex.load(path: sealed.indexPath).entries.compactMap { $0 }
        #expect(entries.count >= 2)
        let victim = entries[1]
        // Flip one bit inside the content of record 2: still valid JSON, so only the checksum can tell.
        let fd = try FileDescriptor.open(sealed.dataPath, .readWrite)
        let at = victim.offset + Int64(victim.length) - 30
        var byte = try fd.pread(count: 1, at: at)
        byte[0] ^= 0x01
        try fd.pwrite(byte, at: at)
        fd.close()

        let report = JournalVerifier.verify(directory: temp.store)
        #expect(!report.ok)
        let damage = try #require(report.damage.first)
        #expect(report.damage.count == 1)
        #expect(damage.file == sealed.dataName)
        #expect(damage.line == 2)
        #expect(damage.seq == victim.seq)
        #expect(damage.offset == victim.offset)
        #expect(damage.problem.contains("checksum"))

        let seen = LogSinkHolder()
        let reader = try JournalReader(directory: temp.store) { seen.append($0.description) }
        let ids = reader.records().compactMap { $0.article?.id }
        #expect(!ids.contains("id-2"))
        #expect(ids.count == 11)
        #expect(seen.all.count == 1 && seen.all[0].contains("seq \(victim.seq)"))

        // Opening still works (sealed data is checked by readers and verify, not rewritten).
        let journal = try Journal.open(directory: temp.store, options: options, logger: LogCapture().logger)
        #expect(journal.lastSeq == 12)
        journal.close()
    }

    @Test func damageInTheMiddleOfTheActiveSegmentIsQuarantinedAndExcluded() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        try Self.fill(temp.store, count: 5)
        let segment = SegmentFile(directory: temp.store, firstSeq: 1)
        let victim = try #require(SegmentIndex.load(path: segment.indexPath).entries[2])
        let fd = try FileDescriptor.open(segment.dataPath, .readWrite)
        try fd.pwrite(Array("Z".utf8), at: victim.offset + 40)
        fd.close()

        let log = LogCapture()
        let journal = try Journal.open(directory: temp.store, options: JournalOptions(), logger: log.logger)
        #expect(log.contains("event=store_damage"))
        #expect(log.contains(" seq=3"))
        #expect(journal.lastSeq == 5, "good records after the damage stay")
        #expect(try journal.append([.article(Articles.make(6))]) == [6])
        journal.close()
        #expect(try FileSystem.list(temp.store + "/quarantine").count == 1)
        #expect(try Self.readIDs(temp.store) == ["id-1", "id-2", "id-4", "id-5", "id-6"])
        let report = JournalVerifier.verify(directory: temp.store)
        #expect(report.damage.map(\.seq) == [3])
    }
}
