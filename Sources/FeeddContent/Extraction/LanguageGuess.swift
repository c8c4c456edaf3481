/// A last-resort language guess from the text itself, for pages that declare none: the script for
/// non-Latin text, otherwise the most frequent of a few very common words per language.
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

    static func guess(_ fullText: String) -> String? {
        let text = fullText.prefix(3000)
        var counts: [String: Int] = [:]
        var letters = 0
        for scalar in text.unicodeScalars.prefix(1500) {
            let v = scalar.value
            let script: String?
            switch v {
            case 0x0400...0x04FF: script = "ru"
            case 0x3040...0x30FF: script = "ja"
            case 0x4E00...0x9FFF: script = "zh"
            case 0xAC00...0xD7AF: script = "ko"
            case 0x0600...0x06FF: script = "ar"
            case 0x0590...0x05FF: script = "he"
            case 0x0370...0x03FF: script = "el"
            case 0x0E00...0x0E7F: script = "th"
            case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F: script = "latin"
            default: script = nil
            }
            if let script { counts[script, default: 0] += 1; letters += 1 }
        }
        guard letters >= 20 else { return nil }
        // Kana decides Japanese even among many Han characters.
        if let kana = counts["ja"], kana * 10 >= letters { return "ja" }
        if let (script, count) = counts.max(by: { $0.value < $1.value }), script != "latin", count * 2 >= letters {
            return script
        }
        let words = text.lowercased().split { $0 == " " || $0 == "\n" || $0 == "," || $0 == "." }.prefix(200)
        var best: (String, Int)?
        for (language, list) in stopwords {
            let hits = words.reduce(0) { $0 + (list.contains(String($1)) ? 1 : 0) }
            if hits > (best?.1 ?? 2) { best = (language, hits) }
        }
        return best?.0
    }
}
