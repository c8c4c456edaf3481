#if FEEDD_FAULTS
import Glibc
import Synchronization

/// The one seam through which tests make file operations fail (ENOSPC, EIO) on real files.
/// Faults are scoped to paths under a prefix, so tests running in parallel in one process do not disturb
/// each other. Compiled only with `-D FEEDD_FAULTS` (debug builds, see Package.swift): release has no seam.
package enum FaultInjection {
    package enum Operation: Sendable, Equatable {
        /// `write`/`pwrite`, `fsync`/`fdatasync` of a file, `ftruncate`, and `fsync` of a directory.
        case write, sync, truncate, directorySync
    }

    private struct Fault {
        var operation: Operation
        var pathPrefix: String
        var errno: Int32
        var remaining: Int
    }

    private static let armed = Atomic<Int>(0)
    private static let faults = Mutex<[Fault]>([])

    /// Makes the next `times` operations of kind `operation` on files under `pathPrefix` fail with `errno`.
    package static func arm(_ operation: Operation, errno: Int32, pathPrefix: String, times: Int = 1) {
        faults.withLock {
            $0.append(Fault(operation: operation, pathPrefix: pathPrefix, errno: errno, remaining: times))
        }
        armed.add(1, ordering: .sequentiallyConsistent)
    }

    /// Removes every fault under `pathPrefix`.
    package static func disarm(pathPrefix: String) {
        let removed = faults.withLock { list -> Int in
            let before = list.count
            list.removeAll { $0.pathPrefix == pathPrefix }
            return before - list.count
        }
        if removed > 0 { armed.subtract(removed, ordering: .sequentiallyConsistent) }
    }

    /// The errno to fail with, consuming one use of a matching fault; nil when the operation should run.
    @inline(__always)
    static func check(_ operation: Operation, path: String) -> Int32? {
        guard armed.load(ordering: .relaxed) > 0 else { return nil }
        return faults.withLock { list -> Int32? in
            guard let index = list.firstIndex(where: { $0.operation == operation && path.hasPrefix($0.pathPrefix) })
            else { return nil }
            let code = list[index].errno
            list[index].remaining -= 1
            if list[index].remaining <= 0 {
                list.remove(at: index)
                armed.subtract(1, ordering: .sequentiallyConsistent)
            }
            return code
        }
    }
}
#endif
