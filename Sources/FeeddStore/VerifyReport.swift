import Foundation

/// What `JournalVerifier` found.
package struct VerifyReport: Sendable {
    package var segments = 0
    package var records = 0
    package var bytes: Int64 = 0
    package var firstSeq: UInt64?
    package var lastSeq: UInt64?
    /// Bytes after the active segment's last indexed record: a batch being written, or left by a crash
    /// (the next open keeps its complete records). Not damage.
    package var uncommittedBytes: Int64 = 0
    /// Files in `quarantine/`, set aside by earlier repairs.
    package var quarantined = 0
    package var damage: [StoreDamage] = []

    package var ok: Bool { damage.isEmpty }

    package init() {}
}
