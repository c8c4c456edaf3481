import Dispatch
import FeeddCore
import Foundation
import Synchronization

/// The append-only article journal. Exactly one writer: a serial queue that gathers appends into batches
/// (group commit) and acknowledges a batch only after its `fdatasync`. The pending list is guarded by a mutex;
/// the writer's state lives on the queue.
package final class Journal: Sendable {
    package let directory: String
    package let options: JournalOptions
    private let queue: DispatchQueue
    private let writer: JournalWriter
    private let pending = Mutex(Pending())
    private let committed: Atomic<UInt64>

    private struct Pending {
        var items: [(records: [EncodedRecord], completion: @Sendable (Result<[UInt64], StoreError>) -> Void)] = []
        var count = 0
        var scheduled = false
        var kicked = false
    }

    private init(directory: String, options: JournalOptions, writer: JournalWriter) {
        self.directory = directory
        self.options = options
        self.writer = writer
        self.queue = DispatchQueue(label: "feedd.journal.writer", qos: .userInitiated)
        self.committed = Atomic(writer.lastSeq)
    }

    /// Opens (creating if needed) the store in `directory`: takes the single-writer lock, validates and repairs
    /// the tail and the sidecar indexes (logging `store_repaired`), applies retention. Fails at once with
    /// `.locked` when another writer holds the store.
    package static func open(directory: String, options: JournalOptions = JournalOptions(), logger: Logger)
        throws(StoreError) -> Journal
    {
        try open(directory: directory, options: options, logger: logger, keepCheckedActive: false).journal
    }

    /// `open`, and every record the store holds at that moment, oldest first, for the one pass that rebuilds
    /// what is derived from them (the dedupe index). Sealed segments are read from their files as
    /// `JournalReader` reads them; the active segment comes from the bytes recovery has just read and checked,
    /// instead of being read and checked a second time. Records appended later are not part of the sequence.
    package static func openAndRead(directory: String, options: JournalOptions = JournalOptions(), logger: Logger)
        throws(StoreError) -> (journal: Journal, records: JournalRecords)
    {
        let (journal, checked) = try open(directory: directory, options: options, logger: logger, keepCheckedActive: true)
        let records = JournalRecords(directory: directory, since: nil, sinceTime: nil, onDamage: { _ in }, checked: checked)
        return (journal, records)
    }

    private static func open(directory: String, options: JournalOptions, logger: Logger, keepCheckedActive: Bool)
        throws(StoreError) -> (journal: Journal, checked: CheckedSegment?)
    {
        let writer = try JournalWriter(directory: directory, options: options, logger: logger)
        let checked = writer.takeCheckedActive()
        writer.applyRetention()
        logger.debug("journal_opened", ["store": directory, "last_seq": writer.lastSeq])
        return (Journal(directory: directory, options: options, writer: writer), keepCheckedActive ? checked : nil)
    }

    /// The seq of the newest acknowledged record (0 for an empty store).
    package var lastSeq: UInt64 { committed.load(ordering: .acquiring) }

    /// Appends `records` as part of the next batch. `completion` runs on the writer's queue (keep it short)
    /// with the records' seqs, only after they are durable, or with the error that kept them from being stored.
    package func append(
        _ records: [JournalRecord], completion: @escaping @Sendable (Result<[UInt64], StoreError>) -> Void
    ) {
        guard !records.isEmpty else {
            completion(.success([]))
            return
        }
        // Serializing and checksumming happen here, on the caller's thread, in parallel with the writer's sync.
        let encoded = records.map { $0.encoded() }
        let (schedule, kick) = pending.withLock { state -> (Bool, Bool) in
            state.items.append((encoded, completion))
            state.count += records.count
            var schedule = false
            var kick = false
            if !state.scheduled {
                state.scheduled = true
                schedule = true
            }
            if state.count >= options.batchMaxRecords && !state.kicked {
                state.kicked = true
                kick = true
            }
            return (schedule, kick)
        }
        if kick {
            queue.async { self.flush() }
        } else if schedule {
            queue.asyncAfter(deadline: .now() + options.batchMaxDelay) { self.flush() }
        }
    }

    /// Appends and waits for the sync. Must not be called from an append completion.
    package func append(_ records: [JournalRecord]) throws(StoreError) -> [UInt64] {
        let done = DispatchSemaphore(value: 0)
        let result = Mutex<Result<[UInt64], StoreError>?>(nil)
        append(records) { outcome in
            result.withLock { $0 = outcome }
            done.signal()
        }
        done.wait()
        return try result.withLock { $0! }.get()
    }

    /// Re-validates the tail after a write or sync error and lets appends continue. (Appends also retry on their
    /// own once `options.retryDelay` has passed.)
    package func recover() throws(StoreError) {
        let outcome: Result<Void, StoreError> = queue.sync {
            do throws(StoreError) {
                try writer.recover()
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try outcome.get()
    }

    /// Writes what is pending, syncs, and releases the lock. Later appends fail with `.closed`.
    package func close() {
        queue.sync {
            while flush() {}
            writer.close()
        }
    }

    /// Runs on the queue: takes up to `batchMaxRecords` pending records (whole appends, at least one) as one
    /// batch, writes and syncs it once, then acknowledges. What is left is flushed right after.
    @discardableResult
    private func flush() -> Bool {
        let (batch, more) = pending.withLock { state in
            var taken = 0
            var records = 0
            while taken < state.items.count
                && (taken == 0 || records + state.items[taken].records.count <= options.batchMaxRecords)
            {
                records += state.items[taken].records.count
                taken += 1
            }
            let items = Array(state.items.prefix(taken))
            state.items.removeFirst(taken)
            state.count -= records
            let more = !state.items.isEmpty
            // Leftovers form the next batch at once; appends arriving later schedule their own flush.
            state.scheduled = more
            state.kicked = more
            return (items, more)
        }
        if more { queue.async { self.flush() } }
        guard !batch.isEmpty else { return false }
        let records = batch.flatMap(\.records)
        let result = writer.write(records)
        if case .success(let seqs) = result, let last = seqs.last {
            committed.store(last, ordering: .releasing)
        }
        var start = 0
        for item in batch {
            switch result {
            case .success(let seqs):
                item.completion(.success(Array(seqs[start..<(start + item.records.count)])))
            case .failure(let error):
                item.completion(.failure(error))
            }
            start += item.records.count
        }
        return more
    }

    deinit {
        writer.close()
    }
}
