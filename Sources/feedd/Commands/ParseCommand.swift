import FeeddContent
import FeeddCore
import Foundation

/// `feedd parse`: parse one feed file and print what feedd reads from it, as one JSON object.
enum ParseCommand: Command {
    static let name = "parse"
    static let summary = "parse a feed file (RSS, Atom, RDF, JSON Feed) and print it as JSON"
    static let help = """
        usage: feedd parse [--url URL] [--content-type TYPE] FILE|-

        Parses FILE (or standard input for -) as a feed and prints one JSON object:
        {"format", "title", "link", "description", "language", "items": [{"id", "url", "title", "author",
        "published", "updated", "summary", "content", "categories", "enclosures": [{"url", "type", "length"}]}]}

          --url URL            the feed's URL, for resolving relative links
          --content-type TYPE  the HTTP Content-Type it was served with (its charset is used)

        exit codes: 0 parsed, 2 not a feed (reason on stderr), 1 unreadable file, 64 usage error
        """

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let url = try arguments.option("url")
        let contentType = try arguments.option("content-type")
        guard let path = arguments.positional() else { throw UsageError(command: name, "missing FILE (or - for stdin)") }
        try arguments.finish()
        let bytes: [UInt8]
        if path == "-" {
            bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
        } else {
            guard let data = FileManager.default.contents(atPath: path) else {
                Output.error("feedd parse: cannot read \(path)")
                return ExitCode.failure
            }
            bytes = Array(data)
        }
        do {
            let feed = try FeedParser.parse(bytes, options: ParseOptions(url: url, contentType: contentType))
            print(feed.jsonObject)
            return ExitCode.success
        } catch {
            Output.error("feedd parse: \(path == "-" ? "stdin" : path): \(error.message) (\(error.code))")
            return ExitCode.invalidInput
        }
    }
}
