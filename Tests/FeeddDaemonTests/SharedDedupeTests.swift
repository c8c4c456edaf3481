import FeeddCore
import FeeddOutput
import FeeddStore
import Foundation
import Synchronization
import TestSupport
import Testing

@testable import FeeddDaemon

/// `dedupe = shared`: two instances (two stores) polling two sources of the same stories store and publish each
/// story once; with NATS down nothing waits and nothing is lost.
@Suite(.serialized, .enabled(if: natsAvailable, natsSkipReason)) struct SharedDedupeTests {
    static let bridge =
        "The river bridge reopened on Monday after eight months of repairs, and the first buses crossed it at dawn "
        + "while residents watched from both banks."
    static let market =
        "Traders at the central market said prices of flour and cooking oil fell for the third week in a row."

    static func rss(_ items: [(link: String, title: String, text: String)]) -> TestResponse {
        let body = items.map {
            "<item><title>\($0.title)</title><link>\($0.link)</link><guid>\($0.link)</guid><description>\($0.text)</description></item>"
        }
        return TestResponse(
            headers: [HTTPHeader(name: "Content-Type", value: "application/rss+xml")],
            body: "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Desk</title><link>https://desk.example/</link>"
                + body.joined() + "</channel></rss>")
    }

    /// Two sources: `wire` (two stories) and `paper` (the first story's text under its own URL and title, the
    /// second story's URL with an edited text, and one story of its own).
    static func serve(_ server: TestHTTPServer) {
        server.route(
            "/wire", rss([
                ("https://wire.example/bridge", "Bridge reopens", bridge),
                ("https://shared.example/market", "Prices fall", market),
            ]))
        server.route(
            "/paper", rss([
                ("https://paper.example/local/bridge-copy", "Our bridge is open again", bridge),
                ("https://shared.example/market?utm_source=paper", "Prices fall again", market + " Bakers agreed."),
                ("https://paper.example/local/school", "School opens", "A new school opened in the northern district with room for four hundred pupils and a library."),
            ]))
    }

    /// One instance: its own store directory and feeds.conf with one source, run once.
    static func runOnce(
        _ source: String, at server: TestHTTPServer, natsURL: String, in directory: TemporaryDirectory,
        fixture: OutputFixture, registry: MetricsRegistry = MetricsRegistry()
    ) throws -> Int32 {
        let text = "[feedd]\nstore = ./store\ninterval = 1h\nhost_delay = 0s\nstop_timeout = 20s\n\n"
            + "[output nats]\nurl = \(natsURL)\n\n[source \(source)]\nurl = \(server.url("/\(source)"))\n"
        let config = try ConfigParser.load(path: try directory.write("feeds.conf", text))
        var options = DaemonOptions(once: true)
        options.metrics = registry
        return try Daemon(config: config, logger: fixture.logger, options: options).run()
    }

    static func stored(_ directory: TemporaryDirectory) throws -> [Article] {
        try JournalReader(directory: directory.file("store")).records().compactMap(\.article)
    }

    @Test func aStoryCarriedByTwoInstancesIsStoredAndPublishedOnce() throws {
        let fixture = try OutputFixture()
        let server = try TestHTTPServer()
        let second = try TemporaryDirectory()
        defer { fixture.remove(); server.stop(); second.remove() }
        Self.serve(server)
        #expect(try Self.runOnce("wire", at: server, natsURL: fixture.server.url, in: fixture.directory, fixture: fixture) == 0)
        let registry = MetricsRegistry()
        #expect(
            try Self.runOnce("paper", at: server, natsURL: fixture.server.url, in: second, fixture: fixture, registry: registry)
                == 0)

        #expect(try Self.stored(fixture.directory).map(\.title) == ["Bridge reopens", "Prices fall"])
        // The copy of the text and the same URL were claimed by the first instance: only the own story is stored.
        #expect(try Self.stored(second).map(\.title) == ["School opens"])
        #expect(registry.value("feedd_articles_total", ["paper", "duplicate"]) == 2)
        #expect(registry.value("feedd_dedupe_claims_total", ["held_elsewhere"]) == 2)
        #expect(registry.value("feedd_dedupe_claims_total", ["claimed"]) == 1)
        #expect(fixture.events("poll").contains { $0.contains("source=paper") && $0.contains("new=1 dup=2") })
        let messages = try fixture.streamMessages()
        #expect(messages.compactMap { $0.header("Feedd-Source") }.sorted() == ["paper", "wire", "wire"])
        #expect(Set(messages.compactMap { $0.header("Nats-Msg-Id") }).count == 3)

        // A claim this store left (its journal lost, its cursor file and claimant kept) is its own: stored again.
        for name in try FileManager.default.contentsOfDirectory(atPath: second.file("store"))
        where name != OutputCursorStore.fileName {
            try FileManager.default.removeItem(atPath: second.file("store/\(name)"))
        }
        #expect(try Self.runOnce("paper", at: server, natsURL: fixture.server.url, in: second, fixture: fixture) == 0)
        #expect(try Self.stored(second).map(\.title) == ["School opens"])
    }

    @Test func withNATSDownArticlesAreStoredUnclaimedAndLoggedOnce() throws {
        let fixture = try OutputFixture()
        let server = try TestHTTPServer()
        defer { fixture.remove(); server.stop() }
        Self.serve(server)
        fixture.server.stop()
        let registry = MetricsRegistry()
        let status = try Self.runOnce(
            "paper", at: server, natsURL: fixture.server.url, in: fixture.directory, fixture: fixture, registry: registry)
        #expect(status == 0)
        #expect(try Self.stored(fixture.directory).count == 3)
        #expect(registry.value("feedd_dedupe_claims_total", ["unavailable"]) == 3)
        #expect(fixture.events("dedupe_claims_unavailable").count == 1)
        #expect(fixture.events("output_down").count == 1)
        // What was stored is published once NATS is back: the next start catches up.
        try fixture.server.restart()
        server.route("/paper", Self.rss([]))
        #expect(try Self.runOnce("paper", at: server, natsURL: fixture.server.url, in: fixture.directory, fixture: fixture) == 0)
        #expect(try fixture.streamMessages().count == 3)
    }

    /// The claims' monotonic clock, moved by hand past the skip window that follows a failure.
    final class Uptime: Sendable {
        let nanoseconds = Atomic<UInt64>(1_000_000_000)
    }

    /// What the claims of one poll find, awaited.
    static func claim(_ shared: SharedDedupe, _ id: String, _ key: String) async -> SharedDedupe.Verdict {
        await withCheckedContinuation { continuation in
            shared.claim([(index: 0, id: id, keys: [key])]) { continuation.resume(returning: $0) }
        }
    }

    @Test func articlesStoredWhileNATSWasDownAreClaimedOnceItAnswers() async throws {
        let fixture = try OutputFixture()
        defer { fixture.remove() }
        let settings = try #require(try fixture.config().natsOutput)
        let registry = MetricsRegistry()
        let link = NATSLink(settings: settings, logger: fixture.logger)
        defer { link.close() }
        let clock = Uptime()
        let shared = SharedDedupe(
            settings: settings, retain: nil, claimant: "store-a", link: link, logger: fixture.logger,
            metrics: OutputMetrics(registry: registry), uptime: { DispatchTime(uptimeNanoseconds: clock.nanoseconds.load(ordering: .relaxed)) })
        fixture.server.stop()
        #expect(await Self.claim(shared, "story-1", "url:aa").unclaimed == 1)
        try fixture.server.restart()
        // Within the skip window nothing is asked of NATS, though it answers again.
        #expect(await Self.claim(shared, "story-2", "url:bb").unclaimed == 1)
        clock.nanoseconds.add(2_000_000_000, ordering: .relaxed)
        #expect(await Self.claim(shared, "story-3", "url:cc").unclaimed == 0)
        // The story stored while NATS was down now holds its key: another store's copy is a duplicate of it.
        let connection = try NATSConnection(options: NATSOptions(settings: settings), logger: fixture.logger)
        defer { connection.close() }
        let claims = try DedupeClaims(connection: connection, prefix: settings.bucketPrefix, ttl: nil, logger: fixture.logger)
        #expect(try claims.holder(of: "url:aa") == "store-a story-1")
        #expect(try claims.holder(of: "url:bb") == "store-a story-2")
        #expect(registry.value("feedd_dedupe_claims_total", ["late_claimed"]) == 2)
        #expect(fixture.events("dedupe_late_claims").count == 1)
    }
}
