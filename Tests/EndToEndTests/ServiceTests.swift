import FeeddCore
import Foundation
import Glibc
import TestSupport
import Testing

/// feedd as systemd runs it: notify protocol, journald prefixes, reload, signals.
@Suite(.serialized) struct ServiceTests {
    let fixture: EndToEndFixture
    var server: TestHTTPServer { fixture.server }
    var directory: TemporaryDirectory { fixture.directory }

    init() throws { fixture = try EndToEndFixture(ledgerAt: ["/feed/", "/other/"]) }

    func config(_ sources: String) throws -> String { try fixture.writeConfig(sources: sources) }

    @Test func notifiesReadyWatchdogReloadingAndStoppingInOrder() throws {
        defer { fixture.tearDown() }
        let path = try config("[source ledger]\nurl = \(server.url("/feed/"))\n")
        let socket = try NotifySocket(directory: directory.path)
        let daemon = try FeeddBinary.start(
            ["run", "--config", path], environment: ["NOTIFY_SOCKET": socket.path, "WATCHDOG_USEC": "1000000"])
        var messages: [String] = []
        socket.receive(until: { $0.contains { $0.hasPrefix("READY=1") } && $0.contains("WATCHDOG=1") }, timeout: 30, into: &messages)
        #expect(messages.first?.hasPrefix("READY=1") == true, "\(messages) \(daemon.stderr)")
        #expect(messages.contains("WATCHDOG=1"))
        daemon.signal(SIGHUP)
        socket.receive(until: { $0.filter { $0.hasPrefix("READY=1") }.count >= 2 }, timeout: 30, into: &messages)
        daemon.signal(SIGTERM)
        socket.receive(until: { $0.contains("STOPPING=1") }, timeout: 30, into: &messages)
        #expect(daemon.wait(timeout: 30) == 0, "\(daemon.stderr)")
        let significant = messages.filter { !$0.hasPrefix("WATCHDOG") && !$0.hasPrefix("STATUS") }
        #expect(significant.count == 4, "\(significant)")
        #expect(significant.count == 4 && significant[0].hasPrefix("READY=1\nSTATUS="))
        #expect(significant.count == 4 && significant[1].hasPrefix("RELOADING=1\nMONOTONIC_USEC="))
        #expect(significant.count == 4 && significant[2].hasPrefix("READY=1"))
        #expect(significant.last == "STOPPING=1")
    }

    @Test func underJournaldLinesCarryPriorityPrefixes() throws {
        defer { fixture.tearDown() }
        let path = try config("[source ledger]\nurl = \(server.url("/feed/"))\n[source broken]\nurl = \(server.url("/missing"))\n")
        let result = try FeeddBinary.run(["run", "--once", "--config", path], environment: ["JOURNAL_STREAM": "8:1234"])
        #expect(result.status == 0)
        let lines = result.stderr.split(separator: "\n")
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { $0.hasPrefix("<") && !$0.contains("ts=") }, "\(result.stderr)")
        #expect(lines.contains { $0.hasPrefix("<6>event=poll source=ledger status=200 new=3") })
        #expect(lines.contains { $0.hasPrefix("<4>event=poll_failed source=broken url=") && $0.contains(" status=404 ") })
    }

    @Test func reloadAppliesAGoodConfigAndKeepsTheOldOneOnErrors() throws {
        defer { fixture.tearDown() }
        let path = try config("[source ledger]\nurl = \(server.url("/feed/"))\n")
        let daemon = try FeeddBinary.start(["run", "--config", path])
        defer { daemon.signal(SIGKILL); _ = daemon.wait(timeout: 10) }
        #expect(waitUntil(timeout: 30) { daemon.stderr.contains("event=poll source=ledger") }, "\(daemon.stderr)")

        _ = try config("[source ledger]\nurl = \(server.url("/feed/"))\nintervall = 5m\n")
        daemon.signal(SIGHUP)
        #expect(waitUntil(timeout: 30) { daemon.stderr.contains("event=reload_rejected") }, "\(daemon.stderr)")
        #expect(daemon.stderr.contains("event=reload_failed file=\(path) line=7 error=\"unknown key \\\"intervall\\\" in [source ledger]\""), "\(daemon.stderr)")

        _ = try config("[source ledger]\nurl = \(server.url("/feed/"))\n[source other]\nurl = \(server.url("/other/"))\n")
        daemon.signal(SIGHUP)
        #expect(waitUntil(timeout: 30) { daemon.stderr.contains("event=reload added=1 removed=0 changed=0 sources=2") }, "\(daemon.stderr)")
        #expect(waitUntil(timeout: 30) { daemon.stderr.contains("event=poll source=other status=200") }, "\(daemon.stderr)")
        // The same stories under another source are duplicates, not new articles.
        #expect(daemon.stderr.contains("event=poll source=other status=200 new=0 dup=3"), "\(daemon.stderr)")
        daemon.signal(SIGTERM)
        #expect(daemon.wait(timeout: 30) == 0)
    }

    @Test func sigusr1TogglesDebugLogging() throws {
        defer { fixture.tearDown() }
        let path = try config("[source ledger]\nurl = \(server.url("/feed/"))\n")
        let daemon = try FeeddBinary.start(["run", "--config", path])
        defer { daemon.signal(SIGKILL); _ = daemon.wait(timeout: 10) }
        #expect(waitUntil(timeout: 30) { daemon.stderr.contains("event=started") })
        daemon.signal(SIGUSR1)
        #expect(waitUntil(timeout: 30) { daemon.stderr.contains("event=log_level level=debug") }, "\(daemon.stderr)")
        daemon.signal(SIGUSR1)
        #expect(waitUntil(timeout: 30) { daemon.stderr.contains("event=log_level level=info") }, "\(daemon.stderr)")
    }

    @Test func statusShowsEverySource() throws {
        defer { fixture.tearDown() }
        server.route("/gone", .status(410))
        let path = try config("[source ledger]\nurl = \(server.url("/feed/"))\n[source gone]\nurl = \(server.url("/gone"))\n")
        #expect(try FeeddBinary.run(["run", "--once", "--config", path]).status == 0)
        let table = try FeeddBinary.run(["status", "--config", path])
        #expect(table.status == 0)
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("SOURCE") == true)
        #expect(lines.contains { $0.hasPrefix("ledger") && $0.contains(" 200 ") && $0.contains(" 3 ") }, "\(table.stdout)")
        #expect(lines.contains { $0.hasPrefix("gone") && $0.contains("disabled") }, "\(table.stdout)")
        // After --once no feedd holds the store: rows say so instead of a next poll that will not come.
        #expect(lines.last?.hasPrefix("daemon: stopped") == true, "\(table.stdout)")
        #expect(lines.contains { $0.hasPrefix("ledger") && $0.contains("stopped") }, "\(table.stdout)")
        let json = try FeeddBinary.run(["status", "--config", path, "--json"])
        let objects = try json.stdout.split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.count == 2)
        #expect(objects.first { $0["source"] as? String == "ledger" }?["new_24h"] as? Int == 3)
        #expect(objects.first { $0["source"] as? String == "gone" }?["disabled"] as? Bool == true)
        #expect(objects.allSatisfy { $0["daemon"] as? String == "stopped" })
        #expect(objects.first { $0["source"] as? String == "ledger" }?["stale"] as? Bool == true)
    }
}
