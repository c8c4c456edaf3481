import FeeddCore
import FeeddOutput
import Foundation
import Testing
import TestSupport

/// TLS end to end: a CA and a server certificate for 127.0.0.1 made with openssl for the test, a server that
/// requires TLS, and a client that trusts only that CA.
@Suite(
    .enabled(if: natsAvailable, natsSkipReason),
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl"), "openssl is not installed: TLS test skipped"))
struct NATSTLSTests {
    static func openssl(_ arguments: [String], in directory: TemporaryDirectory) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NATSServerError(message: "openssl \(arguments.joined(separator: " ")) failed")
        }
    }

    @Test func aServerCertificateSignedByTheConfiguredCAIsAccepted() throws {
        let keys = try TemporaryDirectory(prefix: "feedd-tls")
        defer { keys.remove() }
        try Self.openssl(
            ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=feedd test CA",
             "-keyout", "ca.key", "-out", "ca.pem"], in: keys)
        try Self.openssl(
            ["req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", "server.key",
             "-out", "server.csr"], in: keys)
        try keys.write("san.ext", "subjectAltName = IP:127.0.0.1\n")
        try Self.openssl(
            ["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
             "-extfile", "san.ext", "-out", "server.pem"], in: keys)
        let server = try NATSServer(arguments: ["--tls", "--tlscert", keys.file("server.pem"), "--tlskey", keys.file("server.key")])
        defer { server.remove() }
        let quiet = Logger(sink: LogSink(style: .stream) { _ in })

        let connection = try NATSConnection(
            options: NATSOptions(urls: ["tls://127.0.0.1:\(server.port)"], tlsCA: keys.file("ca.pem")), logger: quiet)
        let bucket = try KeyValueBucket.open(connection: connection, name: "secure", logger: quiet)
        try bucket.put("k", [1])
        #expect(try bucket.get("k")?.value == [1])
        connection.close()

        // Without the CA, the server's certificate is not trusted.
        #expect(throws: OutputError.self) {
            _ = try NATSConnection(options: NATSOptions(urls: ["tls://127.0.0.1:\(server.port)"]), logger: quiet)
        }
    }
}
