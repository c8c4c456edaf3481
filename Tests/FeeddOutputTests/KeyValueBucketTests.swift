import FeeddCore
import FeeddOutput
import Synchronization
import Testing
import TestSupport

@Suite(.enabled(if: natsAvailable, natsSkipReason))
struct KeyValueBucketTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func createIfAbsentReturnsTheEntryAlreadyThere() throws {
        let nats = try NATSFixture()
        defer { nats.remove() }
        let bucket = try KeyValueBucket.open(connection: nats.connection, name: "claims", logger: nats.logger)
        guard case .created(let revision) = try bucket.create("url.ab12", Self.bytes("article-1")) else {
            Issue.record("the first create found an entry")
            return
        }
        let second = try bucket.create("url.ab12", Self.bytes("article-2"))
        #expect(second == .exists(KeyValueEntry(key: "url.ab12", value: Self.bytes("article-1"), revision: revision)))
        #expect(try bucket.get("url.ab12")?.value == Self.bytes("article-1"))
        // A deleted key is absent again.
        try bucket.delete("url.ab12")
        #expect(try bucket.get("url.ab12") == nil)
        guard case .created = try bucket.create("url.ab12", Self.bytes("article-3")) else {
            Issue.record("create after delete found an entry")
            return
        }
        // Opening it again finds the same bucket and data.
        let again = try KeyValueBucket.open(connection: nats.connection, name: "claims", logger: nats.logger)
        #expect(try again.get("url.ab12")?.value == Self.bytes("article-3"))
    }

    @Test func putGetKeysAndUpdateWithAStaleRevision() throws {
        let nats = try NATSFixture()
        defer { nats.remove() }
        let bucket = try KeyValueBucket.open(connection: nats.connection, name: "state", history: 3, logger: nats.logger)
        #expect(try bucket.keys() == [])
        #expect(try bucket.get("missing") == nil)
        let first = try bucket.put("alpha", Self.bytes("1"))
        let second = try bucket.update("alpha", Self.bytes("2"), expectedRevision: first)
        #expect(second > first)
        #expect(throws: OutputError.wrongRevision(bucket: "state", key: "alpha", expected: first)) {
            try bucket.update("alpha", Self.bytes("3"), expectedRevision: first)
        }
        #expect(try bucket.get("alpha") == KeyValueEntry(key: "alpha", value: Self.bytes("2"), revision: second))
        try bucket.put("beta", [])
        #expect(try bucket.get("beta")?.value == [])
        #expect(Set(try bucket.keys()) == ["alpha", "beta"])
        #expect(throws: OutputError.invalidKey(bucket: "state", key: "has space")) { try bucket.put("has space", []) }
        #expect(nats.log.contains { $0.contains("event=nats_bucket_created") && $0.contains("bucket=state") })
    }

    @Test func anEntryExpiresAfterTheBucketsTTL() async throws {
        let nats = try NATSFixture()
        defer { nats.remove() }
        let bucket = try KeyValueBucket.open(connection: nats.connection, name: "short", ttl: 1, logger: nats.logger)
        try bucket.put("beat", Self.bytes("x"))
        #expect(try bucket.get("beat") != nil)
        #expect(await waitUntil(timeout: 30) { (try? bucket.get("beat")) == .some(nil) })
    }

    @Test func aWatchSeesCurrentValuesThenPutsAndDeletes() async throws {
        let nats = try NATSFixture()
        defer { nats.remove() }
        let bucket = try KeyValueBucket.open(connection: nats.connection, name: "watched", logger: nats.logger)
        try bucket.put("before", Self.bytes("0"))
        let events = Mutex<[KeyValueEvent]>([])
        let watch = try bucket.watch { event in events.withLock { $0.append(event) } }
        #expect(await waitUntil(timeout: 10) { events.withLock { $0.contains(.caughtUp) } })
        let put = try bucket.put("live", Self.bytes("1"))
        try bucket.delete("before")
        #expect(
            await waitUntil(timeout: 10) {
                events.withLock { $0.contains { if case .deleted(key: "before", _) = $0 { true } else { false } } }
            })
        watch.stop()
        let seen = events.withLock { $0 }
        #expect(seen.first == .put(KeyValueEntry(key: "before", value: Self.bytes("0"), revision: 1)))
        #expect(seen[1] == .caughtUp)
        #expect(seen[2] == .put(KeyValueEntry(key: "live", value: Self.bytes("1"), revision: put)))
        // Stopped: later changes are not reported.
        try bucket.put("after", Self.bytes("2"))
        _ = try bucket.get("after")
        #expect(events.withLock { $0.count } == seen.count)
    }

    @Test func stoppingAWatchFromItsOwnHandlerReturns() async throws {
        let nats = try NATSFixture()
        defer { nats.remove() }
        let bucket = try KeyValueBucket.open(connection: nats.connection, name: "selfstop", logger: nats.logger)
        let holder = Mutex<KeyValueWatch?>(nil)
        let stopped = Mutex(false)
        let watch = try bucket.watch { event in
            guard event == .caughtUp else { return }
            holder.withLock { $0 }?.stop()
            stopped.withLock { $0 = true }
        }
        holder.withLock { $0 = watch }
        #expect(await waitUntil(timeout: 10) { stopped.withLock { $0 } })
        holder.withLock { $0 = nil }
    }
}

@Suite(.enabled(if: natsAvailable, natsSkipReason))
struct KeyValueOutageTests {
    @Test func callsFailClearlyDuringAnOutageAndAWatchGoesOnAfterIt() async throws {
        let nats = try NATSFixture()
        defer { nats.remove() }
        let bucket = try KeyValueBucket.open(connection: nats.connection, name: "survivor", logger: nats.logger)
        let events = Mutex<[KeyValueEvent]>([])
        let watch = try bucket.watch { event in events.withLock { $0.append(event) } }
        defer { watch.stop() }
        try bucket.put("one", [1])
        #expect(await waitUntil(timeout: 10) { events.withLock { $0.count } == 2 })

        nats.server.stop()
        #expect(await waitUntil(timeout: 30) { !nats.connection.isConnected })
        do {
            try bucket.put("two", [2])
            Issue.record("a put with the server down succeeded")
        } catch {
            #expect(error.description.contains("bucket survivor"))
            #expect(error.description.contains("put two"))
        }
        try nats.server.restart()
        #expect(await waitUntil(timeout: 30) { nats.connection.isConnected })
        try bucket.put("three", [3])
        #expect(
            await waitUntil(timeout: 30) {
                events.withLock { $0.contains { if case .put(let entry) = $0 { entry.key == "three" } else { false } } }
            })
    }
}
