/// SipHash-2-4 (Aumasson and Bernstein, 2012) with a caller-given 128-bit key: a fixed, published function,
/// so every feedd, whatever its version or machine, and any other tool that wants to predict the shard map,
/// computes the same value. Swift's `Hasher` is SipHash too, but with a per-process random key.
package struct SipHash24: Sendable {
    private let k0: UInt64
    private let k1: UInt64

    /// The key as the reference implementation reads it: 16 bytes, two little-endian words.
    package init(key: [UInt8]) {
        precondition(key.count == 16, "SipHash-2-4 takes a 16-byte key")
        k0 = Self.word(key, at: 0)
        k1 = Self.word(key, at: 8)
    }

    package func hash(_ bytes: [UInt8]) -> UInt64 {
        var v0 = k0 ^ 0x736f_6d65_7073_6575
        var v1 = k1 ^ 0x646f_7261_6e64_6f6d
        var v2 = k0 ^ 0x6c79_6765_6e65_7261
        var v3 = k1 ^ 0x7465_6462_7974_6573

        @inline(__always) func round() {
            v0 = v0 &+ v1
            v1 = v1.rotatedLeft(13)
            v1 ^= v0
            v0 = v0.rotatedLeft(32)
            v2 = v2 &+ v3
            v3 = v3.rotatedLeft(16)
            v3 ^= v2
            v0 = v0 &+ v3
            v3 = v3.rotatedLeft(21)
            v3 ^= v0
            v2 = v2 &+ v1
            v1 = v1.rotatedLeft(17)
            v1 ^= v2
            v2 = v2.rotatedLeft(32)
        }

        let whole = bytes.count & ~7
        var offset = 0
        while offset < whole {
            let m = Self.word(bytes, at: offset)
            v3 ^= m
            round()
            round()
            v0 ^= m
            offset += 8
        }
        // The last block: the remaining bytes, then the length's low byte in the top byte.
        var last = UInt64(truncatingIfNeeded: bytes.count) << 56
        var shift: UInt64 = 0
        while offset < bytes.count {
            last |= UInt64(bytes[offset]) << shift
            shift += 8
            offset += 1
        }
        v3 ^= last
        round()
        round()
        v0 ^= last
        v2 ^= 0xff
        round()
        round()
        round()
        round()
        return v0 ^ v1 ^ v2 ^ v3
    }

    private static func word(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
        return value
    }
}
