import FeeddCore
import Foundation

/// Fetches URLs over HTTP(S), many at once, on one libcurl multi handle driven by its own thread
/// (`curl_multi_poll`, woken by `curl_multi_wakeup`): idle, it sleeps in poll and costs nothing.
///
/// Requests wait in a queue until the global limit (`maxConnections`), the per-host limit
/// (`maxPerHost`) and the spacing between request starts to one host (`hostDelay`) allow them.
/// Redirects are followed here, not by libcurl, so every hop is recorded and loops are caught; a
/// hop keeps the first host's slot and is not delayed by `hostDelay`.
/// A 429 or 503 with `Retry-After` blocks its whole host until then: later requests to it fail at
/// once with `.hostBlocked`. Completions run on a global Dispatch queue, never on the fetch thread;
/// they should hand work on rather than block.
package final class Fetcher: Sendable {
    private let loop: FetchLoop

    package init(limits: FetchLimits = FetchLimits(), logger: Logger) {
        loop = FetchLoop(limits: limits, logger: logger)
    }

    deinit { loop.shutdown(deadline: 0) }

    /// Queues `request`; `completion` is called exactly once, also when the fetcher shuts down.
    package func fetch(
        _ request: FetchRequest, completion: @escaping @Sendable (Result<FetchResponse, FetchError>) -> Void
    ) {
        loop.submit(request, completion: completion)
    }

    package func fetch(_ request: FetchRequest) async -> Result<FetchResponse, FetchError> {
        await withCheckedContinuation { continuation in
            fetch(request) { continuation.resume(returning: $0) }
        }
    }

    /// Refuses requests to `host` until `until` (a host-wide `Retry-After`). A later date wins.
    package func blockHost(_ host: String, until: Date) { loop.blockHost(host, until: until) }

    /// When `host` may be asked again; nil when it is not blocked.
    package func hostBlockedUntil(_ host: String) -> Date? { loop.hostBlockedUntil(host) }

    /// Requests queued or running.
    package var inFlight: Int { loop.inFlight }

    /// Stops taking requests, fails the queued ones, lets running transfers finish for up to
    /// `deadline` seconds and then cuts them (`.shutdown`), and frees every libcurl resource.
    /// Returns when all of that is done. Safe to call more than once.
    package func shutdown(deadline: Double) { loop.shutdown(deadline: deadline) }
}
