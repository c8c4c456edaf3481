import TestSupport
import Testing

@testable import FeeddStore

@Suite("CRC-32C")
struct CRC32CTests {
    @Test func knownVectors() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8]()) == 0)
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum(Array(0..<32).map(UInt8.init)) == 0x46DD_794E)
    }

    /// Slice-by-8 must agree with the plain bit-at-a-time definition at every length and alignment.
    @Test func matchesBitwiseDefinition() {
        func bitwise(_ bytes: ArraySlice<UInt8>) -> UInt32 {
            var crc: UInt32 = 0xFFFF_FFFF
            for byte in bytes {
                crc ^= UInt32(byte)
                for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
            }
            return ~crc
        }
        var generator = SplitMix64(seed: 0x4352_4333_3243)
        let data = (0..<300).map { _ in UInt8.random(in: 0...255, using: &generator) }
        for start in 0..<9 {
            for length in [0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 200] {
                let slice = data[start..<(start + length)]
                #expect(CRC32C.checksum(slice) == bitwise(slice), "start \(start) length \(length)")
                let software = slice.withUnsafeBytes { CRC32C.softwareChecksum($0) }
                #expect(software == bitwise(slice), "software, start \(start) length \(length)")
            }
        }
        let whole = Array(data)
        let split = whole.withUnsafeBytes { raw in
            CRC32C.checksum(
                UnsafeRawBufferPointer(rebasing: raw[100...]),
                continuing: CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[..<100])))
        }
        #expect(split == CRC32C.checksum(whole))
    }

    /// Every x86-64 machine feedd runs on in practice has SSE4.2; the test machine must use it.
    @Test func usesTheCPUInstructionOnX86() {
        #if arch(x86_64)
        #expect(CRC32C.usesHardware)
        #endif
    }

    @Test func combinesChecksumsOfConcatenatedParts() {
        var generator = SplitMix64(seed: 0x4352_4333_3243)
        let data = (0..<5000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        for split in [0, 1, 7, 8, 100, 4096, 4999, 5000] {
            let combined = CRC32C.combine(
                CRC32C.checksum(data[..<split]), CRC32C.checksum(data[split...]), length: data.count - split)
            #expect(combined == CRC32C.checksum(data), "split at \(split)")
        }
    }

    @Test func detectsEverySingleBitFlip() {
        let line = Array("{\"seq\":1,\"kind\":\"article\",\"id\":\"a\"}\n".utf8)
        let good = CRC32C.checksum(line)
        for index in line.indices {
            for bit in 0..<8 {
                var flipped = line
                flipped[index] ^= UInt8(1 << bit)
                #expect(CRC32C.checksum(flipped) != good)
            }
        }
    }
}
