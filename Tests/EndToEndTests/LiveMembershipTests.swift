import FeeddCore
import FeeddOutput
import FeeddSystem
import Foundation
import Glibc
import Synchronization
import TestSupport
import Testing

/// `membership = nats` with two real feedd processes and a real nats-server: they split the sources by the live
/// members; when one is killed (SIGKILL, so it never deregisters) the other takes its hosts once its key
/// expires, and polls them conditionally with the validators the dead one shared. Async, so that its long
/// waits sleep instead of holding one of the few threads every other test runs on.
@Suite(.serialized, .enabled(if: NATSServer.unavailableReason == nil, "nats-server is not installed: skipped"))
struct LiveMembershipTests {
    static let addresses = (2...9).map { "127.0.0.\($0)" }
    static let feedsPerHost = 1
    static let etag = "\"v1\""

    /// One story per feed, served with an ETag; a request that sends it back gets 304.
    static func serve(_ server: TestHTTPServer, index: Int) {
        let link = "http://\(server.address)/story/\(index)"
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Quay \(server.address)</title><link>http://\(server.address)/</link>
            <item><title>Tide table \(index) for \(server.address)</title><link>\(link)</link><guid>\(link)</guid>
            <description>High water at the north quay of \(server.address) is at noon on day \(index).</description></item>
            </channel></rss>
            """
        server.route("/feed/\(index)") { request in
            if request.header("If-None-Match") == etag { return TestResponse(status: 304, headers: [HTTPHeader(name: "ETag", value: etag)]) }
            var response = TestResponse.text(xml, contentType: "application/rss+xml")
            response.headers.append(HTTPHeader(name: "ETag", value: etag))
            return response
        }
    }

    @Test func aKilledInstancesHostsMoveToTheOtherWhichPollsThemConditionally() async throws {
        let nats = try NATSServer()
        defer { nats.remove() }
        let servers = try Self.addresses.map { try TestHTTPServer(address: $0) }
        defer { for server in servers { server.stop() } }
        var sources = ""
        for server in servers {
            for index in 0..<Self.feedsPerHost {
                Self.serve(server, index: index)
                sources += "[source h\(server.address.split(separator: ".").last!)-\(index)]\nurl = \(server.url("/feed/\(index)"))\n\n"
            }
        }
        func conf(_ instance: String) -> String {
            """
            [feedd]
            store = ./store
            interval = 2s
            min_interval = 2s
            max_interval = 2s
            host_delay = 0s
            membership = nats
            instance = \(instance)
            membership_ttl = 2s

            [output nats]
            url = \(nats.url)
            dedupe = local

            \(sources)
            """
        }
        let directories = try [TemporaryDirectory(), TemporaryDirectory()]
        defer { for directory in directories { directory.remove() } }
        let a = try FeeddBinary.start(["run", "--config", try directories[0].write("feeds.conf", conf("ingest-a"))])
        defer { _ = a.wait(timeout: 0) }
        #expect(await waitUntil(timeout: 30) { a.stderr.contains("event=started") }, "\(a.stderr)")
        let b = try FeeddBinary.start(["run", "--config", try directories[1].write("feeds.conf", conf("ingest-b"))])
        defer {
            b.signal(SIGTERM)
            _ = b.wait(timeout: 30)
        }
        // Both see both: a shrinks to its share when b joins.
        #expect(await waitUntil(timeout: 30) { a.stderr.contains("event=shard_changed shard=nats instance=ingest-a members=2") }, "\(a.stderr)")
        #expect(await waitUntil(timeout: 30) { b.stderr.contains("event=started") }, "\(b.stderr)")

        let config = try ConfigParser.load(path: directories[0].file("feeds.conf"))
        let ofA = SourceOwnership(map: ShardMap(members: ["ingest-a", "ingest-b"]), member: "ingest-a").owned(in: config).sources
        #expect(!ofA.isEmpty && ofA.count < config.sources.count, "a owns \(ofA.count) of \(config.sources.count)")
        #expect(b.stderr.contains("sources=\(config.sources.count - ofA.count)"), "\(b.stderr)")

        // status reads the live members: a is registered beside b and owns its share.
        let status = try FeeddBinary.run(["status", "--config", directories[0].file("feeds.conf")])
        #expect(status.stdout.contains("instance ingest-a (registered): 2 live members (ingest-a, ingest-b); \(ofA.count) of \(config.sources.count) sources"), "\(status.stdout)")
        #expect(status.stdout.split(separator: "\n").filter { $0.hasPrefix("h") }.count == ofA.count, "\(status.stdout)")

        // a shares its sources' validators: wait until the bucket holds every one of them.
        let connection = try NATSConnection(options: NATSOptions(urls: [nats.url], name: "feedd-test"), logger: Logger(sink: LogSink(style: .stream) { _ in }))
        defer { connection.close() }
        let bucket = try SourceStateBucket(connection: connection, prefix: "feedd", logger: Logger(sink: LogSink(style: .stream) { _ in }))
        let shared = await waitUntil(timeout: 30) {
            ofA.allSatisfy { source in
                (try? bucket.get(source.name)).flatMap { $0 }.map { String(decoding: $0, as: UTF8.self).contains("v1") } ?? false
            }
        }
        #expect(shared, "a's states were not all shared")

        let server = { (source: Source) in servers.first { source.url.contains("//\($0.address):") }! }
        let before = ofA.map { server($0).requests(to: URLOrigin.split($0.url)!.target).count }
        a.signal(SIGKILL)
        _ = a.wait(timeout: 10)
        // b takes a's hosts once a's key expires (membership_ttl = 2s), and polls each of them.
        #expect(await waitUntil(timeout: 30) { b.stderr.contains("event=shard_changed shard=nats instance=ingest-b members=1 owned_sources=\(config.sources.count)") }, "\(b.stderr)")
        let polled = await waitUntil(timeout: 30) {
            zip(ofA, before).allSatisfy { source, count in server(source).requests(to: URLOrigin.split(source.url)!.target).count > count }
        }
        #expect(polled, "b did not poll every source a had")
        for (source, count) in zip(ofA, before) {
            let requests = server(source).requests(to: URLOrigin.split(source.url)!.target)
            guard requests.count > count else { continue }
            #expect(requests[count].header("If-None-Match") == Self.etag, "\(source.name): b's first poll was not conditional")
        }
    }
}
