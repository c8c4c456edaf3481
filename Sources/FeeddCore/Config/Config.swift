import Foundation

/// A validated feeds.conf: the `[feedd]` settings and the sources, in file order.
package struct Config: Sendable, Equatable {
    /// The file it was read from, as given (used in messages).
    package var path: String
    package var settings: Settings
    package var sources: [Source]

    package init(path: String, settings: Settings, sources: [Source]) {
        self.path = path
        self.settings = settings
        self.sources = sources
    }

    package func source(named name: String) -> Source? { sources.first { $0.name == name } }
}

/// How often a source publishes duplicates that are only near-identical, and what to do with them.
package enum NearDuplicatePolicy: String, Sendable, CaseIterable {
    case mark, drop, keep
}

package enum LogFormat: String, Sendable, CaseIterable {
    case logfmt, json
}

/// The `[feedd]` section. Durations are seconds.
package struct Settings: Sendable, Equatable {
    /// Absolute path of the store directory.
    package var store: String
    package var interval: Double = 15 * 60
    package var userAgent: String = "feedd/\(FeeddVersion.string) (+https://github.com/feedd/feedd)"
    package var logLevel: LogLevel = .info
    package var logFormat: LogFormat = .logfmt
    package var maxConnections: Int = 32
    package var maxPerHost: Int = 2
    package var hostDelay: Double = 1
    package var maxBytes: Int64 = 16 << 20
    package var timeout: Double = 60
    package var connectTimeout: Double = 15
    package var minInterval: Double = 5 * 60
    package var maxInterval: Double = 24 * 3600
    package var maxBackoff: Double = 24 * 3600
    package var revalidate: Double = 12 * 3600
    package var summaryInterval: Double = 10 * 60
    package var stopTimeout: Double = 10
    package var retain: Double? = nil
    package var retainBytes: Int64? = nil
    package var nearDuplicates: NearDuplicatePolicy = .mark
    package var stripParams: [String] = []
    package var iframeHosts: [String] = ["www.youtube.com", "www.youtube-nocookie.com", "player.vimeo.com"]

    package init(store: String) { self.store = store }
}

package enum SourceType: String, Sendable, CaseIterable {
    case auto, rss, atom, json, html
}

/// One `[source NAME]` section. Optional values fall back to `Settings`.
package struct Source: Sendable, Equatable {
    package var name: String
    package var url: String
    package var type: SourceType = .auto
    package var interval: Double?
    package var userAgent: String?
    package var headers: [HTTPHeader] = []
    package var proxy: String?
    package var timeout: Double?
    package var maxBytes: Int64?
    package var caFile: String?
    package var insecure: Bool = false
    package var tags: [String] = []
    package var links: String?
    package var maxArticles: Int = 30
    package var content: String?
    package var exclude: String?
    package var fullText: Bool = false
    package var obeyRobots: Bool = true
    package var allowPrivate: Bool?
    package var nearDuplicates: NearDuplicatePolicy?
    package var stripParams: [String] = []
    /// The line of the `[source …]` header, for messages.
    package var line: Int = 0

    package init(name: String, url: String) {
        self.name = name
        self.url = url
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
