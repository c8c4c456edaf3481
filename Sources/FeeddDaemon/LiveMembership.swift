import Dispatch
import FeeddCore
import FeeddOutput
import Synchronization

/// `membership = nats`: this instance's registration in `<bucket_prefix>-members` (`MembershipRegistry`: a
/// heartbeat within `membership_ttl`), the live member list it learns (each new one becomes the daemon's shard
/// map), and the per-source poll state the instances share in `<bucket_prefix>-sources`, so that a source's
/// new owner polls it conditionally. Joining is retried until NATS answers: until then this instance owns
/// nothing, so no source is polled twice. Every NATS call runs on `queue`, never on the daemon's.
final class LiveMembership: Sendable {
    let instance: String
    private let link: NATSLink
    private let prefix: String
    private let ttl: Double
    private let logger: Logger
    private let onMembers: @Sendable ([String]) -> Void
    private let queue = DispatchQueue(label: "feedd.membership")
    private let parts = Mutex(Parts())
    /// Signalled when the first member list arrives, for a start that waits for it.
    private let firstMembers = DispatchSemaphore(value: 0)

    private struct Parts: @unchecked Sendable {
        var registry: MembershipRegistry?
        var states: SourceStateBucket?
        var members: [String]?
        var retry: DispatchSourceTimer?
        var joinFailing = false
        var shareFailing = false
        var stopped = false
    }

    /// `onMembers` gets every new live member list (this instance included), on a queue of the registry's.
    init(link: NATSLink, prefix: String, instance: String, ttl: Double, logger: Logger,
         onMembers: @escaping @Sendable ([String]) -> Void) {
        self.link = link
        self.prefix = prefix
        self.instance = instance
        self.ttl = ttl
        self.logger = logger
        self.onMembers = onMembers
    }

    /// Joins now, and keeps trying every third of the TTL until it has.
    func start() {
        queue.async { self.join() }
    }

    /// The first member list, waiting up to `timeout` seconds for it; nil if none came.
    func waitForMembers(timeout: Double) -> [String]? {
        if firstMembers.wait(timeout: .now() + timeout) == .success { firstMembers.signal() }
        return parts.withLock { $0.members }
    }

    /// On `queue`.
    private func join() {
        guard !parts.withLock({ $0.stopped || $0.registry != nil }) else { return }
        do {
            let connection = try link.connection()
            let states = try SourceStateBucket(connection: connection, prefix: prefix, logger: logger)
            let registry = try MembershipRegistry(
                connection: connection, prefix: prefix, instance: instance, ttl: ttl, logger: logger
            ) { [weak self] members in self?.learned(members) }
            try registry.start()
            let keep = parts.withLock { parts -> Bool in
                guard !parts.stopped else { return false }
                parts.registry = registry
                parts.states = states
                parts.retry?.cancel()
                parts.retry = nil
                return true
            }
            if !keep { return registry.stop() }
            if parts.withLock({ $0.joinFailing }) {
                logger.notice("membership_joined", ["instance": instance], "registered; the live members share the sources")
            }
        } catch {
            let first = parts.withLock { parts -> Bool in
                defer { parts.joinFailing = true }
                return !parts.joinFailing
            }
            if first {
                logger.warning(
                    "membership_unavailable", ["instance": instance, "error": error.description],
                    "membership = nats cannot register yet: this instance polls nothing until it can (retrying)")
            }
            scheduleRetry()
        }
    }

    private func scheduleRetry() {
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + max(0.5, ttl / 3))
        timer.setEventHandler { [weak self] in self?.join() }
        let armed = parts.withLock { parts -> Bool in
            guard !parts.stopped else { return false }
            parts.retry?.cancel()
            parts.retry = timer
            return true
        }
        if armed { timer.resume() }
    }

    private func learned(_ members: [String]) {
        let first = parts.withLock { parts -> Bool in
            defer { parts.members = members }
            return parts.members == nil
        }
        if first { firstMembers.signal() }
        onMembers(members)
    }

    /// Writes states to the bucket (in order, off the caller's queue); a failure is logged when it starts.
    func share(_ states: [(name: String, bytes: [UInt8])]) {
        queue.async {
            guard let bucket = self.parts.withLock({ $0.states }) else { return }
            var failure: String?
            for state in states {
                do { try bucket.put(state.name, state.bytes) } catch {
                    failure = "\(error)"
                    break
                }
            }
            let (started, recovered) = self.parts.withLock { parts -> (Bool, Bool) in
                defer { parts.shareFailing = failure != nil }
                return (failure != nil && !parts.shareFailing, failure == nil && parts.shareFailing)
            }
            if started, let failure {
                self.logger.warning(
                    "source_state_share_failed", ["error": failure],
                    "poll state is kept locally; a source that moves meanwhile is fetched afresh by its new owner")
            }
            if recovered { self.logger.notice("source_state_share_recovered", [:]) }
        }
    }

    /// The shared states of `names` that the bucket holds (the others are left out), to `completion` on `queue`.
    func fetch(_ names: [String], completion: @escaping @Sendable ([String: [UInt8]]) -> Void) {
        queue.async { completion(self.read(names)) }
    }

    /// `fetch`, waiting for the answer; never call it on `queue`.
    func fetchNow(_ names: [String]) -> [String: [UInt8]] {
        queue.sync { read(names) }
    }

    /// On `queue`.
    private func read(_ names: [String]) -> [String: [UInt8]] {
        var found: [String: [UInt8]] = [:]
        guard let bucket = parts.withLock({ $0.states }) else { return found }
        for name in names {
            guard let bytes = try? bucket.get(name) else { continue }
            found[name] = bytes
        }
        return found
    }

    /// Waits for the states being shared, then leaves: the key is deleted, so the others take this instance's
    /// sources at once instead of after the TTL. A start still waiting for the first members stops waiting.
    func stop() {
        let retry = parts.withLock { parts -> DispatchSourceTimer? in
            parts.stopped = true
            defer { parts.retry = nil }
            return parts.retry
        }
        retry?.cancel()
        firstMembers.signal()
        queue.sync {}
        parts.withLock { $0.registry }?.stop()
    }
}
