import FeeddCore
import FeeddStore
import FeeddSystem
import Foundation
import Glibc
import Synchronization
import TestSupport
import Testing

@testable import FeeddDaemon

/// A full disk fails every append until space is freed: the log says so once, reminds every few minutes, and
/// says once when appends succeed again, however many polls meanwhile.
@Suite(.serialized) struct StoreFailureTests {
    @Test func oneLineWhenAppendsStartFailingThenRemindersThenOneWhenTheyRecover() {
        var health = StoreHealth()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(health.appendSucceeded() == nil)
        #expect(health.appendFailed(now: start) == .failed)
        for second in 1..<200 {
            #expect(health.appendFailed(now: start.addingTimeInterval(Double(second))) == nil)
        }
        let reminder = start.addingTimeInterval(StoreHealth.reminderInterval)
        #expect(health.appendFailed(now: reminder) == .stillFailing(notStored: 201, since: start))
        #expect(health.appendFailed(now: reminder.addingTimeInterval(1)) == nil)
        #expect(health.appendSucceeded() == .recovered(notStored: 202, since: start))
        #expect(health.appendSucceeded() == nil)
        #expect(health.appendFailed(now: reminder.addingTimeInterval(10)) == .failed, "a new failure is news again")
    }

    #if FEEDD_FAULTS  // fault injection exists in debug builds only
    /// `count` sources, each with its own two items, polled one at a time.
    private static func setUp(_ count: Int, in directory: TemporaryDirectory, server: TestHTTPServer) throws -> Config {
        var conf = "[feedd]\nstore = ./store\ninterval = 1h\nmax_connections = 1\nhost_delay = 0s\n"
        for index in 0..<count {
            let items = (0..<2).map { item in
                "<item><title>Desk \(index) note \(item)</title><link>https://news.example/\(index)/\(item)</link>"
                    + "<guid>desk-\(index)-\(item)</guid><description>Note \(item) from desk \(index).</description></item>"
            }
            server.route(
                "/feed/\(index)",
                TestResponse(
                    headers: [HTTPHeader(name: "Content-Type", value: "application/rss+xml")],
                    body: "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Desk \(index)</title>"
                        + "<link>https://news.example/</link>\(items.joined())</channel></rss>"))
            conf += "\n[source desk-\(index)]\nurl = \(server.url("/feed/\(index)"))\n"
        }
        return try ConfigParser.load(path: try directory.write("feeds.conf", conf))
    }

    private static func events(_ lines: [String], _ event: String) -> [String] {
        lines.filter { $0.contains("event=\(event) ") }
    }

    @Test func everyAppendFailingLogsOneStoreFailedNotOnePerPoll() throws {
        let server = try TestHTTPServer()
        let directory = try TemporaryDirectory()
        defer { directory.remove(); server.stop() }
        let config = try Self.setUp(8, in: directory, server: server)
        let lines = Mutex<[String]>([])
        let logger = Logger(sink: LogSink(style: .stream) { line in lines.withLock { $0.append(line) } })
        let daemon = try Daemon(config: config, logger: logger, options: DaemonOptions(once: true))
        let segments = config.settings.store + "/0"
        FaultInjection.arm(.write, errno: ENOSPC, pathPrefix: segments, times: 1000)
        defer { FaultInjection.disarm(pathPrefix: segments) }
        #expect(daemon.run() == 1)
        let logged = lines.withLock { $0 }
        #expect(Self.events(logged, "store_failed").count == 1, "\(logged)")
        #expect(Self.events(logged, "store_failed").first?.contains("free space") == true)
        #expect(Self.events(logged, "store_recovered").isEmpty)
        // Each source's poll still has its line, but the store's failure is not each source's warning.
        let pollFailed = Self.events(logged, "poll_failed")
        #expect(pollFailed.count == 8)
        #expect(pollFailed.allSatisfy { $0.contains("level=info") && $0.contains("kind=store") })
    }

    @Test func anAppendSucceedingAgainLogsStoreRecoveredOnce() throws {
        let server = try TestHTTPServer()
        let directory = try TemporaryDirectory()
        defer { directory.remove(); server.stop() }
        let config = try Self.setUp(6, in: directory, server: server)
        let lines = Mutex<[String]>([])
        let logger = Logger(sink: LogSink(style: .stream) { line in lines.withLock { $0.append(line) } })
        // Each reading of the clock is 2 s later: every append comes after the journal's wait to retry the store.
        let ticks = Mutex<Double>(0)
        var options = DaemonOptions(once: true)
        options.now = {
            Date(timeIntervalSince1970: 1_800_000_000 + ticks.withLock { tick in
                tick += 2
                return tick
            })
        }
        let daemon = try Daemon(config: config, logger: logger, options: options)
        let segments = config.settings.store + "/0"
        // Polls run one at a time (max_connections = 1): the first appends fail, the later ones are stored.
        FaultInjection.arm(.write, errno: ENOSPC, pathPrefix: segments, times: 2)
        defer { FaultInjection.disarm(pathPrefix: segments) }
        #expect(daemon.run() == 1)
        let logged = lines.withLock { $0 }
        let failed = Self.events(logged, "store_failed")
        let recovered = Self.events(logged, "store_recovered")
        #expect(failed.count == 1, "\(logged)")
        #expect(recovered.count == 1, "\(logged)")
        if let failed = failed.first, let recovered = recovered.first, let failedAt = logged.firstIndex(of: failed),
            let recoveredAt = logged.firstIndex(of: recovered)
        {
            #expect(failedAt < recoveredAt)
        }
        #expect(recovered.first?.contains("not_stored=") == true)
        #expect(Self.events(logged, "poll").count >= 1)
        #expect(Self.events(logged, "store_failing").isEmpty, "\(logged)")
    }
    #endif
}
