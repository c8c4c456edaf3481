import FeeddCore
import Foundation
import TestSupport

/// The synthetic article stream for `feedd-bench dedupe`: every article is a pure function of (seed, index),
/// so the stream can be replayed without keeping a million texts in memory.
///
/// 85% originals, 10% exact duplicates of an earlier original (a third each: an unchanged re-poll in the same
/// source, the same canonical URL from another source, the same text reformatted — case, line breaks,
/// punctuation — under another URL), 5% near-duplicates (the same text with light word edits under another URL
/// and headline, in another source). Texts are 120–720 words (mean 420) drawn from a Zipf-distributed
/// vocabulary of 30,000 words, in sentences of 8–27 words.
struct BenchDedupeCorpus {
    enum Kind: Equatable {
        case original
        case repoll(of: Int)
        case sameURL(of: Int)
        case sameText(of: Int)
        case near(of: Int, edits: Int)
    }

    let seed: UInt64
    let count: Int
    let sources: [String]
    /// Word edits of a near-duplicate: 1 up to this many (one per ~`wordsPerEdit` words, at least 1).
    let maximumEdits: Int
    let wordsPerEdit: Int
    private let vocabulary: [[UInt8]]
    /// Cumulative Zipf weights scaled to 2^32.
    private let cumulative: [UInt64]

    init(seed: UInt64, count: Int, sourceCount: Int = 500, maximumEdits: Int = 2, wordsPerEdit: Int = 300) {
        self.seed = seed
        self.count = count
        self.maximumEdits = maximumEdits
        self.wordsPerEdit = wordsPerEdit
        sources = (0..<sourceCount).map { "source-\($0)" }
        var random = SplitMix64(seed: seed ^ 0x766F_6361_6275)
        let consonants = Array("bcdfghjklmnprstvwz".utf8)
        let vowels = Array("aeiou".utf8)
        var words: [[UInt8]] = []
        var seen = Set<[UInt8]>()
        while words.count < 30_000 {
            // Frequent words are short, like in real text.
            let syllables = 1 + min(5, words.count / 400 + Int(random.next() % 3))
            var word: [UInt8] = []
            for _ in 0..<syllables {
                word.append(consonants[Int(random.next() % UInt64(consonants.count))])
                word.append(vowels[Int(random.next() % UInt64(vowels.count))])
            }
            if seen.insert(word).inserted { words.append(word) }
        }
        vocabulary = words
        var weights = (1...words.count).map { 1.0 / Double($0) }
        let total = weights.reduce(0, +)
        var running = 0.0
        for index in weights.indices {
            running += weights[index] / total
            weights[index] = running
        }
        cumulative = weights.map { UInt64($0 * 4_294_967_296.0) }
    }

    // MARK: - Structure

    func kind(_ index: Int) -> Kind {
        var random = SplitMix64(seed: seed ^ UInt64(index) &* 0xA24B_AED4_963E_E407)
        let roll = random.next() % 1000
        guard index >= 100, roll >= 850 else { return .original }
        // An earlier original, mostly recent (feeds republish within days).
        var origin = index - 1 - Int(random.next() % UInt64(min(index, 20_000)))
        while kind(origin) != .original { origin -= 1 }
        if roll >= 950 {
            let words = wordCount(origin)
            let edits = 1 + Int(random.next() % UInt64(max(1, min(maximumEdits, words / wordsPerEdit))))
            return .near(of: origin, edits: edits)
        }
        switch roll % 3 {
        case 0: return .repoll(of: origin)
        case 1: return .sameURL(of: origin)
        default: return .sameText(of: origin)
        }
    }

    func source(ofOriginal index: Int) -> Int {
        var random = SplitMix64(seed: seed ^ 0x736F_7572 ^ UInt64(index) &* 0x9E37_79B9)
        return Int(random.next() % UInt64(sources.count))
    }

    /// Another source than the original's.
    func otherSource(_ index: Int, than original: Int) -> Int {
        var random = SplitMix64(seed: UInt64(index) ^ 0x6F74_6865)
        let step = 1 + Int(random.next() % UInt64(sources.count - 1))
        return (source(ofOriginal: original) + step) % sources.count
    }

    func wordCount(_ original: Int) -> Int {
        var random = SplitMix64(seed: seed ^ 0x6C65_6E67 ^ UInt64(original) &* 0xD6E8_FEB8_6659_FD93)
        return 120 + Int(random.next() % 301) + Int(random.next() % 301)
    }

    func words(ofOriginal original: Int) -> [Int32] {
        var random = SplitMix64(seed: seed ^ 0x7465_7874 ^ UInt64(original) &* 0x9FB2_1C65_1E98_DF25)
        return (0..<wordCount(original)).map { _ in zipfWord(&random) }
    }

    private func zipfWord(_ random: inout SplitMix64) -> Int32 {
        let target = random.next() & 0xFFFF_FFFF
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] < target { low = middle + 1 } else { high = middle }
        }
        return Int32(low)
    }

    /// Renders words as sentences. `style` 0 is the original layout; other styles change case, spacing and
    /// punctuation (which dedupe must ignore).
    func render(_ words: [Int32], layoutSeed: UInt64, style: Int = 0) -> String {
        var random = SplitMix64(seed: layoutSeed)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(words.count * 8)
        var sentenceLeft = 8 + Int(random.next() % 20)
        var startOfSentence = true
        for (position, word) in words.enumerated() {
            if position > 0 { bytes.append(contentsOf: style == 1 && position % 9 == 0 ? [0x0A, 0x20] : [0x20]) }
            for (offset, byte) in vocabulary[Int(word)].enumerated() {
                let upper = style == 2 || (startOfSentence && offset == 0)
                bytes.append(upper ? byte - 32 : byte)
            }
            startOfSentence = false
            sentenceLeft -= 1
            if sentenceLeft == 0 || position == words.count - 1 {
                bytes.append(style == 1 ? UInt8(ascii: "!") : UInt8(ascii: "."))
                sentenceLeft = 8 + Int(random.next() % 20)
                startOfSentence = true
            } else if random.next() % 11 == 0 {
                bytes.append(style == 2 ? UInt8(ascii: ";") : UInt8(ascii: ","))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    func title(_ index: Int) -> String {
        var random = SplitMix64(seed: seed ^ 0x7469_746C ^ UInt64(index) &* 0x2545_F491_4F6C_DD1D)
        let words = (0..<(6 + Int(random.next() % 7))).map { _ in zipfWord(&random) }
        return render(words, layoutSeed: UInt64(index), style: 0)
    }

    /// A light edit: `edits` random word substitutions, insertions or deletions.
    func edited(_ words: [Int32], edits: Int, seed editSeed: UInt64) -> [Int32] {
        var random = SplitMix64(seed: editSeed)
        var result = words
        for _ in 0..<edits {
            let position = Int(random.next() % UInt64(result.count))
            switch random.next() % 3 {
            case 0: result[position] = zipfWord(&random)
            case 1: result.insert(zipfWord(&random), at: position)
            default: if result.count > 2 { result.remove(at: position) }
            }
        }
        return result
    }

    // MARK: - Articles

    func url(_ index: Int, source: Int) -> String { "https://www.\(sources[source]).example/2026/11/story-\(index)" }

    /// The article as the daemon hands it to the index (canonical URL, id), with the fingerprint when asked.
    func article(_ index: Int, fingerprint: Bool) -> Article {
        var sourceNumber: Int
        var url: String
        var guid: String
        var title: String
        var text: String
        switch kind(index) {
        case .original:
            sourceNumber = source(ofOriginal: index)
            url = self.url(index, source: sourceNumber)
            guid = "https://www.\(sources[sourceNumber]).example/?p=\(index)"
            title = self.title(index)
            text = render(words(ofOriginal: index), layoutSeed: UInt64(index))
        case .repoll(let original):
            return article(original, fingerprint: fingerprint)
        case .sameURL(let original):
            sourceNumber = otherSource(index, than: original)
            url = self.url(original, source: source(ofOriginal: original))
            guid = "agg:\(index)"
            title = self.title(index)
            text = render(words(ofOriginal: original), layoutSeed: UInt64(original))
        case .sameText(let original):
            sourceNumber = otherSource(index, than: original)
            url = self.url(index, source: sourceNumber)
            guid = "https://www.\(sources[sourceNumber]).example/?p=\(index)"
            title = self.title(index)
            text = render(words(ofOriginal: original), layoutSeed: UInt64(index), style: 1 + index % 2)
        case .near(let original, let edits):
            sourceNumber = otherSource(index, than: original)
            url = self.url(index, source: sourceNumber)
            guid = "https://www.\(sources[sourceNumber]).example/?p=\(index)"
            title = self.title(index)
            text = render(edited(words(ofOriginal: original), edits: edits, seed: UInt64(index)), layoutSeed: UInt64(original))
        }
        let published = Date(timeIntervalSince1970: 1_790_000_000 + Double(index) * 30)
        let id = ArticleIdentity.id(canonicalURL: url, source: sources[sourceNumber], guid: guid, title: title, published: published)
        return Article(
            id: id, source: sources[sourceNumber], url: url, guid: guid, title: title, published: published,
            fetched: published, text: text, fingerprint: fingerprint ? SimHash.fingerprint(text) : nil)
    }
}
