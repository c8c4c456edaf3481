import FeeddCore

/// What the test server answers with, including ways to misbehave on purpose.
package struct TestResponse: Sendable {
    /// How the body goes over the wire.
    package enum Behavior: Sendable, Equatable {
        /// `Content-Length` and the whole body at once.
        case normal
        /// `Content-Length`, then the body `chunk` bytes at a time with `interval` seconds between.
        case drip(chunk: Int, interval: Double)
        /// No length, and the body (or 16 KiB of `x`) repeated as fast as the client reads, until it
        /// gives up or the server stops.
        case endless
        /// `Content-Length` larger than the body, then the connection closes.
        case truncated
        /// Chunked encoding whose chunk size promises more bytes than follow, then the connection closes.
        case wrongLength
        /// Reads the request and never answers (until the client leaves or the server stops).
        case hang
        /// Headers and half the body, then a TCP reset.
        case reset
        /// Closes the connection without sending anything.
        case empty
    }

    package var status: Int
    /// Sent as given. `Content-Length`, `Content-Encoding` and `Connection` are added unless present.
    package var headers: [HTTPHeader]
    /// The body before encoding.
    package var body: [UInt8]
    /// Sends the body gzip-compressed with `Content-Encoding: gzip`.
    package var gzip: Bool
    package var behavior: Behavior
    /// Seconds to wait after the request before answering at all.
    package var delay: Double

    package init(
        status: Int = 200, headers: [HTTPHeader] = [], body: [UInt8] = [], gzip: Bool = false,
        behavior: Behavior = .normal, delay: Double = 0
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.gzip = gzip
        self.behavior = behavior
        self.delay = delay
    }

    package init(
        status: Int = 200, headers: [HTTPHeader] = [], body: String, gzip: Bool = false,
        behavior: Behavior = .normal, delay: Double = 0
    ) {
        self.init(status: status, headers: headers, body: Array(body.utf8), gzip: gzip, behavior: behavior, delay: delay)
    }

    /// A text body with its content type.
    package static func text(_ body: String, status: Int = 200, contentType: String = "text/plain; charset=utf-8")
        -> TestResponse
    {
        TestResponse(status: status, headers: [HTTPHeader(name: "Content-Type", value: contentType)], body: body)
    }

    /// The bytes of `Tests/Fixtures/<relative>` with their content type.
    package static func fixture(_ relative: String, contentType: String, status: Int = 200) -> TestResponse {
        TestResponse(
            status: status, headers: [HTTPHeader(name: "Content-Type", value: contentType)],
            body: Fixtures.data(relative))
    }

    /// A bodiless answer with only a status (`304`, `410`, …) and optional headers.
    package static func status(_ status: Int, headers: [HTTPHeader] = []) -> TestResponse {
        TestResponse(status: status, headers: headers)
    }

    /// A redirect to `location` (absolute or relative, as given).
    package static func redirect(_ status: Int = 302, to location: String) -> TestResponse {
        TestResponse(status: status, headers: [HTTPHeader(name: "Location", value: location)])
    }

    /// Returns a copy with one more header.
    package func header(_ name: String, _ value: String) -> TestResponse {
        var copy = self
        copy.headers.append(HTTPHeader(name: name, value: value))
        return copy
    }

    /// Returns a copy that sends its body the given way.
    package func behaving(_ behavior: Behavior) -> TestResponse {
        var copy = self
        copy.behavior = behavior
        return copy
    }

    /// Returns a copy answered only after `seconds`.
    package func delayed(_ seconds: Double) -> TestResponse {
        var copy = self
        copy.delay = seconds
        return copy
    }

    func hasHeader(_ name: String) -> Bool {
        headers.contains { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }

    /// The body as sent: gzip-compressed when asked.
    func wireBody() -> [UInt8] {
        gzip ? Gzip.compress(body) : body
    }
}
