/// One feeds.conf key as documented: where it may appear, the form of its value, its default. The
/// table of all of them is `ConfigKey.all`; `Settings` and `Source` take their defaults from it, the
/// parser refuses any key it does not list, and a test holds feeds.conf and README.md to it.
package struct ConfigKey: Sendable, Equatable {
    package enum Section: String, Sendable, CaseIterable {
        case feedd, source
        case outputNATS = "output nats"
    }

    /// The form of a value, as the README's "Value forms" names it.
    package enum Unit: String, Sendable {
        case duration, size, count, flag, choice, text, list, path, url, header, selector, address, rule
    }

    /// What a key is worth when feeds.conf does not set it.
    package enum Default: Sendable, Equatable {
        /// A value spelled as in feeds.conf (`15m`, `16M`, `mark`); applied through the parser itself,
        /// so the documented spelling and the effective value cannot drift apart.
        case value(String)
        /// No value; the text says what happens then (`none`, `required`, `automatic`).
        case absent(String)
        /// In `[source NAME]`: the `[feedd]` value of the same key.
        case inherited
    }

    package var name: String
    package var sections: Set<Section>
    package var unit: Unit
    /// The default in `[feedd]`, or in `[source NAME]` for a source-only key.
    package var defaultValue: Default
    /// A source may set it over the `[feedd]` value (it appears in both sections).
    package var sourceOverrides: Bool { sections.count == 2 }
    package var doc: String

    init(_ name: String, _ sections: Set<Section>, _ unit: Unit, _ defaultValue: Default, _ doc: String) {
        self.name = name
        self.sections = sections
        self.unit = unit
        self.defaultValue = defaultValue
        self.doc = doc
    }

    /// The default in `section` (a source override inherits the `[feedd]` value).
    package func defaultValue(in section: Section) -> Default {
        section == .source && sourceOverrides ? .inherited : defaultValue
    }

    package static func named(_ name: String, in section: Section) -> ConfigKey? {
        byName[name]?.first { $0.sections.contains(section) }
    }

    /// A name may stand in two unrelated sections (`username` of a source, of `[output nats]`).
    private static let byName: [String: [ConfigKey]] = Dictionary(grouping: all, by: \.name)

    /// The user agent feedd sends unless told otherwise.
    package static let defaultUserAgent = "feedd/\(FeeddVersion.string) (+https://github.com/feedd/feedd)"

    /// Every key, in the order feeds.conf and the README list them.
    package static let all: [ConfigKey] = [
        // [feedd] only
        ConfigKey("store", [.feedd], .path, .value("./data"), "the journal directory (relative to feeds.conf)"),
        ConfigKey("interval", [.feedd, .source], .duration, .value("15m"), "poll interval"),
        ConfigKey("user_agent", [.feedd, .source], .text, .value(defaultUserAgent), "the User-Agent we send"),
        ConfigKey("log_level", [.feedd], .choice, .value("info"), "debug, info, notice, warning, error"),
        ConfigKey("log_format", [.feedd], .choice, .value("logfmt"), "logfmt or json"),
        ConfigKey("max_connections", [.feedd], .count, .value("32"), "transfers at once, all hosts together"),
        ConfigKey("max_per_host", [.feedd], .count, .value("2"), "transfers at once to one host"),
        ConfigKey("host_delay", [.feedd], .duration, .value("1s"), "least time between two request starts to one host"),
        ConfigKey("max_bytes", [.feedd, .source], .size, .value("16M"), "largest body accepted, after decompression"),
        ConfigKey("timeout", [.feedd, .source], .duration, .value("60s"), "a whole transfer"),
        ConfigKey("connect_timeout", [.feedd], .duration, .value("15s"), "connection set-up (DNS, TCP, TLS)"),
        ConfigKey("min_interval", [.feedd], .duration, .value("5m"), "lower bound of the adaptive poll interval"),
        ConfigKey("max_interval", [.feedd], .duration, .value("1d"), "upper bound of the adaptive poll interval"),
        ConfigKey("max_backoff", [.feedd], .duration, .value("1d"), "longest wait after repeated failures"),
        ConfigKey("revalidate", [.feedd], .duration, .value("12h"), "fetch without validators this often"),
        ConfigKey("summary_interval", [.feedd], .duration, .value("10m"), "period of the event=summary log line"),
        ConfigKey("stop_timeout", [.feedd], .duration, .value("10s"), "how long a stop waits for in-flight transfers"),
        ConfigKey("listen", [.feedd], .address, .absent("none"), "host:port of the /metrics and /healthz listener"),
        ConfigKey("retain", [.feedd], .duration, .absent("none"), "drop whole journal segments older than this"),
        ConfigKey("retain_bytes", [.feedd], .size, .absent("none"), "drop whole oldest segments beyond this size"),
        ConfigKey("near_duplicates", [.feedd, .source], .choice, .value("mark"), "mark, drop or keep near-copies"),
        ConfigKey("strip_params", [.feedd, .source], .list, .absent("none"), "extra tracking parameters to remove"),
        ConfigKey(
            "iframe_hosts", [.feedd], .list, .value("www.youtube.com, www.youtube-nocookie.com, player.vimeo.com"),
            "hosts (and their subdomains) whose https iframes survive sanitizing"),
        ConfigKey(
            "proxy", [.feedd, .source], .url, .absent("the `http_proxy`, `https_proxy`, `no_proxy` environment"),
            "the proxy for requests; none: no proxy, whatever the environment says"),
        ConfigKey("keep", [.feedd, .source], .rule, .absent("none"), "store only articles matching one of these; repeatable"),
        ConfigKey("block", [.feedd, .source], .rule, .absent("none"), "never store articles matching any of these; repeatable"),
        ConfigKey(
            "shard", [.feedd], .text, .value("1/1"),
            "K/N: poll only the sources whose host falls to the K-th of N instances sharing this feeds.conf"),
        ConfigKey("membership", [.feedd], .choice, .value("static"), "static (shard = K/N) or nats (live instances)"),
        ConfigKey("instance", [.feedd], .text, .absent("the host name"), "this instance's member ID with membership = nats"),
        ConfigKey(
            "membership_ttl", [.feedd], .duration, .value("15s"),
            "membership = nats: an instance not heard from for this long is dropped and its sources move"),
        // [source NAME] only
        ConfigKey("url", [.source], .url, .absent("required"), "the feed, or for type = html the listing page"),
        ConfigKey("type", [.source], .choice, .value("auto"), "auto, rss, atom, json or html"),
        ConfigKey("title", [.source], .text, .absent("the section name"), "a display name, kept by OPML export and import"),
        ConfigKey("tags", [.source], .list, .absent("none"), "labels copied into every stored article"),
        ConfigKey("headers", [.source], .header, .absent("none"), "an extra request header; repeatable"),
        ConfigKey("username", [.source], .text, .absent("none"), "HTTP Basic authentication user (with password_file)"),
        ConfigKey(
            "password_file", [.source], .path, .absent("none"),
            "a file whose first line is the password; credential:NAME reads $CREDENTIALS_DIRECTORY/NAME"),
        ConfigKey("ca_file", [.source], .path, .absent("system CAs"), "a CA bundle to trust for this source"),
        ConfigKey("insecure", [.source], .flag, .value("no"), "yes skips TLS verification"),
        ConfigKey("allow_private", [.source], .flag,
            .absent("`no`, or `yes` when `url` is itself on loopback or a private network"),
            "may this source connect to loopback, private, link-local or reserved addresses"),
        ConfigKey("full_text", [.source], .flag, .value("no"), "fetch each new item's page for its body"),
        ConfigKey("links", [.source], .selector, .absent("automatic"), "CSS selector of article links (type = html)"),
        ConfigKey("max_articles", [.source], .count, .value("30"), "article pages fetched per poll, at most"),
        ConfigKey("content", [.source], .selector, .absent("automatic"), "CSS selector of the article body"),
        ConfigKey("exclude", [.source], .selector, .absent("none"), "CSS selectors removed before extraction"),
        ConfigKey("robots", [.source], .choice, .value("obey"), "obey or ignore robots.txt"),
        // [output nats]
        ConfigKey("url", [.outputNATS], .list, .absent("required"), "NATS server URLs, comma-separated"),
        ConfigKey("stream", [.outputNATS], .text, .value("FEEDD"), "the JetStream stream, created when absent"),
        ConfigKey(
            "subject", [.outputNATS], .text, .value("feedd.articles.<source>"),
            "the subject of a source's records; <source> is its name as a subject token"),
        ConfigKey(
            "duplicate_window", [.outputNATS], .duration, .value("2m"),
            "the stream's de-duplication window (set when the output creates the stream)"),
        ConfigKey("credentials", [.outputNATS], .path, .absent("none"), "a NATS .creds file (JWT and NKey seed)"),
        ConfigKey("username", [.outputNATS], .text, .absent("none"), "NATS user (with password_file)"),
        ConfigKey("password_file", [.outputNATS], .path, .absent("none"), "a file whose first line is the NATS password"),
        ConfigKey("token_file", [.outputNATS], .path, .absent("none"), "a file whose first line is the NATS token"),
        ConfigKey("tls_ca", [.outputNATS], .path, .absent("system CAs"), "a CA bundle to trust for the NATS servers"),
        ConfigKey("tls_cert", [.outputNATS], .path, .absent("none"), "client certificate (with tls_key)"),
        ConfigKey("tls_key", [.outputNATS], .path, .absent("none"), "client private key (with tls_cert)"),
        ConfigKey("bucket_prefix", [.outputNATS], .text, .value("feedd"), "prefix of the key-value buckets"),
        ConfigKey("dedupe", [.outputNATS], .choice, .value("shared"), "shared or local exact dedupe"),
    ]
}
