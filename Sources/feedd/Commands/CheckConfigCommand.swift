import FeeddCore

/// `feedd check-config`: validate feeds.conf without running anything.
enum CheckConfigCommand: Command {
    static let name = "check-config"
    static let summary = "validate feeds.conf and report every error with its line"
    static let help = """
        usage: feedd check-config [--config PATH]

        Reads feeds.conf and prints "ok: N sources", or every problem as PATH:LINE: message.
        Default config: ./feeds.conf if present, else /etc/feedd/feeds.conf.

        exit codes: 0 valid, 2 invalid or missing, 64 usage error
        """

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let path = try ConfigLocation.path(&arguments)
        try arguments.finish()
        do {
            let config = try ConfigParser.load(path: path)
            print("ok: \(config.sources.count) source\(config.sources.count == 1 ? "" : "s")")
            return ExitCode.success
        } catch {
            Output.error(error.description)
            return ExitCode.invalidInput
        }
    }
}
