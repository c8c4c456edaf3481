import FeeddCore
import Foundation
import Glibc
import TestSupport
import Testing

/// A Retry-After from one source makes the whole host wait; the other sources of that host are not failing.
@Suite(.serialized) struct RateLimitTests {
    let fixture: EndToEndFixture
    var server: TestHTTPServer { fixture.server }
    var directory: TemporaryDirectory { fixture.directory }

    init() throws { fixture = try EndToEndFixture() }

    // Needs FeeddHTTP's fetch loop to start a queued request when the transfer ahead of it ends: today such a
    // request waits for an unrelated wake-up, so these sources never start and the run hangs.
    @Test
    func sourcesQueuedBehindARetryAfterWaitWithoutFailing() throws {
        defer { fixture.tearDown() }
        server.route(
            "/limited/",
            TestResponse(status: 429, headers: [HTTPHeader(name: "Retry-After", value: "2")], body: "slow down\n")
                .delayed(0.5))
        let feed = String(decoding: Fixtures.data("e2e/wordpress-news.xml"), as: UTF8.self)
        var sources = "[source limited]\nurl = \(server.url("/limited/"))\n"
        // One transfer at a time: the first of these runs while the 429 arrives, the others wait in the fetcher's
        // queue and meet the block when their turn comes.
        for index in 0..<3 {
            let body = feed.replacingOccurrences(of: "ledger.example", with: "v\(index).ledger.example")
                .replacingOccurrences(of: "<title>", with: "<title>V\(index) ")
                .replacingOccurrences(of: "<p>", with: "<p>Edition \(index). ")
            server.route(
                "/victim\(index)/",
                TestResponse(headers: [HTTPHeader(name: "Content-Type", value: "application/rss+xml")], body: body)
                    .delayed(1))
            sources += "[source victim\(index)]\nurl = \(server.url("/victim\(index)/"))\n"
        }
        let config = try directory.write(
            "feeds.conf", "[feedd]\nstore = ./store\ninterval = 1h\nhost_delay = 0s\nmax_per_host = 1\n\n" + sources)
        let result = try FeeddBinary.run(["run", "--once", "--config", config], timeout: 60)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("event=rate_limited source=limited"), "\(result.stderr)")
        #expect(!result.stderr.contains("event=poll_failed source=victim"), "\(result.stderr)")
        for index in 0..<3 {
            #expect(result.stderr.contains("event=poll source=victim\(index) status=200 new=3"), "\(result.stderr)")
        }
    }
}
