import FeeddCore
import Foundation
import Glibc
import TestSupport
import Testing

/// A stop in the middle of polls: what was fetched is still stored and logged before the journal closes.
@Suite(.serialized) struct StopTests {
    let fixture: EndToEndFixture
    var server: TestHTTPServer { fixture.server }
    var directory: TemporaryDirectory { fixture.directory }

    init() throws { fixture = try EndToEndFixture() }

    @Test func sigtermWhileTransfersRunStoresWhatTheyFetched() throws {
        defer { fixture.tearDown() }
        let feed = EndToEndFixture.ledgerFeed
        // Different stories per source, so that each source's items are new (not cross-source duplicates).
        var sources = ""
        for index in 0..<4 {
            let body = String(decoding: feed.body, as: UTF8.self)
                .replacingOccurrences(of: "ledger.example", with: "s\(index).ledger.example")
                .replacingOccurrences(of: "<title>", with: "<title>S\(index) ")
                .replacingOccurrences(of: "<p>", with: "<p>Edition \(index). ")
            server.route("/slow\(index)/", TestResponse(headers: feed.headers, body: body).delayed(1.5))
            sources += "[source slow\(index)]\nurl = \(server.url("/slow\(index)/"))\n"
        }
        let config = try directory.write(
            "feeds.conf", "[feedd]\nstore = ./store\ninterval = 1h\nhost_delay = 0s\nmax_per_host = 4\nstop_timeout = 4s\n\n" + sources)
        let daemon = try FeeddBinary.start(["run", "--config", config])
        #expect(waitUntil(timeout: 60) { (0..<4).allSatisfy { !server.requests(to: "/slow\($0)/").isEmpty } })
        daemon.signal(SIGTERM)
        #expect(daemon.wait(timeout: 30) == 0, "\(daemon.stderr)")
        let log = daemon.stderr
        #expect(log.contains("event=stopping reason=SIGTERM in_flight=4"), "\(log)")
        for index in 0..<4 {
            #expect(log.contains("event=poll source=slow\(index) status=200 new=3"), "\(log)")
        }
        let read = try FeeddBinary.run(["read", "--store", directory.file("store")])
        #expect(read.status == 0, "\(read.stderr)")
        #expect(read.stdout.split(separator: "\n").count == 12, "\(read.stdout)")
    }
}
