import Foundation
import Glibc

/// A real `nats-server -js` for one test: on 127.0.0.1, a free port, and a store directory of its own.
/// `stop()` and `restart()` keep the port and the store, so clients reconnect and find their streams again.
/// `remove()` kills the server and deletes the directory.
package final class NATSServer: @unchecked Sendable {
    /// Where Debian installs the server; `$NATS_SERVER` overrides it.
    package static let executable = ProcessInfo.processInfo.environment["NATS_SERVER"] ?? "/usr/sbin/nats-server"

    /// Why NATS tests cannot run here, nil when they can.
    package static var unavailableReason: String? {
        access(executable, X_OK) == 0
            ? nil : "nats-server is not installed at \(executable) (apt-get install nats-server; scripts/test does)"
    }

    package let port: Int
    package let directory: TemporaryDirectory
    package var url: String { "nats://127.0.0.1:\(port)" }

    /// Options added to every start (`--user`, `--auth`, …).
    private let extraArguments: [String]
    private let lock = NSLock()
    private var process: Process?
    private var starts = 0

    /// Starts the server and waits until it accepts clients with JetStream ready; `arguments` are added to
    /// its command line (e.g. `["--user", "u", "--pass", "p"]`).
    package init(arguments: [String] = []) throws {
        extraArguments = arguments
        directory = try TemporaryDirectory(prefix: "feedd-nats")
        port = try Self.unusedPort()
        try start()
    }

    deinit {
        if let process, process.isRunning {
            Glibc.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// Kills the server and deletes its store.
    package func remove() {
        kill()
        directory.remove()
    }

    /// Stops the server the polite way (SIGTERM) and waits for it to exit.
    package func stop() { signal(SIGTERM) }

    /// Kills the server (SIGKILL) and waits for it to exit.
    package func kill() { signal(SIGKILL) }

    /// Freezes the server (SIGSTOP): connections stay open and what is sent waits, unanswered, until `resume`.
    package func pause() { send(SIGSTOP) }

    /// Lets a paused server run again (SIGCONT): it handles what waited.
    package func resume() { send(SIGCONT) }

    private func send(_ number: Int32) {
        lock.lock()
        let running = process
        lock.unlock()
        if let running, running.isRunning { Glibc.kill(running.processIdentifier, number) }
    }

    /// Starts it again on the same port and store.
    package func restart() throws {
        stop()
        try start()
    }

    private func signal(_ number: Int32) {
        lock.lock()
        let running = process
        process = nil
        lock.unlock()
        guard let running, running.isRunning else { return }
        Glibc.kill(running.processIdentifier, number)
        running.waitUntilExit()
    }

    private func start() throws {
        lock.lock()
        starts += 1
        let log = directory.file("server-\(starts).log")
        lock.unlock()
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: Self.executable)
        server.arguments = ["-js", "-a", "127.0.0.1", "-p", "\(port)", "-sd", directory.file("store"), "-l", log] + extraArguments
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        lock.lock()
        process = server
        lock.unlock()
        // The server logs "Server is ready" once it listens with JetStream up; a restarted one may need a
        // moment to rebind the port its predecessor held.
        let ready = waitUntil(timeout: 30) {
            !server.isRunning
                || ((try? String(contentsOfFile: log, encoding: .utf8))?.contains("Server is ready") ?? false)
        }
        guard ready, server.isRunning else {
            let said = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            signal(SIGKILL)
            throw NATSServerError(message: "nats-server on port \(port) did not become ready: \(said.suffix(2000))")
        }
    }

    /// A port nothing listens on now: bound to port 0, read back, released.
    package static func unusedPort() throws -> Int {
        let (fd, port) = try TestSocket.listenOnLoopback()
        close(fd)
        return port
    }
}

package struct NATSServerError: Error, CustomStringConvertible {
    package var message: String
    package init(message: String) { self.message = message }
    package var description: String { message }
}
