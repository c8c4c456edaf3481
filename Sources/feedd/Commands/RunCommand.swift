import FeeddCore
import FeeddDaemon
import FeeddStore
import FeeddSystem
import Foundation

/// `feedd run`: the daemon.
enum RunCommand: Command {
    static let name = "run"
    static let summary = "run the daemon: poll every source on its interval and store new articles"
    static let help = """
        usage: feedd run [--config PATH] [--once] [--log-level LEVEL] [--listen HOST:PORT] [--shard K/N]

        Polls every source of feeds.conf on its interval and appends new articles to the store.
        Logs one line per poll to stderr (with journald priority prefixes under systemd).
        SIGHUP reloads feeds.conf, SIGUSR1 toggles debug logging, SIGTERM/SIGINT stop cleanly.

        options:
          --config PATH      feeds.conf to use (default ./feeds.conf, else /etc/feedd/feeds.conf)
          --once             poll every source once, store the results, and exit
          --log-level LEVEL  debug, info, notice, warning or error (overrides log_level)
          --listen HOST:PORT serve GET /metrics and /healthz there (overrides listen)
          --shard K/N        poll only the sources whose host falls to the K-th of N instances
                             (overrides shard and membership)

        exit codes: 0 stopped cleanly, 1 runtime failure (with --once: an append to the store
                    failed, so some fetched articles are not stored), 2 invalid feeds.conf,
                    3 the store is locked by another feedd, 64 usage error
        """

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let path = try ConfigLocation.path(&arguments)
        let once = arguments.flag("once")
        let levelName = try arguments.option("log-level")
        let listenText = try arguments.option("listen")
        let shard = try ShardOption.parse(&arguments)
        try arguments.finish()
        // Opening a large store takes seconds before the signal handlers exist, and a SIGHUP in that window would
        // end the process (its default action): ignore it until then (systemd sends none before READY=1).
        if !once { signal(SIGHUP, SIG_IGN) }
        var level: LogLevel? = nil
        if let levelName {
            guard let parsed = LogLevel(name: levelName) else {
                throw UsageError(command: name, "--log-level must be debug, info, notice, warning or error")
            }
            level = parsed
        }
        var listen: ListenAddress? = nil
        if let listenText {
            guard let address = ListenAddress(parsing: listenText) else {
                throw UsageError(command: name, "--listen must be HOST:PORT with a port from 1 to 65535")
            }
            listen = address
        }
        let config: Config
        do {
            config = try ConfigParser.load(path: path)
        } catch {
            Output.error(error.description)
            if !error.isMissingFile {
                Output.error("feedd run: \(path) is invalid; fix the lines above (feedd check-config shows them again)")
            }
            return ExitCode.invalidInput
        }
        var effective = config
        if let level { effective.settings.logLevel = level }
        if let listen { effective.settings.listen = listen }
        ShardOption.apply(shard, to: &effective)
        let logger = Logger(sink: .standardError(level: effective.settings.logLevel, format: effective.settings.logFormat))
        let daemon: Daemon
        do {
            var options = DaemonOptions(once: once)
            options.listenFromCommandLine = listen != nil
            options.shardFromCommandLine = shard
            daemon = try Daemon(config: effective, logger: logger, options: options)
        } catch let error as StoreError {
            logger.error("store_unavailable", ["store": effective.settings.store, "error": error.description])
            return error.code == .locked ? ExitCode.storeLocked : ExitCode.failure
        }
        if let address = effective.settings.listen {
            do {
                try daemon.startListener(at: address)
            } catch {
                logger.error("listen_failed", ["address": address.description, "error": error.description])
                return ExitCode.failure
            }
        }
        return daemon.run()
    }
}
