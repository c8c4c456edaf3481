import FeeddContent
import FeeddCore
import FeeddDaemon
import FeeddStore
import Foundation

/// `feedd import`: append articles from JSON Lines through the daemon's normalize, dedupe and journal path.
enum ImportCommand: Command {
    static let name = "import"
    static let summary = "append articles from JSON Lines (a migration, or a pipeline pushing items in)"
    static let help = """
        usage: feedd import [--config PATH | --store DIR] [--source NAME] [--ack] FILE|-

        Reads one JSON object per line: "url" (required), "title", "published", "author",
        "content" (HTML) or "body" (HTML) or "text" (plain), and an optional "id" kept as the
        stored article's id. Each goes through the same normalization and dedupe as polled items.

        options:
          --source NAME  the source name recorded in each article (default: import)
          --ack          print "ACK <id>" on stdout for each record once it is durable (flushed per
                         batch, never before the sync); a record dedupe drops is acknowledged too,
                         since it is stored already

        Invalid lines are reported on stderr with their line number and skipped; the valid ones are
        stored, and the exit code is then 65 so a pipeline notices the loss.
        The store must not be in use by a running feedd (exit 3 if it is).

        exit codes: 0 every line stored (or already present), 1 store failure, 3 store locked,
                    64 usage error, 65 done but some lines were skipped
        """

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let ack = arguments.flag("ack")
        let sourceName = try arguments.option("source") ?? "import"
        let storeOption = try arguments.option("store")
        let configOption = try arguments.option("config")
        guard let input = arguments.positional() else { throw UsageError(command: name, "name a FILE, or - for stdin") }
        try arguments.finish()
        guard ConfigParser.isValidName(sourceName) else {
            throw UsageError(command: name, "--source must be made of a-z, 0-9, '.', '_' and '-'")
        }
        var settings: Settings
        if let storeOption {
            settings = Settings(store: storeOption)
        } else {
            var configArguments = Arguments(command: name, configOption.map { ["--config", $0] } ?? [])
            settings = try ConfigLocation.load(&configArguments).settings
        }
        guard let handle = input == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: input) else {
            Output.error("feedd import: cannot open \(input)")
            return ExitCode.invalidInput
        }
        let logger = Logger(sink: .standardError(level: .notice))
        let importer: Importer
        do {
            importer = try Importer(settings: settings, sourceName: sourceName, logger: logger)
        } catch let error as StoreError {
            Output.error("feedd import: \(error)")
            return error.code == .locked ? ExitCode.storeLocked : ExitCode.failure
        }
        defer { importer.close() }
        let progress = TerminalProgress(label: "import")
        var batch = Importer.Batch()
        var lineNumber = 0
        var skipped = 0
        do {
            for line in LineReader(handle: handle) {
                lineNumber += 1
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                switch importer.prepare(line) {
                case .success(let prepared): batch.add(prepared)
                case .failure(let message):
                    skipped += 1
                    Output.error("\(input):\(lineNumber): \(message); line skipped")
                }
                if batch.count >= 256 {
                    try importer.commit(&batch, ack: ack)
                    progress.update("\(lineNumber) lines")
                }
            }
            try importer.commit(&batch, ack: ack)
        } catch {
            Output.error("feedd import: stopped at line \(lineNumber): \(error); records acknowledged so far are stored")
            return ExitCode.failure
        }
        progress.finish()
        Output.error(
            "feedd import: \(importer.stored) stored, \(importer.duplicates) already present, \(skipped) skipped, \(lineNumber) lines read")
        return skipped > 0 ? ExitCode.skippedInput : ExitCode.success
    }
}
