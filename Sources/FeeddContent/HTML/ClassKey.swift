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
        (classValue.map { Self.word(in: $0, words) } ?? false) || (idValue.map { Self.word(in: $0, words) } ?? false)
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

/// Many lowercase substrings tested at once against a `ClassKey`: patterns are grouped by first byte, so a key is
/// scanned once instead of once per pattern. The patterns sit in one flat byte array (no nested arrays to retain
/// and bounds-check per probe): this test runs several times for every element with a class or id.
struct PatternSet: Sendable {
    /// All patterns, concatenated, grouped by first byte.
    private let bytes: [UInt8]
    /// Start of each pattern in `bytes`, in the same order, and one past the last.
    private let starts: [Int]
    /// The patterns starting with byte `b` are `starts` indices `groups[b]..<groups[b + 1]`.
    private let groups: [Int]

    init(_ patterns: [String]) {
        let sorted = patterns.filter { !$0.isEmpty }.map { Array($0.utf8) }.sorted { $0[0] < $1[0] }
        var bytes: [UInt8] = []
        var starts: [Int] = []
        var groups = [Int](repeating: 0, count: 257)
        for pattern in sorted {
            starts.append(bytes.count)
            bytes += pattern
            groups[Int(pattern[0]) + 1] += 1
        }
        starts.append(bytes.count)
        for b in 0..<256 { groups[b + 1] += groups[b] }
        self.bytes = bytes
        self.starts = starts
        self.groups = groups
    }

    func matches(_ key: ClassKey) -> Bool {
        (key.classValue.map(matches) ?? false) || (key.idValue.map(matches) ?? false)
    }

    private func matches(_ h: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { bytes in
            starts.withUnsafeBufferPointer { starts in
                groups.withUnsafeBufferPointer { groups in
                    for i in 0..<h.count {
                        let first = Int(ClassKey.lower(h[i]))
                        var p = groups[first]
                        let end = groups[first + 1]
                        while p < end {
                            let start = starts[p]
                            let count = starts[p + 1] - start
                            p += 1
                            guard count <= h.count - i else { continue }
                            var k = 1
                            while k < count, ClassKey.lower(h[i + k]) == bytes[start + k] { k += 1 }
                            if k == count { return true }
                        }
                    }
                    return false
                }
            }
        }
    }
}
