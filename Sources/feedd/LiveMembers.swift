import FeeddCore
import FeeddOutput
import FeeddSystem

/// With `membership = nats`, what this instance owns now: the members registered in `<bucket_prefix>-members`
/// (the running instances), read once, as `feedd status` shows them. Read-only: it neither registers nor
/// heartbeats, so asking never moves a source.
enum LiveMembers {
    struct Reading {
        /// The registered members, sorted.
        var registered: [String]
        /// Whether this instance is among them (a running daemon); if not, the ownership is what it would
        /// own on joining.
        var isRegistered: Bool
        var ownership: SourceOwnership
    }

    static func read(_ config: Config) throws(OutputError) -> Reading {
        guard let settings = config.natsOutput else {
            throw .invalidOptions("membership = nats needs an [output nats] section in \(config.path)")
        }
        let logger = Logger(sink: .standardError(level: .error))
        var options = NATSOptions(settings: settings, name: "feedd-status")
        options.connectTimeout = 3
        let connection = try NATSConnection(options: options, logger: logger)
        defer { connection.close() }
        let bucket = try KeyValueBucket.open(
            connection: connection, prefix: settings.bucketPrefix, role: "members", ttl: config.settings.membershipTTL,
            logger: logger)
        let registered = try bucket.keys().compactMap(KeyEncoding.decode).sorted()
        let instance = config.settings.instanceName
        let isRegistered = registered.contains(instance)
        let members = isRegistered ? registered : (registered + [instance]).sorted()
        return Reading(
            registered: registered, isRegistered: isRegistered,
            ownership: SourceOwnership(map: ShardMap(members: members), member: instance))
    }

    /// `shard: membership = nats, instance NAME (registered): 3 live members (a, b, c); S of T sources, H of U hosts`,
    /// or why the members could not be read.
    static func line(_ config: Config, _ result: Result<Reading, OutputError>) -> String {
        let head = "shard: membership = nats, instance \(config.settings.instanceName)"
        switch result {
        case .success(let reading):
            let summary = reading.ownership.summary(of: config.sources)
            let count = reading.registered.count
            return head + (reading.isRegistered ? " (registered)" : " (not registered: the share it would take on joining)")
                + ": \(count) live member\(count == 1 ? "" : "s")"
                + (count == 0 ? "" : " (\(reading.registered.joined(separator: ", ")))")
                + "; \(summary.ownedSources.count) of \(summary.totalSources) sources, "
                + "\(summary.ownedHosts.count) of \(summary.totalHosts) hosts (registrable domains)"
        case .failure(let error):
            return head + ": the live members could not be read (\(error)); the running instances share the sources"
        }
    }
}
