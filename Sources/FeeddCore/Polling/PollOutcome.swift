/// What one poll brought back, reduced to what the polling policy needs. The HTTP layer builds it
/// from a fetch result; the policy turns it into state changes (`PollPolicy.update`).
package struct PollOutcome: Sendable, Equatable {
    package enum Kind: Sendable, Equatable {
        /// 2xx: a body to parse; validators are taken from it.
        case modified
        /// 304: nothing changed; validators are kept.
        case notModified
        /// 429, 503 or a host already blocked: wait as asked; not a failure.
        case throttled
        /// 410: the publisher removed the feed; polling stops until the configuration changes.
        case gone
        /// Anything else: a transport error or an unusable status; counts toward backoff.
        case failed
        /// The poll was abandoned (the daemon is stopping): nothing is learned, nothing changes.
        case cancelled
    }

    package var kind: Kind
    /// The final HTTP status; nil when no response arrived.
    package var status: Int?
    /// For failures and throttling: what went wrong, for `lastError` and the log.
    package var message: String?
    /// A stable short name of the failure for logs (`tls`, `timeout`, `http_404`).
    package var errorKind: String?
    package var etag: String?
    package var lastModified: String?
    /// Where the source moved for good, if the answer came through permanent redirects (301/308).
    package var permanentTarget: String?
    /// Seconds to wait before asking the host again (`Retry-After`, or what is left of a host block).
    package var retryAfter: Double?
    /// `Cache-Control: max-age`, seconds.
    package var cacheMaxAge: Double?
    /// `Expires`, as seconds from the response.
    package var expires: Double?
    /// The request went out without validators (first poll, or a periodic revalidation).
    package var unconditional: Bool

    package init(
        kind: Kind, status: Int? = nil, message: String? = nil, errorKind: String? = nil, etag: String? = nil,
        lastModified: String? = nil, permanentTarget: String? = nil, retryAfter: Double? = nil,
        cacheMaxAge: Double? = nil, expires: Double? = nil, unconditional: Bool = false
    ) {
        self.kind = kind
        self.status = status
        self.message = message
        self.errorKind = errorKind
        self.etag = etag
        self.lastModified = lastModified
        self.permanentTarget = permanentTarget
        self.retryAfter = retryAfter
        self.cacheMaxAge = cacheMaxAge
        self.expires = expires
        self.unconditional = unconditional
    }
}
