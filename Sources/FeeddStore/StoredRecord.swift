import FeeddCore
import Foundation

/// One committed record as read back: its seq, kind, when it was stored, and the exact stored line.
package struct StoredRecord: Sendable {
    package var seq: UInt64
    package var kind: String
    /// The stored JSON line, without its trailing newline.
    package var line: [UInt8]
    /// When the journal stored it (from the sidecar index).
    package var time: Date

    package init(seq: UInt64, kind: String, line: [UInt8], time: Date) {
        self.seq = seq
        self.kind = kind
        self.line = line
        self.time = time
    }

    package var text: String { String(decoding: line, as: UTF8.self) }

    /// The article, for `kind == "article"` records that decode.
    package var article: Article? {
        guard kind == "article",
            let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
        else { return nil }
        return Article(record: object)
    }
}

extension StoredRecord {
    /// The article's identity and dedupe fields only (see `Article.init(identityFieldsOf:)`): what
    /// rebuilding the dedupe index needs, at a fraction of the cost of decoding the whole record.
    package var articleIdentity: Article? {
        guard kind == "article" else { return nil }
        return line.withUnsafeBytes { Article(identityFieldsOf: $0) }
    }
}
