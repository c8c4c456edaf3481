import FeeddCore
import Foundation
import Glibc
import TestSupport
import Testing

/// `listen`: a running daemon answers /metrics and /healthz over a real socket with the figures of its polls.
@Suite(.serialized) struct MetricsEndpointTests {
    let fixture: EndToEndFixture

    init() throws { fixture = try EndToEndFixture(ledgerAt: ["/feed/"]) }

    @Test func scrapeAndHealthAfterAPoll() throws {
        defer { fixture.tearDown() }
        let port = try Self.freePort()
        let config = try fixture.writeConfig(
            "interval = 1h\nlisten = 127.0.0.1:\(port)",
            sources: "[source ledger]\nurl = \(fixture.server.url("/feed/"))\n")
        let daemon = try FeeddBinary.start(["run", "--config", config])
        defer {
            daemon.signal(SIGTERM)
            _ = daemon.wait(timeout: 30)
        }
        #expect(waitUntil(timeout: 60) { daemon.stderr.contains("event=poll source=ledger") }, "\(daemon.stderr)")

        let metrics = try #require(Self.get(port, "/metrics"))
        #expect(metrics.status == 200)
        let body = metrics.body
        for line in [
            #"feedd_polls_total{source="ledger",outcome="ok"} 1"#,
            #"feedd_articles_total{source="ledger",decision="new"} 3"#,
            #"feedd_http_responses_total{host="127.0.0.1",code_class="2xx"} 1"#,
            #"feedd_sources{state="ok"} 1"#,
            #"feedd_sources{state="failing"} 0"#,
            "feedd_dedupe_index_articles 3",
            "feedd_journal_segments 1",
            "feedd_journal_errors_total 0",
            "feedd_queue_depth 0",
            "feedd_fetch_duration_seconds_count 1",
            "feedd_journal_append_seconds_count 1",
            "# TYPE feedd_fetch_duration_seconds histogram",
            "# TYPE process_cpu_seconds_total counter",
        ] {
            #expect(body.contains(line + "\n"), "missing \(line) in\n\(body)")
        }
        let lastSuccess = body.split(separator: "\n").first { $0.hasPrefix("feedd_source_last_success_timestamp_seconds{source=\"ledger\"} ") }
        let seconds = lastSuccess.flatMap { Double($0.split(separator: " ").last ?? "") } ?? 0
        #expect(abs(seconds - Date().timeIntervalSince1970) < 600, "\(body)")
        #expect(body.contains("process_resident_memory_bytes "))
        #expect(body.contains("process_open_fds "))

        let health = try #require(Self.get(port, "/healthz"))
        #expect(health.status == 200)
        #expect(health.body == "ok\n")
        #expect(try #require(Self.get(port, "/nothing")).status == 404)

        if let promtool = Self.promtool() {
            let check = Process()
            check.executableURL = URL(fileURLWithPath: promtool)
            check.arguments = ["check", "metrics"]
            let input = Pipe()
            let output = Pipe()
            check.standardInput = input
            check.standardOutput = output
            check.standardError = output
            try check.run()
            input.fileHandleForWriting.write(Data(body.utf8))
            try input.fileHandleForWriting.close()
            let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            check.waitUntilExit()
            #expect(check.terminationStatus == 0, "promtool: \(said)")
        }
    }

    /// `--listen` serves without the key; a reload that removes a source removes its series.
    @Test func listenFlagAndReloadDropsRemovedSources() throws {
        defer { fixture.tearDown() }
        fixture.server.route("/other/", EndToEndFixture.ledgerFeed)
        let port = try Self.freePort()
        let both = "[source ledger]\nurl = \(fixture.server.url("/feed/"))\n[source other]\nurl = \(fixture.server.url("/other/"))\n"
        let config = try fixture.writeConfig("interval = 1h\nhost_delay = 0s", sources: both)
        let daemon = try FeeddBinary.start(["run", "--config", config, "--listen", "127.0.0.1:\(port)"])
        defer {
            daemon.signal(SIGTERM)
            _ = daemon.wait(timeout: 30)
        }
        #expect(
            waitUntil(timeout: 60) { daemon.stderr.contains("source=ledger") && daemon.stderr.contains("source=other") },
            "\(daemon.stderr)")
        #expect(waitUntil(timeout: 10) { Self.get(port, "/metrics")?.body.contains(#"source="other""#) == true })
        _ = try fixture.writeConfig(
            "interval = 1h\nhost_delay = 0s", sources: "[source ledger]\nurl = \(fixture.server.url("/feed/"))\n")
        daemon.signal(SIGHUP)
        #expect(waitUntil(timeout: 30) { daemon.stderr.contains("event=reload") }, "\(daemon.stderr)")
        let body = try #require(Self.get(port, "/metrics")).body
        #expect(!body.contains(#"source="other""#), "\(body)")
        #expect(body.contains(#"feedd_source_last_attempt_timestamp_seconds{source="ledger"}"#))
        #expect(body.contains(#"feedd_sources{state="ok"} 1"#))
    }

    @Test func anAddressInUseEndsTheRunWithAMessage() throws {
        defer { fixture.tearDown() }
        let (blocker, port) = try TestSocket.listenOnLoopback()
        defer { close(blocker) }
        let config = try fixture.writeConfig(
            "interval = 1h\nlisten = 127.0.0.1:\(port)", sources: "[source ledger]\nurl = \(fixture.server.url("/feed/"))\n")
        let result = try FeeddBinary.run(["run", "--config", config])
        #expect(result.status == 1)
        #expect(result.stderr.contains("event=listen_failed"), "\(result.stderr)")
        let usage = try FeeddBinary.run(["run", "--config", config, "--listen", "127.0.0.1:0"])
        #expect(usage.status == 64, "\(usage.stderr)")
    }

    /// A port nobody listens on now: bind port 0, read what the kernel chose, close.
    static func freePort() throws -> Int {
        let (fd, port) = try TestSocket.listenOnLoopback()
        close(fd)
        return port
    }

    /// One GET over a fresh connection: the status and the body.
    static func get(_ port: Int, _ path: String) -> (status: Int, body: String)? {
        guard let client = try? RawHTTPClient(port: port) else { return nil }
        defer { client.close() }
        client.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        let answer = RawHTTPAnswer(client.readToEnd())
        guard let status = Int(answer.statusLine.split(separator: " ").dropFirst().first ?? "") else { return nil }
        return (status, String(decoding: answer.body, as: UTF8.self))
    }

    static func promtool() -> String? {
        ["/usr/bin/promtool", "/usr/local/bin/promtool"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
