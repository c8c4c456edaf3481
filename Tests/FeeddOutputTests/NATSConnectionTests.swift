import FeeddCore
import FeeddOutput
import Synchronization
import Testing
import TestSupport

@Suite(.enabled(if: natsAvailable, natsSkipReason))
struct NATSConnectionTests {
    let quiet = Logger(sink: LogSink(style: .stream) { _ in })

    @Test func usernameAndPasswordAreSentAndAWrongOneIsReported() throws {
        let server = try NATSServer(arguments: ["--user", "feedd", "--pass", "s3cret"])
        defer { server.remove() }
        let good = try NATSConnection(
            options: NATSOptions(urls: [server.url], username: "feedd", password: "s3cret"), logger: quiet)
        #expect(good.isConnected)
        good.close()
        #expect(!good.isConnected)
        #expect(throws: OutputError.self) {
            _ = try NATSConnection(
                options: NATSOptions(urls: [server.url], username: "feedd", password: "wrong"), logger: quiet)
        }
        do {
            _ = try NATSConnection(options: NATSOptions(urls: [server.url]), logger: quiet)
            Issue.record("connected without credentials")
        } catch {
            #expect(error.description.contains(server.url))
            #expect(error.description.lowercased().contains("author"), "\(error)")
        }
    }

    @Test func aTokenIsSent() throws {
        let server = try NATSServer(arguments: ["--auth", "t0ken"])
        defer { server.remove() }
        let connection = try NATSConnection(options: NATSOptions(urls: [server.url], token: "t0ken"), logger: quiet)
        #expect(connection.isConnected)
        connection.close()
        #expect(throws: OutputError.self) {
            _ = try NATSConnection(options: NATSOptions(urls: [server.url], token: "other"), logger: quiet)
        }
    }

    @Test func unreadableFilesAndHalfACertificateAreRejectedBeforeConnecting() throws {
        let missing = "/nonexistent/feedd-test/ca.pem"
        #expect(throws: OutputError.invalidOptions("cannot read \(missing): No such file or directory")) {
            _ = try NATSConnection(options: NATSOptions(urls: ["nats://127.0.0.1:1"], tlsCA: missing), logger: quiet)
        }
        #expect(throws: OutputError.self) {
            _ = try NATSConnection(
                options: NATSOptions(urls: ["nats://127.0.0.1:1"], credentialsFile: missing), logger: quiet)
        }
        #expect(throws: OutputError.invalidOptions("no server URL is set")) {
            _ = try NATSConnection(options: NATSOptions(urls: []), logger: quiet)
        }
    }

    @Test func theConnectionIsLoggedFromConnectToClose() async throws {
        let nats = try NATSFixture()
        defer { nats.server.remove() }
        #expect(nats.log.contains { $0.contains("event=nats_connected") && $0.contains("name=feedd-test") })
        nats.connection.close()
        #expect(await waitUntil(timeout: 10) { nats.log.contains { $0.contains("event=nats_closed") } })
    }
}
