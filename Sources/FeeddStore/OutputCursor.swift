import FeeddCore
import FeeddSystem
import Foundation

/// The NATS output's durable state in the store, `output-nats.json`, replaced atomically like `state.json`:
/// the seq of the last record the stream acknowledged (the output resumes after it), the stream it belongs
/// to, and this store's claimant token, which marks the shared dedupe keys it claimed as its own (so a claim
/// left by a crash before the append is recognized as ours when the article comes again).
package struct OutputCursor: Sendable, Equatable {
    /// The stream the seq refers to: a cursor of another stream does not apply (that stream has none of it).
    package var stream: String
    /// Every record up to this seq was acknowledged by the stream; 0: none.
    package var acknowledgedSeq: UInt64
    /// 32 hex digits, made once per store.
    package var claimant: String

    package init(stream: String, acknowledgedSeq: UInt64, claimant: String) {
        self.stream = stream
        self.acknowledgedSeq = acknowledgedSeq
        self.claimant = claimant
    }

    /// A fresh claimant token (random, from the system's generator).
    package static func newClaimant() -> String {
        var generator = SystemRandomNumberGenerator()
        return Fingerprint.hex(generator.next()) + Fingerprint.hex(generator.next())
    }
}

/// Reads and writes `output-nats.json` in a store directory.
package struct OutputCursorStore: Sendable {
    package let directory: String
    package var path: String { directory + "/" + Self.fileName }
    package static let fileName = "output-nats.json"

    package init(directory: String) {
        self.directory = directory
    }

    /// The stored cursor; nil when there is none or it cannot be read (the output then starts from the first
    /// record: every re-send within the stream's duplicate window is dropped by its `Nats-Msg-Id`).
    package func load() -> OutputCursor? {
        guard let data = FileManager.default.contents(atPath: path),
            let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let stream = root["stream"] as? String, let seq = (root["acknowledged_seq"] as? NSNumber)?.uint64Value,
            let claimant = root["claimant"] as? String, !claimant.isEmpty
        else { return nil }
        return OutputCursor(stream: stream, acknowledgedSeq: seq, claimant: claimant)
    }

    /// Replaces the file: temporary file, fsync, rename, fsync of the directory.
    package func save(_ cursor: OutputCursor) throws(StoreError) {
        var json = JSONWriter(capacity: 160)
        json.beginObject()
        json.field("version", 1)
        json.field("stream", cursor.stream)
        json.field("acknowledged_seq", cursor.acknowledgedSeq)
        json.field("claimant", cursor.claimant)
        json.endObject()
        do { try FileSystem.writeAtomically(json.bytes + [0x0A], to: path) } catch {
            throw StoreError.system("save the output cursor to", path: path, error)
        }
    }
}
