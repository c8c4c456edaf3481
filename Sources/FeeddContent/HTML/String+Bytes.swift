#if canImport(Glibc)
import Glibc
#endif

/// Byte-level helpers for the extractor's hot paths: Foundation's String search goes through NSString and
/// costs more than the rest of the extraction on a typical page.
extension StringProtocol {
    /// The first occurrence of `needle`, compared byte for byte (so case-sensitive, no normalization).
    func utf8Range(of needle: String) -> Range<Index>? {
        // Contiguous UTF-8 (native strings and their slices): memchr to each candidate first byte, then memcmp;
        // several times faster than stepping the view, which showed at the top of extraction profiles (texts of
        // whole boxes searched for a few words).
        let found: Int?? = utf8.withContiguousStorageIfAvailable { hay in
            var needle = needle
            return needle.withUTF8 { n -> Int? in
                guard n.count > 0, hay.count >= n.count, let base = hay.baseAddress else { return nil }
                let first = Int32(n[0])
                let last = hay.count - n.count  // the last offset where the needle still fits
                var offset = 0
                while offset <= last {
                    guard let hit = memchr(base + offset, first, last - offset + 1) else { return nil }
                    offset = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                    if memcmp(base + offset, n.baseAddress!, n.count) == 0 { return offset }
                    offset += 1
                }
                return nil
            }
        }
        if let found {
            guard let offset = found else { return nil }
            let start = utf8.index(utf8.startIndex, offsetBy: offset)
            return start..<utf8.index(start, offsetBy: needle.utf8.count)
        }
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
