import FeeddContent
import FeeddCore
import Foundation
import TestSupport

/// The fuzz targets: each takes arbitrary bytes, calls one of feedd's input-facing entry points, and traps
/// when a property that must hold for every input does not. Errors thrown for bad input are fine.
enum FuzzTarget: String, CaseIterable {
    case feed
    case tokens
    case extract
    case links
    case sanitize
    case config
    case date
    case url
    case opml
    case journal
    case record

    var summary: String {
        switch self {
        case .feed: return "FeedParser.parse on the bytes (RSS, Atom, RDF, JSON Feed), then its JSON"
        case .tokens: return "the bytes as a feed read by feedd's tokenizer and by libxml2: the same events"
        case .extract: return "ArticleExtractor.extract on the bytes as an HTML page"
        case .links: return "LinkDiscovery.articleLinks on the bytes as a listing page, with and without a selector"
        case .sanitize: return "Sanitizer.sanitize; no script, style, event handler or javascript: URL survives"
        case .config: return "ConfigParser.parse on the bytes as feeds.conf"
        case .date: return "DateParser.parse; a parsed date survives RFC 3339 formatting and parsing"
        case .url: return "URLCanonicalizer.canonicalize (idempotent) and resolve against a fuzzed base"
        case .opml: return "OPMLDocument.parse"
        case .journal: return "Journal.open on a valid segment with the bytes as its tail; records kept, verify clean"
        case .record: return "Article(identityFieldsOf:) on the bytes as a journal line; agrees with JSONSerialization"
        }
    }

    func run(_ bytes: [UInt8]) {
        switch self {
        case .feed: Self.feed(bytes)
        case .tokens: Self.tokens(bytes)
        case .extract: Self.extract(bytes)
        case .links: Self.links(bytes)
        case .sanitize: Self.sanitize(bytes)
        case .config: Self.config(bytes)
        case .date: Self.check(FuzzProperties.date(String(decoding: bytes, as: UTF8.self)))
        case .url: Self.check(FuzzProperties.url(String(decoding: bytes, as: UTF8.self)))
        case .opml: _ = try? OPMLDocument.parse(bytes)
        case .journal: JournalFuzz.run(tail: bytes)
        case .record: Self.check(FuzzProperties.record(bytes))
        }
    }

    func writeSeeds(to directory: String) {
        if self == .journal { JournalFuzz.writeSeeds(to: directory) }
    }

    private static func feed(_ bytes: [UInt8]) {
        let options = ParseOptions(url: "https://example.com/feed/", contentType: nil)
        guard let feed = try? FeedParser.parse(bytes, options: options) else { return }
        _ = feed.jsonObject
    }

    /// feedd's own tokenizer reports what libxml2 reports, or leaves the document to it; so does it on the
    /// repair pass's bytes.
    private static func tokens(_ bytes: [UInt8]) {
        let libxml2 = XMLEventLog.record(bytes, readers: .libxml2Only)
        for readers in [XMLReaders.any, .repairedOrLibxml2]
        where !XMLEventLog.record(bytes, readers: readers).sameOutput(as: libxml2) {
            fatalError("feedd's tokenizer (\(readers)) and libxml2 report different events")
        }
    }

    private static func extract(_ bytes: [UInt8]) {
        let options = ExtractOptions(url: "https://example.com/news/2026/11/some-story")
        _ = try? ArticleExtractor.extract(bytes, options: options)
    }

    /// The first line, when it starts with `@`, is a CSS selector for the links (the selector engine is fuzzed
    /// too); the rest is the page.
    private static func links(_ bytes: [UInt8]) {
        var page = bytes[...]
        var selector: String?
        if bytes.first == UInt8(ascii: "@") {
            let end = bytes.firstIndex(of: 0x0A) ?? bytes.endIndex
            selector = String(decoding: bytes[1..<end], as: UTF8.self)
            page = bytes[min(end + 1, bytes.endIndex)...]
        }
        _ = try? LinkDiscovery.articleLinks(
            Array(page), pageURL: "https://example.com/news/", contentType: nil, selector: selector)
    }

    private static func sanitize(_ bytes: [UInt8]) {
        let sanitizer = Sanitizer(baseURL: "https://example.com/a/b", iframeHosts: Settings.defaults.iframeHosts)
        let output = sanitizer.sanitize(String(decoding: bytes, as: UTF8.self))
        if let problem = SanitizedCheck.problem(in: output) {
            fatalError("sanitizer output \(problem): \(output.debugDescription)")
        }
    }

    private static func check(_ problem: String?) {
        if let problem { fatalError(problem) }
    }

    private static func config(_ bytes: [UInt8]) {
        _ = try? ConfigParser(path: "feeds.conf").parse(String(decoding: bytes, as: UTF8.self))
    }
}
