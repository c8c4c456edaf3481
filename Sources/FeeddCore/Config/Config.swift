/// A validated feeds.conf: the `[feedd]` settings, the sources in file order, and each source's
/// effective settings, resolved once here so that nothing else combines a source with `[feedd]`.
package struct Config: Sendable, Equatable {
    /// The file it was read from, as given (used in messages).
    package var path: String
    package var settings: Settings { didSet { resolve() } }
    package var sources: [Source] { didSet { resolve() } }
    /// Every source's effective settings, in file order (rebuilt whenever `settings` or `sources` change).
    package private(set) var resolvedSources: [Source.Resolved] = []
    private var resolvedIndex: [String: Int] = [:]
    /// The `[output nats]` section; nil: records stay in the journal only.
    package var natsOutput: NATSOutputSettings?

    package init(path: String, settings: Settings, sources: [Source]) {
        self.path = path
        self.settings = settings
        self.sources = sources
        resolve()
    }

    package func source(named name: String) -> Source? { sources.first { $0.name == name } }

    /// The effective settings of the source called `name`, if the config has one.
    package func resolved(named name: String) -> Source.Resolved? { resolvedIndex[name].map { resolvedSources[$0] } }

    /// The effective settings of `source` (looked up by its name; resolved on the spot if this config
    /// does not hold it).
    package func resolved(_ source: Source) -> Source.Resolved {
        resolved(named: source.name) ?? Source.Resolved(source, settings: settings)
    }

    private mutating func resolve() {
        resolvedSources = sources.map { Source.Resolved($0, settings: settings) }
        resolvedIndex = Dictionary(
            resolvedSources.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

/// How often a source publishes duplicates that are only near-identical, and what to do with them.
package enum NearDuplicatePolicy: String, Sendable, CaseIterable {
    case mark, drop, keep
}

package enum LogFormat: String, Sendable, CaseIterable {
    case logfmt, json
}

/// Where the shard map's members come from: `shard = K/N` (`static`), or the live instances registered in the
/// NATS server of `[output nats]` (`nats`).
package enum Membership: String, Sendable, CaseIterable {
    case `static`, nats
}

/// The `[feedd]` section. Durations are seconds. Defaults come from `ConfigKey.all`; a source's
/// effective values are `Source.Resolved`, never read from here directly.
package struct Settings: Sendable, Equatable {
    /// Absolute path of the store directory.
    package var store: String
    package var interval: Double
    package var userAgent: String
    package var logLevel: LogLevel
    package var logFormat: LogFormat
    package var maxConnections: Int
    package var maxPerHost: Int
    package var hostDelay: Double
    package var maxBytes: Int64
    package var timeout: Double
    package var connectTimeout: Double
    package var minInterval: Double
    package var maxInterval: Double
    package var maxBackoff: Double
    package var revalidate: Double
    package var summaryInterval: Double
    package var stopTimeout: Double
    package var retain: Double?
    /// Where `/metrics` and `/healthz` are served; nil: no listener.
    package var listen: ListenAddress?
    package var retainBytes: Int64?
    package var nearDuplicates: NearDuplicatePolicy
    package var stripParams: [String]
    package var iframeHosts: [String]
    /// nil: libcurl reads the proxy environment; "" (`proxy = none`): no proxy at all.
    package var proxy: String?
    /// `keep` and `block` lines, in file order; every source's filter starts with them.
    package var rules: [ArticleRule] = []
    /// This instance's share of the sources with `membership = static` (`1/1`: all of them).
    package var shard: ShardSpec = .all
    package var membership: Membership = .static
    /// The member ID with `membership = nats`; nil: the host name (`instanceName`).
    package var instance: String?
    /// Seconds an instance's key lives in the members bucket without a heartbeat (`membership = nats`).
    package var membershipTTL: Double = 15

    /// The member ID this instance registers under with `membership = nats`.
    package var instanceName: String { instance ?? InstanceName.hostDefault() }

    /// Every value at its default; `store` as given.
    package init(store: String) {
        self = Self.defaults
        self.store = store
    }

    /// The defaults of `ConfigKey.all`, applied through the same code as the values of feeds.conf.
    package static let defaults: Settings = {
        var settings = Settings(unset: ())
        for key in ConfigKey.all where key.sections.contains(.feedd) && key.name != "store" {
            guard case .value(let text) = key.defaultValue else { continue }
            if let problem = settings.apply(key.name, text, path: { $0 }) {
                preconditionFailure("ConfigKey.all: bad default for \(key.name): \(problem)")
            }
        }
        return settings
    }()

    /// Placeholders only, every one overwritten by `defaults` (or left absent: `retain`, `retainBytes`).
    private init(unset: Void) {
        store = ""
        interval = 0
        userAgent = ""
        logLevel = .info
        logFormat = .logfmt
        maxConnections = 0
        maxPerHost = 0
        hostDelay = 0
        maxBytes = 0
        timeout = 0
        connectTimeout = 0
        minInterval = 0
        maxInterval = 0
        maxBackoff = 0
        revalidate = 0
        summaryInterval = 0
        stopTimeout = 0
        retain = nil
        listen = nil
        retainBytes = nil
        nearDuplicates = .mark
        stripParams = []
        iframeHosts = []
    }
}

package enum SourceType: String, Sendable, CaseIterable {
    case auto, rss, atom, json, html
}

/// One `[source NAME]` section as written. Optional values are absent overrides; the effective values,
/// with `[feedd]` and the defaults filled in, are `Source.Resolved`.
package struct Source: Sendable, Equatable {
    package var name: String
    package var url: String
    package var type: SourceType
    package var interval: Double?
    package var userAgent: String?
    package var headers: [HTTPHeader] = []
    /// nil: `[feedd]`'s; "" (`proxy = none`): no proxy for this source, whatever `[feedd]` says.
    package var proxy: String?
    package var timeout: Double?
    package var maxBytes: Int64?
    package var caFile: String?
    package var insecure: Bool
    package var tags: [String] = []
    /// A display name (the feed's own title); the section name stays the identifier.
    package var title: String?
    package var links: String?
    package var maxArticles: Int
    package var content: String?
    package var exclude: String?
    package var fullText: Bool
    package var obeyRobots: Bool
    package var allowPrivate: Bool?
    package var nearDuplicates: NearDuplicatePolicy?
    package var stripParams: [String] = []
    /// `username` and the first line of `password_file`, read when the file is loaded.
    package var credentials: HTTPCredentials?
    /// `keep` and `block` lines, in file order; they add to `[feedd]`'s.
    package var rules: [ArticleRule] = []
    /// The line of the `[source …]` header, for messages.
    package var line: Int = 0

    /// A section with only a name and url: every other value at its default.
    package init(name: String, url: String) {
        self = Self.defaults
        self.name = name
        self.url = url
    }

    /// The source-only defaults of `ConfigKey.all`, applied through the parser's own code.
    private static let defaults: Source = {
        var source = Source(unset: ())
        for key in ConfigKey.all where key.sections == [.source] {
            guard case .value(let text) = key.defaultValue else { continue }
            if let problem = source.apply(key.name, text, path: { $0 }) {
                preconditionFailure("ConfigKey.all: bad default for \(key.name): \(problem)")
            }
        }
        return source
    }()

    /// Placeholders only, every one overwritten by `defaults`.
    private init(unset: Void) {
        name = ""
        url = ""
        type = .auto
        insecure = false
        maxArticles = 0
        fullText = false
        obeyRobots = true
    }
}

package struct HTTPHeader: Sendable, Equatable, Hashable {
    package var name: String
    package var value: String
    package init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

package enum FeeddVersion {
    package static let string = "0.1.0"
}
