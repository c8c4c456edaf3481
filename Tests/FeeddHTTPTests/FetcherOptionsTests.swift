import FeeddCore
import FeeddHTTP
import Foundation
import Testing
import TestSupport

@Suite("Fetcher per-request options")
struct FetcherOptionsTests {
    @Test func goesThroughTheConfiguredProxy() async throws {
        // The test server plays the proxy: it receives the absolute URL as the request target.
        let proxy = try TestHTTPServer()
        defer { proxy.stop() }
        proxy.route("http://feed.invalid/rss", .text("via proxy"))
        let request = FetchRequest(url: "http://feed.invalid/rss", proxy: proxy.url("/"))
        let response = try #require(await makeFetcher().fetch(request).response)
        #expect(response.body == Array("via proxy".utf8))
        #expect(proxy.requests.first?.target == "http://feed.invalid/rss")
        #expect(proxy.requests.first?.header("Host") == "feed.invalid")
    }

    @Test func aProxyThatRefusesIsNamedAsTheProxyNotTheFeedsHost() async throws {
        // A port that was just listening and is closed now: nothing accepts there.
        let closed = try TestHTTPServer()
        let port = closed.port
        closed.stop()
        let request = FetchRequest(url: "http://feed.invalid/rss", proxy: "http://user:secret@127.0.0.1:\(port)")
        let error = try #require(await makeFetcher().fetch(request).error)
        #expect(error.code == .proxy)
        #expect(error.code.name == "proxy")
        #expect(error.message.contains("proxy http://127.0.0.1:\(port)"), "\(error.message)")
        #expect(error.message.contains("feed.invalid was not contacted"))
        #expect(!error.message.contains("secret"), "credentials stay out of the log")
    }

    @Test func credentialsStayWithTheirHost() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/same", .redirect(302, to: "/final"))
        server.route("/other", .redirect(302, to: "http://localhost:\(server.port)/final"))
        server.route("/final", .text("here"))
        let headers = [HTTPHeader(name: "Authorization", value: "Bearer secret"), HTTPHeader(name: "X-Feed", value: "1")]
        let fetcher = makeFetcher()
        _ = try #require(await fetcher.fetch(FetchRequest(url: server.url("/same"), headers: headers)).response)
        _ = try #require(await fetcher.fetch(FetchRequest(url: server.url("/other"), headers: headers)).response)
        let finals = server.requests(to: "/final")
        #expect(finals.count == 2)
        #expect(finals[0].header("Authorization") == "Bearer secret")
        #expect(finals[1].header("Host")?.hasPrefix("localhost") == true)
        #expect(finals[1].header("Authorization") == nil)
        #expect(finals[1].header("X-Feed") == "1")
    }

    @Test func validatorsFollowRedirects() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/old", .redirect(301, to: "/new"))
        server.route("/new") { $0.header("If-None-Match") == "\"n\"" ? .status(304) : .text("full") }
        let response = try #require(await makeFetcher().fetch(FetchRequest(url: server.url("/old"), etag: "\"n\"")).response)
        #expect(response.status == 304)
        #expect(response.permanentTarget == server.url("/new"))
    }

    @Test func unreadableCAFileIsATLSError() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let server = try TestHTTPServer()
        defer { server.stop() }
        let request = FetchRequest(url: "https://127.0.0.1:\(server.port)/", timeout: 10, caFile: directory.file("missing.pem"))
        let error = try #require(await makeFetcher().fetch(request).error)
        #expect(error.code == .tls)
    }

    @Test func malformedURLIsRefusedUpFront() async throws {
        let error = try #require(await makeFetcher().fetch(FetchRequest(url: "http://")).error)
        #expect(error.code == .invalidURL)
    }
}

@Suite("Fetcher Basic authentication")
struct FetcherCredentialsTests {
    static let credentials = HTTPCredentials(username: "reader", password: "pässword")
    static var expected: String { "Basic " + Data("reader:pässword".utf8).base64EncodedString() }

    @Test func sentToTheSourcesOriginAndDroppedOnARedirectToAnotherHost() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/same", .redirect(302, to: "/final"))
        server.route("/other", .redirect(302, to: "http://localhost:\(server.port)/final"))
        server.route("/final", .text("here"))
        let fetcher = makeFetcher()
        for path in ["/same", "/other"] {
            var source = Source(name: "auth", url: server.url(path))
            source.credentials = Self.credentials
            source.headers = [HTTPHeader(name: "Authorization", value: "Bearer replaced")]
            let request = FetchRequest(source: Source.Resolved(source, settings: .defaults))
            _ = try #require(await fetcher.fetch(request).response)
        }
        #expect(server.requests(to: "/same").first?.header("Authorization") == Self.expected)
        #expect(server.requests(to: "/other").first?.header("Authorization") == Self.expected)
        let finals = server.requests(to: "/final")
        #expect(finals.count == 2)
        #expect(finals[0].header("Authorization") == Self.expected)
        #expect(finals[1].header("Host")?.hasPrefix("localhost") == true)
        #expect(finals[1].header("Authorization") == nil)
    }

    @Test func notSentToAPageOnAnotherOrigin() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/page", .text("page"))
        var source = Source(name: "auth", url: server.url("/feed"))
        source.credentials = Self.credentials
        let resolved = Source.Resolved(source, settings: .defaults)
        let fetcher = makeFetcher()
        _ = try #require(await fetcher.fetch(FetchRequest(source: resolved, url: server.url("/page"))).response)
        let elsewhere = "http://localhost:\(server.port)/page"
        _ = try #require(await fetcher.fetch(FetchRequest(source: resolved, url: elsewhere)).response)
        let pages = server.requests(to: "/page")
        #expect(pages.count == 2)
        #expect(pages[0].header("Authorization") == Self.expected)
        #expect(pages[1].header("Authorization") == nil)
    }
}
