import FeeddSystem
import Foundation
import Glibc
import Testing

private func temporaryDirectory() -> String {
    var template = Array("/tmp/feedd-system-XXXXXX".utf8CString)
    return template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
}

@Suite("File descriptors")
struct FileDescriptorTests {
    @Test func writesReadsAndTruncates() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fd = try FileDescriptor.open(directory + "/a", [.readWrite, .create, .exclusive])
        defer { fd.close() }
        try fd.write(Array("hello world".utf8))
        try fd.pwrite(Array("W".utf8), at: 6)
        try fd.dataSync()
        try fd.sync()
        #expect(try fd.size() == 11)
        #expect(try fd.pread(count: 100, at: 0) == Array("hello World".utf8))
        try fd.truncate(to: 5)
        #expect(try fd.pread(count: 100, at: 0) == Array("hello".utf8))
        #expect(FileSystem.size(directory + "/a") == 5)
    }

    @Test func openErrorsKeepTheirErrno() {
        do {
            _ = try FileDescriptor.open("/nonexistent/feedd/x", .readOnly)
            Issue.record("opened a file that does not exist")
        } catch {
            #expect(error == Errno(ENOENT))
            #expect(error.description.contains("No such file"))
        }
        do {
            let directory = temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            _ = try FileDescriptor.open(directory + "/b", [.writeOnly, .create, .exclusive]).close()
            _ = try FileDescriptor.open(directory + "/b", [.writeOnly, .create, .exclusive])
            Issue.record("O_EXCL did not fail")
        } catch {
            #expect(error == Errno(EEXIST))
        }
    }

    /// flock locks belong to the open file description: a second open conflicts, even in one process.
    @Test func flockConflictsAcrossOpensInOneProcess() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try FileDescriptor.open(directory + "/LOCK", [.readWrite, .create])
        let second = try FileDescriptor.open(directory + "/LOCK", [.readWrite, .create])
        defer { second.close() }
        #expect(try first.lock())
        #expect(try second.lock() == false)
        first.unlock()
        #expect(try second.lock())
        first.close()
    }

    #if FEEDD_FAULTS  // fault injection exists in debug builds only
    @Test func faultInjectionIsScopedAndCounted() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory); FaultInjection.disarm(pathPrefix: directory) }
        let other = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: other) }
        FaultInjection.arm(.write, errno: ENOSPC, pathPrefix: directory, times: 2)
        FaultInjection.arm(.sync, errno: EIO, pathPrefix: directory)
        let fd = try FileDescriptor.open(directory + "/f", [.readWrite, .create])
        defer { fd.close() }
        let unaffected = try FileDescriptor.open(other + "/f", [.readWrite, .create])
        defer { unaffected.close() }
        try unaffected.write([1])
        try unaffected.dataSync()
        #expect(throws: Errno(ENOSPC)) { try fd.write([1]) }
        #expect(throws: Errno(ENOSPC)) { try fd.pwrite([1], at: 0) }
        try fd.write([1])
        #expect(throws: Errno(EIO)) { try fd.dataSync() }
        try fd.dataSync()
    }
    #endif
}

@Suite("File system")
struct FileSystemTests {
    @Test func atomicReplaceLeavesNoTemporaryFile() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileSystem.writeAtomically(Array("one".utf8), to: directory + "/state")
        try FileSystem.writeAtomically(Array("two".utf8), to: directory + "/state")
        #expect(try FileSystem.list(directory) == ["state"])
        #expect(FileManager.default.contents(atPath: directory + "/state") == Data("two".utf8))
        try FileSystem.syncDirectory(directory)
        try FileSystem.createDirectory(directory + "/sub")
        try FileSystem.createDirectory(directory + "/sub")
        try FileSystem.remove(directory + "/missing")
        #expect(FileSystem.exists(directory + "/sub"))
    }

    #if FEEDD_FAULTS  // fault injection exists in debug builds only
    @Test func directorySyncFaultIsInjectable() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory); FaultInjection.disarm(pathPrefix: directory) }
        FaultInjection.arm(.directorySync, errno: EIO, pathPrefix: directory)
        #expect(throws: Errno(EIO)) { try FileSystem.syncDirectory(directory) }
    }
    #endif
}

@Suite("inotify")
struct InotifyTests {
    @Test func reportsCreatedAndModifiedFiles() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let inotify = try Inotify()
        try inotify.addWatch(directory, mask: Inotify.create | Inotify.modify)
        #expect(try inotify.wait(timeout: 0).isEmpty)
        let fd = try FileDescriptor.open(directory + "/segment", [.writeOnly, .create])
        try fd.write([1, 2, 3])
        fd.close()
        let events = try inotify.wait(timeout: 5000)
        #expect(events.contains { $0.name == "segment" && $0.mask & Inotify.create != 0 })
    }
}
