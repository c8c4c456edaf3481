import FeeddCore
import FeeddOutput
import Testing
import TestSupport

/// Claims of many articles at once (`DedupeClaims.claimAll`, over `KeyValueBucket.createAll`): the same answers
/// as claiming key by key, in one round trip.
@Suite(.enabled(if: natsAvailable, natsSkipReason))
struct BatchClaimTests {
    @Test func createAllCreatesAbsentKeysAndReportsTheOthersInOrder() throws {
        let nats = try NATSFixture()
        defer { nats.remove() }
        let bucket = try KeyValueBucket.open(connection: nats.connection, name: "batch", logger: nats.logger)
        _ = try bucket.create("b", Array("old".utf8))
        try bucket.put("d", Array("gone".utf8))
        try bucket.delete("d")
        let results = try bucket.createAll([
            (key: "a", value: Array("1".utf8)), (key: "b", value: Array("2".utf8)),
            (key: "c", value: Array("3".utf8)), (key: "d", value: Array("4".utf8)),
        ])
        #expect(results.count == 4)
        guard case .created = results[0], case .exists(let b) = results[1], case .created = results[2],
            case .created = results[3]
        else {
            Issue.record("unexpected results \(results)")
            return
        }
        #expect(b.value == Array("old".utf8))
        #expect(try bucket.get("a")?.value == Array("1".utf8))
        #expect(try bucket.get("d")?.value == Array("4".utf8), "a deleted key is created again")
        #expect(try bucket.createAll([]) == [])
    }

    @Test func anInvalidKeyFailsTheBatchBeforeAnythingIsSent() throws {
        let nats = try NATSFixture()
        defer { nats.remove() }
        let bucket = try KeyValueBucket.open(connection: nats.connection, name: "batch", logger: nats.logger)
        #expect(throws: OutputError.self) {
            try bucket.createAll([(key: "fine", value: [1]), (key: "not fine", value: [2])])
        }
        #expect(try bucket.get("fine") == nil)
    }

    @Test func keysFreeHeldBySelfHeldByOthersAndMixed() throws {
        let nats = try NATSFixture()
        defer { nats.remove() }
        let claims = try DedupeClaims(connection: nats.connection, prefix: "feedd", logger: nats.logger)
        #expect(try claims.claim(["url:a1", "text:a1"], owner: "A") == [:])
        #expect(try claims.claim(["url:b1"], owner: "B") == [:])
        #expect(try claims.claim(["url:gone"], owner: "B") == [:])
        try claims.release(["url:gone"], owner: "B")

        let held = try claims.claimAll([
            (keys: ["url:c1", "text:c1"], owner: "C"),  // free
            (keys: ["url:a1", "text:a1"], owner: "A"),  // held by itself: a retry
            (keys: ["url:b1", "text:b2"], owner: "D"),  // one held by another, one free
            (keys: ["url:a1", "text:b1x", "url:b1"], owner: "E"),  // held by two others, one free
            (keys: ["url:gone"], owner: "F"),  // given back: free again
            (keys: [], owner: "G"),
        ])
        #expect(held == [[:], [:], ["url:b1": "B"], ["url:a1": "A", "url:b1": "B"], [:], [:]])
        #expect(try claims.holder(of: "url:c1") == "C")
        #expect(try claims.holder(of: "text:b2") == "D", "the free key of a mixed claim is created")
        #expect(try claims.holder(of: "url:gone") == "F")
        #expect(try claims.holder(of: "url:b1") == "B", "a held key keeps its holder")
    }

    @Test func aBatchLargerThanOneRoundOfRepliesGivesTheSameAnswers() throws {
        let nats = try NATSFixture()
        defer { nats.remove() }
        let claims = try DedupeClaims(connection: nats.connection, prefix: "feedd", logger: nats.logger)
        var random = SplitMix64(seed: 7)
        let keys = (0..<1500).map { "url:\($0)" }
        let taken = keys.filter { _ in random.next() % 4 == 0 }
        #expect(try claims.claimAll([(keys: taken, owner: "first")]) == [[:]])
        let held = try claims.claimAll(keys.map { (keys: [$0], owner: "second \($0)") })
        let takenSet = Set(taken)
        for (key, answer) in zip(keys, held) {
            #expect(answer == (takenSet.contains(key) ? [key: "first"] : [:]), "\(key)")
        }
    }

    @Test func aServerThatStopsAnsweringMidBatchFailsItAndClaimsNothingWrongly() throws {
        let nats = try NATSFixture()
        defer { nats.remove() }
        let claims = try DedupeClaims(connection: nats.connection, prefix: "feedd", logger: nats.logger)
        #expect(try claims.claim(["url:held"], owner: "other") == [:])
        let batch: [(keys: [String], owner: String)] = (0..<20).map { (keys: ["url:\($0)", "url:held"], owner: "me \($0)") }
        nats.server.pause()
        var failure: OutputError?
        do { _ = try claims.claimAll(batch, timeout: 1) } catch { failure = error }
        nats.server.resume()
        #expect("\(failure.map { "\($0)" } ?? "no error")".contains("replies missing"))
        // The creates the server took late hold their own owner, never another's; a retry counts them as claimed.
        for index in 0..<20 {
            let holder = try claims.holder(of: "url:\(index)")
            #expect(holder == nil || holder == "me \(index)")
        }
        #expect(try claims.holder(of: "url:held") == "other")
        let retried = try claims.claimAll(batch)
        #expect(retried == Array(repeating: ["url:held": "other"], count: 20))
    }

    @Test func aServerGoneFailsTheBatchAtOnceWithTheReason() async throws {
        let nats = try NATSFixture()
        defer { nats.remove() }
        let claims = try DedupeClaims(connection: nats.connection, prefix: "feedd", logger: nats.logger)
        nats.server.kill()
        #expect(await waitUntil(timeout: 10) { !nats.connection.isConnected })
        var failure: OutputError?
        do { _ = try claims.claimAll([(keys: ["url:1"], owner: "me")]) } catch { failure = error }
        #expect("\(failure.map { "\($0)" } ?? "no error")".contains("down"))
    }
}
