import FeeddCore
import Foundation
import Testing
import TestSupport

@Suite("TestHTTPServer")
struct TestHTTPServerTests {
    @Test func servesRouteAndRecordsRequest() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/feed.xml", .text("<rss/>", contentType: "application/rss+xml"))
        let client = try RawHTTPClient(port: server.port)
        defer { client.close() }
        client.send("GET /feed.xml?x=1 HTTP/1.1\r\nHost: localhost\r\nX-Probe: yes\r\nConnection: close\r\n\r\n")
        let answer = RawHTTPAnswer(client.readToEnd())
        #expect(answer.statusLine == "HTTP/1.1 200 OK")
        #expect(answer.headers["content-type"] == "application/rss+xml")
        #expect(answer.headers["content-length"] == "6")
        #expect(String(decoding: answer.body, as: UTF8.self) == "<rss/>")
        let requests = server.requests(to: "/feed.xml")
        #expect(requests.count == 1)
        #expect(requests.first?.target == "/feed.xml?x=1")
        #expect(requests.first?.header("x-probe") == "yes")
        #expect(server.url("feed.xml") == "http://127.0.0.1:\(server.port)/feed.xml")
    }

    @Test func unknownPathIs404AndRoutesCanChange() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        func get(_ path: String) throws -> RawHTTPAnswer {
            let client = try RawHTTPClient(port: server.port)
            defer { client.close() }
            client.send("GET \(path) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            return RawHTTPAnswer(client.readToEnd())
        }
        #expect(try get("/nothing").statusLine == "HTTP/1.1 404 Not Found")
        server.route("/a", .text("one"))
        #expect(try get("/a").body == Array("one".utf8))
        server.route("/a", handler: { request in .text("handled \(request.method)", status: 201) })
        let answer = try get("/a")
        #expect(answer.statusLine.hasPrefix("HTTP/1.1 201"))
        #expect(answer.body == Array("handled GET".utf8))
    }

    @Test func keepsConnectionAlive() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/k", .text("kk"))
        let client = try RawHTTPClient(port: server.port)
        defer { client.close() }
        client.send("GET /k HTTP/1.1\r\nHost: x\r\n\r\n")
        let first = client.read(atLeast: 20)
        #expect(!first.isEmpty)
        client.send("GET /k HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        _ = client.readToEnd()
        let requests = server.requests(to: "/k")
        #expect(requests.count == 2)
        #expect(requests.map(\.connection) == [1, 1])
        #expect(server.connectionCount == 1)
    }

    @Test func gzipsBody() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        let text = String(repeating: "feedd ", count: 1000)
        server.route("/z", TestResponse(body: text, gzip: true))
        let client = try RawHTTPClient(port: server.port)
        defer { client.close() }
        client.send("GET /z HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        let answer = RawHTTPAnswer(client.readToEnd())
        #expect(answer.headers["content-encoding"] == "gzip")
        #expect(answer.body.starts(with: [0x1F, 0x8B]))
        #expect(answer.body.count < text.utf8.count / 10)
    }

    @Test func truncatedPromisesMoreThanItSends() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/t", TestResponse(body: "abcdef", behavior: .truncated))
        let client = try RawHTTPClient(port: server.port)
        defer { client.close() }
        client.send("GET /t HTTP/1.1\r\nHost: x\r\n\r\n")
        let answer = RawHTTPAnswer(client.readToEnd())
        #expect(Int(answer.headers["content-length"] ?? "") ?? 0 > 6)
        #expect(answer.body == Array("abcdef".utf8))
    }

    @Test func stopReleasesHangingConnection() throws {
        let server = try TestHTTPServer()
        server.route("/h", TestResponse(behavior: .hang))
        let client = try RawHTTPClient(port: server.port)
        defer { client.close() }
        client.send("GET /h HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(waitUntil(timeout: 5) { server.activeRequests == 1 })
        server.stop()
        // The hanging connection is closed by stop: the read ends with no answer.
        #expect(client.readToEnd().isEmpty)
    }

    @Test func temporaryDirectoryAndFixtures() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("a.txt", "hello")
        #expect(FileManager.default.contents(atPath: path) == Data("hello".utf8))
        directory.remove()
        #expect(!FileManager.default.fileExists(atPath: directory.path))
        #expect(Fixtures.path("http/sample.txt").hasSuffix("/Tests/Fixtures/http/sample.txt"))
        #expect(Fixtures.string("http/sample.txt").hasPrefix("feedd test fixture"))
    }
}

@Suite("TestHTTPServer misbehaviour")
struct TestHTTPServerMisbehaviourTests {
    @Test func servesFixtures() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/sample", .fixture("http/sample.txt", contentType: "text/plain"))
        let client = try RawHTTPClient(port: server.port)
        defer { client.close() }
        client.send("GET /sample HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        let answer = RawHTTPAnswer(client.readToEnd())
        #expect(answer.headers["content-type"] == "text/plain")
        #expect(answer.body == Fixtures.data("http/sample.txt"))
    }

    @Test func answersGarbageWith400() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        defer { client.close() }
        client.send("\u{16}\u{03}\u{01}garbage")
        #expect(RawHTTPAnswer(client.readToEnd()).statusLine == "HTTP/1.1 400 Bad Request")
    }

    @Test func wrongLengthPromisesABiggerChunk() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/w", TestResponse(body: "abc", behavior: .wrongLength))
        let client = try RawHTTPClient(port: server.port)
        defer { client.close() }
        client.send("GET /w HTTP/1.1\r\nHost: x\r\n\r\n")
        let answer = RawHTTPAnswer(client.readToEnd())
        #expect(answer.headers["transfer-encoding"] == "chunked")
        #expect(String(decoding: answer.body, as: UTF8.self) == "67\r\nabc")
    }
}
