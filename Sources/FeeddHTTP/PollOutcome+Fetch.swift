import FeeddCore
import Foundation

extension PollOutcome {
    /// Reduces a fetch result to what the polling policy needs. `unconditional` says whether the
    /// request went out without validators (from `PollPolicy.validators`).
    package init(_ result: Result<FetchResponse, FetchError>, unconditional: Bool, now: Date = Date()) {
        switch result {
        case .success(let response):
            self.init(response, unconditional: unconditional)
        case .failure(let error):
            switch error.code {
            case .hostBlocked:
                self.init(
                    kind: .throttled, message: error.message, errorKind: error.code.name,
                    retryAfter: error.blockedUntil.map { max(0, $0.timeIntervalSince(now)) },
                    unconditional: unconditional)
            case .shutdown:
                self.init(kind: .cancelled, message: error.message, errorKind: error.code.name)
            default:
                self.init(kind: .failed, message: error.message, errorKind: error.code.name, unconditional: unconditional)
            }
        }
    }

    /// A complete HTTP answer: 2xx and 304 succeed, 429/503 throttle, 410 disables, a bot challenge
    /// and every other status fail.
    package init(_ response: FetchResponse, unconditional: Bool) {
        let kind: Kind
        switch response.status {
        case _ where response.isChallenge: kind = .failed
        case 200...299: kind = .modified
        case 304: kind = .notModified
        case 429, 503: kind = .throttled
        case 410: kind = .gone
        default: kind = .failed
        }
        let error = response.httpError ?? (kind == .failed ? FetchError(code: .http(response.status), url: response.effectiveURL, message: "HTTP \(response.status): unexpected status") : nil)
        self.init(
            kind: kind, status: response.status, message: error?.message, errorKind: error?.code.name,
            etag: response.etag, lastModified: response.lastModified, permanentTarget: response.permanentTarget,
            retryAfter: response.retryAfter, cacheMaxAge: response.cacheMaxAge, expires: response.expires,
            unconditional: unconditional)
    }
}
