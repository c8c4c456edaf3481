import FeeddCore
import Foundation
import Glibc
import Synchronization
import TestSupport
import Testing

/// The road from feeds.conf to the journal, through the real binary and a real local HTTP server.
@Suite(.serialized) struct RunOnceTests {
    let fixture: EndToEndFixture
    var server: TestHTTPServer { fixture.server }
    var directory: TemporaryDirectory { fixture.directory }

    init() throws { fixture = try EndToEndFixture(ledgerAt: ["/feed/"]) }

    func writeConfig(_ extra: String = "") throws -> String {
        try fixture.writeConfig(
            "interval = 10m", sources: "[source ledger]\nurl = \(server.url("/feed/"))\ntags = afghanistan\n\(extra)\n")
    }

    func storedRecords() throws -> [[String: Any]] { try fixture.storedRecords() }

    @Test func blockRulesKeepArticlesOutOfTheStoreAndTheLogCountsThem() throws {
        defer { fixture.tearDown() }
        let config = try writeConfig(#"block = title ~ "(?i)^envoys""#)
        let run = try FeeddBinary.run(["run", "--once", "--config", config])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stderr.contains("new=2 dup=0 updated=0 filtered=1"), "\(run.stderr)")
        let titles = try storedRecords().compactMap { $0["title"] as? String }
        #expect(titles.count == 2)
        #expect(!titles.contains { $0.hasPrefix("Envoys") })
    }

    @Test func storesEveryItemOnceWithItsFields() throws {
        defer { fixture.tearDown() }
        let config = try writeConfig()
        let first = try FeeddBinary.run(["run", "--once", "--config", config])
        #expect(first.status == 0, "stderr: \(first.stderr)")
        #expect(first.stderr.contains("event=poll source=ledger status=200 new=3 dup=0 updated=0"), "\(first.stderr)")

        let records = try storedRecords()
        #expect(records.count == 3)
        #expect(records.map { $0["seq"] as? Int } == [1, 2, 3])
        let story = try #require(records.first { ($0["title"] as? String)?.hasPrefix("Envoys") == true })
        #expect(story["title"] as? String == "Envoys call for an inclusive peace process in Afghanistan")
        #expect(story["url"] as? String == "https://ledger.example/2017/02/24/envoys-call-for-inclusive-peace-process/")
        #expect(story["guid"] as? String == "https://ledger.example/?p=10231")
        #expect(story["source"] as? String == "ledger")
        #expect(story["published"] as? String == "2017-02-24T05:30:00Z")
        #expect(story["author"] as? String == "Staff Reporter")
        #expect(story["tags"] as? [String] == ["afghanistan"])
        #expect(story["categories"] as? [String] == ["Latest Updates", "Diplomacy"])
        let summary = try #require(story["summary"] as? String)
        #expect(summary.hasPrefix("KABUL: Envoys of several countries on Thursday called for an Afghan-led"))
        let content = try #require(story["content"] as? String)
        #expect(content.contains("<p>KABUL: Envoys"))
        #expect(!content.contains("<script"))
        let text = try #require(story["text"] as? String)
        #expect(text.contains("supported the government’s efforts to bring all sides to the table.\n\nThe statement urged"))
        #expect((story["fetched"] as? String)?.hasSuffix("Z") == true)
        #expect((story["id"] as? String)?.count == 16)
        // A +0430 offset is converted to UTC.
        let water = try #require(records.first { ($0["title"] as? String)?.hasPrefix("Ministry") == true })
        #expect(water["published"] as? String == "2017-02-23T09:35:00Z")

        let second = try FeeddBinary.run(["run", "--once", "--config", config])
        #expect(second.status == 0, "stderr: \(second.stderr)")
        #expect(second.stderr.contains("event=poll source=ledger status=200 new=0 dup=3"), "\(second.stderr)")
        #expect(try storedRecords().count == 3)
    }

    @Test func aBrokenFeedIsLoggedAndStoresNothing() throws {
        defer { fixture.tearDown() }
        let config = try writeConfig()
        let first = try FeeddBinary.run(["run", "--once", "--config", config])
        #expect(first.status == 0, "\(first.stderr)")
        // The feed that worked serves a maintenance page: a failed poll, and no search for another feed.
        server.route("/feed/", .text("<html><body>maintenance</body></html>", contentType: "text/html"))
        let result = try FeeddBinary.run(["run", "--once", "--config", config])
        #expect(result.status == 0)
        #expect(
            result.stderr.contains("event=poll_failed source=ledger url=\(server.url("/feed/")) status=200 error=\"not a readable feed"),
            "\(result.stderr)")
        #expect(!result.stderr.contains("feed_discovered"))
        #expect(server.requests(to: "/feed").isEmpty && server.requests(to: "/rss.xml").isEmpty, "no common path was tried")
        #expect(try storedRecords().count == 3)
    }

    @Test func anUnreachableSourceIsReportedClearly() throws {
        defer { fixture.tearDown() }
        let port = server.port
        server.stop()
        let config = try directory.write(
            "feeds.conf", "[feedd]\nstore = ./store\n[source gone]\nurl = http://127.0.0.1:\(port)/feed\n")
        let result = try FeeddBinary.run(["run", "--once", "--config", config])
        #expect(result.status == 0)
        #expect(result.stderr.contains("event=poll_failed source=gone"), "\(result.stderr)")
        #expect(result.stderr.contains("url=http://127.0.0.1:\(port)/feed "), "the error names the URL: \(result.stderr)")
        #expect(result.stderr.contains("kind=connect"), "\(result.stderr)")
    }

    @Test func sigtermStopsCleanlyAndKeepsTheJournal() throws {
        defer { fixture.tearDown() }
        let config = try writeConfig()
        let daemon = try FeeddBinary.start(["run", "--config", config])
        #expect(waitUntil(timeout: 60) { daemon.stderr.contains("event=poll source=ledger") }, "\(daemon.stderr)")
        daemon.signal(SIGTERM)
        #expect(daemon.wait(timeout: 30) == 0, "\(daemon.stderr)")
        #expect(daemon.stderr.contains("event=stopped reason=SIGTERM"))
        #expect(try storedRecords().count == 3)
    }

    @Test func aSecondDaemonOnTheSameStoreExitsAtOnce() throws {
        defer { fixture.tearDown() }
        let config = try writeConfig()
        let first = try FeeddBinary.start(["run", "--config", config])
        defer { first.signal(SIGKILL); _ = first.wait(timeout: 10) }
        #expect(waitUntil(timeout: 60) { first.stderr.contains("event=started") }, "\(first.stderr)")
        let second = try FeeddBinary.run(["run", "--config", config], timeout: 30)
        #expect(second.status == 3, "\(second.stderr)")
        #expect(second.stderr.contains("event=store_unavailable"))
        #expect(second.stderr.contains("in use by another process (pid \(first.pid))"), "\(second.stderr)")
    }

    /// Counted on the server: each request waits for the other five to be in flight with it. Without a limit
    /// they all meet (so the sources do poll at once); with `max_connections = 1` no two ever do.
    @Test func sourcesBeyondThePollLimitWaitTheirTurn() throws {
        defer { fixture.tearDown() }
        let count = 6
        // How long a request waits for the others (long while they can all come), and whether they all met.
        let meeting = Mutex((patience: 20.0, met: false))
        var sources = ""
        for index in 0..<count {
            server.route("/feed\(index)") { [server] _ in
                _ = waitUntil(timeout: meeting.withLock { $0.patience }) {
                    meeting.withLock { state in
                        if server.activeRequests >= count { state.met = true }
                        return state.met
                    }
                }
                return TestResponse(
                    headers: [HTTPHeader(name: "Content-Type", value: "application/rss+xml")],
                    body: "<rss version=\"2.0\"><channel><title>f</title><item><title>Item \(index)</title><link>https://n.example/\(index)</link></item></channel></rss>")
            }
            sources += "[source s\(index)]\nurl = \(server.url("/feed\(index)"))\n"
        }
        let unlimited = try directory.write(
            "unlimited.conf", "[feedd]\nstore = ./unlimited\nmax_connections = \(count)\nmax_per_host = \(count)\nhost_delay = 0s\n" + sources)
        let first = try FeeddBinary.run(["run", "--once", "--config", unlimited])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(server.peakConcurrency == count)

        server.resetStatistics()
        meeting.withLock { $0 = (patience: 0.3, met: false) }  // alone, each request gives up waiting after this
        let limited = try directory.write(
            "limited.conf", "[feedd]\nstore = ./limited\nmax_connections = 1\nmax_per_host = \(count)\nhost_delay = 0s\n" + sources)
        let second = try FeeddBinary.run(["run", "--once", "--config", limited])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(server.peakConcurrency == 1)
        #expect(server.requests(to: "/feed0").count == 1)
        #expect(try FeeddBinary.storedRecords(directory.file("limited")).count == count)
    }
}
