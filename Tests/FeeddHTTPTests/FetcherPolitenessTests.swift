import FeeddCore
import FeeddHTTP
import Foundation
import Testing
import TestSupport

/// When a host may be contacted: spacing between request starts and host-wide `Retry-After`, on an
/// injected clock, so nothing here depends on how fast the machine runs.
@Suite("Fetcher politeness")
struct FetcherPolitenessTests {
    @Test func retryAfterSecondsBlocksTheHostUntilItsEnd() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/limited", TestResponse.status(429).header("Retry-After", "120"))
        server.route("/other", .text("ok"))
        let clock = ManualClock()
        let fetcher = makeFetcher(clock: clock.fetchClock)
        let response = try #require(await fetcher.fetch(FetchRequest(url: server.url("/limited"))).response)
        #expect(response.status == 429)
        #expect(response.retryAfter == 120)
        #expect(response.received == clock.start)

        // Another path on the same host is refused without a request, and says until when.
        let blocked = try #require(await fetcher.fetch(FetchRequest(url: server.url("/other"))).error)
        #expect(blocked.code == .hostBlocked)
        #expect(blocked.blockedUntil == clock.start.addingTimeInterval(120))
        #expect(blocked.url == server.url("/other"))
        clock.advance(119)
        #expect(await fetcher.fetch(FetchRequest(url: server.url("/other"))).error?.blockedUntil == clock.start.addingTimeInterval(120))
        #expect(server.requests(to: "/other").isEmpty)

        clock.advance(1)
        #expect(await fetcher.fetch(FetchRequest(url: server.url("/other"))).response?.status == 200)
        #expect(server.requests(to: "/other").count == 1)
    }

    @Test func retryAfterHTTPDateOn503CountsFromTheServersDate() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        let clock = ManualClock()
        // The server's clock runs an hour ahead: the wait is the difference of its two dates.
        let serverNow = clock.start.addingTimeInterval(3600)
        server.route(
            "/busy",
            TestResponse.status(503).header("Date", HTTPDate.format(serverNow))
                .header("Retry-After", HTTPDate.format(serverNow.addingTimeInterval(300))))
        let fetcher = makeFetcher(clock: clock.fetchClock)
        let response = try #require(await fetcher.fetch(FetchRequest(url: server.url("/busy"))).response)
        #expect(response.status == 503)
        #expect(response.retryAfter == 300)
        let blocked = try #require(await fetcher.fetch(FetchRequest(url: server.url("/busy"))).error)
        #expect(blocked.blockedUntil == clock.start.addingTimeInterval(300))
    }

    @Test func aLongRetryAfterIsCappedAtMaxRetryAfter() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/limited", TestResponse.status(429).header("Retry-After", "999999"))
        let clock = ManualClock()
        let fetcher = Fetcher(
            limits: FetchLimits(hostDelay: 0, maxRetryAfter: 3600), clock: clock.fetchClock, logger: quietLogger)
        _ = await fetcher.fetch(FetchRequest(url: server.url("/limited")))
        let blocked = try #require(await fetcher.fetch(FetchRequest(url: server.url("/limited"))).error)
        #expect(blocked.blockedUntil == clock.start.addingTimeInterval(3600))
    }

    @Test func otherHostsAreNotBlocked() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/limited", TestResponse.status(429).header("Retry-After", "60"))
        server.route("/ok", .text("ok"))
        let fetcher = makeFetcher(clock: ManualClock().fetchClock)
        _ = await fetcher.fetch(FetchRequest(url: server.url("/limited")))
        // One server, two host names: the block belongs to the name that answered.
        let other = "http://localhost:\(server.port)/ok"
        #expect(await fetcher.fetch(FetchRequest(url: other)).response?.status == 200)
    }

    @Test func aQueuedRequestIsSentWhenItsHostSlotComes() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        for name in ["a", "b", "c"] { server.route("/\(name)", .text(name)) }
        let clock = ManualClock()
        let fetcher = makeFetcher(maxPerHost: 4, hostDelay: 0.25, clock: clock.fetchClock)
        let box = ResultBox()
        for name in ["a", "b", "c"] { fetcher.fetch(FetchRequest(url: server.url("/\(name)"))) { box.add($0) } }

        // The first starts at once; the others wait for their slots, which only the clock can bring.
        #expect(await waitUntil(timeout: 10) { box.count == 1 })
        #expect(server.requests.map(\.path) == ["/a"])
        #expect(fetcher.inFlight == 2)
        clock.advance(0.25)
        #expect(await waitUntil(timeout: 10) { box.count == 2 })
        #expect(server.requests.map(\.path) == ["/a", "/b"])
        clock.advance(0.25)
        #expect(await waitUntil(timeout: 10) { box.count == 3 })
        #expect(server.requests.map(\.path) == ["/a", "/b", "/c"])

        let arrivals = box.all.compactMap(\.response).map { ($0.effectiveURL, $0.received.timeIntervalSince(clock.start)) }
        #expect(arrivals.map(\.0) == ["/a", "/b", "/c"].map(server.url))
        #expect(arrivals.map(\.1) == [0, 0.25, 0.5])
    }

    @Test func aBlockRefusesTheRequestsAlreadyWaitingForTheHost() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/limited", TestResponse.status(503).header("Retry-After", "60"))
        server.route("/next", .text("next"))
        let clock = ManualClock()
        let fetcher = makeFetcher(hostDelay: 0.25, clock: clock.fetchClock)
        let box = ResultBox()
        fetcher.fetch(FetchRequest(url: server.url("/limited"))) { box.add($0) }
        fetcher.fetch(FetchRequest(url: server.url("/next"))) { box.add($0) }
        // The second waits for its slot, which the frozen clock never brings; the 503 blocks the host
        // meanwhile, and the waiting request fails at once, unsent.
        #expect(await waitUntil(timeout: 10) { box.count == 2 })
        let refused = try #require(box.all.compactMap(\.error).first)
        #expect(refused.code == .hostBlocked)
        #expect(refused.url == server.url("/next"))
        #expect(refused.blockedUntil == clock.start.addingTimeInterval(60))
        #expect(server.requests(to: "/next").isEmpty)
    }

    @Test func spacingHoldsPerHostNotAcrossHosts() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/p", .text("ok"))
        let clock = ManualClock()
        let fetcher = makeFetcher(hostDelay: 60, clock: clock.fetchClock)
        // Two names for one server: each has its own slot, so both go at once on a frozen clock.
        let results = await withTaskGroup(of: Result<FetchResponse, FetchError>.self) { group in
            for host in ["127.0.0.1", "localhost"] {
                group.addTask { await fetcher.fetch(FetchRequest(url: "http://\(host):\(server.port)/p")) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0.response?.status == 200 })
    }
}
