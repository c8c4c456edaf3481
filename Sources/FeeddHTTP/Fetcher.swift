import FeeddCore
import Foundation

/// Fetches URLs over HTTP(S), many at once, on one libcurl multi handle driven by its own thread
/// (`curl_multi_poll`, woken by `curl_multi_wakeup`): idle or waiting for a host's next slot, it sleeps
/// in poll and costs nothing.
///
/// The fetcher alone decides when a host may be contacted. Requests wait until the global limit
/// (`maxConnections`), the per-host limit (`maxPerHost`) and the spacing between request starts to one
/// host (`hostDelay`) allow them. A 429 or 503 with `Retry-After` blocks its whole host until then:
/// requests to it, queued or new, fail with `.hostBlocked` and `blockedUntil` (the caller reschedules).
/// A request with a `RobotsPolicy` that obeys is checked against its site's robots.txt first
/// (`RobotsCache`); a disallowed one fails with `.robotsDisallowed`.
/// Redirects are followed here, not by libcurl, so every hop is recorded and loops are caught; a
/// hop keeps the first host's slot and is not delayed by `hostDelay`.
/// Completions run on a global Dispatch queue, never on the fetch thread; they should hand work on
/// rather than block.
package final class Fetcher: Sendable {
    private let loop: FetchLoop
    private let robots: RobotsCache

    /// `clock` is the system's unless a test injects its own (see `FetchClock`).
    package init(limits: FetchLimits = FetchLimits(), clock: FetchClock = .system, logger: Logger) {
        let loop = FetchLoop(limits: limits, clock: clock, logger: logger)
        self.loop = loop
        robots = RobotsCache(maxBytes: limits.robotsMaxBytes, clock: clock) { request, completion in
            loop.submit(request, completion: completion)
        }
    }

    deinit { loop.shutdown(deadline: 0) }

    /// Queues `request`; `completion` is called exactly once, also when the fetcher shuts down.
    package func fetch(
        _ request: FetchRequest, completion: @escaping @Sendable (Result<FetchResponse, FetchError>) -> Void
    ) {
        guard let policy = request.robots, policy.obey else {
            loop.submit(request, completion: completion)
            return
        }
        let loop = self.loop
        robots.check(request, agent: policy.agent) { verdict in
            switch verdict {
            case .allowed:
                loop.submit(request, completion: completion)
            case .disallowed(let robotsURL, let reason):
                let message =
                    reason.map {
                        "\(robotsURL) could not be fetched (\($0)), so the site's pages are not fetched for now; robots = ignore overrides"
                    } ?? "\(robotsURL) disallows \(request.url) for \(policy.agent); robots = ignore overrides"
                let error = FetchError(code: .robotsDisallowed, url: request.url, message: message)
                DispatchQueue.global().async { completion(.failure(error)) }
            case .failed(var error):
                error.url = request.url
                DispatchQueue.global().async { [error] in completion(.failure(error)) }
            }
        }
    }

    package func fetch(_ request: FetchRequest) async -> Result<FetchResponse, FetchError> {
        await withCheckedContinuation { continuation in
            fetch(request) { continuation.resume(returning: $0) }
        }
    }

    /// Requests queued or running (one waiting for its site's robots.txt counts once that has arrived).
    package var inFlight: Int { loop.inFlight }

    /// Stops taking requests, fails the queued ones, lets running transfers finish for up to
    /// `deadline` seconds and then cuts them (`.shutdown`), and frees every libcurl resource.
    /// Returns when all of that is done. Safe to call more than once.
    package func shutdown(deadline: Double) { loop.shutdown(deadline: deadline) }
}

extension Fetcher {
    /// The host of an http(s) URL as the fetcher keys its limits: lowercase, IDN in punycode, no port;
    /// nil when there is none.
    package static func host(of url: String) -> String? { URLOrigin(url)?.host }
}
