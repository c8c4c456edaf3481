import Dispatch
import FeeddContent
import FeeddCore
import FeeddHTTP
import FeeddStore
import Foundation

/// One poll: fetch, then parse on the worker pool, then normalize, dedupe and append.
/// Every function here runs on `queue` unless it says otherwise.
extension Daemon {
    func poll(_ name: String) {
        guard !stopping, let source = config.source(named: name), var state = states[name], !state.disabled else {
            return
        }
        if inFlight.contains(name) { return }
        let now = options.now()
        if let host = URL(string: state.effectiveURL ?? source.url)?.host?.lowercased(),
            let blocked = fetcher.hostBlockedUntil(host), blocked > now
        {
            // The whole host asked us to wait (Retry-After); not a failure.
            scheduler.schedule(name, at: blocked.addingTimeInterval(options.random() * 5))
            return
        }
        let unconditional = state.lastUnconditional.map { now.timeIntervalSince($0) >= config.settings.revalidate } ?? true
        let request = makeRequest(source, state: state, conditional: !unconditional)
        if unconditional { state.lastUnconditional = now }
        states[name] = state
        inFlight.insert(name)
        pollsInFlight.enter()
        let started = Date()
        fetcher.fetch(request) { [weak self] result in
            guard let self else { return }
            self.queue.async { self.fetched(name, request: request, result: result, started: started) }
        }
    }

    /// The poll of `name` is over (finished, or dropped because a reload removed its source).
    func endPoll(_ name: String) {
        if inFlight.remove(name) != nil { pollsInFlight.leave() }
    }

    func makeRequest(_ source: Source, state: SourceState, conditional: Bool) -> FetchRequest {
        let settings = config.settings
        var request = FetchRequest(url: state.effectiveURL ?? source.url, userAgent: source.userAgent ?? settings.userAgent)
        request.headers = source.headers
        if conditional {
            request.etag = state.etag
            request.lastModified = state.lastModified
        }
        request.proxy = source.proxy
        request.timeout = source.timeout ?? settings.timeout
        request.connectTimeout = min(settings.connectTimeout, request.timeout)
        request.maxBytes = source.maxBytes ?? settings.maxBytes
        request.caFile = source.caFile
        request.insecure = source.insecure
        return request
    }

    private func fetched(_ name: String, request: FetchRequest, result: Result<FetchResponse, FetchError>, started: Date) {
        guard let source = config.source(named: name) else {
            endPoll(name)
            return
        }
        switch result {
        case .failure(let error) where error.code == .hostBlocked:
            deferForBlockedHost(name, url: request.url)
        case .failure(let error):
            finish(name, outcome: .failed(status: nil, reason: error.description), response: nil, started: started)
        case .success(let response):
            switch response.status {
            case 200...299:
                if source.type == .html {
                    pollListing(source, response: response, started: started)
                } else {
                    parse(source, response: response, started: started)
                }
            case 304:
                finish(name, outcome: .notModified, response: response, started: started)
            case 429, 503:
                finish(name, outcome: .rateLimited(retryAfter: response.retryAfter), response: response, started: started)
            case 410:
                finish(name, outcome: .gone, response: response, started: started)
            default:
                let reason = response.httpError?.description ?? "HTTP \(response.status) from \(response.effectiveURL)"
                finish(name, outcome: .failed(status: response.status, reason: reason), response: response, started: started)
            }
        }
    }

    /// The fetcher held the request back because its host asked everyone to wait (a Retry-After answered to
    /// another source of that host): not this source's failure, so no streak and no backoff. It polls again
    /// when the wait is over, like a source whose poll came due during the wait.
    private func deferForBlockedHost(_ name: String, url: String) {
        endPoll(name)
        guard !stopping else { return }
        let now = options.now()
        var until = now
        if let host = URL(string: url)?.host?.lowercased(), let blocked = fetcher.hostBlockedUntil(host) { until = blocked }
        scheduler.schedule(name, at: until.addingTimeInterval(options.random() * 5))
    }

    /// Parses off the state queue, then comes back to normalize, dedupe and store.
    private func parse(_ source: Source, response: FetchResponse, started: Date) {
        let options = ParseOptions(
            url: response.effectiveURL, contentType: response.contentType, maxBytes: Int(config.settings.maxBytes),
            iframeHosts: config.settings.iframeHosts)
        let settings = config.settings
        let now = self.options.now()
        workers.addOperation { [weak self] in
            let outcome = Result { () throws(FeedParseError) -> (ParsedFeed, [Article]) in
                let feed = try FeedParser.parse(response.body, options: options)
                let normalizer = ArticleNormalizer(source: source, settings: settings, now: now)
                return (feed, feed.items.map { normalizer.article(from: $0, feed: feed, feedURL: response.effectiveURL) })
            }
            guard let self else { return }
            self.queue.async {
                switch outcome {
                case .success(let (feed, articles)):
                    let hint = [feed.ttl, feed.updatePeriod].compactMap { $0 }.max()
                    guard source.fullText else {
                        self.store(source.name, articles: articles, feedHint: hint, response: response, started: started)
                        return
                    }
                    self.completeFullText(source, articles: articles) { completed in
                        self.store(source.name, articles: completed, feedHint: hint, response: response, started: started)
                    }
                case .failure(let error):
                    self.finish(
                        source.name, outcome: .failed(status: response.status, reason: "not a readable feed: \(error)"),
                        response: response, started: started)
                }
            }
        }
    }

    /// Dedupe decides per article; the new ones and revisions go to the journal in one batch
    /// (one fdatasync). The poll counts as stored only when the journal acknowledges it.
    func store(
        _ name: String, articles: [Article], feedHint: Double?, response: FetchResponse, started: Date,
        extra: [(String, String)] = []
    ) {
        let policy = config.source(named: name)?.nearDuplicates ?? config.settings.nearDuplicates
        var batch: [Article] = []
        var tally = PollTally()
        tally.extra = extra
        for var article in articles {
            switch dedupe.check(article) {
            case .new:
                tally.new += 1
            case .duplicate:
                tally.duplicates += 1
                continue
            case .revision(_, let revision):
                article.revision = revision
                tally.updated += 1
            case .nearDuplicate(let original):
                switch policy {
                case .drop:
                    tally.duplicates += 1
                    continue
                case .mark:
                    article.duplicateOf = original
                    tally.new += 1
                case .keep:
                    tally.new += 1
                }
            }
            // Inserted now so that a second copy in the same poll (or a concurrent poll) is caught;
            // if the append fails the index is rebuilt from the journal, so it never stays ahead of the data.
            dedupe.insert(article)
            batch.append(article)
        }
        if var state = states[name] {
            state.feedHint = feedHint
            states[name] = state
        }
        guard !batch.isEmpty else {
            finish(name, outcome: .stored(tally), response: response, started: started)
            return
        }
        let stored = batch
        let counted = tally
        journal.append(batch.map(JournalRecord.article)) { [weak self] result in
            guard let self else { return }
            self.queue.async {
                switch result {
                case .success:
                    for article in stored {
                        if let published = article.published, !article.publishedEstimated, var state = self.states[name] {
                            state.recentPublications.append(published)
                            state.recentPublications = Array(state.recentPublications.suffix(20))
                            self.states[name] = state
                        }
                    }
                    self.finish(name, outcome: .stored(counted), response: response, started: started)
                case .failure(let error):
                    self.storeFailed(error)
                    self.finish(
                        name, outcome: .failed(status: response.status, reason: "store: \(error)"), response: response,
                        started: started)
                }
            }
        }
    }
}

/// What one poll found, for its log line and the summary.
struct PollTally {
    var new = 0
    var duplicates = 0
    var updated = 0
    /// Source-type specific counts for the log line (pages fetched for HTML sources).
    var extra: [(String, String)] = []
}

/// How a poll ended.
enum PollOutcome {
    case stored(PollTally)
    case notModified
    case rateLimited(retryAfter: Double?)
    case gone
    case failed(status: Int?, reason: String)
}
