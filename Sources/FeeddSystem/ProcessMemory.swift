import Foundation
import Glibc

/// The process's own resident memory (for the summary log line), and glibc's allocator controls.
package enum ProcessMemory {
    /// VmRSS from /proc/self/status, in MiB; nil where /proc is unavailable.
    package static func residentMegabytes() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let digits = line.split(separator: " ").dropFirst().first.flatMap { Double($0) }
            return digits.map { $0 / 1024 }
        }
        return nil
    }

    /// Fixes glibc's mmap threshold (`mallopt(M_MMAP_THRESHOLD, bytes)`), so that blocks at least this large
    /// (feed bodies, journal reads) are always mapped and unmapped. By default glibc raises the threshold to the
    /// size of each large block freed (up to 32 MiB); after the store's start-up reads and the first big bodies,
    /// such buffers come from the heap arenas, which keep freed pages, and a long-running daemon's RSS creeps up.
    /// Returns false when the C library has no `mallopt` (not glibc).
    @discardableResult
    package static func pinMmapThreshold(bytes: Int32 = 256 * 1024) -> Bool {
        guard let mallopt = Allocator.mallopt else { return false }
        return mallopt(Allocator.mmapThreshold, bytes) == 1
    }

    /// Returns freed heap memory to the kernel (`malloc_trim(0)`): after start-up (rebuilding the dedupe index
    /// decodes the whole journal) and after a reload, whose transient allocations would otherwise stay resident.
    package static func releaseFreeMemory() {
        _ = Allocator.mallocTrim?(0)
    }

    /// `malloc.h` is not part of Swift's Glibc module: its two functions are looked up in the running process.
    private enum Allocator {
        /// `M_MMAP_THRESHOLD` from glibc's malloc.h.
        static let mmapThreshold: Int32 = -3
        static let mallopt = dlsym(dlopen(nil, RTLD_NOW), "mallopt").map {
            unsafeBitCast($0, to: (@convention(c) (Int32, Int32) -> Int32).self)
        }
        static let mallocTrim = dlsym(dlopen(nil, RTLD_NOW), "malloc_trim").map {
            unsafeBitCast($0, to: (@convention(c) (Int) -> Int32).self)
        }
    }
}
