import FeeddCore

/// One GET to make: the URL plus everything a source can set per request.
/// Durations are seconds; `maxBytes` caps the decoded body.
package struct FetchRequest: Sendable, Equatable {
    package var url: String
    package var userAgent: String
    /// Extra request headers, sent as given. `Authorization` and `Cookie` are not carried to another host
    /// on a redirect.
    package var headers: [HTTPHeader]
    /// Basic authentication, sent only to `credentialsOrigin` (or the origin of `url` when nil): never to
    /// another origin after a redirect, nor to article pages elsewhere.
    package var credentials: HTTPCredentials?
    package var credentialsOrigin: URLOrigin?
    /// Validators from an earlier 200, sent as `If-None-Match` / `If-Modified-Since`.
    package var etag: String?
    package var lastModified: String?
    /// A proxy URL (`http://proxy:3128`, `socks5h://…`). `nil` leaves libcurl's default (the
    /// `http_proxy`/`https_proxy`/`no_proxy` environment); an empty string means no proxy at all.
    package var proxy: String?
    /// The whole fetch, redirects included.
    package var timeout: Double
    package var connectTimeout: Double
    /// A transfer slower than 1 KB/s for this long is cut (`.lowSpeed`). Whole seconds, at least 1.
    package var lowSpeedTime: Double
    /// The most body bytes accepted after decoding (`Content-Encoding`); more is `.tooLarge`.
    package var maxBytes: Int64
    /// A PEM bundle of CA certificates to trust instead of the system's.
    package var caFile: String?
    /// Skips TLS certificate and host name checks.
    package var insecure: Bool
    package var maxRedirects: Int
    /// Whether connections to loopback, private and link-local addresses are allowed (see
    /// `AddressPolicy`). Checked on every connection, redirects included, after DNS and before any
    /// packet; not checked when a proxy is configured (the connection then goes to the proxy).
    package var allowPrivate: Bool = true
    /// Whose robots.txt rules apply, and whether they are obeyed; nil fetches without asking robots.txt
    /// (a feed the publisher offers for polling). See `RobotsPolicy`.
    package var robots: RobotsPolicy?
    /// A body longer than `maxBytes` is cut there and the response kept, instead of failing with
    /// `.tooLarge` (robots.txt: RFC 9309 §2.5 reads a prefix of an oversized file).
    package var cutAtMaxBytes = false

    package init(
        url: String, userAgent: String = Settings.defaults.userAgent, headers: [HTTPHeader] = [],
        etag: String? = nil, lastModified: String? = nil, proxy: String? = nil,
        timeout: Double = Settings.defaults.timeout, connectTimeout: Double = Settings.defaults.connectTimeout,
        lowSpeedTime: Double = 30,
        maxBytes: Int64 = Settings.defaults.maxBytes, caFile: String? = nil,
        insecure: Bool = false, maxRedirects: Int = 5
    ) {
        self.url = url
        self.userAgent = userAgent
        self.headers = headers
        self.etag = etag
        self.lastModified = lastModified
        self.proxy = proxy
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.lowSpeedTime = lowSpeedTime
        self.maxBytes = maxBytes
        self.caFile = caFile
        self.insecure = insecure
        self.maxRedirects = maxRedirects
    }

    /// The request for `source`'s effective settings. The URL is `url` when given (a moved source's
    /// effective URL), otherwise the configured one. Validators are left to the caller (see
    /// `PollPolicy.validators`).
    package init(source: Source.Resolved, url: String? = nil) {
        self.init(
            url: url ?? source.url, userAgent: source.userAgent, headers: source.headers, proxy: source.proxy,
            timeout: source.timeout, connectTimeout: source.connectTimeout, maxBytes: source.maxBytes,
            caFile: source.caFile, insecure: source.insecure)
        allowPrivate = source.allowsPrivateAddresses
        if let credentials = source.credentials, let origin = URLOrigin(source.url) {
            self.credentials = credentials
            credentialsOrigin = origin
        }
    }
}
