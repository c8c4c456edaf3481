/// A hash table from node handles to values, for the extractor's per-element tables: open addressing with linear
/// probing and a multiplicative hash of the address. `Dictionary` runs SipHash for every key, which cost more than
/// measuring the text being stored. Keys are only added, never removed.
struct PointerTable<Value> {
    private var keys: [OpaquePointer?]
    private var values: [Value?]
    private(set) var count = 0

    /// Room for `capacity` keys before the first growth.
    init(capacity: Int = 32) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: nil, count: size)
        values = Array(repeating: nil, count: size)
    }

    /// Setting nil is not supported (keys are never removed).
    subscript(key: OpaquePointer) -> Value? {
        get {
            let slot = find(key)
            return keys[slot] == nil ? nil : values[slot]
        }
        set {
            guard let newValue else { preconditionFailure("PointerTable never removes keys") }
            let slot = find(key)
            if keys[slot] == nil {
                keys[slot] = key
                count += 1
            }
            values[slot] = newValue
            // At most half full keeps probe runs short.
            if count * 2 > keys.count { grow() }
        }
    }

    /// The slot holding `key`, or the empty slot where it would go.
    private func find(_ key: OpaquePointer) -> Int {
        let mask = keys.count - 1
        // Fibonacci hashing: the high bits of the product mix every bit of the address, alignment zeros included.
        let address = UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(key)))
        var slot = Int(truncatingIfNeeded: (address &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        while let stored = keys[slot], stored != key { slot = (slot + 1) & mask }
        return slot
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        keys = Array(repeating: nil, count: oldKeys.count * 2)
        values = Array(repeating: nil, count: oldKeys.count * 2)
        count = 0
        for (slot, key) in oldKeys.enumerated() {
            if let key, let value = oldValues[slot] { self[key] = value }
        }
    }
}
