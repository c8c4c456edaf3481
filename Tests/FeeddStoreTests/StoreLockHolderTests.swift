import Foundation
import Glibc
import Testing

@testable import FeeddStore

@Suite("Store lock holder")
struct StoreLockHolderTests {
    @Test func theHolderIsTheProcessThatHoldsTheLockAndNobodyAfterRelease() throws {
        let temp = TemporaryDirectory("lock-holder")
        defer { temp.remove() }
        try FileManager.default.createDirectory(atPath: temp.store, withIntermediateDirectories: true)
        #expect(StoreLockHolder.of(directory: temp.store) == .stopped)  // no LOCK file yet
        let lock = try StoreLock(directory: temp.store)
        #expect(StoreLockHolder.of(directory: temp.store) == .running(pid: getpid()))
        lock.release()
        #expect(StoreLockHolder.of(directory: temp.store) == .stopped)  // the file stays, the lock is gone
    }

    @Test func onlyAWriteFlockOnThatDeviceAndInodeCounts() {
        let text = """
            1: POSIX  ADVISORY  WRITE 700 fe:00:42 0 EOF
            2: FLOCK  ADVISORY  READ 701 fe:00:42 0 EOF
            3: FLOCK  ADVISORY  WRITE 702 fe:01:42 0 EOF
            4: FLOCK  ADVISORY  WRITE 703 fe:00:43 0 EOF
            5: FLOCK  ADVISORY  WRITE 704 fe:00:42 0 EOF
            5: -> FLOCK  ADVISORY  WRITE 705 fe:00:42 0 EOF
            """
        #expect(StoreLockHolder.holder(inProcLocks: text, major: 0xfe, minor: 0, inode: 42) == 704)
        #expect(StoreLockHolder.holder(inProcLocks: text, major: 0xfe, minor: 2, inode: 42) == nil)
    }
}
