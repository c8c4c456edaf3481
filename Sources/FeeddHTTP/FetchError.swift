import Foundation

/// Why a fetch produced no usable HTTP response. `message` says what happened and, where it can,
/// what to do; `curlCode` keeps libcurl's own code for whoever debugs further.
package struct FetchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure; new kinds may be added.
    package enum Code: Sendable, Equatable, Hashable {
        case invalidURL
        /// The host name did not resolve.
        case dns
        /// No TCP connection to the host (refused, unreachable).
        case connect
        /// The proxy did not resolve, refused the connection or failed the handshake: the feed's host was
        /// never asked.
        case proxy
        /// The TLS handshake or certificate check failed.
        case tls
        /// The connect or total time limit passed.
        case timeout
        /// Slower than 1 KB/s for `lowSpeedTime`.
        case lowSpeed
        /// The body (decoded) exceeded `maxBytes`.
        case tooLarge
        case tooManyRedirects
        /// A redirect led back to a URL already visited.
        case redirectLoop
        /// A URL or redirect with a scheme other than http or https.
        case protocolRefused
        /// The host resolved to a loopback, private or link-local address the source may not reach.
        case addressRefused
        /// The connection ended before the body did (short `Content-Length`, cut chunked body).
        case truncated
        /// The connection failed mid-exchange (reset, empty reply, HTTP/2 stream error).
        case network
        /// The server's answer was not valid HTTP, or its body could not be decoded.
        case badResponse
        /// The host asked us to wait (`Retry-After`) and the wait is not over.
        case hostBlocked
        /// The site's robots.txt disallows the URL for our user agent (`robots = ignore` overrides).
        case robotsDisallowed
        /// The fetcher was shut down before the fetch could finish.
        case shutdown
        /// An HTTP status the caller treats as an error (see `FetchResponse.httpError`).
        case http(Int)
        case other

        /// A stable lowercase name for log fields (`error=tls`, `error=http_404`).
        package var name: String {
            switch self {
            case .invalidURL: return "invalid_url"
            case .dns: return "dns"
            case .connect: return "connect"
            case .proxy: return "proxy"
            case .tls: return "tls"
            case .timeout: return "timeout"
            case .lowSpeed: return "low_speed"
            case .tooLarge: return "too_large"
            case .tooManyRedirects: return "too_many_redirects"
            case .redirectLoop: return "redirect_loop"
            case .protocolRefused: return "protocol_refused"
            case .addressRefused: return "address_refused"
            case .truncated: return "truncated"
            case .network: return "network"
            case .badResponse: return "bad_response"
            case .hostBlocked: return "host_blocked"
            case .robotsDisallowed: return "robots_disallowed"
            case .shutdown: return "shutdown"
            case .http(let status): return "http_\(status)"
            case .other: return "other"
            }
        }
    }

    package var code: Code
    package var url: String
    package var message: String
    /// libcurl's `CURLcode`, when the failure came from libcurl.
    package var curlCode: Int32?
    /// For `.hostBlocked`: when the host may be asked again.
    package var blockedUntil: Date?

    package init(code: Code, url: String, message: String, curlCode: Int32? = nil, blockedUntil: Date? = nil) {
        self.code = code
        self.url = url
        self.message = message
        self.curlCode = curlCode
        self.blockedUntil = blockedUntil
    }

    package var description: String {
        var text = "\(url): \(message)"
        if let curlCode { text += " (curl \(curlCode))" }
        return text
    }
}
