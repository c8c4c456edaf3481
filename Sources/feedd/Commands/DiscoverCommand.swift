import FeeddContent
import FeeddCore
import FeeddHTTP
import Foundation

/// `feedd discover URL`: the feeds a web page offers, each checked by fetching it, as the daemon's discovery
/// would try them for a `type = auto` source.
enum DiscoverCommand: Command {
    static let name = "discover"
    static let summary = "list the feeds a web page offers (what a source's url could be)"
    static let help = """
        usage: feedd discover URL

        Fetches URL. When it is a feed, says so. Otherwise lists the feeds the page advertises
        (<link rel="alternate"> for RSS, Atom and JSON Feed) and those at paths sites commonly use
        (/feed, /rss.xml, /atom.xml, /index.xml, /feed.json, …), each fetched and parsed, one per line:
            URL<TAB>FORMAT<TAB>ITEMS<TAB>TITLE
        in the order a `type = auto` source tries them; the first line is what it would poll.

        exit codes: 0 at least one feed found, 1 none, 64 usage error
        """

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        guard let url = arguments.positional() else { throw UsageError(command: name, "name the page's URL") }
        try arguments.finish()
        let settings = (try? ConfigParser.load(path: ConfigLocation.defaultPath()))?.settings
        let page: FetchResponse
        do {
            page = try FetchOnce.get(url, settings: settings)
        } catch {
            Output.error("feedd discover: \(error)")
            return ExitCode.failure
        }
        if let feed = try? FeedParser.parse(page.body, options: ParseOptions(url: page.effectiveURL, contentType: page.contentType)) {
            print(line(page.effectiveURL, feed))
            Output.error("feedd discover: \(url) is a feed already")
            return ExitCode.success
        }
        var found = 0
        for candidate in FeedDiscovery.candidates(page.body, pageURL: page.effectiveURL, contentType: page.contentType) {
            guard let response = try? FetchOnce.get(candidate.url, settings: settings),
                let feed = try? FeedParser.parse(
                    response.body, options: ParseOptions(url: response.effectiveURL, contentType: response.contentType))
            else { continue }
            print(line(candidate.url, feed, title: candidate.title))
            found += 1
        }
        if found == 0 {
            Output.error("feedd discover: \(page.effectiveURL) offers no feed, and none answers at the common paths")
            return ExitCode.failure
        }
        return ExitCode.success
    }

    private static func line(_ url: String, _ feed: ParsedFeed, title: String? = nil) -> String {
        let name = (title ?? feed.title ?? "").replacingOccurrences(of: "\t", with: " ")
        return "\(url)\t\(feed.format.rawValue)\t\(feed.items.count)\t\(name)"
    }
}
