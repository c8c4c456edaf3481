import FeeddCore
import FeeddOutput
import Testing
import TestSupport

@Suite(.enabled(if: natsAvailable, natsSkipReason))
struct JetStreamPublisherTests {
    let settings = StreamSettings(name: "ARTICLES", subjects: ["feedd.articles.>"], duplicateWindow: 60)

    static func message(_ id: String, source: String = "alpha") -> OutgoingMessage {
        OutgoingMessage(
            subject: "feedd.articles.\(source)", payload: Array("{\"id\":\"\(id)\"}".utf8), messageID: id,
            headers: [.init("Feedd-Source", source)])
    }

    @Test func streamIsCreatedOnceThenLeftAlone() throws {
        let nats = try NATSFixture()
        defer { nats.remove() }
        let publisher = try JetStreamPublisher(connection: nats.connection, logger: nats.logger)
        #expect(try publisher.ensureStream(settings) == .created)
        #expect(try publisher.ensureStream(settings) == .unchanged)
        var wider = settings
        wider.subjects.append("feedd.extra.>")
        wider.duplicateWindow = 300
        #expect(try publisher.ensureStream(wider) == .updated)
        #expect(try publisher.ensureStream(wider) == .unchanged)
        #expect(nats.log.contains { $0.contains("event=nats_stream_created") && $0.contains("stream=ARTICLES") })
        #expect(nats.log.contains { $0.contains("event=nats_stream_updated") && $0.contains("duplicate_window=5m") })
    }

    /// An age limit an operator gave the stream (here set through a publisher asked for one) is kept by a
    /// feedd that asks for none: it manages only the subjects and the duplicate window.
    @Test func limitsSetOnTheStreamByOthersAreKept() throws {
        let nats = try NATSFixture()
        defer { nats.remove() }
        let publisher = try JetStreamPublisher(connection: nats.connection, logger: nats.logger)
        #expect(try publisher.ensureStream(settings) == .created)
        var aged = settings
        aged.maxAge = 3600
        #expect(try publisher.ensureStream(aged) == .updated)
        #expect(try publisher.ensureStream(settings) == .unchanged)
        #expect(try publisher.ensureStream(aged) == .unchanged)
    }

    @Test func aResentMessageIDIsReportedDuplicateAndStoredOnce() throws {
        let nats = try NATSFixture()
        defer { nats.remove() }
        let publisher = try JetStreamPublisher(connection: nats.connection, logger: nats.logger)
        try publisher.ensureStream(settings)
        let first = try publisher.publish([Self.message("a:1"), Self.message("b:1")], stream: "ARTICLES")
        #expect(first.map(\.sequence) == [1, 2])
        #expect(first.allSatisfy { !$0.duplicate && $0.stream == "ARTICLES" })
        let again = try publisher.publish([Self.message("a:1"), Self.message("c:1")])
        #expect(again[0].duplicate)
        #expect(again[0].sequence == 1)
        #expect(!again[1].duplicate)
        #expect(again[1].sequence == 3)
        // The stream holds each Msg-Id once: the next new message takes sequence 4, not 5.
        #expect(try publisher.publish([Self.message("d:1")])[0].sequence == 4)
    }

    @Test func aRefusedMessageEndsTheAcknowledgedPrefixAndTheNextBatchStartsClean() throws {
        let nats = try NATSFixture()
        defer { nats.remove() }
        let publisher = try JetStreamPublisher(connection: nats.connection, logger: nats.logger)
        try publisher.ensureStream(settings)
        var stray = Self.message("stray")
        stray.subject = "nobody.listens.here"
        do {
            _ = try publisher.publish([Self.message("p:1"), Self.message("p:2"), stray, Self.message("p:3")], timeout: 5)
            Issue.record("a message no stream takes was acknowledged")
        } catch {
            #expect(error.description.contains("after 2 acknowledged"), "\(error)")
            #expect(error.description.contains("nobody.listens.here"))
        }
        // The batch's acknowledged messages are stored; re-sending them is harmless, and nothing of the failed
        // batch leaks into this one.
        let again = try publisher.publish((1...4).map { Self.message("p:\($0)") }, stream: "ARTICLES")
        #expect(again.map(\.duplicate) == [true, true, true, false])
        #expect(again.map(\.sequence) == [1, 2, 3, 4])
    }

    /// A batch whose acknowledgements never come (the server froze, then died with the messages unread) fails,
    /// and the next batch, once the server is back, is acknowledged on the same publisher.
    @Test func aBatchLostWithTheServerDoesNotHoldUpTheNext() async throws {
        let nats = try NATSFixture()
        defer { nats.remove() }
        let publisher = try JetStreamPublisher(connection: nats.connection, logger: nats.logger)
        try publisher.ensureStream(settings)
        nats.server.pause()
        #expect(throws: OutputError.self) {
            try publisher.publish([Self.message("lost-1"), Self.message("lost-2")], stream: "ARTICLES", timeout: 1)
        }
        nats.server.kill()
        try nats.server.restart()
        #expect(await waitUntil(timeout: 30) { nats.connection.isConnected })
        let acks = try publisher.publish([Self.message("next")], stream: "ARTICLES", timeout: 5)
        #expect(acks.count == 1 && !acks[0].duplicate)
    }

    @Test func aLargeBatchIsAcknowledgedInOrder() throws {
        let nats = try NATSFixture()
        defer { nats.remove() }
        let publisher = try JetStreamPublisher(connection: nats.connection, logger: nats.logger)
        try publisher.ensureStream(settings)
        // More than the 4096 messages the library lets wait for acks at once.
        let batch = (0..<6000).map { Self.message("bulk:\($0)", source: "s\($0 % 7)") }
        let acks = try publisher.publish(batch, stream: "ARTICLES", timeout: 30)
        #expect(acks.count == batch.count)
        #expect(Set(acks.map(\.sequence)).count == batch.count)
        #expect(acks.allSatisfy { !$0.duplicate })
    }

    @Test func publishFailsClearlyWhileTheServerIsDownAndResumesOnTheSameConnection() async throws {
        let nats = try NATSFixture()
        defer { nats.remove() }
        let publisher = try JetStreamPublisher(connection: nats.connection, logger: nats.logger)
        try publisher.ensureStream(settings)
        _ = try publisher.publish([Self.message("before")])

        nats.server.stop()
        #expect(await waitUntil(timeout: 30) { !nats.connection.isConnected })
        do {
            _ = try publisher.publish([Self.message("during-1"), Self.message("during-2")], stream: "ARTICLES", timeout: 2)
            Issue.record("a publish with the server down succeeded")
        } catch {
            #expect(error.description.contains("stream ARTICLES"))
            #expect(error.description.contains("after 0 acknowledged"))
            #expect(error.description.contains("feedd.articles.alpha"))
        }

        try nats.server.restart()
        #expect(await waitUntil(timeout: 30) { nats.connection.isConnected })
        let acks = try publisher.publish([Self.message("after")], stream: "ARTICLES")
        #expect(acks.count == 1 && !acks[0].duplicate)
        #expect(nats.log.contains { $0.contains("event=nats_disconnected") })
        #expect(nats.log.contains { $0.contains("event=nats_reconnected") && $0.contains(nats.server.url) })
    }

    @Test func aBadURLIsNamedInTheError() throws {
        let port = try NATSServer.unusedPort()
        let url = "nats://127.0.0.1:\(port)"
        let logger = Logger(sink: LogSink(style: .stream) { _ in })
        do {
            _ = try NATSConnection(options: NATSOptions(urls: [url], connectTimeout: 1), logger: logger)
            Issue.record("connected to \(url), where nothing listens")
        } catch {
            #expect(error.description.contains(url))
            #expect(error.description.contains("cannot connect"))
        }
        do {
            _ = try NATSConnection(options: NATSOptions(urls: ["nats://user:secret@127.0.0.1:\(port)"]), logger: logger)
            Issue.record("connected where nothing listens")
        } catch {
            #expect(!error.description.contains("secret"), "the password stays out of the message")
            #expect(error.description.contains("nats://user@127.0.0.1:\(port)"))
        }
    }
}
