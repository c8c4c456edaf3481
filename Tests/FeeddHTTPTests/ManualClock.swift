import FeeddHTTP
import Foundation
import Synchronization

/// A clock that moves only when a test says so, for the fetcher's spacing, Retry-After and robots.txt
/// expiry: wall time starts at `start`, monotonic time at 1000 s, and both move together.
final class ManualClock: Sendable {
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    private let elapsed = Mutex<Double>(0)

    var now: Date { start.addingTimeInterval(elapsed.withLock { $0 }) }

    func advance(_ seconds: Double) { elapsed.withLock { $0 += seconds } }

    var fetchClock: FetchClock {
        FetchClock(
            now: { [self] in start.addingTimeInterval(elapsed.withLock { $0 }) },
            monotonic: { [self] in 1000 + elapsed.withLock { $0 } })
    }
}
