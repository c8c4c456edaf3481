import FeeddCore
import Glibc
import Synchronization

/// A small HTTP/1.1 server for `/metrics` and `/healthz`: GET (and HEAD) only, one request per connection,
/// requests of at most `maxRequestBytes`, at most `maxConnections` open at once, and a deadline per
/// connection for reading the request and writing the answer. It runs on one thread of its own, off the
/// daemon's queue, sleeping in `poll`.
///
/// Our own rather than libmicrohttpd: two read-only endpoints do not justify a new system dependency
/// (and its headers, packaging and CVE stream); this is a few hundred lines we test over real sockets.
package final class HTTPListener: Sendable {
    package struct Response: Sendable {
        package var status: Int
        package var contentType: String
        package var body: [UInt8]
        package init(status: Int, contentType: String = "text/plain; charset=utf-8", body: String) {
            self.status = status
            self.contentType = contentType
            self.body = Array(body.utf8)
        }
    }

    package struct Limits: Sendable {
        package var maxRequestBytes = 8192
        package var maxConnections = 16
        /// From accept to the last byte of the answer.
        package var connectionTimeout: Double = 5
        package init() {}
    }

    /// Answers a GET for `path` (the target without its query). Runs on the listener's thread.
    package typealias Handler = @Sendable (_ path: String) -> Response?

    package enum ListenError: Error, CustomStringConvertible {
        case resolve(String, String)
        case socket(String, Errno)
        package var description: String {
            switch self {
            case .resolve(let address, let message): "cannot resolve \(address): \(message)"
            case .socket(let call, let error): "\(call) failed: \(error)"
            }
        }
    }

    private let listenFD: Int32
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let limits: Limits
    private let handler: Handler
    private let thread = Mutex<pthread_t?>(nil)
    /// The port actually bound (the one asked for, or the kernel's choice for port 0).
    package let port: Int

    /// Binds and listens on `address`; `start()` begins answering.
    package init(address: ListenAddress, limits: Limits = Limits(), handler: @escaping Handler) throws(ListenError) {
        self.limits = limits
        self.handler = handler
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(address.host, String(address.port), &hints, &list)
        guard status == 0, let first = list else {
            throw .resolve(address.description, String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(list) }
        let fd = socket(first.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .socket("socket", Errno.current) }
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        guard bind(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0, listen(fd, 64) == 0 else {
            let error = Errno.current
            close(fd)
            throw .socket("bind \(address)", error)
        }
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = withUnsafePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
        }
        var pipeFDs: [Int32] = [0, 0]
        guard pipe(&pipeFDs) == 0 else {
            let error = Errno.current
            close(fd)
            throw .socket("pipe", error)
        }
        for descriptor in [fd] + pipeFDs { Self.makeNonBlocking(descriptor) }
        listenFD = fd
        wakeRead = pipeFDs[0]
        wakeWrite = pipeFDs[1]
    }

    /// Starts the listener's thread.
    package func start() {
        let context = Unmanaged.passRetained(self).toOpaque()
        var id = pthread_t()
        let created = pthread_create(&id, nil, { raw in
            let listener = Unmanaged<HTTPListener>.fromOpaque(raw!).takeRetainedValue()
            listener.loop()
            return nil
        }, context)
        if created == 0 {
            thread.withLock { $0 = id }
        } else {
            Unmanaged<HTTPListener>.fromOpaque(context).release()
        }
    }

    /// Stops answering, closes every connection and the socket, and waits for the thread to end.
    package func stop() {
        guard let id = thread.withLock({ current -> pthread_t? in
            defer { current = nil }
            return current
        }) else { return }
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
        pthread_join(id, nil)
    }

    deinit {
        close(listenFD)
        close(wakeRead)
        close(wakeWrite)
    }

    /// One open connection: what was read, what is left to write, and when it must be done.
    private struct Connection {
        var fd: Int32
        var input: [UInt8] = []
        var output: [UInt8] = []
        var written = 0
        var deadline: Double
        /// The answer is sent and our side shut: what the client still sends is read and dropped until it
        /// closes, so that closing with unread bytes does not reset the connection under the answer.
        var draining = false
        var answered: Bool { !output.isEmpty }
    }

    private func loop() {
        var connections: [Connection] = []
        defer { for connection in connections { close(connection.fd) } }
        while true {
            var fds = [pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
            let accepting = connections.count < limits.maxConnections
            fds.append(pollfd(fd: accepting ? listenFD : -1, events: Int16(POLLIN), revents: 0))
            for connection in connections {
                let writing = connection.answered && !connection.draining
                fds.append(pollfd(fd: connection.fd, events: Int16(writing ? POLLOUT : POLLIN), revents: 0))
            }
            let now = Self.monotonicNow()
            let nearest = connections.map(\.deadline).min().map { max(0, $0 - now) }
            let timeout = nearest.map { Int32(min($0 * 1000 + 1, 60_000)) } ?? -1
            let ready = poll(&fds, nfds_t(fds.count), timeout)
            if ready < 0 && errno != EINTR { return }
            if fds[0].revents != 0 { return }
            var kept: [Connection] = []
            let after = Self.monotonicNow()
            for (index, var connection) in connections.enumerated() {
                let events = fds[index + 2].revents
                var open = true
                if events != 0 { open = service(&connection, events: events) }
                if open && after >= connection.deadline { open = false }
                if open { kept.append(connection) } else { close(connection.fd) }
            }
            connections = kept
            if accepting && fds[1].revents & Int16(POLLIN) != 0 {
                while connections.count < limits.maxConnections {
                    let fd = accept(listenFD, nil, nil)
                    if fd < 0 { break }
                    Self.makeNonBlocking(fd)
                    connections.append(Connection(fd: fd, deadline: Self.monotonicNow() + limits.connectionTimeout))
                }
            }
        }
    }

    /// Reads or writes what the socket allows; false when the connection is done.
    private func service(_ connection: inout Connection, events: Int16) -> Bool {
        if connection.draining {
            var sink = [UInt8](repeating: 0, count: 4096)
            let count = sink.withUnsafeMutableBytes { recv(connection.fd, $0.baseAddress, $0.count, 0) }
            return count > 0 || (count < 0 && (errno == EAGAIN || errno == EINTR))
        }
        if connection.answered {
            let left = connection.output.count - connection.written
            let sent = connection.output.withUnsafeBytes {
                send(connection.fd, $0.baseAddress! + connection.written, left, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 { return errno == EAGAIN || errno == EINTR }
            connection.written += sent
            if connection.written == connection.output.count {
                _ = shutdown(connection.fd, Int32(SHUT_WR))
                connection.draining = true
            }
            return true
        }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { recv(connection.fd, $0.baseAddress, $0.count, 0) }
        if count < 0 { return errno == EAGAIN || errno == EINTR }
        if count == 0 { return false }  // closed before a whole request
        // Past the limit the head is not kept: it is answered with 431 and the rest is dropped.
        connection.input += buffer[..<min(count, limits.maxRequestBytes + 4 - connection.input.count)]
        if let answer = HTTPRequestHead.answer(to: connection.input, limit: limits.maxRequestBytes, handler: handler) {
            connection.output = answer
        }
        return true
    }

    /// `O_NONBLOCK` and close-on-exec (Glibc does not import `pipe2` and `accept4`).
    private static func makeNonBlocking(_ fd: Int32) {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    }

    private static func monotonicNow() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}

/// The request line and headers of one request, and the answer they get.
enum HTTPRequestHead {
    /// The bytes of the answer once `input` holds a whole head (or is too big or malformed); nil: read on.
    static func answer(to input: [UInt8], limit: Int, handler: HTTPListener.Handler) -> [UInt8]? {
        guard let end = headEnd(input) else {
            return input.count >= limit ? serialize(.init(status: 431, body: "request too large\n"), head: false) : nil
        }
        guard end <= limit else { return serialize(.init(status: 431, body: "request too large\n"), head: false) }
        guard let lineEnd = input.firstIndex(of: 0x0D),
            let line = String(validating: input[..<lineEnd], as: UTF8.self)
        else { return serialize(.init(status: 400, body: "bad request\n"), head: false) }
        let parts = line.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2] == "HTTP/1.1" || parts[2] == "HTTP/1.0", parts[1].hasPrefix("/"),
            !parts[0].isEmpty, parts[0].utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A })
        else { return serialize(.init(status: 400, body: "bad request\n"), head: false) }
        let isHead = parts[0] == "HEAD"
        guard parts[0] == "GET" || isHead else {
            return serialize(.init(status: 405, body: "method not allowed\n"), head: false, allow: true)
        }
        let path = String(parts[1].prefix { $0 != "?" })
        let response = handler(path) ?? .init(status: 404, body: "not found\n")
        return serialize(response, head: isHead)
    }

    /// The index just past the blank line ending the head, if there is one.
    static func headEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 3..<bytes.count
        where bytes[index] == 0x0A && bytes[index - 1] == 0x0D && bytes[index - 2] == 0x0A && bytes[index - 3] == 0x0D {
            return index + 1
        }
        return nil
    }

    static func serialize(_ response: HTTPListener.Response, head: Bool, allow: Bool = false) -> [UInt8] {
        var text = "HTTP/1.1 \(response.status) \(reason(response.status))\r\n"
        text += "Content-Type: \(response.contentType)\r\nContent-Length: \(response.body.count)\r\n"
        if allow { text += "Allow: GET, HEAD\r\n" }
        text += "Connection: close\r\n\r\n"
        return Array(text.utf8) + (head ? [] : response.body)
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 431: "Request Header Fields Too Large"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}
