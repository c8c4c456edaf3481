import Glibc

/// The few socket calls the test server makes, each retrying `EINTR` and keeping `errno` for messages.
package enum TestSocket {
    enum Readiness { case readable, woken, timedOut, failed }

    struct Failure: Error, CustomStringConvertible {
        var call: String
        var code: Int32
        var description: String { "\(call) failed: \(String(cString: strerror(code))) (errno \(code))" }
    }

    /// A listening TCP socket on `address` (dotted IPv4, 127.0.0.1 by default) with an ephemeral port. The
    /// corresponding C calls are `inet_pton`, `socket`, `bind`, `listen` and `getsockname`.
    package static func listenOnLoopback(address text: String = "127.0.0.1") throws -> (fd: Int32, port: Int) {
        var ipv4 = in_addr()
        guard inet_pton(AF_INET, text, &ipv4) == 1 else { throw Failure(call: "inet_pton(\(text))", code: EINVAL) }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw Failure(call: "socket", code: errno) }
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr = ipv4
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else {
            let code = errno
            close(fd)
            throw Failure(call: "bind", code: code)
        }
        guard listen(fd, 256) == 0 else {
            let code = errno
            close(fd)
            throw Failure(call: "listen", code: code)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else {
            let code = errno
            close(fd)
            throw Failure(call: "getsockname", code: code)
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// A pipe whose read end becomes readable for good once anything is written: every thread that
    /// polls it wakes up, so one write stops them all.
    static func wakePipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw Failure(call: "pipe", code: errno) }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return (fds[0], fds[1])
    }

    static func accept(_ listener: Int32) -> Int32? {
        while true {
            let fd = Glibc.accept(listener, nil, nil)
            if fd >= 0 {
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
                return fd
            }
            if errno == EINTR || errno == ECONNABORTED { continue }
            return nil
        }
    }

    /// Waits until `fd` is readable (or hung up), the wake pipe fires, or `timeout` seconds pass.
    static func wait(readable fd: Int32, wake: Int32, timeout: Double?) -> Readiness {
        var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0), pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
        let milliseconds = timeout.map { Int32(max(0, min($0 * 1000, 3_600_000))) } ?? -1
        while true {
            let result = poll(&fds, nfds_t(fds.count), milliseconds)
            if result < 0 {
                if errno == EINTR { continue }
                return .failed
            }
            if result == 0 { return .timedOut }
            if fds[1].revents != 0 { return .woken }
            return .readable
        }
    }

    /// Sleeps `seconds` unless the wake pipe fires first; true when the full time passed.
    static func sleep(_ seconds: Double, wake: Int32) -> Bool {
        var fds = [pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
        let deadline = monotonicNow() + seconds
        while true {
            let left = deadline - monotonicNow()
            if left <= 0 { return true }
            let result = poll(&fds, 1, Int32(max(1, left * 1000)))
            if result > 0 { return false }
            if result < 0 && errno != EINTR { return false }
        }
    }

    /// Reads what is available, at most `limit` bytes; nil when the peer closed or the read failed.
    static func receive(_ fd: Int32, limit: Int = 65_536) -> [UInt8]? {
        var chunk = [UInt8](repeating: 0, count: limit)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, limit, 0) }
            if count > 0 { return Array(chunk[0..<count]) }
            if count < 0 && errno == EINTR { continue }
            return nil
        }
    }

    /// Sends every byte; false when the peer went away. `MSG_NOSIGNAL` keeps SIGPIPE from killing the tests.
    static func send(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let sent = Glibc.send(fd, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                if sent < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += sent
            }
            return true
        }
    }

    /// Makes the next `close` send a TCP reset instead of a normal end (`SO_LINGER` with a zero timeout).
    static func armReset(_ fd: Int32) {
        var option = linger(l_onoff: 1, l_linger: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
    }

    static func monotonicNow() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
