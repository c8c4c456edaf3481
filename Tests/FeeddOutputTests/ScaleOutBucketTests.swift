import FeeddCore
import FeeddOutput
import Foundation
import Glibc
import Synchronization
import Testing
import TestSupport

@Suite struct KeyEncodingTests {
    @Test func anyNameRoundTripsThroughAValidKey() {
        var random = SplitMix64(seed: 20)
        let alphabet = Array("aZ09-_ .:/=é☃\u{1F600}*>")
        var names = ["", "=", "bbc-world", "url:0a1b", "a.b", ".hidden", "sp ace"]
        for _ in 0..<200 {
            let length = Int(random.next() % 12)
            names.append(String((0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }))
        }
        for name in names {
            let key = KeyEncoding.encode(name)
            #expect(KeyValueBucket.isValidKey(key), "\(name) → \(key)")
            #expect(KeyEncoding.decode(key) == name)
        }
        #expect(KeyEncoding.encode("bbc-world") == "bbc-world")
        #expect(KeyEncoding.encode("url:0a") == "url=3A0a")
        #expect(KeyEncoding.decode("a.b") == nil)
        #expect(KeyEncoding.decode("=4") == nil)
    }

    @Test func bucketPrefixesAreChecked() throws {
        #expect(try KeyEncoding.bucketName(prefix: "feedd", role: "members") == "feedd-members")
        #expect(throws: OutputError.self) { try KeyEncoding.bucketName(prefix: "feedd.prod", role: "members") }
        #expect(throws: OutputError.self) { try KeyEncoding.bucketName(prefix: "", role: "members") }
    }
}

@Suite(.enabled(if: natsAvailable, natsSkipReason))
struct DedupeClaimsTests {
    @Test func theFirstClaimWinsAndOthersLearnWhoHoldsIt() throws {
        let nats = try NATSFixture()
        defer { nats.remove() }
        let claims = try DedupeClaims(connection: nats.connection, prefix: "feedd", logger: nats.logger)
        #expect(claims.bucket.name == "feedd-dedupe")
        #expect(try claims.claim(["url:0a1b", "text:ffee"], owner: "article-1") == [:])
        #expect(try claims.claim(["url:0a1b", "text:ffee"], owner: "article-1") == [:], "a retried claim is ours")
        #expect(try claims.claim(["url:9999", "text:ffee"], owner: "article-2") == ["text:ffee": "article-1"])
        #expect(try claims.holder(of: "url:9999") == "article-2")
        #expect(try claims.holder(of: "url:absent") == nil)
        try claims.release(["url:9999", "text:ffee"], owner: "article-2")
        #expect(try claims.holder(of: "url:9999") == nil)
        #expect(try claims.holder(of: "text:ffee") == "article-1", "another owner's claim stays")
    }

    @Test func twoInstancesRacingForTheSameKeysGetOneWinnerEach() async throws {
        let nats = try NATSFixture()
        defer { nats.remove() }
        let other = try NATSConnection(options: NATSOptions(urls: [nats.server.url], name: "other"), logger: nats.logger)
        defer { other.close() }
        let first = try DedupeClaims(connection: nats.connection, prefix: "feedd", logger: nats.logger)
        let second = try DedupeClaims(connection: other, prefix: "feedd", logger: nats.logger)
        let keys = (0..<50).map { "url:\($0)" }
        async let a = Task.detached { try first.claim(keys, owner: "a") }.value
        async let b = Task.detached { try second.claim(keys, owner: "b") }.value
        let (heldFromA, heldFromB) = try await (a, b)
        for key in keys {
            // Exactly one of the two holds each key, and the other was told so.
            #expect((heldFromA[key] == "b") != (heldFromB[key] == "a"), "\(key)")
        }
    }
}

@Suite(.enabled(if: natsAvailable, natsSkipReason))
struct SourceStateBucketTests {
    @Test func stateRoundTripsForAnySourceName() throws {
        let nats = try NATSFixture()
        defer { nats.remove() }
        let states = try SourceStateBucket(connection: nats.connection, prefix: "feedd", logger: nats.logger)
        #expect(states.bucket.name == "feedd-sources")
        #expect(try states.get("bbc world") == nil)
        try states.put("bbc world", [1, 2, 3])
        try states.put("le-monde.fr/à la une", [4])
        try states.put("bbc world", [5])
        #expect(try states.get("bbc world") == [5])
        #expect(try states.get("le-monde.fr/à la une") == [4])
        #expect(try states.sources() == ["bbc world", "le-monde.fr/à la une"])
        try states.delete("bbc world")
        #expect(try states.sources() == ["le-monde.fr/à la une"])
    }
}

@Suite(.enabled(if: natsAvailable, natsSkipReason))
struct MembershipRegistryTests {
    /// The lists a registry reported, in order.
    final class Reports: Sendable {
        let lists = Mutex<[[String]]>([])
        var last: [String]? { lists.withLock { $0.last } }
        func record(_ list: [String]) { lists.withLock { $0.append(list) } }
    }

    /// Monotonic seconds, for an outage that must last a given time.
    static func now() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    @Test func instancesSeeEachOtherJoinAndLeave() async throws {
        let nats = try NATSFixture()
        defer { nats.remove() }
        let other = try NATSConnection(options: NATSOptions(urls: [nats.server.url], name: "b"), logger: nats.logger)
        defer { other.close() }
        let seenByA = Reports()
        let a = try MembershipRegistry(
            connection: nats.connection, prefix: "feedd", instance: "a", ttl: 10, host: "host-a", logger: nats.logger,
            onChange: seenByA.record)
        try a.start()
        #expect(await waitUntil(timeout: 10) { seenByA.last == ["a"] })
        let b = try MembershipRegistry(
            connection: other, prefix: "feedd", instance: "b", ttl: 10, host: "host-b", logger: nats.logger)
        try b.start()
        #expect(await waitUntil(timeout: 10) { seenByA.last == ["a", "b"] })
        #expect(await waitUntil(timeout: 10) { b.members == ["a", "b"] })

        // The value names the instance, its start and its host.
        let stored = try #require(try a.bucket.get("b"))
        let record = try JSONDecoder().decode(MemberRecord.self, from: Data(stored.value))
        #expect(record.instance == "b" && record.host == "host-b" && !record.started.isEmpty)

        b.stop()
        #expect(await waitUntil(timeout: 10) { seenByA.last == ["a"] })
        #expect(try a.bucket.get("b") == nil, "a clean stop deletes the key")
        a.stop()
        #expect(nats.log.contains { $0.contains("event=nats_members_changed") && $0.contains("joined=b") })
        #expect(nats.log.contains { $0.contains("event=nats_members_changed") && $0.contains("left=b") })
    }

    @Test func aMemberThatStopsBeatingIsDroppedAfterTheTTL() async throws {
        let nats = try NATSFixture()
        defer { nats.remove() }
        let seen = Reports()
        let registry = try MembershipRegistry(
            connection: nats.connection, prefix: "feedd", instance: "alive", ttl: 3, logger: nats.logger,
            onChange: seen.record)
        try registry.start()
        defer { registry.stop() }
        #expect(await waitUntil(timeout: 10) { seen.last == ["alive"] })
        // An instance killed with -9: its key was written once and is never refreshed nor deleted.
        let record = MemberRecord(instance: "killed", started: "2026-12-07T10:00:00Z", host: "elsewhere")
        try registry.bucket.put("killed", Array(try JSONEncoder().encode(record)))
        #expect(await waitUntil(timeout: 10) { seen.lists.withLock { $0.contains(["alive", "killed"]) } })
        #expect(await waitUntil(timeout: 30) { seen.last == ["alive"] })
        // The live member's own heartbeat kept it in the bucket past the TTL.
        #expect(try registry.bucket.get("alive") != nil)
    }
}

@Suite(.enabled(if: natsAvailable, natsSkipReason))
struct MembershipOutageTests {
    @Test func membersOutliveAServerRestartWithoutFlapping() async throws {
        let nats = try NATSFixture()
        defer { nats.remove() }
        let other = try NATSConnection(
            options: NATSOptions(urls: [nats.server.url], name: "b", reconnectWait: 0.2), logger: nats.logger)
        defer { other.close() }
        let seenByA = MembershipRegistryTests.Reports()
        let a = try MembershipRegistry(
            connection: nats.connection, prefix: "feedd", instance: "a", ttl: 3, logger: nats.logger,
            onChange: seenByA.record)
        let b = try MembershipRegistry(connection: other, prefix: "feedd", instance: "b", ttl: 3, logger: nats.logger)
        try a.start()
        try b.start()
        defer {
            a.stop()
            b.stop()
        }
        #expect(await waitUntil(timeout: 10) { seenByA.last == ["a", "b"] })

        nats.server.stop()
        func logged(_ event: String, _ instance: String) -> Bool {
            nats.log.contains { line in
                let fields = line.split(whereSeparator: \.isWhitespace)
                return fields.contains("event=\(event)") && fields.contains("instance=\(instance)")
            }
        }
        let stoppedAt = MembershipRegistryTests.now()
        #expect(await waitUntil(timeout: 30) { logged("nats_heartbeat_failed", "a") && logged("nats_heartbeat_failed", "b") })
        // The outage outlasts the TTL: every key is stale when the server comes back.
        _ = await waitUntil(timeout: 10) { MembershipRegistryTests.now() - stoppedAt > 4 }
        try nats.server.restart()
        #expect(await waitUntil(timeout: 30) { logged("nats_heartbeat_recovered", "a") && logged("nats_heartbeat_recovered", "b") })
        // Let b beat a few more times after the restart: a never dropped it meanwhile.
        let revision = try #require(try a.bucket.get("b")).revision
        #expect(await waitUntil(timeout: 30) { ((try? a.bucket.get("b"))??.revision ?? 0) >= revision + 3 })
        #expect(seenByA.lists.withLock { $0 } == [["a"], ["a", "b"]])
        #expect(a.members == ["a", "b"])
    }
}
