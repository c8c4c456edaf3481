import FeeddCore
import FeeddOutput
import Foundation
import Glibc
import TestSupport
import Testing

/// The real `feedd` binary publishing to a real `nats-server -js`: killed with SIGKILL mid-publish, and with
/// the server stopped for 30 s mid-run, every stored record ends up in the stream exactly once.
@Suite(.enabled(if: NATSServer.unavailableReason == nil, Comment(rawValue: "\(NATSServer.unavailableReason ?? ""): NATS tests skipped")))
struct NATSOutputTests {
    /// The stream as a client of the test's own sees it.
    final class Stream: Sendable {
        let connection: NATSConnection
        let reader: StreamReader

        init(_ server: NATSServer) throws {
            connection = try NATSConnection(
                options: NATSOptions(urls: [server.url], name: "feedd-e2e", reconnectWait: 0.2),
                logger: Logger(sink: LogSink(style: .stream) { _ in }))
            reader = try StreamReader(connection: connection, stream: "FEEDD")
        }

        /// Messages in the stream now (0 while it does not exist or cannot be asked).
        var count: UInt64 { (try? reader.state().messages) ?? 0 }

        /// Every message's `Nats-Msg-Id`, in stream order.
        func messageIDs() throws -> [String] {
            var ids: [String] = []
            try reader.forEach { message in
                ids.append(message.header("Nats-Msg-Id") ?? "")
                return true
            }
            return ids
        }
    }

    static func events(_ stderr: String, _ event: String) -> Int {
        stderr.split(separator: "\n").count { $0.contains("event=\(event) ") }
    }

    /// `id:revision` of every stored record, in journal order: the Msg-Ids the stream must hold.
    static func storedMessageIDs(_ store: String) throws -> [String] {
        try FeeddBinary.storedRecords(store).map { "\($0["id"] as? String ?? "?"):\(($0["revision"] as? Int) ?? 1)" }
    }

    @Test func killedMidPublishEveryRecordIsInTheStreamExactlyOnceAfterARestart() throws {
        let server = try NATSServer()
        let directory = try TemporaryDirectory()
        defer { server.remove(); directory.remove() }
        let conf = try directory.write("feeds.conf", "[feedd]\nstore = ./store\n\n[output nats]\nurl = \(server.url)\n")
        let total = 4000
        let lines = (0..<total).map { number in
            "{\"url\": \"https://wire.example/story/\(number)\", \"title\": \"Story \(number)\", "
                + "\"text\": \"Dispatch \(number): the council met and voted on item \(number * 7 + 3).\"}"
        }
        let input = try directory.write("in.jsonl", lines.joined(separator: "\n") + "\n")
        let imported = try FeeddBinary.run(["import", "--config", conf, "--source", "wire", input])
        #expect(imported.status == 0, "\(imported.stderr)")

        let stream = try Stream(server)
        defer { stream.connection.close() }
        let first = try FeeddBinary.start(["run", "--config", conf])
        #expect(waitUntil(timeout: 60) { stream.count >= 300 }, "\(first.stderr)")
        first.signal(SIGKILL)
        _ = first.wait()
        let atKill = stream.count
        #expect(atKill < UInt64(total), "the kill came after the whole journal was published: not mid-publish")

        let second = try FeeddBinary.start(["run", "--config", conf])
        #expect(waitUntil(timeout: 120) { stream.count >= UInt64(total) }, "\(second.stderr)")
        second.signal(SIGTERM)
        #expect(second.wait() == 0)

        let ids = try stream.messageIDs()
        #expect(ids.count == total)
        #expect(Set(ids).count == total)
        #expect(ids == (try Self.storedMessageIDs(directory.file("store"))), "in journal order, each once")
        let status = try FeeddBinary.run(["status", "--config", conf])
        #expect(status.stdout.contains("output: stream FEEDD, acknowledged up to seq \(total) of \(total) (0 waiting)"))
        #expect(second.stderr.contains("event=output_started"))
        #expect(second.stderr.contains("event=output_caught_up"))
    }

    /// The issue's outage: nats-server stopped for 30 s while feedd polls new sources, then started again.
    @Test func aThirtySecondOutageMidRunIsDrainedWithNothingLostOrDuplicated() throws {
        let server = try NATSServer()
        let fixture = try EndToEndFixture()
        defer { server.remove(); fixture.tearDown() }
        for desk in ["a", "b", "c"] {
            let items = (0..<5).map { number in
                "<item><title>Desk \(desk) story \(number)</title><link>https://\(desk).example/\(number)</link>"
                    + "<description>Story \(number) of desk \(desk), told in a few words of its own.</description></item>"
            }
            fixture.server.route(
                "/\(desk)",
                TestResponse(
                    headers: [HTTPHeader(name: "Content-Type", value: "application/rss+xml")],
                    body: "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>\(desk)</title>"
                        + "<link>https://\(desk).example/</link>\(items.joined())</channel></rss>"))
        }
        let output = "[output nats]\nurl = \(server.url)\n\n"
        let conf = try fixture.writeConfig("interval = 1h\nhost_delay = 0s", sources: output + "[source a]\nurl = \(fixture.server.url("/a"))\n")
        let stream = try Stream(server)
        defer { stream.connection.close() }
        let running = try FeeddBinary.start(["run", "--config", conf])
        #expect(waitUntil(timeout: 60) { stream.count == 5 }, "\(running.stderr)")

        server.stop()
        let stopped = Date()
        // New sources while NATS is down: polled at once after the reload, stored, not yet published.
        _ = try fixture.writeConfig(
            "interval = 1h\nhost_delay = 0s",
            sources: output + ["a", "b", "c"].map { "[source \($0)]\nurl = \(fixture.server.url("/\($0)"))\n" }.joined())
        running.signal(SIGHUP)
        #expect(
            waitUntil(timeout: 60) {
                let log = running.stderr
                return log.contains("event=poll source=b ") && log.contains("event=poll source=c ")
            }, "\(running.stderr)")
        #expect(try fixture.storedRecords().count == 15)
        #expect(waitUntil(timeout: 60) { Self.events(running.stderr, "output_down") == 1 }, "\(running.stderr)")
        let outage = 30 - Date().timeIntervalSince(stopped)
        if outage > 0 { Thread.sleep(forTimeInterval: outage) }  // the outage itself, not a synchronization
        try server.restart()

        #expect(waitUntil(timeout: 90) { stream.count == 15 }, "\(running.stderr)")
        running.signal(SIGTERM)
        #expect(running.wait() == 0)
        let ids = try stream.messageIDs()
        #expect(ids.count == 15 && Set(ids).count == 15)
        #expect(ids == (try Self.storedMessageIDs(fixture.directory.file("store"))))
        #expect(Self.events(running.stderr, "output_down") == 1, "logged once, not per retry")
        #expect(Self.events(running.stderr, "output_up") == 1)

        // `feedd read --nats` prints the stream's records as `feedd read` prints the journal's.
        let fromStream = try FeeddBinary.run(["read", "--nats", "--config", conf])
        let fromStore = try FeeddBinary.run(["read", "--config", conf])
        #expect(fromStream.status == 0, "\(fromStream.stderr)")
        #expect(fromStream.stdout == fromStore.stdout)
        let sinceTen = try FeeddBinary.run(["read", "--nats", "--config", conf, "--since", "10", "--source", "c"])
        #expect(sinceTen.stdout.split(separator: "\n").count == 5)
        let all = try FeeddBinary.run(["read", "--nats", "--config", conf, "--since-time", "2000-01-01T00:00:00Z"])
        #expect(all.stdout == fromStore.stdout)
        let none = try FeeddBinary.run(["read", "--nats", "--config", conf, "--since-time", "2100-01-01T00:00:00Z"])
        #expect(none.status == 0 && none.stdout.isEmpty)
    }
}

/// `[output nats]` mistakes are configuration errors, found before anything runs.
@Suite struct NATSOutputConfigErrorTests {
    @Test func aBadOutputLineIsAConfigErrorWithItsLine() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write(
            "feeds.conf", "[feedd]\ninterval = 15m\n\n[output nats]\nurl = 127.0.0.1:4222\ndedupe = yes\n")
        let check = try FeeddBinary.run(["check-config", "--config", path])
        #expect(check.status == 2)
        #expect(check.stderr.contains("\(path):5: [output nats] url must list nats://host:port or tls://host:port servers"))
        #expect(check.stderr.contains("\(path):6: [output nats] dedupe must be shared or local, not \"yes\""))
        let run = try FeeddBinary.run(["run", "--once", "--config", path])
        #expect(run.status == 2)
    }

    @Test func readNATSNeedsTheSection() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("feeds.conf", "[feedd]\ninterval = 15m\n")
        let read = try FeeddBinary.run(["read", "--nats", "--config", path])
        #expect(read.status == 2)
        #expect(read.stderr.contains("has no [output nats] section"))
        #expect(try FeeddBinary.run(["read", "--nats", "--follow", "--config", path]).status == 64)
    }
}
