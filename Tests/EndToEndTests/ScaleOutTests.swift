import FeeddCore
import FeeddOutput
import FeeddSystem
import Foundation
import Glibc
import TestSupport
import Testing

/// Three real feedd daemons over 600 sources on 60 loopback hosts (127.0.0.2 … 127.0.0.61), publishing to one
/// stream of a real `nats-server -js` with `dedupe = shared`. The servers tell the instances apart by their
/// User-Agent. (Two instances splitting sources, and one taking a killed one's hosts conditionally, are
/// ShardTests and LiveMembershipTests; this is the whole tier at the issue's size, checked at the stream.)
@Suite(.serialized, .enabled(if: NATSServer.unavailableReason == nil, "nats-server missing: scale-out tests skipped"))
struct ScaleOutTests {
    /// `shard = K/3`: every source polled, interval after interval, by exactly the instance its host's shard
    /// names; every stored article in the stream exactly once by its `Nats-Msg-Id`; a story carried by two
    /// sources on two instances stored and published once.
    @Test func threeInstancesPollEachSourceOnceAndPublishEachArticleOnce() async throws {
        let fleet = try Fleet()
        defer { fleet.remove() }
        let owners = try fleet.hosts.map { try Fleet.staticOwner(of: $0.url("/")) }
        #expect(Set(owners) == [1, 2, 3], "every instance owns some of the 60 hosts: \(owners)")
        // The shared story on two hosts of two different instances.
        fleet.serve(round: 1, sharedOn: [try #require(owners.firstIndex(of: 1)), try #require(owners.firstIndex(of: 2))])
        let runs = try (1...3).map { k in try fleet.start(k, "shard = \(k)/3") }
        defer { for run in runs { run.signal(SIGKILL) } }

        let polledTwice = await waitUntil(timeout: 45, every: 0.1) { fleet.everySourcePolled(atLeast: 2) }
        for run in runs { run.signal(SIGTERM) }
        let statuses = runs.map { $0.wait(timeout: 30) }
        #expect(polledTwice, "not every source was polled twice within 45 s")
        for (run, status) in zip(runs, statuses) { #expect(status == 0, "\(run.stderr.suffix(2000))") }

        for (number, server) in fleet.hosts.enumerated() {
            for index in 0..<Fleet.feedsPerHost {
                let agents = Set(server.requests(to: "/feed/\(index)").compactMap { $0.header("User-Agent") })
                #expect(agents == [Fleet.agent(owners[number])], "\(server.url("/feed/\(index)")): \(agents)")
            }
            #expect(server.requests.allSatisfy { $0.path.hasPrefix("/feed/") }, "only the feeds were fetched")
        }

        let stored = try fleet.storedRecords()
        let storedIDs = stored.joined().map(Fleet.messageID)
        #expect(storedIDs.count == fleet.sourceCount + 1, "one story per source, and the shared one once")
        #expect(Set(storedIDs).count == storedIDs.count, "an article stored twice across the instances")
        let messages = try fleet.streamMessages()
        let messageIDs = messages.compactMap { $0.header("Nats-Msg-Id") }
        #expect(messageIDs.count == messages.count && messageIDs.count == Set(messageIDs).count, "a Msg-Id twice in the stream")
        #expect(Set(messageIDs) == Set(storedIDs))

        // One instance stored the shared story, the other counted it a duplicate; the third never saw it.
        let copies = stored.map { records in records.filter { Fleet.title($0).hasPrefix("Ferry returns") }.count }
        #expect(copies[0] + copies[1] == 1 && copies[2] == 0, "\(copies)")
        #expect(messages.filter { Fleet.title($0).hasPrefix("Ferry returns") }.count == 1)
    }

    /// `membership = nats`: `kill -9` of one of three mid-run. The two others take its hosts once its key expires
    /// (`membership_ttl = 2s`) and publish the stories that appear meanwhile; restarted on its store, it rejoins and
    /// publishes what it had stored but not yet published. In the end every story served is in the stream, and
    /// every stored article exactly once: nothing lost, nothing twice.
    @Test func aKilledInstancesHostsAreTakenOverAndNothingIsLost() async throws {
        let fleet = try Fleet()
        defer { fleet.remove() }
        fleet.serve(round: 1)
        let live = "membership = nats\nmembership_ttl = 2s"
        var runs: [FeeddBinary.Running] = []
        defer { for run in runs { run.signal(SIGKILL) } }
        for k in 1...3 {
            runs.append(try fleet.start(k, live))
            #expect(await waitUntil(timeout: 30, every: 0.1) { runs[k - 1].stderr.contains("event=started") }, "\(runs[k - 1].stderr)")
        }
        // The first two log the third joining; the third may have found all three at its start.
        let together = await waitUntil(timeout: 30, every: 0.1) {
            runs[0...1].allSatisfy { Fleet.members(in: $0.stderr) == 3 } && (Fleet.members(in: runs[2].stderr) ?? 3) == 3
        }
        #expect(together, "the three never saw each other")
        let three = ShardMap(members: (1...3).map(Fleet.instance))
        let ofThird = fleet.sourceURLs.filter { three.owner(ofHost: URLOrigin($0.url)!.host) == Fleet.instance(3) }
        #expect(!ofThird.isEmpty && ofThird.count < fleet.sourceCount)
        // Every source polled under the three-member map, by its owner alone.
        for server in fleet.hosts { server.resetStatistics() }
        #expect(await waitUntil(timeout: 45, every: 0.1) { fleet.everySourcePolled(atLeast: 2) }, "not every source was polled twice")
        for server in fleet.hosts {
            let owner = three.owner(ofHost: server.address)!
            let agents = Set(server.requests.compactMap { $0.header("User-Agent") })
            #expect(agents == ["feedd-\(owner)"], "\(server.address): \(agents)")
        }

        runs[2].signal(SIGKILL)
        _ = runs[2].wait(timeout: 10)
        let beforeRound2 = try fleet.streamCount()
        fleet.serve(round: 2)
        for server in fleet.hosts { server.resetStatistics() }
        // Its hosts move to the two others once its key expires, and they poll them.
        let takenOver = await waitUntil(timeout: 30, every: 0.1) { runs[0...1].allSatisfy { Fleet.members(in: $0.stderr) == 2 } }
        #expect(takenOver, "the survivors did not drop the killed instance")
        let survivors: Set<String> = [Fleet.agent(1), Fleet.agent(2)]
        let polledBySurvivors = await waitUntil(timeout: 30, every: 0.1) {
            ofThird.allSatisfy { source in
                fleet.requests(to: source.url).contains { survivors.contains($0.header("User-Agent") ?? "") }
            }
        }
        #expect(polledBySurvivors, "not every source of the killed instance was polled by another")
        // The second round's stories are published, those of the killed instance's hosts by the survivors (all
        // of the first round was stored before the kill: the survivors store and publish nothing else).
        let published = await waitUntil(timeout: 30, every: 0.1) {
            (try? fleet.streamCount()).map { $0 >= beforeRound2 + fleet.sourceCount } ?? false
        }
        #expect(published, "the second round was not published by the survivors")
        #expect(try fleet.streamTitles().filter { $0.hasPrefix("Round 2 ") }.count == fleet.sourceCount)

        // Back on its store: it rejoins, and what it stored before the kill is all published.
        runs[2] = try fleet.start(3, live)
        #expect(await waitUntil(timeout: 30, every: 0.1) { runs[0...1].allSatisfy { Fleet.members(in: $0.stderr) == 3 } }, "it did not rejoin")
        let caughtUp = await waitUntil(timeout: 30, every: 0.1) {
            runs[2].stderr.contains("event=started") && runs[2].stderr.contains("event=output_caught_up")
        }
        #expect(caughtUp, "\(runs[2].stderr.suffix(2000))")
        for run in runs { run.signal(SIGTERM) }
        for run in runs { #expect(run.wait(timeout: 30) == 0, "\(run.stderr.suffix(2000))") }

        let storedIDs = try fleet.storedRecords().joined().map(Fleet.messageID)
        #expect(Set(storedIDs).count == storedIDs.count, "an article stored twice across the instances")
        let messages = try fleet.streamMessages()
        let messageIDs = messages.compactMap { $0.header("Nats-Msg-Id") }
        #expect(messageIDs.count == messages.count && messageIDs.count == Set(messageIDs).count, "a Msg-Id twice in the stream")
        #expect(Set(messageIDs) == Set(storedIDs), "the stream and the three journals differ")
        let titles = messages.map(Fleet.title)
        for round in 1...2 {
            #expect(titles.filter { $0.hasPrefix("Round \(round) ") }.count == fleet.sourceCount, "round \(round) incomplete")
        }
    }

    /// A stop while the daemon still waits to join the live members (here NATS is unreachable) ends the run
    /// there: it never starts scheduling afterwards. (It used to go on to start, after `stopped`, and could
    /// crash on a timer that outlived it.)
    @Test func aStopWhileJoiningEndsTheRunBeforeItStarts() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let port = try NATSServer.unusedPort()
        let path = try directory.write(
            "feeds.conf",
            "[feedd]\nstore = ./store\nmembership = nats\nmembership_ttl = 30s\n\n[output nats]\nurl = nats://127.0.0.1:\(port)\n\n"
                + "[source desk]\nurl = http://127.0.0.2:9/feed\n")
        let run = try FeeddBinary.start(["run", "--config", path])
        defer { run.signal(SIGKILL) }
        #expect(waitUntil(timeout: 30) { run.stderr.contains("event=membership_unavailable") }, "\(run.stderr)")
        run.signal(SIGTERM)
        #expect(run.wait(timeout: 60) == 0, "\(run.stderr.suffix(2000))")
        #expect(run.stderr.contains("event=stopped"))
        #expect(!run.stderr.contains("event=started"), "\(run.stderr)")
    }
}

/// The tier under test: 60 loopback hosts with 10 feeds each, a nats-server, and a directory per instance.
/// Instance K is `scale-K` with User-Agent `feedd-scale-K`; all share the same sources.
final class Fleet: Sendable {
    static let feedsPerHost = 10
    static let sharedText =
        "The ferry company said on Tuesday that the night crossing to the islands would run again from June, "
        + "after the harbour wall was rebuilt and two new berths were opened."

    let nats: NATSServer
    let hosts: [TestHTTPServer]
    let directories: [TemporaryDirectory]
    let sources: String

    init() throws {
        nats = try NATSServer()
        hosts = try (2...61).map { try TestHTTPServer(address: "127.0.0.\($0)") }
        directories = try (1...3).map { _ in try TemporaryDirectory() }
        var sources = ""
        for (number, server) in hosts.enumerated() {
            for index in 0..<Self.feedsPerHost {
                sources += "[source h\(number)-\(index)]\nurl = \(server.url("/feed/\(index)"))\n"
            }
        }
        self.sources = sources
    }

    var sourceCount: Int { hosts.count * Self.feedsPerHost }

    /// Each source as a `Source` (name and url), for ownership questions.
    var sourceURLs: [Source] {
        hosts.enumerated().flatMap { number, server in
            (0..<Self.feedsPerHost).map { Source(name: "h\(number)-\($0)", url: server.url("/feed/\($0)")) }
        }
    }

    static func instance(_ k: Int) -> String { "scale-\(k)" }
    static func agent(_ k: Int) -> String { "feedd-scale-\(k)" }

    /// Every feed from now on: stories `Round 1 …` up to `round` (one per round), and on the hosts numbered in
    /// `sharedOn` the shared story under a URL and title of the host's own.
    func serve(round: Int, sharedOn: [Int] = []) {
        for (number, server) in hosts.enumerated() {
            for index in 0..<Self.feedsPerHost {
                var items = (1...round).map { r in
                    ("http://\(server.address)/story/\(r)/\(index)", "Round \(r) story \(index) from \(server.address)",
                     "In round \(r) the council of \(server.address) met on day \(index) and set the fees for \(r * 7 + index) berths.")
                }
                if index == 0, sharedOn.contains(number) {
                    items.append(("http://\(server.address)/ferry", "Ferry returns (\(server.address))", Self.sharedText))
                }
                let body = items.map {
                    "<item><title>\($0.1)</title><link>\($0.0)</link><guid>\($0.0)</guid><description>\($0.2)</description></item>"
                }
                server.route(
                    "/feed/\(index)",
                    .text(
                        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Desk \(server.address)</title>"
                            + "<link>http://\(server.address)/</link>" + body.joined() + "</channel></rss>",
                        contentType: "application/rss+xml"))
            }
        }
    }

    /// Starts instance `k` on its own store, with `membership` lines in its [feedd] section: polls every second.
    func start(_ k: Int, _ membership: String) throws -> FeeddBinary.Running {
        let settings = """
            [feedd]
            store = ./store
            instance = \(Self.instance(k))
            user_agent = \(Self.agent(k))
            \(membership)
            interval = 1s
            min_interval = 1s
            max_interval = 1s
            host_delay = 0s
            max_connections = 16
            stop_timeout = 20s

            [output nats]
            url = \(nats.url)
            dedupe = shared


            """
        let path = try directories[k - 1].write("feeds.conf", settings + sources)
        return try FeeddBinary.start(["run", "--config", path])
    }

    /// The instance `shard = K/3` gives `url` to.
    static func staticOwner(of url: String) throws -> Int {
        let source = Source(name: "probe", url: url)
        return try (1...3).first { k in SourceOwnership(static: try ShardSpec(parsing: "\(k)/3")).owns(source) } ?? 0
    }

    /// The member count of the last `members=` in a log: nil when there is none yet.
    static func members(in log: String) -> Int? {
        guard let range = log.range(of: " members=", options: .backwards) else { return nil }
        return Int(log[range.upperBound...].prefix { $0.isNumber })
    }

    func everySourcePolled(atLeast count: Int) -> Bool {
        hosts.allSatisfy { server in (0..<Self.feedsPerHost).allSatisfy { server.requests(to: "/feed/\($0)").count >= count } }
    }

    func requests(to url: String) -> [TestRequest] {
        guard let server = hosts.first(where: { url.hasPrefix($0.url("/")) }) else { return [] }
        return server.requests(to: String(url.dropFirst("http://\(server.address):\(server.port)".count)))
    }

    /// Each instance's stored records, in journal order (after it stopped).
    func storedRecords() throws -> [[[String: Any]]] {
        try directories.map { try FeeddBinary.storedRecords($0.file("store")) }
    }

    static func messageID(_ record: [String: Any]) -> String {
        "\(record["id"] as? String ?? "?"):\((record["revision"] as? NSNumber)?.intValue ?? 1)"
    }

    static func title(_ record: [String: Any]) -> String { record["title"] as? String ?? "" }

    static func title(_ message: StreamMessage) -> String {
        let object = try? JSONSerialization.jsonObject(with: Data(message.payload)) as? [String: Any]
        return object.map(title) ?? ""
    }

    /// Every message of the stream `FEEDD`, read with a connection of the test's own.
    func streamMessages() throws -> [StreamMessage] {
        let connection = try NATSConnection(
            options: NATSOptions(urls: [nats.url], name: "feedd-test-reader"), logger: Logger(sink: LogSink(style: .stream) { _ in }))
        defer { connection.close() }
        let reader = try StreamReader(connection: connection, stream: "FEEDD")
        var messages: [StreamMessage] = []
        try reader.forEach { messages.append($0); return true }
        return messages
    }

    func streamTitles() throws -> [String] { try streamMessages().map(Self.title) }

    /// How many messages the stream holds.
    func streamCount() throws -> Int {
        let connection = try NATSConnection(
            options: NATSOptions(urls: [nats.url], name: "feedd-test-reader"), logger: Logger(sink: LogSink(style: .stream) { _ in }))
        defer { connection.close() }
        return Int(try StreamReader(connection: connection, stream: "FEEDD").state().messages)
    }

    func remove() {
        for server in hosts { server.stop() }
        for directory in directories { directory.remove() }
        nats.remove()
    }
}
