/// One record's entry in a segment's sidecar index (`.idx`): 40 bytes, little-endian.
///
///     0  seq        u64   the record's seq
///     8  offset     u64   byte offset of the line in the segment
///    16  time       i64   when it was stored, milliseconds since the Unix epoch (never decreases)
///    24  length     u32   bytes of the line including its `\n`
///    28  crc        u32   CRC-32C of those bytes
///    32  reserved   u32   zero
///    36  entryCRC   u32   CRC-32C of bytes 0..<36, so a damaged entry is never trusted
///
/// The file starts with a 16-byte header: the magic `feedd-ix`, version u32 = 1, entry size u32 = 40.
package struct IndexEntry: Sendable, Equatable {
    package var seq: UInt64
    package var offset: Int64
    package var time: Int64
    package var length: UInt32
    package var crc: UInt32

    package init(seq: UInt64, offset: Int64, time: Int64, length: UInt32, crc: UInt32) {
        self.seq = seq
        self.offset = offset
        self.time = time
        self.length = length
        self.crc = crc
    }

    package var end: Int64 { offset + Int64(length) }

    package static let size = 40
    package static let headerSize = 16
    package static let header: [UInt8] = Array("feedd-ix".utf8) + [1, 0, 0, 0, 40, 0, 0, 0]

    package func encode(into buffer: inout [UInt8]) {
        let start = buffer.count
        func put<T: FixedWidthInteger>(_ value: T) {
            withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
        }
        put(seq)
        put(offset)
        put(time)
        put(length)
        put(crc)
        put(UInt32(0))
        let entryCRC = buffer[start..<(start + 36)].withUnsafeBytes { CRC32C.checksum($0) }
        put(entryCRC)
    }

    /// Decodes the entry at `offset` in `bytes`; nil when its own checksum does not match.
    package static func decode(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> IndexEntry? {
        guard offset + size <= bytes.count else { return nil }
        let base = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + size)])
        func get<T: FixedWidthInteger>(_ at: Int, _: T.Type) -> T {
            T(littleEndian: base.loadUnaligned(fromByteOffset: at, as: T.self))
        }
        let stored = get(36, UInt32.self)
        guard CRC32C.checksum(UnsafeRawBufferPointer(rebasing: base[0..<36])) == stored else { return nil }
        return IndexEntry(
            seq: get(0, UInt64.self), offset: get(8, Int64.self), time: get(16, Int64.self),
            length: get(24, UInt32.self), crc: get(28, UInt32.self))
    }
}
