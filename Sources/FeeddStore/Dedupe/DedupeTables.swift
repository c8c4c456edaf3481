import FeeddCore

/// Open-addressing hash tables (linear probing) that map 64-bit keys to record numbers in as few bytes as
/// possible. Capacities are not powers of two: a key's home slot is `(key * capacity) >> 64`, so the table
/// can grow by 1.3× and stay densely filled (between 68% and 88%). Neither table supports removal; the index is rebuilt instead.
enum DedupeTableGeometry {
    /// Grow when the load would pass this.
    static let maximumLoad = 0.88
    /// Load a freshly sized table aims for.
    static let targetLoad = 0.8

    static func capacity(for count: Int) -> Int { max(16, Int((Double(count) / targetLoad).rounded(.up))) }

    @inline(__always)
    static func home(_ hash: UInt64, _ capacity: Int) -> Int {
        Int(truncatingIfNeeded: hash.multipliedFullWidth(by: UInt64(capacity)).high)
    }

    /// Bits needed to hold any `record + 1` for a table of `capacity` slots (records never outnumber slots).
    static func recordBits(_ capacity: Int) -> Int { max(1, Int.bitWidth - capacity.leadingZeroBitCount) }
}

/// id → record, in 4-byte slots. The key is not stored: the record's id is (in the index's `ids` array).
/// Each slot holds `record + 1` in its low bits and low bits of the id above them as a tag, so a probe
/// only reads `ids` when the tag matches.
struct IDTable {
    private(set) var slots: [UInt32]
    private(set) var count = 0
    private var recordBits: Int
    private var recordMask: UInt32

    init(minimumCount: Int = 0) {
        let capacity = DedupeTableGeometry.capacity(for: minimumCount)
        slots = [UInt32](repeating: 0, count: capacity)
        recordBits = DedupeTableGeometry.recordBits(capacity)
        recordMask = recordBits >= 32 ? UInt32.max : (1 << UInt32(recordBits)) - 1
    }

    var memoryBytes: Int { slots.capacity * MemoryLayout<UInt32>.stride }

    @inline(__always)
    private func tag(_ key: UInt64) -> UInt32 {
        // Low key bits: the home slot already comes from the high ones.
        UInt32(truncatingIfNeeded: key) & ~recordMask
    }

    func find(_ key: UInt64, ids: [UInt64]) -> Int? {
        let capacity = slots.count
        let wanted = tag(key)
        var index = DedupeTableGeometry.home(key, capacity)
        while true {
            let slot = slots[index]
            if slot == 0 { return nil }
            if slot & ~recordMask == wanted {
                let record = Int(slot & recordMask) - 1
                if ids[record] == key { return record }
            }
            index += 1
            if index == capacity { index = 0 }
        }
    }

    /// Adds a key the caller knows is absent.
    mutating func insert(_ key: UInt64, record: Int, ids: [UInt64]) {
        if Double(count + 1) > Double(slots.count) * DedupeTableGeometry.maximumLoad
            || record + 1 > Int(recordMask)
        {
            grow(to: max(slots.count + slots.count * 3 / 10, DedupeTableGeometry.capacity(for: count + 1)), ids: ids)
        }
        place(key, record: record)
        count += 1
    }

    private mutating func place(_ key: UInt64, record: Int) {
        let capacity = slots.count
        var index = DedupeTableGeometry.home(key, capacity)
        while slots[index] != 0 {
            index += 1
            if index == capacity { index = 0 }
        }
        slots[index] = tag(key) | UInt32(record + 1)
    }

    mutating func grow(to capacity: Int, ids: [UInt64]) {
        let old = slots
        let oldMask = recordMask
        slots = [UInt32](repeating: 0, count: capacity)
        recordBits = DedupeTableGeometry.recordBits(capacity)
        recordMask = recordBits >= 32 ? UInt32.max : (1 << UInt32(recordBits)) - 1
        for slot in old where slot != 0 {
            let record = Int(slot & oldMask) - 1
            place(ids[record], record: record)
        }
    }
}

/// Other key → record (guids, title-and-date keys, URLs an article moved to), in 8-byte slots.
/// The key is not stored anywhere else, so each slot keeps as many of its top bits as fit beside
/// `record + 1` (40 or more bits for up to 16 million records); home slots derive from those bits only, so
/// growing needs nothing but the slots. Two different keys sharing all kept bits would be confused:
/// about one in 10^12 per lookup at a million entries.
struct KeyTable {
    private(set) var slots: [UInt64]
    private(set) var count = 0
    private var recordBits: Int
    private var recordMask: UInt64

    init(minimumCount: Int = 0) {
        let capacity = DedupeTableGeometry.capacity(for: minimumCount)
        slots = [UInt64](repeating: 0, count: capacity)
        recordBits = max(24, DedupeTableGeometry.recordBits(capacity))
        recordMask = (1 << UInt64(recordBits)) - 1
    }

    var memoryBytes: Int { slots.capacity * MemoryLayout<UInt64>.stride }

    @inline(__always)
    private func fragment(_ key: UInt64) -> UInt64 { key >> UInt64(recordBits) }

    @inline(__always)
    private func home(ofFragment fragment: UInt64) -> Int {
        DedupeTableGeometry.home(StableHash.avalanche(fragment), slots.count)
    }

    func find(_ key: UInt64) -> Int? {
        let capacity = slots.count
        let wanted = fragment(key)
        var index = home(ofFragment: wanted)
        while true {
            let slot = slots[index]
            if slot == 0 { return nil }
            if slot >> UInt64(recordBits) == wanted { return Int(slot & recordMask) - 1 }
            index += 1
            if index == capacity { index = 0 }
        }
    }

    /// Adds a key the caller knows is absent.
    mutating func insert(_ key: UInt64, record: Int) {
        if Double(count + 1) > Double(slots.count) * DedupeTableGeometry.maximumLoad
            || UInt64(record + 1) > recordMask
        {
            grow(to: max(slots.count + slots.count * 3 / 10, DedupeTableGeometry.capacity(for: count + 1)))
        }
        place(fragment: fragment(key), record: record)
        count += 1
    }

    private mutating func place(fragment: UInt64, record: Int) {
        let capacity = slots.count
        var index = home(ofFragment: fragment)
        while slots[index] != 0 {
            index += 1
            if index == capacity { index = 0 }
        }
        slots[index] = fragment << UInt64(recordBits) | UInt64(record + 1)
    }

    mutating func grow(to capacity: Int) {
        let old = slots
        let oldBits = recordBits
        let oldMask = recordMask
        slots = [UInt64](repeating: 0, count: capacity)
        recordBits = max(24, DedupeTableGeometry.recordBits(capacity))
        recordMask = (1 << UInt64(recordBits)) - 1
        for slot in old where slot != 0 {
            // Re-derive the fragment for the (possibly wider) record field: drop the lowest kept key bits.
            let oldFragment = slot >> UInt64(oldBits)
            let newFragment = oldFragment >> UInt64(recordBits - oldBits)
            place(fragment: newFragment, record: Int(slot & oldMask) - 1)
        }
    }
}
