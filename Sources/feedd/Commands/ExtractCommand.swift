import FeeddContent
import FeeddCore
import Foundation

/// `feedd extract`: run the article extractor on one saved page and print what it found as JSON.
enum ExtractCommand: Command {
    static let name = "extract"
    static let summary = "extract the article (text, HTML, metadata) from an HTML page"
    static let help = """
        usage: feedd extract [--url URL] [--content-type TYPE] [--content-selector CSS] [--exclude-selector CSS] FILE|-|URL

        Reads an HTML page from FILE, standard input (-), or fetches it from an http(s) URL, and prints
        one JSON object: {"url","canonical_url","title","author","published","language","image","text","html"}
        with "html" sanitized exactly as the daemon stores it. Logs go to stderr only.
        --url gives the page's address, for resolving links and dates in the path.
        --content-type gives the HTTP Content-Type, for its charset.
        --content-selector takes the body from exactly that element; --exclude-selector removes elements first.

        exit codes: 0 extracted, 1 the file could not be read, 2 not an HTML page or a bad selector, 64 usage error
        """

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let url = try arguments.option("url")
        let contentType = try arguments.option("content-type")
        let contentSelector = try arguments.option("content-selector")
        let excludeSelector = try arguments.option("exclude-selector")
        guard let input = arguments.positional() else {
            throw UsageError(command: name, "needs a FILE (or - for standard input)")
        }
        try arguments.finish()
        var options = ExtractOptions(
            url: url, contentType: contentType, contentSelector: contentSelector, excludeSelector: excludeSelector)

        let bytes: [UInt8]
        if input.hasPrefix("http://") || input.hasPrefix("https://") {
            let settings = (try? ConfigParser.load(path: ConfigLocation.defaultPath()))?.settings
            do {
                let response = try FetchOnce.get(input, settings: settings)
                bytes = response.body
                options.url = options.url ?? response.effectiveURL
                options.contentType = options.contentType ?? response.contentType
            } catch {
                Output.error("feedd extract: \(error)")
                return ExitCode.failure
            }
        } else if input == "-" {
            bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
        } else {
            guard let data = FileManager.default.contents(atPath: input) else {
                Output.error("feedd extract: cannot read \(input)")
                return ExitCode.failure
            }
            bytes = Array(data)
        }
        do {
            var article = try ArticleExtractor.extract(bytes, options: options)
            let base = article.canonicalURL ?? article.url ?? options.url
            article.html = Sanitizer(baseURL: base, iframeHosts: Settings.defaults.iframeHosts).sanitize(article.html)
            print(article.jsonObject)
            return ExitCode.success
        } catch {
            Output.error("feedd extract: \(error)")
            return ExitCode.invalidInput
        }
    }
}
