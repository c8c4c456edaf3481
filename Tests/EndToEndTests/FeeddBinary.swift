import Foundation
import Glibc
import Testing

/// Runs the built `feedd` executable as a child process, the way a user or systemd does.
struct FeeddBinary {
    /// The executable beside the test bundle (both are products of the same `swift build`).
    static let path: String = {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var directory = URL(fileURLWithPath: exe).deletingLastPathComponent()
        if directory.lastPathComponent == "MacOS" || directory.pathExtension == "xctest" {
            directory = directory.deletingLastPathComponent()
        }
        let beside = directory.appendingPathComponent("feedd").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/feedd").path
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// A running feedd; its output is collected into files so a long run cannot block on a full pipe.
    final class Running: @unchecked Sendable {
        let process: Process
        let stdoutPath: String
        let stderrPath: String
        /// Signalled once by the process's termination handler.
        private let exited = DispatchSemaphore(value: 0)

        /// Starts `process`, which is set up but not yet running.
        init(starting process: Process, stdoutPath: String, stderrPath: String) throws {
            self.process = process
            self.stdoutPath = stdoutPath
            self.stderrPath = stderrPath
            process.terminationHandler = { [exited] _ in exited.signal() }
            try process.run()
        }

        var pid: Int32 { process.processIdentifier }

        /// Each thread's state and the kernel function it sleeps in, from /proc ("Z" alone: it exited unreaped).
        static func threads(of pid: Int32) -> String {
            let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
            let described = tasks.sorted().map { tid -> String in
                let stat = (try? String(contentsOfFile: "/proc/\(pid)/task/\(tid)/stat", encoding: .utf8)) ?? ""
                let state = stat.split(separator: ")").last?.split(separator: " ").first.map(String.init) ?? "?"
                let name = stat.split(separator: "(").dropFirst().first?.split(separator: ")").first.map(String.init) ?? "?"
                let wchan = (try? String(contentsOfFile: "/proc/\(pid)/task/\(tid)/wchan", encoding: .utf8)) ?? "?"
                return "\(tid) \(name) \(state) \(wchan)"
            }
            return described.isEmpty ? "no threads in /proc" : described.joined(separator: "; ")
        }
        var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }
        var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }

        func signal(_ number: Int32) { kill(process.processIdentifier, number) }

        /// Waits for exit up to `timeout` seconds; kills it (and returns nil) past that, recording where its
        /// threads were, so a hang names its place.
        func wait(timeout: Double = 60) -> Int32? {
            if exited.wait(timeout: .now() + timeout) == .timedOut {
                Issue.record("feedd (pid \(pid)) still running after \(timeout) s: \(Self.threads(of: pid))")
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                return nil
            }
            exited.signal()  // a later wait returns at once
            process.waitUntilExit()
            return process.terminationStatus
        }
    }

    static func start(_ arguments: [String], environment: [String: String] = [:], directory: String? = nil) throws -> Running {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["JOURNAL_STREAM"] = nil
        env["NOTIFY_SOCKET"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let base = NSTemporaryDirectory() + "feedd-run-\(UUID().uuidString)"
        _ = FileManager.default.createFile(atPath: base + ".out", contents: nil)
        _ = FileManager.default.createFile(atPath: base + ".err", contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: base + ".out"))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: base + ".err"))
        process.standardInput = FileHandle.nullDevice
        return try Running(starting: process, stdoutPath: base + ".out", stderrPath: base + ".err")
    }

    /// Every record of the store at `store`, through `feedd read`, as JSON objects in journal order.
    static func storedRecords(_ store: String) throws -> [[String: Any]] {
        let read = try run(["read", "--store", store])
        #expect(read.status == 0, "feedd read failed: \(read.stderr)")
        return try read.stdout.split(separator: "\n").map { line in
            try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    /// Runs to completion (killed after `timeout`, which then fails the caller's status check).
    static func run(_ arguments: [String], environment: [String: String] = [:], timeout: Double = 120) throws -> Result {
        let running = try start(arguments, environment: environment)
        let status = running.wait(timeout: timeout) ?? -9
        return Result(status: status, stdout: running.stdout, stderr: running.stderr)
    }
}
