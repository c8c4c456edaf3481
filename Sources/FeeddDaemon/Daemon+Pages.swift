import Dispatch
import FeeddContent
import FeeddCore
import FeeddHTTP
import Foundation

/// Article pages the pipeline asks for: HTML sources (listing page → new article pages) and `full_text`
/// feeds (a feed item's own page when the feed carries only a teaser). Pages go through the same
/// fetcher, so per-host limits and spacing hold; robots.txt is obeyed unless `robots = ignore`.
extension Daemon {
    /// Fetches `urls` (article pages the pipeline asked for); calls `completion` on `queue` once every one
    /// has an answer. Extraction is the pipeline's, on the worker pool.
    func fetchPages(_ urls: [String], for source: Source.Resolved, completion: @escaping ([String: PageFetch]) -> Void) {
        guard !urls.isEmpty else {
            completion([:])
            return
        }
        let batch = PageBatch(count: urls.count, completion: completion)
        for url in urls {
            allowedByRobots(url, source: source) { [unowned self] allowed in
                guard allowed else {
                    batch.done(url, .failure(FetchError(
                        code: .other, url: url, message: "robots.txt disallows it (robots = ignore overrides)")))
                    return
                }
                fetcher.fetch(FetchRequest(source: source, url: url)) { [weak self] result in
                    self?.queue.async { batch.done(url, result) }
                }
            }
        }
    }

    /// robots.txt, fetched once per host and kept for a day; a missing one (4xx) allows everything,
    /// an unreachable one (5xx, network) disallows for now, as RFC 9309 asks.
    func allowedByRobots(_ url: String, source: Source.Resolved, completion: @escaping (Bool) -> Void) {
        guard source.obeyRobots, let parsed = URL(string: url), let scheme = parsed.scheme, let host = parsed.host else {
            completion(true)
            return
        }
        let origin = "\(scheme)://\(host)" + (parsed.port.map { ":\($0)" } ?? "")
        var path = parsed.path.isEmpty ? "/" : parsed.path
        if let query = parsed.query { path += "?" + query }
        let now = options.now()
        if let cached = robots[origin], cached.expires > now {
            completion(cached.rules.allows(path))
            return
        }
        if robotsWaiters[origin] != nil {
            robotsWaiters[origin]!.append { rules in completion(rules.allows(path)) }
            return
        }
        robotsWaiters[origin] = [{ rules in completion(rules.allows(path)) }]
        var request = FetchRequest(source: source, url: origin + "/robots.txt")
        request.maxBytes = source.robotsMaxBytes
        let agent = source.userAgent.split(separator: "/").first.map(String.init) ?? "feedd"
        fetcher.fetch(request) { [weak self] result in
            guard let self else { return }
            self.queue.async {
                let rules: RobotsTxt
                var keep: Double = 86_400
                switch result {
                case .success(let response) where (200...299).contains(response.status):
                    rules = RobotsTxt(String(decoding: response.body, as: UTF8.self), agent: agent)
                case .success(let response) where (400...499).contains(response.status):
                    rules = .allowAll
                default:
                    // Unreachable: assume disallowed, and ask again soon rather than in a day.
                    rules = RobotsTxt("User-agent: *\nDisallow: /\n", agent: agent)
                    keep = 600
                }
                self.robots[origin] = (rules, self.options.now().addingTimeInterval(keep))
                let waiters = self.robotsWaiters.removeValue(forKey: origin) ?? []
                for waiter in waiters { waiter(rules) }
            }
        }
    }
}

/// Collects the pages of one poll until each has an answer.
/// Unchecked Sendable: created and used only on the daemon's queue; closures carry it across
/// the fetcher and workers but call `done` back on that queue.
final class PageBatch: @unchecked Sendable {
    private var results: [String: PageFetch] = [:]
    private var remaining: Int
    private let completion: ([String: PageFetch]) -> Void

    init(count: Int, completion: @escaping ([String: PageFetch]) -> Void) {
        remaining = count
        self.completion = completion
    }

    func done(_ url: String, _ result: PageFetch) {
        results[url] = result
        remaining -= 1
        if remaining == 0 { completion(results) }
    }
}
