import FeeddCore
import FeeddHTTP
import Foundation
import Synchronization

/// A logger whose lines go nowhere: the tests check results, not log text.
let quietLogger = Logger(sink: LogSink(level: .error, style: .stream, write: { _ in }))

func makeFetcher(
    maxConnections: Int = 32, maxPerHost: Int = 8, hostDelay: Double = 0, robotsMaxBytes: Int64 = 512 << 10,
    clock: FetchClock = .system
) -> Fetcher {
    Fetcher(
        limits: FetchLimits(
            maxConnections: maxConnections, maxPerHost: maxPerHost, hostDelay: hostDelay, robotsMaxBytes: robotsMaxBytes),
        clock: clock, logger: quietLogger)
}

extension Result where Success == FetchResponse, Failure == FetchError {
    var response: FetchResponse? {
        if case .success(let response) = self { return response }
        return nil
    }
    var error: FetchError? {
        if case .failure(let error) = self { return error }
        return nil
    }
}

/// Collects results from completion handlers running on other threads.
final class ResultBox: Sendable {
    private let results = Mutex<[Result<FetchResponse, FetchError>]>([])

    func add(_ result: Result<FetchResponse, FetchError>) { results.withLock { $0.append(result) } }
    var all: [Result<FetchResponse, FetchError>] { results.withLock { $0 } }
    var count: Int { results.withLock { $0.count } }
}
