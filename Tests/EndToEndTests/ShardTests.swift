import FeeddCore
import FeeddSystem
import Foundation
import TestSupport
import Testing

/// Two real feedd processes sharing one feeds.conf, `1/2` and `2/2`, over loopback "hosts" 127.0.0.2 … 127.0.0.9:
/// every source is fetched by exactly one of them, as the servers count.
@Suite(.serialized) struct ShardTests {
    static let addresses = (2...9).map { "127.0.0.\($0)" }
    static let feedsPerHost = 3

    /// A small feed of our own with one story, distinct per host and feed.
    static func feed(host: String, index: Int) -> TestResponse {
        let link = "http://\(host)/story/\(index)"
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Desk \(host)</title><link>http://\(host)/</link>
            <item><title>Story \(index) from \(host)</title><link>\(link)</link><guid>\(link)</guid>
            <description>The harbour board met on day \(index) at \(host) and agreed on new mooring fees.</description></item>
            </channel></rss>
            """
        return .text(xml, contentType: "application/rss+xml")
    }

    @Test func twoInstancesFetchEverySourceExactlyOnce() throws {
        let servers = try Self.addresses.map { try TestHTTPServer(address: $0) }
        defer { for server in servers { server.stop() } }
        var sources = ""
        for server in servers {
            for index in 0..<Self.feedsPerHost {
                server.route("/feed/\(index)", Self.feed(host: server.address, index: index))
                sources += "[source h\(server.address.split(separator: ".").last!)-\(index)]\nurl = \(server.url("/feed/\(index)"))\n\n"
            }
        }
        let first = try TemporaryDirectory()
        let second = try TemporaryDirectory()
        defer {
            first.remove()
            second.remove()
        }
        // The first takes its shard from the command line, the second from feeds.conf.
        let settings = "[feedd]\nstore = ./store\nhost_delay = 0s\n"
        let firstConfig = try first.write("feeds.conf", settings + "\n" + sources)
        let secondConfig = try second.write("feeds.conf", settings + "shard = 2/2\n\n" + sources)
        let runs = [
            try FeeddBinary.start(["run", "--once", "--shard", "1/2", "--config", firstConfig]),
            try FeeddBinary.start(["run", "--once", "--config", secondConfig]),
        ]
        for run in runs { #expect(run.wait() == 0, "\(run.stderr)") }

        let total = Self.addresses.count * Self.feedsPerHost
        for server in servers {
            for index in 0..<Self.feedsPerHost {
                #expect(server.requests(to: "/feed/\(index)").count == 1, "\(server.url("/feed/\(index)"))")
            }
            #expect(server.requests.count == Self.feedsPerHost, "only the feeds were fetched from \(server.address)")
        }
        // Each polled its own share, neither nothing nor everything, and the hosts were not split.
        let counts = runs.map { run in Self.startedSources(run.stderr) }
        #expect(counts.allSatisfy { $0 > 0 && $0 < total }, "\(counts)")
        #expect(counts.reduce(0, +) == total)
        for run in runs { #expect(run.stderr.contains("event=started") && run.stderr.contains("shard=")) }
        let stored = try [first, second].map { try FeeddBinary.storedRecords($0.file("store")).compactMap { $0["source"] as? String } }
        #expect(Set(stored[0]).isDisjoint(with: Set(stored[1])))
        #expect(stored[0].count + stored[1].count == total)
        for names in stored {
            let hosts = Set(names.map { $0.split(separator: "-").first! })
            for host in hosts {
                #expect(names.filter { $0.hasPrefix(host + "-") }.count == Self.feedsPerHost, "host \(host) was split")
            }
        }
    }

    /// `sources=N` of the `started` line.
    static func startedSources(_ log: String) -> Int {
        guard let line = log.split(separator: "\n").first(where: { $0.contains("event=started") }),
            let field = line.split(separator: " ").first(where: { $0.hasPrefix("sources=") })
        else { return -1 }
        return Int(field.dropFirst("sources=".count)) ?? -1
    }

    @Test func checkConfigAndStatusShowWhatAnInstanceOwns() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var sources = ""
        for (index, host) in ["www.harbour.example", "news.harbour.example", "fees.example", "127.0.0.5"].enumerated() {
            sources += "[source s\(index)]\nurl = http://\(host)/feed\n"
        }
        let path = try directory.write("feeds.conf", "[feedd]\nstore = ./store\n" + sources)
        let config = try ConfigParser.load(path: path)
        var owned: [String: Int] = [:]
        for k in 1...3 {
            let ownership = SourceOwnership(static: try ShardSpec(parsing: "\(k)/3"))
            let summary = ownership.summary(of: config.sources)
            owned["\(k)"] = summary.ownedSources.count
            let result = try FeeddBinary.run(["check-config", "--config", path, "--shard", "\(k)/3"])
            #expect(result.status == 0, "\(result.stderr)")
            var expected = "ok: 4 sources\nshard \(k)/3: \(summary.ownedSources.count) of 4 sources, \(summary.ownedHosts.count) of 3 hosts (registrable domains)\n"
            for host in summary.ownedHosts {
                let names = summary.ownedSources.filter { SourceOwnership.domain(of: $0) == host }.map(\.name)
                expected += "  \(host): \(names.joined(separator: ", "))\n"
            }
            #expect(result.stdout == expected)

            let status = try FeeddBinary.run(["status", "--config", path, "--shard", "\(k)/3"])
            #expect(status.status == 0, "\(status.stderr)")
            #expect(status.stdout.contains("shard \(k)/3: \(summary.ownedSources.count) of 4 sources"), "\(status.stdout)")
            for source in config.sources {
                #expect(status.stdout.contains("\n\(source.name) ") == ownership.owns(source), "\(status.stdout)")
            }
        }
        #expect(owned.values.reduce(0, +) == 4)

        let bad = try FeeddBinary.run(["run", "--config", path, "--shard", "3/2"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--shard 3/2: K must be from 1 to N (2)"), "\(bad.stderr)")
    }
}
