import FeeddCore
import FeeddHTTP
import Foundation
import Synchronization
import Testing
import TestSupport

@Suite("Fetcher")
struct FetcherTests {
    @Test func fetches200WithHeadersAndBody() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route(
            "/feed.xml",
            TestResponse(
                headers: [
                    HTTPHeader(name: "Content-Type", value: "application/rss+xml"),
                    HTTPHeader(name: "ETag", value: "\"v1\""),
                    HTTPHeader(name: "Last-Modified", value: "Sun, 06 Nov 1994 08:49:37 GMT"),
                    HTTPHeader(name: "Cache-Control", value: "public, max-age=600"),
                ], body: "<rss/>"))
        let fetcher = makeFetcher()
        let request = FetchRequest(
            url: server.url("/feed.xml"), userAgent: "feedd-test/1", headers: [HTTPHeader(name: "X-Token", value: "abc")])
        let response = try #require(await fetcher.fetch(request).response)
        #expect(response.status == 200)
        #expect(response.body == Array("<rss/>".utf8))
        #expect(response.contentType == "application/rss+xml")
        #expect(response.etag == "\"v1\"")
        #expect(response.lastModified == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(response.header("ETAG") == "\"v1\"")
        #expect(response.headers.allSatisfy { $0.name == $0.name.lowercased() })
        #expect(response.cacheMaxAge == 600)
        #expect(response.effectiveURL == server.url("/feed.xml"))
        #expect(response.requestedURL == server.url("/feed.xml"))
        #expect(response.redirects.isEmpty)
        #expect(response.bytesOnWire > 6)
        #expect(response.httpError == nil)
        let sent = try #require(server.requests(to: "/feed.xml").first)
        #expect(sent.header("User-Agent") == "feedd-test/1")
        #expect(sent.header("X-Token") == "abc")
        #expect(sent.header("Accept-Encoding")?.contains("gzip") == true)
        #expect(sent.header("If-None-Match") == nil)
    }

    @Test func sendsValidatorsAndGets304() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/feed") { request in
            request.header("If-None-Match") == "\"abc\"" ? .status(304, headers: [HTTPHeader(name: "ETag", value: "\"abc\"")]) : .text("fresh")
        }
        let fetcher = makeFetcher()
        let request = FetchRequest(url: server.url("/feed"), etag: "\"abc\"", lastModified: "Sun, 06 Nov 1994 08:49:37 GMT")
        let response = try #require(await fetcher.fetch(request).response)
        #expect(response.status == 304)
        #expect(response.body.isEmpty)
        #expect(response.httpError == nil)
        let sent = try #require(server.requests(to: "/feed").first)
        #expect(sent.header("If-None-Match") == "\"abc\"")
        #expect(sent.header("If-Modified-Since") == "Sun, 06 Nov 1994 08:49:37 GMT")
    }

    @Test(arguments: [500, 410, 404, 503])
    func errorStatusesAreResponses(status: Int) async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/x", .text("nope", status: status))
        server.route("/y", .text("yes"))
        let fetcher = makeFetcher()
        let response = try #require(await fetcher.fetch(FetchRequest(url: server.url("/x"))).response)
        #expect(response.status == status)
        #expect(response.httpError?.code == .http(status))
        #expect(response.retryAfter == nil)
        // No Retry-After: the host is not blocked.
        #expect(await fetcher.fetch(FetchRequest(url: server.url("/y"))).response?.status == 200)
    }

    @Test func recordsRedirectChain() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/a", .redirect(301, to: "/b"))
        server.route("/b", .redirect(302, to: server.url("/c")))
        server.route("/c", .redirect(308, to: "/d?x=1"))
        server.route("/d", .text("end"))
        let fetcher = makeFetcher()
        let response = try #require(await fetcher.fetch(FetchRequest(url: server.url("/a"))).response)
        #expect(response.status == 200)
        #expect(response.body == Array("end".utf8))
        #expect(response.effectiveURL == server.url("/d?x=1"))
        #expect(response.requestedURL == server.url("/a"))
        #expect(response.redirects == [
            .init(status: 301, from: server.url("/a"), to: server.url("/b")),
            .init(status: 302, from: server.url("/b"), to: server.url("/c")),
            .init(status: 308, from: server.url("/c"), to: server.url("/d?x=1")),
        ])
        // Only the permanent hop at the start of the chain says where the feed moved.
        #expect(response.permanentTarget == server.url("/b"))
    }

    @Test func detectsRedirectLoop() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/a", .redirect(302, to: "/b"))
        server.route("/b", .redirect(302, to: "/a"))
        let error = try #require(await makeFetcher().fetch(FetchRequest(url: server.url("/a"))).error)
        #expect(error.code == .redirectLoop)
        #expect(server.requests.count == 2)
    }

    @Test func stopsAfterMaxRedirects() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        for index in 0..<10 { server.route("/r\(index)", .redirect(302, to: "/r\(index + 1)")) }
        let error = try #require(await makeFetcher().fetch(FetchRequest(url: server.url("/r0"), maxRedirects: 3)).error)
        #expect(error.code == .tooManyRedirects)
        #expect(server.requests.count == 4)
        // Exactly the limit is fine.
        server.route("/r3", .text("landed"))
        let response = try #require(await makeFetcher().fetch(FetchRequest(url: server.url("/r0"), maxRedirects: 3)).response)
        #expect(response.redirects.count == 3)
    }

    @Test(arguments: ["file:///etc/passwd", "gopher://127.0.0.1/1", "ftp://127.0.0.1/x"])
    func refusesOtherProtocolsOnRedirect(target: String) async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/evil", .redirect(302, to: target))
        let error = try #require(await makeFetcher().fetch(FetchRequest(url: server.url("/evil"))).error)
        #expect(error.code == .protocolRefused)
        #expect(error.message.contains(target))
    }

    @Test func refusesOtherProtocolsUpFront() async throws {
        let error = try #require(await makeFetcher().fetch(FetchRequest(url: "file:///etc/passwd")).error)
        #expect(error.code == .protocolRefused)
    }

    @Test func slowDripIsCutByLowSpeedLimit() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        let body = [UInt8](repeating: UInt8(ascii: "a"), count: 100_000)
        server.route("/slow", TestResponse(body: body, behavior: .drip(chunk: 16, interval: 0.25)))
        let request = FetchRequest(url: server.url("/slow"), timeout: 30, lowSpeedTime: 1)
        let error = try #require(await makeFetcher().fetch(request).error)
        #expect(error.code == .lowSpeed)
    }

    @Test func hangingServerHitsTimeout() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/hang", TestResponse(behavior: .hang))
        let error = try #require(await makeFetcher().fetch(FetchRequest(url: server.url("/hang"), timeout: 1)).error)
        #expect(error.code == .timeout)
    }

    @Test func endlessBodyIsStoppedAtMaxBytes() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/endless", TestResponse(behavior: .endless))
        let error = try #require(await makeFetcher().fetch(FetchRequest(url: server.url("/endless"), maxBytes: 200_000)).error)
        #expect(error.code == .tooLarge)
    }

    @Test func announcedLengthOverMaxBytesIsRefused() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/big", TestResponse(body: [UInt8](repeating: 1, count: 50_000)))
        let error = try #require(await makeFetcher().fetch(FetchRequest(url: server.url("/big"), maxBytes: 10_000)).error)
        #expect(error.code == .tooLarge)
    }

    @Test func endlessHeadersAreStopped() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        let filler = String(repeating: "h", count: 200)
        let headers = (0..<8000).map { HTTPHeader(name: "X-Filler-\($0)", value: filler) }
        server.route("/headers", TestResponse(headers: headers, body: "x"))
        let error = try #require(await makeFetcher().fetch(FetchRequest(url: server.url("/headers"))).error)
        #expect(error.code == .badResponse)
    }

    @Test func decodesGzip() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        let text = String(repeating: "<item>feedd</item>\n", count: 2000)
        server.route("/z", TestResponse(body: text, gzip: true))
        let response = try #require(await makeFetcher().fetch(FetchRequest(url: server.url("/z"))).response)
        #expect(response.body == Array(text.utf8))
        #expect(response.header("content-encoding") == "gzip")
        #expect(response.bytesOnWire < Int64(text.utf8.count / 4))
    }

    @Test func gzipBombIsStoppedOnDecodedSize() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        // 8 MiB of zeros compress to a few KiB: only the decoded size can trip the 1 MiB cap.
        server.route("/bomb", TestResponse(body: [UInt8](repeating: 0, count: 8 << 20), gzip: true))
        let error = try #require(await makeFetcher().fetch(FetchRequest(url: server.url("/bomb"), maxBytes: 1 << 20)).error)
        #expect(error.code == .tooLarge)
    }

    @Test(arguments: [TestResponse.Behavior.truncated, .wrongLength])
    func shortBodyIsTruncated(behavior: TestResponse.Behavior) async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/short", TestResponse(body: "only part of it", behavior: behavior))
        let error = try #require(await makeFetcher().fetch(FetchRequest(url: server.url("/short"))).error)
        #expect(error.code == .truncated)
        #expect(error.curlCode != nil)
    }

    @Test func resetMidBodyFails() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/reset", TestResponse(body: [UInt8](repeating: 65, count: 200_000), behavior: .reset))
        let error = try #require(await makeFetcher().fetch(FetchRequest(url: server.url("/reset"))).error)
        #expect(error.code == .network || error.code == .truncated)
    }

    @Test func emptyReplyFails() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/empty", TestResponse(behavior: .empty))
        let error = try #require(await makeFetcher().fetch(FetchRequest(url: server.url("/empty"))).error)
        #expect(error.code == .network)
    }

    @Test func tlsToPlainPortIsTLSError() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/", .text("plain"))
        let error = try #require(await makeFetcher().fetch(FetchRequest(url: "https://127.0.0.1:\(server.port)/", timeout: 10)).error)
        #expect(error.code == .tls)
        #expect(error.message.contains("http://"))
    }

    @Test func refusedConnectionIsConnectError() async throws {
        let server = try TestHTTPServer()
        let url = server.url("/gone")
        server.stop()
        let error = try #require(await makeFetcher().fetch(FetchRequest(url: url)).error)
        #expect(error.code == .connect)
    }

    @Test func reusesConnection() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/r", .text("again"))
        let fetcher = makeFetcher()
        for _ in 0..<3 { _ = await fetcher.fetch(FetchRequest(url: server.url("/r"))) }
        #expect(server.requests(to: "/r").count == 3)
        #expect(server.connectionCount == 1)
    }

    /// `count` fetches of `/meet` at once through `fetcher`, to hosts `hosts` in turn; the server holds each
    /// request until `gather` are in it together (or `patience` seconds passed). Returns the most that were.
    private func peak(
        _ fetcher: Fetcher, count: Int, hosts: [String], gather: Int, patience: Double
    ) async throws -> Int {
        let server = try TestHTTPServer()
        defer { server.stop() }
        let met = Mutex(false)
        server.route("/meet") { [server] _ in
            _ = waitUntil(timeout: patience) {
                met.withLock { met in
                    if server.activeRequests >= gather { met = true }
                    return met
                }
            }
            return .text("done")
        }
        let results = await withTaskGroup(of: Result<FetchResponse, FetchError>.self) { group in
            for index in 0..<count {
                let url = "http://\(hosts[index % hosts.count]):\(server.port)/meet?n=\(index)"
                group.addTask { await fetcher.fetch(FetchRequest(url: url)) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0.response?.status == 200 })
        return server.peakConcurrency
    }

    @Test func perHostLimitCapsConcurrency() async throws {
        // Without a binding limit all six meet in the server; with max_per_host = 2 the first two meet, and no
        // third ever joins them.
        #expect(try await peak(makeFetcher(maxPerHost: 6), count: 6, hosts: ["127.0.0.1"], gather: 6, patience: 20) == 6)
        #expect(try await peak(makeFetcher(maxPerHost: 2), count: 6, hosts: ["127.0.0.1"], gather: 2, patience: 20) == 2)
    }

    @Test func globalLimitCapsConcurrency() async throws {
        // Two host names for one server: the per-host limit alone lets four in at once, the global one three.
        let hosts = ["127.0.0.1", "localhost"]
        #expect(try await peak(makeFetcher(maxConnections: 8, maxPerHost: 2), count: 8, hosts: hosts, gather: 4, patience: 20) == 4)
        #expect(try await peak(makeFetcher(maxConnections: 3, maxPerHost: 2), count: 8, hosts: hosts, gather: 3, patience: 20) == 3)
    }

    @Test func manyConcurrentFetchesComplete() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        for index in 0..<60 { server.route("/f\(index)", .text("body \(index)")) }
        let fetcher = makeFetcher(maxPerHost: 6)
        let results = await withTaskGroup(of: (Int, Result<FetchResponse, FetchError>).self) { group in
            for index in 0..<60 { group.addTask { (index, await fetcher.fetch(FetchRequest(url: server.url("/f\(index)")))) } }
            return await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        #expect(results.count == 60)
        for (index, result) in results {
            #expect(result.response?.body == Array("body \(index)".utf8))
        }
        #expect(fetcher.inFlight == 0)
    }

    @Test func shutdownCutsTransfersInFlightAndRefusesNewOnes() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/hang", TestResponse(behavior: .hang))
        let fetcher = makeFetcher(maxPerHost: 2)
        let box = ResultBox()
        for index in 0..<5 {
            // Only the shutdown may end these, however late a busy test runner gets to it (a starved runner once
            // reached it after the 30 s low-speed cut).
            var request = FetchRequest(url: server.url("/hang?n=\(index)"))
            request.timeout = 3600
            request.lowSpeedTime = 3600
            fetcher.fetch(request) { box.add($0) }
        }
        #expect(await waitUntil(timeout: 5) { server.activeRequests == 2 })
        fetcher.shutdown(deadline: 0.2)
        #expect(await waitUntil(timeout: 5) { box.count == 5 })
        #expect(box.all.allSatisfy { $0.error?.code == .shutdown }, "\(box.all.map { $0.error.map { "\($0.code): \($0.message)" } ?? "ok" })")
        #expect(fetcher.inFlight == 0)
        let late = try #require(await fetcher.fetch(FetchRequest(url: server.url("/hang"))).error)
        #expect(late.code == .shutdown)
        // A second shutdown is harmless.
        fetcher.shutdown(deadline: 0)
    }

    @Test func shutdownLetsShortTransfersFinish() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/soon", TestResponse.text("made it").delayed(0.2))
        let fetcher = makeFetcher()
        let box = ResultBox()
        fetcher.fetch(FetchRequest(url: server.url("/soon"))) { box.add($0) }
        #expect(await waitUntil(timeout: 5) { server.requests(to: "/soon").count == 1 })
        fetcher.shutdown(deadline: 5)
        #expect(await waitUntil(timeout: 5) { box.count == 1 })
        #expect(box.all.first?.response?.body == Array("made it".utf8))
    }
}
