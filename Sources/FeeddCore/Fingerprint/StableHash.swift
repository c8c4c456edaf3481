/// A fast 64-bit hash that is the same on every run and every machine (unlike `Hasher`, which is seeded per
/// process). feedd stores these values (article ids, fingerprints) and compares them across restarts, so the
/// algorithm is frozen: changing it changes every article id.
///
/// The construction is our own, in the xxHash64 family: one accumulator, 8-byte little-endian words mixed with
/// a multiply–rotate–multiply round, a zero-padded tail, the length folded in, and the murmur3 finalizer.
package enum StableHash {
    static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
    static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

    /// Hash of the string's UTF-8 bytes.
    package static func hash64(_ string: String, seed: UInt64 = 0) -> UInt64 {
        var string = string
        return string.withUTF8 { hash64(bytes: UnsafeRawBufferPointer($0), seed: seed) }
    }

    /// Hash of a substring's UTF-8 bytes (equal to hashing it as a `String`).
    package static func hash64(_ substring: Substring, seed: UInt64 = 0) -> UInt64 {
        if let hash = substring.utf8.withContiguousStorageIfAvailable({ hash64(bytes: UnsafeRawBufferPointer($0), seed: seed) }) {
            return hash
        }
        return hash64(String(substring), seed: seed)
    }

    /// Hash of two strings, equal to `hash64(parts: [first, second])` without building the array.
    package static func hash64(_ first: String, _ second: String, seed: UInt64 = 0) -> UInt64 {
        combine(hash64(first, seed: seed), hash64(second, seed: seed), seed: seed)
    }

    /// Hash of two parts from their hashes (each `hash64(…, seed: seed)`), as `hash64(_:_:seed:)` combines them.
    package static func combine(_ first: UInt64, _ second: UInt64, seed: UInt64 = 0) -> UInt64 {
        avalanche(step(step(seed &+ prime3 &+ 2, first), second))
    }

    /// Hash of raw bytes.
    package static func hash64(bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        let count = bytes.count
        var hash = seed &+ prime5 &+ UInt64(truncatingIfNeeded: count) &* prime1
        var offset = 0
        while offset + 8 <= count {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            hash = step(hash, word)
            offset += 8
        }
        if offset < count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while offset < count {
                tail |= UInt64(bytes[offset]) << shift
                shift += 8
                offset += 1
            }
            hash = step(hash, tail)
        }
        return avalanche(hash)
    }

    /// Folds one 64-bit word into a running hash (used to hash sequences of already-hashed values).
    @inline(__always)
    package static func step(_ hash: UInt64, _ word: UInt64) -> UInt64 {
        var lane = (word &* prime2).rotatedLeft(31) &* prime1
        lane ^= hash
        return lane.rotatedLeft(27) &* prime1 &+ prime4
    }

    /// The murmur3 64-bit finalizer: every input bit affects every output bit.
    @inline(__always)
    package static func avalanche(_ value: UInt64) -> UInt64 {
        var x = value
        x ^= x >> 33
        x &*= 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        x &*= 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return x
    }

    /// Hash of several strings, each length-delimited so that ("ab","c") and ("a","bc") differ.
    package static func hash64(parts: [String], seed: UInt64 = 0) -> UInt64 {
        var hash = seed &+ prime3 &+ UInt64(parts.count)
        for part in parts {
            hash = step(hash, hash64(part, seed: seed))
        }
        return avalanche(hash)
    }
}

extension UInt64 {
    @inline(__always)
    func rotatedLeft(_ count: UInt64) -> UInt64 { (self << count) | (self >> (64 - count)) }
}
