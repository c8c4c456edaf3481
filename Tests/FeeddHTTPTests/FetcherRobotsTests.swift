import FeeddCore
import FeeddHTTP
import Foundation
import Testing
import TestSupport

/// robots.txt as the fetcher applies it to requests that carry a `RobotsPolicy` (RFC 9309).
@Suite("Fetcher robots.txt")
struct FetcherRobotsTests {
    let rules = """
        User-agent: *
        Disallow: /private/

        User-agent: feedd
        Disallow: /members/
        """

    func request(_ server: TestHTTPServer, _ path: String, obey: Bool = true) -> FetchRequest {
        var request = FetchRequest(url: server.url(path), userAgent: "feedd/1.0 (+https://example.org)")
        request.robots = RobotsPolicy(userAgent: request.userAgent, obey: obey)
        return request
    }

    @Test func allowsAndDisallowsByTheGroupOfOurAgent() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/robots.txt", .text(rules))
        server.route("/news/1", .text("story"))
        server.route("/members/2", .text("members only"))
        server.route("/private/3", .text("private"))
        let fetcher = makeFetcher()

        #expect(await fetcher.fetch(request(server, "/news/1")).response?.status == 200)
        let refused = try #require(await fetcher.fetch(request(server, "/members/2")).error)
        #expect(refused.code == .robotsDisallowed)
        #expect(refused.url == server.url("/members/2"))
        #expect(refused.message.contains(server.url("/members/2")))
        #expect(refused.message.contains("robots = ignore"))
        // The `*` group does not apply: a group names our agent.
        #expect(await fetcher.fetch(request(server, "/private/3")).response?.status == 200)
        #expect(server.requests(to: "/members/2").isEmpty)
        #expect(server.requests(to: "/robots.txt").count == 1)
        #expect(server.requests(to: "/robots.txt").first?.header("User-Agent") == "feedd/1.0 (+https://example.org)")
    }

    @Test func ignoringOrNoPolicyNeverAsksRobots() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/robots.txt", .text("User-agent: *\nDisallow: /\n"))
        server.route("/feed", .text("feed"))
        let fetcher = makeFetcher()
        #expect(await fetcher.fetch(request(server, "/feed", obey: false)).response?.status == 200)
        #expect(await fetcher.fetch(FetchRequest(url: server.url("/feed"))).response?.status == 200)
        #expect(server.requests(to: "/robots.txt").isEmpty)
    }

    @Test(arguments: [404, 403, 410])
    func aMissingFileAllowsEverything(status: Int) async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/robots.txt", .text("gone", status: status))
        server.route("/page", .text("page"))
        let fetcher = makeFetcher()
        #expect(await fetcher.fetch(request(server, "/page")).response?.status == 200)
        #expect(await fetcher.fetch(request(server, "/page?again")).response?.status == 200)
        #expect(server.requests(to: "/robots.txt").count == 1)
    }

    @Test(arguments: [500, 503, 429])
    func anUnreachableFileDisallowsAndIsAskedAgainInTenMinutes(status: Int) async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/robots.txt", .text("down", status: status))
        server.route("/page", .text("page"))
        let clock = ManualClock()
        let fetcher = makeFetcher(clock: clock.fetchClock)

        let refused = try #require(await fetcher.fetch(request(server, "/page")).error)
        #expect(refused.code == .robotsDisallowed)
        #expect(refused.message.contains("HTTP \(status)"))
        #expect(refused.message.contains("robots = ignore"))
        // Within the ten minutes the verdict stands without asking.
        clock.advance(599)
        #expect(await fetcher.fetch(request(server, "/page")).error?.code == .robotsDisallowed)
        #expect(server.requests(to: "/robots.txt").count == 1)
        // Then it is asked again, and the site is back.
        server.route("/robots.txt", .text("User-agent: *\nDisallow:\n"))
        clock.advance(2)
        #expect(await fetcher.fetch(request(server, "/page")).response?.status == 200)
        #expect(server.requests(to: "/robots.txt").count == 2)
        #expect(server.requests(to: "/page").count == 1)
    }

    @Test func aNetworkFailureDisallowsWithTheReason() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/robots.txt", TestResponse(behavior: .empty))
        let error = try #require(await makeFetcher().fetch(request(server, "/page")).error)
        #expect(error.code == .robotsDisallowed)
        #expect(error.message.contains("could not be fetched"))
        #expect(error.message.contains("network"))
    }

    @Test func onlyTheFirstMaxBytesOfTheFileAreRead() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        // A rule, 5000 bytes of comments, then a rule past the cap, which must not count.
        let text = "User-agent: *\nDisallow: /early\n" + String(repeating: "# comment\n", count: 500) + "Disallow: /late\n"
        server.route("/robots.txt", .text(text))
        for path in ["/early", "/late"] { server.route(path, .text("page")) }
        let fetcher = makeFetcher(robotsMaxBytes: 1000)
        #expect(await fetcher.fetch(request(server, "/early")).error?.code == .robotsDisallowed)
        #expect(await fetcher.fetch(request(server, "/late")).response?.status == 200)
        // The cap is the fetcher's parameter: a larger one reads the whole file.
        #expect(await makeFetcher(robotsMaxBytes: 10_000).fetch(request(server, "/late")).error?.code == .robotsDisallowed)
    }

    @Test func theCapCutsAFileThatAnnouncesItsLength() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        // Content-Length says 6000 bytes up front; the rules in the first 1000 still apply.
        server.route("/robots.txt", .text("User-agent: *\nDisallow: /a\n" + String(repeating: "#", count: 6000)))
        server.route("/b", .text("b"))
        let fetcher = makeFetcher(robotsMaxBytes: 1000)
        #expect(await fetcher.fetch(request(server, "/a")).error?.code == .robotsDisallowed)
        #expect(await fetcher.fetch(request(server, "/b")).response?.status == 200)
    }

    @Test func keptForADayThenFetchedAgain() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/robots.txt", .text("User-agent: *\nDisallow: /a\n"))
        server.route("/a", .text("a"))
        let clock = ManualClock()
        let fetcher = makeFetcher(clock: clock.fetchClock)
        #expect(await fetcher.fetch(request(server, "/a")).error?.code == .robotsDisallowed)
        server.route("/robots.txt", .text("User-agent: *\nDisallow: /b\n"))
        clock.advance(24 * 3600 - 1)
        #expect(await fetcher.fetch(request(server, "/a")).error?.code == .robotsDisallowed)
        #expect(server.requests(to: "/robots.txt").count == 1)
        clock.advance(2)
        #expect(await fetcher.fetch(request(server, "/a")).response?.status == 200)
        #expect(server.requests(to: "/robots.txt").count == 2)
    }

    @Test func requestsWaitingForOneOriginShareOneFetch() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        // Slow enough that every request below asks while the file is on its way.
        server.route("/robots.txt", TestResponse.text("User-agent: *\nDisallow: /no/\n").delayed(0.3))
        for index in 0..<6 {
            server.route("/yes/\(index)", .text("yes"))
            server.route("/no/\(index)", .text("no"))
        }
        let fetcher = makeFetcher()
        let results = await withTaskGroup(of: (String, Result<FetchResponse, FetchError>).self) { group in
            for index in 0..<6 {
                let path = index % 2 == 0 ? "/yes/\(index)" : "/no/\(index)"
                let sent = request(server, path)
                group.addTask { (path, await fetcher.fetch(sent)) }
            }
            return await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        #expect(server.requests(to: "/robots.txt").count == 1)
        for (path, result) in results {
            if path.hasPrefix("/yes/") {
                #expect(result.response?.status == 200)
            } else {
                #expect(result.error?.code == .robotsDisallowed)
            }
        }
        #expect(server.requests.filter { $0.path.hasPrefix("/no/") }.isEmpty)
    }

    @Test func eachOriginHasItsOwnFile() async throws {
        let one = try TestHTTPServer()
        let two = try TestHTTPServer()
        defer {
            one.stop()
            two.stop()
        }
        one.route("/robots.txt", .text("User-agent: *\nDisallow: /x\n"))
        one.route("/x", .text("one"))
        two.route("/x", .text("two"))
        let fetcher = makeFetcher()
        #expect(await fetcher.fetch(request(one, "/x")).error?.code == .robotsDisallowed)
        #expect(await fetcher.fetch(request(two, "/x")).response?.body == Array("two".utf8))
        #expect(two.requests(to: "/robots.txt").count == 1)
    }

    @Test func redirectsAreFollowedAndALoopMeansNoFile() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/robots.txt", .redirect(301, to: "/real-robots.txt"))
        server.route("/real-robots.txt", .text("User-agent: *\nDisallow: /x\n"))
        #expect(await makeFetcher().fetch(request(server, "/x")).error?.code == .robotsDisallowed)

        // RFC 9309 §2.3.1.2: redirects that lead nowhere mean the file is unavailable, so all is allowed.
        server.route("/robots.txt", .redirect(302, to: "/loop"))
        server.route("/loop", .redirect(302, to: "/robots.txt"))
        server.route("/x", .text("x"))
        #expect(await makeFetcher().fetch(request(server, "/x")).response?.status == 200)
    }

    @Test func aBlockedHostFailsTheRequestWithItsWaitNotWithRobots() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/limited", TestResponse.status(429).header("Retry-After", "300"))
        let clock = ManualClock()
        let fetcher = makeFetcher(clock: clock.fetchClock)
        _ = await fetcher.fetch(FetchRequest(url: server.url("/limited")))
        // The robots.txt request is refused because of the block: the page request says so, with the date.
        let error = try #require(await fetcher.fetch(request(server, "/page")).error)
        #expect(error.code == .hostBlocked)
        #expect(error.url == server.url("/page"))
        #expect(error.blockedUntil == clock.start.addingTimeInterval(300))
        #expect(server.requests(to: "/robots.txt").isEmpty)
    }
}
