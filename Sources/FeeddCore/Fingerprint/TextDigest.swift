/// What dedupe needs to know about a text, computed in one pass over its words: the word count, a hash of
/// the normalized word sequence (equal for texts that differ only in case, whitespace or punctuation), the
/// SimHash fingerprint, and the MinHash sketch of its 3-word shingles.
package struct TextDigest: Sendable, Equatable {
    package var wordCount: Int
    /// Hash of the lowercased word sequence; 0 for a text without words.
    package var exactHash: UInt64
    /// SimHash over word shingles (see `SimHash`); 0 when not computed or the text has no words.
    package var simhash: UInt64
    /// MinHash sketch (see `MinHashSketch`); `.empty` when not computed or the text has no words.
    package var minhash: MinHashSketch

    package init(wordCount: Int, exactHash: UInt64, simhash: UInt64, minhash: MinHashSketch = .empty) {
        self.wordCount = wordCount
        self.exactHash = exactHash
        self.simhash = simhash
        self.minhash = minhash
    }

    /// Digests `text`. `computeSimHash: false` and `computeMinHash: false` skip the fingerprints (the costly
    /// parts) when the caller has them or does not need them.
    package init(_ text: String, computeSimHash: Bool = true, computeMinHash: Bool? = nil) {
        let computeMinHash = computeMinHash ?? computeSimHash
        var words = 0
        var exact = StableHash.prime3
        if !computeSimHash && !computeMinHash {
            WordScanner.forEachWord(in: text) { word, _ in
                words += 1
                exact = StableHash.step(exact, word)
            }
            self.init(wordCount: words, exactHash: words == 0 ? 0 : StableHash.avalanche(exact ^ UInt64(words)),
                      simhash: 0)
            return
        }
        var accumulator = SimHash.Accumulator()
        var minhash = MinHashSketch.empty
        MinHashSketch.Builder.with { sketch in
        // The last two word hashes, newest in `w1`, and which of the last three words had a digit (bit 0: newest).
        var w1: UInt64 = 0
        var w2: UInt64 = 0
        var digits: UInt8 = 0
        let expansion = SimHash.Accumulator.expansion
        expansion.withUnsafeBufferPointer { table in
        WordScanner.forEachWord(in: text) { word, digit in
            words += 1
            exact = StableHash.step(exact, word)
            digits = (digits << 1 | (digit ? 1 : 0)) & 0b111
            if words >= SimHash.shingleWords {
                let pair = SimHash.shingle(0, w1, word)
                if computeSimHash { accumulator.add(pair, table: table) }
                if computeMinHash, words >= MinHashSketch.shingleWords {
                    sketch.add(pair: pair, first: w2, digits: digits != 0)
                }
            }
            w2 = w1
            w1 = word
        }
        if computeSimHash, words > 0 && words < SimHash.shingleWords {
            // Too short for one full shingle: the whole text is the only feature.
            accumulator.add(SimHash.shingle(0, w1, UInt64(words) | 1 << 63), table: table)
        }
        if computeMinHash, words > 0 && words < MinHashSketch.shingleWords {
            sketch.add(pair: SimHash.shingle(words == 2 ? w2 : 0, w1, UInt64(words) | 1 << 63), first: 0,
                       digits: digits != 0)
        }
        }
        if computeMinHash { minhash = sketch.sketch }
        }
        self.init(
            wordCount: words, exactHash: words == 0 ? 0 : StableHash.avalanche(exact ^ UInt64(words)),
            simhash: computeSimHash ? accumulator.fingerprint : 0, minhash: minhash)
    }
}
