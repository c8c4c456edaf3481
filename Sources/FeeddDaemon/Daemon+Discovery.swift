import FeeddContent
import FeeddCore
import FeeddHTTP
import Foundation

/// Feed discovery: a `type = auto` source whose URL is a web page polls the first feed the page offers.
/// The candidates come from the pipeline (advertised feeds first, then common paths); they are fetched one
/// at a time, through the fetcher (so host spacing and robots-free limits hold), and the first that the
/// pipeline reads as a feed becomes the source's effective URL, as a permanent redirect would.
extension Daemon {
    func discover(
        _ pipeline: Pipeline, candidates: ArraySlice<FeedDiscovery.Candidate>, page: FetchResponse,
        outcome: PollOutcome, started: Date, tried: Int = 0
    ) {
        let name = pipeline.source.name
        guard let candidate = candidates.first, !stopping else {
            finish(
                name,
                outcome: outcome.failing(
                    "\(page.effectiveURL) is a web page and none of the \(tried) feed URLs it offers or sites commonly use "
                        + "answered with a feed; set url to the feed's address (feedd discover URL lists what the page offers)",
                    kind: "no_feed"),
                tally: nil, bytes: Int64(page.body.count), started: started)
            return
        }
        let rest = candidates.dropFirst()
        fetcher.fetch(FetchRequest(source: pipeline.source, url: candidate.url)) { [weak self] result in
            guard let self else { return }
            guard case .success(let response) = result, (200...299).contains(response.status) else {
                self.queue.async {
                    self.discover(pipeline, candidates: rest, page: page, outcome: outcome, started: started, tried: tried + 1)
                }
                return
            }
            self.workers.addOperation { [weak self] in
                let step = pipeline.run(response)
                guard let self else { return }
                self.queue.async {
                    switch step {
                    case .failed, .discover:
                        self.discover(pipeline, candidates: rest, page: page, outcome: outcome, started: started, tried: tried + 1)
                    case .articles, .pages:
                        self.adopt(candidate, for: name, page: page)
                        let found = PollOutcome(.success(response), unconditional: true, now: self.options.now())
                        self.advance(pipeline, step: step, response: response, outcome: found, started: started)
                    }
                }
            }
        }
    }

    /// From now on the source polls the discovered feed (and `feedd status` shows it as its effective URL).
    private func adopt(_ candidate: FeedDiscovery.Candidate, for name: String, page: FetchResponse) {
        states[name]?.effectiveURL = candidate.url
        logger.notice(
            "feed_discovered",
            ["source": name, "page": page.effectiveURL, "url": candidate.url,
             "how": candidate.advertised ? "link_alternate" : "common_path"],
            "polling the feed the page offers from now on; set url to it in feeds.conf to skip discovery")
    }
}
