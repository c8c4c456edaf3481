import Testing

@testable import FeeddCore

@Suite struct SimHashStableHashTests {
    /// Values are frozen: ids and fingerprints in existing journals depend on them.
    @Test func frozenValues() {
        #expect(Fingerprint.hex(StableHash.hash64("")) == "9353dfc8a195f3e2")
        #expect(Fingerprint.hex(StableHash.hash64("a")) == "fe8ec13eb778d85b")
        #expect(Fingerprint.hex(StableHash.hash64("https://example.com/2026/11/story")) == "3db84e677e10c947")
        #expect(Fingerprint.hex(StableHash.hash64(parts: ["a", "bc"])) == "598f74ff2d8afbdc")
    }

    @Test func distinguishesLengthsAndSplits() {
        #expect(StableHash.hash64("a") != StableHash.hash64("a\u{0}"))
        #expect(StableHash.hash64("12345678") != StableHash.hash64("123456789"))
        #expect(StableHash.hash64(parts: ["a", "bc"]) != StableHash.hash64(parts: ["ab", "c"]))
        #expect(StableHash.hash64("x", seed: 1) != StableHash.hash64("x", seed: 2))
    }

    @Test func noCollisionsAndBalancedBitsOnManyKeys() {
        var seen = Set<UInt64>()
        var ones = [Int](repeating: 0, count: 64)
        let count = 50_000
        for index in 0..<count {
            let hash = StableHash.hash64("https://example.com/article/\(index)")
            seen.insert(hash)
            for bit in 0..<64 where hash & (1 << UInt64(bit)) != 0 { ones[bit] += 1 }
        }
        #expect(seen.count == count)
        // Each bit is set about half the time (binomial: 5 standard deviations is about ±560).
        #expect(ones.allSatisfy { abs($0 - count / 2) < 600 })
    }

    @Test func oneBitChangesAboutHalfTheOutput() {
        var total = 0
        for index in 0..<1000 {
            let a = StableHash.hash64("key-\(index)-a")
            let b = StableHash.hash64("key-\(index)-b")
            total += SimHash.hammingDistance(a, b)
        }
        #expect(abs(total / 1000 - 32) <= 2)
    }
}
