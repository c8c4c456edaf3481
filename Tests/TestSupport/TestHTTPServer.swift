import FeeddCore
import Foundation
import Glibc
import Synchronization

/// A real HTTP/1.1 server on 127.0.0.1 (or another loopback address) with an ephemeral port, for tests: one accept thread and one
/// thread per connection, keep-alive, routes replaceable at any time, every request recorded.
/// Unknown paths get 404. Responses can misbehave on purpose (see `TestResponse.Behavior`).
package final class TestHTTPServer: Sendable {
    private let core: TestServerCore
    package let port: Int
    /// The IPv4 loopback address it listens on, `127.0.0.1` unless given.
    package let address: String

    /// Starts listening at once on `address`, an IPv4 address in 127.0.0.0/8 (Linux routes all of it to the
    /// loopback interface, so tests can stand up several "hosts" without names).
    package init(address: String = "127.0.0.1") throws {
        core = try TestServerCore(address: address)
        port = core.port
        self.address = address
        core.start()
    }

    deinit { core.stop() }

    /// `http://ADDRESS:PORT/path`; the leading slash is optional.
    package func url(_ path: String) -> String {
        "http://\(address):\(port)" + (path.hasPrefix("/") ? path : "/" + path)
    }

    /// Answers `path` (exact target with query, or path without it) with `response` from now on.
    package func route(_ path: String, _ response: TestResponse) {
        // Compressing once here keeps a large gzip body cheap to serve many times.
        let prepared = PreparedResponse(response)
        core.setRoute(path, .fixed(prepared))
    }

    /// Answers `path` with whatever `handler` returns for each request (called on a server thread).
    package func route(_ path: String, handler: @escaping @Sendable (TestRequest) -> TestResponse) {
        core.setRoute(path, .handler(handler))
    }

    package func removeRoute(_ path: String) { core.setRoute(path, nil) }

    /// Every request received so far, in arrival order.
    package var requests: [TestRequest] { core.state.withLock { $0.requests } }

    /// The requests whose path (query ignored) or full target is `path`.
    package func requests(to path: String) -> [TestRequest] {
        core.state.withLock { $0.requests.filter { $0.path == path || $0.target == path } }
    }

    /// The most requests that were being answered at the same moment.
    package var peakConcurrency: Int { core.state.withLock { $0.peak } }

    /// Requests being answered right now.
    package var activeRequests: Int { core.state.withLock { $0.active } }

    /// TCP connections accepted so far.
    package var connectionCount: Int { core.state.withLock { $0.connectionCount } }

    /// Forgets recorded requests and the concurrency peak.
    package func resetStatistics() {
        core.state.withLock {
            $0.requests = []
            $0.peak = $0.active
        }
    }

    /// Stops accepting, cuts open connections and waits (briefly) for the threads to end. Idempotent.
    package func stop() { core.stop() }
}

/// A response with its wire body computed.
struct PreparedResponse: Sendable {
    var response: TestResponse
    var wireBody: [UInt8]

    init(_ response: TestResponse) {
        self.response = response
        self.wireBody = response.wireBody()
    }
}

/// The shared state of the server threads, guarded by one mutex. Threads hold this, not the
/// `TestHTTPServer`, so dropping the server stops them.
final class TestServerCore: Sendable {
    enum Route: Sendable {
        case fixed(PreparedResponse)
        case handler(@Sendable (TestRequest) -> TestResponse)
    }

    struct State {
        var routes: [String: Route] = [:]
        var requests: [TestRequest] = []
        /// Open connections, so `stop` can shut them down; a thread removes its own before closing it.
        var connections: Set<Int32> = []
        var active = 0
        var peak = 0
        var connectionCount = 0
        var stopped = false
    }

    let state = Mutex(State())
    /// Entered by every server thread while it runs, so that `stop` can wait for them all.
    let running = DispatchGroup()
    let listener: Int32
    let port: Int
    let wakeRead: Int32
    let wakeWrite: Int32

    init(address: String) throws {
        // A client that disconnects must not kill the test process.
        signal(SIGPIPE, SIG_IGN)
        let (fd, port) = try TestSocket.listenOnLoopback(address: address)
        do {
            (wakeRead, wakeWrite) = try TestSocket.wakePipe()
        } catch {
            close(fd)
            throw error
        }
        self.listener = fd
        self.port = port
    }

    func setRoute(_ path: String, _ route: Route?) {
        state.withLock { $0.routes[path] = route }
    }

    func start() {
        running.enter()
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "test-http-accept"
        thread.start()
    }

    func stop() {
        let first = state.withLock { state -> Bool in
            if state.stopped { return false }
            state.stopped = true
            for fd in state.connections { shutdown(fd, Int32(SHUT_RDWR)) }
            return true
        }
        guard first else { return }
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
        // Threads poll the wake pipe, so it may only close after they are gone; if one is stuck, leak it.
        if running.wait(timeout: .now() + 5) == .success {
            close(wakeRead)
            close(wakeWrite)
        }
        // Handlers often capture the server (to look at its counters): dropping them breaks that cycle.
        state.withLock { $0.routes.removeAll() }
    }

    private func acceptLoop() {
        defer {
            close(listener)
            running.leave()
        }
        while true {
            guard TestSocket.wait(readable: listener, wake: wakeRead, timeout: nil) == .readable,
                let fd = TestSocket.accept(listener)
            else { return }
            let id: Int? = state.withLock { state in
                if state.stopped { return nil }
                state.connections.insert(fd)
                state.connectionCount += 1
                running.enter()
                return state.connectionCount
            }
            guard let id else {
                close(fd)
                return
            }
            let thread = Thread { [self] in serveConnection(fd, id: id) }
            thread.name = "test-http-conn-\(id)"
            thread.start()
        }
    }

    private func serveConnection(_ fd: Int32, id: Int) {
        defer {
            _ = state.withLock { $0.connections.remove(fd) }
            close(fd)
            running.leave()
        }
        var buffer: [UInt8] = []
        while let request = readRequest(fd, buffer: &buffer, connection: id) {
            let route = state.withLock { state -> Route? in
                state.requests.append(request)
                state.active += 1
                state.peak = max(state.peak, state.active)
                return state.routes[request.target] ?? state.routes[request.path]
            }
            let prepared: PreparedResponse
            switch route {
            case .fixed(let response): prepared = response
            case .handler(let handler): prepared = PreparedResponse(handler(request))
            case nil: prepared = PreparedResponse(.text("not found\n", status: 404))
            }
            // Counted as answered just before the last bytes go out: a client that starts its next
            // request on receipt must never find this one still counted.
            var counted = true
            let finished = {
                if counted {
                    counted = false
                    self.state.withLock { $0.active -= 1 }
                }
            }
            let keepAlive = answer(fd, request: request, with: prepared, finishing: finished)
            finished()
            if !keepAlive { return }
        }
    }

    // MARK: Reading

    private static let headerEnd: [UInt8] = Array("\r\n\r\n".utf8)

    private func readRequest(_ fd: Int32, buffer: inout [UInt8], connection: Int) -> TestRequest? {
        var end: Int?
        while true {
            end = Self.find(Self.headerEnd, in: buffer)
            if end != nil { break }
            if buffer.count > 1 << 20 { return nil }
            if !Self.looksLikeHTTP(buffer) {
                // Like a real server, answer garbage (a TLS hello, say) with 400 instead of waiting for more.
                _ = TestSocket.send(fd, Array("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8))
                return nil
            }
            guard fill(fd, &buffer) else { return nil }
        }
        let headerBytes = buffer[..<end!]
        buffer.removeFirst(end! + 4)
        let lines = String(decoding: headerBytes, as: UTF8.self).components(separatedBy: "\r\n")
        let parts = lines[0].split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count >= 2 else { return nil }
        var headers: [HTTPHeader] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
            let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            headers.append(HTTPHeader(name: name, value: value))
        }
        let target = String(parts[1])
        var request = TestRequest(
            method: String(parts[0]), target: target,
            path: String(target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""),
            headers: headers, body: [], received: Date(), connection: connection)
        if let length = request.header("Content-Length").flatMap({ Int($0) }), length > 0 {
            while buffer.count < length {
                guard fill(fd, &buffer) else { return nil }
            }
            request.body = Array(buffer[..<length])
            buffer.removeFirst(length)
        }
        return request
    }

    /// True while the bytes so far can still begin a request line (`TOKEN SP`).
    private static func looksLikeHTTP(_ bytes: [UInt8]) -> Bool {
        for (index, byte) in bytes.prefix(16).enumerated() {
            if byte == UInt8(ascii: " ") { return index > 0 }
            if !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) { return false }
        }
        return bytes.count < 16
    }

    private func fill(_ fd: Int32, _ buffer: inout [UInt8]) -> Bool {
        guard TestSocket.wait(readable: fd, wake: wakeRead, timeout: nil) == .readable,
            let bytes = TestSocket.receive(fd)
        else { return false }
        buffer += bytes
        return true
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<start + needle.count].elementsEqual(needle) { return start }
        }
        return nil
    }

    // MARK: Answering

    /// Sends the response its way; true when the connection may carry another request.
    private func answer(
        _ fd: Int32, request: TestRequest, with prepared: PreparedResponse, finishing finished: () -> Void
    ) -> Bool {
        let response = prepared.response
        if response.delay > 0 && !TestSocket.sleep(response.delay, wake: wakeRead) { return false }
        let body = request.method == "HEAD" ? [] : prepared.wireBody
        let clientKeepsAlive = request.header("Connection")?.lowercased() != "close"
        var keepAlive = clientKeepsAlive
        var headers = response.headers
        func add(_ name: String, _ value: String) {
            if !response.hasHeader(name) { headers.append(HTTPHeader(name: name, value: value)) }
        }
        if response.gzip { add("Content-Encoding", "gzip") }

        switch response.behavior {
        case .hang:
            waitForClientToLeave(fd)
            return false
        case .empty:
            return false
        case .normal, .drip:
            add("Content-Length", String(prepared.wireBody.count))
        case .endless:
            keepAlive = false
        case .truncated:
            add("Content-Length", String(prepared.wireBody.count + max(100, prepared.wireBody.count)))
            keepAlive = false
        case .wrongLength:
            add("Transfer-Encoding", "chunked")
            keepAlive = false
        case .reset:
            add("Content-Length", String(prepared.wireBody.count))
            keepAlive = false
        }
        if response.hasHeader("Connection") {
            keepAlive = keepAlive && response.headers.contains { $0.name.lowercased() == "connection" && $0.value.lowercased() != "close" }
        }
        add("Connection", keepAlive ? "keep-alive" : "close")

        var head = "HTTP/1.1 \(response.status) \(Self.reason(response.status))\r\n"
        for header in headers { head += "\(header.name): \(header.value)\r\n" }
        head += "\r\n"
        if response.behavior == .normal {
            finished()
            return TestSocket.send(fd, Array(head.utf8) + body) && keepAlive
        }
        guard TestSocket.send(fd, Array(head.utf8)) else { return false }

        switch response.behavior {
        case .normal:
            return false
        case .drip(let chunk, let interval):
            var offset = 0
            while offset < body.count {
                let end = min(body.count, offset + max(1, chunk))
                if end == body.count { finished() }
                guard TestSocket.send(fd, Array(body[offset..<end])) else { return false }
                offset = end
                if offset < body.count && !TestSocket.sleep(interval, wake: wakeRead) { return false }
            }
            return keepAlive
        case .endless:
            let piece = body.isEmpty ? [UInt8](repeating: UInt8(ascii: "x"), count: 16_384) : body
            while TestSocket.send(fd, piece) {
                if state.withLock({ $0.stopped }) { return false }
            }
            return false
        case .truncated:
            _ = TestSocket.send(fd, body)
            return false
        case .wrongLength:
            let size = String(body.count + 100, radix: 16)
            _ = TestSocket.send(fd, Array("\(size)\r\n".utf8) + body)
            return false
        case .reset:
            _ = TestSocket.send(fd, Array(body.prefix(body.count / 2)))
            TestSocket.armReset(fd)
            return false
        case .hang, .empty:
            return false
        }
    }

    /// Holds the connection open, discarding input, until the client closes it or the server stops.
    private func waitForClientToLeave(_ fd: Int32) {
        while TestSocket.wait(readable: fd, wake: wakeRead, timeout: nil) == .readable {
            guard TestSocket.receive(fd) != nil else { return }
        }
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 204: return "No Content"
        case 301: return "Moved Permanently"
        case 302: return "Found"
        case 303: return "See Other"
        case 304: return "Not Modified"
        case 307: return "Temporary Redirect"
        case 308: return "Permanent Redirect"
        case 400: return "Bad Request"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 410: return "Gone"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        default: return "Status"
        }
    }
}
