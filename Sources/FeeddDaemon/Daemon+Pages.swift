import Dispatch
import FeeddContent
import FeeddCore
import FeeddHTTP
import Foundation

/// Article pages: HTML sources (listing page → new article pages) and `full_text` feeds
/// (a feed item's own page when the feed carries only a teaser). Pages go through the same
/// fetcher, so per-host limits and spacing hold; robots.txt is obeyed unless `robots = ignore`.
extension Daemon {
    /// An extracted page, or why there is none.
    typealias PageResult = Result<ExtractedArticle, PageError>

    struct PageError: Error, CustomStringConvertible {
        var url: String
        var reason: String
        var description: String { "\(url): \(reason)" }
    }

    /// Discovers article links on a fetched listing page, then fetches and extracts the new ones.
    func pollListing(_ source: Source, response: FetchResponse, outcome: PollOutcome, started: Date) {
        let body = response.body
        let pageURL = response.effectiveURL
        let contentType = response.contentType
        let selector = source.links
        workers.addOperation { [weak self] in
            let links = Result { () throws(ExtractError) -> [String] in
                try LinkDiscovery.articleLinks(body, pageURL: pageURL, contentType: contentType, selector: selector)
            }
            guard let self else { return }
            self.queue.async {
                switch links {
                case .failure(let error):
                    self.finish(
                        source.name, outcome: outcome.failing("listing page: \(error)", kind: "listing"), tally: nil,
                        bytes: Int64(response.body.count), started: started)
                case .success(let links):
                    self.fetchNewArticles(source, links: links, response: response, outcome: outcome, started: started)
                }
            }
        }
    }

    private func fetchNewArticles(
        _ source: Source, links: [String], response: FetchResponse, outcome: PollOutcome, started: Date
    ) {
        let canonicalizer = URLCanonicalizer(stripParams: config.resolved(source).stripParams)
        var seen: Set<String> = []
        let canonical = links.compactMap { canonicalizer.canonicalize($0) }.filter { seen.insert($0).inserted }
        // Only pages not in the store yet are fetched, at most max_articles per poll.
        let fresh = Array(canonical.filter { !dedupe.containsURL($0) }.prefix(source.maxArticles))
        fetchPages(fresh, for: source) { [unowned self] results in
            let now = options.now()
            let normalizer = ArticleNormalizer(source: source, settings: config.settings, now: now)
            var articles: [Article] = []
            var failures: [PageError] = []
            for url in fresh {
                switch results[url] {
                case .success(let page)?: articles.append(normalizer.article(fromPage: page, pageURL: url, sanitizer: sanitizer(for: url)))
                case .failure(let error)?: failures.append(error)
                case nil: break
                }
            }
            for failure in failures.prefix(3) {
                logger.info("page_failed", ["source": source.name, "url": failure.url, "error": failure.reason])
            }
            store(
                source.name, articles: articles, feedHint: nil, outcome: outcome, response: response, started: started,
                extra: [("links", "\(canonical.count)"), ("pages", "\(fresh.count)"), ("page_errors", "\(failures.count)")])
        }
    }

    /// For `full_text` sources: replaces a teaser with the body extracted from the item's page,
    /// for items dedupe has not seen (re-polls cost no page fetches).
    func completeFullText(_ source: Source, articles: [Article], completion: @escaping ([Article]) -> Void) {
        let wanted = articles.filter { article in
            guard let url = article.url, !dedupe.containsURL(url) else { return false }
            return (article.text?.count ?? 0) < 600
        }.compactMap(\.url)
        let urls = Array(Set(wanted).prefix(source.maxArticles))
        guard !urls.isEmpty else {
            completion(articles)
            return
        }
        fetchPages(urls, for: source) { [unowned self] results in
            let completed = articles.map { article -> Article in
                guard let url = article.url, case .success(let page)? = results[url], !page.text.isEmpty else { return article }
                var article = article
                article.content = sanitizer(for: url).sanitize(page.html)
                article.text = page.text
                article.digestText()
                if article.author == nil, !page.authors.isEmpty { article.author = page.authors.joined(separator: ", ") }
                if article.image == nil { article.image = page.image }
                return article
            }
            completion(completed)
        }
    }

    func sanitizer(for url: String) -> Sanitizer {
        Sanitizer(baseURL: url, iframeHosts: config.settings.iframeHosts)
    }

    /// Fetches and extracts `urls`; calls `completion` on `queue` once every one has an answer.
    func fetchPages(_ urls: [String], for source: Source, completion: @escaping ([String: PageResult]) -> Void) {
        guard !urls.isEmpty else {
            completion([:])
            return
        }
        let batch = PageBatch(count: urls.count, completion: completion)
        for url in urls {
            allowedByRobots(url, source: source) { [unowned self] allowed in
                guard allowed else {
                    batch.done(url, .failure(PageError(url: url, reason: "robots.txt disallows it (robots = ignore overrides)")))
                    return
                }
                var request = makeRequest(source, state: SourceState(name: source.name))
                request.url = url
                let options = ExtractOptions(
                    url: url, contentType: nil, contentSelector: source.content, excludeSelector: source.exclude)
                fetcher.fetch(request) { [weak self] result in
                    guard let self else { return }
                    switch result {
                    case .failure(let error):
                        self.queue.async { batch.done(url, .failure(PageError(url: url, reason: error.description))) }
                    case .success(let response) where !(200...299).contains(response.status):
                        self.queue.async { batch.done(url, .failure(PageError(url: url, reason: "HTTP \(response.status)"))) }
                    case .success(let response):
                        var pageOptions = options
                        pageOptions.url = response.effectiveURL
                        pageOptions.contentType = response.contentType
                        let extractOptions = pageOptions
                        self.workers.addOperation {
                            let page: PageResult
                            do {
                                page = .success(try ArticleExtractor.extract(response.body, options: extractOptions))
                            } catch {
                                page = .failure(PageError(url: url, reason: "\(error)"))
                            }
                            self.queue.async { batch.done(url, page) }
                        }
                    }
                }
            }
        }
    }

    /// robots.txt, fetched once per host and kept for a day; a missing one (4xx) allows everything,
    /// an unreachable one (5xx, network) disallows for now, as RFC 9309 asks.
    func allowedByRobots(_ url: String, source: Source, completion: @escaping (Bool) -> Void) {
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
        var request = makeRequest(source, state: SourceState(name: source.name))
        request.url = origin + "/robots.txt"
        request.maxBytes = config.resolved(source).robotsMaxBytes
        let agent = config.resolved(source).userAgent.split(separator: "/").first.map(String.init) ?? "feedd"
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
    private var results: [String: Daemon.PageResult] = [:]
    private var remaining: Int
    private let completion: ([String: Daemon.PageResult]) -> Void

    init(count: Int, completion: @escaping ([String: Daemon.PageResult]) -> Void) {
        remaining = count
        self.completion = completion
    }

    func done(_ url: String, _ result: Daemon.PageResult) {
        results[url] = result
        remaining -= 1
        if remaining == 0 { completion(results) }
    }
}
