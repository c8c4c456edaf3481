import FeeddCore

/// The one answer to "does this instance poll this source?": a source belongs to the owner of its url's host
/// (the configured url, never a discovered or redirected one, so that every instance decides alike from the
/// same feeds.conf). The daemon schedules only the sources `owned(in:)` keeps; `check-config --shard` and
/// `status` show the same split.
package struct SourceOwnership: Sendable, Equatable {
    package let map: ShardMap
    /// This instance's member ID in `map`.
    package let member: String
    /// The static shard this is, nil for a map of live members.
    package let spec: ShardSpec?

    /// A map of live members (`membership = nats`), this instance being `member`.
    package init(map: ShardMap, member: String) {
        self.map = map
        self.member = member
        self.spec = nil
    }

    /// `shard = K/N`: member K of "1" … "N".
    package init(static spec: ShardSpec) {
        self.map = ShardMap(static: spec)
        self.member = spec.member
        self.spec = spec
    }

    /// For logs and the CLI: `K/N`, or `nats` for live membership.
    package var label: String { spec?.description ?? "nats" }

    /// Owns every source whatever they are: the static `1/1`.
    package var ownsAll: Bool { spec == .all }

    /// Owns every source.
    package static let all = SourceOwnership(static: .all)

    /// The registrable domain a source is sharded by: its url's host's, or its url itself when that has no
    /// host (the parser refuses such urls; the fallback keeps the answer defined).
    package static func domain(of source: Source) -> String {
        RegistrableDomain.of(host: URLOrigin(source.url)?.host ?? source.url)
    }

    package func owns(_ source: Source) -> Bool {
        map.owner(ofDomain: Self.domain(of: source)) == member
    }

    /// `config` with only the sources this instance owns (settings unchanged, order kept).
    package func owned(in config: Config) -> Config {
        var owned = config
        owned.sources = config.sources.filter(owns)
        return owned
    }

    /// The split of `sources` between this instance and the others, for logs, metrics and the CLI.
    package func summary(of sources: [Source]) -> Summary {
        var summary = Summary()
        var hosts: Set<String> = []
        var ownedHosts: Set<String> = []
        for source in sources {
            let domain = Self.domain(of: source)
            hosts.insert(domain)
            if map.owner(ofDomain: domain) == member {
                summary.ownedSources.append(source)
                ownedHosts.insert(domain)
            }
        }
        summary.totalSources = sources.count
        summary.totalHosts = hosts.count
        summary.ownedHosts = ownedHosts.sorted()
        return summary
    }

    package struct Summary: Sendable, Equatable {
        package var ownedSources: [Source] = []
        /// Registrable domains, sorted.
        package var ownedHosts: [String] = []
        package var totalSources = 0
        package var totalHosts = 0
    }
}
