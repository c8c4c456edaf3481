extension Source {
    /// A source's effective settings: its own values, else the `[feedd]` ones, else the defaults of
    /// `ConfigKey.all`. Built once per config load (`Config.resolvedSources`); every stage reads its
    /// settings from here and never combines a source with `[feedd]` itself.
    package struct Resolved: Sendable, Equatable {
        package var name: String
        /// The configured URL (a moved source's effective URL lives in its state, not here).
        package var url: String
        package var type: SourceType
        package var tags: [String]

        // Polling.
        package var poll: PollSettings
        package var interval: Double { poll.interval }

        // Fetching.
        package var userAgent: String
        package var headers: [HTTPHeader]
        /// Basic authentication, sent only to the origin of `url` (never after a redirect to another one).
        package var credentials: HTTPCredentials?
        /// nil: the proxy environment; "": no proxy; else the proxy URL (the source's, else `[feedd]`'s).
        package var proxy: String?
        /// The whole transfer, seconds.
        package var timeout: Double
        /// Connection set-up, seconds; never longer than `timeout`.
        package var connectTimeout: Double
        /// The largest body accepted, after decompression; also the largest document parsed.
        package var maxBytes: Int64
        package var caFile: String?
        package var insecure: Bool
        /// `allow_private` as set; nil leaves the decision to the fetcher's address policy (yes only when
        /// the url itself names this machine or a private network).
        package var allowPrivate: Bool?
        package var obeyRobots: Bool

        // Content.
        package var fullText: Bool
        /// `type = html`: the CSS selector of article links on the listing page (nil: discovered).
        package var links: String?
        /// Article pages fetched per poll, at most (`type = html` and `full_text`).
        package var maxArticles: Int
        /// The CSS selector of the body on article pages (nil: found by scoring).
        package var content: String?
        /// CSS selectors removed from article pages before extraction.
        package var exclude: String?
        /// Hosts whose https iframes survive sanitizing (subdomains included).
        package var iframeHosts: [String]
        /// Query parameters removed from URLs besides the built-in tracking ones: `[feedd]`'s, then the source's.
        package var stripParams: [String]
        package var nearDuplicates: NearDuplicatePolicy
        /// Which articles are stored at all: `[feedd]`'s `keep`/`block` rules, then the source's.
        package var filter: ArticleFilter

        package init(_ source: Source, settings: Settings) {
            name = source.name
            url = source.url
            type = source.type
            tags = source.tags
            poll = PollSettings(
                interval: source.interval ?? settings.interval, minInterval: settings.minInterval,
                maxInterval: settings.maxInterval, maxBackoff: settings.maxBackoff, revalidate: settings.revalidate)
            userAgent = source.userAgent ?? settings.userAgent
            headers = source.headers
            credentials = source.credentials
            proxy = source.proxy ?? settings.proxy
            timeout = source.timeout ?? settings.timeout
            connectTimeout = min(settings.connectTimeout, timeout)
            maxBytes = source.maxBytes ?? settings.maxBytes
            caFile = source.caFile
            insecure = source.insecure
            allowPrivate = source.allowPrivate
            obeyRobots = source.obeyRobots
            fullText = source.fullText
            links = source.links
            maxArticles = source.maxArticles
            content = source.content
            exclude = source.exclude
            iframeHosts = settings.iframeHosts
            stripParams = settings.stripParams + source.stripParams
            nearDuplicates = source.nearDuplicates ?? settings.nearDuplicates
            filter = ArticleFilter(settings.rules + source.rules)
        }
    }
}
