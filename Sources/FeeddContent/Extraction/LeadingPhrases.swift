/// Phrases a block may open with ("read more", "mehr zum thema", "photo by"), matched against the block's first
/// bytes without building a String: this runs on every short block of a story. The head is folded once
/// (`fold`): ASCII and Latin-1 capitals to lower case, which is all the phrase lists need.
struct LeadingPhrases: Sendable {
    /// The phrases as lowercase bytes, by first byte.
    private let buckets: [[[UInt8]]]

    init(_ phrases: [String]) {
        var buckets = [[[UInt8]]](repeating: [], count: 256)
        for phrase in phrases where !phrase.isEmpty {
            let bytes = Array(phrase.utf8)
            buckets[Int(bytes[0])].append(bytes)
        }
        self.buckets = buckets
    }

    /// Whether the folded head starts with one of the phrases.
    func open(_ folded: [UInt8]) -> Bool {
        guard let first = folded.first else { return false }
        return buckets[Int(first)].contains { folded.starts(with: $0) }
    }

    /// `head` with ASCII and Latin-1 capitals (À–Þ) in lower case.
    static func fold(_ head: [UInt8]) -> [UInt8] {
        var folded = head
        var i = 0
        while i < folded.count {
            let b = folded[i]
            if b >= 0x41 && b <= 0x5A {
                folded[i] = b | 0x20
            } else if b == 0xC3, i + 1 < folded.count, folded[i + 1] >= 0x80, folded[i + 1] <= 0x9E, folded[i + 1] != 0x97 {
                folded[i + 1] |= 0x20
                i += 1
            }
            i += 1
        }
        return folded
    }
}
