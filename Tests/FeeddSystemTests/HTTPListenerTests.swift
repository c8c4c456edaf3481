import FeeddCore
import Glibc
import TestSupport
import Testing

@testable import FeeddSystem

/// The listener over real sockets on 127.0.0.1: answers, refusals, and clients that misbehave.
@Suite struct HTTPListenerTests {
    static func withListener(
        limits: HTTPListener.Limits = HTTPListener.Limits(), _ body: (Int) throws -> Void
    ) throws {
        let listener = try HTTPListener(address: ListenAddress(host: "127.0.0.1", port: 0), limits: limits) { path in
            path == "/metrics" ? .init(status: 200, body: "feedd_up 1\n") : nil
        }
        listener.start()
        defer { listener.stop() }
        try body(listener.port)
    }

    static func exchange(_ port: Int, _ request: String) throws -> String {
        let client = try RawHTTPClient(port: port)
        defer { client.close() }
        client.send(request)
        return String(decoding: client.readToEnd(), as: UTF8.self)
    }

    @Test func getAnswersWithLengthAndClose() throws {
        try Self.withListener { (port: Int) throws in
            let answer = try Self.exchange(port, "GET /metrics?x=1 HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(answer.hasPrefix("HTTP/1.1 200 OK\r\n"))
            #expect(answer.contains("Content-Length: 11\r\n"))
            #expect(answer.contains("Connection: close\r\n"))
            #expect(answer.hasSuffix("\r\n\r\nfeedd_up 1\n"))
        }
    }

    @Test func headHasNoBody() throws {
        try Self.withListener { (port: Int) throws in
            let answer = try Self.exchange(port, "HEAD /metrics HTTP/1.1\r\n\r\n")
            #expect(answer.hasPrefix("HTTP/1.1 200 OK\r\n"))
            #expect(answer.hasSuffix("\r\n\r\n"))
        }
    }

    @Test(arguments: [
        ("GET /nothing HTTP/1.1\r\n\r\n", "HTTP/1.1 404 "),
        ("POST /metrics HTTP/1.1\r\nContent-Length: 0\r\n\r\n", "HTTP/1.1 405 "),
        ("DELETE /metrics HTTP/1.0\r\n\r\n", "HTTP/1.1 405 "),
        ("GET\r\n\r\n", "HTTP/1.1 400 "),
        ("GET metrics HTTP/1.1\r\n\r\n", "HTTP/1.1 400 "),
        ("GET /metrics SPDY/3\r\n\r\n", "HTTP/1.1 400 "),
        ("\u{1}\u{2}\u{3} / HTTP/1.1\r\n\r\n", "HTTP/1.1 400 "),
    ])
    func refusals(request: String, statusLine: String) throws {
        try Self.withListener { (port: Int) throws in
            #expect(try Self.exchange(port, request).hasPrefix(statusLine))
        }
    }

    @Test func methodNotAllowedSaysWhatIs() throws {
        try Self.withListener { (port: Int) throws in
            #expect(try Self.exchange(port, "PUT /metrics HTTP/1.1\r\n\r\n").contains("Allow: GET, HEAD\r\n"))
        }
    }

    /// The client goes on sending after the refusal: the rest is drained, so the answer is not lost to a reset.
    @Test func oversizedRequestIsRefusedWithoutKeepingIt() throws {
        try Self.withListener { (port: Int) throws in
            let header = "X-Filler: " + String(repeating: "a", count: 200_000) + "\r\n"
            let answer = try Self.exchange(port, "GET /metrics HTTP/1.1\r\n" + header + "\r\n")
            #expect(answer.hasPrefix("HTTP/1.1 431 "))
        }
    }

    @Test func slowClientDoesNotHoldOthersAndIsClosedAtItsDeadline() throws {
        var limits = HTTPListener.Limits()
        limits.connectionTimeout = 0.3
        try Self.withListener(limits: limits) { (port: Int) throws in
            let slow = try RawHTTPClient(port: port)
            defer { slow.close() }
            slow.send("GET /met")  // and never the rest
            #expect(try Self.exchange(port, "GET /metrics HTTP/1.1\r\n\r\n").hasPrefix("HTTP/1.1 200 "))
            // The server closes the slow connection at its deadline: the read ends with no answer.
            #expect(slow.readUntilClosed() == [])
        }
    }

    @Test func connectionsBeyondTheLimitWaitTheirTurn() throws {
        var limits = HTTPListener.Limits()
        limits.maxConnections = 2
        limits.connectionTimeout = 0.3
        try Self.withListener(limits: limits) { (port: Int) throws in
            let idle = try (0..<2).map { _ in try RawHTTPClient(port: port) }
            defer { idle.forEach { $0.close() } }
            // Accepted once the idle ones time out; answered in full.
            #expect(try Self.exchange(port, "GET /metrics HTTP/1.1\r\n\r\n").hasPrefix("HTTP/1.1 200 "))
        }
    }

    @Test func listenAddressForms() {
        #expect(ListenAddress(parsing: "127.0.0.1:9477") == ListenAddress(host: "127.0.0.1", port: 9477))
        #expect(ListenAddress(parsing: "[::1]:80") == ListenAddress(host: "::1", port: 80))
        #expect(ListenAddress(parsing: "localhost:65535")?.port == 65535)
        for bad in ["127.0.0.1", "127.0.0.1:0", "127.0.0.1:65536", ":80", "::1:80", "host:8x", "host:-1", "a b:80"] {
            #expect(ListenAddress(parsing: bad) == nil, "\(bad)")
        }
        #expect(ListenAddress(parsing: "127.0.0.1:0", allowAnyPort: true)?.port == 0)
    }
}
