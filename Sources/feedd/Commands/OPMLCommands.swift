import FeeddContent
import FeeddCore
import FeeddStore
import FeeddSystem
import Foundation

/// `feedd import-opml`: feeds.conf sections for the subscriptions of an OPML file.
enum ImportOPMLCommand: Command {
    static let name = "import-opml"
    static let summary = "print feeds.conf sections for an OPML file's subscriptions (or --append them)"
    static let help = """
        usage: feedd import-opml [--config PATH] [--append] FILE|-

        Prints a [source NAME] section for every outline with an xmlUrl: names are the titles in
        ASCII ("Café Müller" → cafe-muller; the host when nothing readable is left), made unique;
        the title itself is kept as title; folders and category entries become tags; URLs
        already configured are left out.
        --append adds the sections to the end of feeds.conf instead, keeping everything already
        in it (comments too): the new file is checked first and replaces the old one atomically.
        Then reload a running daemon: systemctl reload feedd (or kill -HUP).

        exit codes: 0 ok, 2 not an OPML file or invalid feeds.conf, 64 usage error
        """

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let append = arguments.flag("append")
        let configPath = try ConfigLocation.path(&arguments)
        guard let input = arguments.positional() else { throw UsageError(command: name, "name an OPML FILE, or - for stdin") }
        try arguments.finish()
        let data = input == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: input)
        guard let data else {
            Output.error("feedd import-opml: cannot read \(input)")
            return ExitCode.invalidInput
        }
        let document: OPMLDocument
        do {
            document = try OPMLDocument.parse(Array(data))
        } catch {
            Output.error("feedd import-opml: \(input): \(error)")
            return ExitCode.invalidInput
        }
        var config: Config? = nil
        if append || FileManager.default.fileExists(atPath: configPath) {
            config = try ConfigParser.load(path: configPath)
        }
        let result = document.configSections(
            taken: Set(config?.sources.map(\.name) ?? []), existingURLs: Set(config?.sources.map(\.url) ?? []))
        for note in result.skipped { Output.error("feedd import-opml: skipped \(note)") }
        guard append else {
            print(result.text, terminator: "")
            return ExitCode.success
        }
        guard result.added > 0 else {
            Output.error("feedd import-opml: nothing to add to \(configPath)")
            return ExitCode.success
        }
        var original = String(decoding: FileManager.default.contents(atPath: configPath) ?? Data(), as: UTF8.self)
        if !original.isEmpty, !original.hasSuffix("\n") { original += "\n" }
        let updated = original + "\n# imported from \(input) on \(RFC3339.format(Date()))" + result.text
        do {
            _ = try ConfigParser(path: configPath).parse(updated)
        } catch {
            Output.error("feedd import-opml: the result would not be valid, \(configPath) is unchanged:\n\(error)")
            return ExitCode.invalidInput
        }
        try FileSystem.writeAtomically(Array(updated.utf8), to: configPath)
        Output.error("feedd import-opml: added \(result.added) sources to \(configPath); reload the daemon to use them")
        return ExitCode.success
    }
}

/// `feedd export-opml`: the configured sources as OPML 2.0.
enum ExportOPMLCommand: Command {
    static let name = "export-opml"
    static let summary = "print the configured sources as OPML 2.0"
    static let help = """
        usage: feedd export-opml [--config PATH]

        Prints every feed source of feeds.conf as an OPML 2.0 outline (title, else the section name,
        as text and title; tags as category), which import-opml reads back the same;
        HTML sources have no feed URL and are left out.

        exit codes: 0 ok, 2 invalid feeds.conf, 64 usage error
        """

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let config = try ConfigLocation.load(&arguments)
        try arguments.finish()
        print(OPMLDocument.export(config, now: RFC3339.format(Date())), terminator: "")
        return ExitCode.success
    }
}
