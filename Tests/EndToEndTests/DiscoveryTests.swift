import FeeddCore
import Foundation
import TestSupport
import Testing

/// A source whose url is the site's page, not its feed, finds the feed and keeps polling it.
@Suite(.serialized) struct DiscoveryTests {
    static func page(linking feed: String?) -> TestResponse {
        let link = feed.map { "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"\($0)\">" } ?? ""
        return TestResponse(
            headers: [HTTPHeader(name: "Content-Type", value: "text/html; charset=utf-8")],
            body: "<!doctype html><html><head><title>Ledger</title>\(link)</head><body><p>News</p></body></html>")
    }

    @Test func theFeedAPageAdvertisesIsPolledFromThenOn() throws {
        let fixture = try EndToEndFixture(ledgerAt: ["/latest/feed.rss"])
        defer { fixture.tearDown() }
        fixture.server.route("/", Self.page(linking: "/latest/feed.rss"))
        let config = try fixture.writeConfig("interval = 1h\nhost_delay = 0s", sources: "[source ledger]\nurl = \(fixture.server.url("/"))\n")
        let first = try FeeddBinary.run(["run", "--once", "--config", config])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("event=feed_discovered source=ledger"), "\(first.stderr)")
        #expect(first.stderr.contains("url=\(fixture.server.url("/latest/feed.rss"))"), "\(first.stderr)")
        #expect(try fixture.storedRecords().count == 3)
        let status = try FeeddBinary.run(["status", "--config", config])
        #expect(status.stdout.contains(fixture.server.url("/latest/feed.rss")), "\(status.stdout)")

        let second = try FeeddBinary.run(["run", "--once", "--config", config])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(fixture.server.requests(to: "/").count == 1, "the page is not asked again")
        #expect(fixture.server.requests(to: "/latest/feed.rss").count == 2)
        #expect(try fixture.storedRecords().count == 3)
    }

    @Test func aCommonPathIsTriedWhenThePageNamesNoFeed() throws {
        let fixture = try EndToEndFixture(ledgerAt: ["/index.xml"])
        defer { fixture.tearDown() }
        fixture.server.route("/", Self.page(linking: nil))
        let config = try fixture.writeConfig("interval = 1h\nhost_delay = 0s", sources: "[source ledger]\nurl = \(fixture.server.url("/"))\n")
        let run = try FeeddBinary.run(["run", "--once", "--config", config])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("how=common_path"), "\(run.stderr)")
        #expect(try fixture.storedRecords().count == 3)
    }

    @Test func aPageWithoutAnyFeedFailsWithWhatToDo() throws {
        let fixture = try EndToEndFixture()
        defer { fixture.tearDown() }
        fixture.server.route("/", Self.page(linking: "/missing.rss"))
        let config = try fixture.writeConfig("interval = 1h\nhost_delay = 0s", sources: "[source ledger]\nurl = \(fixture.server.url("/"))\n")
        let run = try FeeddBinary.run(["run", "--once", "--config", config])
        #expect(run.stderr.contains("kind=no_feed"), "\(run.stderr)")
        #expect(run.stderr.contains("feedd discover"), "\(run.stderr)")
    }
}

extension DiscoveryTests {
    @Test func discoverListsTheFeedsAPageOffersInTheOrderTheyAreTried() throws {
        let fixture = try EndToEndFixture(ledgerAt: ["/latest/feed.rss", "/index.xml"])
        defer { fixture.tearDown() }
        fixture.server.route("/", Self.page(linking: "/latest/feed.rss"))
        let run = try FeeddBinary.run(["discover", fixture.server.url("/")])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(lines.map { $0.first ?? "" } == [fixture.server.url("/latest/feed.rss"), fixture.server.url("/index.xml")])
        #expect(lines.first?[1] == "rss2.0")
        #expect(lines.first?[2] == "3")

        let none = try FeeddBinary.run(["discover", fixture.server.url("/nothing-here")])
        #expect(none.status == 1)
    }
}
