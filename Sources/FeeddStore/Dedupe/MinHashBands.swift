import FeeddCore

/// The containment lookup: locality-sensitive banding over MinHash sketches (`MinHashSketch`), and per record
/// 8 bits of each of the 32 bins and the shingle count, to estimate resemblance and containment of candidates.
///
/// Band b hashes bins 2b and 2b+1 (16 bits each) to one of 2^17 chain heads; the 8 bands use bins 0–15. Two
/// texts of resemblance J share a band with probability 1 − (1 − J²)⁸: 0.90 at J = 0.5, 0.97 at 0.6, 0.9987
/// at 0.7, while unrelated texts (J about 0.001) almost never do. A chain walk skips the records whose 8-bit
/// values of the band's two bins differ from the query's (other keys that share the head).
///
/// Memory per record: one 64-byte entry (32 bytes of bins, then the 8 chain links), so a chain walk reads
/// one entry per record it passes, plus 2 bytes of shingle count; 4 MiB of heads in all. A record's sketch is
/// the one it was first linked with: links cannot be undone without the 16-bit values, and a revision's
/// text is close to its first version's.
struct MinHashBands {
    static let bandCount = 8
    /// Chain heads per band: 2^17 for the index, far fewer for the few articles waiting for the journal.
    static let headBits = 17
    let headBits: Int
    /// UInt32 words per record entry: 8 of bins (32 bytes), 8 of links.
    static let entryWords = 16

    /// Per record: 8 words of bins (low 8 bits of each of the 32 bins; zero for records never linked), then
    /// per band the next record + 1 in the same chain, or 0.
    private var entries: [UInt32] = []
    /// Shingle features, by record.
    private(set) var sizes: [UInt16] = []
    /// heads[band << headBits | bucket] = first record + 1, or 0.
    private var heads: [UInt32]

    init(headBits: Int = Self.headBits) {
        self.headBits = headBits
        heads = [UInt32](repeating: 0, count: Self.bandCount << headBits)
    }

    var count: Int { sizes.count }

    var memoryBytes: Int { fixedMemoryBytes + entries.capacity * 4 + sizes.capacity * 2 }

    var fixedMemoryBytes: Int { heads.capacity * 4 }

    /// The links' half of the entries.
    var linkMemoryBytes: Int { entries.capacity * 2 }

    /// The bins' half of the entries, and the sizes.
    var sketchMemoryBytes: Int { entries.capacity * 2 + sizes.capacity * 2 }

    /// The 8-bit bins of every record, for tests that compare two indexes.
    var sketches: [SIMD32<UInt8>] { (0..<count).map { record in sketch(record) } }

    func sketch(_ record: Int) -> SIMD32<UInt8> {
        entries.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: record * Self.entryWords * 4, as: SIMD32<UInt8>.self) }
    }

    @inline(__always)
    func bucket(_ bins: SIMD32<UInt16>, band: Int) -> Int {
        let key = UInt64(bins[2 * band]) | UInt64(bins[2 * band + 1]) << 16 | UInt64(band) << 32
        return band << headBits | Int(StableHash.avalanche(key) >> UInt64(64 - headBits))
    }

    @inline(__always)
    static func lowBytes(_ bins: SIMD32<UInt16>) -> SIMD32<UInt8> { SIMD32<UInt8>(truncatingIfNeeded: bins) }

    /// Makes room for records up to `count`.
    mutating func reserve(records count: Int) {
        if entries.capacity < count * Self.entryWords { entries.reserveCapacity(count * Self.entryWords) }
        if sizes.capacity < count { sizes.reserveCapacity(count) }
    }

    /// Extends the per-record arrays to cover `record` (unlinked records get zeros).
    mutating func ensure(record: Int, growth: (Int) -> Int) {
        guard sizes.count <= record else { return }
        if sizes.capacity <= record || entries.capacity < (record + 1) * Self.entryWords {
            reserve(records: growth(record + 1))
        }
        let missing = record + 1 - sizes.count
        sizes.append(contentsOf: repeatElement(0, count: missing))
        entries.append(contentsOf: repeatElement(0, count: missing * Self.entryWords))
    }

    mutating func link(_ record: Int, sketch: MinHashSketch) {
        sizes[record] = UInt16(clamping: sketch.shingles)
        let low = Self.lowBytes(sketch.bins)
        let base = record * Self.entryWords
        let buckets = (0..<Self.bandCount).map { bucket(sketch.bins, band: $0) }
        entries.withUnsafeMutableBufferPointer { entries in
            UnsafeMutableRawPointer(entries.baseAddress! + base).storeBytes(of: low, as: SIMD32<UInt8>.self)
            heads.withUnsafeMutableBufferPointer { heads in
                for (band, bucket) in buckets.enumerated() {
                    entries[base + 8 + band] = heads[bucket]
                    heads[bucket] = UInt32(record + 1)
                }
            }
        }
    }

    /// Number of bins on which `record` agrees with `query` (8 bits each).
    @inline(__always)
    func matches(_ record: Int, _ query: SIMD32<UInt8>) -> Int {
        Int(SIMD32<UInt8>.zero.replacing(with: 1, where: sketch(record) .== query).wrappedSum())
    }

    /// Calls `body` with every record that shares a band with `sketch` (a record once per band it shares).
    func forEachCandidate(_ sketch: MinHashSketch, _ body: (Int) -> Void) {
        let query = Self.lowBytes(sketch.bins)
        entries.withUnsafeBufferPointer { entries in
            let bytes = UnsafeRawPointer(entries.baseAddress!)
            for band in 0..<Self.bandCount {
                // The band's two 8-bit bins, as one 16-bit word of the entry.
                let pair = UInt16(query[2 * band]) | UInt16(query[2 * band + 1]) << 8
                var current = Int(heads[bucket(sketch.bins, band: band)])
                while current != 0 {
                    let record = current - 1
                    let entry = record * Self.entryWords
                    if bytes.loadUnaligned(fromByteOffset: entry * 4 + 2 * band, as: UInt16.self) == pair {
                        body(record)
                    }
                    current = Int(entries[entry + 8 + band])
                }
            }
        }
    }
}
