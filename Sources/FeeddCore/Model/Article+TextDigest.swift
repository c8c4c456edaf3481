extension Article {
    /// Sets `fingerprint`, `textHash` and `wordCount` from `text` in one pass over its words (all nil without
    /// text), and returns the digest so dedupe can use it without tokenizing the text again.
    @discardableResult
    package mutating func digestText() -> TextDigest? {
        guard let text else {
            fingerprint = nil
            textHash = nil
            wordCount = nil
            return nil
        }
        let digest = TextDigest(text)
        fingerprint = digest.simhash
        textHash = digest.exactHash
        wordCount = digest.wordCount
        return digest
    }

    /// The digest the article carries (as stored by `digestText`), when it has all three parts.
    package var storedTextDigest: TextDigest? {
        guard let fingerprint, let textHash, let wordCount else { return nil }
        return TextDigest(wordCount: wordCount, exactHash: textHash, simhash: fingerprint)
    }
}
