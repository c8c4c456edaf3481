/// The near-duplicate lookup structure: the 64 fingerprint bits are cut into blocks (4 of 16 bits), and each
/// block has a table of chains linking the records whose fingerprints have the same value in that block.
/// Two fingerprints within 3 bits agree exactly on at least one of 4 blocks (pigeonhole), so walking the 4
/// chains of a fingerprint visits every candidate up to distance 3; pairs 4, 5 or 6 bits apart still share a
/// block with probability 0.90, 0.74 and 0.58. With a million entries a chain holds about 15 records.
///
/// Memory: per block, 2^width heads (width ≤ 20 bits) and one 4-byte link per record.
struct SimHashBuckets {
    let blockCount: Int
    private let starts: [Int]
    private let widths: [Int]
    private let headBits: [Int]
    /// heads[block][bucket] = first record + 1, or 0.
    private var heads: [[UInt32]]
    /// links[block][record] = next record + 1 in the same chain, or 0.
    private var links: [[UInt32]]

    static let maximumHeadBits = 20

    init(blocks: Int = 4, maximumHeadBits: Int = Self.maximumHeadBits) {
        blockCount = max(1, min(blocks, 8))
        var starts: [Int] = []
        var widths: [Int] = []
        for block in 0..<blockCount {
            let start = block * 64 / blockCount
            starts.append(start)
            widths.append((block + 1) * 64 / blockCount - start)
        }
        self.starts = starts
        self.widths = widths
        headBits = widths.map { min($0, maximumHeadBits) }
        heads = headBits.map { [UInt32](repeating: 0, count: 1 << $0) }
        links = Array(repeating: [], count: blockCount)
    }

    var memoryBytes: Int {
        heads.reduce(0) { $0 + $1.capacity * 4 } + links.reduce(0) { $0 + $1.capacity * 4 }
    }

    var fixedMemoryBytes: Int { heads.reduce(0) { $0 + $1.capacity * 4 } }

    @inline(__always)
    func bucket(_ fingerprint: UInt64, block: Int) -> Int {
        let width = widths[block]
        let value = width == 64 ? fingerprint : (fingerprint >> UInt64(starts[block])) & ((1 << UInt64(width)) - 1)
        let bits = headBits[block]
        if width <= bits { return Int(value) }
        // Wide blocks (small thresholds) share heads; the candidate check sorts them out.
        return Int((value &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bits))
    }

    /// Makes room for records up to `count` (links are indexed by record).
    mutating func reserve(records count: Int) {
        for block in 0..<blockCount where links[block].capacity < count {
            links[block].reserveCapacity(count)
        }
    }

    /// Extends the link arrays to cover `record` (records without a fingerprint get an unused 0 link).
    mutating func ensure(record: Int, growth: (Int) -> Int) {
        for block in 0..<blockCount {
            if links[block].count <= record {
                if links[block].capacity <= record { links[block].reserveCapacity(growth(record + 1)) }
                while links[block].count <= record { links[block].append(0) }
            }
        }
    }

    mutating func link(_ record: Int, fingerprint: UInt64) {
        for block in 0..<blockCount {
            let bucket = bucket(fingerprint, block: block)
            links[block][record] = heads[block][bucket]
            heads[block][bucket] = UInt32(record + 1)
        }
    }

    mutating func unlink(_ record: Int, fingerprint: UInt64) {
        for block in 0..<blockCount {
            let bucket = bucket(fingerprint, block: block)
            var previous = 0
            var current = Int(heads[block][bucket])
            while current != 0 && current != record + 1 {
                previous = current
                current = Int(links[block][current - 1])
            }
            guard current != 0 else { continue }
            if previous == 0 {
                heads[block][bucket] = links[block][record]
            } else {
                links[block][previous - 1] = links[block][record]
            }
            links[block][record] = 0
        }
    }

    /// Calls `body` with every record in the chain of `fingerprint`'s block `block`; stops when it returns false.
    @inline(__always)
    func forEachInChain(_ fingerprint: UInt64, block: Int, _ body: (Int) -> Bool) {
        var current = Int(heads[block][bucket(fingerprint, block: block)])
        links[block].withUnsafeBufferPointer { next in
            while current != 0 {
                guard body(current - 1) else { return }
                current = Int(next[current - 1])
            }
        }
    }
}
