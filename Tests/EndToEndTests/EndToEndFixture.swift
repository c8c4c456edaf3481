import FeeddCore
import Foundation
import TestSupport

/// The set-up the end-to-end suites share: a local HTTP server, a fresh directory for feeds.conf and the store,
/// our ledger feed (e2e/wordpress-news.xml) served as RSS, and the store read back through `feedd read`.
struct EndToEndFixture {
    let server: TestHTTPServer
    let directory: TemporaryDirectory

    /// Each of `ledgerAt` serves the ledger feed from the start.
    init(ledgerAt paths: [String] = []) throws {
        server = try TestHTTPServer()
        directory = try TemporaryDirectory()
        for path in paths { server.route(path, Self.ledgerFeed) }
    }

    /// The ledger feed as a WordPress site serves it.
    static var ledgerFeed: TestResponse {
        TestResponse(
            headers: [HTTPHeader(name: "Content-Type", value: "application/rss+xml; charset=UTF-8")],
            body: Fixtures.data("e2e/wordpress-news.xml"))
    }

    /// Writes feeds.conf: a `[feedd]` section with the store in this directory and `settings`, then `sources`.
    func writeConfig(_ settings: String = "interval = 1h", sources: String) throws -> String {
        try directory.write("feeds.conf", "[feedd]\nstore = ./store\n\(settings)\n\n\(sources)")
    }

    /// Every stored record, in journal order.
    func storedRecords() throws -> [[String: Any]] { try FeeddBinary.storedRecords(directory.file("store")) }

    /// Stops the server and removes the directory: each test defers it.
    func tearDown() {
        directory.remove()
        server.stop()
    }
}
