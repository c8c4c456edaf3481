import FeeddCore
import FeeddHTTP
import Foundation

/// One GET for commands that accept a URL (`feedd extract URL`): the daemon's fetcher and limits,
/// the configured user agent when a feeds.conf is at hand.
enum FetchOnce {
    static func get(_ url: String, settings: Settings?) throws -> FetchResponse {
        let logger = Logger(sink: .standardError(level: .warning))
        let fetcher = Fetcher(limits: FetchLimits(maxConnections: 1, maxPerHost: 1, hostDelay: 0), logger: logger)
        defer { fetcher.shutdown(deadline: 1) }
        var request = FetchRequest(url: url, userAgent: settings?.userAgent ?? Settings.defaults.userAgent)
        if let settings {
            request.timeout = settings.timeout
            request.maxBytes = settings.maxBytes
        }
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var outcome: Result<FetchResponse, FetchError>? = nil
        fetcher.fetch(request) { result in
            outcome = result
            done.signal()
        }
        done.wait()
        switch outcome! {
        case .success(let response):
            guard (200...299).contains(response.status) else {
                throw FetchOnceError(message: "\(url): HTTP \(response.status)")
            }
            return response
        case .failure(let error):
            throw error
        }
    }
}

struct FetchOnceError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
