import Dispatch
import FeeddCore
import FeeddStore
import FeeddSystem
import Foundation
import Synchronization
import TestSupport
import Testing

@testable import FeeddDaemon

/// The daemon schedules only the sources it owns, and a new shard map adds and drops sources as a reload does.
@Suite(.serialized) struct OwnershipTests {
    /// A daemon over 24 sources on 12 hosts (two per host, one of them on a subdomain), with a scheduler on a
    /// manual clock that records what fires. Unchecked Sendable: the clock and `fired` are touched on its queue.
    final class Harness: @unchecked Sendable {
        let directory: TemporaryDirectory
        let daemon: Daemon
        let log = LogLines()
        let registry = MetricsRegistry()
        private let clock = SchedulerTests.ManualClock()
        private var fired: [String] = []

        static let hosts = (1...12).map { "site\($0).example" }

        init(shard: String) throws {
            directory = try TemporaryDirectory()
            let sources = Self.hosts.enumerated().map { index, host in
                "[source s\(index)-a]\nurl = https://\(host)/feed\n\n[source s\(index)-b]\nurl = https://news.\(host)/rss\n"
            }
            let path = try directory.write(
                "feeds.conf", "[feedd]\nstore = ./store\ninterval = 1h\nshard = \(shard)\n\n" + sources.joined(separator: "\n"))
            var options = DaemonOptions()
            options.now = { [clock] in clock.now }
            options.random = { 0.5 }
            options.metrics = registry
            let logger = Logger(sink: LogSink(style: .stream) { [log] line in log.lines.withLock { $0.append(line) } })
            daemon = try Daemon(config: try ConfigParser.load(path: path), logger: logger, options: options)
            daemon.queue.sync {
                daemon.scheduler = Scheduler(
                    queue: daemon.queue, now: { [clock] in clock.now }, armTimer: { [clock] in clock.arm($0, $1) }
                ) { [unowned self] name in self.fired.append(name) }
            }
        }

        /// The names that fire within a day from now, each once (then forgotten).
        func firing() -> Set<String> {
            daemon.queue.sync {
                clock.advance(by: 86_400)
                defer { fired = [] }
                return Set(fired)
            }
        }

        var ownedNames: Set<String> { daemon.queue.sync { Set(daemon.config.sources.map(\.name)) } }

        func owned(by spec: String) throws -> Set<String> {
            let ownership = SourceOwnership(static: try ShardSpec(parsing: spec))
            return Set(daemon.queue.sync { daemon.loadedConfig.sources }.filter(ownership.owns).map(\.name))
        }

        func tearDown() {
            daemon.journal.close()
            directory.remove()
        }
    }

    final class LogLines: Sendable {
        let lines = Mutex<[String]>([])
    }

    @Test func onlyOwnedSourcesAreConfiguredAndANewMapMovesThemLikeAReload() throws {
        let harness = try Harness(shard: "1/2")
        defer { harness.tearDown() }
        let first = try harness.owned(by: "1/2")
        let second = try harness.owned(by: "2/2")
        #expect(!first.isEmpty && !second.isEmpty && first.isDisjoint(with: second))
        #expect(first.union(second).count == 24)
        #expect(harness.ownedNames == first)
        // The two sources of one site always go together.
        for index in 0..<12 { #expect(first.contains("s\(index)-a") == first.contains("s\(index)-b")) }

        let daemon = harness.daemon
        daemon.queue.sync {
            for name in daemon.config.sources.map(\.name) {
                daemon.takeUp(daemon.config.source(named: name)!)
                daemon.scheduler.schedule(name, at: daemon.options.now().addingTimeInterval(60))
            }
            // A validator of a source this instance will give away, to see it kept for when it comes back.
            daemon.states[first.sorted()[0]]?.etag = "\"v1\""
        }
        daemon.queue.sync { daemon.changeOwnership(to: SourceOwnership(static: try! ShardSpec(parsing: "2/2"))) }
        #expect(harness.ownedNames == second)
        #expect(harness.firing() == second, "the sources given away are unscheduled, the new ones scheduled")
        let changed = harness.log.lines.withLock { $0.filter { $0.contains("event=shard_changed") } }
        #expect(changed.count == 1)
        #expect(changed.first?.contains("shard=2/2 instance=2 members=2 owned_sources=\(second.count)") == true, "\(changed)")
        #expect(harness.registry.value("feedd_owned_sources") == Double(second.count))
        #expect(harness.registry.value("feedd_shard_members") == 2)

        // The same map again changes nothing and says nothing.
        daemon.queue.sync { daemon.changeOwnership(to: SourceOwnership(static: try! ShardSpec(parsing: "2/2"))) }
        #expect(harness.log.lines.withLock { $0.filter { $0.contains("event=shard_changed") }.count } == 1)

        // Live members: this instance is "1" of "1" alone, so it owns everything, and kept the state it had.
        daemon.queue.sync { daemon.changeOwnership(to: SourceOwnership(map: ShardMap(members: ["1"]), member: "1")) }
        #expect(harness.ownedNames.count == 24)
        #expect(harness.firing() == first, "the sources already scheduled keep their time; the new ones are added")
        #expect(daemon.queue.sync { daemon.states[first.sorted()[0]]?.etag } == "\"v1\"")
    }

    @Test func aReloadThatChangesTheShardLogsTheNewSplit() throws {
        let harness = try Harness(shard: "1/2")
        defer { harness.tearDown() }
        let path = harness.daemon.loadedConfig.path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "shard = 1/2", with: "shard = 3/3").write(toFile: path, atomically: true, encoding: .utf8)
        harness.daemon.queue.sync { harness.daemon.reload() }
        #expect(harness.ownedNames == (try harness.owned(by: "3/3")))
        #expect(harness.log.lines.withLock { $0.contains { $0.contains("event=shard_changed shard=3/3") } })
        #expect(harness.log.lines.withLock { $0.contains { $0.contains("event=reload ") } })
        // --shard on the command line holds over feeds.conf at reload too.
        var options = DaemonOptions()
        options.shardFromCommandLine = try ShardSpec(parsing: "2/5")
        #expect(Daemon.configuredOwnership(harness.daemon.loadedConfig.settings, options: options).label == "2/5")
    }

    /// A state shared by another instance replaces this one's only when it is newer (by its last poll).
    @Test func aSharedStateIsTakenWhenNewer() throws {
        let harness = try Harness(shard: "1/1")
        defer { harness.tearDown() }
        let daemon = harness.daemon
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        var mine = SourceState(name: "s0-a")
        mine.etag = "\"mine\""
        mine.lastPoll = now
        var older = SourceState(name: "s0-a")
        older.etag = "\"older\""
        older.lastPoll = now.addingTimeInterval(-60)
        var newer = SourceState(name: "s1-a")
        newer.etag = "\"newer\""
        newer.lastPoll = now
        newer.nextPoll = now.addingTimeInterval(30)
        daemon.queue.sync {
            daemon.states["s0-a"] = mine
            daemon.states["s1-a"] = SourceState(name: "s1-a")
            daemon.adoptShared([
                "s0-a": StateStore.encoded(older), "s1-a": StateStore.encoded(newer), "s2-a": Array("not json".utf8),
            ])
        }
        #expect(daemon.queue.sync { daemon.states["s0-a"]?.etag } == "\"mine\"")
        #expect(daemon.queue.sync { daemon.states["s1-a"] } == newer)
        #expect(daemon.queue.sync { daemon.states["s2-a"] } == nil)
        #expect(StateStore.decoded(name: "s1-a", StateStore.encoded(newer)) == newer)
    }
}
