import Foundation
import Glibc
import TestSupport
import Testing

/// `feedd status` tells a running daemon from a stopped one, so a stale NEXT POLL is never taken at its word.
@Suite struct StatusTests {
    @Test func statusNamesTheRunningDaemonAndMarksRowsStoppedAfterSIGTERM() throws {
        let fixture = try EndToEndFixture(ledgerAt: ["/feed/"])
        defer { fixture.tearDown() }
        let config = try fixture.writeConfig(sources: "[source ledger]\nurl = \(fixture.server.url("/feed/"))\n")
        let daemon = try FeeddBinary.start(["run", "--config", config])
        #expect(waitUntil(timeout: 60) { daemon.stderr.contains("event=poll source=ledger") }, "\(daemon.stderr)")

        let running = try FeeddBinary.run(["status", "--config", config])
        let runningLines = running.stdout.split(separator: "\n")
        #expect(runningLines.last == "daemon: running (pid \(daemon.pid) holds \(fixture.directory.file("store"))/LOCK)", "\(running.stdout)")
        // The state file may not be written yet; either way the row is not marked stopped.
        #expect(runningLines.contains { $0.hasPrefix("ledger") && !$0.contains("stopped") }, "\(running.stdout)")
        let runningJSON = try FeeddBinary.run(["status", "--config", config, "--json"])
        #expect(runningJSON.stdout.contains(#""daemon":"running""#) && runningJSON.stdout.contains(#""stale":false"#), "\(runningJSON.stdout)")

        daemon.signal(SIGTERM)
        #expect(daemon.wait(timeout: 30) == 0, "\(daemon.stderr)")
        let stopped = try FeeddBinary.run(["status", "--config", config])
        let stoppedLines = stopped.stdout.split(separator: "\n")
        #expect(stoppedLines.last?.hasPrefix("daemon: stopped") == true, "\(stopped.stdout)")
        #expect(stoppedLines.contains { $0.hasPrefix("ledger") && $0.contains("stopped") }, "\(stopped.stdout)")
    }
}
