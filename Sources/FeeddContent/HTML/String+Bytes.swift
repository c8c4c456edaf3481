/// Byte-level helpers for the extractor's hot paths: Foundation's String search goes through NSString and
/// costs more than the rest of the extraction on a typical page.
extension StringProtocol {
    /// The first occurrence of `needle`, compared byte for byte (so case-sensitive, no normalization).
    func utf8Range(of needle: String) -> Range<Index>? {
        let hay = utf8
        let n = Array(needle.utf8)
        guard let first = n.first, hay.count >= n.count else { return nil }
        var index = hay.startIndex
        while index != hay.endIndex {
            if hay[index] == first {
                var h = index
                var k = 0
                while k < n.count, h != hay.endIndex, hay[h] == n[k] {
                    h = hay.index(after: h)
                    k += 1
                }
                if k == n.count { return index..<h }
            }
            index = hay.index(after: index)
        }
        return nil
    }

    func utf8Contains(_ needle: String) -> Bool { utf8Range(of: needle) != nil }

    /// Without leading and trailing ASCII whitespace and no-break spaces.
    func trimmedSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" || $0 == "\u{A0}" || $0 == "\r\n" }
        guard let start = firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = lastIndex(where: { !isSpace($0) })!
        return String(self[start...end])
    }

    /// Without leading and trailing characters from `set`.
    func trimmed(of set: String) -> String {
        guard let start = firstIndex(where: { !set.contains($0) }) else { return "" }
        let end = lastIndex(where: { !set.contains($0) })!
        return String(self[start...end])
    }
}
