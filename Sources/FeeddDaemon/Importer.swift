import FeeddContent
import FeeddCore
import FeeddStore
import Foundation

/// `feedd import`'s pipeline: JSON Lines records through the daemon's normalize → dedupe → journal
/// path, acknowledged only after the journal's sync.
package final class Importer {
    package let dedupe = DedupeIndex()
    private let journal: Journal
    private let normalizer: ArticleNormalizer
    private let iframeHosts: [String]
    package private(set) var stored = 0
    package private(set) var duplicates = 0

    package struct LineError: Error, CustomStringConvertible {
        package var message: String
        package var description: String { message }
    }

    /// Articles to append, and every id to acknowledge once they are durable, in input order.
    package struct Batch {
        package var articles: [Article] = []
        package var acknowledgements: [String] = []
        package var duplicates = 0
        package var count: Int { acknowledgements.count }

        package init() {}

        package mutating func add(_ article: Article, dedupe: DedupeIndex) {
            var article = article
            switch dedupe.check(article) {
            case .duplicate(let existing):
                // Already stored: acknowledged under the id it is stored with.
                acknowledgements.append(existing)
                duplicates += 1
                return
            case .revision(_, let revision): article.revision = revision
            case .nearDuplicate(let original): article.duplicateOf = original
            case .new: break
            }
            dedupe.insert(article)
            articles.append(article)
            acknowledgements.append(article.id)
        }
    }

    package init(settings: Settings, sourceName: String, logger: Logger) throws {
        journal = try Journal.open(directory: settings.store, options: JournalOptions(), logger: logger)
        let reader = try JournalReader(directory: settings.store)
        dedupe.rebuild(fromJournal: reader.records())
        normalizer = ArticleNormalizer(
            source: Source(name: sourceName, url: "https://import.invalid/"), settings: settings, now: Date())
        iframeHosts = settings.iframeHosts
    }

    /// Turns one input line into an article, or says what is wrong with it.
    package func prepare(_ line: [UInt8]) -> Result<Article, LineError> {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
            return .failure(LineError(message: "not a JSON object"))
        }
        guard let rawURL = object["url"] as? String, !rawURL.isEmpty else {
            return .failure(LineError(message: "missing \"url\""))
        }
        guard let url = normalizer.canonicalizer.canonicalize(rawURL) else {
            return .failure(LineError(message: "\"url\" must be an absolute http(s) URL, not \"\(rawURL)\""))
        }
        var published: Date? = nil
        if let text = object["published"] as? String {
            guard let date = DateParser.parse(text) else {
                return .failure(LineError(message: "\"published\" is not a date: \"\(text)\""))
            }
            published = date
        }
        let html = (object["content"] as? String) ?? (object["body"] as? String)
        let content: String?
        if let html {
            content = Sanitizer(baseURL: url, iframeHosts: iframeHosts).sanitize(html)
        } else if let text = object["text"] as? String {
            content = text.components(separatedBy: "\n\n").map { "<p>\(HTMLEscape.text($0))</p>" }.joined()
        } else {
            content = nil
        }
        var article = normalizer.make(
            url: url, guid: object["id"] as? String, title: object["title"] as? String,
            authors: (object["author"] as? String).map { [$0] } ?? [], published: published, updated: nil,
            language: object["language"] as? String, summary: object["summary"] as? String, content: content,
            text: content.map(HTMLText.render) ?? "", categories: object["categories"] as? [String] ?? [],
            image: nil, enclosures: [])
        if let id = object["id"] as? String, !id.isEmpty { article.id = id }
        return .success(article)
    }

    /// Appends the batch (one sync) and then, only then, prints its acknowledgements.
    package func commit(_ batch: inout Batch, ack: Bool) throws(StoreError) {
        if !batch.articles.isEmpty {
            _ = try journal.append(batch.articles.map(JournalRecord.article))
        }
        stored += batch.articles.count
        duplicates += batch.duplicates
        if ack, !batch.acknowledgements.isEmpty {
            let text = batch.acknowledgements.map { "ACK \($0)\n" }.joined()
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        batch = Batch()
    }

    package func close() { journal.close() }
}
