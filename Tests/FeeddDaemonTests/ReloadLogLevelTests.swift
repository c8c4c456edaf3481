import FeeddCore
import FeeddSystem
import Foundation
import Synchronization
import TestSupport
import Testing

@testable import FeeddDaemon

/// SIGUSR1 toggles debug logging; a SIGHUP reload keeps that unless feeds.conf changed `log_level` itself.
@Suite(.serialized) struct ReloadLogLevelTests {
    @Test func aReloadKeepsTheToggledLevelUnlessLogLevelChanged() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let conf = "[feedd]\nstore = ./store\nlog_level = info\n\n[source desk]\nurl = https://news.example/feed\n"
        let path = try directory.write("feeds.conf", conf)
        let lines = Mutex<[String]>([])
        let logger = Logger(sink: LogSink(style: .stream) { line in lines.withLock { $0.append(line) } })
        let daemon = try Daemon(config: try ConfigParser.load(path: path), logger: logger, options: DaemonOptions())

        daemon.queue.sync { daemon.handle(.user1) }
        #expect(logger.sink.level == .debug)
        // An edit elsewhere in the file (a comment) reloads without touching log_level.
        _ = try directory.write("feeds.conf", "# edited\n" + conf)
        daemon.queue.sync { daemon.reload() }
        #expect(logger.sink.level == .debug, "the level toggled with SIGUSR1 survives the reload")
        #expect(lines.withLock { $0.contains { $0.contains("event=reload ") && $0.contains("changed=0") } })

        _ = try directory.write("feeds.conf", conf.replacingOccurrences(of: "log_level = info", with: "log_level = warning"))
        daemon.queue.sync { daemon.reload() }
        #expect(logger.sink.level == .warning, "log_level changed in feeds.conf: the file wins")
        daemon.journal.close()
    }

    @Test func aChangedListenIsReportedAndKeptUntilARestart() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let conf = "[feedd]\nstore = ./store\nlisten = 127.0.0.1:9477\n\n[source desk]\nurl = https://news.example/feed\n"
        let path = try directory.write("feeds.conf", conf)
        let lines = Mutex<[String]>([])
        let logger = Logger(sink: LogSink(style: .stream) { line in lines.withLock { $0.append(line) } })
        let daemon = try Daemon(config: try ConfigParser.load(path: path), logger: logger, options: DaemonOptions())
        _ = try directory.write("feeds.conf", "# edited\n" + conf)
        daemon.queue.sync { daemon.reload() }
        #expect(!lines.withLock { $0.contains { $0.contains("reload_listen_ignored") } }, "unchanged: nothing to say")
        _ = try directory.write("feeds.conf", conf.replacingOccurrences(of: "9477", with: "9478"))
        daemon.queue.sync { daemon.reload() }
        #expect(lines.withLock { $0.contains { $0.contains("event=reload_listen_ignored address=127.0.0.1:9478") } })
        #expect(daemon.queue.sync { daemon.config.settings.listen?.description } == "127.0.0.1:9477")
        daemon.journal.close()
    }
}
