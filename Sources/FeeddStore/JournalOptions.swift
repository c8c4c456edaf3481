import FeeddCore
import Foundation

/// How the journal segments its data and batches its syncs.
package struct JournalOptions: Sendable {
    /// A segment is sealed and a new one started once it holds this many bytes.
    package var segmentMaxBytes: Int64 = 64 << 20
    /// … or once its first record is this old (seconds).
    package var segmentMaxAge: Double = 24 * 3600
    /// Group commit: a batch is written and synced once it has this many records …
    package var batchMaxRecords: Int = 256
    /// … or this many seconds after its first record arrived.
    package var batchMaxDelay: Double = 0.005
    /// Drop whole sealed segments whose newest record is older than this (seconds); nil keeps everything.
    package var retain: Double? = nil
    /// Drop the oldest sealed segments while the store's data exceeds this many bytes; nil for no limit.
    package var retainBytes: Int64? = nil
    /// After a write or sync error the writer refuses appends for this long (seconds), then re-validates and retries.
    package var retryDelay: Double = 1
    /// Seconds since 1970: each batch's stored time, segment age, retention and the retry delay read it.
    /// The wall clock, except in tests, which move time themselves.
    package var clock: @Sendable () -> Double = { Date().timeIntervalSince1970 }

    package init(
        segmentMaxBytes: Int64 = 64 << 20, segmentMaxAge: Double = 24 * 3600, batchMaxRecords: Int = 256,
        batchMaxDelay: Double = 0.005, retain: Double? = nil, retainBytes: Int64? = nil, retryDelay: Double = 1,
        clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.segmentMaxBytes = segmentMaxBytes
        self.segmentMaxAge = segmentMaxAge
        self.batchMaxRecords = batchMaxRecords
        self.batchMaxDelay = batchMaxDelay
        self.retain = retain
        self.retainBytes = retainBytes
        self.retryDelay = retryDelay
        self.clock = clock
    }

    /// The defaults, with retention from the `[feedd]` settings (`retain`, `retain_bytes`).
    package init(settings: Settings) {
        self.init(retain: settings.retain, retainBytes: settings.retainBytes)
    }
}
