import Glibc

/// Polls `condition` every few milliseconds until it holds or `timeout` seconds pass; returns whether
/// it held. For tests that wait on other threads or processes, where no clock can be injected.
package func waitUntil(timeout: Double, _ condition: () -> Bool) -> Bool {
    let deadline = TestSocket.monotonicNow() + timeout
    while true {
        if condition() { return true }
        if TestSocket.monotonicNow() >= deadline { return false }
        usleep(5_000)
    }
}

/// The same for async tests (write `await waitUntil(…)`): sleeps with `Task.sleep`, so a waiting test
/// does not hold one of the few threads that run every other test's tasks. A costly `condition` (one that
/// asks a server) is evaluated less often with a longer `every` (seconds).
package func waitUntil(timeout: Double, every interval: Double = 0.005, _ condition: () -> Bool) async -> Bool {
    let deadline = TestSocket.monotonicNow() + timeout
    while true {
        if condition() { return true }
        if TestSocket.monotonicNow() >= deadline { return false }
        try? await Task.sleep(nanoseconds: UInt64(interval * 1e9))
    }
}
