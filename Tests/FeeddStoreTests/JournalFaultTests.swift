#if FEEDD_FAULTS  // fault injection exists in debug builds only
import FeeddCore
import FeeddSystem
import Foundation
import Glibc
import Testing

@testable import FeeddStore

/// Rules 1, 4 and 5: nothing is acknowledged before its sync; after a write or sync error nothing more is
/// acknowledged until the tail is re-validated; exactly one writer.
@Suite("Journal faults")
struct JournalFaultTests {
    static func options(retryDelay: Double = 3600) -> JournalOptions {
        var options = JournalOptions()
        options.retryDelay = retryDelay
        return options
    }

    static func ids(_ directory: String) throws -> [String] {
        try JournalReader(directory: directory).records().compactMap { $0.article?.id }
    }

    @Test func failedSyncIsNeverAcknowledgedAndItsBytesAreNotKept() throws {
        let temp = TemporaryDirectory("fault")
        defer { temp.remove(); FaultInjection.disarm(pathPrefix: temp.path) }
        let log = LogCapture()
        let journal = try Journal.open(directory: temp.store, options: Self.options(), logger: log.logger)
        #expect(try journal.append([.article(Articles.make(1))]) == [1])

        FaultInjection.arm(.sync, errno: EIO, pathPrefix: temp.store + "/0")
        #expect(throws: StoreError.self) { try journal.append([.article(Articles.make(2))]) }
        #expect(log.contains("event=store_write_failed"))
        // The write reached the page cache, the sync did not succeed: still not acknowledged, not readable.
        #expect(try Self.ids(temp.store) == ["id-1"])
        // Nothing more is acknowledged until recovery, even though the disk is fine again.
        do {
            _ = try journal.append([.article(Articles.make(3))])
            Issue.record("an append after a failed sync was acknowledged without recovery")
        } catch {
            #expect(error.code == .io)
            #expect(error.errno == Errno(EIO))
        }
        #expect(journal.lastSeq == 1)

        try journal.recover()
        #expect(try journal.append([.article(Articles.make(4))]) == [2], "seqs stay gap-free")
        journal.close()
        #expect(try Self.ids(temp.store) == ["id-1", "id-4"])
        #expect(JournalVerifier.verify(directory: temp.store).ok)
    }

    @Test func noSpaceIsReportedAndRetriedAutomaticallyAfterTheDelay() throws {
        let temp = TemporaryDirectory("fault")
        defer { temp.remove(); FaultInjection.disarm(pathPrefix: temp.path) }
        let clock = TestClock()
        var options = Self.options(retryDelay: 60)
        options.clock = clock.read
        let journal = try Journal.open(directory: temp.store, options: options, logger: LogCapture().logger)
        #expect(try journal.append([.article(Articles.make(1))]) == [1])
        FaultInjection.arm(.write, errno: ENOSPC, pathPrefix: temp.store + "/0")
        do {
            _ = try journal.append([.article(Articles.make(2)), .article(Articles.make(3))])
            Issue.record("a failed write was acknowledged")
        } catch {
            #expect(error.code == .noSpace)
            #expect(error.message.contains("full"))
        }
        #expect(throws: StoreError.self, "appends are refused until the retry delay has passed") {
            try journal.append([.article(Articles.make(4))])
        }
        clock.advance(by: 60)
        #expect(try journal.append([.article(Articles.make(5))]) == [2])
        journal.close()
        #expect(try Self.ids(temp.store) == ["id-1", "id-5"])
    }

    @Test func failureWhileRollingASegmentIsRecovered() throws {
        let temp = TemporaryDirectory("fault")
        defer { temp.remove(); FaultInjection.disarm(pathPrefix: temp.path) }
        var options = Self.options()
        options.segmentMaxBytes = 1500
        let journal = try Journal.open(directory: temp.store, options: options, logger: LogCapture().logger)
        for i in 1...4 { _ = try journal.append([.article(Articles.make(i))]) }
        let before = try SegmentFile.list(in: temp.store).count
        // Syncing the directory for the new segment fails once.
        FaultInjection.arm(.directorySync, errno: EIO, pathPrefix: temp.store, times: 1)
        var failed = 0
        for i in 5...12 {
            do { _ = try journal.append([.article(Articles.make(i))]) } catch {
                failed += 1
                try journal.recover()
            }
        }
        #expect(failed == 1)
        journal.close()
        #expect(try SegmentFile.list(in: temp.store).count > before)
        let seqs = try JournalReader(directory: temp.store).records().map(\.seq)
        #expect(seqs == Array(1...11))
        #expect(JournalVerifier.verify(directory: temp.store).ok)
    }

    /// Rule 2: a new segment counts only once the directory entry is durable.
    @Test func newSegmentIsNotUsedBeforeTheDirectoryIsSynced() throws {
        let temp = TemporaryDirectory("fault")
        defer { temp.remove(); FaultInjection.disarm(pathPrefix: temp.path) }
        let journal = try Journal.open(directory: temp.store, options: Self.options(), logger: LogCapture().logger)
        FaultInjection.arm(.directorySync, errno: EIO, pathPrefix: temp.store)
        #expect(throws: StoreError.self) { try journal.append([.article(Articles.make(1))]) }
        #expect(journal.lastSeq == 0)
        try journal.recover()
        #expect(try journal.append([.article(Articles.make(2))]) == [1])
        journal.close()
    }

    @Test func everyRecordOfAFailedBatchGetsTheError() throws {
        let temp = TemporaryDirectory("fault")
        defer { temp.remove(); FaultInjection.disarm(pathPrefix: temp.path) }
        var options = Self.options()
        options.batchMaxDelay = 0.2
        options.batchMaxRecords = 1000
        let journal = try Journal.open(directory: temp.store, options: options, logger: LogCapture().logger)
        _ = try journal.append([.article(Articles.make(0))])
        FaultInjection.arm(.sync, errno: EIO, pathPrefix: temp.store + "/0")
        let results = LogSinkHolder()
        let group = DispatchGroup()
        for i in 1...10 {
            group.enter()
            journal.append([.article(Articles.make(i))]) { result in
                results.append((try? result.get()) == nil ? "failed" : "stored")
                group.leave()
            }
        }
        group.wait()
        #expect(results.all == Array(repeating: "failed", count: 10))
        journal.close()
    }

    @Test func secondOpenInTheSameProcessFailsAtOnce() throws {
        let temp = TemporaryDirectory("lock")
        defer { temp.remove() }
        let journal = try Journal.open(directory: temp.store, options: JournalOptions(), logger: LogCapture().logger)
        do {
            _ = try Journal.open(directory: temp.store, options: JournalOptions(), logger: LogCapture().logger)
            Issue.record("a second writer opened the store")
        } catch {
            #expect(error.code == .locked)
            #expect(error.message.contains("pid \(getpid())"))
            #expect(error.path == temp.store + "/LOCK")
        }
        journal.close()
        let again = try Journal.open(directory: temp.store, options: JournalOptions(), logger: LogCapture().logger)
        again.close()
    }

    @Test func closedJournalRefusesAppends() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let journal = try Journal.open(directory: temp.store, options: JournalOptions(), logger: LogCapture().logger)
        journal.close()
        #expect(throws: StoreError.self) { try journal.append([.article(Articles.make(1))]) }
    }

    /// A real full file system: a 1 MiB tmpfs. Needs root for mount(8); skipped only when mounting fails.
    @Test func realFullFileSystem() throws {
        let temp = TemporaryDirectory("tmpfs")
        defer { temp.remove() }
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=1m", "tmpfs", temp.path]
        mount.standardError = FileHandle.nullDevice
        guard (try? mount.run()) != nil else { return }
        mount.waitUntilExit()
        guard mount.terminationStatus == 0 else {
            print("realFullFileSystem: skipped, mounting a tmpfs failed (needs root)")
            return
        }
        defer {
            let umount = Process()
            umount.executableURL = URL(fileURLWithPath: "/bin/umount")
            umount.arguments = [temp.path]
            try? umount.run()
            umount.waitUntilExit()
        }
        // Room to free later: a filler file on the same tmpfs.
        let filler = temp.path + "/filler"
        try Data(count: 256 * 1024).write(to: URL(fileURLWithPath: filler))
        let journal = try Journal.open(directory: temp.store, options: Self.options(), logger: LogCapture().logger)
        var acked: [String] = []
        var failure: StoreError?
        for i in 1...400 {
            do {
                _ = try journal.append([.article(Articles.make(i, bodyBytes: 8000))])
                acked.append("id-\(i)")
            } catch {
                failure = error
                break
            }
        }
        #expect(failure?.code == .noSpace)
        #expect(failure?.errno == Errno(ENOSPC))
        #expect(!acked.isEmpty)
        #expect(try Self.ids(temp.store) == acked, "exactly the acknowledged records are readable")
        #expect(JournalVerifier.verify(directory: temp.store).ok)

        try FileSystem.remove(filler)
        try journal.recover()
        #expect(try journal.append([.article(Articles.make(1000))]) == [UInt64(acked.count + 1)])
        journal.close()
        #expect(try Self.ids(temp.store) == acked + ["id-1000"])
        #expect(JournalVerifier.verify(directory: temp.store).ok)
    }
}
#endif
