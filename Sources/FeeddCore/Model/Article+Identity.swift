import Foundation

extension Article {
    /// The fields identity and dedupe need, read from a stored journal line with `JSONFieldScanner`:
    /// `id`, `source`, `url`, `guid`, `title`, `published`, `published_estimated`, `fetched`, `text`,
    /// `fingerprint`, `revision`, `duplicate_of`. Content, summary and the lists stay empty.
    /// Much cheaper than `init?(record:)` when replaying a whole journal.
    package init?(identityFieldsOf line: UnsafeRawBufferPointer) {
        var id: String?
        var source: String?
        var fetched: Date?
        var article = Article(id: "", source: "", fetched: Date(timeIntervalSince1970: 0))
        let ok = JSONFieldScanner.scan(line) { key, value in
            func string() -> String? { if case .string(let text)? = value() { return text } else { return nil } }
            switch key {
            case "id": id = string()
            case "source": source = string()
            case "url": article.url = string()
            case "guid": article.guid = string()
            case "title": article.title = string()
            case "published": article.published = string().flatMap(RFC3339.parse)
            case "published_estimated": if case .bool(let flag)? = value() { article.publishedEstimated = flag }
            case "fetched": fetched = string().flatMap(RFC3339.parse)
            case "text": article.text = string()
            case "fingerprint": article.fingerprint = string().flatMap { UInt64($0, radix: 16) }
            case "revision": if case .number(let number)? = value() { article.revision = Int(number) }
            case "duplicate_of": article.duplicateOf = string()
            default: break
            }
        }
        guard ok, let id, let source, let fetched else { return nil }
        article.id = id
        article.source = source
        article.fetched = fetched
        self = article
    }
}
