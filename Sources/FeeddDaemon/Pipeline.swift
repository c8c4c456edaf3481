import FeeddContent
import FeeddCore
import FeeddHTTP
import FeeddStore
import Foundation

/// One source's road from a fetched answer to articles with their dedupe decisions: parse or extract →
/// normalize → decide. It holds no daemon state and may run on any thread (the daemon runs it on its
/// worker pool); fetching, storing, logging and counting are the caller's.
///
/// Feeds need one step. HTML sources (listing page → article pages) and `full_text` feeds (items whose
/// text is a teaser) need a second: `run` says which pages it wants, the caller fetches them, and
/// `resume` turns them into the poll's articles.
package struct Pipeline: Sendable {
    /// The source's effective settings, resolved once per config load.
    package let source: Source.Resolved
    package let dedupe: DedupeIndex
    package let normalizer: ArticleNormalizer
    /// Whether a web page found at a `type = auto` source's URL is searched for the feed it offers: only until
    /// the source first polled successfully, so a feed that serves a maintenance page one day is not probed.
    package let discoversFeeds: Bool
    /// A teaser shorter than this (in characters) is replaced by the item's page on `full_text` sources.
    package static let teaserLength = 600

    package init(source: Source.Resolved, dedupe: DedupeIndex, now: Date, discoversFeeds: Bool = true) {
        self.source = source
        self.dedupe = dedupe
        self.discoversFeeds = discoversFeeds
        normalizer = ArticleNormalizer(source: source, now: now)
    }

    /// The source's own document, fetched with a 2xx answer.
    package func run(_ response: FetchResponse) -> PipelineStep {
        source.type == .html ? listing(response) : feed(response)
    }

    /// The pages `run` asked for, each fetched or failed: the poll's articles.
    package func resume(_ wanted: PagesWanted, pages: [String: PageFetch]) -> PollArticles {
        var extracted: [String: ExtractedArticle] = [:]
        var failures: [PageFailure] = []
        for url in wanted.urls {
            guard let fetch = pages[url] else { continue }
            switch extract(fetch, url: url) {
            case .success(let page): extracted[url] = page
            case .failure(let failure): failures.append(failure)
            }
        }
        var articles: [Article]
        var counts: [(String, String)] = []
        switch wanted.origin {
        case .listing(let links):
            articles = wanted.urls.compactMap { url in
                extracted[url].map { normalizer.article(fromPage: $0, pageURL: url) }
            }
            counts = [("links", "\(links)"), ("pages", "\(wanted.urls.count)"), ("page_errors", "\(failures.count)")]
        case .fullText(let teasers):
            articles = teasers.map { article in
                guard let url = article.url, let page = extracted[url], !page.text.isEmpty else { return article }
                return normalizer.completed(article, with: page, pageURL: url)
            }
        }
        var result = filterAndDecide(articles)
        result.filtered += wanted.blockedLinks
        result.feedHint = wanted.feedHint
        result.counts = counts
        result.pageFailures = failures
        return result
    }

    /// The decision point for this source's articles (also `feedd import`'s): verdicts, the
    /// `near_duplicates` policy, and a reservation the caller resolves once the journal answered.
    package func decide(_ articles: [Article]) -> PollArticles {
        PollArticles(outcome: dedupe.decide(articles, nearDuplicates: source.nearDuplicates))
    }

    /// A poll's articles through the `keep`/`block` rules, then `decide`. An article the rules leave out is
    /// neither stored nor learned, so a later change of the rules can still take it. (`feedd import` does
    /// not filter: it acknowledges every line it is given.)
    func filterAndDecide(_ articles: [Article]) -> PollArticles {
        let admitted = source.filter.isEmpty ? articles : articles.filter(source.filter.admits)
        var result = decide(admitted)
        result.filtered = articles.count - admitted.count
        return result
    }

    // MARK: - Steps

    private func feed(_ response: FetchResponse) -> PipelineStep {
        let options = ParseOptions(source: source, url: response.effectiveURL, contentType: response.contentType)
        let feed: ParsedFeed
        do {
            feed = try FeedParser.parse(response.body, options: options)
        } catch {
            if discoversFeeds, error.code == .notAFeed, source.type == .auto, Self.isWebPage(response) {
                let candidates = FeedDiscovery.candidates(
                    response.body, pageURL: response.effectiveURL, contentType: response.contentType)
                if !candidates.isEmpty { return .discover(candidates) }
            }
            return .failed(kind: "parse_\(error.code)", message: "not a readable feed: \(error.message)")
        }
        let articles = feed.items.map { normalizer.article(from: $0, feed: feed, feedURL: response.effectiveURL) }
        let hint = [feed.ttl, feed.updatePeriod].compactMap { $0 }.max()
        if source.fullText {
            // Only items not stored yet cost a page fetch: a re-poll fetches nothing.
            var seen: Set<String> = []
            let teasers = articles.compactMap { article -> String? in
                // A page whose URL a block rule matches would be filtered anyway: not fetched.
                guard let url = article.url, (article.text?.count ?? 0) < Self.teaserLength, !dedupe.containsURL(url),
                    !source.filter.blocks(url: url)
                else {
                    return nil
                }
                return seen.insert(url).inserted ? url : nil
            }
            let urls = Array(teasers.prefix(source.maxArticles))
            if !urls.isEmpty {
                return .pages(PagesWanted(urls: urls, origin: .fullText(articles), feedHint: hint))
            }
        }
        var result = filterAndDecide(articles)
        result.feedHint = hint
        return .articles(result)
    }

    /// An HTML page, by its media type or, without one, by its first bytes.
    static func isWebPage(_ response: FetchResponse) -> Bool {
        if let type = response.contentType?.lowercased() { return type.contains("html") }
        let head = response.body.prefix(512).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        return head.firstRange(of: Array("<html".utf8)) != nil || head.firstRange(of: Array("<!doctype html".utf8)) != nil
    }

    private func listing(_ response: FetchResponse) -> PipelineStep {
        let links: [String]
        do {
            links = try LinkDiscovery.articleLinks(
                response.body, pageURL: response.effectiveURL, contentType: response.contentType, selector: source.links)
        } catch {
            return .failed(kind: "listing", message: "listing page: \(error)")
        }
        var seen: Set<String> = []
        let canonical = links.compactMap { normalizer.canonicalizer.canonicalize($0) }.filter { seen.insert($0).inserted }
        // Only pages not in the store yet are fetched, at most max_articles per poll; a link a block rule
        // matches is filtered without its page (it is never learned, so it would be fetched every poll).
        // Each link meets the block rules once.
        var blocked = 0
        let unblocked = canonical.filter { url in
            guard source.filter.blocks(url: url) else { return true }
            blocked += 1
            return false
        }
        let fresh = Array(unblocked.lazy.filter { !dedupe.containsURL($0) }.prefix(source.maxArticles))
        var wanted = PagesWanted(urls: fresh, origin: .listing(links: canonical.count), feedHint: nil)
        wanted.blockedLinks = blocked
        return .pages(wanted)
    }

    private func extract(_ fetch: PageFetch, url: String) -> Result<ExtractedArticle, PageFailure> {
        switch fetch {
        case .failure(let error):
            return .failure(PageFailure(url: url, reason: error.message))
        case .success(let response) where !(200...299).contains(response.status):
            return .failure(PageFailure(url: url, reason: "HTTP \(response.status)"))
        case .success(let response):
            let options = ExtractOptions(source: source, url: response.effectiveURL, contentType: response.contentType)
            do {
                return .success(try ArticleExtractor.extract(response.body, options: options))
            } catch {
                return .failure(PageFailure(url: url, reason: "\(error)"))
            }
        }
    }
}
