@testable import FeeddContent
import Testing

/// The open-addressing table must agree with a Dictionary through growth and overwrites.
@Suite struct PointerTableTests {
    /// Distinct, pointer-aligned fake addresses: the table only compares and hashes them, never dereferences.
    static func key(_ n: Int) -> OpaquePointer { OpaquePointer(bitPattern: 0x1000 + n * 16)! }

    @Test func agreesWithDictionaryThroughGrowth() {
        var table = PointerTable<Int>(capacity: 2)
        var reference: [Int: Int] = [:]
        for n in 0..<5000 {
            table[Self.key(n)] = n * 3
            reference[n] = n * 3
        }
        // Overwrites keep the count and change the value.
        for n in stride(from: 0, to: 5000, by: 7) {
            table[Self.key(n)] = -n
            reference[n] = -n
        }
        #expect(table.count == reference.count)
        for n in 0..<5000 { #expect(table[Self.key(n)] == reference[n]) }
        #expect(table[Self.key(5000)] == nil)
        #expect(table[Self.key(-1)] == nil)
    }

    @Test func emptyTableFindsNothing() {
        let table = PointerTable<String>()
        #expect(table.count == 0)
        #expect(table[Self.key(1)] == nil)
    }

    @Test func statsTableKeepsPerElementStats() throws {
        let html = Array("<html><body><div><p>One, two, three.</p><a href=x>link</a></div></body></html>".utf8)
        let document = try HTMLDocument(bytes: html, contentType: "text/html; charset=utf-8")
        let root = try #require(document.root)
        let stats = TextMeasure.stats(of: root)
        let div = try #require(root.descendantElements.first { $0.name == "div" })
        let p = try #require(root.descendantElements.first { $0.name == "p" })
        #expect(stats[div]?.text == 20)
        #expect(stats[div]?.link == 4)
        #expect(stats[div]?.paragraphs == 1)
        #expect(stats[p]?.commas == 2)
        #expect(stats[root]?.text == 20)
    }
}
