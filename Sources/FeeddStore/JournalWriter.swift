import FeeddCore
import FeeddSystem
import Foundation

/// The journal's single writer. Confined to `Journal`'s serial queue: nothing here is touched from anywhere else.
final class JournalWriter: @unchecked Sendable {
    let directory: String
    let options: JournalOptions
    let logger: Logger
    private var lock: StoreLock?
    private var position: WriterPosition
    private var data: FileDescriptor?
    private var index: FileDescriptor?
    /// Set by a write or sync error: nothing more is acknowledged until recovery succeeds.
    private var failure: (error: StoreError, at: Double)?
    /// The active segment as opening read and checked it, until `takeCheckedActive()` hands it over.
    private var checkedActive: CheckedSegment?

    init(directory: String, options: JournalOptions, logger: Logger) throws(StoreError) {
        self.directory = directory
        self.options = options
        self.logger = logger
        do { try FileSystem.createDirectory(directory) } catch {
            throw StoreError.system("create the store directory", path: directory, error)
        }
        let lock = try StoreLock(directory: directory)
        do {
            let outcome = try JournalRecovery.run(directory: directory, logger: logger)
            position = outcome.position
            checkedActive = outcome.active
            try openActive()
        } catch {
            lock.release()
            throw error
        }
        self.lock = lock
    }

    var lastSeq: UInt64 { position.nextSeq - 1 }

    /// The active segment's data and entries as they were checked at open (nil once taken, or for an empty store).
    func takeCheckedActive() -> CheckedSegment? {
        defer { checkedActive = nil }
        return checkedActive
    }
    var isClosed: Bool { lock == nil }

    private func openActive() throws(StoreError) {
        data?.close()
        index?.close()
        data = nil
        index = nil
        guard let segment = position.segment else { return }
        do { data = try FileDescriptor.open(segment.dataPath, .readWrite) } catch {
            throw StoreError.system("open", path: segment.dataPath, error)
        }
        do { index = try FileDescriptor.open(segment.indexPath, .readWrite) } catch {
            throw StoreError.system("open", path: segment.indexPath, error)
        }
    }

    private func now() -> Double { options.clock() }

    /// Writes one batch: every line, one `fdatasync`, then the index entries. Returns the seqs only when
    /// the data is durable; on any error nothing of the batch is acknowledged and the writer stops.
    func write(_ records: [EncodedRecord]) -> Result<[UInt64], StoreError> {
        guard !isClosed else {
            return .failure(StoreError(.closed, path: directory, "the journal is closed"))
        }
        if let failure {
            guard now() - failure.at >= options.retryDelay else { return .failure(failure.error) }
            do { try recover() } catch { return .failure(error) }
        }
        do {
            try rollIfNeeded()
        } catch {
            fail(error)
            return .failure(error)
        }
        guard let segment = position.segment, let data, let index else {
            let error = StoreError(.io, path: directory, "no active segment")
            fail(error)
            return .failure(error)
        }

        var buffer: [UInt8] = []
        buffer.reserveCapacity(records.reduce(0) { $0 + $1.body.count + 48 })
        var entries: [IndexEntry] = []
        entries.reserveCapacity(records.count)
        var seq = position.nextSeq
        let time = max(position.lastTime, Int64(now() * 1000))
        for record in records {
            let start = buffer.count
            let crc = record.appendLine(seq: seq, to: &buffer)
            entries.append(
                IndexEntry(
                    seq: seq, offset: position.dataSize + Int64(start), time: time,
                    length: UInt32(buffer.count - start), crc: crc))
            seq += 1
        }
        do {
            try data.pwrite(buffer, at: position.dataSize)
            try data.dataSync()
        } catch {
            let failed = StoreError.system("write", path: segment.dataPath, error)
            fail(failed)
            return .failure(failed)
        }
        // Durable from here on: the batch is acknowledged even if the index write below fails.
        position.dataSize += Int64(buffer.count)
        position.nextSeq = seq
        position.lastTime = time
        if position.firstTime == nil { position.firstTime = time }
        var indexBytes: [UInt8] = []
        indexBytes.reserveCapacity(entries.count * IndexEntry.size)
        for entry in entries { entry.encode(into: &indexBytes) }
        do {
            try index.pwrite(
                indexBytes, at: Int64(IndexEntry.headerSize + position.indexCount * IndexEntry.size))
            position.indexCount += entries.count
        } catch {
            // The index is derived: recovery rebuilds it from the data before the next append.
            fail(StoreError.system("write the index", path: segment.indexPath, error))
        }
        return .success(entries.map(\.seq))
    }

    private func fail(_ error: StoreError) {
        // Debug only: a full disk fails every batch, and the one who appends (the daemon) logs the failure
        // once for the operator, with what to do.
        if failure == nil {
            logger.debug(
                "store_write_failed",
                ["file": error.path, "kind": error.code, "errno": error.errno?.rawValue as Any],
                error.message + "; appends are refused until the store recovers")
        }
        failure = (error, now())
    }

    /// Re-validates the store from disk after an error: the active segment is cut back to what was
    /// durably acknowledged (bytes of a failed batch are not trusted), the index repaired, then writing resumes.
    func recover() throws(StoreError) {
        guard !isClosed else { throw StoreError(.closed, path: directory, "the journal is closed") }
        data?.close()
        index?.close()
        data = nil
        index = nil
        do throws(Errno) {
            if let segment = position.segment, let size = FileSystem.size(segment.dataPath), size > position.dataSize {
                let fd = try FileDescriptor.open(segment.dataPath, .readWrite)
                defer { fd.close() }
                try fd.truncate(to: position.dataSize)
                try fd.dataSync()
            }
        } catch {
            let failed = StoreError.system("cut back", path: position.segment?.dataPath ?? directory, error)
            failure = (failed, now())
            throw failed
        }
        do {
            position = try JournalRecovery.run(directory: directory, logger: logger).position
            try openActive()
        } catch {
            failure = (error, now())
            throw error
        }
        if failure != nil {
            logger.debug("store_revalidated", ["seq": lastSeq], "the store was checked again; appends resume")
        }
        failure = nil
    }

    /// Seals the active segment and starts the next one when it is full or old enough (checked before a batch).
    private func rollIfNeeded() throws(StoreError) {
        if let segment = position.segment {
            let full = position.dataSize >= options.segmentMaxBytes
            let old =
                position.firstTime.map { Double(Int64(now() * 1000) - $0) / 1000 >= options.segmentMaxAge }
                ?? false
            guard (full || old) && position.indexCount > 0 else { return }
            // Sealing: the index must be durable before a newer segment exists.
            do { try index?.dataSync() } catch {
                throw StoreError.system("sync the index", path: segment.indexPath, error)
            }
            logger.info(
                "store_segment_sealed",
                [
                    "file": segment.dataName, "bytes": position.dataSize,
                    "last_seq": lastSeq,
                ])
        }
        try createSegment(firstSeq: position.nextSeq)
        applyRetention()
    }

    private func createSegment(firstSeq: UInt64) throws(StoreError) {
        let segment = SegmentFile(directory: directory, firstSeq: firstSeq)
        do throws(Errno) {
            // The index first: a data file never exists without its index header (an orphan index is removed on open).
            let indexFD = try FileDescriptor.open(segment.indexPath, [.readWrite, .create, .truncate], mode: 0o644)
            do {
                try indexFD.pwrite(IndexEntry.header, at: 0)
                try indexFD.dataSync()
            } catch {
                indexFD.close()
                throw error
            }
            let dataFD: FileDescriptor
            do {
                dataFD = try FileDescriptor.open(segment.dataPath, [.readWrite, .create, .truncate], mode: 0o644)
            } catch {
                indexFD.close()
                throw error
            }
            do {
                try FileSystem.syncDirectory(directory)
            } catch {
                indexFD.close()
                dataFD.close()
                throw error
            }
            data?.close()
            index?.close()
            data = dataFD
            index = indexFD
        } catch {
            throw StoreError.system("create the segment", path: segment.dataPath, error)
        }
        position = WriterPosition(
            segment: segment, dataSize: 0, indexCount: 0, nextSeq: firstSeq, firstTime: nil,
            lastTime: position.lastTime)
    }

    /// Drops whole sealed segments, oldest first, past the age or size limit. The active one always stays.
    func applyRetention() {
        guard options.retain != nil || options.retainBytes != nil,
            let segments = try? SegmentFile.list(in: directory), segments.count > 1
        else { return }
        var total = segments.reduce(Int64(0)) { $0 + (FileSystem.size($1.dataPath) ?? 0) }
        let nowMilliseconds = Int64(now() * 1000)
        var removed = false
        for segment in segments.dropLast() {
            var drop = false
            if let retain = options.retain, let last = SegmentIndex.lastEntry(path: segment.indexPath),
                Double(nowMilliseconds - last.time) / 1000 > retain
            {
                drop = true
            }
            if let limit = options.retainBytes, total > limit { drop = true }
            guard drop else { break }
            let size = FileSystem.size(segment.dataPath) ?? 0
            // Data first, then the index: a reader that finds an index without data skips it.
            try? FileSystem.remove(segment.dataPath)
            try? FileSystem.remove(segment.indexPath)
            total -= size
            removed = true
            logger.info(
                "store_retention", ["file": segment.dataName, "bytes": size], "dropped the oldest segment")
        }
        if removed { try? FileSystem.syncDirectory(directory) }
    }

    /// Syncs the index and releases the lock. Idempotent.
    func close() {
        guard let lock else { return }
        try? index?.dataSync()
        data?.close()
        index?.close()
        data = nil
        index = nil
        lock.release()
        self.lock = nil
    }
}
