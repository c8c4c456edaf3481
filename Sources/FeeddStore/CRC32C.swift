import CFeeddCRC

/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78): the CPU's instruction where there is one (x86-64
/// SSE4.2), else slice-by-8, where eight 256-entry tables let the loop consume eight bytes per step.
/// The check value of "123456789" is 0xE3069283.
package enum CRC32C {
    /// Whether `checksum` uses the CPU's instruction.
    package static let usesHardware = feedd_crc32c_hardware_available() != 0

    private static let polynomial: UInt32 = 0x82F6_3B78

    /// Eight tables of 256 entries, flattened: table k at `k * 256`.
    private static let table: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 8 * 256)
        for i in 0..<256 {
            var crc = UInt32(i)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ polynomial : crc >> 1 }
            table[i] = crc
        }
        for k in 1..<8 {
            for i in 0..<256 {
                let previous = table[(k - 1) * 256 + i]
                table[k * 256 + i] = (previous >> 8) ^ table[Int(previous & 0xFF)]
            }
        }
        return table
    }()

    /// The checksum of `bytes`, continuing from `previous` (the result of an earlier call) when given.
    package static func checksum(_ bytes: UnsafeRawBufferPointer, continuing previous: UInt32 = 0) -> UInt32 {
        guard let base = bytes.baseAddress else { return previous }
        if usesHardware { return ~feedd_crc32c_hardware(~previous, base, bytes.count) }
        return softwareChecksum(bytes, continuing: previous)
    }

    /// The table-driven checksum, for CPUs without the instruction (and to test it against).
    package static func softwareChecksum(_ bytes: UnsafeRawBufferPointer, continuing previous: UInt32 = 0) -> UInt32 {
        var crc = ~previous
        guard var pointer = bytes.baseAddress else { return previous }
        var remaining = bytes.count
        table.withUnsafeBufferPointer { t in
            let t = t.baseAddress!
            while remaining >= 8 {
                let word = pointer.loadUnaligned(as: UInt64.self).littleEndian
                let low = UInt32(truncatingIfNeeded: word) ^ crc
                let high = UInt32(truncatingIfNeeded: word >> 32)
                crc =
                    t[7 * 256 + Int(low & 0xFF)] ^ t[6 * 256 + Int((low >> 8) & 0xFF)]
                    ^ t[5 * 256 + Int((low >> 16) & 0xFF)] ^ t[4 * 256 + Int(low >> 24)]
                    ^ t[3 * 256 + Int(high & 0xFF)] ^ t[2 * 256 + Int((high >> 8) & 0xFF)]
                    ^ t[1 * 256 + Int((high >> 16) & 0xFF)] ^ t[Int(high >> 24)]
                pointer += 8
                remaining -= 8
            }
            while remaining > 0 {
                let byte = pointer.load(as: UInt8.self)
                crc = t[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
                pointer += 1
                remaining -= 1
            }
        }
        return ~crc
    }

    package static func checksum<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt32 {
        if let result = bytes.withContiguousStorageIfAvailable({ checksum(UnsafeRawBufferPointer($0)) }) {
            return result
        }
        return Array(bytes).withUnsafeBytes { checksum($0) }
    }

    /// The CRC-32C of `A + B` from `crc(A)`, `crc(B)` and the length of B, without touching the bytes:
    /// crc(A) is multiplied by x^(8·length) modulo the polynomial (GF(2) arithmetic on reflected values).
    package static func combine(_ first: UInt32, _ second: UInt32, length: Int) -> UInt32 {
        multiplyModP(xPower8n(length), first) ^ second
    }

    /// a·b modulo the polynomial, both reflected (bit 31 is the x^0 coefficient).
    private static func multiplyModP(_ a: UInt32, _ b: UInt32) -> UInt32 {
        var a = a
        var b = b
        var product: UInt32 = 0
        while a != 0 {
            if a & 0x8000_0000 != 0 { product ^= b }
            a <<= 1
            b = b & 1 != 0 ? (b >> 1) ^ polynomial : b >> 1
        }
        return product
    }

    /// x^(2^k) modulo the polynomial for k = 0..<32.
    private static let powers: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 32)
        var power: UInt32 = 0x4000_0000  // x^1
        for k in 0..<32 {
            table[k] = power
            power = multiplyModP(power, power)
        }
        return table
    }()

    /// x^(8·n) modulo the polynomial.
    private static func xPower8n(_ n: Int) -> UInt32 {
        var result: UInt32 = 0x8000_0000  // x^0
        var n = UInt(n)
        var k = 3
        while n != 0 {
            if n & 1 != 0 { result = multiplyModP(powers[k & 31], result) }
            n >>= 1
            k += 1
        }
        return result
    }
}
