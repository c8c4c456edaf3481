/// What dedupe needs to know about a text, computed in one pass over its words:
/// the word count, a hash of the normalized word sequence (equal for texts that differ only in case,
/// whitespace or punctuation), and the SimHash fingerprint.
package struct TextDigest: Sendable, Equatable {
    package var wordCount: Int
    /// Hash of the lowercased word sequence; 0 for a text without words.
    package var exactHash: UInt64
    /// SimHash over word shingles (see `SimHash`); 0 when not computed or the text has no words.
    package var simhash: UInt64

    package init(wordCount: Int, exactHash: UInt64, simhash: UInt64) {
        self.wordCount = wordCount
        self.exactHash = exactHash
        self.simhash = simhash
    }

    /// Digests `text`. `computeSimHash: false` skips the fingerprint (the costly part) when the caller has it.
    package init(_ text: String, computeSimHash: Bool = true) {
        var words = 0
        var exact = StableHash.prime3
        if !computeSimHash {
            WordScanner.forEachWord(in: text) { word in
                words += 1
                exact = StableHash.step(exact, word)
            }
            self.init(wordCount: words, exactHash: words == 0 ? 0 : StableHash.avalanche(exact ^ UInt64(words)),
                      simhash: 0)
            return
        }
        var accumulator = SimHash.Accumulator()
        // The last `shingleWords - 1` word hashes, newest in `w1`.
        var w1: UInt64 = 0
        var w2: UInt64 = 0
        let expansion = SimHash.Accumulator.expansion
        expansion.withUnsafeBufferPointer { table in
        WordScanner.forEachWord(in: text) { word in
            words += 1
            exact = StableHash.step(exact, word)
            if words >= SimHash.shingleWords {
                switch SimHash.shingleWords {
                case 1: accumulator.add(SimHash.shingle(0, 0, word), table: table)
                case 2: accumulator.add(SimHash.shingle(0, w1, word), table: table)
                default: accumulator.add(SimHash.shingle(w2, w1, word), table: table)
                }
            }
            w2 = w1
            w1 = word
        }
        if words > 0 && words < SimHash.shingleWords {
            // Too short for one full shingle: the whole text is the only feature.
            accumulator.add(SimHash.shingle(words == 2 ? w2 : 0, w1, UInt64(words) | 1 << 63), table: table)
        }
        }
        self.init(
            wordCount: words, exactHash: words == 0 ? 0 : StableHash.avalanche(exact ^ UInt64(words)),
            simhash: accumulator.fingerprint)
    }
}
