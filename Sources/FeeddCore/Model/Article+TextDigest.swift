extension Article {
    /// Sets `fingerprint`, `textHash`, `wordCount` and `minhash` from `text` in one pass over its words (all nil without
    /// text), and returns the digest so dedupe can use it without tokenizing the text again.
    @discardableResult
    package mutating func digestText() -> TextDigest? {
        guard let text else {
            fingerprint = nil
            textHash = nil
            wordCount = nil
            minhash = nil
            return nil
        }
        let digest = TextDigest(text)
        fingerprint = digest.simhash
        textHash = digest.exactHash
        wordCount = digest.wordCount
        minhash = digest.minhash
        return digest
    }

    /// The digest with the parts the article carries, the missing ones computed from `text`.
    package var completedTextDigest: TextDigest {
        if let stored = storedTextDigest { return stored }
        var digest = TextDigest(text ?? "", computeSimHash: fingerprint == nil, computeMinHash: minhash == nil)
        if let fingerprint { digest.simhash = fingerprint }
        if let minhash { digest.minhash = minhash }
        return digest
    }

    /// The digest the article carries (as stored by `digestText`), when it has all four parts.
    package var storedTextDigest: TextDigest? {
        guard let fingerprint, let textHash, let wordCount, let minhash else { return nil }
        return TextDigest(wordCount: wordCount, exactHash: textHash, simhash: fingerprint, minhash: minhash)
    }
}
