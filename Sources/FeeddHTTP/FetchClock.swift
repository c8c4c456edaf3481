import Foundation
import Glibc

/// The fetcher's clocks for politeness: wall time for the dates it hands out (a response's arrival,
/// the end of a `Retry-After`, when a robots.txt expires) and a monotonic one for spacing request starts
/// to a host. Tests inject one manual clock for both, so expiry and spacing need no sleeping. (Transfer
/// timeouts and the shutdown deadline always run on the real monotonic clock, as libcurl's own timers do.)
package struct FetchClock: Sendable {
    package var now: @Sendable () -> Date
    /// Seconds on a scale that never jumps back.
    package var monotonic: @Sendable () -> Double

    package init(now: @escaping @Sendable () -> Date, monotonic: @escaping @Sendable () -> Double) {
        self.now = now
        self.monotonic = monotonic
    }

    package static let system = FetchClock(now: { Date() }, monotonic: FetchClock.monotonicNow)

    /// `CLOCK_MONOTONIC` in seconds.
    package static func monotonicNow() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
