import FeeddCore
import Foundation

/// A completed HTTP exchange, whatever its status: 304, 404, 429 and 410 are answers the caller
/// decides about (see `httpError` and `PollPolicy`), not transport failures.
package struct FetchResponse: Sendable {
    /// One redirect that was followed.
    package struct Redirect: Sendable, Equatable {
        package var status: Int
        package var from: String
        package var to: String

        package init(status: Int, from: String, to: String) {
            self.status = status
            self.from = from
            self.to = to
        }

        /// 301 and 308 say the resource moved for good.
        package var isPermanent: Bool { status == 301 || status == 308 }
    }

    package var requestedURL: String
    /// The URL of the final response, after redirects.
    package var effectiveURL: String
    package var status: Int
    /// The final response's headers in order, names lowercased.
    package var headers: [HTTPHeader]
    /// The body after `Content-Encoding` was undone.
    package var body: [UInt8]
    package var contentType: String?
    package var etag: String?
    package var lastModified: String?
    /// `Retry-After` as seconds from when the response arrived (it may be a number or an HTTP date).
    package var retryAfter: Double?
    /// The redirects followed, in order.
    package var redirects: [Redirect]
    /// Bytes received, headers and (still encoded) bodies of every hop.
    package var bytesOnWire: Int64
    /// Seconds from the first hop's start to the end of the last, queueing excluded.
    package var elapsed: Double
    /// `"1.1"`, `"2"`, … of the final response.
    package var httpVersion: String
    /// When the response arrived.
    package var received: Date

    package init(
        requestedURL: String, effectiveURL: String, status: Int, headers: [HTTPHeader], body: [UInt8],
        redirects: [Redirect] = [], bytesOnWire: Int64 = 0, elapsed: Double = 0, httpVersion: String = "1.1",
        received: Date = Date()
    ) {
        self.requestedURL = requestedURL
        self.effectiveURL = effectiveURL
        self.status = status
        self.headers = headers.map { HTTPHeader(name: $0.name.lowercased(), value: $0.value) }
        self.body = body
        self.redirects = redirects
        self.bytesOnWire = bytesOnWire
        self.elapsed = elapsed
        self.httpVersion = httpVersion
        self.received = received
        let lookup = { (name: String) in headers.first { $0.name.lowercased() == name }?.value }
        contentType = lookup("content-type")
        etag = lookup("etag")
        lastModified = lookup("last-modified")
        let serverDate = lookup("date").flatMap(HTTPDate.parse)
        retryAfter = lookup("retry-after").flatMap {
            CacheHeaders.retryAfter($0, now: received, serverDate: serverDate)
        }
    }

    /// The first value of a header; the name is matched case-insensitively.
    package func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name == wanted }?.value
    }

    /// `Cache-Control: max-age`, seconds.
    package var cacheMaxAge: Double? { header("cache-control").flatMap(CacheHeaders.maxAge(cacheControl:)) }

    /// `Expires`, as seconds from when the response arrived.
    package var expires: Double? {
        header("expires").map {
            CacheHeaders.expires($0, now: received, serverDate: header("date").flatMap(HTTPDate.parse))
        }
    }

    /// Where the resource moved for good: the target of the permanent redirects (301/308) at the start
    /// of the chain. `A -301-> B -302-> C` moved to B; `A -302-> B -301-> C` did not move.
    package var permanentTarget: String? {
        var target: String?
        for redirect in redirects {
            guard redirect.isPermanent else { break }
            target = redirect.to
        }
        return target
    }

    /// A bot-protection challenge page (Cloudflare and look-alikes) instead of the content: retrying
    /// from a daemon will not get past it, so it is reported as such.
    package var isChallenge: Bool {
        guard status == 403 || status == 503 || status == 429 else { return false }
        if header("cf-mitigated")?.lowercased() == "challenge" { return true }
        let server = header("server")?.lowercased() ?? ""
        let text = String(decoding: body.prefix(64 * 1024), as: UTF8.self)
        let markers = ["challenge-platform", "cf-chl-", "_cf_chl_opt", "Just a moment...", "Attention Required! | Cloudflare"]
        return (server.contains("cloudflare") || header("cf-ray") != nil || status == 403)
            && markers.contains { text.contains($0) }
    }

    /// The status as an error for statuses a poll cannot use (4xx and 5xx other than 304); nil for
    /// 1xx–3xx. 429 and 503 are included: the caller decides they are not failures.
    package var httpError: FetchError? {
        guard status >= 400 else { return nil }
        let message: String
        if isChallenge {
            message = "HTTP \(status): the site answered with a bot challenge page (Cloudflare or similar) instead of the content; ask the publisher for access or use another URL"
        } else {
            switch status {
            case 401, 403: message = "HTTP \(status): access denied; check the URL, or the source's headers and user_agent"
            case 404: message = "HTTP 404: not found; check the URL"
            case 410: message = "HTTP 410: gone; the publisher removed the feed, polling stops until the source's configuration changes"
            case 429: message = "HTTP 429: too many requests; waiting as the server asked"
            case 500...599: message = "HTTP \(status): server error"
            default: message = "HTTP \(status)"
            }
        }
        return FetchError(code: .http(status), url: effectiveURL, message: message)
    }
}
