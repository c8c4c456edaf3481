/// A last-resort language guess from the text itself, for pages that declare none: the script for
/// non-Latin text (from UTF-8 lead bytes), otherwise the most frequent of a few very common words per language.
enum LanguageGuess {
    static let stopwords: [(String, Set<String>)] = [
        ("en", ["the", "and", "of", "to", "is", "in", "that", "for", "was", "with", "on", "are", "said"]),
        ("de", ["der", "die", "und", "das", "ist", "nicht", "mit", "ein", "eine", "auf", "sich", "den", "von"]),
        ("fr", ["le", "la", "les", "et", "des", "est", "une", "pour", "dans", "pas", "que", "qui", "du"]),
        ("es", ["el", "la", "los", "las", "y", "que", "es", "una", "por", "con", "para", "del", "se"]),
        ("it", ["il", "che", "di", "è", "per", "una", "non", "della", "sono", "gli", "con", "nel", "anche"]),
        ("pt", ["o", "os", "que", "não", "uma", "para", "com", "do", "da", "em", "são", "foi", "mais"]),
        ("nl", ["de", "het", "een", "en", "van", "is", "niet", "dat", "op", "zijn", "met", "voor", "ook"]),
    ]

    /// Each stopword, packed by `pack`, with a bit per language of `stopwords` that lists it: one lookup per word
    /// instead of one per language, and no String per word.
    private static let stopwordBits: [UInt64: UInt8] = {
        var bits: [UInt64: UInt8] = [:]
        for (index, (_, list)) in stopwords.enumerated() {
            for word in list { bits[pack(Array(word.utf8)), default: 0] |= 1 << index }
        }
        return bits
    }()

    /// Up to five bytes and their count in one integer. Words here are letters only (ASCII or precomposed Latin), so
    /// equal bytes mean equal words.
    private static func pack(_ bytes: [UInt8]) -> UInt64 {
        bytes.reduce(0) { $0 << 8 | UInt64($1) } | UInt64(bytes.count) << 56
    }

    /// Scripts told apart by UTF-8 lead bytes; `latin` first, the rest named by the language they stand for.
    private static let scripts = ["latin", "el", "ru", "he", "ar", "th", "ja", "zh", "ko"]

    static func guess(_ text: String) -> String? {
        // Counters by index into `scripts`: a dictionary lookup per character cost more than the rest.
        var counts = [Int](repeating: 0, count: scripts.count)
        var letters = 0
        var words: [UInt64] = []
        var word: [UInt8] = []
        var text = text
        text.withUTF8 { b in
            var i = 0
            let n = min(b.count, 4000)
            while i < n {
                let c = b[i]
                var script = -1
                var width = 1
                switch c {
                case 0x41...0x5A, 0x61...0x7A: script = 0
                case 0xC3...0xC9: script = 0; width = 2
                case 0xCE, 0xCF: script = 1; width = 2
                case 0xD0...0xD3: script = 2; width = 2
                case 0xD6, 0xD7: script = 3; width = 2
                case 0xD8...0xDB: script = 4; width = 2
                case 0xE0 where i + 1 < n && (b[i + 1] == 0xB8 || b[i + 1] == 0xB9): script = 5; width = 3
                case 0xE3 where i + 1 < n && (b[i + 1] == 0x81 || b[i + 1] == 0x82 || b[i + 1] == 0x83): script = 6; width = 3
                case 0xE4...0xE9: script = 7; width = 3
                case 0xEA...0xED: script = 8; width = 3
                default: width = c >= 0xF0 ? 4 : (c >= 0xE0 ? 3 : (c >= 0xC0 ? 2 : 1))
                }
                if script >= 0 {
                    counts[script] += 1
                    letters += 1
                }
                // Words for the stopword count: letters, lowercased ASCII, and Latin-1 letters as they are.
                if script == 0, words.count < 300 {
                    for k in 0..<width where i + k < n { word.append(b[i + k] >= 0x41 && b[i + k] <= 0x5A ? b[i + k] | 0x20 : b[i + k]) }
                } else if !word.isEmpty {
                    if word.count <= 5 { words.append(pack(word)) }
                    word.removeAll(keepingCapacity: true)
                }
                i += width
            }
        }
        guard letters >= 20 else { return nil }
        // Kana decides Japanese even among many Han characters.
        if counts[6] * 10 >= letters, counts[6] > 0 { return "ja" }
        if let top = counts.indices.max(by: { counts[$0] < counts[$1] }), top != 0, counts[top] * 2 >= letters {
            return scripts[top]
        }
        var hits = [Int](repeating: 0, count: stopwords.count)
        for word in words {
            guard let bits = stopwordBits[word] else { continue }
            for index in hits.indices where bits & (1 << index) != 0 { hits[index] += 1 }
        }
        var best: (String, Int)?
        for (index, (language, _)) in stopwords.enumerated() where hits[index] > (best?.1 ?? 2) {
            best = (language, hits[index])
        }
        return best?.0
    }
}
