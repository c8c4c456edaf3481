import FeeddCore
import FeeddOutput
import FeeddStore

/// What a stored record becomes on the stream. The payload is the stored JSON line exactly as the journal holds
/// it (so a consumer reads the same record `feedd read` prints); the headers say what it is without parsing it.
///
/// - `Nats-Msg-Id: <id>:<revision>`: the same article at the same revision has the same id on every instance
///   and after every re-send, so JetStream stores it once within the stream's duplicate window. A record of
///   another kind (none is written today) is `<kind>:<id>:<revision>`.
/// - `Feedd-Source`, `Feedd-Kind`, `Feedd-Revision`: the record's source, kind and revision.
/// - `Feedd-Fingerprint`: the text's 64-bit SimHash as 16 hex digits, the near-duplicate fingerprint: copies of
///   a story differ in a few bits (docs/DEDUPE.md), so a consumer can group them by Hamming distance.
/// - `Feedd-Duplicate-Of`: for a near-duplicate marked by `near_duplicates = mark`, the id of the first copy.
enum OutputMessages {
    /// The record as a message on its source's subject.
    static func message(for record: StoredRecord, settings: NATSOutputSettings) -> OutgoingMessage {
        let identity = record.articleIdentity ?? record.otherKindIdentity
        let source = identity?.source ?? ""
        let revision = identity?.revision ?? 1
        let id = identity?.id ?? "seq-\(record.seq)"
        let messageID = record.kind == "article" ? "\(id):\(revision)" : "\(record.kind):\(id):\(revision)"
        var headers = [
            OutgoingMessage.Header("Feedd-Kind", record.kind),
            OutgoingMessage.Header("Feedd-Source", source),
            OutgoingMessage.Header("Feedd-Revision", String(revision)),
        ]
        if let fingerprint = identity?.fingerprint {
            headers.append(OutgoingMessage.Header("Feedd-Fingerprint", Fingerprint.hex(fingerprint)))
        }
        if let original = identity?.duplicateOf {
            headers.append(OutgoingMessage.Header("Feedd-Duplicate-Of", original))
        }
        return OutgoingMessage(
            subject: settings.subject(for: source.isEmpty ? "_" : source), payload: record.line, messageID: messageID,
            headers: headers)
    }

    /// The subjects the stream takes: the subject template with `<source>` as the one-token wildcard.
    static func streamSubjects(_ settings: NATSOutputSettings) -> [String] {
        [settings.subject.replacingOccurrences(of: NATSOutputSettings.sourcePlaceholder, with: "*")]
    }
}

extension StoredRecord {
    /// `id`, `source` and `revision` of a record that is not an article, read the same way.
    fileprivate var otherKindIdentity: Article? {
        line.withUnsafeBytes { Article(identityFieldsOf: $0) }
    }
}
