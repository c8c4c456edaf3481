import FeeddCore
import Foundation
import Synchronization

/// robots.txt per origin (RFC 9309 §2.3), for requests that carry a `RobotsPolicy`. Fetched through
/// the fetcher itself, so host limits, spacing and `Retry-After` hold for it too, once per origin,
/// and kept a day. Requests for an origin whose robots.txt is on its way wait for that one fetch.
///
/// - 2xx: its rules apply; of a file over `maxBytes`, the rules in its first `maxBytes` (§2.5).
/// - 4xx, or redirects that lead nowhere: the file is unavailable, everything is allowed.
/// - 5xx, 429 or no answer at all: the site is unreachable, everything is disallowed, and it is asked
///   again after `unreachableRetry` rather than in a day.
///
/// State is guarded by one mutex; verdicts are handed over outside it.
final class RobotsCache: Sendable {
    enum Verdict: Sendable {
        case allowed
        /// `robotsURL` disallows the request; `reason` says why when the file could not be had.
        case disallowed(robotsURL: String, reason: String?)
        /// No verdict: the robots.txt request itself was refused (the host asked everyone to wait,
        /// or the fetcher shut down).
        case failed(FetchError)
    }

    typealias Fetch = @Sendable (FetchRequest, @escaping @Sendable (Result<FetchResponse, FetchError>) -> Void) -> Void

    private enum Rules {
        case text(String)
        case allowAll
        /// The file could not be had, for this reason.
        case unreachable(String)
    }

    private struct Entry {
        var rules: Rules
        var expires: Date
        /// The rules parsed for each agent that asked, so a file is parsed once per agent.
        var parsed: [String: RobotsTxt] = [:]
    }

    private struct Waiter {
        var target: String
        var agent: String
        var verdict: @Sendable (Verdict) -> Void
    }

    private struct State {
        var entries: [String: Entry] = [:]
        /// Origins whose robots.txt is being fetched, with the requests waiting for it.
        var waiting: [String: [Waiter]] = [:]
    }

    /// How long a fetched (or missing) robots.txt is kept.
    static let lifetime: Double = 24 * 3600
    /// How soon an unreachable one is asked again.
    static let unreachableRetry: Double = 600

    private let state = Mutex(State())
    private let maxBytes: Int64
    private let clock: FetchClock
    private let fetch: Fetch

    /// `fetch` sends the robots.txt requests (the fetcher's queue, without robots checks).
    init(maxBytes: Int64, clock: FetchClock, fetch: @escaping Fetch) {
        self.maxBytes = maxBytes
        self.clock = clock
        self.fetch = fetch
    }

    /// Decides whether `request` may go to its host for `agent`; `verdict` is called exactly once,
    /// at once when the origin's robots.txt is known, otherwise once it has been fetched. A URL
    /// without an http(s) origin is allowed here: the fetcher refuses it with the reason.
    func check(_ request: FetchRequest, agent: String, verdict: @escaping @Sendable (Verdict) -> Void) {
        guard let (origin, target) = URLOrigin.split(request.url) else {
            verdict(.allowed)
            return
        }
        let key = origin.string
        let now = clock.now()
        enum Step {
            case decided(Verdict)
            case wait
            case fetch
        }
        let step = state.withLock { state -> Step in
            if var entry = state.entries[key], entry.expires > now {
                let decided = Self.decide(&entry, target: target, agent: agent, origin: key)
                state.entries[key] = entry
                return .decided(decided)
            }
            let first = state.waiting[key] == nil
            state.waiting[key, default: []].append(Waiter(target: target, agent: agent, verdict: verdict))
            return first ? .fetch : .wait
        }
        switch step {
        case .decided(let decided): verdict(decided)
        case .wait: break
        case .fetch:
            var robots = request
            robots.url = key + "/robots.txt"
            robots.etag = nil
            robots.lastModified = nil
            robots.maxBytes = maxBytes
            robots.cutAtMaxBytes = true
            robots.robots = nil
            fetch(robots) { [self] result in learned(key, result) }
        }
    }

    /// The robots.txt of `origin` arrived (or did not): keeps it and answers everyone waiting.
    private func learned(_ origin: String, _ result: Result<FetchResponse, FetchError>) {
        let rules: Rules
        var keep = Self.lifetime
        switch result {
        case .success(let response) where (200...299).contains(response.status):
            var body = response.body[...]
            // Cut at the cap: a last partial line could turn into a broader rule than the file wrote.
            if Int64(body.count) >= maxBytes, let newline = body.lastIndex(of: UInt8(ascii: "\n")) {
                body = body[...newline]
            }
            rules = .text(String(decoding: body, as: UTF8.self))
        case .success(let response) where response.status == 429 || response.status >= 500:
            rules = .unreachable("it answered HTTP \(response.status)")
            keep = Self.unreachableRetry
        case .success:
            rules = .allowAll
        case .failure(let error):
            switch error.code {
            case .hostBlocked, .shutdown:
                // Not an answer about robots.txt: each waiting request fails as it would have.
                let waiters = state.withLock { $0.waiting.removeValue(forKey: origin) ?? [] }
                for waiter in waiters { waiter.verdict(.failed(error)) }
                return
            case .tooManyRedirects, .redirectLoop, .protocolRefused:
                // RFC 9309 §2.3.1.2: redirects that do not end in a file mean it is unavailable.
                rules = .allowAll
            default:
                rules = .unreachable("\(error.code.name): \(error.message)")
                keep = Self.unreachableRetry
            }
        }
        let expires = clock.now().addingTimeInterval(keep)
        let answers = state.withLock { state -> [(Waiter, Verdict)] in
            var entry = Entry(rules: rules, expires: expires)
            let waiters = state.waiting.removeValue(forKey: origin) ?? []
            let answers = waiters.map { ($0, Self.decide(&entry, target: $0.target, agent: $0.agent, origin: origin)) }
            if state.entries.count >= 1024 { state.entries = state.entries.filter { $0.value.expires > clock.now() } }
            state.entries[origin] = entry
            return answers
        }
        for (waiter, verdict) in answers { waiter.verdict(verdict) }
    }

    private static func decide(_ entry: inout Entry, target: String, agent: String, origin: String) -> Verdict {
        let robotsURL = origin + "/robots.txt"
        switch entry.rules {
        case .allowAll:
            return .allowed
        case .unreachable(let reason):
            return .disallowed(robotsURL: robotsURL, reason: reason)
        case .text(let text):
            let key = agent.lowercased()
            let rules = entry.parsed[key] ?? RobotsTxt(text, agent: key)
            entry.parsed[key] = rules
            return rules.allows(target) ? .allowed : .disallowed(robotsURL: robotsURL, reason: nil)
        }
    }
}
