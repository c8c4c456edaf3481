import FeeddCore
import Foundation
import Glibc

/// systemd's notify protocol spoken directly over `$NOTIFY_SOCKET` (a datagram socket), without libsystemd.
/// Does nothing when the variable is unset, so the same code runs under systemd and in a terminal.
package struct SDNotify: Sendable {
    private let path: String?

    package init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        path = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
    }

    package var isEnabled: Bool { path != nil }

    /// The watchdog period systemd expects pings within (`$WATCHDOG_USEC`), if it is for this process.
    package static func watchdogInterval(environment: [String: String] = ProcessInfo.processInfo.environment) -> Double? {
        guard let usec = environment["WATCHDOG_USEC"].flatMap(Double.init), usec > 0 else { return nil }
        if let pid = environment["WATCHDOG_PID"].flatMap(Int32.init), pid != getpid() { return nil }
        return usec / 1_000_000
    }

    package func ready(status: String? = nil) { send("READY=1" + (status.map { "\nSTATUS=\($0)" } ?? "")) }
    package func reloading() {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let usec = UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1000
        send("RELOADING=1\nMONOTONIC_USEC=\(usec)")
    }
    package func stopping() { send("STOPPING=1") }
    package func watchdog() { send("WATCHDOG=1") }
    package func status(_ text: String) { send("STATUS=\(text)") }

    /// Sends one datagram. The corresponding C calls are `socket(AF_UNIX, SOCK_DGRAM)` and `sendto`.
    /// Failures are ignored: notification is advisory and must never stop the daemon.
    @discardableResult
    package func send(_ message: String) -> Bool {
        guard var path else { return false }
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        // A leading "@" names a socket in the abstract namespace: its first byte is NUL.
        let abstract = path.hasPrefix("@")
        if abstract { path.removeFirst() }
        var pathBytes = Array(path.utf8)
        if abstract { pathBytes.insert(0, at: 0) }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard pathBytes.count < capacity else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in pathBytes.enumerated() { buffer[index] = byte }
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + pathBytes.count + (abstract ? 0 : 1))
        let bytes = Array(message.utf8)
        let sent = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                sendto(fd, bytes, bytes.count, Int32(MSG_NOSIGNAL), socketAddress, length)
            }
        }
        return sent == bytes.count
    }
}
