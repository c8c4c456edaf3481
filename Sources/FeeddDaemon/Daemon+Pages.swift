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
            var request = FetchRequest(source: source, url: url)
            // The fetcher reads the site's robots.txt (once per origin) and refuses what it disallows.
            request.robots = RobotsPolicy(userAgent: request.userAgent, obey: source.obeyRobots)
            fetcher.fetch(request) { [weak self] result in
                self?.queue.async { batch.done(url, result) }
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
