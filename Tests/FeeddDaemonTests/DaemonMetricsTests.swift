import Dispatch
import FeeddCore
import FeeddStore
import FeeddSystem
import Foundation
import Glibc
import Synchronization
import TestSupport
import Testing

@testable import FeeddDaemon

/// What the daemon records and how `/healthz` judges it, without a listener.
@Suite(.serialized) struct DaemonMetricsTests {
    @Test(arguments: [(200, "2xx"), (204, "2xx"), (301, "3xx"), (304, "304"), (404, "4xx"), (429, "429"), (503, "5xx")])
    func codeClasses(status: Int, label: String) {
        #expect(DaemonMetrics.codeClass(status) == label)
    }

    @Test func sourceStates() {
        let now = Date(timeIntervalSince1970: 1_000_000)
        var state = SourceState(name: "a")
        #expect(Daemon.stateName(state, interval: 900) == "ok")
        state.lastStatus = 429
        #expect(Daemon.stateName(state, interval: 900) == "rate_limited")
        state.errorStreak = 1
        state.lastStatus = 500
        state.lastPoll = now
        state.nextPoll = now.addingTimeInterval(900)
        #expect(Daemon.stateName(state, interval: 900) == "failing")
        state.nextPoll = now.addingTimeInterval(4 * 900)
        #expect(Daemon.stateName(state, interval: 900) == "backing_off")
        state.disabled = true
        #expect(Daemon.stateName(state, interval: 900) == "disabled")
    }

    @Test func pollsAndDecisionsAreCountedByTheirLabels() {
        let registry = MetricsRegistry()
        let metrics = DaemonMetrics(registry: registry)
        metrics.recordPoll(source: "a", host: "a.example", outcome: PollOutcome(kind: .modified, status: 200), bytes: 10, now: 5)
        metrics.recordPoll(source: "a", host: "a.example", outcome: PollOutcome(kind: .notModified, status: 304), bytes: 0, now: 6)
        metrics.recordPoll(source: "a", host: "a.example", outcome: PollOutcome(kind: .failed, status: 500), bytes: 3, now: 7)
        metrics.recordPoll(source: "a", host: "a.example", outcome: PollOutcome(kind: .cancelled), bytes: 0, now: 8)
        #expect(registry.value("feedd_polls_total", ["a", "ok"]) == 1)
        #expect(registry.value("feedd_polls_total", ["a", "not_modified"]) == 1)
        #expect(registry.value("feedd_polls_total", ["a", "failed"]) == 1)
        #expect(registry.value("feedd_http_responses_total", ["a.example", "304"]) == 1)
        #expect(registry.value("feedd_http_responses_total", ["a.example", "5xx"]) == 1)
        #expect(registry.value("feedd_fetched_bytes_total") == 13)
        #expect(registry.value("feedd_source_last_success_timestamp_seconds", ["a"]) == 6)
        #expect(registry.value("feedd_source_last_attempt_timestamp_seconds", ["a"]) == 7)
        metrics.retain(sources: ["b"], hosts: ["b.example"])
        #expect(!registry.render().contains("a.example"))
        #expect(!registry.render().contains("source=\"a\""))
    }

    static func daemon(_ directory: TemporaryDirectory, logger: Logger) throws -> Daemon {
        let path = try directory.write(
            "feeds.conf", "[feedd]\nstore = ./store\ninterval = 1h\n\n[source ledger]\nurl = http://127.0.0.1:9/feed/\n")
        var options = DaemonOptions(once: true)
        options.queueAnswerTimeout = 0.2
        return try Daemon(config: ConfigParser.load(path: path), logger: logger, options: options)
    }

    @Test func articlesLeftOutByRulesAreCountedAsFiltered() {
        let registry = MetricsRegistry()
        let metrics = DaemonMetrics(registry: registry)
        metrics.recordDecisions(source: "a", [], filtered: 3)
        metrics.recordDecisions(source: "a", [], filtered: 0)
        #expect(registry.value("feedd_articles_total", ["a", "filtered"]) == 3)
    }

    @Test func decisionsAreCountedByVerdict() throws {
        let registry = MetricsRegistry()
        let metrics = DaemonMetrics(registry: registry)
        let dedupe = DedupeIndex()
        let first = try PipelineRulesTests.run("[source rules]\nurl = \(PipelineRulesTests.url)\n", dedupe: dedupe)
        dedupe.acknowledge(first.outcome.reservation)
        let again = try PipelineRulesTests.run("[source rules]\nurl = \(PipelineRulesTests.url)\n", dedupe: dedupe)
        metrics.recordDecisions(source: "rules", first.outcome.decided)
        metrics.recordDecisions(source: "rules", again.outcome.decided, filtered: 1)
        #expect(registry.value("feedd_articles_total", ["rules", "new"]) == 4)
        #expect(registry.value("feedd_articles_total", ["rules", "duplicate"]) == 4)
        #expect(registry.value("feedd_articles_total", ["rules", "filtered"]) == 1)
        #expect(registry.value("feedd_articles_total", ["rules", "revision"]) == nil, "no series for a verdict not seen")
    }

    @Test func healthIsOkWhileTheQueueAnswersAnd503WhenItIsWedged() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let daemon = try Self.daemon(directory, logger: Logger(sink: LogSink(style: .stream) { _ in }))
        #expect(daemon.health().status == 200)
        let release = DispatchSemaphore(value: 0)
        daemon.queue.async { release.wait() }
        let wedged = daemon.health()
        release.signal()
        #expect(wedged.status == 503)
        #expect(String(decoding: wedged.body, as: UTF8.self).contains("did not answer"))
        // A scrape still answers, without the gauges that live on the queue.
        daemon.queue.async { release.wait() }
        let scrape = String(decoding: daemon.scrape().body, as: UTF8.self)
        release.signal()
        #expect(scrape.contains("feedd_polls_total"))
        #expect(!scrape.contains("feedd_sources"))
    }

    #if FEEDD_FAULTS  // fault injection exists in debug builds only
    @Test func aFailedAppendTurnsHealthTo503AndIsCounted() throws {
        let server = try TestHTTPServer()
        let directory = try TemporaryDirectory()
        defer { directory.remove(); server.stop() }
        server.route(
            "/feed/",
            TestResponse(
                headers: [HTTPHeader(name: "Content-Type", value: "application/rss+xml")],
                body: Fixtures.data("e2e/wordpress-news.xml")))
        let path = try directory.write(
            "feeds.conf", "[feedd]\nstore = ./store\ninterval = 1h\n\n[source ledger]\nurl = \(server.url("/feed/"))\n")
        let config = try ConfigParser.load(path: path)
        let daemon = try Daemon(
            config: config, logger: Logger(sink: LogSink(style: .stream) { _ in }), options: DaemonOptions(once: true))
        let segments = config.settings.store + "/0"
        FaultInjection.arm(.write, errno: EIO, pathPrefix: segments, times: 1)
        defer { FaultInjection.disarm(pathPrefix: segments) }
        #expect(daemon.run() == 1)
        let health = daemon.health()
        #expect(health.status == 503)
        #expect(String(decoding: health.body, as: UTF8.self).hasPrefix("unhealthy: the last journal append failed"))
        #expect(daemon.metrics.registry.value("feedd_journal_errors_total") == 1)
        #expect(daemon.metrics.registry.value("feedd_polls_total", ["ledger", "failed"]) == 1)
        #expect(daemon.metrics.registry.value("feedd_articles_total", ["ledger", "new"]) == 3)
    }
    #endif
}
