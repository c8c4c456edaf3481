import FeeddCore
import FeeddOutput
import FeeddStore
import Foundation
import TestSupport
import Testing

@testable import FeeddDaemon

/// The journal follower against a real `nats-server -js`: every stored record reaches the stream once, in order,
/// from a cursor that survives restarts and outages.
@Suite(.serialized, .enabled(if: natsAvailable, natsSkipReason)) struct OutputFollowerTests {
    /// The output of `config` over the open `journal`, started; `finish` it when done.
    static func follower(_ config: Config, _ journal: Journal, _ fixture: OutputFixture, registry: MetricsRegistry = MetricsRegistry())
        throws -> OutputFollower
    {
        let made = try #require(
            try Daemon.makeOutput(config: config, journal: journal, logger: fixture.logger, registry: registry, now: { Date() }))
        made.follower.start()
        return made.follower
    }

    static func stored(_ store: String) throws -> [StoredRecord] { Array(try JournalReader(directory: store).records()) }

    @Test func recordsStoredBeforeTheOutputStartsArePublishedOnceAndARestartSendsNothingAgain() throws {
        let fixture = try OutputFixture()
        defer { fixture.remove() }
        let config = try fixture.config()
        let journal = try Journal.open(directory: fixture.store, logger: fixture.logger)
        // More than one batch.
        try fixture.append(300, to: journal)
        let first = MetricsRegistry()
        try Self.follower(config, journal, fixture, registry: first).finish(timeout: 60)

        let records = try Self.stored(fixture.store)
        var messages = try fixture.streamMessages()
        #expect(messages.count == 300)
        #expect(messages.map(\.payload) == records.map(\.line), "the payload is the stored line, in journal order")
        let ids = messages.compactMap { $0.header("Nats-Msg-Id") }
        #expect(ids == records.map { "\($0.articleIdentity!.id):1" })
        #expect(Set(ids).count == 300)
        #expect(messages.allSatisfy { $0.subject == "feedd.articles.desk" && $0.header("Feedd-Source") == "desk" })
        #expect(messages.allSatisfy { $0.header("Feedd-Fingerprint")?.count == 16 })
        #expect(first.value("feedd_output_published_total") == 300)
        #expect(OutputCursorStore(directory: fixture.store).load()?.acknowledgedSeq == 300)

        // A restart publishes nothing again; new records are published after the old ones.
        let second = MetricsRegistry()
        try fixture.append(5, from: 300, to: journal)
        try Self.follower(config, journal, fixture, registry: second).finish(timeout: 60)
        #expect(second.value("feedd_output_published_total") == 5)
        messages = try fixture.streamMessages()
        #expect(messages.count == 305)

        // Without its cursor the output sends everything again: the stream drops every copy by its Msg-Id.
        try FileManager.default.removeItem(atPath: OutputCursorStore(directory: fixture.store).path)
        let third = MetricsRegistry()
        try Self.follower(config, journal, fixture, registry: third).finish(timeout: 60)
        #expect(third.value("feedd_output_duplicates_total") == 305)
        #expect(try fixture.streamMessages().count == 305)
        journal.close()
        #expect(fixture.events("output_down").isEmpty)
    }

    @Test func aServerStoppedMidRunGetsTheBacklogOnceItIsBack() throws {
        let fixture = try OutputFixture()
        defer { fixture.remove() }
        let config = try fixture.config()
        let journal = try Journal.open(directory: fixture.store, logger: fixture.logger)
        defer { journal.close() }
        try fixture.append(10, to: journal)
        let registry = MetricsRegistry()
        let follower = try Self.follower(config, journal, fixture, registry: registry)
        #expect(waitUntil(timeout: 30) { follower.acknowledgedSeq == 10 })

        fixture.server.stop()
        // Appends while the server is down: each wakes the output, which fails, and says so once.
        for round in 0..<4 {
            try fixture.append(5, from: 10 + round * 5, to: journal)
            follower.wake()
        }
        #expect(waitUntil(timeout: 30) { fixture.events("output_down").count == 1 })
        #expect(registry.render().contains("feedd_output_up 0"))
        #expect(registry.render().contains("feedd_output_backlog_records 20"))
        #expect(registry.render().contains("feedd_output_lag_seconds ") && !registry.render().contains("feedd_output_lag_seconds 0\n"))
        #expect(follower.acknowledgedSeq == 10)

        try fixture.server.restart()
        #expect(waitUntil(timeout: 60) { follower.acknowledgedSeq == 30 })
        follower.finish(timeout: 30)
        let messages = try fixture.streamMessages()
        #expect(messages.count == 30)
        #expect(Set(messages.compactMap { $0.header("Nats-Msg-Id") }).count == 30)
        #expect(fixture.events("output_down").count == 1)
        #expect(fixture.events("output_up").count == 1)
        #expect(fixture.events("output_up").first?.contains("backlog=0") == true)
        #expect(fixture.events("output_down").first?.contains(" lag=") == true, "\(fixture.events("output_down"))")
        #expect(registry.render().contains("feedd_output_backlog_records 0"))
        #expect(registry.render().contains("feedd_output_lag_seconds 0"))
        #expect(registry.render().contains("feedd_output_up 1"))
    }

    @Test func aServerDownAtStartIsWaitedForAndNothingIsLost() throws {
        let fixture = try OutputFixture()
        defer { fixture.remove() }
        let config = try fixture.config()
        fixture.server.stop()
        let journal = try Journal.open(directory: fixture.store, logger: fixture.logger)
        defer { journal.close() }
        try fixture.append(7, to: journal)
        let follower = try Self.follower(config, journal, fixture)
        #expect(waitUntil(timeout: 30) { fixture.events("output_down").count == 1 })
        try fixture.server.restart()
        try fixture.append(3, from: 7, to: journal)
        follower.wake()
        #expect(waitUntil(timeout: 60) { follower.acknowledgedSeq == 10 })
        follower.finish(timeout: 30)
        #expect(try fixture.streamMessages().count == 10)
        #expect(fixture.events("output_down").count == 1)
    }

    @Test func theStreamIsMadeWithTheConfiguredSubjectAndWindow() throws {
        let fixture = try OutputFixture()
        defer { fixture.remove() }
        let config = try fixture.config("stream = NEWS\nsubject = news.<source>.items\nduplicate_window = 10m")
        let journal = try Journal.open(directory: fixture.store, logger: fixture.logger)
        defer { journal.close() }
        try fixture.append(2, source: "bbc.world", to: journal)
        try Self.follower(config, journal, fixture).finish(timeout: 60)
        let messages = try fixture.streamMessages(stream: "NEWS")
        #expect(messages.map(\.subject) == ["news.bbc_world.items", "news.bbc_world.items"])
        #expect(fixture.events("nats_stream_created").first?.contains("duplicate_window=10m") == true)
        #expect(fixture.events("nats_stream_created").first?.contains("subjects=news.*.items") == true)
    }
}

/// `[output nats]` is read at start: a reload that changes it says so and keeps the running output.
@Suite struct OutputReloadTests {
    @Test func aChangedOutputSectionIsReportedAndKeptUntilARestart() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let conf = "[feedd]\nstore = ./store\n\n[output nats]\nurl = nats://127.0.0.1:1\n"
        let path = try directory.write("feeds.conf", conf)
        let lines = OutputFixture.LogLines()
        let logger = Logger(sink: LogSink(style: .stream) { line in lines.all.withLock { $0.append(line) } })
        let daemon = try Daemon(config: try ConfigParser.load(path: path), logger: logger, options: DaemonOptions())
        #expect(OutputCursorStore(directory: directory.file("store")).load()?.acknowledgedSeq == 0, "the cursor exists from the start")
        _ = try directory.write("feeds.conf", "# edited\n" + conf)
        daemon.queue.sync { daemon.reload() }
        #expect(!lines.all.withLock { $0.contains { $0.contains("reload_output_ignored") } }, "unchanged: nothing to say")
        _ = try directory.write("feeds.conf", conf + "stream = OTHER\n")
        daemon.queue.sync { daemon.reload() }
        #expect(lines.all.withLock { $0.contains { $0.contains("event=reload_output_ignored") } })
        #expect(daemon.queue.sync { daemon.config.natsOutput?.stream } == "FEEDD")
        daemon.journal.close()
    }
}
