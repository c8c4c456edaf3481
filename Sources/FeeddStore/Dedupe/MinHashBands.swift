import FeeddCore

/// The containment lookup: locality-sensitive banding over MinHash sketches (`MinHashSketch`), and per record
/// 8 bits of each of the 32 bins and the shingle count, to estimate resemblance and containment of candidates.
///
/// Band b hashes bins 2b and 2b+1 (16 bits each) to one of 2^17 chain heads; the 8 bands use bins 0–15. Two
/// texts of resemblance J share a band with probability 1 − (1 − J²)⁸: 0.90 at J = 0.5, 0.97 at 0.6, 0.9987
/// at 0.7, while unrelated texts (J about 0.001) almost never do. A chain walk skips the records whose 8-bit
/// values of the band's two bins differ from the query's (other keys that share the head).
///
/// Memory per record: 32 bytes of bins, 2 of shingle count, 8 × 4 of chain links; 4 MiB of heads in all.
/// A record's sketch is the one it was first linked with: links cannot be undone without the 16-bit values,
/// and a revision's text is close to its first version's.
struct MinHashBands {
    static let bandCount = 8
    static let headBits = 17

    /// Low 8 bits of each bin, by record (zero for records never linked).
    private(set) var sketches: [SIMD32<UInt8>] = []
    /// Shingle features, by record.
    private(set) var sizes: [UInt16] = []
    /// heads[band][bucket] = first record + 1, or 0.
    private var heads: [[UInt32]]
    /// links[band][record] = next record + 1 in the same chain, or 0.
    private var links: [[UInt32]]

    init() {
        heads = Array(repeating: [UInt32](repeating: 0, count: 1 << Self.headBits), count: Self.bandCount)
        links = Array(repeating: [], count: Self.bandCount)
    }

    var memoryBytes: Int {
        fixedMemoryBytes + links.reduce(0) { $0 + $1.capacity * 4 } + sketches.capacity * 32 + sizes.capacity * 2
    }

    var fixedMemoryBytes: Int { heads.reduce(0) { $0 + $1.capacity * 4 } }

    var linkMemoryBytes: Int { links.reduce(0) { $0 + $1.capacity * 4 } }

    var sketchMemoryBytes: Int { sketches.capacity * 32 + sizes.capacity * 2 }

    @inline(__always)
    static func bucket(_ bins: SIMD32<UInt16>, band: Int) -> Int {
        let key = UInt64(bins[2 * band]) | UInt64(bins[2 * band + 1]) << 16 | UInt64(band) << 32
        return Int(StableHash.avalanche(key) >> UInt64(64 - headBits))
    }

    @inline(__always)
    static func lowBytes(_ bins: SIMD32<UInt16>) -> SIMD32<UInt8> { SIMD32<UInt8>(truncatingIfNeeded: bins) }

    /// Makes room for records up to `count`.
    mutating func reserve(records count: Int) {
        for band in 0..<Self.bandCount where links[band].capacity < count { links[band].reserveCapacity(count) }
        if sketches.capacity < count { sketches.reserveCapacity(count) }
        if sizes.capacity < count { sizes.reserveCapacity(count) }
    }

    /// Extends the per-record arrays to cover `record` (unlinked records get zeros).
    mutating func ensure(record: Int, growth: (Int) -> Int) {
        if sketches.count <= record {
            if sketches.capacity <= record { reserve(records: growth(record + 1)) }
            while sketches.count <= record {
                sketches.append(.zero)
                sizes.append(0)
                for band in 0..<Self.bandCount { links[band].append(0) }
            }
        }
    }

    mutating func link(_ record: Int, sketch: MinHashSketch) {
        sketches[record] = Self.lowBytes(sketch.bins)
        sizes[record] = UInt16(clamping: sketch.shingles)
        for band in 0..<Self.bandCount {
            let bucket = Self.bucket(sketch.bins, band: band)
            links[band][record] = heads[band][bucket]
            heads[band][bucket] = UInt32(record + 1)
        }
    }

    /// Number of bins on which `record` agrees with `query` (8 bits each).
    @inline(__always)
    func matches(_ record: Int, _ query: SIMD32<UInt8>) -> Int {
        Int(SIMD32<UInt8>.zero.replacing(with: 1, where: sketches[record] .== query).wrappedSum())
    }

    /// Calls `body` with every record that shares a band with `sketch` (a record once per band it shares).
    func forEachCandidate(_ sketch: MinHashSketch, _ body: (Int) -> Void) {
        let query = Self.lowBytes(sketch.bins)
        sketches.withUnsafeBufferPointer { stored in
            for band in 0..<Self.bandCount {
                let first = query[2 * band]
                let second = query[2 * band + 1]
                var current = Int(heads[band][Self.bucket(sketch.bins, band: band)])
                links[band].withUnsafeBufferPointer { next in
                    while current != 0 {
                        let record = current - 1
                        if stored[record][2 * band] == first, stored[record][2 * band + 1] == second { body(record) }
                        current = Int(next[record])
                    }
                }
            }
        }
    }
}
