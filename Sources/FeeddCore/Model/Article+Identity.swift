import Foundation

extension Article {
    /// The fields identity and dedupe need, read from a stored journal line with `JSONFieldScanner`:
    /// `id`, `source`, `url`, `guid`, `title`, `published`, `published_estimated`, `fetched`, `fingerprint`,
    /// `text_hash`, `word_count`, `minhash`, `shingles`, `revision`, `duplicate_of`, and `text` only when the
    /// record lacks one of the digest fields (records written before `text_hash` or `minhash` existed). Content, summary and the
    /// lists stay empty. Much cheaper than `init?(record:)` when replaying a whole journal.
    package init?(identityFieldsOf line: UnsafeRawBufferPointer) {
        var id: String?
        var source: String?
        var fetched: Date?
        var textOffset: Int?
        var minhashOffset: Int?
        var shingles = 0
        var article = Article(id: "", source: "", fetched: Date(timeIntervalSince1970: 0))
        let ok = JSONFieldScanner.scan(line) { key, value in
            guard let field = IdentityField(key) else { return }
            func string() -> String? { if case .string(let text)? = value() { return text } else { return nil } }
            func hex() -> UInt64? { string().flatMap { UInt64($0, radix: 16) } }
            switch field {
            case .id: id = string()
            case .source: source = string()
            case .url: article.url = string()
            case .guid: article.guid = string()
            case .title: article.title = string()
            case .published: article.published = string().flatMap(RFC3339.parse)
            case .publishedEstimated: if case .bool(let flag)? = value() { article.publishedEstimated = flag }
            case .fetched: fetched = string().flatMap(RFC3339.parse)
            case .text: textOffset = value.offset
            case .fingerprint: article.fingerprint = hex()
            case .textHash: article.textHash = hex()
            case .wordCount: if case .number(let number)? = value() { article.wordCount = Int(exactly: number) }
            case .minhash: minhashOffset = value.offset
            case .shingles: if case .number(let number)? = value() { shingles = Int(exactly: number) ?? 0 }
            case .revision: if case .number(let number)? = value(), let revision = Int(exactly: number) { article.revision = revision }
            case .duplicateOf: article.duplicateOf = string()
            }
        }
        // The sketch's 128 hex digits are read from the line's bytes between their quotes.
        if let offset = minhashOffset, offset + 130 <= line.count, line[offset] == UInt8(ascii: "\""),
            line[offset + 129] == UInt8(ascii: "\"")
        {
            article.minhash = MinHashSketch(
                hexBytes: UnsafeRawBufferPointer(rebasing: line[(offset + 1)..<(offset + 129)]), shingles: shingles)
        }
        if ok, article.storedTextDigest == nil, let textOffset,
            case .string(let text)? = JSONFieldScanner.value(in: line, at: textOffset)
        {
            article.text = text
        }
        guard ok, let id, let source, let fetched else { return nil }
        article.id = id
        article.source = source
        article.fetched = fetched
        self = article
    }
}

/// The keys `init(identityFieldsOf:)` reads, recognized from their bytes (length first): a journal replay
/// meets some twenty keys per record.
private enum IdentityField {
    case id, source, url, guid, title, published, publishedEstimated, fetched, text, fingerprint, textHash,
        wordCount, minhash, shingles, revision, duplicateOf

    init?(_ key: UnsafeRawBufferPointer) {
        func equals(_ name: StaticString) -> Bool {
            memcmp(key.baseAddress!, name.utf8Start, key.count) == 0
        }
        switch key.count {
        case 2 where equals("id"): self = .id
        case 3 where equals("url"): self = .url
        case 4 where equals("guid"): self = .guid
        case 4 where equals("text"): self = .text
        case 5 where equals("title"): self = .title
        case 6 where equals("source"): self = .source
        case 7 where equals("fetched"): self = .fetched
        case 7 where equals("minhash"): self = .minhash
        case 8 where equals("shingles"): self = .shingles
        case 8 where equals("revision"): self = .revision
        case 9 where equals("published"): self = .published
        case 9 where equals("text_hash"): self = .textHash
        case 10 where equals("word_count"): self = .wordCount
        case 11 where equals("fingerprint"): self = .fingerprint
        case 12 where equals("duplicate_of"): self = .duplicateOf
        case 19 where equals("published_estimated"): self = .publishedEstimated
        default: return nil
        }
    }
}
