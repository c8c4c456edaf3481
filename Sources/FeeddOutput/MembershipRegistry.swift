// Which feedd instances are alive right now, agreed through a key-value bucket: the shard map of
// `membership = nats` is computed from this list.
import Dispatch
import FeeddCore
import Foundation
import Glibc
import Synchronization

/// What an instance writes under its key in `<prefix>-members`.
package struct MemberRecord: Sendable, Equatable, Codable {
    package var instance: String
    /// When this run of the instance started (RFC 3339).
    package var started: String
    package var host: String

    package init(instance: String, started: String, host: String) {
        self.instance = instance
        self.started = started
        self.host = host
    }
}

/// Dynamic membership without a coordinator: each instance keeps its key alive in `<prefix>-members` (a bucket
/// whose TTL drops a key not refreshed in time) by a heartbeat on a Dispatch timer, and learns the others from
/// a watch of the bucket. The live list drives the shard map: when an instance dies, its key expires and
/// every other instance drops it, so its hosts move within about one TTL.
///
/// nats-server 2.9 expires keys without telling watchers, so a member not heard from for a TTL is looked up
/// again and dropped once the server no longer has it: the server's expiry is the one truth, whatever the
/// instances' clocks say. `onChange` gets the sorted instance names (this one included) on a private serial
/// queue, once the watch has caught up and then on every change; it must not call `stop()`.
package final class MembershipRegistry: Sendable {
    package let instance: String
    package let bucket: KeyValueBucket
    package let record: MemberRecord
    private let key: String
    private let ttl: Double
    private let heartbeat: Double
    private let logger: Logger
    private let onChange: @Sendable ([String]) -> Void
    private let queue = DispatchQueue(label: "feedd.membership")
    private let state = Mutex(State())

    private struct State: @unchecked Sendable {
        /// Other members by instance name: the revision last seen and when (monotonic seconds).
        var others: [String: (revision: UInt64, seenAt: Double)] = [:]
        var caughtUp = false
        var reported: [String]?
        var heartbeatFailing = false
        var watch: KeyValueWatch?
        var timer: DispatchSourceTimer?
        var stopped = false
    }

    /// Opens (or creates) `<prefix>-members` with `ttl` seconds; `heartbeat` defaults to a third of it.
    package init(
        connection: NATSConnection, prefix: String, instance: String, ttl: Double = 15, heartbeat: Double? = nil,
        host: String = MembershipRegistry.hostName(), logger: Logger,
        onChange: @escaping @Sendable ([String]) -> Void = { _ in }
    ) throws(OutputError) {
        guard ttl >= 1 else { throw .invalidOptions("the membership TTL must be at least 1 second, not \(ttl)") }
        self.instance = instance
        self.ttl = ttl
        self.heartbeat = min(heartbeat ?? ttl / 3, ttl / 2)
        self.logger = logger
        self.onChange = onChange
        key = KeyEncoding.encode(instance)
        record = MemberRecord(instance: instance, started: RFC3339.format(Date()), host: host)
        bucket = try KeyValueBucket.open(
            connection: connection, prefix: prefix, role: "members", ttl: ttl, logger: logger)
    }

    deinit {
        // Dropped without stop(): end the timer and the watch; the key expires on its own.
        let (timer, watch) = state.withLock { ($0.timer, $0.watch) }
        timer?.cancel()
        watch?.stop()
    }

    /// Registers this instance, starts watching the others and starts the heartbeat.
    package func start() throws(OutputError) {
        try bucket.put(key, encodedRecord)
        let watch = try watchMembers()
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + heartbeat, repeating: heartbeat, leeway: .milliseconds(100))
        timer.setEventHandler { [weak self] in self?.tick() }
        let started = state.withLock { state -> Bool in
            guard !state.stopped else { return false }
            state.watch = watch
            state.timer = timer
            return true
        }
        guard started else { return watch.stop() }
        timer.resume()
        logger.info("nats_member_registered", ["bucket": bucket.name, "instance": instance])
    }

    /// The live members' names, sorted, this instance included.
    package var members: [String] {
        state.withLock { Self.names(Array($0.others.keys), self: instance) }
    }

    /// Stops the heartbeat and the watch and deletes this instance's key, so the others drop it at once
    /// rather than after the TTL.
    package func stop() {
        let (timer, watch) = state.withLock { state -> (DispatchSourceTimer?, KeyValueWatch?) in
            guard !state.stopped else { return (nil, nil) }
            state.stopped = true
            defer {
                state.timer = nil
                state.watch = nil
            }
            return (state.timer, state.watch)
        }
        timer?.cancel()
        watch?.stop()
        // Wait out a heartbeat or watch event already running on the queue.
        queue.sync {}
        do {
            try bucket.delete(key)
            logger.info("nats_member_deregistered", ["bucket": bucket.name, "instance": instance])
        } catch {
            logger.warning(
                "nats_member_deregister_failed", ["bucket": bucket.name, "instance": instance, "error": error.description],
                "the other instances drop this one when its key expires")
        }
    }

    private var encodedRecord: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return Array((try? encoder.encode(record)) ?? Data())
    }

    /// A watch of the bucket whose events `apply` takes, on the queue.
    private func watchMembers() throws(OutputError) -> KeyValueWatch {
        try bucket.watch { [weak self] event in
            guard let self else { return }
            self.queue.async { self.apply(event) }
        }
    }

    /// On the queue: one event of the watch.
    private func apply(_ event: KeyValueEvent) {
        switch event {
        case .put(let entry):
            guard let name = KeyEncoding.decode(entry.key) else { return }
            if name == instance {
                // Our own heartbeat, or another process using the same instance name.
                if let other = try? JSONDecoder().decode(MemberRecord.self, from: Data(entry.value)), other != record {
                    logger.warning(
                        "nats_member_conflict", ["bucket": bucket.name, "instance": instance, "host": other.host],
                        "another process registers under this instance name; give each instance its own")
                }
                return
            }
            let now = monotonicSeconds()
            state.withLock { $0.others[name] = (entry.revision, now) }
        case .deleted(let key, _):
            guard let name = KeyEncoding.decode(key), name != instance else { return }
            _ = state.withLock { $0.others.removeValue(forKey: name) }
        case .caughtUp:
            state.withLock { $0.caughtUp = true }
        case .ended(let reason):
            logger.warning("nats_watch_ended", ["bucket": bucket.name, "error": reason])
            state.withLock { $0.watch = nil }
        }
        report()
    }

    /// On the queue: refresh this instance's key, drop members the server no longer has, restart a watch that ended.
    private func tick() {
        do {
            try bucket.put(key, encodedRecord)
            let now = monotonicSeconds()
            let recovered = state.withLock { state -> Bool in
                defer { state.heartbeatFailing = false }
                guard state.heartbeatFailing else { return false }
                // Nobody could beat during the outage: give every member a full TTL from now to do so
                // again, rather than dropping them all at once and taking them back a moment later.
                for name in state.others.keys { state.others[name]?.seenAt = now }
                return true
            }
            if recovered { logger.notice("nats_heartbeat_recovered", ["bucket": bucket.name, "instance": instance]) }
        } catch {
            let first = state.withLock { state -> Bool in
                defer { state.heartbeatFailing = true }
                return !state.heartbeatFailing
            }
            if first {
                logger.warning(
                    "nats_heartbeat_failed", ["bucket": bucket.name, "instance": instance, "error": error.description],
                    "the other instances drop this one if its key expires before the heartbeat gets through")
            }
        }
        let now = monotonicSeconds()
        let silent = state.withLock { $0.others.filter { now - $0.value.seenAt > ttl } }
        for (name, seen) in silent {
            let found: KeyValueEntry?
            do { found = try bucket.get(KeyEncoding.encode(name)) } catch { continue }  // an outage: nothing is known
            guard let current = found else {
                _ = state.withLock { $0.others.removeValue(forKey: name) }
                continue
            }
            if current.revision != seen.revision {
                state.withLock { $0.others[name] = (current.revision, now) }
            }
        }
        let needsWatch = state.withLock { $0.watch == nil && !$0.stopped }
        if needsWatch, let watch = try? watchMembers() {
            let keep = state.withLock { state -> Bool in
                guard !state.stopped else { return false }
                state.watch = watch
                state.caughtUp = false
                return true
            }
            if !keep { watch.stop() }
        }
        report()
    }

    /// On the queue: calls `onChange` when the list differs from the last one reported.
    private func report() {
        let change = state.withLock { state -> (current: [String], previous: [String]?)? in
            guard state.caughtUp, !state.stopped else { return nil }
            let current = Self.names(Array(state.others.keys), self: instance)
            guard current != state.reported else { return nil }
            defer { state.reported = current }
            return (current, state.reported)
        }
        guard let change else { return }
        let (current, previous) = change
        let before = Set(previous ?? [])
        let joined = current.filter { !before.contains($0) }
        let left = (previous ?? []).filter { !current.contains($0) }
        logger.notice(
            "nats_members_changed",
            [
                "bucket": bucket.name, "members": current.count, "joined": joined.isEmpty ? nil : joined.joined(separator: ","),
                "left": left.isEmpty ? nil : left.joined(separator: ","),
            ])
        onChange(current)
    }

    private static func names(_ others: [String], self instance: String) -> [String] {
        Array(Set(others + [instance])).sorted()
    }

    package static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
