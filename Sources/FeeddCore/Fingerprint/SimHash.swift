/// 64-bit SimHash (Charikar) over word shingles: texts that share most of their 3-word sequences get
/// fingerprints that differ in few bits, so near-duplicates are found by Hamming distance.
///
/// Features are overlapping 2-word shingles of normalized words (`WordScanner`), each hashed to 64 well-mixed
/// bits and counted with equal weight; bit i of the fingerprint is set when more than half of the shingles
/// have it set. The value is stored in the journal, so the recipe is frozen.
package enum SimHash {
    /// Words per shingle. Two keeps local word order (texts with the same vocabulary in another order are far
    /// apart) while one changed word touches only two features; with three, a single-word edit in a
    /// 400-word text moves the fingerprint past 3 bits about a quarter of the time (docs/DEDUPE.md).
    package static let shingleWords = 2

    /// The fingerprint of `text`; 0 for a text without words.
    package static func fingerprint(_ text: String) -> UInt64 {
        TextDigest(text).simhash
    }

    /// Number of differing bits.
    @inline(__always)
    package static func hammingDistance(_ a: UInt64, _ b: UInt64) -> Int {
        (a ^ b).nonzeroBitCount
    }

    /// The feature hash of one shingle (oldest word first).
    @inline(__always)
    static func shingle(_ first: UInt64, _ second: UInt64, _ third: UInt64) -> UInt64 {
        StableHash.avalanche(
            StableHash.step(StableHash.step(StableHash.step(StableHash.prime5, first), second), third))
    }

    /// Per-bit counters. Bits are counted eight at a time with a 256-entry table of 8-lane vectors,
    /// so one feature costs eight vector additions instead of 64 scalar ones.
    struct Accumulator {
        private var lanes: (
            SIMD8<UInt16>, SIMD8<UInt16>, SIMD8<UInt16>, SIMD8<UInt16>,
            SIMD8<UInt16>, SIMD8<UInt16>, SIMD8<UInt16>, SIMD8<UInt16>
        ) = (.zero, .zero, .zero, .zero, .zero, .zero, .zero, .zero)
        /// Counts flushed from `lanes` before they could overflow (texts over 65,535 shingles).
        private var spilled: [Int]? = nil
        private var pending = 0
        private(set) var features = 0

        static let expansion: [SIMD8<UInt16>] = (0..<256).map { byte in
            var lanes = SIMD8<UInt16>.zero
            for bit in 0..<8 where byte & (1 << bit) != 0 { lanes[bit] = 1 }
            return lanes
        }

        /// `table` is `expansion`, fetched once by the caller (reading a global on every feature costs).
        @inline(__always)
        mutating func add(_ feature: UInt64, table: UnsafeBufferPointer<SIMD8<UInt16>>) {
            do {
                lanes.0 &+= table[Int(feature & 0xFF)]
                lanes.1 &+= table[Int((feature >> 8) & 0xFF)]
                lanes.2 &+= table[Int((feature >> 16) & 0xFF)]
                lanes.3 &+= table[Int((feature >> 24) & 0xFF)]
                lanes.4 &+= table[Int((feature >> 32) & 0xFF)]
                lanes.5 &+= table[Int((feature >> 40) & 0xFF)]
                lanes.6 &+= table[Int((feature >> 48) & 0xFF)]
                lanes.7 &+= table[Int((feature >> 56) & 0xFF)]
            }
            features += 1
            pending += 1
            if pending == Int(UInt16.max) { spill() }
        }

        private mutating func spill() {
            var totals = spilled ?? [Int](repeating: 0, count: 64)
            let all = [lanes.0, lanes.1, lanes.2, lanes.3, lanes.4, lanes.5, lanes.6, lanes.7]
            for (group, lane) in all.enumerated() {
                for bit in 0..<8 { totals[group * 8 + bit] += Int(lane[bit]) }
            }
            spilled = totals
            lanes = (.zero, .zero, .zero, .zero, .zero, .zero, .zero, .zero)
            pending = 0
        }

        var fingerprint: UInt64 {
            guard features > 0 else { return 0 }
            var copy = self
            copy.spill()
            let totals = copy.spilled!
            var result: UInt64 = 0
            for bit in 0..<64 where totals[bit] * 2 > features {
                result |= 1 << UInt64(bit)
            }
            return result
        }
    }
}
