import FeeddCore
import Foundation
import TestSupport
import Testing

/// HTML sources and full text, end to end: a listing page, its article pages and robots.txt on a
/// local server, the real daemon, and the journal.
@Suite(.serialized) struct HTMLSourceTests {
    let fixture: EndToEndFixture
    var server: TestHTTPServer { fixture.server }
    var directory: TemporaryDirectory { fixture.directory }

    init() throws {
        fixture = try EndToEndFixture()
        func html(_ name: String) -> TestResponse {
            TestResponse(
                headers: [HTTPHeader(name: "Content-Type", value: "text/html; charset=UTF-8")],
                body: Fixtures.data("e2e/site/\(name)"))
        }
        server.route("/category/latest-updates/", html("listing.html"))
        server.route("/2017/02/24/envoys-call-for-inclusive-peace-process/", html("envoys.html"))
        server.route("/2017/02/23/kabul-water-project/", html("water.html"))
        server.route("/private/2017/02/22/embargoed-report/", html("water.html"))
        server.route("/robots.txt", .text("User-agent: *\nDisallow: /private/\n"))
    }

    func records() throws -> [[String: Any]] { try fixture.storedRecords() }

    @Test func aListingPageBecomesCleanArticlesAndRobotsTxtIsObeyed() throws {
        defer { fixture.tearDown() }
        let config = try directory.write(
            "feeds.conf",
            "[feedd]\nstore = ./store\nhost_delay = 0s\n[source ledger-latest]\ntype = html\nurl = \(server.url("/category/latest-updates/"))\n")
        let first = try FeeddBinary.run(["run", "--once", "--config", config])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("event=poll source=ledger-latest status=200 new=2 dup=0 updated=0"), "\(first.stderr)")
        #expect(server.requests(to: "/private/2017/02/22/embargoed-report/").isEmpty, "robots.txt disallows it")
        #expect(server.requests(to: "/category/latest-updates/page/2/").isEmpty, "pagination is not an article")
        #expect(server.requests(to: "/about-us/").isEmpty)

        let stored = try records()
        #expect(stored.count == 2)
        let envoys = try #require(stored.first { ($0["url"] as? String)?.contains("envoys") == true })
        #expect(envoys["url"] as? String == server.url("/2017/02/24/envoys-call-for-inclusive-peace-process/"))
        #expect(envoys["title"] as? String == "Envoys call for an inclusive peace process in Afghanistan")
        #expect(envoys["published"] as? String == "2017-02-24T05:30:00Z")
        #expect(envoys["author"] as? String == "Staff Reporter")
        let text = try #require(envoys["text"] as? String)
        #expect(text.hasPrefix("KABUL: Envoys of several countries on Thursday called for an Afghan-led"))
        #expect(text.hasSuffix("called on all sides to protect civilians."))
        for boilerplate in ["Home /", "About admin", "Check Also", "Leave a Reply", "Share on Facebook", "All rights reserved"] {
            #expect(!text.contains(boilerplate), "\(boilerplate) leaked into the text")
        }
        let water = try #require(stored.first { ($0["url"] as? String)?.contains("water") == true })
        #expect(water["author"] as? String == "Farida Noori")
        #expect(water["published"] as? String == "2017-02-23T09:35:00Z")

        // A second poll fetches only the listing: both articles are in the store.
        server.resetStatistics()
        let before = server.requests(to: "/2017/02/23/kabul-water-project/").count
        let second = try FeeddBinary.run(["run", "--once", "--config", config])
        #expect(second.status == 0)
        #expect(second.stderr.contains("new=0"), "\(second.stderr)")
        #expect(server.requests(to: "/2017/02/23/kabul-water-project/").count == before)
        #expect(try records().count == 2)
    }

    @Test func fullTextReplacesAFeedTeaserWithThePageBody() throws {
        defer { fixture.tearDown() }
        let base = server.url("")
        let feed = String(decoding: Fixtures.data("e2e/teaser-feed.xml"), as: UTF8.self)
            .replacingOccurrences(of: "<link>http://127.0.0.1/</link>", with: "<link>\(base)</link>")
        server.route("/feed/", .text(feed, contentType: "application/rss+xml"))
        let config = try directory.write(
            "feeds.conf",
            "[feedd]\nstore = ./store\nhost_delay = 0s\n[source ledger]\nurl = \(server.url("/feed/"))\nfull_text = yes\n")
        let result = try FeeddBinary.run(["run", "--once", "--config", config])
        #expect(result.status == 0, "\(result.stderr)")
        let stored = try records()
        #expect(stored.count == 1)
        let text = try #require(stored.first?["text"] as? String)
        #expect(text.contains("stop the flow of weapons and fighters across the border"), "\(text)")
        #expect(!text.contains("About admin"))
        #expect(stored.first?["summary"] as? String == "KABUL: Envoys of several countries on Thursday called for …")
    }

    @Test func extractFetchesAURLAndPrintsWhatTheDaemonWouldStore() throws {
        defer { fixture.tearDown() }
        let result = try FeeddBinary.run(["extract", server.url("/2017/02/24/envoys-call-for-inclusive-peace-process/")])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["title"] as? String == "Envoys call for an inclusive peace process in Afghanistan")
        #expect(object["canonical_url"] as? String == server.url("/2017/02/24/envoys-call-for-inclusive-peace-process/"))
        #expect(object["published"] as? String == "2017-02-24T05:30:00Z")
        #expect(object["author"] as? String == "Staff Reporter")
        let html = try #require(object["html"] as? String)
        #expect(html.hasPrefix("<p>KABUL: Envoys"))
        #expect(!html.contains("About admin") && !html.contains("class="))
        #expect((object["text"] as? String)?.hasSuffix("called on all sides to protect civilians.") == true)

        let missing = try FeeddBinary.run(["extract", server.url("/nope")])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("HTTP 404"), "\(missing.stderr)")
    }
}
