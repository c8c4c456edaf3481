import FeeddCore
import FeeddOutput
import FeeddStore
import Foundation
import Synchronization
import TestSupport
import Testing

@testable import FeeddDaemon

/// A real nats-server, a store directory, and what the output tests need to look at both.
final class OutputFixture: Sendable {
    let server: NATSServer
    let directory: TemporaryDirectory
    let log = LogLines()
    let logger: Logger

    /// The log's lines, shared with the sink's closure.
    final class LogLines: Sendable {
        let all = Mutex<[String]>([])
    }

    init() throws {
        server = try NATSServer()
        directory = try TemporaryDirectory()
        let log = self.log
        logger = Logger(sink: LogSink(level: .debug, style: .stream) { line in log.all.withLock { $0.append(line) } })
    }

    var store: String { directory.file("store") }

    /// Lines of `event`.
    func events(_ event: String) -> [String] { log.all.withLock { $0.filter { $0.contains("event=\(event) ") } } }

    /// feeds.conf with `[output nats]` pointing at the server (`extra` lines added to it), and `rest` after it.
    func config(_ extra: String = "", sources rest: String = "", url: String? = nil) throws -> Config {
        let text = "[feedd]\nstore = ./store\ninterval = 1h\nhost_delay = 0s\nstop_timeout = 20s\n\n[output nats]\n"
            + "url = \(url ?? server.url)\n\(extra)\n\(rest)"
        return try ConfigParser.load(path: try directory.write("feeds.conf", text))
    }

    /// Appends `count` articles of `source` (numbered from `first`) to the store's journal.
    func append(_ count: Int, source: String = "desk", from first: Int = 0, to journal: Journal) throws {
        let articles = (first..<(first + count)).map { number in
            var article = Article(
                id: Fingerprint.hex(StableHash.hash64("\(source)-\(number)")), source: source,
                url: "https://news.example/\(source)/\(number)", title: "Report \(number)",
                fetched: Date(timeIntervalSince1970: 1_800_000_000 + Double(number)),
                text: "Report number \(number) from the \(source) desk, with enough words to have a fingerprint.")
            article.digestText()
            return JournalRecord.article(article)
        }
        _ = try journal.append(articles)
    }

    /// A connection of the test's own, to read the stream.
    func streamReader(stream: String = "FEEDD") throws -> (StreamReader, NATSConnection) {
        let connection = try NATSConnection(
            options: NATSOptions(urls: [server.url], name: "feedd-test-reader"), logger: Logger(sink: LogSink(style: .stream) { _ in }))
        return (try StreamReader(connection: connection, stream: stream), connection)
    }

    /// Every message of the stream.
    func streamMessages(stream: String = "FEEDD") throws -> [StreamMessage] {
        let (reader, connection) = try streamReader(stream: stream)
        defer { connection.close() }
        var messages: [StreamMessage] = []
        try reader.forEach { messages.append($0); return true }
        return messages
    }

    func remove() {
        server.remove()
        directory.remove()
    }
}

let natsAvailable = NATSServer.unavailableReason == nil
let natsSkipReason = Comment(rawValue: "\(NATSServer.unavailableReason ?? ""): NATS tests skipped")
