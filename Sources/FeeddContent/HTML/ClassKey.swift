import CFeeddXML
import Foundation

/// An element's `class` and `id`, matched case-insensitively against name lists many times per page.
/// Reads the attribute values in place (libxml2's strings, valid while the node lives): no copy, no Foundation.
struct ClassKey {
    let classValue: UnsafeBufferPointer<UInt8>?
    let idValue: UnsafeBufferPointer<UInt8>?

    init(_ node: HTMLNode) {
        classValue = Self.buffer(CFeeddXML_html_attr_value(node.raw, "class"))
        idValue = Self.buffer(CFeeddXML_html_attr_value(node.raw, "id"))
    }

    private static func buffer(_ value: UnsafePointer<CChar>?) -> UnsafeBufferPointer<UInt8>? {
        guard let value else { return nil }
        let length = strlen(value)
        guard length > 0 else { return nil }
        return UnsafeRawPointer(value).withMemoryRebound(to: UInt8.self, capacity: length) {
            UnsafeBufferPointer(start: $0, count: length)
        }
    }

    @inline(__always)
    static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

    var isEmpty: Bool { classValue == nil && idValue == nil }

    /// `class + " " + id`, lowercased (for messages and tests).
    var string: String {
        var bytes: [UInt8] = []
        if let classValue { bytes += classValue.map(Self.lower) }
        if let idValue { bytes.append(0x20); bytes += idValue.map(Self.lower) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Substring test on the class or the id; `needle` is lowercase ASCII.
    func contains(_ needle: String) -> Bool {
        var needle = needle
        return needle.withUTF8 { n in
            (classValue.map { Self.find(n, in: $0) } ?? false) || (idValue.map { Self.find(n, in: $0) } ?? false)
        }
    }

    static func find(_ n: UnsafeBufferPointer<UInt8>, in h: UnsafeBufferPointer<UInt8>) -> Bool {
        guard n.count > 0 else { return true }
        guard n.count <= h.count else { return false }
        var i = 0
        while i <= h.count - n.count {
            var k = 0
            while k < n.count, lower(h[i + k]) == n[k] { k += 1 }
            if k == n.count { return true }
            i += 1
        }
        return false
    }

    /// The class is exactly `other` (lowercase) and there is no id.
    func equals(_ other: String) -> Bool {
        guard idValue == nil, let classValue else { return false }
        return classValue.lazy.map(Self.lower).elementsEqual(other.utf8)
    }

    /// Whether a letter-only word of the class or id (`node__meta` gives `node`, `meta`) is one of `words`.
    func containsWord(in words: [[UInt8]]) -> Bool {
        // A heading's slug as the id (`sharing-with-a-single-developer`) names the text, not the box.
        (classValue.map { Self.word(in: $0, words) } ?? false)
            || (idValue.map { !PatternSet.isSlug($0) && Self.word(in: $0, words) } ?? false)
    }

    private static func word(in b: UnsafeBufferPointer<UInt8>, _ words: [[UInt8]]) -> Bool {
        var start = -1
        for i in 0...b.count {
            let c = i < b.count ? lower(b[i]) : 0
            let isLetter = (c >= 0x61 && c <= 0x7A) || c >= 0x80
            if isLetter {
                if start < 0 { start = i }
            } else if start >= 0 {
                let length = i - start
                for word in words where word.count == length {
                    var k = 0
                    while k < length, word[k] == lower(b[start + k]) { k += 1 }
                    if k == length { return true }
                }
                start = -1
            }
        }
        return false
    }
}

/// Many lowercase patterns tested at once against a `ClassKey`: patterns are grouped by first byte, so a key is
/// scanned once instead of once per pattern. The patterns sit in one flat byte array (no nested arrays to retain
/// and bounds-check per probe): this test runs several times for every element with a class or id.
///
/// Two ways of matching. `.substring` finds a pattern anywhere (cheap prefilters). `.words` reads class names as
/// words, the way templates compose them (`entry-content`, `post_body`, `articleBody`, `PageBuilder-pageRow`):
/// a match must start a word, a `-` in a pattern stands for any run of separators or a camelCase boundary, the
/// last word may be a prefix (`share` finds `sharebar`) unless the pattern ends in `$` (`ad$` is the word `ad`
/// only), and a match right after the word `no` (`no-share`) does not count. So `pager` no longer finds
/// `PageBuilder-pageRow`, nor `share` the `no-share` of a story that hides its share bar.
struct PatternSet: Sendable {
    enum Matching: Sendable { case substring, words }

    /// All patterns, concatenated, grouped by first byte.
    private let bytes: [UInt8]
    /// Start of each pattern in `bytes`, in the same order, and one past the last.
    private let starts: [Int]
    /// Whether each pattern must end a word (written with a trailing `$`).
    private let wholeWord: [Bool]
    /// The patterns starting with byte `b` are `starts` indices `groups[b]..<groups[b + 1]`.
    private let groups: [Int]
    private let matching: Matching

    init(_ patterns: [String], matching: Matching = .substring) {
        let sorted = patterns.filter { !$0.isEmpty }.map { Array($0.utf8) }.sorted { $0[0] < $1[0] }
        var bytes: [UInt8] = []
        var starts: [Int] = []
        var wholeWord: [Bool] = []
        var groups = [Int](repeating: 0, count: 257)
        for var pattern in sorted {
            let exact = matching == .words && pattern.last == UInt8(ascii: "$")
            if exact { pattern.removeLast() }
            starts.append(bytes.count)
            wholeWord.append(exact)
            bytes += pattern
            groups[Int(pattern[0]) + 1] += 1
        }
        starts.append(bytes.count)
        for b in 0..<256 { groups[b + 1] += groups[b] }
        self.bytes = bytes
        self.starts = starts
        self.wholeWord = wholeWord
        self.groups = groups
        self.matching = matching
    }

    func matches(_ key: ClassKey) -> Bool {
        if (key.classValue.map(matches) ?? false) { return true }
        guard let id = key.idValue else { return false }
        // An id made of four or more words is a slug of a heading (`sharing-with-a-single-developer`): it names
        // the text, not the box.
        if matching == .words, Self.isSlug(id) { return false }
        return matches(id)
    }

    @inline(__always) static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b >= 0x80
    }

    @inline(__always) static func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
    @inline(__always) static func isLower(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }

    /// Whether a word starts at `i`: after a separator, at the start, or at a lower-to-upper camelCase step.
    @inline(__always) static func startsWord(_ h: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        i == 0 || !isWordByte(h[i - 1]) || (isLower(h[i - 1]) && isUpper(h[i]))
    }

    /// Four or more words of lowercase letters and digits joined by hyphens; the last part may be a suffix that
    /// the site generated to make the id unique, in any case (`…-from-humans-BVs1h4SD`).
    static func isSlug(_ h: UnsafeBufferPointer<UInt8>) -> Bool {
        var words = 0
        var inWord = false
        var suffix = false
        for b in h {
            if b == UInt8(ascii: "-") {
                if suffix { return false }
                inWord = false
            } else if isLower(b) || (b >= 0x30 && b <= 0x39) || (isUpper(b) && words >= 4) {
                if !inWord { words += 1; inWord = true }
                if isUpper(b) { suffix = true }
            } else {
                return false
            }
        }
        return words >= (suffix ? 5 : 4)
    }

    private func matches(_ h: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { bytes in
            starts.withUnsafeBufferPointer { starts in
                groups.withUnsafeBufferPointer { groups in
                    for i in 0..<h.count {
                        if matching == .words, !Self.startsWord(h, i) { continue }
                        let first = Int(ClassKey.lower(h[i]))
                        var p = groups[first]
                        let end = groups[first + 1]
                        while p < end {
                            let start = starts[p]
                            let count = starts[p + 1] - start
                            let pattern = UnsafeBufferPointer(rebasing: bytes[start..<(start + count)])
                            let exact = wholeWord[p]
                            p += 1
                            if matching == .substring {
                                guard count <= h.count - i else { continue }
                                var k = 1
                                while k < count, ClassKey.lower(h[i + k]) == pattern[k] { k += 1 }
                                if k == count { return true }
                            } else if Self.matchWords(pattern, h, at: i, exact: exact), !Self.negated(h, before: i) {
                                return true
                            }
                        }
                    }
                    return false
                }
            }
        }
    }

    /// `pattern` (lowercase, `-` between words) read at `i` of `h` word by word.
    static func matchWords(_ pattern: UnsafeBufferPointer<UInt8>, _ h: UnsafeBufferPointer<UInt8>, at i: Int, exact: Bool)
        -> Bool
    {
        var k = 0
        var j = i
        while k < pattern.count {
            let want = pattern[k]
            if want == UInt8(ascii: "-") {
                // Any run of separators, or none at a camelCase step.
                if j < h.count, !isWordByte(h[j]) {
                    while j < h.count, !isWordByte(h[j]) { j += 1 }
                } else if !(j > 0 && j < h.count && isLower(h[j - 1]) && isUpper(h[j])) {
                    return false
                }
                k += 1
                continue
            }
            guard j < h.count, ClassKey.lower(h[j]) == want else { return false }
            // A camelCase step inside a pattern word ends the key's word early: `pageRow` is not `pager`.
            if k > 0, pattern[k - 1] != UInt8(ascii: "-"), j > 0, isLower(h[j - 1]), isUpper(h[j]) { return false }
            k += 1
            j += 1
        }
        guard exact else { return true }
        return j == h.count || !isWordByte(h[j]) || (isLower(h[j - 1]) && isUpper(h[j]))
    }

    /// The word before `i` is `no` (`no-share`, `noShare`): the name says the box has none of it.
    static func negated(_ h: UnsafeBufferPointer<UInt8>, before i: Int) -> Bool {
        var j = i
        while j > 0, !isWordByte(h[j - 1]) { j -= 1 }
        guard j >= 2, j < i || (j == i && i >= 2 && isUpper(h[i])) else { return false }
        guard ClassKey.lower(h[j - 2]) == UInt8(ascii: "n"), ClassKey.lower(h[j - 1]) == UInt8(ascii: "o") else {
            return false
        }
        return j == 2 || !isWordByte(h[j - 3])
    }
}
