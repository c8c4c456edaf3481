import FeeddCore
import FeeddStore
import Foundation

/// Builds articles the way the daemon hands them to the dedupe index: canonical URL, id from
/// `ArticleIdentity`, fingerprint from the text.
enum DedupeTestArticles {
    static let fetched = Date(timeIntervalSince1970: 1_790_000_000)
    static let canonicalizer = URLCanonicalizer()

    static func article(
        source: String, url: String?, guid: String? = nil, title: String? = "A title",
        text: String? = nil, published: Date? = fetched
    ) -> Article {
        let canonical = url.flatMap { canonicalizer.canonicalize($0) }
        let id = ArticleIdentity.id(canonicalURL: canonical, source: source, guid: guid, title: title, published: published)
        return Article(
            id: id, source: source, url: canonical, guid: guid, title: title, published: published, fetched: fetched,
            text: text, fingerprint: text.map(SimHash.fingerprint))
    }

    /// A deterministic text of `words` words from a small vocabulary (seeded).
    static func text(words: Int, seed: UInt64) -> String {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        var result: [String] = []
        result.reserveCapacity(words)
        for _ in 0..<words {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            result.append(vocabulary[Int(state % UInt64(vocabulary.count))])
        }
        return result.joined(separator: " ")
    }

    static let vocabulary: [String] = {
        let syllables = ["ka", "lo", "mi", "ne", "ru", "to", "sa", "vi", "de", "po", "ga", "fe", "ho", "ju", "zi"]
        var words: [String] = []
        for a in syllables { for b in syllables { words.append(a + b) } }
        for a in syllables.prefix(8) { for b in syllables { for c in syllables.prefix(6) { words.append(a + b + c) } } }
        return words
    }()

    /// What the daemon stores for a decision (mark policy for near-duplicates); nil when nothing is stored.
    static func stored(_ article: Article, decision: DedupeDecision) -> Article? {
        var stored = article
        switch decision {
        case .new: return stored
        case .duplicate: return nil
        case .revision(let id, let revision):
            stored.id = id
            stored.revision = revision
            return stored
        case .nearDuplicate(let id):
            stored.duplicateOf = id
            return stored
        }
    }
}
