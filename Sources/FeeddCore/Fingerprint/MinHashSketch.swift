/// A one-permutation MinHash sketch of a text's 3-word shingles: 32 bins of 16 bits, and the number of
/// shingle features. Two sketches estimate the resemblance (Jaccard) of the two shingle sets, and with their
/// sizes the containment of the smaller in the larger: what finds a wire story's trimmed, re-led or credited
/// copies, which a whole-text SimHash places too far away (docs/DEDUPE.md §3).
///
/// Each shingle hash picks its bin with its top 5 bits and competes for the bin's minimum with the rest;
/// the bin keeps 16 other bits of the winner. Empty bins (texts of few shingles) borrow the next filled bin's
/// winner, mixed with the distance (rotation densification), so equal texts still agree on every bin.
/// Shingles that contain a digit count three times: templated reports (markets, weather, police logs) share
/// their sentences and differ in their figures, copies keep the figures. The value is stored in the journal
/// (`minhash`, `shingles`), so the recipe is frozen (a test pins a value).
package struct MinHashSketch: Sendable, Equatable {
    package static let binCount = 32
    package static let shingleWords = 3
    /// Features per shingle that contains a digit.
    static let digitWeight = 3

    /// The 16-bit value of each bin.
    package var bins: SIMD32<UInt16>
    /// Shingle features hashed (digit shingles three times), capped at 65,535: the size of the set.
    package var shingles: Int

    package init(bins: SIMD32<UInt16>, shingles: Int) {
        self.bins = bins
        self.shingles = shingles
    }

    package static let empty = MinHashSketch(bins: .zero, shingles: 0)

    /// Estimated Jaccard resemblance from the fraction of equal bins, corrected for chance agreement of
    /// `bits`-bit values (the index keeps 8 bits of each bin).
    package static func resemblance(matches: Int, bits: Int) -> Double {
        let chance = 1.0 / Double(1 << bits)
        return max(0, (Double(matches) / Double(binCount) - chance) / (1 - chance))
    }

    /// The containment of the smaller set in the larger implied by resemblance `jaccard` and the set sizes:
    /// |A ∩ B| = J (|A| + |B|) / (1 + J), divided by the smaller size; at most 1.
    package static func containment(jaccard: Double, _ sizeA: Int, _ sizeB: Int) -> Double {
        let smaller = max(1, min(sizeA, sizeB))
        return min(1, jaccard * Double(sizeA + sizeB) / ((1 + jaccard) * Double(smaller)))
    }

    /// Number of equal bins.
    package func matches(_ other: MinHashSketch) -> Int {
        var count = 0
        for bin in 0..<Self.binCount where bins[bin] == other.bins[bin] { count += 1 }
        return count
    }

    /// 128 lowercase hex digits, bin 0 first, as the journal stores them.
    package var hex: String {
        var digits = [UInt8]()
        digits.reserveCapacity(128)
        let table = Array("0123456789abcdef".utf8)
        for bin in 0..<Self.binCount {
            let value = bins[bin]
            for shift in stride(from: 12, through: 0, by: -4) { digits.append(table[Int(value >> UInt16(shift)) & 15]) }
        }
        return String(decoding: digits, as: UTF8.self)
    }

    /// Reads `hex`'s form back; nil unless exactly 128 hex digits.
    package init?(hex: String, shingles: Int) {
        var hex = hex
        guard let sketch = hex.withUTF8({ MinHashSketch(hexBytes: UnsafeRawBufferPointer($0), shingles: shingles) })
        else { return nil }
        self = sketch
    }

    /// Reads 128 hex digits from raw bytes (a journal line, without building a String); nil unless exactly that.
    package init?(hexBytes bytes: UnsafeRawBufferPointer, shingles: Int) {
        guard bytes.count == 128 else { return nil }
        let parsed = withUnsafeTemporaryAllocation(of: UInt16.self, capacity: Self.binCount) { values -> SIMD32<UInt16>? in
            for bin in 0..<Self.binCount {
                var value: UInt16 = 0
                for offset in 0..<4 {
                    let byte = bytes[bin * 4 + offset]
                    let digit: UInt8
                    switch byte {
                    case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte &- UInt8(ascii: "0")
                    case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte &- UInt8(ascii: "a") &+ 10
                    case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte &- UInt8(ascii: "A") &+ 10
                    default: return nil
                    }
                    value = value << 4 | UInt16(digit)
                }
                values[bin] = value
            }
            return UnsafeRawPointer(values.baseAddress!).loadUnaligned(as: SIMD32<UInt16>.self)
        }
        guard let bins = parsed else { return nil }
        self.init(bins: bins, shingles: max(0, min(shingles, Int(UInt16.max))))
    }

    /// Collects shingle minima while `TextDigest` walks the words.
    struct Builder {
        /// Per bin, the smallest shingle hash seen (UInt64.max: none yet); stack memory owned by `with`.
        private let minima: UnsafeMutablePointer<UInt64>
        private var features = 0

        /// Runs `body` with a builder whose bins live on the stack (a SIMD vector indexed by a variable is
        /// spilled and reloaded whole on every feature).
        static func with<Result>(_ body: (inout Builder) -> Result) -> Result {
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: MinHashSketch.binCount) { buffer in
                buffer.initialize(repeating: .max)
                var builder = Builder(minima: buffer.baseAddress!)
                return body(&builder)
            }
        }

        private init(minima: UnsafeMutablePointer<UInt64>) { self.minima = minima }

        /// Adds the shingle of the last three words: `pair` is SimHash's hash of the last two (already mixed),
        /// `first` the word before them; `digits` tells whether any of the three has a digit. Reusing the pair
        /// hash makes a shingle cost one multiply and a finalizer.
        @inline(__always)
        mutating func add(pair: UInt64, first: UInt64, digits: Bool) {
            let feature = StableHash.avalanche(pair &+ first &* StableHash.prime2)
            offer(feature)
            if digits {
                for copy in 1..<MinHashSketch.digitWeight { offer(StableHash.avalanche(feature &+ UInt64(copy))) }
            }
        }

        @inline(__always)
        private mutating func offer(_ feature: UInt64) {
            let bin = Int(feature >> 59)
            if feature < minima[bin] { minima[bin] = feature }
            features &+= 1
        }

        var sketch: MinHashSketch {
            guard features > 0 else { return .empty }
            var bins = SIMD32<UInt16>.zero
            for bin in 0..<MinHashSketch.binCount {
                var distance = 0
                while minima[(bin + distance) % MinHashSketch.binCount] == .max { distance += 1 }
                let winner = minima[(bin + distance) % MinHashSketch.binCount]
                // The low 16 bits are independent of the bits that chose the bin and the minimum.
                bins[bin] = distance == 0 ? UInt16(truncatingIfNeeded: winner)
                    : UInt16(truncatingIfNeeded: StableHash.avalanche(winner &+ UInt64(distance)))
            }
            return MinHashSketch(bins: bins, shingles: min(features, Int(UInt16.max)))
        }
    }
}
