import FeeddCore
import Foundation

/// The command-line entry: picks the subcommand and maps errors to exit codes.
/// Nonisolated on purpose: Dispatch handlers made here may run on any queue.
enum FeeddCLI {
    /// Every subcommand, in the order `feedd --help` lists them.
    static let commands: [any Command.Type] = [
        RunCommand.self,
        CheckConfigCommand.self,
        ReadCommand.self,
        StatusCommand.self,
        VerifyCommand.self,
        StatsCommand.self,
        ImportCommand.self,
        ParseCommand.self,
        ExtractCommand.self,
        DiscoverCommand.self,
        ImportOPMLCommand.self,
        ExportOPMLCommand.self,
    ]

    static func printUsage() {
        var text = "usage: feedd <command> [options]\n\nfeedd \(FeeddVersion.string): a feed ingestion daemon.\n\ncommands:\n"
        for command in commands where !command.name.hasPrefix("_") {
            text += "  " + command.name.padding(toLength: 14, withPad: " ", startingAt: 0) + command.summary + "\n"
        }
        text += "\nRun 'feedd <command> --help' for a command's options.\n"
        print(text, terminator: "")
    }

    static func main() -> Int32 {
        var argv = Array(CommandLine.arguments.dropFirst())
        guard let name = argv.first else {
            printUsage()
            return ExitCode.usage
        }
        argv.removeFirst()
        if name == "--help" || name == "-h" || name == "help" {
            printUsage()
            return ExitCode.success
        }
        if name == "--version" {
            print("feedd \(FeeddVersion.string)")
            return ExitCode.success
        }
        guard let command = commands.first(where: { $0.name == name }) else {
            Output.error("feedd: unknown command \"\(name)\" (run 'feedd --help' for the list)")
            return ExitCode.usage
        }
        if argv.contains("--help") || argv.contains("-h") {
            print(command.help)
            return ExitCode.success
        }
        var arguments = Arguments(command: name, argv)
        do {
            return try command.run(&arguments)
        } catch let error as UsageError {
            Output.error("feedd \(error.command): \(error.message) (see 'feedd \(error.command) --help')")
            return ExitCode.usage
        } catch let error as ConfigError {
            Output.error(error.description)
            return ExitCode.invalidInput
        } catch {
            Output.error("feedd \(name): \(error)")
            return ExitCode.failure
        }
    }


}
