import FeeddCore

/// What can be appended to the journal. Every kind becomes one JSON line starting with `seq` and `kind`.
package enum JournalRecord: Sendable {
    case article(Article)

    package var kind: String {
        switch self {
        case .article: return "article"
        }
    }

    /// The record without its seq, serialized and checksummed on the caller's thread, so the single writer
    /// only stitches on the seq prefix while it waits for the previous batch's sync.
    func encoded() -> EncodedRecord {
        var body = JSONWriter(capacity: 4096)
        switch self {
        case .article(let article): article.writeFields(to: &body)
        }
        var bytes = body.bytes
        bytes.append(UInt8(ascii: "}"))
        bytes.append(0x0A)
        return EncodedRecord(kind: kind, body: bytes, bodyCRC: CRC32C.checksum(bytes))
    }

    /// Appends the record's line, newline included, to `buffer`.
    func encode(seq: UInt64, into buffer: inout [UInt8]) {
        let encoded = encoded()
        encoded.appendLine(seq: seq, to: &buffer)
    }
}

/// A record's fields after `kind` (and the closing `}\n`), with their CRC-32C.
struct EncodedRecord: Sendable {
    var kind: String
    var body: [UInt8]
    var bodyCRC: UInt32

    /// Appends `{"seq":N,"kind":"K",` + body and returns the CRC-32C of the whole line.
    @discardableResult
    func appendLine(seq: UInt64, to buffer: inout [UInt8]) -> UInt32 {
        let start = buffer.count
        buffer.append(contentsOf: "{\"seq\":\(seq),\"kind\":\"\(kind)\",".utf8)
        let prefixCRC = buffer.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[start...])) }
        buffer.append(contentsOf: body)
        return CRC32C.combine(prefixCRC, bodyCRC, length: body.count)
    }
}
