import FeeddCore

/// What can be appended to the journal. Every kind becomes one JSON line starting with `seq` and `kind`.
package enum JournalRecord: Sendable {
    case article(Article)

    package var kind: String {
        switch self {
        case .article: return "article"
        }
    }

    /// Appends the record's line, newline included, to `buffer`.
    func encode(seq: UInt64, into buffer: inout [UInt8]) {
        var json = JSONWriter(capacity: 4096)
        json.beginObject()
        json.field("seq", seq)
        json.field("kind", kind)
        switch self {
        case .article(let article): article.writeFields(to: &json)
        }
        json.endObject()
        buffer.append(contentsOf: json.bytes)
        buffer.append(0x0A)
    }
}
