import CFeeddXML

/// An element's `class` and `id`, lowercased, as bytes: matched against name lists many times per page,
/// so it avoids Foundation's String search.
struct ClassKey {
    let bytes: [UInt8]

    init(_ node: HTMLNode) {
        var bytes: [UInt8] = []
        if let value = CFeeddXML_html_attr_value(node.raw, "class") { Self.appendLowercased(value, to: &bytes) }
        if let value = CFeeddXML_html_attr_value(node.raw, "id") {
            bytes.append(0x20)
            Self.appendLowercased(value, to: &bytes)
        }
        self.bytes = bytes
    }

    private static func appendLowercased(_ text: UnsafePointer<CChar>, to bytes: inout [UInt8]) {
        var index = 0
        while text[index] != 0 {
            let b = UInt8(bitPattern: text[index])
            bytes.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
            index += 1
        }
    }

    var isEmpty: Bool { bytes.isEmpty }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Substring test; `needle` is lowercase ASCII.
    func contains(_ needle: String) -> Bool {
        var needle = needle
        return needle.withUTF8 { n in
            bytes.withUnsafeBufferPointer { h in
                guard n.count > 0, n.count <= h.count else { return n.count == 0 }
                let first = n[0]
                var i = 0
                let last = h.count - n.count
                while i <= last {
                    if h[i] == first {
                        var k = 1
                        while k < n.count, h[i + k] == n[k] { k += 1 }
                        if k == n.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }

    func equals(_ other: String) -> Bool { bytes.elementsEqual(other.utf8) }

    /// Whether a letter-only word of the key (`node__meta` gives `node`, `meta`) is one of `words` (lowercase ASCII).
    func containsWord(in words: [[UInt8]]) -> Bool {
        bytes.withUnsafeBufferPointer { b in
            var start = -1
            for i in 0...b.count {
                let isLetter = i < b.count && ((b[i] >= 0x61 && b[i] <= 0x7A) || b[i] >= 0x80)
                if isLetter {
                    if start < 0 { start = i }
                } else if start >= 0 {
                    let length = i - start
                    for word in words where word.count == length {
                        var k = 0
                        while k < length, word[k] == b[start + k] { k += 1 }
                        if k == length { return true }
                    }
                    start = -1
                }
            }
            return false
        }
    }
}

/// Many lowercase substrings tested at once against a `ClassKey`: patterns are bucketed by first byte,
/// so a key is scanned once instead of once per pattern.
struct PatternSet: Sendable {
    private let buckets: [[[UInt8]]]

    init(_ patterns: [String]) {
        var buckets = [[[UInt8]]](repeating: [], count: 256)
        for pattern in patterns where !pattern.isEmpty {
            let bytes = Array(pattern.utf8)
            buckets[Int(bytes[0])].append(bytes)
        }
        self.buckets = buckets
    }

    func matches(_ key: ClassKey) -> Bool {
        key.bytes.withUnsafeBufferPointer { h in
            for i in 0..<h.count {
                for pattern in buckets[Int(h[i])] where pattern.count <= h.count - i {
                    var k = 1
                    while k < pattern.count, h[i + k] == pattern[k] { k += 1 }
                    if k == pattern.count { return true }
                }
            }
            return false
        }
    }
}
