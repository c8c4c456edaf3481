extension ConfigParser {
    /// Whether `membership` fits the rest of feeds.conf; nil when it does, else the message for its line.
    /// `membership = nats` registers this instance in the NATS server that `[output nats]` names, so it needs
    /// that section (`natsOutput`); `shard = K/N` is the static way and has no meaning beside it.
    static func membershipIssue(_ settings: Settings, natsOutput: Bool, shardSet: Bool) -> String? {
        guard settings.membership == .nats else { return nil }
        if !natsOutput {
            return "membership = nats needs an [output nats] section: its server holds the members bucket the instances share"
        }
        if shardSet {
            return "shard applies to membership = static; with membership = nats the live instances share the sources (remove shard)"
        }
        return nil
    }
}
