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
        // A host that asked everyone to wait (Retry-After) is the fetcher's to enforce: it refuses the request
        // at once with `.hostBlocked`, and `fetched` reschedules the poll for when the wait is over.
        let validators = PollPolicy.validators(for: state, revalidate: config.settings.revalidate, now: now)
        var request = makeRequest(source, state: state)
        request.etag = validators.etag
        request.lastModified = validators.lastModified
        inFlight.insert(name)
        pollsInFlight.enter()
        let started = Date()
        fetcher.fetch(request) { [weak self] result in
            guard let self else { return }
            self.metrics.recordFetch(result, started: started)
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
        FetchRequest(source: config.resolved(source), url: state.effectiveURL)
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
        let pipeline = Pipeline(
            source: config.resolved(source), dedupe: dedupe, now: options.now(),
            discoversFeeds: states[name]?.lastSuccess == nil)
        workers.addOperation { [weak self] in
            let step = pipeline.run(response)
            guard let self else { return }
            self.queue.async { self.advance(pipeline, step: step, response: response, outcome: outcome, started: started) }
        }
    }

    /// Where the pipeline left the poll: stored, failed, or waiting for article pages (fetched here, then
    /// handed back to the pipeline on the worker pool).
    func advance(
        _ pipeline: Pipeline, step: PipelineStep, response: FetchResponse, outcome: PollOutcome, started: Date
    ) {
        let name = pipeline.source.name
        switch step {
        case .failed(let kind, let message):
            finish(
                name, outcome: outcome.failing(message, kind: kind), tally: nil, bytes: Int64(response.body.count),
                started: started)
        case .articles(let articles):
            store(name, articles, outcome: outcome, response: response, started: started)
        case .discover(let candidates):
            discover(pipeline, candidates: candidates[...], page: response, outcome: outcome, started: started)
        case .pages(let wanted):
            fetchPages(wanted.urls, for: pipeline.source) { [unowned self] pages in
                workers.addOperation { [weak self] in
                    let articles = pipeline.resume(wanted, pages: pages)
                    guard let self else { return }
                    self.queue.async {
                        for failure in articles.pageFailures.prefix(3) {
                            self.logger.info("page_failed", ["source": name, "url": failure.url, "error": failure.reason])
                        }
                        self.store(name, articles, outcome: outcome, response: response, started: started)
                    }
                }
            }
        }
    }

    /// The articles the pipeline decided to store go to the journal in one batch (one fdatasync). The poll
    /// counts as stored, and the dedupe index learns them, only when the journal acknowledges the batch.
    /// With `dedupe = shared` the new ones are claimed across instances first (`claimThenStore`).
    func store(_ name: String, _ articles: PollArticles, outcome: PollOutcome, response: FetchResponse, started: Date) {
        if let sharedDedupe, claimThenStore(name, articles, sharedDedupe, outcome: outcome, response: response, started: started) {
            return
        }
        storeDecided(name, articles, outcome: outcome, response: response, started: started)
    }

    func storeDecided(
        _ name: String, _ articles: PollArticles, outcome: PollOutcome, response: FetchResponse, started: Date
    ) {
        if var state = states[name] {
            state.feedHint = articles.feedHint
            states[name] = state
        }
        let tally = PollTally(articles)
        // A source a reload removed while it polled gets no series back.
        if config.source(named: name) != nil { metrics.recordDecisions(source: name, articles.outcome.decided, filtered: articles.filtered) }
        let bytes = Int64(response.body.count)
        let batch = articles.outcome.toStore
        guard !batch.isEmpty else {
            finish(name, outcome: outcome, tally: tally, bytes: bytes, started: started)
            return
        }
        let reservation = articles.outcome.reservation
        let dedupe = self.dedupe
        let appendStarted = Date()
        journal.append(batch.map(JournalRecord.article)) { [weak self] result in
            switch result {
            case .success: dedupe.acknowledge(reservation)
            case .failure: dedupe.release(reservation)
            }
            guard let self else { return }
            self.recordAppend(result, started: appendStarted)
            self.queue.async {
                switch result {
                case .success:
                    self.storeSucceeded()
                    self.output?.wake()
                    self.notePublications(name, batch)
                    self.finish(name, outcome: outcome, tally: tally, bytes: bytes, started: started)
                case .failure(let error):
                    self.storeFailed(error)
                    self.finish(
                        name, outcome: outcome.failing("store: \(error)", kind: "store"), tally: nil, bytes: bytes,
                        started: started)
                }
            }
        }
    }

    /// The last 20 real publication dates per source feed the adaptive polling interval.
    private func notePublications(_ name: String, _ stored: [Article]) {
        guard var state = states[name] else { return }
        for article in stored {
            if let published = article.published, !article.publishedEstimated { state.recentPublications.append(published) }
        }
        state.recentPublications = Array(state.recentPublications.suffix(20))
        states[name] = state
    }
}

/// What one poll found, for its log line and the summary.
struct PollTally {
    var new = 0
    var duplicates = 0
    var updated = 0
    /// Left out by the `keep`/`block` rules.
    var filtered = 0
    /// Source-type specific counts for the log line (pages fetched for HTML sources).
    var extra: [(String, String)] = []

    init() {}

    init(_ articles: PollArticles) {
        new = articles.outcome.new
        duplicates = articles.outcome.duplicates
        updated = articles.outcome.updated
        filtered = articles.filtered
        extra = articles.counts
    }
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
