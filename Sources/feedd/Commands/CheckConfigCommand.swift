import FeeddCore
import FeeddSystem

/// `feedd check-config`: validate feeds.conf without running anything.
enum CheckConfigCommand: Command {
    static let name = "check-config"
    static let summary = "validate feeds.conf and report every error with its line"
    static let help = """
        usage: feedd check-config [--config PATH] [--shard K/N]

        Reads feeds.conf and prints "ok: N sources", or every problem as PATH:LINE: message.
        Default config: ./feeds.conf if present, else /etc/feedd/feeds.conf.
        With --shard K/N (or shard = K/N in feeds.conf), also prints what that instance owns: how many
        sources and hosts (registrable domains), then each owned host with its sources.

        exit codes: 0 valid, 2 invalid or missing, 64 usage error
        """

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let path = try ConfigLocation.path(&arguments)
        let shard = try ShardOption.parse(&arguments)
        try arguments.finish()
        do {
            var config = try ConfigParser.load(path: path)
            print("ok: \(config.sources.count) source\(config.sources.count == 1 ? "" : "s")")
            ShardOption.apply(shard, to: &config)
            guard let ownership = ShardOption.ownership(config) else {
                print(ShardOption.liveLine(config))
                return ExitCode.success
            }
            if !ownership.ownsAll { printOwned(ownership, config) }
            return ExitCode.success
        } catch {
            Output.error(error.description)
            return ExitCode.invalidInput
        }
    }

    /// The counts, then `  HOST: source, source` for each owned host in name order.
    static func printOwned(_ ownership: SourceOwnership, _ config: Config) {
        let summary = ownership.summary(of: config.sources)
        print(ShardOption.line(ownership, summary))
        let byHost = Dictionary(grouping: summary.ownedSources, by: SourceOwnership.domain(of:))
        for host in summary.ownedHosts {
            print("  \(host): \((byHost[host] ?? []).map(\.name).joined(separator: ", "))")
        }
    }
}
