import FeeddCore
import FeeddStore
import FeeddSystem
import Foundation
import Glibc
import Synchronization
import TestSupport
import Testing

@testable import FeeddDaemon

/// A 200 whose articles could not be stored must not hand its validators to the next poll: a conditional
/// request would get a 304 and the articles would never be stored. Nor may the dedupe index learn them.
@Suite(.serialized) struct ValidatorTests {
    #if FEEDD_FAULTS  // fault injection exists in debug builds only
    @Test func aFailedAppendKeepsTheOldValidatorsSoTheNextPollFetchesAgain() throws {
        let server = try TestHTTPServer()
        let directory = try TemporaryDirectory()
        defer { directory.remove(); server.stop() }
        server.route(
            "/feed/",
            TestResponse(
                headers: [HTTPHeader(name: "Content-Type", value: "application/rss+xml"),
                          HTTPHeader(name: "ETag", value: "\"v1\"")],
                body: Fixtures.data("e2e/wordpress-news.xml")))
        let path = try directory.write(
            "feeds.conf", "[feedd]\nstore = ./store\ninterval = 1h\n\n[source ledger]\nurl = \(server.url("/feed/"))\n")
        let config = try ConfigParser.load(path: path)
        let lines = Mutex<[String]>([])
        let logger = Logger(sink: LogSink(style: .stream) { line in lines.withLock { $0.append(line) } })

        let first = try Daemon(config: config, logger: logger, options: DaemonOptions(once: true))
        // Segment files are named by seq (digits); state.json is left alone.
        let segments = config.settings.store + "/0"
        FaultInjection.arm(.write, errno: EIO, pathPrefix: segments, times: 1)
        defer { FaultInjection.disarm(pathPrefix: segments) }
        #expect(first.run() == 1, "a --once run that could not store what it fetched says so")
        #expect(lines.withLock { $0.contains { $0.contains("event=store_failed") } }, "\(lines.withLock { $0 })")
        // The index learned nothing the journal did not acknowledge, and holds no reservation.
        #expect(first.dedupe.count == 0)
        #expect(first.dedupe.pendingCount == 0)
        #expect(first.queue.sync { first.states["ledger"]?.etag } == nil)

        let second = try Daemon(config: config, logger: logger, options: DaemonOptions(once: true))
        #expect(second.run() == 0)
        let requests = server.requests(to: "/feed/")
        #expect(requests.count == 2)
        #expect(requests.last?.header("If-None-Match") == nil)
        #expect(second.queue.sync { second.states["ledger"]?.etag } == "\"v1\"")
        let stored = try JournalReader(directory: config.settings.store).records().compactMap(\.article)
        #expect(stored.count == 3)
    }
    #endif
}
