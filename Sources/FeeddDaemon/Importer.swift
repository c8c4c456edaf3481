import FeeddContent
import FeeddCore
import FeeddStore
import Foundation

/// `feedd import`: JSON Lines records through the daemon's pipeline (normalize → decide) into the journal,
/// acknowledged only after the journal's sync.
package final class Importer {
    package let dedupe = DedupeIndex()
    private let journal: Journal
    private let pipeline: Pipeline
    package private(set) var stored = 0
    package private(set) var duplicates = 0

    package struct LineError: Error, CustomStringConvertible {
        package var message: String
        package var description: String { message }
    }

    /// Articles waiting for the next commit, in input order.
    package struct Batch {
        package private(set) var articles: [Article] = []
        package var count: Int { articles.count }

        package init() {}

        package mutating func add(_ article: Article) { articles.append(article) }
    }

    package init(settings: Settings, sourceName: String, logger: Logger) throws {
        let opened = try Journal.openAndRead(directory: settings.store, logger: logger)
        journal = opened.journal
        dedupe.rebuild(fromJournal: opened.records)
        pipeline = Pipeline(
            source: Source.Resolved(Source(name: sourceName, url: "https://import.invalid/"), settings: settings),
            dedupe: dedupe, now: Date())
    }

    /// Turns one input line into an article, or says what is wrong with it.
    package func prepare(_ line: [UInt8]) -> Result<Article, LineError> {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
            return .failure(LineError(message: "not a JSON object"))
        }
        guard let rawURL = object["url"] as? String, !rawURL.isEmpty else {
            return .failure(LineError(message: "missing \"url\""))
        }
        guard let url = pipeline.normalizer.canonicalizer.canonicalize(rawURL) else {
            return .failure(LineError(message: "\"url\" must be an absolute http(s) URL, not \"\(rawURL)\""))
        }
        var published: Date? = nil
        if let text = object["published"] as? String {
            guard let date = DateParser.parse(text) else {
                return .failure(LineError(message: "\"published\" is not a date: \"\(text)\""))
            }
            published = date
        }
        let record = ImportedRecord(
            url: url, id: object["id"] as? String, title: object["title"] as? String,
            author: object["author"] as? String, published: published, language: object["language"] as? String,
            summary: object["summary"] as? String, html: (object["content"] as? String) ?? (object["body"] as? String),
            text: object["text"] as? String, categories: object["categories"] as? [String] ?? [])
        return .success(pipeline.normalizer.article(fromImport: record))
    }

    /// Decides the batch, appends what is to be stored (one sync) and then, only then, lets the index learn it
    /// and prints the acknowledgements: a record dedupe drops is acknowledged under the id it is stored with.
    package func commit(_ batch: inout Batch, ack: Bool) throws(StoreError) {
        let decided = pipeline.decide(batch.articles).outcome
        let toStore = decided.toStore
        if !toStore.isEmpty {
            do {
                _ = try journal.append(toStore.map(JournalRecord.article))
            } catch {
                dedupe.release(decided.reservation)
                throw error
            }
        }
        dedupe.acknowledge(decided.reservation)
        stored += toStore.count
        duplicates += decided.duplicates
        if ack, !decided.decided.isEmpty {
            let text = decided.decided.map { "ACK \($0.storedID)\n" }.joined()
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        batch = Batch()
    }

    package func close() { journal.close() }
}

/// One `feedd import` line's fields, the URL already canonical.
package struct ImportedRecord: Sendable {
    package var url: String
    package var id: String?
    package var title: String?
    package var author: String?
    package var published: Date?
    package var language: String?
    package var summary: String?
    /// HTML content (`content` or `body`).
    package var html: String?
    /// Plain text, when there is no HTML: paragraphs separated by blank lines.
    package var text: String?
    package var categories: [String]

    package init(
        url: String, id: String?, title: String?, author: String?, published: Date?, language: String?,
        summary: String?, html: String?, text: String?, categories: [String]
    ) {
        self.url = url
        self.id = id
        self.title = title
        self.author = author
        self.published = published
        self.language = language
        self.summary = summary
        self.html = html
        self.text = text
        self.categories = categories
    }
}
