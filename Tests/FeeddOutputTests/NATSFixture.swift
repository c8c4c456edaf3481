import FeeddCore
import FeeddOutput
import Synchronization
import Testing
import TestSupport

/// A running nats-server, a connection to it, and the log lines the connection wrote.
final class NATSFixture: Sendable {
    let server: NATSServer
    let connection: NATSConnection
    let logger: Logger
    private let lines: Lines

    /// The log's lines, shared with the sink's closure.
    final class Lines: Sendable {
        let all = Mutex<[String]>([])
    }

    init(name: String = "feedd-test") throws {
        server = try NATSServer()
        let lines = Lines()
        self.lines = lines
        logger = Logger(sink: LogSink(level: .debug, style: .stream) { line in lines.all.withLock { $0.append(line) } })
        connection = try NATSConnection(
            options: NATSOptions(urls: [server.url], name: name, reconnectWait: 0.2), logger: logger)
    }

    var log: [String] { lines.all.withLock { $0 } }

    /// Closes the connection, then kills the server and deletes its store.
    func remove() {
        connection.close()
        server.remove()
    }
}

/// Every NATS suite runs only where nats-server is installed (scripts/test installs it).
let natsAvailable = NATSServer.unavailableReason == nil
let natsSkipReason = Comment(rawValue: "\(NATSServer.unavailableReason ?? ""): NATS tests skipped")

extension DedupeClaims {
    /// One owner's claim (`claimAll` of one): the keys another id already held, with that id.
    func claim(_ keys: [String], owner: String) throws(OutputError) -> [String: String] {
        try claimAll([(keys: keys, owner: owner)])[0]
    }
}
