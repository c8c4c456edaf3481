/// A fixed set of short ASCII names (tags or attributes), numbered in the order given and looked up
/// case-insensitively straight from the bytes of a tag: the lowercased name is packed into two
/// words and found in a small open-addressing table. The sanitizer sees tens of thousands of tags
/// per feed; this replaces making, hashing and comparing a `String` for each tag and attribute.
struct NameTable: Sendable {
    /// Longest name a table holds; longer input is never found (the 16th byte keeps the length).
    static let maxLength = 15

    /// The names, lowercase, by number.
    let names: [[UInt8]]
    private let keys: [Key]
    /// Number + 1 of the name in each slot; 0 for an empty slot.
    private let slots: [UInt16]
    private let shift: UInt64

    init(_ names: [String]) {
        let lowered = names.map { Array($0.lowercased().utf8) }
        precondition(Set(lowered).count == lowered.count, "duplicate name")
        precondition(lowered.count < Int(UInt16.max))
        self.names = lowered
        keys = lowered.map { name in
            name.withUnsafeBufferPointer { Key($0[...]) } ?? { preconditionFailure("name too long or empty") }()
        }
        // At most a quarter full: probes stay short.
        var bits = 4
        while 1 << bits < 4 * max(lowered.count, 1) { bits += 1 }
        shift = UInt64(64 - bits)
        var slots = [UInt16](repeating: 0, count: 1 << bits)
        for (number, key) in keys.enumerated() {
            var slot = key.slot(shift)
            while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = UInt16(number + 1)
        }
        self.slots = slots
    }

    /// The number of the name spelled by `bytes` (any ASCII case), or nil when it is not in the table.
    @inline(__always) func number(of bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        guard let key = Key(bytes) else { return nil }
        var slot = key.slot(shift)
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { return nil }
            if keys[entry - 1] == key { return entry - 1 }
            slot = (slot + 1) & (slots.count - 1)
        }
    }

    func number(of name: String) -> Int? {
        Array(name.utf8).withUnsafeBufferPointer { number(of: $0[...]) }
    }

    /// Up to 15 lowercased bytes, zero-padded, with the length in the last byte (so a name with a
    /// trailing NUL is not its shorter twin).
    private struct Key: Equatable {
        var low: UInt64 = 0
        var high: UInt64 = 0

        @inline(__always) init?(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) {
            let count = bytes.count
            guard count > 0 && count <= NameTable.maxLength else { return nil }
            let start = bytes.startIndex
            for k in 0..<count {
                let c = UInt64(Self.lower(bytes[start + k]))
                if k < 8 { low |= c << UInt64(8 * k) } else { high |= c << UInt64(8 * (k - 8)) }
            }
            high |= UInt64(count) << 56
        }

        @inline(__always) func slot(_ shift: UInt64) -> Int {
            Int(truncatingIfNeeded: ((low ^ (high &* 0x9E37_79B9_7F4A_7C15)) &* 0xC2B2_AE3D_27D4_EB4F) >> shift)
        }

        @inline(__always) private static func lower(_ c: UInt8) -> UInt8 { c &- 65 < 26 ? c | 0x20 : c }
    }
}

/// A set of numbers below 128 (tags or attributes of a `NameTable`) in two words.
struct NameSet: Sendable, Equatable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    static let capacity = 128

    init() {}

    init(_ numbers: some Sequence<Int>) {
        for number in numbers { insert(number) }
    }

    var isEmpty: Bool { low == 0 && high == 0 }

    mutating func insert(_ number: Int) {
        precondition(number >= 0 && number < Self.capacity)
        if number < 64 { low |= 1 << UInt64(number) } else { high |= 1 << UInt64(number - 64) }
    }

    @inline(__always) func contains(_ number: Int) -> Bool {
        number < 64 ? low & (1 << UInt64(number)) != 0 : high & (1 << UInt64(number &- 64)) != 0
    }
}
