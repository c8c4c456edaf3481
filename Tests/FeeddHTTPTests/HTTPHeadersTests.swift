import FeeddCore
import FeeddHTTP
import Foundation
import Testing

@Suite("HTTP dates and cache headers")
struct HTTPHeadersTests {
    let reference = Date(timeIntervalSince1970: 784_111_777)  // Sun, 06 Nov 1994 08:49:37 GMT

    @Test(arguments: [
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
        "sun, 06 nov 1994 08:49:37 gmt",
    ])
    func parsesAllThreeForms(text: String) {
        #expect(HTTPDate.parse(text) == reference)
    }

    @Test(arguments: ["", "soon", "Sun, 06 Nov 1994", "Sun, 32 Nov 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT"])
    func rejectsNonsense(text: String) {
        #expect(HTTPDate.parse(text) == nil)
    }

    @Test func formatsAndParsesBack() {
        #expect(HTTPDate.format(reference) == "Sun, 06 Nov 1994 08:49:37 GMT")
        let date = Date(timeIntervalSince1970: 1_893_456_000)
        #expect(HTTPDate.parse(HTTPDate.format(date)) == date)
        #expect(HTTPDate.format(Date(timeIntervalSince1970: 951_782_400)) == "Tue, 29 Feb 2000 00:00:00 GMT")
    }

    @Test func retryAfter() {
        #expect(CacheHeaders.retryAfter("120", now: reference) == 120)
        #expect(CacheHeaders.retryAfter(" 0 ", now: reference) == 0)
        #expect(CacheHeaders.retryAfter("Sun, 06 Nov 1994 09:49:37 GMT", now: reference) == 3600)
        // Against the server's own clock when it sent a Date header.
        #expect(CacheHeaders.retryAfter("Sun, 06 Nov 1994 09:49:37 GMT", now: Date(), serverDate: reference) == 3600)
        #expect(CacheHeaders.retryAfter("Sun, 06 Nov 1994 07:49:37 GMT", now: reference) == 0)
        #expect(CacheHeaders.retryAfter("whenever", now: reference) == nil)
    }

    @Test func cacheControlAndExpires() {
        #expect(CacheHeaders.maxAge(cacheControl: "public, max-age=600") == 600)
        #expect(CacheHeaders.maxAge(cacheControl: "Max-Age=\"60\", must-revalidate") == 60)
        #expect(CacheHeaders.maxAge(cacheControl: "no-cache, max-age=600") == nil)
        #expect(CacheHeaders.maxAge(cacheControl: "private") == nil)
        #expect(CacheHeaders.expires("Sun, 06 Nov 1994 10:49:37 GMT", now: reference) == 7200)
        #expect(CacheHeaders.expires("0", now: reference) == 0)
    }

    func response(_ status: Int, _ headers: [(String, String)] = [], body: String = "", redirects: [FetchResponse.Redirect] = []) -> FetchResponse {
        FetchResponse(
            requestedURL: "http://a.example/", effectiveURL: "http://a.example/", status: status,
            headers: headers.map { HTTPHeader(name: $0.0, value: $0.1) }, body: Array(body.utf8), redirects: redirects,
            received: reference)
    }

    @Test func detectsChallengePages() {
        #expect(response(403, [("cf-mitigated", "challenge")]).isChallenge)
        #expect(response(503, [("Server", "cloudflare")], body: "<title>Just a moment...</title>").isChallenge)
        #expect(response(403, body: "<script src=\"/cdn-cgi/challenge-platform/h/b\"></script>").isChallenge)
        #expect(!response(403, body: "Forbidden").isChallenge)
        #expect(!response(200, [("cf-mitigated", "challenge")]).isChallenge)
        #expect(response(403, [("cf-mitigated", "challenge")]).httpError?.message.contains("challenge") == true)
    }

    @Test func permanentTargetIsTheLeadingPermanentHop() {
        let chain: [FetchResponse.Redirect] = [
            .init(status: 301, from: "http://a/", to: "http://b/"), .init(status: 308, from: "http://b/", to: "http://c/"),
            .init(status: 302, from: "http://c/", to: "http://d/"),
        ]
        #expect(response(200, redirects: chain).permanentTarget == "http://c/")
        #expect(response(200, redirects: Array(chain.reversed())).permanentTarget == nil)
        #expect(response(200).permanentTarget == nil)
    }

    @Test func expiresAndMaxAgeComeFromHeaders() {
        let r = response(200, [("Date", "Sun, 06 Nov 1994 08:49:37 GMT"), ("Expires", "Sun, 06 Nov 1994 09:49:37 GMT"), ("Cache-Control", "max-age=60")])
        #expect(r.expires == 3600)
        #expect(r.cacheMaxAge == 60)
    }

    @Test func pollOutcomeFromResults() {
        let modified = PollOutcome(.success(response(200, [("ETag", "\"x\"")])), unconditional: true)
        #expect(modified.kind == .modified)
        #expect(modified.etag == "\"x\"")
        #expect(modified.unconditional)
        #expect(PollOutcome(.success(response(304)), unconditional: false).kind == .notModified)
        #expect(PollOutcome(.success(response(410)), unconditional: false).kind == .gone)
        let throttled = PollOutcome(.success(response(429, [("Retry-After", "30")])), unconditional: false)
        #expect(throttled.kind == .throttled)
        #expect(throttled.retryAfter == 30)
        let failed = PollOutcome(.success(response(404)), unconditional: false)
        #expect(failed.kind == .failed)
        #expect(failed.errorKind == "http_404")
        #expect(PollOutcome(.success(response(503, [("cf-mitigated", "challenge")])), unconditional: false).kind == .failed)
        #expect(PollOutcome(.success(response(300)), unconditional: false).kind == .failed)
        let blocked = FetchError(code: .hostBlocked, url: "http://a/", message: "wait", blockedUntil: reference.addingTimeInterval(60))
        let waiting = PollOutcome(.failure(blocked), unconditional: false, now: reference)
        #expect(waiting.kind == .throttled)
        #expect(waiting.retryAfter == 60)
        #expect(PollOutcome(.failure(FetchError(code: .shutdown, url: "", message: "")), unconditional: false).kind == .cancelled)
        let tls = PollOutcome(.failure(FetchError(code: .tls, url: "", message: "bad cert")), unconditional: false)
        #expect(tls.kind == .failed)
        #expect(tls.message == "bad cert")
        #expect(tls.errorKind == "tls")
    }

    @Test func requestFromSource() {
        var settings = Settings(store: "/tmp/x")
        settings.timeout = 42
        settings.maxBytes = 1000
        var source = Source(name: "s", url: "http://a.example/feed")
        source.userAgent = "custom/1"
        source.proxy = "http://proxy:3128"
        source.insecure = true
        source.timeout = 7
        let request = FetchRequest(source: Source.Resolved(source, settings: settings), url: "http://b.example/feed")
        #expect(request.url == "http://b.example/feed")
        #expect(request.userAgent == "custom/1")
        #expect(request.proxy == "http://proxy:3128")
        #expect(request.insecure)
        #expect(request.timeout == 7)
        #expect(request.maxBytes == 1000)
        #expect(request.connectTimeout == 7, "never longer than the whole transfer")
        #expect(!request.allowPrivate)
        let plain = FetchRequest(source: Source.Resolved(Source(name: "t", url: "http://10.0.0.1/"), settings: settings))
        #expect(plain.timeout == 42)
        #expect(plain.connectTimeout == 15)
        #expect(plain.allowPrivate, "a source on a private address may stay there")
        settings.maxPerHost = 3
        settings.hostDelay = 2.5
        #expect(FetchLimits(settings: settings) == FetchLimits(maxConnections: 32, maxPerHost: 3, hostDelay: 2.5, maxRetryAfter: 86_400))
    }
}
