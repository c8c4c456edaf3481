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

    static func guess(_ text: String) -> String? {
        var counts: [String: Int] = [:]
        var letters = 0
        var words: [String] = []
        var word: [UInt8] = []
        var text = text
        text.withUTF8 { b in
            var i = 0
            let n = min(b.count, 4000)
            while i < n {
                let c = b[i]
                var script: String?
                var width = 1
                switch c {
                case 0x41...0x5A, 0x61...0x7A: script = "latin"
                case 0xC3...0xC9: script = "latin"; width = 2
                case 0xCE, 0xCF: script = "el"; width = 2
                case 0xD0...0xD3: script = "ru"; width = 2
                case 0xD6, 0xD7: script = "he"; width = 2
                case 0xD8...0xDB: script = "ar"; width = 2
                case 0xE0 where i + 1 < n && (b[i + 1] == 0xB8 || b[i + 1] == 0xB9): script = "th"; width = 3
                case 0xE3 where i + 1 < n && (b[i + 1] == 0x81 || b[i + 1] == 0x82 || b[i + 1] == 0x83): script = "ja"; width = 3
                case 0xE4...0xE9: script = "zh"; width = 3
                case 0xEA...0xED: script = "ko"; width = 3
                default: width = c >= 0xF0 ? 4 : (c >= 0xE0 ? 3 : (c >= 0xC0 ? 2 : 1))
                }
                if let script {
                    counts[script, default: 0] += 1
                    letters += 1
                }
                // Words for the stopword count: letters, lowercased ASCII, and Latin-1 letters as they are.
                if script == "latin", words.count < 300 {
                    for k in 0..<width where i + k < n { word.append(b[i + k] >= 0x41 && b[i + k] <= 0x5A ? b[i + k] | 0x20 : b[i + k]) }
                } else if !word.isEmpty {
                    if word.count <= 5 { words.append(String(decoding: word, as: UTF8.self)) }
                    word.removeAll(keepingCapacity: true)
                }
                i += width
            }
        }
        guard letters >= 20 else { return nil }
        // Kana decides Japanese even among many Han characters.
        if let kana = counts["ja"], kana * 10 >= letters { return "ja" }
        if let (script, count) = counts.max(by: { $0.value < $1.value }), script != "latin", count * 2 >= letters {
            return script
        }
        var best: (String, Int)?
        for (language, list) in stopwords {
            let hits = words.reduce(0) { $0 + (list.contains($1) ? 1 : 0) }
            if hits > (best?.1 ?? 2) { best = (language, hits) }
        }
        return best?.0
    }
}
