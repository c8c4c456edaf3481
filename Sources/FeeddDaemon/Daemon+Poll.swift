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
        guard !stopping, let source = config.source(named: name), let state = states[name], !state.disabled else {
            return
        }
        if inFlight.contains(name) { return }
        // At most `maxConnections` polls between fetch and store: what is held in memory (bodies
        // waiting to be parsed, articles waiting for the journal) stays bounded however many sources
        // fall due at once. The others wait their turn, in order.
        if inFlight.count >= config.settings.maxConnections {
            waiting.push(name)
            return
        }
        let now = options.now()
        if let host = Fetcher.host(of: state.effectiveURL ?? source.url), let blocked = fetcher.hostBlockedUntil(host),
            blocked > now, !options.once || blocked.timeIntervalSince(now) <= 60
        {
            // The whole host asked us to wait (Retry-After); not a failure, and no request is sent.
            // (A `--once` run facing a long wait lets the fetcher refuse the request at once instead.)
            scheduler.schedule(name, at: blocked.addingTimeInterval(options.random() * 2))
            return
        }
        let validators = PollPolicy.validators(for: state, revalidate: config.settings.revalidate, now: now)
        var request = makeRequest(source, state: state)
        request.etag = validators.etag
        request.lastModified = validators.lastModified
        inFlight.insert(name)
        pollsInFlight.enter()
        let started = Date()
        fetcher.fetch(request) { [weak self] result in
            guard let self else { return }
            self.queue.async {
                self.fetched(name, result: result, unconditional: validators.unconditional, started: started)
            }
        }
    }

    /// The fetcher held the request back because its host asked everyone to wait (a Retry-After answered to
    /// another source of that host): not this source's failure and not its answer, so its state is left alone
    /// and it polls again when the wait is over. A `--once` run does not wait more than a minute for that;
    /// returns false when the poll should end as throttled instead.
    private func deferForBlockedHost(_ name: String, until: Date?) -> Bool {
        let now = options.now()
        let until = max(until ?? now, now)
        guard !stopping, !options.once || until.timeIntervalSince(now) <= 60 else { return false }
        endPoll(name)
        startWaitingPoll()
        scheduler.schedule(name, at: until.addingTimeInterval(options.random() * 2))
        return true
    }

    /// The poll of `name` is over (finished, or dropped because a reload removed its source).
    func endPoll(_ name: String) {
        if inFlight.remove(name) != nil { pollsInFlight.leave() }
    }

    /// A request for the source at its effective URL, without validators.
    func makeRequest(_ source: Source, state: SourceState) -> FetchRequest {
        var request = FetchRequest(source: config.resolved(source), url: state.effectiveURL)
        request.connectTimeout = min(request.connectTimeout, request.timeout)
        return request
    }

    private func fetched(
        _ name: String, result: Result<FetchResponse, FetchError>, unconditional: Bool, started: Date
    ) {
        guard let source = config.source(named: name) else {
            endPoll(name)
            startWaitingPoll()
            return
        }
        if case .failure(let error) = result, error.code == .hostBlocked,
            deferForBlockedHost(name, until: error.blockedUntil)
        {
            return
        }
        let outcome = PollOutcome(result, unconditional: unconditional, now: options.now())
        let response = try? result.get()
        guard outcome.kind == .modified, let response else {
            finish(name, outcome: outcome, tally: nil, bytes: Int64(response?.body.count ?? 0), started: started)
            return
        }
        if source.type == .html {
            pollListing(source, response: response, outcome: outcome, started: started)
        } else {
            parse(source, response: response, outcome: outcome, started: started)
        }
    }

    /// Parses off the state queue, then comes back to normalize, dedupe and store.
    private func parse(_ source: Source, response: FetchResponse, outcome: PollOutcome, started: Date) {
        let options = ParseOptions(
            source: config.resolved(source), url: response.effectiveURL, contentType: response.contentType)
        let settings = config.settings
        let now = self.options.now()
        workers.addOperation { [weak self] in
            let parsed = Result { () throws(FeedParseError) -> (ParsedFeed, [Article]) in
                let feed = try FeedParser.parse(response.body, options: options)
                let normalizer = ArticleNormalizer(source: source, settings: settings, now: now)
                return (feed, feed.items.map { normalizer.article(from: $0, feed: feed, feedURL: response.effectiveURL) })
            }
            guard let self else { return }
            self.queue.async {
                switch parsed {
                case .success(let (feed, articles)):
                    let hint = [feed.ttl, feed.updatePeriod].compactMap { $0 }.max()
                    guard source.fullText else {
                        self.store(source.name, articles: articles, feedHint: hint, outcome: outcome, response: response, started: started)
                        return
                    }
                    self.completeFullText(source, articles: articles) { completed in
                        self.store(source.name, articles: completed, feedHint: hint, outcome: outcome, response: response, started: started)
                    }
                case .failure(let error):
                    self.finish(
                        source.name, outcome: outcome.failing("not a readable feed: \(error.message)", kind: "parse_\(error.code)"),
                        tally: nil, bytes: Int64(response.body.count), started: started)
                }
            }
        }
    }

    /// Dedupe decides per article; the new ones and revisions go to the journal in one batch
    /// (one fdatasync). The poll counts as stored only when the journal acknowledges it.
    func store(
        _ name: String, articles: [Article], feedHint: Double?, outcome: PollOutcome, response: FetchResponse,
        started: Date, extra: [(String, String)] = []
    ) {
        let policy = config.resolved(named: name)?.nearDuplicates ?? config.settings.nearDuplicates
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
        let bytes = Int64(response.body.count)
        guard !batch.isEmpty else {
            finish(name, outcome: outcome, tally: tally, bytes: bytes, started: started)
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
                    self.finish(name, outcome: outcome, tally: counted, bytes: bytes, started: started)
                case .failure(let error):
                    self.storeFailed(error)
                    self.finish(
                        name, outcome: outcome.failing("store: \(error)", kind: "store"), tally: nil, bytes: bytes,
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

extension PollOutcome {
    /// The same answer, turned into a failure by what came after the fetch (parsing, storing).
    func failing(_ message: String, kind: String) -> PollOutcome {
        var copy = self
        copy.kind = .failed
        copy.message = message
        copy.errorKind = kind
        return copy
    }
}
