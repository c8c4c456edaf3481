import Foundation
import Glibc

/// Who holds a store's single-writer lock, found without touching the lock: taking it even for a moment
/// could make a daemon that starts in that instant refuse to run. The kernel lists every flock in
/// `/proc/locks` with its pid and the device and inode of the locked file.
package enum StoreLockHolder: Sendable, Equatable {
    /// A process (a running feedd) holds the lock.
    case running(pid: Int32)
    /// Nobody holds it: no daemon writes to this store.
    case stopped
    /// `/proc/locks` could not be read.
    case unknown

    package static func of(directory: String) -> StoreLockHolder {
        var info = stat()
        guard stat(directory + "/LOCK", &info) == 0 else { return .stopped }
        guard let locks = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) else { return .unknown }
        let device = UInt64(info.st_dev)
        let major = ((device >> 8) & 0xfff) | ((device >> 32) & ~UInt64(0xfff))
        let minor = (device & 0xff) | ((device >> 12) & ~UInt64(0xff))
        return holder(inProcLocks: locks, major: major, minor: minor, inode: UInt64(info.st_ino)).map { .running(pid: $0) } ?? .stopped
    }

    /// The pid of the FLOCK write lock on that file in `/proc/locks` text, whose lines read
    /// `3: FLOCK  ADVISORY  WRITE 18284 fe:00:16228070 0 EOF` (device numbers in hex).
    package static func holder(inProcLocks text: String, major: UInt64, minor: UInt64, inode: UInt64) -> Int32? {
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            // A blocked waiter's line starts with "->" after the number; only holders count.
            guard fields.count >= 6, fields[1] == "FLOCK", fields[3] == "WRITE" else { continue }
            let place = fields[5].split(separator: ":")
            guard place.count == 3, UInt64(place[0], radix: 16) == major, UInt64(place[1], radix: 16) == minor,
                UInt64(place[2]) == inode
            else { continue }
            return Int32(fields[4])
        }
        return nil
    }
}
